// SPDX-License-Identifier: GPL-3.0-or-later
// Watch mode's reconnect schedule: 1 s doubling to a 30 s cap, jitter only ever shortens a delay,
// and a connection that stayed up starts the schedule again.
#include "scan/backoff.h"

#include <QTest>

using namespace bulwark;

class TestBackoff final : public QObject {
    Q_OBJECT
private slots:
    void schedule_data()
    {
        QTest::addColumn<int>("initial");
        QTest::addColumn<int>("max");
        QTest::addColumn<double>("factor");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("default 1 s doubling to 30 s")
            << 1000 << 30000 << 2.0 << QList<int>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
        QTest::newRow("tests: 100 ms to 400 ms") << 100 << 400 << 2.0 << QList<int>{100, 200, 400, 400};
        QTest::newRow("factor 3") << 500 << 10000 << 3.0 << QList<int>{500, 1500, 4500, 10000};
        QTest::newRow("cap below initial keeps initial") << 2000 << 1000 << 2.0 << QList<int>{2000, 2000};
        QTest::newRow("factor below 1 never shrinks") << 1000 << 5000 << 0.5 << QList<int>{1000, 1000};
    }
    void schedule()
    {
        QFETCH(int, initial);
        QFETCH(int, max);
        QFETCH(double, factor);
        QFETCH(QList<int>, expected);
        BackoffPolicy p;
        p.initialMs = initial;
        p.maxMs = max;
        p.factor = factor;
        p.jitter = 0.0;
        Backoff b(p, 1);
        QList<int> got;
        for (qsizetype i = 0; i < expected.size(); ++i)
            got.append(b.nextDelayMs());
        QCOMPARE(got, expected);
        QCOMPARE(b.attempts(), int(expected.size()));
    }

    void manyAttemptsStayAtTheCap()
    {
        BackoffPolicy p;
        p.jitter = 0.0;
        Backoff b(p, 1);
        int last = 0;
        for (int i = 0; i < 5000; ++i)
            last = b.nextDelayMs();
        QCOMPARE(last, 30000);
        QCOMPARE(Backoff::baseDelayMs(p, 1'000'000), 30000);
    }

    void jitterStaysWithinItsBand()
    {
        BackoffPolicy p; // jitter 0.2
        QSet<int> distinct;
        for (quint32 seed = 0; seed < 50; ++seed) {
            Backoff b(p, seed);
            for (int attempt = 0; attempt < 8; ++attempt) {
                const int base = Backoff::baseDelayMs(p, attempt);
                const int d = b.nextDelayMs();
                QVERIFY2(d <= base && d >= int(base * 0.8) - 1,
                         qPrintable(QStringLiteral("attempt %1: %2 not in [0.8, 1] x %3").arg(attempt).arg(d).arg(base)));
                if (attempt == 5)
                    distinct.insert(d);
            }
        }
        // Hosts that dropped together do not come back in lockstep.
        QVERIFY(distinct.size() > 10);
    }

    void resetStartsAgain()
    {
        BackoffPolicy p;
        p.jitter = 0.0;
        Backoff b(p, 7);
        b.nextDelayMs();
        b.nextDelayMs();
        QCOMPARE(b.nextDelayMs(), 4000);
        b.reset();
        QCOMPARE(b.attempts(), 0);
        QCOMPARE(b.nextDelayMs(), 1000);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
