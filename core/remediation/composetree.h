// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace bulwark {

// A compose file as libfyaml's event parser saw it: every node with the byte range it occupies in
// the source text. Nothing is resolved (aliases stay aliases, merge keys stay keys), because the
// remediation edits the text at these positions and must know what is literally written where.
struct ComposeNode {
    enum class Kind { Null, Scalar, Sequence, Mapping, Alias };
    enum class Style { Plain, SingleQuoted, DoubleQuoted, Literal, Folded, Block, Flow };

    Kind kind = Kind::Null;
    Style style = Style::Plain;
    // [start, end) in bytes. Flow collections include their brackets; block collections run from
    // their first child's start to their last descendant's end; a null value is empty at its key's end.
    qsizetype start = 0;
    qsizetype end = 0;
    int line = 0;   // 0-based line of start
    int column = 0; // 0-based column of start (bytes)
    QString value;  // scalar text; alias: the anchor name it refers to
    QString anchor; // &anchor on this node, if any
    QList<ComposeNode> items;
    QList<std::pair<ComposeNode, ComposeNode>> pairs;

    bool isScalar() const { return kind == Kind::Scalar; }
    bool isSequence() const { return kind == Kind::Sequence; }
    bool isMapping() const { return kind == Kind::Mapping; }
    bool isAlias() const { return kind == Kind::Alias; }
    bool isNull() const { return kind == Kind::Null; }
    bool isFlow() const { return style == Style::Flow; }

    // The pair whose scalar key equals `key`, or nullptr.
    const std::pair<ComposeNode, ComposeNode>* pair(const QString& key) const;
    const ComposeNode* get(const QString& key) const;
};

// Parses the first document of `text`. Errors read "SOURCE:LINE:COLUMN: what is wrong".
Result<ComposeNode> parseComposeTree(const QByteArray& text, const QString& sourceName);

// Finds the node an alias refers to (the last anchor of that name before the alias), or nullptr.
const ComposeNode* resolveAlias(const ComposeNode& root, const ComposeNode& alias);

} // namespace bulwark
