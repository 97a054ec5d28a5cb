// SPDX-License-Identifier: GPL-3.0-or-later
// bulwark-cli as CI pipelines see it: documented commands and exit codes, clear usage errors.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "../common/processrun.h"

using namespace bulwark;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList& args)
{
    const test::ProcessRun r = test::runCli(args);
    return {r.exitCode, QString::fromUtf8(r.out), QString::fromUtf8(r.err)};
}

} // namespace

class TestCli final : public QObject {
    Q_OBJECT
private slots:
    void helpDocumentsCommandsAndExitCodes()
    {
        const Run r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("list")));
        for (const char* code : {"0  everything passed", "1  at least one control failed", "2  usage", "3  at least one host"})
            QVERIFY2(r.out.contains(QLatin1String(code)), code);
    }

    void commandHelpShowsOptions()
    {
        const Run r = runCli({QStringLiteral("list"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("--fleet")));
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << "Usage";
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << "unknown command 'frobnicate'";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("list"), QStringLiteral("--bogus")} << "bogus";
        QTest::newRow("missing fleet") << QStringList{QStringLiteral("list")} << "--fleet";
        QTest::newRow("unreadable fleet")
            << QStringList{QStringLiteral("list"), QStringLiteral("--fleet"), QStringLiteral("/nonexistent.yaml")}
            << "/nonexistent.yaml";
    }

    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        const QString all = r.out + r.err;
        QVERIFY2(all.contains(message), qPrintable(all));
    }

    void brokenFleetFileNamesLineAndColumn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hosts:\n  - name: a\n    url: unix:///x\n    sockett: /y\n");
        f.close();
        const Run r = runCli({QStringLiteral("list"), QStringLiteral("--fleet"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(path + QLatin1String(":4:5: unknown host key 'sockett'")), qPrintable(r.err));
    }

    void versionIsPrinted()
    {
        const Run r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QLatin1String("bulwark-cli ")));
    }

    // Root under cron or in CI has no XDG_RUNTIME_DIR; Qt's start-up warning about it must not land
    // in every cron mail. Nothing else on stderr is hidden: a usage error still says what is wrong.
    void noRuntimeDirWarningWithoutXdgRuntimeDir()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const auto run = [&env](const QStringList& args) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(test::bulwarkCli(), args);
            if (!p.waitForFinished(60000))
                return Run{};
            return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
        };
        const Run version = run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.err.isEmpty(), qPrintable(version.err));
        const Run usage = run({QStringLiteral("list")});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY(usage.err.contains(QLatin1String("--fleet")));
        QVERIFY2(!usage.err.contains(QLatin1String("XDG_RUNTIME_DIR")), qPrintable(usage.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
