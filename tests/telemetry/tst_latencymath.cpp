// SPDX-License-Identifier: GPL-3.0-or-later
// The verdict math behind NFR-OBS-01 (p95 < 2 s) and AC-HARD-03 (every probe within 5 s); the
// percentile itself is tested in tests/model/tst_percentile.cpp.
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
        // rank 0.95 * 39 = 37.05 stays below the miss: the p95 is finite, the 5 s rule is broken.
        QTest::newRow("one miss in forty: p95 holds, AC-HARD-03 fails") << [] {
            QList<LatencyProbe> l;
            for (int i = 0; i < 39; ++i)
                l << seen(1000 + i, 300);
            l << miss(5000);
            return l;
        }() << true << false;
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
