// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace bulwark {

// A unified diff (as `diff -u` writes it) between two texts, line by line (Myers' algorithm).
// Empty when the texts are equal. Line endings are compared exactly but a trailing "\r" is not
// printed, so a CRLF file's diff reads like any other. `fromName`/`toName` go in the ---/+++ lines.
QString unifiedDiff(const QByteArray& before, const QByteArray& after, const QString& fromName, const QString& toName,
                    int context = 3);

// Counts of the lines a unified diff adds and removes (its +/- lines, headers excluded).
struct DiffStat {
    int added = 0;
    int removed = 0;
};
DiffStat diffStat(const QString& unifiedDiff);

} // namespace bulwark
