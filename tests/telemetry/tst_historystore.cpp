// SPDX-License-Identifier: GPL-3.0-or-later
// The telemetry history: it survives restarts, rolls samples up per minute, expires on schedule,
// and never loses or rewrites a file it cannot use (corrupt, foreign, newer, locked).
#include "model/metatypes.h"
#include "telemetry/historyservice.h"
#include "telemetry/historystore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
// A fixed "now", on a minute boundary, so the tests do not depend on the clock.
constexpr qint64 Now = 1'800'000'000'000LL;

MemorySample sample(qint64 ts, qint64 usage, const QString& container = QStringLiteral("c1"),
                    const QString& host = QStringLiteral("lab-1"))
{
    return MemorySample{host, container, QStringLiteral("name-") + container, ts, usage, 512 * 1024 * 1024};
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// A second SQLite connection (as another process would hold) that keeps a write lock.
class Locker final {
public:
    explicit Locker(const QString& path) : m_name(QStringLiteral("locker-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery(db).exec(QStringLiteral("BEGIN EXCLUSIVE"));
    }
    ~Locker()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Locker(const Locker&) = delete;
    Locker& operator=(const Locker&) = delete;

private:
    QString m_name;
};

} // namespace

class TestHistoryStore final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { registerMetaTypes(); }

    void createsVersionedSchemaAndSurvivesRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/dir/history.sqlite"));
        {
            HistoryStore store;
            auto r = store.open(path);
            QVERIFY2(r, qPrintable(r.errorMessage()));
            QCOMPARE(store.schemaVersion(), HistoryStore::SchemaVersion);
            QVERIFY(!store.isReadOnly());
            QVERIFY(store.addSamples({sample(Now - Minute, 100), sample(Now, 200)}));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), HistoryStore::SchemaVersion);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));

        HistoryStore again;
        QVERIFY(again.open(path));
        auto series = again.memorySeries(QStringLiteral("lab-1"), QStringLiteral("c1"), Now - Hour, Now, Now);
        QVERIFY(series);
        QCOMPARE(series->points.size(), 2);
        QCOMPARE(series->points.last().avgBytes, 200);
        QCOMPARE(series->containerName, QStringLiteral("name-c1"));
    }

    void rollsUpPerMinute()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite"))));
        QList<MemorySample> batch;
        // Minute A: 10, 20, ..., 60 MB; minute B: one reading of 5 MB.
        for (int i = 0; i < 6; ++i)
            batch << sample(Now - 2 * Minute + i * 10000, (i + 1) * 10'000'000LL);
        batch << sample(Now - Minute + 5000, 5'000'000);
        QVERIFY(store.addSamples(batch));
        // The same reading again (a retried batch) is not counted twice.
        QVERIFY(store.addSamples({batch.first()}));
        auto s = store.memorySeries(QStringLiteral("lab-1"), QStringLiteral("c1"), Now - Hour, Now,
                                    MemorySeries::Resolution::Minute);
        QVERIFY(s);
        QCOMPARE(s->resolution, MemorySeries::Resolution::Minute);
        QCOMPARE(s->points.size(), 2);
        const MemoryPoint a = s->points.at(0);
        QCOMPARE(a.timestampMs, Now - 2 * Minute);
        QCOMPARE(a.minBytes, 10'000'000LL);
        QCOMPARE(a.maxBytes, 60'000'000LL);
        QCOMPARE(a.avgBytes, 35'000'000LL);
        QCOMPARE(a.count, 6);
        QCOMPARE(a.limitBytes, 512LL * 1024 * 1024);
        QCOMPARE(s->points.at(1).count, 1);
        QCOMPARE(store.rawSampleCount().value(), 7);
    }

    void picksResolutionByRange_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<int>("resolution");
        QTest::newRow("last hour: raw") << Now - Hour << Now << int(MemorySeries::Resolution::Raw);
        QTest::newRow("last 6 h: raw") << Now - 6 * Hour << Now << int(MemorySeries::Resolution::Raw);
        QTest::newRow("last 7 h: rollup") << Now - 7 * Hour << Now << int(MemorySeries::Resolution::Minute);
        QTest::newRow("an hour two days ago: rollup (raw expired)")
            << Now - 2 * Day << Now - 2 * Day + Hour << int(MemorySeries::Resolution::Minute);
    }
    void picksResolutionByRange()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(int, resolution);
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite"))));
        QVERIFY(store.addSamples({sample(from + 10000, 1), sample(from + 20000, 3)}));
        auto s = store.memorySeries(QStringLiteral("lab-1"), QStringLiteral("c1"), from, to, Now);
        QVERIFY(s);
        QCOMPARE(int(s->resolution), resolution);
        QVERIFY(!s->points.isEmpty());
    }

    void expiresRawAfterADayAndRollupsAfterThirtyDays()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite"))));
        QVERIFY(store.addSamples({sample(Now - 31 * Day, 1), sample(Now - 2 * Day, 2), sample(Now - Hour, 3),
                                  sample(Now - 31 * Day, 9, QStringLiteral("gone"))}));
        LatencyProbe oldProbe;
        oldProbe.emittedMs = Now - 31 * Day;
        oldProbe.latencyMs = 10;
        LatencyProbe newProbe = oldProbe;
        newProbe.emittedMs = Now - Day;
        QVERIFY(store.addProbes({oldProbe, newProbe}));
        auto removed = store.expire(Now);
        QVERIFY2(removed, qPrintable(removed.errorMessage()));
        QCOMPARE(store.rawSampleCount().value(), 1); // only the last hour's
        QCOMPARE(store.rollupCount().value(), 2);    // 2 days ago and the last hour
        auto probes = store.latencyProbes(0, Now);
        QVERIFY(probes);
        QCOMPARE(probes->size(), 1);
        QCOMPARE(probes->first().emittedMs, Now - Day);
        // A container whose history is all expired disappears from the list.
        auto series = store.series();
        QVERIFY(series);
        QCOMPARE(series->size(), 1);
        QCOMPARE(series->first().containerId, QStringLiteral("c1"));
        // The 2-days-old reading is still in the 30-day rollup.
        auto week = store.memorySeries(QStringLiteral("lab-1"), QStringLiteral("c1"), Now - 7 * Day, Now, Now);
        QVERIFY(week);
        QCOMPARE(week->points.size(), 2);
    }

    void probesAndLoadChecksRoundTrip()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY(store.open(dir.filePath(QStringLiteral("h.sqlite"))));
        LatencyProbe p;
        p.emittedMs = Now;
        p.missed = true;
        p.latencyMs = -1;
        p.hostName = QStringLiteral("lab-2");
        p.mode = QStringLiteral("end-to-end");
        p.marker = QStringLiteral("m-1");
        p.error = QStringLiteral("not searchable within 10000 ms");
        QVERIFY(store.addProbes({p}));
        LoadCheckResult lc;
        lc.hostName = QStringLiteral("lab-1");
        lc.containerId = QStringLiteral("abc");
        lc.containerName = QStringLiteral("prometheus");
        lc.peakUsageBytes = 17'000'000;
        lc.ceilingBytes = 16 * 1024 * 1024;
        lc.limitBytes = 16 * 1024 * 1024;
        lc.oomKilled = true;
        lc.samples = 12;
        lc.startedAt = QDateTime::fromMSecsSinceEpoch(Now, Qt::UTC);
        lc.finishedAt = QDateTime::fromMSecsSinceEpoch(Now + 12000, Qt::UTC);
        QVERIFY(store.addLoadCheck(lc));
        auto probes = store.latencyProbes(Now - 1, Now + 1);
        QVERIFY(probes && probes->size() == 1);
        QCOMPARE(probes->first().error, p.error);
        QCOMPARE(probes->first().mode, p.mode);
        QVERIFY(probes->first().missed);
        auto checks = store.loadChecks(Now - 1, Now + 1);
        QVERIFY(checks && checks->size() == 1);
        QCOMPARE(checks->first().peakUsageBytes, lc.peakUsageBytes);
        QVERIFY(checks->first().oomKilled);
        QCOMPARE(checks->first().finishedAt, lc.finishedAt);
    }

    void unusableFileIsReportedAndLeftUntouched_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file") << QByteArray("this is my shopping list\n") << QStringLiteral("not an SQLite database");
        QByteArray damaged("SQLite format 3\0", 16);
        damaged += QByteArray(4080, '\x5a');
        QTest::newRow("damaged database") << damaged << QStringLiteral("left untouched");
    }
    void unusableFileIsReportedAndLeftUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const QByteArray before = fileHash(path);
        HistoryStore store;
        auto r = store.open(path);
        QVERIFY(!r);
        QVERIFY2(r.errorMessage().contains(path), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        QVERIFY(!store.isOpen());
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFile(path + QStringLiteral("-wal")).size() == 0);
    }

    void foreignDatabaseIsNotAdopted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE recipes (name TEXT)")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        const QByteArray before = fileHash(path);
        HistoryStore store;
        auto r = store.open(path);
        QVERIFY(!r);
        QVERIFY2(r.errorMessage().contains(QLatin1String("another application")), qPrintable(r.errorMessage()));
        QCOMPARE(fileHash(path), before);
    }

    void newerSchemaOpensReadOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        {
            HistoryStore store;
            QVERIFY(store.open(path));
            QVERIFY(store.addSamples({sample(Now, 42)}));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        HistoryStore store;
        auto r = store.open(path);
        QVERIFY2(r, qPrintable(r.errorMessage()));
        QVERIFY(store.isReadOnly());
        QVERIFY2(store.readOnlyReason().contains(QLatin1String("newer")), qPrintable(store.readOnlyReason()));
        auto write = store.addSamples({sample(Now + 10000, 43)});
        QVERIFY(!write);
        QVERIFY2(write.errorMessage().contains(QLatin1String("read-only")), qPrintable(write.errorMessage()));
        auto s = store.memorySeries(QStringLiteral("lab-1"), QStringLiteral("c1"), Now - Hour, Now + Hour, Now);
        QVERIFY(s);
        QCOMPARE(s->points.size(), 1); // the data already there is readable and intact
        QCOMPARE(store.schemaVersion(), 99);
    }

    void lockedFileFailsWritesClearlyAndKeepsData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        HistoryStore store;
        QVERIFY(store.open(path));
        QVERIFY(store.addSamples({sample(Now, 1)}));
        {
            Locker lock(path);
            auto r = store.addSamples({sample(Now + 10000, 2)});
            QVERIFY(!r);
            QVERIFY2(r.errorMessage().contains(QLatin1String("locked")), qPrintable(r.errorMessage()));
            QVERIFY2(r.errorMessage().contains(path), qPrintable(r.errorMessage()));
            // Readers are not blocked by the writer (WAL): the chart still draws.
            auto s = store.memorySeries(QStringLiteral("lab-1"), QStringLiteral("c1"), Now - Hour, Now + Hour, Now);
            QVERIFY(s);
            QCOMPARE(s->points.size(), 1);
        }
        QVERIFY(store.addSamples({sample(Now + 10000, 2)}));
        QCOMPARE(store.rawSampleCount().value(), 2);
    }

    void lockedAtOpenIsNotCalledDamage()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        // A fresh file held exclusively by another connection in rollback-journal mode.
        Locker lock(path);
        HistoryStore store;
        auto r = store.open(path);
        QVERIFY(!r);
        QVERIFY2(r.errorMessage().contains(QLatin1String("locked")), qPrintable(r.errorMessage()));
        QVERIFY2(!r.errorMessage().contains(QLatin1String("damaged")), qPrintable(r.errorMessage()));
    }

    // The UI's view: futures that resolve off the UI thread; failed writes are kept and retried.
    void serviceAnswersAsynchronouslyAndRetriesFailedWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        HistoryService service;
        QSignalSpy failed(&service, &HistoryService::writeFailed);
        auto opened = service.open(path);
        opened.waitForFinished();
        QVERIFY2(opened.result(), qPrintable(opened.result().errorMessage()));

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        service.addSamples({sample(now - 20000, 10), sample(now - 10000, 20)});
        QVERIFY(service.flush().result());
        {
            Locker lock(path);
            service.addSamples({sample(now, 30)});
            auto blocked = service.flush();
            blocked.waitForFinished();
            QVERIFY(!blocked.result());
            QVERIFY2(blocked.result().errorMessage().contains(QLatin1String("locked")),
                     qPrintable(blocked.result().errorMessage()));
            QTRY_COMPARE(failed.size(), 1);
            QVERIFY(failed.first().at(0).toString().contains(QLatin1String("locked")));
            QCOMPARE(service.pendingWrites(), 1);
        }
        auto flushed = service.flush();
        flushed.waitForFinished();
        QVERIFY2(flushed.result(), qPrintable(flushed.result().errorMessage()));
        QCOMPARE(service.pendingWrites(), 0);

        // Continuation on this thread, as the GUI does with .then(this, ...).
        QList<MemoryPoint> points;
        bool done = false;
        service.memorySeries(QStringLiteral("lab-1"), QStringLiteral("c1"), now - Hour, now + 1)
            .then(this, [&](const Result<MemorySeries>& r) {
                if (r)
                    points = r->points;
                done = true;
            });
        QTRY_VERIFY(done);
        QCOMPARE(points.size(), 3);
        QCOMPARE(points.last().avgBytes, 30);

        LatencyProbe p;
        p.emittedMs = now;
        p.latencyMs = 300;
        service.addProbes({p});
        auto summary = service.latencySummary(now - Hour, now + 1);
        QVERIFY(summary.result());
        QCOMPARE(summary.result()->samples, 1);
        QCOMPARE(summary.result()->p95Ms, 300.0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
