// SPDX-License-Identifier: GPL-3.0-or-later
#include "sample/samplerun.h"
#include "trends/memoryhistory.h"
#include "trends/memorytrendsview.h"

#include "telemetry/historyservice.h"

#include <QComboBox>
#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
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

    // The range selector reads the SQLite history (through its worker-thread service), and offers the
    // hosts and containers that only the history knows (a container removed before this session).
    void readsTheSqliteHistoryForEveryRange()
    {
        QTemporaryDir dir;
        HistoryService service;
        QVERIFY(service.open(dir.filePath(QStringLiteral("history.sqlite"))).result().ok());
        const qint64 now = QDateTime::currentMSecsSinceEpoch() / 60000 * 60000;
        QList<MemorySample> samples;
        // Every 10 minutes for three days, 5 minutes off the hour so no reading sits on a range's edge.
        for (int k = 0; k < 3 * 24 * 6; ++k)
            samples.append(MemorySample{QStringLiteral("retired-host"), QStringLiteral("c0ffee"), QStringLiteral("old-db"),
                                        now - 5 * 60000 - qint64(k) * 600000, 200LL << 20, 512LL << 20});
        service.addSamples(samples);
        QVERIFY(service.flush().result().ok());

        ServiceMemoryHistory history(&service);
        MemoryTrendsView view;
        view.resize(900, 500);
        view.show();
        view.setHistory(&history);
        QTRY_COMPARE(view.hostName(), QStringLiteral("retired-host"));
        view.select(QStringLiteral("retired-host"), QStringLiteral("c0ffee"));
        QCOMPARE(view.containerId(), QStringLiteral("c0ffee"));

        view.setRange(TimeRange::Hour); // raw samples
        QTRY_COMPARE_WITH_TIMEOUT(view.chart()->pointCount(), 6, 10000);
        view.setRange(TimeRange::Day); // 1-minute rollups, one reading in each of 144 minutes
        QTRY_COMPARE_WITH_TIMEOUT(view.chart()->pointCount(), 144, 10000);
        view.setRange(TimeRange::Week);
        QTRY_COMPARE_WITH_TIMEOUT(view.chart()->pointCount(), 3 * 144, 10000);
        view.setRange(TimeRange::Month);
        QTRY_COMPARE_WITH_TIMEOUT(view.chart()->pointCount(), 3 * 144, 10000);
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
