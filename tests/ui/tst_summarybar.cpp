// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/summarybar.h"
#include "model/statuscounts.h"
#include "sample/samplerun.h"
#include "style/statusstyle.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace bulwark;
using namespace bulwark::ui;

class TestSummaryBar final : public QObject {
    Q_OBJECT
private slots:
    void showsScoreCountsAndFiltersByStatus()
    {
        const AuditRun run = sample::makeAuditRun({});
        SummaryBar bar;
        bar.show();
        QVERIFY(bar.scoreText().contains(QStringLiteral("—")));
        bar.setRun(&run);
        const StatusCounts counts = countStatuses(run.results);
        QVERIFY(bar.scoreText().contains(QString::number(scorePercent(counts))));
        QVERIFY(bar.countText(ControlStatus::Fail).startsWith(QString::number(counts.fail)));

        QSignalSpy filter(&bar, &SummaryBar::statusFilterChanged);
        QList<QToolButton*> chips = bar.findChildren<QToolButton*>();
        QCOMPARE(chips.size(), 5);
        chips.at(0)->click(); // Fail
        QCOMPARE(filter.count(), 1);
        QCOMPARE(filter.at(0).at(0).value<std::optional<ControlStatus>>(), std::optional<ControlStatus>(ControlStatus::Fail));
        chips.at(0)->click();
        QCOMPARE(filter.at(1).at(0).value<std::optional<ControlStatus>>(), std::nullopt);
    }

    // Both docks open on a 1500 px screen leave the bar ~800 px: labels shorten instead of clipping.
    void shortensLabelsWhenNarrow()
    {
        const AuditRun run = sample::makeAuditRun({});
        const StatusCounts counts = countStatuses(run.results);
        SummaryBar bar;
        bar.resize(2400, 60);
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        // What the full labels need, measured on a bar of its own.
        SummaryBar wide;
        wide.resize(2400, 60);
        wide.show();
        wide.setRun(&run);
        const int full = wide.sizeHint().width();
        // The layout has cached the short "no audit yet" labels: the full width must still be measured right.
        bar.resize(full - 20, 60);
        bar.setRun(&run);
        QVERIFY(bar.isCompact());
        bar.resize(2400, 60);
        QVERIFY(!bar.isCompact());
        QVERIFY(bar.countText(ControlStatus::Fail).contains(statusText(ControlStatus::Fail)));
        QVERIFY(bar.sizeHint().width() <= 2400);

        bar.resize(bar.sizeHint().width() - 100, 60);
        QVERIFY(bar.isCompact());
        QCOMPARE(bar.countText(ControlStatus::Fail), QLocale().toString(counts.fail));
        QToolButton* fail = bar.findChildren<QToolButton*>().at(0);
        QVERIFY(fail->toolTip().contains(statusText(ControlStatus::Fail))); // the name is still there
        QVERIFY(fail->accessibleName().contains(statusText(ControlStatus::Fail)));
        QVERIFY(bar.minimumSizeHint().width() <= bar.width());

        bar.resize(2400, 60);
        QVERIFY(!bar.isCompact());
    }
};

QTEST_MAIN(TestSummaryBar)
#include "tst_summarybar.moc"
