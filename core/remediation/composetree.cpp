// SPDX-License-Identifier: GPL-3.0-or-later
#include "composetree.h"

#include <libfyaml.h>

#include <memory>

namespace bulwark {
namespace {

struct DiagDeleter {
    void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct ParserDeleter {
    void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};

QString tokenText(fy_token* token)
{
    if (!token)
        return {};
    size_t len = 0;
    const char* text = fy_token_get_text(token, &len);
    return text ? QString::fromUtf8(text, static_cast<qsizetype>(len)) : QString();
}

ComposeNode::Style scalarStyle(fy_node_style style)
{
    switch (style) {
    case FYNS_SINGLE_QUOTED:
        return ComposeNode::Style::SingleQuoted;
    case FYNS_DOUBLE_QUOTED:
        return ComposeNode::Style::DoubleQuoted;
    case FYNS_LITERAL:
        return ComposeNode::Style::Literal;
    case FYNS_FOLDED:
        return ComposeNode::Style::Folded;
    default:
        return ComposeNode::Style::Plain;
    }
}

void setStart(ComposeNode& node, const fy_mark* mark)
{
    if (!mark)
        return;
    node.start = static_cast<qsizetype>(mark->input_pos);
    node.line = mark->line;
    node.column = mark->column;
}

// Block collections have no tokens of their own that bound them, so their range is their children's.
void spanChildren(ComposeNode& node)
{
    const ComposeNode* first = nullptr;
    const ComposeNode* last = nullptr;
    if (node.isSequence() && !node.items.isEmpty()) {
        first = &node.items.constFirst();
        last = &node.items.constLast();
    } else if (node.isMapping() && !node.pairs.isEmpty()) {
        first = &node.pairs.constFirst().first;
        last = &node.pairs.constLast().second;
        if (last->end < node.pairs.constLast().first.end)
            last = &node.pairs.constLast().first;
    }
    if (!first)
        return;
    node.start = first->start;
    node.line = first->line;
    node.column = first->column;
    node.end = last->end;
}

// Adds a finished node to its parent collection (or makes it the root).
void attach(QList<ComposeNode>& stack, QList<bool>& awaitingValue, ComposeNode node, std::optional<ComposeNode>& root)
{
    if (stack.isEmpty()) {
        root = std::move(node);
        return;
    }
    ComposeNode& parent = stack.last();
    if (parent.isSequence()) {
        parent.items.append(std::move(node));
        return;
    }
    if (!awaitingValue.last()) {
        parent.pairs.append({std::move(node), ComposeNode{}});
        awaitingValue.last() = true;
    } else {
        ComposeNode& key = parent.pairs.last().first;
        if (node.isNull()) {
            node.start = node.end = key.end;
            node.line = key.line;
        }
        parent.pairs.last().second = std::move(node);
        awaitingValue.last() = false;
    }
}

void findAnchor(const ComposeNode& node, const QString& name, qsizetype before, const ComposeNode*& found)
{
    if (node.start >= before)
        return;
    if (node.anchor == name)
        found = &node;
    for (const auto& item : node.items)
        findAnchor(item, name, before, found);
    for (const auto& [k, v] : node.pairs) {
        findAnchor(k, name, before, found);
        findAnchor(v, name, before, found);
    }
}

} // namespace

const std::pair<ComposeNode, ComposeNode>* ComposeNode::pair(const QString& key) const
{
    for (const auto& p : pairs)
        if (p.first.isScalar() && p.first.value == key)
            return &p;
    return nullptr;
}

const ComposeNode* ComposeNode::get(const QString& key) const
{
    const auto* p = pair(key);
    return p ? &p->second : nullptr;
}

const ComposeNode* resolveAlias(const ComposeNode& root, const ComposeNode& alias)
{
    const ComposeNode* found = nullptr;
    findAnchor(root, alias.value, alias.start, found);
    return found;
}

Result<ComposeNode> parseComposeTree(const QByteArray& text, const QString& sourceName)
{
    fy_diag_cfg diagCfg;
    fy_diag_cfg_default(&diagCfg);
    diagCfg.fp = nullptr;
    std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&diagCfg));
    if (!diag)
        return Result<ComposeNode>::failure(QStringLiteral("%1: cannot set up the YAML parser").arg(sourceName));
    fy_diag_set_collect_errors(diag.get(), true);

    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_DEFAULT_VERSION_AUTO);
    cfg.diag = diag.get();
    std::unique_ptr<fy_parser, ParserDeleter> parser(fy_parser_create(&cfg));
    if (!parser || fy_parser_set_string(parser.get(), text.constData(), static_cast<size_t>(text.size())) != 0)
        return Result<ComposeNode>::failure(QStringLiteral("%1: cannot set up the YAML parser").arg(sourceName));

    QList<ComposeNode> stack;
    QList<bool> awaitingValue;
    std::optional<ComposeNode> root;
    bool inDocument = false;
    bool done = false;
    while (!done) {
        fy_event* event = fy_parser_parse(parser.get());
        if (!event)
            break;
        switch (event->type) {
        case FYET_DOCUMENT_START:
            inDocument = true;
            break;
        case FYET_DOCUMENT_END:
            done = root.has_value();
            break;
        case FYET_SCALAR:
        case FYET_ALIAS: {
            ComposeNode node;
            fy_token* token = fy_event_get_token(event);
            node.value = tokenText(token);
            if (event->type == FYET_ALIAS) {
                node.kind = ComposeNode::Kind::Alias;
            } else {
                const fy_node_style style = fy_event_get_node_style(event);
                node.style = scalarStyle(style);
                const bool plain = node.style == ComposeNode::Style::Plain;
                const bool isNull = plain && (node.value.isEmpty() || node.value == QLatin1String("~")
                                              || node.value.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0);
                node.kind = isNull ? ComposeNode::Kind::Null : ComposeNode::Kind::Scalar;
                node.anchor = tokenText(event->scalar.anchor);
            }
            const fy_mark* start = fy_event_start_mark(event);
            const fy_mark* end = fy_event_end_mark(event);
            if (token && start && end) {
                setStart(node, start);
                node.end = static_cast<qsizetype>(end->input_pos);
                // The scalar token of a quoted scalar excludes its quotes; the edits replace them too.
                const bool quoted = node.style == ComposeNode::Style::SingleQuoted
                                    || node.style == ComposeNode::Style::DoubleQuoted;
                const char q = node.style == ComposeNode::Style::SingleQuoted ? '\'' : '"';
                if (quoted && node.start > 0 && text[node.start - 1] == q && node.end < text.size() && text[node.end] == q) {
                    --node.start;
                    --node.column;
                    ++node.end;
                }
            } else {
                node.start = node.end = -1; // implicit empty value: placed by attach()
            }
            attach(stack, awaitingValue, std::move(node), root);
            break;
        }
        case FYET_SEQUENCE_START:
        case FYET_MAPPING_START: {
            ComposeNode node;
            node.kind = event->type == FYET_SEQUENCE_START ? ComposeNode::Kind::Sequence : ComposeNode::Kind::Mapping;
            node.style = fy_event_get_node_style(event) == FYNS_FLOW ? ComposeNode::Style::Flow : ComposeNode::Style::Block;
            node.anchor = tokenText(event->type == FYET_SEQUENCE_START ? event->sequence_start.anchor
                                                                       : event->mapping_start.anchor);
            if (node.isFlow())
                setStart(node, fy_event_start_mark(event));
            stack.append(std::move(node));
            awaitingValue.append(false);
            break;
        }
        case FYET_SEQUENCE_END:
        case FYET_MAPPING_END: {
            ComposeNode node = stack.takeLast();
            awaitingValue.removeLast();
            if (node.isFlow()) {
                if (const fy_mark* end = fy_event_end_mark(event))
                    node.end = static_cast<qsizetype>(end->input_pos);
            } else {
                spanChildren(node);
            }
            attach(stack, awaitingValue, std::move(node), root);
            break;
        }
        default:
            break;
        }
        fy_parser_event_free(parser.get(), event);
    }

    void* iter = nullptr;
    if (fy_diag_error* err = fy_diag_errors_iterate(diag.get(), &iter))
        return Result<ComposeNode>::failure(QStringLiteral("%1:%2:%3: %4")
                                                .arg(sourceName)
                                                .arg(err->line + 1)
                                                .arg(err->column + 1)
                                                .arg(QString::fromUtf8(err->msg ? err->msg : "invalid YAML")));
    if (fy_parser_get_stream_error(parser.get()) || !stack.isEmpty())
        return Result<ComposeNode>::failure(QStringLiteral("%1: not valid YAML").arg(sourceName));
    if (!inDocument || !root)
        return Result<ComposeNode>::failure(QStringLiteral("%1: the file is empty").arg(sourceName));
    return *std::move(root);
}

} // namespace bulwark
