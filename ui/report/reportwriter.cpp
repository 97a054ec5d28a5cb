// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportwriter.h"

#include "report/htmlreport.h"
#include "report/pdfreport.h"
#include "report/reportdata.h"

#include <QFileInfo>
#include <QSaveFile>

#include <functional>

namespace bulwark::report {

namespace {

// QSaveFile writes next to the target and renames on commit: a reader never sees half a report,
// and a failed export leaves an earlier report untouched.
Result<void> writeAtomically(const QString& path, const std::function<Result<void>(QIODevice*)>& produce)
{
    if (path.isEmpty())
        return Error{QStringLiteral("no output file given for the report")};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write the report to %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString())};
    if (auto r = produce(&file); !r) {
        file.cancelWriting();
        return r;
    }
    if (!file.commit())
        return Error{QStringLiteral("cannot write the report to %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString())};
    return {};
}

} // namespace

Result<void> writePdf(const AuditRun& run, const QString& path, const ReportOptions& options)
{
    return writeAtomically(path, [&](QIODevice* device) -> Result<void> {
        PdfReport report(buildReportData(run, options));
        auto pages = report.write(device);
        if (!pages)
            return pages.error();
        return {};
    });
}

QByteArray renderHtml(const AuditRun& run, const ReportOptions& options)
{
    return renderHtmlReport(buildReportData(run, options));
}

Result<void> writeHtml(const AuditRun& run, const QString& path, const ReportOptions& options)
{
    return writeAtomically(path, [&](QIODevice* device) -> Result<void> {
        const QByteArray html = renderHtml(run, options);
        if (device->write(html) != html.size())
            return Error{QStringLiteral("cannot write the HTML report: %1").arg(device->errorString())};
        return {};
    });
}

} // namespace bulwark::report
