// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "model/result.h"

#include <QList>
#include <QString>

#include <optional>

namespace bulwark::ui {

// The GUI's "Export report…": the people's formats (PDF, HTML, from bulwark_report) and the
// machine formats of core/export (JSON bulwark.audit/v1, SARIF 2.1.0, JUnit XML, CSV), the same
// bytes bulwark-cli audit writes.
enum class ExportFormat { Pdf, Html, Json, Sarif, JUnit, Csv };

// The formats this build can write, people's first.
QList<ExportFormat> availableExportFormats();
QString exportSuffix(ExportFormat format); // "pdf", "html", "json", "sarif", "xml", "csv"
// By suffix, case-insensitive (".sarif.json" is SARIF; ".xml" JUnit); nullopt when unknown.
std::optional<ExportFormat> exportFormatForPath(const QString& path);

// Blocking: writes the run to `path` atomically (a temporary file beside it, renamed on success),
// so a failure never leaves half a report nor clobbers an earlier one. Call it off the UI thread.
Result<void> writeExport(const AuditRun& run, ExportFormat format, const QString& path);

} // namespace bulwark::ui
