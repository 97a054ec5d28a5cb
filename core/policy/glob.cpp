// SPDX-License-Identifier: GPL-3.0-or-later
#include "glob.h"

namespace bulwark {

QRegularExpression globToRegex(const QString& pattern, Qt::CaseSensitivity cs)
{
    QString rx;
    rx.reserve(pattern.size() * 2 + 4);
    rx += QLatin1String("\\A(?:");
    for (const QChar c : pattern) {
        if (c == QLatin1Char('*'))
            rx += QLatin1String(".*");
        else if (c == QLatin1Char('?'))
            rx += QLatin1Char('.');
        else
            rx += QRegularExpression::escape(QString(c));
    }
    rx += QLatin1String(")\\z");
    QRegularExpression re(rx, cs == Qt::CaseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                        : QRegularExpression::NoPatternOption);
    re.optimize();
    return re;
}

bool globMatch(const QString& pattern, const QString& text)
{
    return wildcardMatch(pattern, text);
}

bool wildcardMatch(QStringView pattern, QStringView text)
{
    return WildcardPattern(pattern.toString()).matches(text);
}

namespace {

bool isWild(QChar c)
{
    return c == QLatin1Char('*') || c == QLatin1Char('?');
}

// Iterative matcher with single-star backtracking: linear for the patterns policies use.
bool backtrackingMatch(QStringView pattern, QStringView text)
{
    qsizetype p = 0, t = 0, starP = -1, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == QLatin1Char('?') || (pattern[p] != QLatin1Char('*') && pattern[p] == text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            starP = p++;
            starT = t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

} // namespace

WildcardPattern::WildcardPattern(const QString& pattern)
    : m_pattern(pattern)
{
    const QStringView pv(m_pattern);
    while (m_head < pv.size() && !isWild(pv[m_head]))
        ++m_head;
    m_literal = m_head == pv.size();
    if (m_literal)
        return;
    while (!isWild(pv[pv.size() - 1 - m_tail]))
        ++m_tail;
    const QStringView middle = pv.sliced(m_head, pv.size() - m_head - m_tail); // starts and ends with a wildcard
    m_starsOnly = !middle.contains(QLatin1Char('?'));
    if (!m_starsOnly)
        return;
    for (qsizetype p = 0; p < middle.size();) {
        if (middle[p] == QLatin1Char('*')) {
            ++p;
            continue;
        }
        qsizetype end = p;
        while (end < middle.size() && middle[end] != QLatin1Char('*'))
            ++end;
        m_parts.append({m_head + p, end - p});
        p = end;
    }
}

bool WildcardPattern::matches(QStringView text) const
{
    // Plain character loops rather than QStringView::indexOf/startsWith: for strings this short the
    // calls cost more than the comparisons.
    const QStringView pv(m_pattern);
    if (m_literal)
        return pv == text;
    // The literal head and tail must be the text's own: most paths differ from "*/secrets" or
    // "/run/secrets*" right there, so the rest rarely runs at all.
    if (text.size() < m_head + m_tail)
        return false;
    for (qsizetype i = 0; i < m_head; ++i)
        if (pv[i] != text[i])
            return false;
    for (qsizetype i = 1; i <= m_tail; ++i)
        if (pv[pv.size() - i] != text[text.size() - i])
            return false;
    text = text.sliced(m_head, text.size() - m_head - m_tail);
    if (!m_starsOnly)
        return backtrackingMatch(pv.sliced(m_head, pv.size() - m_head - m_tail), text);
    // "*a*b*": the literals must occur in this order, and taking each at its leftmost place never
    // spoils a later one. "*/secrets/*" is a plain substring search.
    qsizetype t = 0;
    for (const auto& [offset, length] : m_parts) {
        qsizetype at = t;
        for (; at + length <= text.size(); ++at) {
            qsizetype k = 0;
            while (k < length && text[at + k] == pv[offset + k])
                ++k;
            if (k == length)
                break;
        }
        if (at + length > text.size())
            return false;
        t = at + length;
    }
    return true;
}

} // namespace bulwark
