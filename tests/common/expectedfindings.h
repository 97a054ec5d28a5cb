// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// resources/examples/expected-findings.tsv: the lab's documented deviations, one row per
// (host, container, control, status), read the same way by every test that checks them.
// Header-only; needs BULWARK_SOURCE_DIR.

#include "tsvfile.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bulwark::test {

struct ExpectedFinding {
    QString host;
    QString container;
    QString control;
    QString status; // pass, fail, waived, ... as the audit names them

    QString key() const { return host + QLatin1Char('|') + container + QLatin1Char('|') + control; }
};

struct ExpectedFindings {
    bool readable = false;
    QList<ExpectedFinding> rows;
    QStringList malformed; // lines with fewer than four columns: reported, never skipped silently
};

inline QString expectedFindingsPath()
{
    return QStringLiteral(BULWARK_SOURCE_DIR "/resources/examples/expected-findings.tsv");
}

// Tab-separated lines after a header line; empty lines and '#' comments are ignored.
inline ExpectedFindings readExpectedFindings(const QString& path = expectedFindingsPath())
{
    ExpectedFindings out;
    const auto records = readTsvRecords(path);
    if (!records)
        return out;
    out.readable = true;
    for (const QStringList& cols : *records) {
        if (cols.size() < 4) {
            out.malformed << cols.join(QLatin1Char('\t'));
            continue;
        }
        out.rows.append({cols[0], cols[1], cols[2], cols[3].trimmed()});
    }
    return out;
}

// The "host|container|control" keys of the rows whose status is fail.
inline QSet<QString> expectedFailures(const QString& path = expectedFindingsPath())
{
    QSet<QString> out;
    for (const ExpectedFinding& row : readExpectedFindings(path).rows)
        if (row.status == QLatin1String("fail"))
            out.insert(row.key());
    return out;
}

} // namespace bulwark::test
