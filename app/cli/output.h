// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTextStream>

namespace bulwark::cli {

QTextStream& out(); // stdout
QTextStream& err(); // stderr, for progress and errors so stdout stays machine-readable

// Renders rows as an aligned plain-text table (first row is the header).
QString formatTable(const QList<QStringList>& rows);

} // namespace bulwark::cli
