// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportexport.h"

#include "export/exporters.h"

#ifdef BULWARK_UI_HAVE_REPORT
#include "report/reportwriter.h"
#endif

#include <QFileInfo>
#include <QSaveFile>

namespace bulwark::ui {

QList<ExportFormat> availableExportFormats()
{
    QList<ExportFormat> formats;
#ifdef BULWARK_UI_HAVE_REPORT
    formats << ExportFormat::Pdf << ExportFormat::Html;
#endif
    formats << ExportFormat::Json << ExportFormat::Sarif << ExportFormat::JUnit << ExportFormat::Csv;
    return formats;
}

QString exportSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::Html:
        return QStringLiteral("html");
    case ExportFormat::Json:
        return QStringLiteral("json");
    case ExportFormat::Sarif:
        return QStringLiteral("sarif");
    case ExportFormat::JUnit:
        return QStringLiteral("xml");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    }
    return {};
}

std::optional<ExportFormat> exportFormatForPath(const QString& path)
{
    const QString name = QFileInfo(path).fileName().toLower();
    // SARIF files are often named *.sarif.json: the longer suffix wins.
    if (name.endsWith(QLatin1String(".sarif")) || name.endsWith(QLatin1String(".sarif.json")))
        return ExportFormat::Sarif;
    for (const ExportFormat f : {ExportFormat::Pdf, ExportFormat::Html, ExportFormat::Json, ExportFormat::JUnit, ExportFormat::Csv})
        if (name.endsWith(QLatin1Char('.') + exportSuffix(f)))
            return f;
    if (name.endsWith(QLatin1String(".htm")))
        return ExportFormat::Html;
    return std::nullopt;
}

namespace {

Result<void> writeBytes(const QByteArray& bytes, const QString& path)
{
    const QString where = QFileInfo(path).absoluteFilePath();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<void>::failure(QObject::tr("cannot write %1: %2").arg(where, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString error = file.errorString();
        file.cancelWriting();
        return Result<void>::failure(QObject::tr("cannot write %1: %2").arg(where, error));
    }
    if (!file.commit())
        return Result<void>::failure(QObject::tr("cannot write %1: %2").arg(where, file.errorString()));
    return {};
}

} // namespace

Result<void> writeExport(const AuditRun& run, ExportFormat format, const QString& path)
{
    switch (format) {
    case ExportFormat::Pdf:
    case ExportFormat::Html:
#ifdef BULWARK_UI_HAVE_REPORT
        return format == ExportFormat::Pdf ? report::writePdf(run, path) : report::writeHtml(run, path);
#else
        return Result<void>::failure(QObject::tr("this build has no PDF/HTML report writer"));
#endif
    case ExportFormat::Json:
        return writeBytes(Export::toJson(run), path);
    case ExportFormat::Sarif:
        return writeBytes(Export::toSarif(run), path);
    case ExportFormat::JUnit:
        return writeBytes(Export::toJUnit(run), path);
    case ExportFormat::Csv:
        return writeBytes(Export::toCsv(run), path);
    }
    return Result<void>::failure(QObject::tr("unknown report format"));
}

} // namespace bulwark::ui
