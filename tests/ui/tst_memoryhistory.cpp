// SPDX-License-Identifier: GPL-3.0-or-later
#include "sample/samplerun.h"
#include "trends/memorychart.h"
#include "trends/memoryhistory.h"
#include "trends/memorytrendsview.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

namespace {
constexpr qint64 kMiB = 1024 * 1024;
MemorySample s(const char* host, const char* id, qint64 t, qint64 mib, qint64 limitMiB = 0)
{
    return MemorySample{QString::fromLatin1(host), QString::fromLatin1(id), QString::fromLatin1(id), t, mib * kMiB, limitMiB * kMiB};
}
} // namespace

class TestMemoryHistory final : public QObject {
    Q_OBJECT
private slots:
    void containerSeriesKeepsRangeAndContainer()
    {
        const QList<MemorySample> samples{s("h", "a", 100, 10, 64), s("h", "a", 200, 20, 64), s("h", "b", 200, 99),
                                          s("other", "a", 200, 99), s("h", "a", 5000, 30)};
        const MemorySeries series = seriesFromSamples(samples, QStringLiteral("h"), QStringLiteral("a"), 0, 1000, 1000);
        QCOMPARE(series.points.size(), 2);
        QCOMPARE(series.points.at(0).avgBytes, 10 * kMiB);
        QCOMPARE(series.points.at(1).avgBytes, 20 * kMiB);
        QCOMPARE(series.points.at(1).limitBytes, 64 * kMiB);
        QCOMPARE(series.containerName, QStringLiteral("a"));
    }

    void hostTotalAddsContainersAtTheSameTime()
    {
        const QList<MemorySample> samples{s("h", "a", 100, 10), s("h", "b", 100, 5), s("h", "a", 200, 12)};
        const MemorySeries series = seriesFromSamples(samples, QStringLiteral("h"), {}, 0, 1000, 1000);
        QCOMPARE(series.points.size(), 2);
        QCOMPARE(series.points.at(0).avgBytes, 15 * kMiB);
        QCOMPARE(series.points.at(0).limitBytes, 0); // a host has no container limit
    }

    void longRangesFoldIntoMinAvgMax()
    {
        QList<MemorySample> samples;
        for (int i = 0; i < 100; ++i)
            samples << s("h", "a", i * 10, i % 2 ? 30 : 10);
        const MemorySeries series = seriesFromSamples(samples, QStringLiteral("h"), QStringLiteral("a"), 0, 1000, 10);
        QVERIFY(series.points.size() <= 10);
        QCOMPARE(series.points.at(0).minBytes, 10 * kMiB);
        QCOMPARE(series.points.at(0).maxBytes, 30 * kMiB);
        QCOMPARE(series.points.at(0).avgBytes, 20 * kMiB);
        QCOMPARE(series.points.at(0).count, 10);
    }

    void sessionHistoryAnswersOffTheCallingThread()
    {
        SessionMemoryHistory history;
        const AuditRun run = sample::makeAuditRun({});
        history.add(sample::makeMemoryHistory(run, 1, 30));
        const ContainerSnapshot& c = run.fleet.hosts.at(0).containers.at(0);
        const qint64 now = run.generatedAt.toMSecsSinceEpoch();
        QFutureWatcher<Result<MemorySeries>> watcher;
        QSignalSpy done(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(history.memorySeries(run.fleet.hosts.at(0).hostName, c.id, now - 24 * 3600 * 1000LL, now));
        QVERIFY(done.wait(5000));
        const Result<MemorySeries> r = watcher.result();
        QVERIFY(r.ok());
        QCOMPARE(r->points.size(), 48); // one sample every 30 minutes for 24 h; the reading at `now` is the run's own
    }

    void ceilingsFollowThePolicyAndTheHost()
    {
        const AuditRun run = sample::makeAuditRun({});
        const HostSnapshot& h = run.fleet.hosts.at(0);
        const ContainerSnapshot& c = h.containers.at(0);
        const MemoryCeilings container = ceilingsFor(run, h.hostName, c.id);
        QCOMPARE(container.templateCeilingBytes, 2LL * 1024 * 1024 * 1024);
        QCOMPARE(container.hostShareBytes, qint64(double(h.engine.memTotalBytes) * 0.2));
        QCOMPARE(container.containerLimitBytes, c.memoryLimitBytes);
        const MemoryCeilings host = ceilingsFor(run, h.hostName, {});
        QCOMPARE(host.templateCeilingBytes, 0);
        QCOMPARE(host.containerLimitBytes, 0);
        QCOMPARE(host.hostShareBytes, container.hostShareBytes);
    }

    void axisShowsEveryCeilingWithANiceTop_data()
    {
        QTest::addColumn<qint64>("dataMiB");
        QTest::addColumn<qint64>("ceilingMiB");
        QTest::addColumn<double>("top");
        QTest::newRow("ceiling above data") << qint64(300) << qint64(2048) << 5000.0;
        QTest::newRow("data above ceiling") << qint64(900) << qint64(512) << 1000.0;
        QTest::newRow("empty") << qint64(0) << qint64(0) << 64.0;
    }
    void axisShowsEveryCeilingWithANiceTop()
    {
        QFETCH(qint64, dataMiB);
        QFETCH(qint64, ceilingMiB);
        QFETCH(double, top);
        MemorySeries series;
        if (dataMiB > 0)
            series.points.append(MemoryPoint{0, dataMiB * kMiB, dataMiB * kMiB, dataMiB * kMiB, 0, 1});
        MemoryCeilings c;
        c.templateCeilingBytes = ceilingMiB * kMiB;
        QCOMPARE(memoryAxisMaxMiB(series, c), top);
    }
};

QTEST_MAIN(TestMemoryHistory)
#include "tst_memoryhistory.moc"
