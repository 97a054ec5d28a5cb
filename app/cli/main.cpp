// SPDX-License-Identifier: GPL-3.0-or-later
// bulwark-cli: the headless face of Bulwark, for CI and cron. It shares the whole core with the GUI.
#include "commands.h"
#include "exitcodes.h"
#include "output.h"

#include "model/metatypes.h"

#include <QCoreApplication>
#ifdef BULWARK_HAVE_REPORT
#include <QGuiApplication>
#endif

#include <memory>

using namespace bulwark::cli;

namespace {

QString exitCodeHelp()
{
    return QStringLiteral("Exit codes:\n"
                          "  0  everything passed or was waived\n"
                          "  1  at least one control failed\n"
                          "  2  usage or configuration error (bad option, unreadable fleet/policy/waiver file)\n"
                          "  3  at least one host could not be scanned (the others are still reported)\n");
}

void printGlobalHelp(const std::vector<std::unique_ptr<Command>>& commands)
{
    QString text = QStringLiteral("Usage: bulwark-cli <command> [options]\n\n"
                                  "Audits, measures and fixes the hardening of a Docker fleet against SPEC-INFRA-04.\n\n"
                                  "Commands:\n");
    for (const auto& c : commands)
        text += QStringLiteral("  %1%2\n").arg(c->name().leftJustified(14), c->summary());
    text += QStringLiteral("\nRun 'bulwark-cli <command> --help' for a command's options.\n\n") + exitCodeHelp();
    out() << text;
    out().flush();
}

#ifdef BULWARK_HAVE_REPORT
// Qt's offscreen platform looks up a runtime directory while it starts, and warns on stderr when
// XDG_RUNTIME_DIR is unset, as it is for root under cron or in CI. The warning says nothing the
// operator can act on (Bulwark's own runtime directory has its own fallback, core/ssh/runtimedir)
// and would land in every cron mail, so exactly that message is dropped while the application starts.
QtMessageHandler g_previousHandler = nullptr;

void dropRuntimeDirWarning(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    g_previousHandler(type, context, message);
}
#endif

} // namespace

int main(int argc, char* argv[])
{
#ifdef BULWARK_HAVE_REPORT
    // PDF rendering needs fonts and QPainter, hence a QGuiApplication; headless it must never need a display.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    g_previousHandler = qInstallMessageHandler(dropRuntimeDirWarning);
    QGuiApplication app(argc, argv);
    qInstallMessageHandler(g_previousHandler);
#else
    QCoreApplication app(argc, argv);
#endif
    QCoreApplication::setApplicationName(QStringLiteral("bulwark"));
    QCoreApplication::setOrganizationName(QStringLiteral("bulwark"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BULWARK_VERSION));
    bulwark::registerMetaTypes();

    const auto commands = makeCommands();
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        printGlobalHelp(commands);
        return ExitUsage;
    }
    const QString first = args.at(1);
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        printGlobalHelp(commands);
        return ExitOk;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        out() << "bulwark-cli " << QCoreApplication::applicationVersion() << '\n';
        return ExitOk;
    }

    Command* command = nullptr;
    for (const auto& c : commands)
        if (c->name() == first)
            command = c.get();
    if (!command) {
        err() << "bulwark-cli: unknown command '" << first << "'\n";
        err() << "Run 'bulwark-cli --help' for the list of commands.\n";
        return ExitUsage;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(command->summary());
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help."));
    parser.addOption(helpOption);
    command->addOptions(parser);
    args.removeAt(1);
    args[0] = QStringLiteral("bulwark-cli ") + command->name();
    // parse(), not process(): process() exits with 1, which our exit codes reserve for findings.
    if (!parser.parse(args)) {
        err() << "bulwark-cli " << command->name() << ": " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out() << parser.helpText();
        if (!command->usage().isEmpty())
            out() << '\n' << command->usage() << '\n';
        out() << '\n' << exitCodeHelp();
        return ExitOk;
    }

    int exitCode = ExitOk;
    QObject::connect(command, &Command::finished, &app, [&exitCode](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    });
    command->start(parser);
    app.exec();
    out().flush();
    err().flush();
    return exitCode;
}
