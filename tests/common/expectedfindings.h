// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// resources/examples/expected-findings.tsv: the lab's documented deviations, one row per
// (host, container, control, status), read the same way by every test that checks them.
// Header-only; needs BULWARK_SOURCE_DIR.

#include <QFile>
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
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    out.readable = true;
    bool header = true;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.trimmed().isEmpty() || line.startsWith('#'))
            continue;
        if (header) {
            header = false;
            continue;
        }
        const QList<QByteArray> cols = line.trimmed().split('\t');
        if (cols.size() < 4) {
            out.malformed << QString::fromUtf8(line);
            continue;
        }
        out.rows.append({QString::fromUtf8(cols[0]), QString::fromUtf8(cols[1]), QString::fromUtf8(cols[2]),
                         QString::fromUtf8(cols[3]).trimmed()});
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
