// SPDX-License-Identifier: GPL-3.0-or-later
// bulwark: the desktop dashboard. Only wiring lives here; the window is in ui/, the work in core/.
#include "main/mainwindow.h"

#include "model/metatypes.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("bulwark"));
    QApplication::setApplicationDisplayName(QStringLiteral("Bulwark"));
    QApplication::setOrganizationName(QStringLiteral("bulwark"));
    QApplication::setApplicationVersion(QStringLiteral(BULWARK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("bulwark"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bulwark.svg")));
    bulwark::registerMetaTypes();

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
    parser.addOption(fleetOption);
    parser.addPositionalArgument(QStringLiteral("fleet"), QApplication::translate("main", "A fleet file."),
                                 QStringLiteral("[FILE]"));
    parser.process(app);

    bulwark::MainWindow window;
    QString fleetPath = parser.value(fleetOption);
    if (fleetPath.isEmpty() && !parser.positionalArguments().isEmpty())
        fleetPath = parser.positionalArguments().constFirst();
    if (!fleetPath.isEmpty())
        window.openFleet(fleetPath);
    window.show();
    return QApplication::exec();
}
