// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRegularExpression>
#include <QString>

namespace bulwark {

// Shell-like wildcard ('*' any run of characters including '/', '?' one character), anchored.
// Paths and names both use it, so '*' deliberately crosses '/': "*/secrets/*" matches any depth.
QRegularExpression globToRegex(const QString& pattern, Qt::CaseSensitivity cs = Qt::CaseSensitive);
bool globMatch(const QString& pattern, const QString& text);
// The same match without a regex engine: the evaluator's hot path (ST-02 patterns per bind mount).
bool wildcardMatch(QStringView pattern, QStringView text);

} // namespace bulwark
