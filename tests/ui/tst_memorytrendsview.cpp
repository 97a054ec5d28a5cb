// SPDX-License-Identifier: GPL-3.0-or-later
#include "sample/samplerun.h"
#include "trends/memoryhistory.h"
#include "trends/memorytrendsview.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace bulwark;
using namespace bulwark::ui;

class TestMemoryTrendsView final : public QObject {
    Q_OBJECT
private slots:
    void showsHistoryForTheSelectedRange()
    {
        const AuditRun run = sample::makeAuditRun({});
        SessionMemoryHistory history;
        history.add(sample::makeMemoryHistory(run, 7, 60));
        MemoryTrendsView view;
        view.setNow(run.generatedAt.toMSecsSinceEpoch());
        view.resize(900, 500);
        view.show();
        QSignalSpy shown(&view, &MemoryTrendsView::dataShown);
        view.setHistory(&history);
        view.setRun(std::make_shared<const AuditRun>(run));
        const HostSnapshot& h = run.fleet.hosts.at(0);
        view.select(h.hostName, h.containers.at(0).id);
        QTRY_VERIFY(!shown.isEmpty());
        shown.clear();
        QTRY_COMPARE(view.chart()->pointCount(), 24); // hourly for 24 h; the reading at `now` is the run's own

        // Readiness polling: queries that were still in flight may answer first and are discarded.
        view.setRange(TimeRange::Week);
        QTRY_COMPARE_WITH_TIMEOUT(view.chart()->pointCount(), 7 * 24, 10000);

        view.setRange(TimeRange::Hour);
        QTRY_COMPARE_WITH_TIMEOUT(view.chart()->pointCount(), 1, 10000); // the sample an hour before `now`
        QVERIFY(!shown.isEmpty());

        // The host total is selectable as "All containers".
        auto* container = view.findChild<QComboBox*>();
        QVERIFY(container);
        QVERIFY(view.findChildren<QToolButton*>().size() >= 4);
    }

    void emptyStateSaysWhatToDo()
    {
        MemoryTrendsView view;
        view.refresh();
        QVERIFY(!view.chart()->chart()->title().isEmpty());
        QCOMPARE(view.chart()->pointCount(), 0);
    }
};

QTEST_MAIN(TestMemoryTrendsView)
#include "tst_memorytrendsview.moc"
