// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/reportdata.h"

#include <QIODevice>

namespace bulwark::report {

// Lays out and paints the report with QPainter on a QPdfWriter. Two passes over the same layout
// code: the first only measures (where each section lands, how many pages there are), the second
// paints with the table of contents and "Page X of Y" filled in.
class PdfReport final {
    Q_DISABLE_COPY_MOVE(PdfReport)
public:
    explicit PdfReport(ReportData data);
    ~PdfReport();

    // Writes the whole PDF to `device` (open for writing). Returns the page count.
    Result<int> write(QIODevice* device);

    // Document metadata (XMP) the writer embeds: title, author, subject, creator tool.
    QByteArray xmpMetadata() const;

private:
    ReportData m_data;
};

} // namespace bulwark::report
