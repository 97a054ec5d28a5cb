// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadcheckcommand.h"

#include "exitcodes.h"
#include "output.h"

#include "fleet/fleetfile.h"
#include "policy/policy.h"
#include "telemetry/historystore.h"
#include "telemetry/loadcheck.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

namespace bulwark::cli {
namespace {

QString mib(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

LoadCheckCommand::LoadCheckCommand(QObject* parent) : Command(parent) {}

LoadCheckCommand::~LoadCheckCommand() = default;

QString LoadCheckCommand::usage() const
{
    return QStringLiteral(
        "Applies a synthetic load to one container and samples its memory every second (as docker stats\n"
        "computes it), for AC-HARD-02. The load is either --exec CMD, run inside the container with sh -c\n"
        "through the Engine API, or --external CMD, a load generator run on this machine (no shell; pass\n"
        "no secrets on its command line). The ceiling is --ceiling SIZE, else the container's own: its\n"
        "memory limit, or 2 GiB for template-infra-high. Exit code 1 when the peak exceeds the ceiling or\n"
        "the container was OOM-killed, 3 when the host cannot be reached. The check is recorded in the\n"
        "history (unless --no-history), so the next audit judges AC-HARD-02 on the measured peak.");
}

void LoadCheckCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({{QStringLiteral("f"), QStringLiteral("fleet")}, QStringLiteral("The fleet file."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("host"), QStringLiteral("The host of the container."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("container"), QStringLiteral("The container, by name or id."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("exec"), QStringLiteral("Load command run inside the container (sh -c)."), QStringLiteral("CMD")});
    parser.addOption({QStringLiteral("external"), QStringLiteral("Load generator run on this machine (no shell)."),
                      QStringLiteral("CMD")});
    parser.addOption({QStringLiteral("duration"), QStringLiteral("Seconds to sample (the load may end sooner). Default 30."),
                      QStringLiteral("S")});
    parser.addOption({QStringLiteral("ceiling"), QStringLiteral("Ceiling such as 2GiB or 512MiB. Default: the container's own."),
                      QStringLiteral("SIZE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON on stdout.")});
    parser.addOption({QStringLiteral("history"), QStringLiteral("History database to record the check in."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-history"), QStringLiteral("Do not record the check.")});
}

void LoadCheckCommand::start(const QCommandLineParser& parser)
{
    auto finish = [this](int code) { QTimer::singleShot(0, this, [this, code] { emit finished(code); }); };
    auto usageError = [&](const QString& message) {
        err() << "bulwark-cli load-check: " << message << '\n';
        finish(ExitUsage);
    };
    const QString fleetPath = parser.value(QStringLiteral("fleet"));
    const QString hostName = parser.value(QStringLiteral("host"));
    const QString container = parser.value(QStringLiteral("container"));
    if (fleetPath.isEmpty() || hostName.isEmpty() || container.isEmpty())
        return usageError(QStringLiteral("--fleet FILE, --host NAME and --container NAME are required"));
    const bool exec = parser.isSet(QStringLiteral("exec"));
    const bool external = parser.isSet(QStringLiteral("external"));
    if (exec == external)
        return usageError(QStringLiteral("give exactly one load: --exec CMD or --external CMD"));
    auto fleet = FleetFile::load(fleetPath);
    if (!fleet)
        return usageError(fleet.errorMessage());
    const HostEntry* host = fleet->findHost(hostName);
    if (!host)
        return usageError(QStringLiteral("%1 has no host named '%2'").arg(fleetPath, hostName));

    LoadCheckOptions options;
    if (exec) {
        options.execCommand = {QStringLiteral("sh"), QStringLiteral("-c"), parser.value(QStringLiteral("exec"))};
    } else {
        options.externalCommand = QProcess::splitCommand(parser.value(QStringLiteral("external")));
        if (options.externalCommand.isEmpty())
            return usageError(QStringLiteral("--external needs a command"));
    }
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("duration")).toInt(&ok);
        if (!ok || seconds < 1 || seconds > 24 * 3600)
            return usageError(QStringLiteral("--duration must be 1..86400 seconds, not '%1'").arg(parser.value(QStringLiteral("duration"))));
        options.durationMs = seconds * 1000;
    }
    if (parser.isSet(QStringLiteral("ceiling"))) {
        const auto bytes = PolicyFile::parseByteSize(parser.value(QStringLiteral("ceiling")));
        if (!bytes || *bytes <= 0)
            return usageError(QStringLiteral("--ceiling must be a size such as 2GiB or 512MiB, not '%1'")
                                  .arg(parser.value(QStringLiteral("ceiling"))));
        options.ceilingBytes = *bytes;
    }
    m_json = parser.isSet(QStringLiteral("json"));
    if (!parser.isSet(QStringLiteral("no-history")))
        m_historyPath = parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                                : HistoryStore::defaultPath();

    m_check = std::make_unique<LoadCheck>();
    connect(m_check.get(), &LoadCheck::sampled, this, [this](qint64 usage, qint64 ms) {
        if (m_json)
            return;
        err() << QStringLiteral("  %1 s  %2\n").arg(double(ms) / 1000.0, 5, 'f', 1).arg(mib(usage));
        err().flush();
    });
    connect(m_check.get(), &LoadCheck::finished, this, &LoadCheckCommand::report);
    if (!m_json)
        err() << "Load check of " << container << " on " << hostName << " for up to " << options.durationMs / 1000 << " s\n";
    m_check->run(*host, container, options);
}

void LoadCheckCommand::report(const LoadCheckResult& result)
{
    // A check that could not run (host unreachable, no such container, load failed to start) is
    // not evidence: it is reported and never recorded, so it cannot stand in for a measurement.
    const bool measured = result.error.isEmpty();
    const bool over = measured && result.ceilingBytes > 0 && result.peakUsageBytes > result.ceilingBytes;
    const bool pass = measured && !over && !result.oomKilled;
    // Without a ceiling (no limit, not template-infra-high, no --ceiling) only an OOM kill can fail.
    const bool noCeiling = result.ceilingBytes <= 0 && !result.oomKilled;
    const QString status = !measured ? QStringLiteral("unknown")
                           : noCeiling ? QStringLiteral("not_applicable")
                           : pass      ? QStringLiteral("pass")
                                       : QStringLiteral("fail");
    if (measured && !m_historyPath.isEmpty()) {
        HistoryStore store;
        Result<void> saved = store.open(m_historyPath);
        if (saved)
            saved = store.addLoadCheck(result);
        if (!saved)
            err() << "bulwark-cli load-check: warning: check not recorded: " << saved.errorMessage() << '\n';
    }
    if (m_json) {
        QJsonObject j{{QStringLiteral("control"), QStringLiteral("AC-HARD-02")},
                      {QStringLiteral("host"), result.hostName},
                      {QStringLiteral("container"), result.containerName},
                      {QStringLiteral("containerId"), result.containerId},
                      {QStringLiteral("peakUsageBytes"), double(result.peakUsageBytes)},
                      {QStringLiteral("ceilingBytes"), double(result.ceilingBytes)},
                      {QStringLiteral("limitBytes"), double(result.limitBytes)},
                      {QStringLiteral("oomKilled"), result.oomKilled},
                      {QStringLiteral("samples"), result.samples},
                      {QStringLiteral("startedAt"), result.startedAt.toString(Qt::ISODateWithMs)},
                      {QStringLiteral("finishedAt"), result.finishedAt.toString(Qt::ISODateWithMs)},
                      {QStringLiteral("status"), status}};
        if (!measured)
            j.insert(QStringLiteral("error"), result.error);
        out() << QString::fromUtf8(QJsonDocument(j).toJson(QJsonDocument::Indented));
    } else if (measured) {
        out() << formatTable({{QStringLiteral("CONTAINER"), QStringLiteral("PEAK"), QStringLiteral("CEILING"), QStringLiteral("LIMIT"),
                               QStringLiteral("OOM"), QStringLiteral("SAMPLES"), QStringLiteral("AC-HARD-02")},
                              {result.containerName, mib(result.peakUsageBytes),
                               result.ceilingBytes > 0 ? mib(result.ceilingBytes) : QStringLiteral("none"),
                               result.limitBytes > 0 ? mib(result.limitBytes) : QStringLiteral("none"),
                               result.oomKilled ? QStringLiteral("killed") : QStringLiteral("no"), QString::number(result.samples),
                               status}});
    }
    out().flush();
    if (!measured) {
        err() << "bulwark-cli load-check: " << result.error << '\n';
        err().flush();
        emit finished(ExitHostsFailed);
        return;
    }
    emit finished(pass ? ExitOk : ExitFindings);
}

} // namespace bulwark::cli
