// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/reportdata.h"

#include <QByteArray>

namespace bulwark::report {

// The report as one self-contained HTML file: inline CSS, inline SVG charts, semantic tables with
// captions and scoped headers, status shown by glyph and word as well as colour, print styles.
QByteArray renderHtmlReport(const ReportData& data);

} // namespace bulwark::report
