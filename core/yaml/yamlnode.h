// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace bulwark {

// Where a node starts in its source (1-based line and column, 0-based byte offsets).
struct YamlMark {
    int line = 0;
    int column = 0;
    qsizetype startOffset = 0;
    qsizetype endOffset = 0;
};

// A parsed YAML document as a plain value tree, with the position of every node so that
// configuration errors can name the line and column. Aliases and merge keys are resolved.
class YamlNode {
public:
    enum class Kind { Null, Scalar, Sequence, Mapping };

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::Null; }
    bool isScalar() const { return m_kind == Kind::Scalar; }
    bool isSequence() const { return m_kind == Kind::Sequence; }
    bool isMapping() const { return m_kind == Kind::Mapping; }
    const YamlMark& mark() const { return m_mark; }

    // Scalars. `quoted` distinguishes "null" (a string) from null.
    const QString& scalar() const { return m_scalar; }
    bool isQuoted() const { return m_quoted; }

    const QList<YamlNode>& items() const { return m_items; }
    const QList<std::pair<YamlNode, YamlNode>>& pairs() const { return m_pairs; }

    // Mapping lookup by scalar key; nullptr when absent or not a mapping.
    const YamlNode* get(QLatin1String key) const;

    // "a kind" for messages: "a mapping", "a list", "a string", "nothing".
    QString kindName() const;

    static YamlNode makeNull(YamlMark mark);
    static YamlNode makeScalar(QString value, bool quoted, YamlMark mark);
    static YamlNode makeSequence(QList<YamlNode> items, YamlMark mark);
    static YamlNode makeMapping(QList<std::pair<YamlNode, YamlNode>> pairs, YamlMark mark);

private:
    Kind m_kind = Kind::Null;
    YamlMark m_mark;
    QString m_scalar;
    bool m_quoted = false;
    QList<YamlNode> m_items;
    QList<std::pair<YamlNode, YamlNode>> m_pairs;
};

// Parses one YAML document. Errors read "SOURCE:LINE:COLUMN: what is wrong".
Result<YamlNode> parseYaml(const QByteArray& text, const QString& sourceName);

// "SOURCE:LINE:COLUMN: message", the form every configuration error takes.
QString yamlErrorAt(const QString& sourceName, const YamlNode& node, const QString& message);

} // namespace bulwark
