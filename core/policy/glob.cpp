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
    if (pattern == QLatin1String("*"))
        return true;
    if (!pattern.contains(QLatin1Char('*')) && !pattern.contains(QLatin1Char('?')))
        return pattern == text;
    return globToRegex(pattern).match(text).hasMatch();
}

} // namespace bulwark
