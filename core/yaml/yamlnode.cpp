// SPDX-License-Identifier: GPL-3.0-or-later
#include "yamlnode.h"

#include <libfyaml.h>

#include <memory>

namespace bulwark {
namespace {

struct DiagDeleter {
    void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct DocumentDeleter {
    void operator()(fy_document* d) const { fy_document_destroy(d); }
};

YamlMark markOfToken(fy_token* token)
{
    YamlMark mark;
    if (!token)
        return mark;
    if (const fy_mark* start = fy_token_start_mark(token)) {
        mark.line = start->line + 1;
        mark.column = start->column + 1;
        mark.startOffset = static_cast<qsizetype>(start->input_pos);
    }
    if (const fy_mark* end = fy_token_end_mark(token))
        mark.endOffset = static_cast<qsizetype>(end->input_pos);
    return mark;
}

// libfyaml 0.7 exposes marks on tokens only, so a collection is placed at its first scalar
// (a mapping at its first key): the position a reader looks at for the error anyway.
YamlMark markOf(const YamlNode& first, const YamlNode& last)
{
    YamlMark mark = first.mark();
    mark.endOffset = last.mark().endOffset;
    return mark;
}

// Depth is bounded by libfyaml's own depth limit, so recursion here is bounded too.
YamlNode convert(fy_node* node)
{
    if (!node)
        return YamlNode::makeNull({});
    switch (fy_node_get_type(node)) {
    case FYNT_SCALAR: {
        const YamlMark mark = markOfToken(fy_node_get_scalar_token(node));
        size_t len = 0;
        const char* text = fy_node_get_scalar(node, &len);
        const QString value = QString::fromUtf8(text, static_cast<qsizetype>(len));
        const bool quoted = fy_node_get_style(node) != FYNS_PLAIN;
        // A plain empty scalar, "~" or "null" is YAML's null.
        if (!quoted && (value.isEmpty() || value == QLatin1String("~") || value == QLatin1String("null")
                        || value == QLatin1String("Null") || value == QLatin1String("NULL")))
            return YamlNode::makeNull(mark);
        return YamlNode::makeScalar(value, quoted, mark);
    }
    case FYNT_SEQUENCE: {
        QList<YamlNode> items;
        void* iter = nullptr;
        while (fy_node* item = fy_node_sequence_iterate(node, &iter))
            items.append(convert(item));
        const YamlMark mark = items.isEmpty() ? YamlMark{} : markOf(items.constFirst(), items.constLast());
        return YamlNode::makeSequence(std::move(items), mark);
    }
    case FYNT_MAPPING: {
        QList<std::pair<YamlNode, YamlNode>> pairs;
        void* iter = nullptr;
        while (fy_node_pair* pair = fy_node_mapping_iterate(node, &iter))
            pairs.append({convert(fy_node_pair_key(pair)), convert(fy_node_pair_value(pair))});
        const YamlMark mark =
            pairs.isEmpty() ? YamlMark{} : markOf(pairs.constFirst().first, pairs.constLast().second);
        return YamlNode::makeMapping(std::move(pairs), mark);
    }
    }
    return YamlNode::makeNull({});
}

} // namespace

const YamlNode* YamlNode::get(QLatin1String key) const
{
    for (const auto& [k, v] : m_pairs)
        if (k.isScalar() && k.scalar() == key)
            return &v;
    return nullptr;
}

QString YamlNode::kindName() const
{
    switch (m_kind) {
    case Kind::Null:
        return QStringLiteral("nothing");
    case Kind::Scalar:
        return QStringLiteral("a value");
    case Kind::Sequence:
        return QStringLiteral("a list");
    case Kind::Mapping:
        return QStringLiteral("a mapping");
    }
    return {};
}

YamlNode YamlNode::makeNull(YamlMark mark)
{
    YamlNode n;
    n.m_mark = mark;
    return n;
}

YamlNode YamlNode::makeScalar(QString value, bool quoted, YamlMark mark)
{
    YamlNode n;
    n.m_kind = Kind::Scalar;
    n.m_scalar = std::move(value);
    n.m_quoted = quoted;
    n.m_mark = mark;
    return n;
}

YamlNode YamlNode::makeSequence(QList<YamlNode> items, YamlMark mark)
{
    YamlNode n;
    n.m_kind = Kind::Sequence;
    n.m_items = std::move(items);
    n.m_mark = mark;
    return n;
}

YamlNode YamlNode::makeMapping(QList<std::pair<YamlNode, YamlNode>> pairs, YamlMark mark)
{
    YamlNode n;
    n.m_kind = Kind::Mapping;
    n.m_pairs = std::move(pairs);
    n.m_mark = mark;
    return n;
}

Result<YamlNode> parseYaml(const QByteArray& text, const QString& sourceName)
{
    fy_diag_cfg diagCfg;
    fy_diag_cfg_default(&diagCfg);
    diagCfg.fp = nullptr;
    std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&diagCfg));
    if (!diag)
        return Result<YamlNode>::failure(QStringLiteral("%1: cannot set up the YAML parser").arg(sourceName));
    fy_diag_set_collect_errors(diag.get(), true);

    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_RESOLVE_DOCUMENT | FYPCF_DEFAULT_VERSION_AUTO);
    cfg.diag = diag.get();

    std::unique_ptr<fy_document, DocumentDeleter> doc(
        fy_document_build_from_string(&cfg, text.constData(), static_cast<size_t>(text.size())));

    QString firstError;
    void* iter = nullptr;
    if (fy_diag_error* err = fy_diag_errors_iterate(diag.get(), &iter)) {
        firstError = QStringLiteral("%1:%2:%3: %4")
                         .arg(sourceName)
                         .arg(err->line + 1)
                         .arg(err->column + 1)
                         .arg(QString::fromUtf8(err->msg ? err->msg : "invalid YAML"));
    }
    if (!doc || !firstError.isEmpty()) {
        if (firstError.isEmpty())
            firstError = QStringLiteral("%1: not valid YAML").arg(sourceName);
        return Result<YamlNode>::failure(firstError);
    }
    return convert(fy_document_root(doc.get()));
}

QString yamlErrorAt(const QString& sourceName, const YamlNode& node, const QString& message)
{
    return QStringLiteral("%1:%2:%3: %4").arg(sourceName).arg(node.mark().line).arg(node.mark().column).arg(message);
}

} // namespace bulwark
