// SPDX-License-Identifier: GPL-3.0-or-later
#include "latency/latencystats.h"

#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

namespace {
LatencyProbe probe(qint64 latency, bool missed = false)
{
    LatencyProbe p;
    p.latencyMs = missed ? -1 : latency;
    p.missed = missed;
    return p;
}
} // namespace

class TestLatencyStats final : public QObject {
    Q_OBJECT
private slots:
    void histogramBucketsArrivalsAndSkipsMisses()
    {
        const QList<LatencyProbe> probes{probe(100), probe(499), probe(500), probe(1999), probe(7000), probe(0, true)};
        const QList<HistogramBucket> b = latencyHistogram(probes, 500, 2000);
        QCOMPARE(b.size(), 5);
        QCOMPARE(b.at(0).count, 2);
        QCOMPARE(b.at(1).count, 1);
        QCOMPARE(b.at(3).count, 1);
        QCOMPARE(b.at(4).count, 1); // the open-ended ≥ 2 s bucket
        QCOMPARE(bucketLabel(b.at(4), true), QStringLiteral("≥2"));
        QCOMPARE(bucketLabel(b.at(0), false), QStringLiteral("0–0.5"));
    }

    void percentile_data()
    {
        QTest::addColumn<QList<qint64>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        QTest::newRow("p95 of 1..20") << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20} << 0.95 << 19.05; // interpolated, as the CLI reports it
        QTest::newRow("p50 of 3") << QList<qint64>{300, 100, 200} << 0.5 << 200.0;
        QTest::newRow("single") << QList<qint64>{42} << 0.95 << 42.0;
        QTest::newRow("none") << QList<qint64>{} << 0.95 << -1.0;
    }
    void percentile()
    {
        QFETCH(QList<qint64>, values);
        QFETCH(double, p);
        QFETCH(double, expected);
        QList<LatencyProbe> probes;
        for (qint64 v : values)
            probes << probe(v);
        probes << probe(0, true); // misses never count as fast arrivals
        QCOMPARE(latencyPercentile(probes, p), expected);
    }
};

QTEST_MAIN(TestLatencyStats)
#include "tst_latencystats.moc"
