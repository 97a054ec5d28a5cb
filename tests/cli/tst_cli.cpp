// SPDX-License-Identifier: GPL-3.0-or-later
// bulwark-cli as CI pipelines see it: documented commands and exit codes, clear usage errors.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(BULWARK_CLI), args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
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
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
