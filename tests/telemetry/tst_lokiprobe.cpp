// SPDX-License-Identifier: GPL-3.0-or-later
// The Loki latency probe against the Loki-API test server (tests/loki/loki_testd.py) on an ephemeral
// 127.0.0.1 port: measured latency follows the server's ingestion delay, verdicts follow the spec,
// tenants and credentials are sent, failures become misses with a reason, late replies are harmless.
#include "lokitestserver.h"

#include "model/metatypes.h"
#include "telemetry/lokiprobe.h"

#include <QSignalSpy>
#include <QTest>

using namespace bulwark;
using bulwark::test::LokiTestServer;

namespace {

LogLatencySummary runProbe(LokiProbe& probe, const LokiEndpoint& endpoint, int count, int waitMs)
{
    QSignalSpy finished(&probe, &LokiProbe::finished);
    probe.run(endpoint, count);
    if (!finished.wait(waitMs))
        return {};
    return finished.takeFirst().at(0).value<LogLatencySummary>();
}

} // namespace

class TestLokiProbe final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { registerMetaTypes(); }

    // AC: with a 300 ms ingestion delay the probe measures 0.3 s +- 0.1 s; both verdicts pass.
    void measuresIngestionDelay()
    {
        LokiTestServer server;
        const QString error = server.start({QStringLiteral("--ingest-delay-ms"), QStringLiteral("300")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        LokiProbe probe;
        LokiProbeOptions options;
        options.intervalMs = 200;
        probe.setOptions(options);
        QSignalSpy each(&probe, &LokiProbe::probeFinished);
        const auto summary = runProbe(probe, {server.url(), {}, {}}, 5, 20000);
        QCOMPARE(summary.samples, 5);
        QCOMPARE(summary.misses, 0);
        QCOMPARE(each.size(), 5);
        for (const auto& p : summary.probes) {
            qInfo("probe latency %lld ms", p.latencyMs);
            QVERIFY2(p.latencyMs >= 250 && p.latencyMs <= 600, qPrintable(QString::number(p.latencyMs)));
            QCOMPARE(p.mode, QStringLiteral("push"));
            QVERIFY(p.marker.startsWith(QLatin1String("bulwark-canary-")));
        }
        // The acceptance figure: the measured latency (the median) is 0.3 s +- 0.1 s. The tail also
        // carries this machine's scheduling noise (python server, push round trip), so p95 gets a
        // looser bound that still fails a probe that measured the wrong thing.
        QVERIFY2(qAbs(summary.p50Ms - 300) <= 100, qPrintable(QString::number(summary.p50Ms)));
        QVERIFY2(summary.p95Ms >= 250 && summary.p95Ms <= 600, qPrintable(QString::number(summary.p95Ms)));
        QVERIFY(nfrObs01Passes(summary));
        QVERIFY(acHard03Passes(summary));
        QVERIFY(!probe.isRunning());
    }

    // AC: with a 6 s delay AC-HARD-03 fails (latency measured, not searchable within 5 s).
    void slowIngestionFailsAcHard03()
    {
        LokiTestServer server;
        const QString error = server.start({QStringLiteral("--ingest-delay-ms"), QStringLiteral("6000")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        LokiProbe probe;
        LokiProbeOptions options;
        options.intervalMs = 100;
        options.timeoutMs = 9000;
        probe.setOptions(options);
        const auto summary = runProbe(probe, {server.url(), {}, {}}, 2, 30000);
        QCOMPARE(summary.probes.size(), 2);
        QCOMPARE(summary.misses, 0);
        QVERIFY2(summary.maxMs >= 5900 && summary.maxMs <= 6500, qPrintable(QString::number(summary.maxMs)));
        QVERIFY(!acHard03Passes(summary));
        QVERIFY(!nfrObs01Passes(summary));
    }

    // A canary never visible within the timeout is a miss with the reason, and fails both verdicts.
    void timeoutIsMiss()
    {
        LokiTestServer server;
        const QString error = server.start({QStringLiteral("--ingest-delay-ms"), QStringLiteral("6000")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        LokiProbe probe;
        LokiProbeOptions options;
        options.timeoutMs = 1000;
        probe.setOptions(options);
        const auto summary = runProbe(probe, {server.url(), {}, {}}, 2, 15000);
        QCOMPARE(summary.probes.size(), 2);
        QCOMPARE(summary.misses, 2);
        QCOMPARE(summary.samples, 0);
        for (const auto& p : summary.probes) {
            QVERIFY(p.missed);
            QCOMPARE(p.latencyMs, -1);
            QVERIFY2(p.error.contains(QLatin1String("not searchable within 1000 ms")), qPrintable(p.error));
        }
        QVERIFY(!acHard03Passes(summary));
    }

    void tenantAndCredentials_data()
    {
        QTest::addColumn<QStringList>("serverArgs");
        QTest::addColumn<QString>("tenant");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("visible");
        QTest::addColumn<QString>("errorContains");
        const QStringList requireTenant{QStringLiteral("--require-tenant")};
        const QStringList auth{QStringLiteral("--basic-auth"), QStringLiteral("probe:s3cret")};
        QTest::newRow("tenant sent") << requireTenant << QStringLiteral("team-a") << QString() << QString() << true << QString();
        QTest::newRow("tenant missing") << requireTenant << QString() << QString() << QString() << false
                                        << QStringLiteral("HTTP 401");
        QTest::newRow("credentials sent") << auth << QString() << QStringLiteral("probe") << QStringLiteral("s3cret")
                                          << true << QString();
        QTest::newRow("wrong password") << auth << QString() << QStringLiteral("probe") << QStringLiteral("nope")
                                        << false << QStringLiteral("HTTP 401");
    }
    void tenantAndCredentials()
    {
        QFETCH(QStringList, serverArgs);
        QFETCH(QString, tenant);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(bool, visible);
        QFETCH(QString, errorContains);
        LokiTestServer server;
        const QString error = server.start(serverArgs);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        LokiProbe probe;
        LokiProbeOptions options;
        options.username = user;
        options.password = password;
        options.timeoutMs = 3000;
        probe.setOptions(options);
        const auto summary = runProbe(probe, {server.url(), tenant, {}}, 1, 15000);
        QCOMPARE(summary.probes.size(), 1);
        QCOMPARE(!summary.probes.first().missed, visible);
        QVERIFY2(summary.probes.first().error.contains(errorContains), qPrintable(summary.probes.first().error));
    }

    void rejectedPushesAreMisses()
    {
        LokiTestServer server;
        QVERIFY(server.start({QStringLiteral("--fail-rate"), QStringLiteral("1")}).isEmpty());
        LokiProbe probe;
        const auto summary = runProbe(probe, {server.url(), {}, {}}, 3, 15000);
        QCOMPARE(summary.misses, 3);
        for (const auto& p : summary.probes)
            QVERIFY2(p.error.contains(QLatin1String("push failed: HTTP 500")), qPrintable(p.error));
    }

    void unreachableServerIsMiss()
    {
        QString url;
        {
            LokiTestServer server;
            QVERIFY(server.start({}).isEmpty());
            url = server.url(); // stopped when this scope ends: the port refuses connections
        }
        LokiProbe probe;
        const auto summary = runProbe(probe, {url, {}, {}}, 2, 15000);
        QCOMPARE(summary.misses, 2);
        QVERIFY(!summary.probes.first().error.isEmpty());
    }

    void badUrlFailsWithoutSummary()
    {
        LokiProbe probe;
        QSignalSpy failed(&probe, &LokiProbe::failed);
        QSignalSpy finished(&probe, &LokiProbe::finished);
        probe.run({QStringLiteral("ftp://127.0.0.1:1"), {}, {}}, 1);
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().at(0).toString().contains(QLatin1String("ftp://127.0.0.1:1")));
        QVERIFY(!probe.isRunning());
        QCOMPARE(finished.size(), 0);
    }

    void endToEndNeedsLokiSection()
    {
        LokiProbe probe;
        QSignalSpy failed(&probe, &LokiProbe::failed);
        FleetConfig fleet;
        fleet.hosts.append(HostEntry{});
        probe.runEndToEnd(fleet, 1);
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().at(0).toString().contains(QLatin1String("loki")));
    }

    // Cancel ends the run at once with what was measured; the rest are misses.
    void cancelFinishesWithMisses()
    {
        LokiTestServer server;
        QVERIFY(server.start({QStringLiteral("--ingest-delay-ms"), QStringLiteral("6000")}).isEmpty());
        LokiProbe probe;
        QSignalSpy finished(&probe, &LokiProbe::finished);
        probe.run({server.url(), {}, {}}, 3);
        QVERIFY(probe.isRunning());
        probe.cancel();
        QSignalSpy each(&probe, &LokiProbe::probeFinished);
        QCOMPARE(finished.size(), 1);
        const auto summary = finished.first().at(0).value<LogLatencySummary>();
        QCOMPARE(summary.probes.size(), 3);
        QCOMPARE(summary.misses, 3);
        QVERIFY(!probe.isRunning());
        for (const auto& p : summary.probes)
            QVERIFY(p.error.startsWith(QLatin1String("cancelled")));
        // The old run's timers and replies are ignored: nothing more is reported.
        QVERIFY(!finished.wait(1500));
        QCOMPARE(each.size(), 0);
    }

    // Destroying a running probe must not crash when its replies arrive late.
    void destroyWhileRunning()
    {
        LokiTestServer server;
        QVERIFY(server.start({QStringLiteral("--ingest-delay-ms"), QStringLiteral("500")}).isEmpty());
        {
            auto probe = std::make_unique<LokiProbe>();
            probe->run({server.url(), {}, {}}, 3);
            QVERIFY(probe->isRunning());
        }
        // Spin the event loop over the time the replies would have come back.
        LokiProbe other;
        const auto summary = runProbe(other, {server.url(), {}, {}}, 1, 10000);
        QCOMPARE(summary.samples, 1);
    }
};

QTEST_GUILESS_MAIN(TestLokiProbe)
#include "tst_lokiprobe.moc"
