// SPDX-License-Identifier: GPL-3.0-or-later
// `bulwark-cli probe-logs` as a CI pipeline runs it: figures on stdout (JSON or text), verdicts in
// the exit code, clear usage errors. Against loki_testd on an ephemeral 127.0.0.1 port.
#include "lokitestserver.h"

#include "../common/processrun.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using bulwark::test::LokiTestServer;
using bulwark::test::ProcessRun;
using bulwark::test::runCli;

namespace {

QString writeFleet(const QTemporaryDir& dir, const QString& lokiUrl)
{
    const QString path = dir.filePath(QStringLiteral("fleet.yaml"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray text = "hosts:\n  - name: local\n    url: unix:///nonexistent/docker.sock\n";
    if (!lokiUrl.isEmpty())
        text += "loki:\n  url: " + lokiUrl.toUtf8() + "\n";
    f.write(text);
    return path;
}

} // namespace

class TestProbeLogsCommand final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(bulwark::test::bulwarkCli()))
            QSKIP("bulwark-cli is not built in this build tree (cmake --build BUILD --target bulwark-cli)");
    }

    void jsonFiguresAndPassingExitCode()
    {
        LokiTestServer server;
        QVERIFY(server.start({QStringLiteral("--ingest-delay-ms"), QStringLiteral("300")}).isEmpty());
        QTemporaryDir dir;
        const QString fleet = writeFleet(dir, server.url());
        const QString history = dir.filePath(QStringLiteral("history.sqlite"));
        const ProcessRun r = runCli({QStringLiteral("probe-logs"), QStringLiteral("--fleet"), fleet, QStringLiteral("--count"),
                              QStringLiteral("3"), QStringLiteral("--json"), QStringLiteral("--history"), history});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("samples")).toInt(), 3);
        QCOMPARE(j.value(QStringLiteral("misses")).toInt(), 0);
        // The median is the measurement (0.3 s ± 0.1 s); the p95 of three probes is their slowest, which a
        // busy machine can delay further, but it can never beat the server's ingestion delay.
        QVERIFY2(qAbs(j.value(QStringLiteral("p50Ms")).toDouble() - 300) <= 100, r.out.constData());
        QVERIFY2(j.value(QStringLiteral("p95Ms")).toDouble() >= 250, r.out.constData());
        QCOMPARE(j.value(QStringLiteral("verdicts")).toObject().value(QStringLiteral("NFR-OBS-01")).toString(), QStringLiteral("pass"));
        QCOMPARE(j.value(QStringLiteral("verdicts")).toObject().value(QStringLiteral("AC-HARD-03")).toString(), QStringLiteral("pass"));
        QVERIFY(QFileInfo::exists(history)); // recorded for the GUI's latency chart
    }

    void slowLokiFailsWithFindingsExitCode()
    {
        LokiTestServer server;
        QVERIFY(server.start({QStringLiteral("--ingest-delay-ms"), QStringLiteral("6000")}).isEmpty());
        QTemporaryDir dir;
        const ProcessRun r = runCli({QStringLiteral("probe-logs"), QStringLiteral("--fleet"), writeFleet(dir, server.url()),
                              QStringLiteral("--count"), QStringLiteral("1"), QStringLiteral("--no-history")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("AC-HARD-03 (every probe searchable within 5 s): fail"), r.out.constData());
        QVERIFY(r.out.contains("P95"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<bool>("withLoki");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no loki section") << false << QStringList{} << QByteArray("has no 'loki' section");
        QTest::newRow("bad count") << true << QStringList{QStringLiteral("--count"), QStringLiteral("zero")}
                                   << QByteArray("--count must be a whole number");
    }
    void usageErrors()
    {
        QFETCH(bool, withLoki);
        QFETCH(QStringList, extra);
        QFETCH(QByteArray, message);
        QTemporaryDir dir;
        const ProcessRun r = runCli(QStringList{QStringLiteral("probe-logs"), QStringLiteral("--fleet"),
                                         writeFleet(dir, withLoki ? QStringLiteral("http://127.0.0.1:9") : QString()),
                                         QStringLiteral("--no-history")}
                             + extra);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestProbeLogsCommand)
#include "tst_probelogscommand.moc"
