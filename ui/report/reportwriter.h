// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "model/result.h"
#include "model/telemetry.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace bulwark::report {

// What the audit itself does not carry: who the report is for and the telemetry of the period.
struct ReportOptions {
    QString title;   // empty: "Hardening audit report"
    QString author;  // empty: the run's generatedBy, then the login name
    QList<MemorySample> memoryHistory;
    QList<LatencyProbe> latencyHistory; // empty: the run's logLatency probes
    QDateTime periodStart, periodEnd;   // invalid: derived from the histories and the audit time
};

// The PDF: A4, vector, embedded DejaVu fonts, "Page X of Y". Identical inputs give identical
// text and layout; only the PDF's /CreationDate (which QPdfWriter always stamps) differs.
// Writes to a temporary file next to `path` and renames it, so a failure never leaves half a report.
Result<void> writePdf(const AuditRun& run, const QString& path, const ReportOptions& options = {});

// The same content as one self-contained HTML file (inline CSS and SVG, no external resources).
// Fully deterministic: nothing depends on the clock.
QByteArray renderHtml(const AuditRun& run, const ReportOptions& options = {});

// The same, written atomically to `path`.
Result<void> writeHtml(const AuditRun& run, const QString& path, const ReportOptions& options = {});

} // namespace bulwark::report
