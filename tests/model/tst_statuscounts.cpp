// SPDX-License-Identifier: GPL-3.0-or-later
// The compliance score the dashboard and the reports show: (pass + waived) / (pass + fail + waived + unknown).
#include "model/statuscounts.h"

#include <QTest>

using namespace bulwark;

class TestStatusCounts final : public QObject {
    Q_OBJECT
private slots:
    void countsEveryStatusOnce()
    {
        QList<ControlResult> results;
        for (const ControlStatus s : {ControlStatus::Pass, ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived,
                                      ControlStatus::NotApplicable, ControlStatus::Unknown, ControlStatus::Unknown}) {
            ControlResult r;
            r.status = s;
            results << r;
        }
        const StatusCounts c = countStatuses(results);
        QCOMPARE(c.pass, 2);
        QCOMPARE(c.fail, 1);
        QCOMPARE(c.waived, 1);
        QCOMPARE(c.notApplicable, 1);
        QCOMPARE(c.unknown, 2);
        QCOMPARE(c.of(ControlStatus::Unknown), 2);
        QCOMPARE(c.total(), 7);
        QCOMPARE(c.evaluated(), 6);
    }

    void score_data()
    {
        QTest::addColumn<int>("pass");
        QTest::addColumn<int>("fail");
        QTest::addColumn<int>("waived");
        QTest::addColumn<int>("na");
        QTest::addColumn<int>("unknown");
        QTest::addColumn<double>("score");
        QTest::addColumn<int>("percent");
        QTest::newRow("nothing evaluated") << 0 << 0 << 0 << 0 << 0 << -1.0 << -1;
        QTest::newRow("only not applicable") << 0 << 0 << 0 << 7 << 0 << -1.0 << -1;
        QTest::newRow("all pass") << 5 << 0 << 0 << 3 << 0 << 100.0 << 100;
        // (1 + 1) / (1 + 1 + 1 + 1): not_applicable left out, unknown counts against.
        QTest::newRow("one of each") << 1 << 1 << 1 << 1 << 1 << 50.0 << 50;
        QTest::newRow("waived counts for") << 0 << 1 << 3 << 0 << 0 << 75.0 << 75;
        // 199 / 200 = 99.5 %: the whole percent rounds down, so one failure never shows 100.
        QTest::newRow("one failure in 200") << 199 << 1 << 0 << 0 << 0 << 99.5 << 99;
        // 2 / 3 = 66.67 %.
        QTest::newRow("two of three") << 2 << 0 << 0 << 4 << 1 << 200.0 / 3.0 << 66;
    }
    void score()
    {
        QFETCH(int, pass);
        QFETCH(int, fail);
        QFETCH(int, waived);
        QFETCH(int, na);
        QFETCH(int, unknown);
        QFETCH(double, score);
        QFETCH(int, percent);
        StatusCounts c;
        c.pass = pass;
        c.fail = fail;
        c.waived = waived;
        c.notApplicable = na;
        c.unknown = unknown;
        QCOMPARE(c.score(), score);
        QCOMPARE(scorePercent(c), percent);
    }
};

QTEST_GUILESS_MAIN(TestStatusCounts)
#include "tst_statuscounts.moc"
