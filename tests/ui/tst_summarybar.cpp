// SPDX-License-Identifier: GPL-3.0-or-later
#include "main/summarybar.h"
#include "model/score.h"
#include "sample/samplerun.h"

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
};

QTEST_MAIN(TestSummaryBar)
#include "tst_summarybar.moc"
