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
    // Iterative matcher with single-star backtracking: linear for the patterns policies use.
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

} // namespace bulwark
