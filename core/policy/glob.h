// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

#include <utility>

namespace bulwark {

// Shell-like wildcard ('*' any run of characters including '/', '?' one character), anchored.
// Paths and names both use it, so '*' deliberately crosses '/': "*/secrets/*" matches any depth.
QRegularExpression globToRegex(const QString& pattern, Qt::CaseSensitivity cs = Qt::CaseSensitive);
bool globMatch(const QString& pattern, const QString& text);
// The same match without a regex engine.
bool wildcardMatch(QStringView pattern, QStringView text);

// A wildcard pattern taken apart once: its literal head and tail and the literals between its stars.
// The evaluator matches every bind mount of every container against each sensitive path pattern of
// the policy (ST-02), so it compiles them once per evaluation instead of re-reading them per mount.
class WildcardPattern final {
public:
    explicit WildcardPattern(const QString& pattern = {});
    bool matches(QStringView text) const;
    const QString& pattern() const { return m_pattern; }

private:
    QString m_pattern;
    qsizetype m_head = 0;     // literal characters before the first wildcard
    qsizetype m_tail = 0;     // literal characters after the last wildcard
    bool m_literal = true;    // no wildcard at all: plain equality
    bool m_starsOnly = false; // the middle is stars and literals only: an ordered substring search
    QList<std::pair<qsizetype, qsizetype>> m_parts; // (offset, length) of those middle literals
};

} // namespace bulwark
