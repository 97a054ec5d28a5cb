// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The tab-separated fixtures under resources/examples: a header line, then one record per line;
// empty lines and '#' comments are ignored. Header-only.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulwark::test {

// The records' columns (trimmed lines split at tabs), or nothing when the file cannot be read.
inline std::optional<QList<QStringList>> readTsvRecords(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    QList<QStringList> records;
    bool header = true;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.trimmed().isEmpty() || line.startsWith('#'))
            continue;
        if (header) {
            header = false;
            continue;
        }
        records.append(QString::fromUtf8(line.trimmed()).split(QLatin1Char('\t')));
    }
    return records;
}

} // namespace bulwark::test
