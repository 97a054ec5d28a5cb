// SPDX-License-Identifier: GPL-3.0-or-later
// bulwark: the desktop dashboard. Only wiring lives here; the window is in ui/, the work in core/.
#include "main/mainwindow.h"
#include "remediation/remediationlogview.h"
#include "sample/samplerun.h"
#include "trends/memoryhistory.h"

#include "model/metatypes.h"
#include "ssh/askpassbridge.h"
#include "telemetry/historystore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

namespace {

// What the demo's remediation log shows: made-up applies on the synthetic hosts, one of each outcome.
QList<bulwark::RemediationRecord> demoRemediations(const bulwark::AuditRun& run)
{
    struct Entry {
        int hoursAgo;
        const char* project;
        const char* service;
        const char* controls;
        const char* outcome;
        const char* message;
        const char* diff;
    };
    const Entry entries[] = {
        {2, "infra", "prometheus", "SEC-01,AC-HARD-01", "applied", "prometheus is running again; SEC-01 and AC-HARD-01 pass",
         "--- a/compose.yaml\n+++ b/compose.yaml\n@@ -12,6 +12,8 @@ services:\n   prometheus:\n     image: prom/prometheus:v2.48\n"
         "     read_only: true\n+    security_opt:\n+      - no-new-privileges:true\n     networks: [infra_net]\n"},
        {5, "edge", "nginx", "INF-02", "rolled_back", "nginx did not become healthy within 60 s; the original file is back and running",
         "--- a/compose.yaml\n+++ b/compose.yaml\n@@ -4,7 +4,7 @@ services:\n   nginx:\n     image: nginx:1.25\n     ports:\n"
         "-      - \"8080:80\"\n+      - \"127.0.0.1:8080:80\"\n     cap_drop: [ALL]\n"},
        {26, "batch", "worker", "SEC-02", "applied", "worker is running again; SEC-02 passes",
         "--- a/compose.yaml\n+++ b/compose.yaml\n@@ -20,5 +20,7 @@ services:\n   worker:\n     image: busybox:1.36\n"
         "+    cap_drop:\n+      - ALL\n     restart: unless-stopped\n"},
        {50, "infra", "postgres", "ST-01", "refused", "the file changed since the preview (SHA-256 differs); nothing was written", ""},
    };
    QList<bulwark::RemediationRecord> out;
    qint64 id = 0;
    for (const Entry& e : entries) {
        bulwark::RemediationRecord r;
        r.id = ++id;
        r.timestamp = run.generatedAt.addSecs(-3600LL * e.hoursAgo);
        r.user = QStringLiteral("ops");
        r.hostName = run.fleet.hosts.value(int(id - 1) % std::max<qsizetype>(1, run.fleet.hosts.size())).hostName;
        r.project = QString::fromUtf8(e.project);
        r.service = QString::fromUtf8(e.service);
        r.filePath = QStringLiteral("/srv/%1/compose.yaml").arg(r.project);
        r.controls = QString::fromUtf8(e.controls).split(QLatin1Char(','));
        r.outcome = QString::fromUtf8(e.outcome);
        r.message = QString::fromUtf8(e.message);
        r.diff = QString::fromUtf8(e.diff);
        out.append(r);
    }
    return out;
}

} // namespace

