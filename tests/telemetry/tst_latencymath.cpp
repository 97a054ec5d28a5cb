// SPDX-License-Identifier: GPL-3.0-or-later
// The percentile math behind NFR-OBS-01 (p95 < 2 s) and AC-HARD-03 (every probe within 5 s).
#include "telemetry/lokiprobe.h"

#include <QTest>

using namespace bulwark;

namespace {

LatencyProbe seen(qint64 emitted, qint64 latency)
{
    LatencyProbe p;
    p.emittedMs = emitted;
    p.latencyMs = latency;
    return p;
}

LatencyProbe miss(qint64 emitted)
{
    LatencyProbe p;
    p.emittedMs = emitted;
    p.missed = true;
    p.latencyMs = -1;
    return p;
}

} // namespace

class TestLatencyMath final : public QObject {
    Q_OBJECT
private slots:
    void percentile_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        QTest::newRow("empty") << QList<double>{} << 95.0 << 0.0;
        QTest::newRow("one value is every percentile") << QList<double>{420} << 95.0 << 420.0;
        QTest::newRow("median of odd count") << QList<double>{300, 100, 200} << 50.0 << 200.0;
        QTest::newRow("median of even count interpolates") << QList<double>{100, 200, 300, 400} << 50.0 << 250.0;
        // numpy.percentile([1..20]*100, 95) == 1905
        QList<double> twenty;
        for (int i = 1; i <= 20; ++i)
            twenty << i * 100.0;
        QTest::newRow("p95 of 20 interpolates below max") << twenty << 95.0 << 1905.0;
        QTest::newRow("p100 is max") << twenty << 100.0 << 2000.0;
        QTest::newRow("p0 is min") << twenty << 0.0 << 100.0;
        QTest::newRow("out-of-range p is clamped") << QList<double>{1, 2, 3} << 150.0 << 3.0;
    }
    void percentile()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, p);
        QFETCH(double, expected);
        QCOMPARE(latencyPercentile(values, p), expected);
    }

    void verdicts_data()
    {
        QTest::addColumn<QList<LatencyProbe>>("probes");
        QTest::addColumn<bool>("nfrObs01");
        QTest::addColumn<bool>("acHard03");
        QTest::newRow("all fast") << QList<LatencyProbe>{seen(1000, 300), seen(2000, 320), seen(3000, 280)} << true << true;
        QTest::newRow("p95 over 2 s but within 5 s")
            << QList<LatencyProbe>{seen(1000, 2500), seen(2000, 2600), seen(3000, 2400)} << false << true;
        QTest::newRow("one of twenty slow keeps p95 under 2 s, fails the 5 s rule")
            << [] {
                   QList<LatencyProbe> l;
                   for (int i = 0; i < 19; ++i)
                       l << seen(1000 + i, 300);
                   l << seen(5000, 6000);
                   return l;
               }()
            << true << false;
        QTest::newRow("a miss fails both") << QList<LatencyProbe>{seen(1000, 300), miss(2000)} << false << false;
        QTest::newRow("nothing measured passes nothing") << QList<LatencyProbe>{} << false << false;
        QTest::newRow("exactly 5 s is within 5 s") << QList<LatencyProbe>{seen(1000, 5000)} << false << true;
    }
    void verdicts()
    {
        QFETCH(QList<LatencyProbe>, probes);
        QFETCH(bool, nfrObs01);
        QFETCH(bool, acHard03);
        const LogLatencySummary s = summarizeLatency(probes);
        QCOMPARE(nfrObs01Passes(s), nfrObs01);
        QCOMPARE(acHard03Passes(s), acHard03);
    }

    void summaryCountsAndWindow()
    {
        const auto s = summarizeLatency({seen(5000, 400), miss(1000), seen(3000, 200), seen(9000, 600)});
        QCOMPARE(s.samples, 3);
        QCOMPARE(s.misses, 1);
        QCOMPARE(s.p50Ms, 400.0);
        QCOMPARE(s.maxMs, 600.0);
        QCOMPARE(s.windowStart.toMSecsSinceEpoch(), 1000);
        QCOMPARE(s.windowEnd.toMSecsSinceEpoch(), 9000);
        QCOMPARE(s.probes.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestLatencyMath)
#include "tst_latencymath.moc"
