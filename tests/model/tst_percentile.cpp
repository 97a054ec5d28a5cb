// SPDX-License-Identifier: GPL-3.0-or-later
// The one latency percentile: linear interpolation between closest ranks, rank = p/100 * (n - 1).
#include "model/percentile.h"

#include <QTest>

#include <limits>

using namespace bulwark;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

QList<double> hundreds(int n) // 100, 200, ..., n * 100
{
    QList<double> v;
    for (int i = 1; i <= n; ++i)
        v << i * 100.0;
    return v;
}
} // namespace

class TestPercentile final : public QObject {
    Q_OBJECT
private slots:
    void percentile_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        QTest::newRow("empty") << QList<double>{} << 95.0 << 0.0;
        QTest::newRow("one value is every percentile") << QList<double>{420} << 95.0 << 420.0;
        // rank 0.5 * 2 = 1: the middle value, whatever the input order.
        QTest::newRow("median of odd count") << QList<double>{300, 100, 200} << 50.0 << 200.0;
        // rank 0.5 * 3 = 1.5: halfway between 200 and 300.
        QTest::newRow("median of even count interpolates") << QList<double>{100, 200, 300, 400} << 50.0 << 250.0;
        // rank 0.95 * 19 = 18.05: 1900 + 0.05 * (2000 - 1900) (numpy.percentile gives the same).
        QTest::newRow("p95 of 20 interpolates below max") << hundreds(20) << 95.0 << 1905.0;
        // rank 0.95 * 4 = 3.8: 100 + 0.8 * (2000 - 100).
        QTest::newRow("p95 of 5 with one slow") << QList<double>{100, 100, 100, 100, 2000} << 95.0 << 1620.0;
        QTest::newRow("p100 is max") << hundreds(20) << 100.0 << 2000.0;
        QTest::newRow("p0 is min") << hundreds(20) << 0.0 << 100.0;
        QTest::newRow("out-of-range p is clamped") << QList<double>{1, 2, 3} << 150.0 << 3.0;
        QTest::newRow("negative p is clamped") << QList<double>{1, 2, 3} << -5.0 << 1.0;
        // A missed canary is infinitely late: a rank that reaches it is unbounded ...
        QTest::newRow("rank reaching a miss is infinite") << QList<double>{100, 100, 100, 100, inf} << 95.0 << inf;
        QTest::newRow("all missed") << QList<double>{inf, inf} << 95.0 << inf;
        // ... and one that stays below it is not: rank 0.95 * 39 = 37.05 lies between 3800 and 3900.
        QTest::newRow("rank below a miss stays finite") << (hundreds(39) << inf) << 95.0 << 3805.0;
    }
    void percentile()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, p);
        QFETCH(double, expected);
        QCOMPARE(bulwark::percentile(values, p), expected);
    }

    void addingAFastSampleNeverRaisesIt()
    {
        QList<double> v = hundreds(20);
        const double before = bulwark::percentile(v, 95);
        v << 50;
        QVERIFY(bulwark::percentile(v, 95) <= before);
    }
};

QTEST_GUILESS_MAIN(TestPercentile)
#include "tst_percentile.moc"
