// SPDX-License-Identifier: GPL-3.0-or-later
// bulwark: the desktop dashboard. Only wiring lives here; the window is in ui/, the work in core/.
#include "main/mainwindow.h"
#include "sample/samplerun.h"
#include "trends/memoryhistory.h"

#include "model/metatypes.h"
#include "ssh/askpassbridge.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>

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
    parser.addOption(fleetOption);
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