int main(int argc, char* argv[])
{
    // Sharp on high-DPI screens at fractional scales too.
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bulwark"));
    QApplication::setApplicationDisplayName(QStringLiteral("Bulwark"));
    QApplication::setOrganizationName(QStringLiteral("bulwark"));
    QApplication::setApplicationVersion(QStringLiteral(BULWARK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("bulwark"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bulwark.svg")));
    bulwark::registerMetaTypes();
    // Passphrase-protected SSH keys: their passphrase comes from the keychain through the askpass helper.
    // Without the helper, keys without a passphrase (and the agent) still work, so a failure is not fatal.
    if (const auto askpass = bulwark::AskpassBridge::install(&app); !askpass)
        qWarning("bulwark: passphrase-protected keys unavailable: %s", qUtf8Printable(askpass.error().message));

    // The UI follows the system locale; Qt's own strings (dialog buttons) come from Qt's catalogue.
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("bulwark"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Hardening posture of a Docker fleet against SPEC-INFRA-04."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption fleetOption({QStringLiteral("f"), QStringLiteral("fleet")},
                                         QApplication::translate("main", "Open this fleet file."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption auditOption(QStringLiteral("audit"),
                                         QApplication::translate("main", "Audit the fleet right after start."));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QApplication::translate("main", "Show a synthetic fleet (no hosts are contacted)."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a PNG of each view into DIR once the data is shown, then quit."),
        QStringLiteral("DIR"));
    const QCommandLineOption historyOption(
        QStringLiteral("history"),
        QApplication::translate("main", "Memory history database (default: history.sqlite in the data directory)."),
        QStringLiteral("FILE"));
    parser.addOption(fleetOption);
    parser.addOption(historyOption);
    parser.addOption(auditOption);
    parser.addOption(demoOption);
    parser.addOption(screenshotOption);
    parser.addPositionalArgument(QStringLiteral("fleet"), QApplication::translate("main", "A fleet file."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    bulwark::MainWindow window;
    QString fleetPath = parser.value(fleetOption);
    if (fleetPath.isEmpty() && !parser.positionalArguments().isEmpty())
        fleetPath = parser.positionalArguments().constFirst();
    if (!fleetPath.isEmpty())
        window.openFleet(fleetPath);
    const QString shotDir = parser.value(screenshotOption);
    if (!shotDir.isEmpty())
        window.resize(1500, 920); // comparable pictures, whatever size the user's last session left
    window.show();

    auto takeShots = [&window, shotDir] {
        // Let queued history queries land and charts lay out before grabbing.
        QTimer::singleShot(1500, &window, [&window, shotDir] {
            QTextStream out(stdout);
            for (const QString& f : window.saveScreenshots(shotDir))
                out << f << '\n';
            QApplication::quit();
        });
    };

    // The demo's synthetic readings stay in memory: they must never reach the user's history.
    if (!parser.isSet(demoOption))
        window.openHistory(parser.isSet(historyOption) ? parser.value(historyOption) : bulwark::HistoryStore::defaultPath());

    if (parser.isSet(demoOption)) {
        bulwark::ui::sample::SampleOptions options;
        options.hosts = 4;
        options.containersPerHost = 10;
        options.unreachableHosts = 1;
        const bulwark::AuditRun run = bulwark::ui::sample::makeAuditRun(options);
        window.history()->add(bulwark::ui::sample::makeMemoryHistory(run, 7, 15));
        bulwark::FleetConfig fleet;
        for (const bulwark::HostSnapshot& h : run.fleet.hosts) {
            bulwark::HostEntry e;
            e.name = h.hostName;
            // A socket that does not exist: the demo never reaches a network host, even from "Show fix".
            e.url = QStringLiteral("unix:///nonexistent/bulwark-demo/%1.sock").arg(h.hostName);
            fleet.hosts.append(e);
        }
        window.setFleet(fleet);
        window.showRun(run);
        if (window.remediationView())
            window.remediationView()->showRecords(demoRemediations(run), QApplication::translate("main", "the demo"));
        window.selectContainer(run.fleet.hosts.constFirst().hostName, run.fleet.hosts.constFirst().containers.at(1).name);
        if (!shotDir.isEmpty())
            takeShots();
    } else if (parser.isSet(auditOption) || !shotDir.isEmpty()) {
        if (!shotDir.isEmpty())
            QObject::connect(&window, &bulwark::MainWindow::runShown, &window, takeShots);
        QTimer::singleShot(0, &window, &bulwark::MainWindow::startAudit);
    }
    return QApplication::exec();
}
