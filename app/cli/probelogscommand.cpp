// SPDX-License-Identifier: GPL-3.0-or-later
#include "probelogscommand.h"

#include "exitcodes.h"
#include "output.h"

#include "fleet/fleetfile.h"
#include "secrets/endpointcredentials.h"
#include "secrets/secretstore.h"
#include "telemetry/historystore.h"
#include "telemetry/lokiprobe.h"

#include <QDateTime>
#include <QTimer>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bulwark::cli {

ProbeLogsCommand::ProbeLogsCommand(QObject* parent) : Command(parent) {}

ProbeLogsCommand::~ProbeLogsCommand() = default;

QString ProbeLogsCommand::usage() const
{
    return QStringLiteral(
        "Pushes uniquely marked level=critical canary lines to the fleet's Loki (the 'loki' section of the\n"
        "fleet file) and polls query_range until each is searchable. With --end-to-end, each host runs\n"
        "short-lived hardened canary containers instead, so the host's own log shipper is measured.\n"
        "NFR-OBS-01 passes when p95 < 2 s; AC-HARD-03 when every probe is searchable within 5 s.\n"
        "Exit code 1 when either fails. Probes are recorded in the history unless --no-history.");
}

void ProbeLogsCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({{QStringLiteral("f"), QStringLiteral("fleet")}, QStringLiteral("The fleet file."), QStringLiteral("FILE")});
    parser.addOption({{QStringLiteral("n"), QStringLiteral("count")},
                      QStringLiteral("Probes to run (per host with --end-to-end). Default 5."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("end-to-end"), QStringLiteral("Emit the canaries from a container on each host.")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("A canary not searchable after MS is a miss. Default 10000."),
                      QStringLiteral("MS")});
    parser.addOption({QStringLiteral("interval"), QStringLiteral("Between two probes. Default 500."), QStringLiteral("MS")});
    parser.addOption({QStringLiteral("image"),
                      QStringLiteral("Canary image for --end-to-end (it needs sh, echo and sleep). Default bulwark/busybox:lab."),
                      QStringLiteral("IMAGE")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the figures as JSON on stdout.")});
    parser.addOption({QStringLiteral("history"), QStringLiteral("History database to record the probes in."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("no-history"), QStringLiteral("Do not record the probes.")});
}

void ProbeLogsCommand::start(const QCommandLineParser& parser)
{
    auto finish = [this](int code) { QTimer::singleShot(0, this, [this, code] { emit finished(code); }); };
    auto usageError = [&](const QString& message) {
        err() << "bulwark-cli probe-logs: " << message << '\n';
        finish(ExitUsage);
    };
    const QString fleetPath = parser.value(QStringLiteral("fleet"));
    if (fleetPath.isEmpty())
        return usageError(QStringLiteral("--fleet FILE is required"));
    auto fleet = FleetFile::load(fleetPath);
    if (!fleet)
        return usageError(fleet.errorMessage());
    if (!fleet->loki)
        return usageError(QStringLiteral("%1 has no 'loki' section (url, optional tenant): nothing to probe").arg(fleetPath));

    LokiProbeOptions options;
    auto intOption = [&](const QString& name, int min, int* target) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        const int v = parser.value(name).toInt(&ok);
        if (!ok || v < min) {
            usageError(QStringLiteral("--%1 must be a whole number >= %2, not '%3'").arg(name).arg(min).arg(parser.value(name)));
            return false;
        }
        *target = v;
        return true;
    };
    if (!intOption(QStringLiteral("count"), 1, &options.count) || !intOption(QStringLiteral("timeout"), 100, &options.timeoutMs)
        || !intOption(QStringLiteral("interval"), 0, &options.intervalMs))
        return;
    if (parser.isSet(QStringLiteral("image")))
        options.canaryImage = parser.value(QStringLiteral("image"));
    m_json = parser.isSet(QStringLiteral("json"));
    if (!parser.isSet(QStringLiteral("no-history")))
        m_historyPath = parser.isSet(QStringLiteral("history")) ? parser.value(QStringLiteral("history"))
                                                                : HistoryStore::defaultPath();

    m_probe = std::make_unique<LokiProbe>();
    connect(m_probe.get(), &LokiProbe::failed, this, [this](const QString& message) {
        err() << "bulwark-cli probe-logs: " << message << '\n';
        finishLater(ExitUsage);
    });
    connect(m_probe.get(), &LokiProbe::probeFinished, this, [this](const LatencyProbe& p) {
        if (m_json)
            return;
        err() << (p.missed ? "  miss  " : "  seen  ") << (p.hostName.isEmpty() ? QStringLiteral("push") : p.hostName)
              << "  " << (p.missed ? p.error : QStringLiteral("%1 ms").arg(p.latencyMs)) << '\n';
        err().flush();
    });
    connect(m_probe.get(), &LokiProbe::finished, this, &ProbeLogsCommand::report);

    // A Loki behind basic auth: the password is read from the keychain here, never from a file,
    // argv or the environment. Without a user name in the fleet file the keychain is not touched.
    m_secrets = std::make_unique<SecretStore>();
    const bool endToEnd = parser.isSet(QStringLiteral("end-to-end"));
    readHttpCredentials(*m_secrets, fleet->loki->url, fleet->loki->username,
                        [this, options, endToEnd, config = *fleet](const Result<HttpCredentials>& credentials) mutable {
                            if (!credentials) {
                                err() << "bulwark-cli probe-logs: " << credentials.errorMessage() << '\n';
                                finishLater(ExitUsage);
                                return;
                            }
                            options.username = credentials->username;
                            options.password = credentials->password;
                            m_probe->setOptions(options);
                            if (!m_json)
                                err() << "Probing " << config.loki->url << (endToEnd ? " end to end" : "") << " ("
                                      << options.count << " probes)\n";
                            if (endToEnd)
                                m_probe->runEndToEnd(config, options.count);
                            else
                                m_probe->run(*config.loki, options.count);
                        });
}

void ProbeLogsCommand::finishLater(int exitCode)
{
    // Deferred: these paths can run inside start(), before main() entered the event loop.
    QTimer::singleShot(0, this, [this, exitCode] { emit finished(exitCode); });
}

void ProbeLogsCommand::report(const LogLatencySummary& summary)
{
    const bool nfr = nfrObs01Passes(summary);
    const bool ac = acHard03Passes(summary);
    if (!m_historyPath.isEmpty()) {
        HistoryStore store;
        Result<void> saved = store.open(m_historyPath);
        if (saved)
            saved = store.addProbes(summary.probes);
        if (!saved)
            err() << "bulwark-cli probe-logs: warning: probes not recorded: " << saved.errorMessage() << '\n';
    }
    auto verdict = [](bool pass) { return pass ? QStringLiteral("pass") : QStringLiteral("fail"); };
    if (m_json) {
        QJsonArray probes;
        for (const LatencyProbe& p : summary.probes) {
            QJsonObject o{{QStringLiteral("emittedMs"), double(p.emittedMs)},
                          {QStringLiteral("latencyMs"), p.missed ? QJsonValue() : QJsonValue(double(p.latencyMs))},
                          {QStringLiteral("missed"), p.missed},
                          {QStringLiteral("host"), p.hostName},
                          {QStringLiteral("mode"), p.mode},
                          {QStringLiteral("marker"), p.marker}};
            if (!p.error.isEmpty())
                o.insert(QStringLiteral("error"), p.error);
            probes.append(o);
        }
        // The same keys as the audit report's fleet.logLatency.
        const QJsonObject j{{QStringLiteral("samples"), summary.samples},
                            {QStringLiteral("misses"), summary.misses},
                            {QStringLiteral("p50Ms"), summary.p50Ms},
                            {QStringLiteral("p95Ms"), summary.p95Ms},
                            {QStringLiteral("maxMs"), summary.maxMs},
                            {QStringLiteral("windowStart"), summary.windowStart.toString(Qt::ISODateWithMs)},
                            {QStringLiteral("windowEnd"), summary.windowEnd.toString(Qt::ISODateWithMs)},
                            {QStringLiteral("verdicts"), QJsonObject{{QStringLiteral("NFR-OBS-01"), verdict(nfr)},
                                                                     {QStringLiteral("AC-HARD-03"), verdict(ac)}}},
                            {QStringLiteral("probes"), probes}};
        out() << QString::fromUtf8(QJsonDocument(j).toJson(QJsonDocument::Indented));
    } else {
        out() << formatTable({{QStringLiteral("SAMPLES"), QStringLiteral("MISSES"), QStringLiteral("P50"), QStringLiteral("P95"),
                               QStringLiteral("MAX")},
                              {QString::number(summary.samples), QString::number(summary.misses),
                               QStringLiteral("%1 ms").arg(summary.p50Ms, 0, 'f', 0),
                               QStringLiteral("%1 ms").arg(summary.p95Ms, 0, 'f', 0),
                               QStringLiteral("%1 ms").arg(summary.maxMs, 0, 'f', 0)}});
        out() << "NFR-OBS-01 (p95 < 2 s): " << verdict(nfr) << '\n';
        out() << "AC-HARD-03 (every probe searchable within 5 s): " << verdict(ac) << '\n';
    }
    out().flush();
    emit finished(nfr && ac ? ExitOk : ExitFindings);
}

} // namespace bulwark::cli
