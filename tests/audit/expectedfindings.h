// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// resources/examples/expected-findings.tsv (host, container, control, status) as a set of
// "host|container|control" keys of the rows whose status is fail.

#include <QFile>
#include <QSet>
#include <QString>

namespace bulwark::test {

inline QSet<QString> expectedFailures(const QString& path = QStringLiteral(BULWARK_SOURCE_DIR "/resources/examples/expected-findings.tsv"))
{
    QSet<QString> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    bool header = true;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.trimmed().isEmpty() || line.startsWith('#'))
            continue;
        if (header) {
            header = false;
            continue;
        }
        const QList<QByteArray> cols = line.trimmed().split('\t');
        if (cols.size() >= 4 && cols[3] == "fail")
            out.insert(QString::fromUtf8(cols[0] + '|' + cols[1] + '|' + cols[2]));
    }
    return out;
}

} // namespace bulwark::test
