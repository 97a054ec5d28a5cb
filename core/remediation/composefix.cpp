// SPDX-License-Identifier: GPL-3.0-or-later
#include "composefix.h"

#include "composetree.h"

#include <QRegularExpression>

#include <algorithm>

namespace bulwark {
namespace {

using Pair = std::pair<ComposeNode, ComposeNode>;

struct Edit {
    qsizetype start = 0;
    qsizetype end = 0;
    QByteArray text;
};

QByteArray u8(const QString& s) { return s.toUtf8(); }

bool isHostValue(const ComposeNode* node)
{
    return node && node->isScalar() && node->value == QLatin1String("host");
}

bool needsQuoting(const QString& v)
{
    if (v.isEmpty() || v.front().isSpace() || v.back().isSpace())
        return true;
    static const QString leading = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
    if (leading.contains(v.front()) && !(v.front() == QLatin1Char('-') && v.size() > 1 && v[1] != QLatin1Char(' ')))
        return true;
    if (v.contains(QLatin1String(": ")) || v.contains(QLatin1String(" #")) || v.endsWith(QLatin1Char(':')))
        return true;
    static const QRegularExpression special(
        QStringLiteral("^(true|false|yes|no|on|off|null|~|y|n|[-+]?[0-9][0-9_.:eE+-]*)$"),
        QRegularExpression::CaseInsensitiveOption);
    return special.match(v).hasMatch();
}

QString doubleQuoted(const QString& v)
{
    QString out = v;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

// Renders a scalar in the style the value it replaces had, quoting only where YAML needs it.
QByteArray renderScalar(const QString& v, ComposeNode::Style like = ComposeNode::Style::Plain)
{
    if (like == ComposeNode::Style::DoubleQuoted)
        return u8(doubleQuoted(v));
    if (like == ComposeNode::Style::SingleQuoted) {
        QString out = v;
        out.replace(QLatin1Char('\''), QLatin1String("''"));
        return u8(QLatin1Char('\'') + out + QLatin1Char('\''));
    }
    return u8(needsQuoting(v) ? doubleQuoted(v) : v);
}

// A value to write for a new or replaced key: a scalar, or a list of already-rendered items, or a
// nested block of already-indented lines (relative indentation only).
struct NewValue {
    enum class Kind { Scalar, List, Lines } kind = Kind::Scalar;
    QByteArray scalar;
    QList<QByteArray> items;
    QList<QByteArray> lines; // for Lines: each line without indentation, with a depth
    QList<int> depths;
};

class Editor {
public:
    Editor(QByteArray text, QString sourceName, QString service)
        : m_text(std::move(text)), m_source(std::move(sourceName)), m_serviceName(std::move(service))
    {
    }

    Result<void> load()
    {
        auto tree = parseComposeTree(m_text, m_source);
        if (!tree)
            return tree.error();
        m_root = std::move(tree).value();
        if (!m_root.isMapping())
            return Result<void>::failure(QStringLiteral("%1: not a compose file (the top level is not a mapping)").arg(m_source));
        const auto* services = m_root.pair(QStringLiteral("services"));
        if (!services || !services->second.isMapping())
            return Result<void>::failure(QStringLiteral("%1: no services section").arg(m_source));
        m_services = services;
        m_service = services->second.pair(m_serviceName);
        if (!m_service)
            return Result<void>::failure(
                QStringLiteral("%1: service \"%2\" is not defined in this file").arg(m_source, m_serviceName));
        if (!m_service->second.isMapping())
            return Result<void>::failure(QStringLiteral("%1:%2: service \"%3\" is not a mapping")
                                             .arg(m_source)
                                             .arg(m_service->first.line + 1)
                                             .arg(m_serviceName));
        m_eol = m_text.contains("\r\n") ? QByteArray("\r\n") : QByteArray("\n");
        detectStyle();
        return {};
    }

    const ComposeNode& root() const { return m_root; }
    const ComposeNode& service() const { return m_service->second; }
    const QString& source() const { return m_source; }
    const QString& serviceName() const { return m_serviceName; }

    QString where(const ComposeNode& node) const
    {
        return QStringLiteral("%1:%2:%3").arg(m_source).arg(node.line + 1).arg(node.column + 1);
    }

    // The value of `key` as the service sees it: its own, or merged in with `<<`.
    struct Lookup {
        const Pair* own = nullptr;
        const ComposeNode* value = nullptr; // own value, alias target or merged value
    };
    Lookup lookup(const QString& key) const
    {
        Lookup l;
        if ((l.own = service().pair(key))) {
            l.value = &l.own->second;
            if (l.value->isAlias())
                l.value = resolveAlias(m_root, *l.value);
            return l;
        }
        l.value = mergedValue(service(), key, 0);
        return l;
    }

    // Items of a sequence (resolving aliases), or a scalar as a one-item list.
    QList<const ComposeNode*> itemsOf(const ComposeNode* node) const
    {
        QList<const ComposeNode*> out;
        if (!node)
            return out;
        if (node->isSequence()) {
            for (const auto& item : node->items)
                out.append(item.isAlias() ? resolveAlias(m_root, item) : &item);
        } else if (node->isScalar()) {
            out.append(node);
        }
        out.removeAll(nullptr);
        return out;
    }

    QByteArray raw(const ComposeNode& node) const { return m_text.mid(node.start, node.end - node.start); }

    // ---- primitive edits ----

    void replace(const ComposeNode& node, const QByteArray& text) { m_edits.append({node.start, node.end, text}); }

    void addServiceKey(const QString& key, const NewValue& value) { addKey(service(), key, value); }

    void addKey(const ComposeNode& map, const QString& key, const NewValue& value)
    {
        if (map.isFlow()) {
            const qsizetype close = map.end - 1;
            m_edits.append({close, close, (map.pairs.isEmpty() ? QByteArray() : QByteArray(", ")) + u8(key) + ": "
                                              + flowValue(value)});
            return;
        }
        const int col = map.pairs.isEmpty() ? 0 : map.pairs.constFirst().first.column;
        qsizetype pos = lineEndAfter(map.end - 1);
        QByteArray text = blockKey(col, key, value);
        if (pos == m_text.size() && !m_text.endsWith('\n'))
            text.prepend(m_eol);
        m_edits.append({pos, pos, text});
    }

    void appendItem(const ComposeNode& seq, const QByteArray& item)
    {
        if (seq.isFlow() || seq.items.isEmpty()) {
            const qsizetype close = seq.end - 1;
            m_edits.append({close, close, (seq.items.isEmpty() ? QByteArray() : QByteArray(", ")) + item});
            return;
        }
        const int col = dashColumn(seq.items.constFirst());
        qsizetype pos = lineEndAfter(seq.end - 1);
        QByteArray text = QByteArray(col, ' ') + "- " + item + m_eol;
        if (pos == m_text.size() && !m_text.endsWith('\n'))
            text.prepend(m_eol);
        m_edits.append({pos, pos, text});
    }

    // Removes a key and its value. Block: whole lines; flow: the pair and one comma.
    Result<void> removePair(const ComposeNode& map, const Pair& pair)
    {
        const qsizetype valueEnd = std::max(pair.first.end, pair.second.end);
        if (map.isFlow())
            return removeFlowRange(pair.first.start, valueEnd);
        const qsizetype from = lineStart(pair.first.start);
        if (!m_text.mid(from, pair.first.start - from).trimmed().isEmpty())
            return Result<void>::failure(QStringLiteral("%1: cannot remove \"%2\" here: it shares its line with other content")
                                             .arg(where(pair.first), pair.first.value));
        m_edits.append({from, lineEndAfter(valueEnd - 1), {}});
        return {};
    }

    Result<void> removeItem(const ComposeNode& seq, const ComposeNode& item)
    {
        if (seq.isFlow())
            return removeFlowRange(item.start, item.end);
        const qsizetype from = lineStart(item.start);
        const QByteArray prefix = m_text.mid(from, item.start - from).trimmed();
        if (prefix != "-")
            return Result<void>::failure(QStringLiteral("%1: cannot remove this list item: it shares its line with other content")
                                             .arg(where(item)));
        m_edits.append({from, lineEndAfter(item.end - 1), {}});
        return {};
    }

    // Replaces the value of a key (whatever it was, block or flow) with `value`.
    void replaceValue(const ComposeNode& map, const Pair& pair, const NewValue& value)
    {
        const qsizetype colon = m_text.indexOf(':', pair.first.end);
        const bool block = !map.isFlow()
                           && (value.kind == NewValue::Kind::Lines || (value.kind == NewValue::Kind::List && !preferFlow()));
        // Block values are replaced up to their last descendant, so a comment after it stays.
        const qsizetype end = pair.second.isNull() ? colon + 1 : std::max(pair.first.end, pair.second.end);
        QByteArray text;
        if (block) {
            const QByteArray lines = blockValueLines(pair.first.column, value);
            text = ":" + m_eol + lines.left(lines.size() - m_eol.size());
        } else {
            text = ": " + flowValue(value);
        }
        m_edits.append({colon, end, text});
    }

    void appendToDocument(const QByteArray& text)
    {
        QByteArray t = text;
        if (!m_text.isEmpty() && !m_text.endsWith('\n'))
            t.prepend(m_eol);
        m_edits.append({m_text.size(), m_text.size(), t});
    }

    QByteArray blockKey(int col, const QString& key, const NewValue& value) const
    {
        if (value.kind == NewValue::Kind::Scalar)
            return QByteArray(col, ' ') + u8(key) + ": " + value.scalar + m_eol;
        if (value.kind == NewValue::Kind::List && preferFlow())
            return QByteArray(col, ' ') + u8(key) + ": " + flowValue(value) + m_eol;
        return QByteArray(col, ' ') + u8(key) + ":" + m_eol + blockValueLines(col, value);
    }

    int indentUnit() const { return m_indent; }
    const QByteArray& eol() const { return m_eol; }

    Result<QByteArray> finish()
    {
        if (m_edits.isEmpty())
            return m_text;
        QList<qsizetype> order(m_edits.size());
        for (qsizetype i = 0; i < order.size(); ++i)
            order[i] = i;
        // From the end so earlier offsets stay valid. At one position a replaced range goes first,
        // then insertions in reverse order of addition, so that they read in the order they were added.
        std::sort(order.begin(), order.end(), [this](qsizetype a, qsizetype b) {
            const Edit& ea = m_edits[a];
            const Edit& eb = m_edits[b];
            if (ea.start != eb.start)
                return ea.start > eb.start;
            if ((ea.end - ea.start) != (eb.end - eb.start))
                return (ea.end - ea.start) > (eb.end - eb.start);
            return a > b;
        });
        QByteArray out = m_text;
        qsizetype lastStart = out.size() + 1;
        for (const qsizetype i : order) {
            const Edit& e = m_edits[i];
            if (e.end > lastStart)
                return Result<QByteArray>::failure(QStringLiteral("%1: internal error: overlapping edits").arg(m_source));
            out.replace(e.start, e.end - e.start, e.text);
            lastStart = e.start;
        }
        auto check = parseComposeTree(out, m_source);
        if (!check)
            return Result<QByteArray>::failure(
                QStringLiteral("the fix would make the file invalid (%1); nothing was changed").arg(check.errorMessage()));
        return out;
    }

private:
    const ComposeNode* mergedValue(const ComposeNode& map, const QString& key, int depth) const
    {
        if (depth > 8)
            return nullptr;
        const auto* merge = map.pair(QStringLiteral("<<"));
        if (!merge)
            return nullptr;
        QList<const ComposeNode*> sources;
        if (merge->second.isSequence())
            for (const auto& item : merge->second.items)
                sources.append(&item);
        else
            sources.append(&merge->second);
        for (const ComposeNode* src : std::as_const(sources)) {
            const ComposeNode* m = src->isAlias() ? resolveAlias(m_root, *src) : src;
            if (!m || !m->isMapping())
                continue;
            if (const ComposeNode* v = m->get(key))
                return v->isAlias() ? resolveAlias(m_root, *v) : v;
            if (const ComposeNode* v = mergedValue(*m, key, depth + 1))
                return v;
        }
        return nullptr;
    }

    void detectStyle()
    {
        const auto& svcs = m_services->second;
        if (!svcs.isFlow() && !svcs.pairs.isEmpty() && svcs.pairs.constFirst().first.column > m_services->first.column)
            m_indent = svcs.pairs.constFirst().first.column - m_services->first.column;
        // Sequence style: how far the dash of a block list sits from its key, and flow vs block.
        int flowLists = 0;
        int blockLists = 0;
        scanSequences(m_root, flowLists, blockLists);
        m_flowLists = flowLists > 0 && blockLists == 0;
    }

    void scanSequences(const ComposeNode& node, int& flow, int& block)
    {
        for (const auto& [k, v] : node.pairs) {
            if (v.isSequence() && !v.items.isEmpty()) {
                if (v.isFlow()) {
                    ++flow;
                } else {
                    ++block;
                    if (!m_seqOffsetKnown) {
                        m_seqOffset = dashColumn(v.items.constFirst()) - k.column;
                        m_seqOffsetKnown = m_seqOffset >= 0;
                    }
                }
            }
            scanSequences(v, flow, block);
        }
        for (const auto& item : node.items)
            scanSequences(item, flow, block);
    }

    bool preferFlow() const { return m_flowLists || service().isFlow(); }

    int dashColumn(const ComposeNode& item) const
    {
        const qsizetype dash = m_text.lastIndexOf('-', item.start);
        return dash < 0 ? item.column : static_cast<int>(dash - lineStart(dash));
    }

    QByteArray flowValue(const NewValue& value) const
    {
        switch (value.kind) {
        case NewValue::Kind::Scalar:
            return value.scalar;
        case NewValue::Kind::List:
            return "[" + value.items.join(", ") + "]";
        case NewValue::Kind::Lines: {
            // Nested mapping lines as a flow mapping: depth 0 keys of "k: v" / "k:" + deeper lines.
            QByteArray out = "{";
            for (qsizetype i = 0; i < value.lines.size(); ++i) {
                if (value.depths[i] != 0)
                    continue;
                out += (out.size() > 1 ? ", " : "") + value.lines[i];
            }
            return out + "}";
        }
        }
        return {};
    }

    QByteArray blockValueLines(int keyCol, const NewValue& value) const
    {
        QByteArray out;
        if (value.kind == NewValue::Kind::List) {
            const int dash = keyCol + (m_seqOffsetKnown ? m_seqOffset : m_indent);
            for (const auto& item : value.items)
                out += QByteArray(dash, ' ') + "- " + item + m_eol;
        } else if (value.kind == NewValue::Kind::Lines) {
            for (qsizetype i = 0; i < value.lines.size(); ++i)
                out += QByteArray(keyCol + m_indent * (value.depths[i] + 1), ' ') + value.lines[i] + m_eol;
        } else {
            out += QByteArray(keyCol + m_indent, ' ') + value.scalar + m_eol;
        }
        return out;
    }

    Result<void> removeFlowRange(qsizetype from, qsizetype to)
    {
        // Take the following ", " if there is one, else the preceding one.
        qsizetype after = to;
        while (after < m_text.size() && (m_text[after] == ' ' || m_text[after] == '\t'))
            ++after;
        if (after < m_text.size() && m_text[after] == ',') {
            ++after;
            while (after < m_text.size() && (m_text[after] == ' ' || m_text[after] == '\t'))
                ++after;
            m_edits.append({from, after, {}});
            return {};
        }
        qsizetype before = from - 1;
        while (before >= 0 && (m_text[before] == ' ' || m_text[before] == '\t'))
            --before;
        if (before >= 0 && m_text[before] == ',')
            from = before;
        m_edits.append({from, to, {}});
        return {};
    }

    qsizetype lineStart(qsizetype pos) const
    {
        const qsizetype nl = m_text.lastIndexOf('\n', std::max<qsizetype>(0, pos - 1));
        return (pos <= 0 || nl < 0) ? 0 : nl + 1;
    }
    // The offset just after the line that contains `pos`.
    qsizetype lineEndAfter(qsizetype pos) const
    {
        const qsizetype nl = m_text.indexOf('\n', std::max<qsizetype>(0, pos));
        return nl < 0 ? m_text.size() : nl + 1;
    }

    QByteArray m_text;
    QString m_source;
    QString m_serviceName;
    ComposeNode m_root;
    const Pair* m_services = nullptr;
    const Pair* m_service = nullptr;
    QByteArray m_eol = "\n";
    int m_indent = 2;
    int m_seqOffset = 2;
    bool m_seqOffsetKnown = false;
    bool m_flowLists = false;
    QList<Edit> m_edits;
};

NewValue scalarValue(const QByteArray& s)
{
    NewValue v;
    v.scalar = s;
    return v;
}

NewValue listValue(QList<QByteArray> items)
{
    NewValue v;
    v.kind = NewValue::Kind::List;
    v.items = std::move(items);
    return v;
}

QString normalizeCap(QString cap)
{
    cap = cap.trimmed().toUpper();
    if (cap.startsWith(QLatin1String("CAP_")))
        cap = cap.mid(4);
    return cap;
}

// The items a list the service inherits would have, rendered from the source, plus `extra`.
QList<QByteArray> copiedItems(const Editor& ed, const ComposeNode* value)
{
    QList<QByteArray> items;
    for (const ComposeNode* item : ed.itemsOf(value))
        items.append(item->isScalar() ? renderScalar(item->value, item->style) : ed.raw(*item));
    return items;
}

// ---- the fixes ----

Result<void> fixNoNewPrivileges(Editor& ed)
{
    static const QRegularExpression nnp(QStringLiteral("^no-new-privileges(?:[:=](\\S+))?$"));
    const auto l = ed.lookup(QStringLiteral("security_opt"));
    const QByteArray wanted = "no-new-privileges:true";
    if (!l.value || l.value->isNull()) {
        if (l.own)
            ed.replaceValue(ed.service(), *l.own, listValue({wanted}));
        else
            ed.addServiceKey(QStringLiteral("security_opt"), listValue({wanted}));
        return {};
    }
    const auto items = ed.itemsOf(l.value);
    const ComposeNode* falseItem = nullptr;
    for (const ComposeNode* item : items) {
        const auto m = nnp.match(item->value.trimmed());
        if (!m.hasMatch())
            continue;
        const QString v = m.captured(1);
        if (v.isEmpty() || v == QLatin1String("true"))
            return {}; // already there
        falseItem = item;
    }
    const bool ownList = l.own && l.own->second.isSequence();
    if (ownList) {
        if (falseItem)
            ed.replace(*falseItem, renderScalar(QString::fromUtf8(wanted), falseItem->style));
        else
            ed.appendItem(l.own->second, wanted);
        return {};
    }
    // Inherited through an alias or merge key: give the service its own list so the anchor's other
    // users are untouched.
    QList<QByteArray> copied;
    for (const ComposeNode* item : items)
        copied.append(item == falseItem ? wanted : (item->isScalar() ? renderScalar(item->value, item->style) : ed.raw(*item)));
    if (!falseItem)
        copied.append(wanted);
    if (l.own)
        ed.replaceValue(ed.service(), *l.own, listValue(copied));
    else
        ed.addServiceKey(QStringLiteral("security_opt"), listValue(copied));
    return {};
}

Result<void> fixCapDropAll(Editor& ed)
{
    const auto l = ed.lookup(QStringLiteral("cap_drop"));
    for (const ComposeNode* item : ed.itemsOf(l.value))
        if (normalizeCap(item->value) == QLatin1String("ALL"))
            return {};
    if (l.own && l.own->second.isSequence()) {
        ed.appendItem(l.own->second, "ALL");
        return {};
    }
    QList<QByteArray> items = copiedItems(ed, l.value);
    items.append("ALL");
    if (l.own)
        ed.replaceValue(ed.service(), *l.own, listValue(items));
    else
        ed.addServiceKey(QStringLiteral("cap_drop"), listValue(items));
    return {};
}

Result<void> fixDropPrivileges(Editor& ed, const FixOptions& options)
{
    const QSet<QString> dangerous =
        options.dangerousCapabilities.isEmpty() ? defaultDangerousCapabilities() : options.dangerousCapabilities;
    const auto priv = ed.lookup(QStringLiteral("privileged"));
    if (priv.value && priv.value->isScalar() && priv.value->value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0) {
        if (priv.own) {
            if (auto r = ed.removePair(ed.service(), *priv.own); !r)
                return r;
        } else {
            ed.addServiceKey(QStringLiteral("privileged"), scalarValue("false"));
        }
    }
    const auto caps = ed.lookup(QStringLiteral("cap_add"));
    const auto items = ed.itemsOf(caps.value);
    QList<const ComposeNode*> keep;
    for (const ComposeNode* item : items)
        if (!dangerous.contains(normalizeCap(item->value)))
            keep.append(item);
    if (keep.size() == items.size())
        return {};
    if (caps.own && caps.own->second.isSequence()) {
        if (keep.isEmpty())
            return ed.removePair(ed.service(), *caps.own);
        if (caps.own->second.isFlow()) {
            QList<QByteArray> rendered;
            for (const ComposeNode* item : std::as_const(keep))
                rendered.append(ed.raw(*item));
            ed.replace(caps.own->second, "[" + rendered.join(", ") + "]");
            return {};
        }
        for (const auto& item : caps.own->second.items)
            if (!keep.contains(&item))
                if (auto r = ed.removeItem(caps.own->second, item); !r)
                    return r;
        return {};
    }
    QList<QByteArray> rendered;
    for (const ComposeNode* item : std::as_const(keep))
        rendered.append(renderScalar(item->value, item->style));
    if (caps.own)
        ed.replaceValue(ed.service(), *caps.own, listValue(rendered));
    else
        ed.addServiceKey(QStringLiteral("cap_add"), listValue(rendered));
    return {};
}

bool isTmpTarget(const QString& spec)
{
    return spec.section(QLatin1Char(':'), 0, 0).trimmed() == QLatin1String("/tmp");
}

Result<void> fixReadOnly(Editor& ed)
{
    const auto ro = ed.lookup(QStringLiteral("read_only"));
    const bool already = ro.value && ro.value->isScalar()
                         && ro.value->value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
    if (!already) {
        if (ro.own && ro.own->second.isScalar())
            ed.replace(ro.own->second, "true");
        else if (ro.own)
            ed.replaceValue(ed.service(), *ro.own, scalarValue("true"));
        else
            ed.addServiceKey(QStringLiteral("read_only"), scalarValue("true"));
    }
    // A read-only root needs a writable /tmp, unless something is mounted there already.
    const auto tmpfs = ed.lookup(QStringLiteral("tmpfs"));
    for (const ComposeNode* item : ed.itemsOf(tmpfs.value))
        if (isTmpTarget(item->value))
            return {};
    const auto volumes = ed.lookup(QStringLiteral("volumes"));
    for (const ComposeNode* item : ed.itemsOf(volumes.value)) {
        if (item->isScalar()) {
            const QStringList parts = item->value.split(QLatin1Char(':'));
            const QString target = parts.size() >= 2 ? parts[1] : parts[0];
            if (target == QLatin1String("/tmp"))
                return {};
        }
    }
    for (const auto& vol : volumes.value && volumes.value->isSequence() ? volumes.value->items : QList<ComposeNode>{})
        if (vol.isMapping() && vol.get(QStringLiteral("target")) && vol.get(QStringLiteral("target"))->value == QLatin1String("/tmp"))
            return {};
    if (tmpfs.own && tmpfs.own->second.isSequence()) {
        ed.appendItem(tmpfs.own->second, "/tmp");
        return {};
    }
    QList<QByteArray> items = copiedItems(ed, tmpfs.value);
    items.append("/tmp");
    if (tmpfs.own)
        ed.replaceValue(ed.service(), *tmpfs.own, listValue(items));
    else
        ed.addServiceKey(QStringLiteral("tmpfs"), listValue(items));
    return {};
}

Result<void> fixMemory(Editor& ed, const FixOptions& options)
{
    const auto mem = ed.lookup(QStringLiteral("mem_limit"));
    const auto deploy = ed.lookup(QStringLiteral("deploy"));
    const ComposeNode* resources = deploy.value && deploy.value->isMapping() ? deploy.value->get(QStringLiteral("resources")) : nullptr;
    const ComposeNode* limits = resources && resources->isMapping() ? resources->get(QStringLiteral("limits")) : nullptr;
    if (limits && !limits->isMapping())
        limits = nullptr;
    const ComposeNode* limitMem = limits ? limits->get(QStringLiteral("memory")) : nullptr;

    auto sizeOf = [](const ComposeNode* n) -> std::optional<qint64> {
        return n && n->isScalar() ? parseComposeByteSize(n->value) : std::nullopt;
    };
    auto ok = [&](std::optional<qint64> b) { return b && *b > 0 && *b <= options.memoryCeilingBytes; };
    const auto memBytes = sizeOf(mem.value);
    const auto limBytes = sizeOf(limitMem);

    // The value to end up with: the smallest compliant one already written, else the default.
    QString target = options.memoryValue;
    qint64 targetBytes = parseComposeByteSize(target).value_or(options.memoryCeilingBytes);
    if (ok(memBytes) && (!ok(limBytes) || *memBytes <= *limBytes)) {
        target = mem.value->value;
        targetBytes = *memBytes;
    } else if (ok(limBytes)) {
        target = limitMem->value;
        targetBytes = *limBytes;
    }

    const bool memFine = mem.value && memBytes == targetBytes;
    const bool limFine = limitMem && limBytes == targetBytes;
    // Compose v1 drops mem_limit when deploy.resources.limits has no memory: fill both in whenever
    // a limits block exists; otherwise mem_limit alone is what both v1 and v2 honour.
    if (limits) {
        if (limFine && (!mem.value || memFine))
            return {};
    } else if (memFine) {
        return {};
    }

    const QByteArray rendered = renderScalar(target);
    if (mem.value || !limits) {
        if (!memFine) {
            if (mem.own && mem.own->second.isScalar())
                ed.replace(mem.own->second, renderScalar(target, mem.own->second.style));
            else if (mem.own)
                ed.replaceValue(ed.service(), *mem.own, scalarValue(rendered));
            else
                ed.addServiceKey(QStringLiteral("mem_limit"), scalarValue(rendered));
        }
    }
    if (limits && !limFine) {
        if (!deploy.own || deploy.value != &deploy.own->second)
            return Result<void>::failure(QStringLiteral("%1: the deploy block of \"%2\" comes from an anchor; set "
                                                        "deploy.resources.limits.memory to %3 there by hand")
                                             .arg(ed.where(*limits), ed.serviceName(), target));
        if (limitMem && limitMem->isScalar())
            ed.replace(*limitMem, renderScalar(target, limitMem->style));
        else if (const auto* p = limits->pair(QStringLiteral("memory")))
            ed.replaceValue(*limits, *p, scalarValue(rendered));
        else
            ed.addKey(*limits, QStringLiteral("memory"), scalarValue(rendered));
    }
    return {};
}

bool isLoopback(const QString& ip)
{
    const QString bare = ip.startsWith(QLatin1Char('[')) ? ip.mid(1, ip.size() - 2) : ip;
    return bare.startsWith(QLatin1String("127.")) || bare == QLatin1String("::1") || bare == QLatin1String("localhost");
}

// Short port syntax: [IP:]HOST:CONTAINER[/PROTO] or CONTAINER[/PROTO]. Returns the rebound spec,
// or an empty string when it is bound to loopback already.
QString reboundPort(const QString& spec)
{
    QString ip;
    QString rest = spec.trimmed();
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        ip = rest.left(close + 1);
        rest = rest.mid(close + 2);
    } else {
        const QStringList parts = rest.split(QLatin1Char(':'));
        if (parts.size() >= 3) {
            ip = parts.mid(0, parts.size() - 2).join(QLatin1Char(':'));
            rest = parts.mid(parts.size() - 2).join(QLatin1Char(':'));
        }
    }
    if (!ip.isEmpty() && isLoopback(ip))
        return {};
    if (!rest.contains(QLatin1Char(':')))
        rest.prepend(QLatin1Char(':')); // container port only: an ephemeral host port, on loopback now
    return QStringLiteral("127.0.0.1:") + rest;
}

Result<void> fixLoopbackPorts(Editor& ed)
{
    const auto l = ed.lookup(QStringLiteral("ports"));
    if (!l.value || !l.value->isSequence())
        return {};
    if (!l.own || l.value != &l.own->second) {
        // Inherited: the service gets its own list with every port rebound.
        QList<QByteArray> items;
        bool changed = false;
        for (const ComposeNode* item : ed.itemsOf(l.value)) {
            const QString r = item->isScalar() ? reboundPort(item->value) : QString();
            changed |= !r.isEmpty();
            items.append(r.isEmpty() ? ed.raw(*item) : u8(doubleQuoted(r)));
        }
        if (!changed)
            return {};
        if (l.own)
            ed.replaceValue(ed.service(), *l.own, listValue(items));
        else
            ed.addServiceKey(QStringLiteral("ports"), listValue(items));
        return {};
    }
    for (const auto& item : l.own->second.items) {
        if (item.isScalar()) {
            const QString r = reboundPort(item.value);
            if (!r.isEmpty())
                ed.replace(item, renderScalar(r, item.style == ComposeNode::Style::SingleQuoted
                                                     ? item.style
                                                     : ComposeNode::Style::DoubleQuoted));
        } else if (item.isMapping()) {
            // Long form: Compose v1 rejects host_ip, so even a loopback one becomes the short form both accept.
            const ComposeNode* target = item.get(QStringLiteral("target"));
            if (!target || !target->isScalar())
                return Result<void>::failure(QStringLiteral("%1: a port without a target").arg(ed.where(item)));
            const ComposeNode* published = item.get(QStringLiteral("published"));
            const ComposeNode* protocol = item.get(QStringLiteral("protocol"));
            QString spec = QStringLiteral("127.0.0.1:") + (published && published->isScalar() ? published->value : QString())
                           + QLatin1Char(':') + target->value;
            if (protocol && protocol->isScalar() && protocol->value != QLatin1String("tcp"))
                spec += QLatin1Char('/') + protocol->value;
            ed.replace(item, u8(doubleQuoted(spec)));
        }
    }
    return {};
}

Result<void> fixInfraNet(Editor& ed, const FixOptions& options)
{
    const QString net = options.network;
    const QByteArray netText = renderScalar(net);
    const auto mode = ed.lookup(QStringLiteral("network_mode"));
    if (mode.value && mode.value->isScalar()) {
        if (mode.value->value.startsWith(QLatin1String("service:")) || mode.value->value.startsWith(QLatin1String("container:")))
            return Result<void>::failure(QStringLiteral("%1: \"%2\" shares another container's network (network_mode: %3); "
                                                        "move that container to %4 instead")
                                             .arg(ed.where(*mode.value), ed.serviceName(), mode.value->value, net));
        if (!mode.own)
            return Result<void>::failure(QStringLiteral("%1: network_mode of \"%2\" comes from an anchor; remove it there")
                                             .arg(ed.where(*mode.value), ed.serviceName()));
        if (auto r = ed.removePair(ed.service(), *mode.own); !r)
            return r;
    }
    const auto l = ed.lookup(QStringLiteral("networks"));
    bool serviceFine = false;
    if (l.value && l.value->isSequence()) {
        const auto items = ed.itemsOf(l.value);
        serviceFine = items.size() == 1 && items.constFirst()->value == net;
    } else if (l.value && l.value->isMapping()) {
        serviceFine = l.value->pairs.size() == 1 && l.value->pairs.constFirst().first.value == net;
        if (!serviceFine && l.own && l.value == &l.own->second && l.value->pair(net)) {
            for (const auto& p : l.value->pairs)
                if (p.first.value != net)
                    if (auto r = ed.removePair(*l.value, p); !r)
                        return r;
            serviceFine = true;
        }
    }
    if (!serviceFine) {
        if (l.own)
            ed.replaceValue(ed.service(), *l.own, listValue({netText}));
        else
            ed.addServiceKey(QStringLiteral("networks"), listValue({netText}));
    }

    // Declare the network at the top level when this file does not.
    const auto* top = ed.root().pair(QStringLiteral("networks"));
    QList<QByteArray> props{"name: " + netText};
    if (options.networkExternal)
        props << "external: true";
    NewValue decl;
    decl.kind = NewValue::Kind::Lines;
    decl.lines = QList<QByteArray>{u8(net) + ":"} + props;
    decl.depths = {0, 1};
    if (options.networkExternal)
        decl.depths << 1;
    if (!top) {
        QByteArray block = "networks:" + ed.eol() + QByteArray(ed.indentUnit(), ' ') + netText + ":" + ed.eol();
        for (const QByteArray& p : std::as_const(props))
            block += QByteArray(2 * ed.indentUnit(), ' ') + p + ed.eol();
        ed.appendToDocument(block);
    } else if (top->second.isMapping()) {
        if (!top->second.pair(net)) {
            if (top->second.isFlow())
                ed.addKey(top->second, net, scalarValue("{" + props.join(", ") + "}"));
            else
                ed.addKey(top->second, net, [&] {
                    NewValue v;
                    v.kind = NewValue::Kind::Lines;
                    v.lines = props;
                    for (qsizetype i = 0; i < props.size(); ++i)
                        v.depths << 0;
                    return v;
                }());
        }
    } else if (top->second.isNull()) {
        ed.replaceValue(ed.root(), *top, decl);
    } else {
        return Result<void>::failure(QStringLiteral("%1: the top-level networks section is not a mapping").arg(ed.where(top->first)));
    }
    return {};
}

Result<void> fixHostNamespaces(Editor& ed)
{
    for (const QString& key : {QStringLiteral("pid"), QStringLiteral("ipc"), QStringLiteral("network_mode")}) {
        const auto l = ed.lookup(key);
        if (!isHostValue(l.value))
            continue;
        if (!l.own)
            return Result<void>::failure(QStringLiteral("%1: \"%2: host\" of service \"%3\" comes from an anchor or merge "
                                                        "key; remove it there")
                                             .arg(ed.where(*l.value), key, ed.serviceName()));
        if (auto r = ed.removePair(ed.service(), *l.own); !r)
            return r;
    }
    return {};
}

bool isHostPath(const QString& source)
{
    return source.startsWith(QLatin1Char('/')) || source.startsWith(QLatin1Char('.')) || source.startsWith(QLatin1Char('~'))
           || source.startsWith(QLatin1Char('$'));
}

Result<QString> hostPathFor(const Editor& ed, const ComposeNode& at, const QString& volume, const QString& target,
                            const FixOptions& options)
{
    QString path = options.bindSources.value(volume);
    if (path.isEmpty())
        path = options.bindSources.value(target);
    if (path.isEmpty())
        return Result<QString>::failure(
            QStringLiteral("%1: service \"%2\" keeps %3 at %4 in a Docker volume; give the host directory to bind instead "
                           "(--bind %5=/host/path)")
                .arg(ed.where(at), ed.serviceName(),
                     volume.isEmpty() ? QStringLiteral("an anonymous volume") : QStringLiteral("volume \"%1\"").arg(volume),
                     target, volume.isEmpty() ? target : volume));
    if (!isHostPath(path) || path.contains(QLatin1Char(':')) || path.contains(QLatin1Char('\n')))
        return Result<QString>::failure(
            QStringLiteral("\"%1\" is not usable as a bind source: give an absolute or ./relative path without ':'").arg(path));
    return path;
}

Result<void> fixBindMount(Editor& ed, const FixOptions& options)
{
    const auto l = ed.lookup(QStringLiteral("volumes"));
    if (!l.value || !l.value->isSequence())
        return {};
    if (!l.own || l.value != &l.own->second)
        return Result<void>::failure(QStringLiteral("%1: the volumes of \"%2\" come from an anchor or merge key; change them there")
                                         .arg(ed.where(*l.value), ed.serviceName()));
    for (const auto& item : l.own->second.items) {
        if (item.isScalar()) {
            QStringList parts = item.value.split(QLatin1Char(':'));
            if (parts.size() >= 2 && isHostPath(parts[0]))
                continue;
            const QString volume = parts.size() >= 2 ? parts[0] : QString();
            const QString target = parts.size() >= 2 ? parts[1] : parts[0];
            auto path = hostPathFor(ed, item, volume, target, options);
            if (!path)
                return path.error();
            if (parts.size() >= 2)
                parts[0] = *path;
            else
                parts.prepend(*path);
            ed.replace(item, renderScalar(parts.join(QLatin1Char(':')), item.style));
        } else if (item.isMapping()) {
            const auto* type = item.pair(QStringLiteral("type"));
            if (!type || type->second.value != QLatin1String("volume"))
                continue;
            const auto* source = item.pair(QStringLiteral("source"));
            const ComposeNode* target = item.get(QStringLiteral("target"));
            auto path = hostPathFor(ed, item, source ? source->second.value : QString(), target ? target->value : QString(), options);
            if (!path)
                return path.error();
            ed.replace(type->second, renderScalar(QStringLiteral("bind"), type->second.style));
            if (source)
                ed.replace(source->second, renderScalar(*path, source->second.style));
            else
                ed.addKey(item, QStringLiteral("source"), scalarValue(renderScalar(*path)));
        }
    }
    return {};
}

Result<void> applyOne(Editor& ed, FixKind kind, const FixOptions& options)
{
    switch (kind) {
    case FixKind::NoNewPrivileges:
        return fixNoNewPrivileges(ed);
    case FixKind::CapDropAll:
        return fixCapDropAll(ed);
    case FixKind::DropPrivileges:
        return fixDropPrivileges(ed, options);
    case FixKind::ReadOnlyRootfs:
        return fixReadOnly(ed);
    case FixKind::MemoryLimit:
        return fixMemory(ed, options);
    case FixKind::LoopbackPorts:
        return fixLoopbackPorts(ed);
    case FixKind::InfraNet:
        return fixInfraNet(ed, options);
    case FixKind::RemoveHostNamespaces:
        return fixHostNamespaces(ed);
    case FixKind::BindMount:
        return fixBindMount(ed, options);
    case FixKind::ChmodAdvice:
        return {};
    }
    return {};
}

struct KindInfo {
    FixKind kind;
    const char* name;
    const char* description;
};

constexpr KindInfo kKinds[] = {
    {FixKind::NoNewPrivileges, "no-new-privileges", "add no-new-privileges:true to security_opt"},
    {FixKind::CapDropAll, "cap-drop-all", "drop every capability (cap_drop: [ALL])"},
    {FixKind::DropPrivileges, "drop-privileges", "remove privileged mode and dangerous cap_add entries"},
    {FixKind::ReadOnlyRootfs, "read-only", "make the root filesystem read-only, with a tmpfs on /tmp"},
    {FixKind::MemoryLimit, "memory-limit", "set a memory limit within the ceiling, consistent in mem_limit and deploy limits"},
    {FixKind::LoopbackPorts, "loopback-ports", "publish ports on 127.0.0.1 only"},
    {FixKind::InfraNet, "infra-net", "attach the service to infra_net only"},
    {FixKind::RemoveHostNamespaces, "no-host-namespaces", "stop sharing the host's pid, ipc and network namespaces"},
    {FixKind::BindMount, "bind-mount", "replace named volumes with bind mounts of host directories"},
    {FixKind::ChmodAdvice, "chmod", "restrict sensitive bind sources to their owner (chmod, not a file edit)"},
};

} // namespace

QString fixKindName(FixKind kind)
{
    for (const auto& k : kKinds)
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    return {};
}

std::optional<FixKind> fixKindFromName(const QString& name)
{
    for (const auto& k : kKinds)
        if (name == QLatin1String(k.name))
            return k.kind;
    return std::nullopt;
}

QString fixKindDescription(FixKind kind)
{
    for (const auto& k : kKinds)
        if (k.kind == kind)
            return QString::fromLatin1(k.description);
    return {};
}

bool fixEditsFile(FixKind kind) { return kind != FixKind::ChmodAdvice; }

std::optional<FixKind> fixForControl(const QString& id)
{
    static const QMap<QString, FixKind> map{
        {QStringLiteral("SEC-01"), FixKind::NoNewPrivileges},   {QStringLiteral("AC-HARD-01"), FixKind::NoNewPrivileges},
        {QStringLiteral("SEC-02"), FixKind::CapDropAll},        {QStringLiteral("NFR-SEC-01"), FixKind::DropPrivileges},
        {QStringLiteral("REQ-HARD-03"), FixKind::ReadOnlyRootfs}, {QStringLiteral("REQ-HARD-01"), FixKind::RemoveHostNamespaces},
        {QStringLiteral("INF-01"), FixKind::InfraNet},          {QStringLiteral("INF-02"), FixKind::LoopbackPorts},
        {QStringLiteral("ST-01"), FixKind::BindMount},          {QStringLiteral("ST-02"), FixKind::ChmodAdvice},
        {QStringLiteral("AC-HARD-02"), FixKind::MemoryLimit},
    };
    const auto it = map.constFind(id);
    return it == map.cend() ? std::nullopt : std::optional<FixKind>(*it);
}

QStringList controlsForFix(FixKind kind)
{
    QStringList out;
    for (const QString& id : {QStringLiteral("REQ-HARD-01"), QStringLiteral("REQ-HARD-03"), QStringLiteral("NFR-SEC-01"),
                             QStringLiteral("ST-01"), QStringLiteral("ST-02"), QStringLiteral("INF-01"), QStringLiteral("INF-02"),
                             QStringLiteral("SEC-01"), QStringLiteral("SEC-02"), QStringLiteral("AC-HARD-01"),
                             QStringLiteral("AC-HARD-02")})
        if (fixForControl(id) == kind)
            out.append(id);
    return out;
}

QSet<QString> defaultDangerousCapabilities()
{
    return {QStringLiteral("ALL"),         QStringLiteral("SYS_ADMIN"),   QStringLiteral("SYS_MODULE"),
            QStringLiteral("SYS_PTRACE"),  QStringLiteral("SYS_RAWIO"),   QStringLiteral("SYS_BOOT"),
            QStringLiteral("NET_ADMIN"),   QStringLiteral("DAC_READ_SEARCH"), QStringLiteral("MAC_ADMIN"),
            QStringLiteral("MAC_OVERRIDE"), QStringLiteral("BPF"),        QStringLiteral("PERFMON"),
            QStringLiteral("SYS_TIME")};
}

QStringList fixKeys(FixKind kind)
{
    switch (kind) {
    case FixKind::NoNewPrivileges:
        return {QStringLiteral("security_opt")};
    case FixKind::CapDropAll:
        return {QStringLiteral("cap_drop")};
    case FixKind::DropPrivileges:
        return {QStringLiteral("privileged"), QStringLiteral("cap_add")};
    case FixKind::ReadOnlyRootfs:
        return {QStringLiteral("read_only"), QStringLiteral("tmpfs")};
    case FixKind::MemoryLimit:
        return {QStringLiteral("mem_limit"), QStringLiteral("deploy")};
    case FixKind::LoopbackPorts:
        return {QStringLiteral("ports")};
    case FixKind::InfraNet:
        return {QStringLiteral("networks"), QStringLiteral("network_mode")};
    case FixKind::RemoveHostNamespaces:
        return {QStringLiteral("pid"), QStringLiteral("ipc"), QStringLiteral("network_mode")};
    case FixKind::BindMount:
        return {QStringLiteral("volumes")};
    case FixKind::ChmodAdvice:
        return {};
    }
    return {};
}

Result<QByteArray> applyComposeFix(const QByteArray& text, const QString& service, FixKind kind, const FixOptions& options,
                                   const QString& sourceName)
{
    Editor ed(text, sourceName, service);
    if (auto r = ed.load(); !r)
        return r.error();
    if (auto r = applyOne(ed, kind, options); !r)
        return r.error();
    return ed.finish();
}

Result<QByteArray> applyComposeFixes(const QByteArray& text, const QString& service, const QList<FixKind>& kinds,
                                     const FixOptions& options, const QString& sourceName)
{
    QByteArray current = text;
    for (const FixKind kind : kinds) {
        auto next = applyComposeFix(current, service, kind, options, sourceName);
        if (!next)
            return Result<QByteArray>::failure(QStringLiteral("%1: %2").arg(fixKindName(kind), next.errorMessage()));
        current = std::move(next).value();
    }
    return current;
}

bool composeDefinesService(const QByteArray& text, const QString& service)
{
    Editor ed(text, QString(), service);
    return ed.load().ok();
}

bool composeServiceSetsAnyKey(const QByteArray& text, const QString& service, const QStringList& keys)
{
    Editor ed(text, QString(), service);
    if (!ed.load())
        return false;
    for (const auto& key : keys)
        if (ed.service().pair(key))
            return true;
    return false;
}

std::optional<qint64> parseComposeByteSize(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([bkmgt]?)(i?b?)\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    bool okNum = false;
    const double n = m.captured(1).toDouble(&okNum);
    if (!okNum)
        return std::nullopt;
    const QString unit = m.captured(2).toLower();
    double mult = 1;
    if (unit == QLatin1String("k"))
        mult = 1024.0;
    else if (unit == QLatin1String("m"))
        mult = 1024.0 * 1024;
    else if (unit == QLatin1String("g"))
        mult = 1024.0 * 1024 * 1024;
    else if (unit == QLatin1String("t"))
        mult = 1024.0 * 1024 * 1024 * 1024;
    return static_cast<qint64>(n * mult);
}

} // namespace bulwark
