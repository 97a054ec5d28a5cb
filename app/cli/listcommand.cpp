// SPDX-License-Identifier: GPL-3.0-or-later
#include "listcommand.h"

#include "exitcodes.h"
#include "output.h"

#include "fleet/fleetfile.h"
#include "scan/fleetscanner.h"
#include "ssh/askpassbridge.h"

#include <QTimer>

namespace bulwark::cli {

ListCommand::ListCommand(QObject* parent) : Command(parent) {}
ListCommand::~ListCommand() = default;

QString ListCommand::usage() const
{
    return QStringLiteral("Reaches every host of the fleet (ssh:// through OpenSSH, unix:// directly) and prints\n"
                          "one table of containers per host. Hosts that could not be scanned show their status\n"
                          "(unreachable, auth_failed, hostkey_unknown, hostkey_changed, api_error, timeout) and\n"
                          "why; the others are still listed and the exit code is 3.");
}

void ListCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({{QStringLiteral("f"), QStringLiteral("fleet")}, QStringLiteral("The fleet file."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("host-timeout"),
                      QStringLiteral("Seconds one host may take before it is reported as timeout (default 90)."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("no-memory"), QStringLiteral("Skip the memory figures (no stats requests).")});
}

void ListCommand::start(const QCommandLineParser& parser)
{
    auto finish = [this](int code) { QTimer::singleShot(0, this, [this, code] { emit finished(code); }); };
    const QString fleetPath = parser.value(QStringLiteral("fleet"));
    if (fleetPath.isEmpty()) {
        err() << "bulwark-cli list: --fleet FILE is required\n";
        return finish(ExitUsage);
    }
    auto fleet = FleetFile::load(fleetPath);
    if (!fleet) {
        err() << "bulwark-cli list: " << fleet.errorMessage() << '\n';
        return finish(ExitUsage);
    }
    ScanOptions options;
    options.collectMemory = !parser.isSet(QStringLiteral("no-memory"));
    if (parser.isSet(QStringLiteral("host-timeout"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("host-timeout")).toInt(&ok);
        if (!ok || seconds < 1) {
            err() << "bulwark-cli list: --host-timeout needs a positive number of seconds\n";
            return finish(ExitUsage);
        }
        options.hostTimeoutMs = seconds * 1000;
        options.connectTimeoutMs = qMin(options.connectTimeoutMs, options.hostTimeoutMs);
    }

    // Passphrase-protected keys: their passphrase comes from the keychain through bulwark-askpass.
    // Without the helper, ssh-agent and unprotected keys still work, so this is not an error.
    (void)AskpassBridge::install(this);

    m_scanner = std::make_unique<FleetScanner>();
    m_scanner->setOptions(options);
    connect(m_scanner.get(), &FleetScanner::hostFinished, this, [](const HostSnapshot& host) {
        err() << "scanned " << host.hostName << ": " << hostStatusName(host.status) << " (" << host.durationMs
              << " ms)\n";
        err().flush();
    });
    connect(m_scanner.get(), &FleetScanner::finished, this, [this, finish](const FleetSnapshot& result) {
        out() << render(result);
        out().flush();
        bool anyFailed = false;
        for (const HostSnapshot& h : result.hosts)
            anyFailed = anyFailed || !h.isOk();
        finish(anyFailed ? ExitHostsFailed : ExitOk);
    });
    m_scanner->scan(*fleet);
}

QString ListCommand::render(const FleetSnapshot& fleet)
{
    QString text;
    for (const HostSnapshot& h : fleet.hosts) {
        if (!text.isEmpty())
            text += QLatin1Char('\n');
        text += QStringLiteral("== %1: %2").arg(h.hostName, hostStatusName(h.status));
        if (h.isOk())
            text += QStringLiteral(" (Docker %1, API %2, %3 containers)\n")
                        .arg(h.engine.serverVersion, h.engine.apiVersion)
                        .arg(h.containers.size());
        else
            text += QLatin1Char('\n');
        if (!h.error.isEmpty())
            text += QStringLiteral("   error: %1\n").arg(h.error);
        if (!h.hostKeyFingerprint.isEmpty())
            text += QStringLiteral("   offered host key: %1\n").arg(h.hostKeyFingerprint);
        if (h.status == HostStatus::HostKeyUnknown)
            text += QStringLiteral("   to trust it after checking: bulwark-cli trust-host --fleet FILE --host %1\n")
                        .arg(h.hostName);
        if (h.containers.isEmpty())
            continue;
        QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("IMAGE"), QStringLiteral("STATE"),
                                 QStringLiteral("STATUS"), QStringLiteral("MEMORY")}};
        for (const ContainerSnapshot& c : h.containers) {
            QString mem = QStringLiteral("-");
            if (c.memory)
                mem = c.memory->limitBytes > 0
                    ? QStringLiteral("%1 / %2 MiB").arg(c.memory->usageBytes / 1048576.0, 0, 'f', 1).arg(c.memory->limitBytes / 1048576)
                    : QStringLiteral("%1 MiB").arg(c.memory->usageBytes / 1048576.0, 0, 'f', 1);
            rows.append({c.name, c.image, c.state, c.status, mem});
        }
        text += formatTable(rows);
    }
    return text;
}

} // namespace bulwark::cli
