// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditcommand.h"

#include "exitcodes.h"
#include "output.h"

#include "audit/auditor.h"
#include "export/auditsummary.h"
#include "export/exporters.h"
#include "fleet/fleetfile.h"

#ifdef BULWARK_HAVE_REPORT
#include "report/reportwriter.h"
#endif

#include <QFile>
#include <QSaveFile>
#include <QTimer>

#include <cstdio>

namespace bulwark::cli {
namespace {

const QStringList kFormats{QStringLiteral("json"), QStringLiteral("sarif"), QStringLiteral("junit"),
                           QStringLiteral("csv"),  QStringLiteral("html"),  QStringLiteral("pdf")};

// Writes atomically (QSaveFile): a failed write never leaves half a report behind.
Result<void> writeOutput(const QString& path, const QByteArray& data)
{
    if (path.isEmpty() || path == QLatin1String("-")) {
        out().flush();
        if (std::fwrite(data.constData(), 1, static_cast<size_t>(data.size()), stdout) != static_cast<size_t>(data.size()))
            return Result<void>::failure(QStringLiteral("cannot write the report to stdout"));
        std::fflush(stdout);
        return {};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(data);
    if (!file.commit())
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

QString AuditCommand::usage() const
{
    return QStringLiteral("Formats: json (bulwark.audit/v1, default), sarif (SARIF 2.1.0), junit (JUnit XML), csv,\n"
                          "html and pdf (need the report library). The report goes to --output or stdout;\n"
                          "a summary line goes to stderr. pdf needs --output.");
}

void AuditCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({{QStringLiteral("f"), QStringLiteral("fleet")}, QStringLiteral("The fleet file."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("policy"), QStringLiteral("A policy file instead of the embedded SPEC-INFRA-04 policy."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("waivers"), QStringLiteral("A waiver file (host, container, control, reason, expires)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("format"), QStringLiteral("Report format: %1 (default json).").arg(kFormats.join(QLatin1String(", "))),
                      QStringLiteral("FORMAT"), QStringLiteral("json")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("Write the report to FILE instead of stdout."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("memory-source"),
                      QStringLiteral("Container memory from one-shot stats per container (api, the default and the "
                                     "reference) or from every container's cgroup files in one ssh command per host "
                                     "(cgroup; faster on big hosts, falls back to the API per container)."),
                      QStringLiteral("api|cgroup"), QStringLiteral("api")});
    parser.addOption({QStringLiteral("history"),
                      QStringLiteral("History database with load checks for AC-HARD-02 (default: the user's history)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("remediation-log"),
                      QStringLiteral("The remediation log whose last 30 days the report includes (default: the "
                                     "one `remediate` writes)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("probe-logs"),
                      QStringLiteral("Measure log-ingestion latency in the fleet's Loki (NFR-OBS-01, AC-HARD-03).")});
    parser.addOption({QStringLiteral("probe-count"), QStringLiteral("Canary events for --probe-logs (default 5)."),
                      QStringLiteral("N"), QStringLiteral("5")});
}

void AuditCommand::finish(int code)
{
    QTimer::singleShot(0, this, [this, code] { emit finished(code); });
}

void AuditCommand::start(const QCommandLineParser& parser)
{
    const QString fleetPath = parser.value(QStringLiteral("fleet"));
    const QString format = parser.value(QStringLiteral("format")).toLower();
    const QString outputPath = parser.value(QStringLiteral("output"));
    if (fleetPath.isEmpty()) {
        err() << "bulwark-cli audit: --fleet FILE is required\n";
        return finish(ExitUsage);
    }
    if (!kFormats.contains(format)) {
        err() << "bulwark-cli audit: unknown format '" << format << "' (expected " << kFormats.join(QLatin1String(", ")) << ")\n";
        return finish(ExitUsage);
    }
#ifndef BULWARK_HAVE_REPORT
    if (format == QLatin1String("html") || format == QLatin1String("pdf")) {
        err() << "bulwark-cli audit: this build has no report library (ui/report), so it cannot write " << format
              << "; use json, sarif, junit or csv\n";
        return finish(ExitUsage);
    }
#endif
    if (format == QLatin1String("pdf") && (outputPath.isEmpty() || outputPath == QLatin1String("-"))) {
        err() << "bulwark-cli audit: --format pdf needs --output FILE\n";
        return finish(ExitUsage);
    }
    bool countOk = false;
    const int probeCount = parser.value(QStringLiteral("probe-count")).toInt(&countOk);
    if (!countOk || probeCount < 1 || probeCount > 1000) {
        err() << "bulwark-cli audit: --probe-count must be a number from 1 to 1000\n";
        return finish(ExitUsage);
    }
    auto fleet = FleetFile::load(fleetPath);
    if (!fleet) {
        err() << "bulwark-cli audit: " << fleet.errorMessage() << '\n';
        return finish(ExitUsage);
    }

    AuditOptions options;
    options.policyPath = parser.value(QStringLiteral("policy"));
    options.waiversPath = parser.value(QStringLiteral("waivers"));
    options.probeLogs = parser.isSet(QStringLiteral("probe-logs"));
    options.remediationLogPath = parser.value(QStringLiteral("remediation-log"));
    options.historyPath = parser.value(QStringLiteral("history"));
    options.logProbeCount = probeCount;
    const QString memorySource = parser.value(QStringLiteral("memory-source"));
    if (memorySource != QLatin1String("api") && memorySource != QLatin1String("cgroup")) {
        err() << "bulwark-cli audit: --memory-source must be api or cgroup, not '" << memorySource << "'\n";
        return finish(ExitUsage);
    }
    options.scan.memoryFromCgroupFiles = memorySource == QLatin1String("cgroup");

    m_auditor = new Auditor(this);
    connect(m_auditor, &Auditor::failed, this, [this](const QString& message) {
        err() << "bulwark-cli audit: " << message << '\n';
        finish(ExitUsage);
    });
    connect(m_auditor, &Auditor::hostFinished, this, [](const HostSnapshot& h) {
        err() << h.hostName << ": " << hostStatusName(h.status);
        if (h.isOk())
            err() << " (" << h.containers.size() << " containers)";
        else
            err() << " - " << h.error;
        err() << '\n';
        err().flush();
    });
    connect(m_auditor, &Auditor::finished, this, [this, format, outputPath](const AuditRun& run) {
        QByteArray data;
        if (format == QLatin1String("json"))
            data = Export::toJson(run);
        else if (format == QLatin1String("sarif"))
            data = Export::toSarif(run);
        else if (format == QLatin1String("junit"))
            data = Export::toJUnit(run);
        else if (format == QLatin1String("csv"))
            data = Export::toCsv(run);
#ifdef BULWARK_HAVE_REPORT
        else if (format == QLatin1String("html"))
            data = report::renderHtml(run);
        else if (format == QLatin1String("pdf")) {
            if (auto written = report::writePdf(run, outputPath); !written) {
                err() << "bulwark-cli audit: " << written.errorMessage() << '\n';
                return finish(ExitUsage);
            }
        }
#endif
        if (format != QLatin1String("pdf")) {
            if (auto written = writeOutput(outputPath, data); !written) {
                err() << "bulwark-cli audit: " << written.errorMessage() << '\n';
                return finish(ExitUsage);
            }
        }
        const AuditSummary s = summarize(run);
        err() << "audit: " << s.line() << '\n';
        err().flush();
        if (s.hostsFailed > 0)
            return finish(ExitHostsFailed);
        finish(s.count(ControlStatus::Fail) > 0 ? ExitFindings : ExitOk);
    });
    m_auditor->run(*fleet, options);
}

} // namespace bulwark::cli
