// SPDX-License-Identifier: GPL-3.0-or-later
#include "historystore.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <optional>

namespace bulwark {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

// Each migration takes the schema from version i to i + 1. Append only; never edit a released step.
const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps{
        // 0 -> 1
        {QStringLiteral("CREATE TABLE series (id INTEGER PRIMARY KEY, host TEXT NOT NULL, container_id TEXT NOT NULL, "
                        "container_name TEXT NOT NULL DEFAULT '', first_ms INTEGER NOT NULL, last_ms INTEGER NOT NULL, "
                        "UNIQUE (host, container_id))"),
         // Clustered by (series, ts): a chart's range query reads one contiguous run of pages.
         QStringLiteral("CREATE TABLE memory_raw (series INTEGER NOT NULL, ts INTEGER NOT NULL, usage INTEGER NOT NULL, "
                        "lim INTEGER NOT NULL, PRIMARY KEY (series, ts)) WITHOUT ROWID"),
         QStringLiteral("CREATE TABLE memory_minute (series INTEGER NOT NULL, minute INTEGER NOT NULL, "
                        "min_b INTEGER NOT NULL, max_b INTEGER NOT NULL, sum_b INTEGER NOT NULL, n INTEGER NOT NULL, "
                        "lim INTEGER NOT NULL, PRIMARY KEY (series, minute)) WITHOUT ROWID"),
         QStringLiteral("CREATE TABLE latency_probe (id INTEGER PRIMARY KEY, emitted_ms INTEGER NOT NULL, "
                        "latency_ms INTEGER NOT NULL, missed INTEGER NOT NULL, host TEXT NOT NULL, mode TEXT NOT NULL, "
                        "marker TEXT NOT NULL, error TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX latency_probe_emitted ON latency_probe (emitted_ms)"),
         QStringLiteral("CREATE TABLE load_check (id INTEGER PRIMARY KEY, host TEXT NOT NULL, container_id TEXT NOT NULL, "
                        "container_name TEXT NOT NULL, started_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL, "
                        "peak_bytes INTEGER NOT NULL, ceiling_bytes INTEGER NOT NULL, limit_bytes INTEGER NOT NULL, "
                        "oom_killed INTEGER NOT NULL, samples INTEGER NOT NULL, error TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX load_check_started ON load_check (started_ms)")},
    };
    return steps;
}

bool looksLikeSqlite(const QString& path, QString* why)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read it: %1").arg(file.errorString());
        return false;
    }
    const QByteArray header = file.read(16);
    if (header != QByteArray("SQLite format 3\0", 16)) {
        *why = QStringLiteral("it is not an SQLite database");
        return false;
    }
    return true;
}

bool isBusy(const QSqlError& error)
{
    // SQLITE_BUSY (5) / SQLITE_LOCKED (6); the driver puts the code in nativeErrorCode.
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6")
        || error.databaseText().contains(QLatin1String("locked"), Qt::CaseInsensitive);
}

qint64 msOf(const QDateTime& t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

// Text columns are NOT NULL; a null QString would bind as SQL NULL.
QString text(const QString& s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QDateTime dateOf(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

} // namespace

struct HistoryStore::Private {
    QString connection;
    QString path;
    bool open = false;
    bool readOnly = false;
    QString readOnlyReason;
    int version = 0;
    QHash<QString, qint64> seriesIds; // host + '\n' + containerId -> series.id

    QSqlDatabase db() const { return QSqlDatabase::database(connection, false); }

    Error sqlError(const QString& what, const QSqlError& error) const
    {
        QString hint;
        if (isBusy(error))
            hint = QStringLiteral(" (the file is locked by another process, e.g. a second Bulwark; nothing was lost)");
        return Error{QStringLiteral("history database %1: %2: %3%4").arg(QDir::toNativeSeparators(path), what,
                                                                       error.text(), hint),
                     error.nativeErrorCode().toInt()};
    }

    Result<void> exec(const QString& sql, const QString& what)
    {
        QSqlQuery q(db());
        if (!q.exec(sql))
            return sqlError(what, q.lastError());
        return {};
    }

    Result<qint64> scalar(const QString& sql, const QString& what)
    {
        QSqlQuery q(db());
        if (!q.exec(sql) || !q.next())
            return sqlError(what, q.lastError());
        return q.value(0).toLongLong();
    }

    Result<void> writable() const
    {
        if (!open)
            return Result<void>::failure(QStringLiteral("history database is not open"));
        if (readOnly)
            return Result<void>::failure(QStringLiteral("history database %1 is open read-only (%2): nothing was written")
                                             .arg(QDir::toNativeSeparators(path), readOnlyReason));
        return {};
    }

    Result<qint64> seriesId(const QString& host, const QString& containerId, const QString& name, qint64 ts)
    {
        const QString key = host + QLatin1Char('\n') + containerId;
        if (auto it = seriesIds.constFind(key); it != seriesIds.constEnd())
            return *it;
        QSqlQuery q(db());
        q.prepare(QStringLiteral("SELECT id FROM series WHERE host = ? AND container_id = ?"));
        q.addBindValue(text(host));
        q.addBindValue(text(containerId));
        if (!q.exec())
            return sqlError(QStringLiteral("looking up a series"), q.lastError());
        if (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            seriesIds.insert(key, id);
            return id;
        }
        QSqlQuery ins(db());
        ins.prepare(QStringLiteral("INSERT INTO series (host, container_id, container_name, first_ms, last_ms) "
                                   "VALUES (?, ?, ?, ?, ?)"));
        ins.addBindValue(text(host));
        ins.addBindValue(text(containerId));
        ins.addBindValue(text(name));
        ins.addBindValue(ts);
        ins.addBindValue(ts);
        if (!ins.exec())
            return sqlError(QStringLiteral("adding a series"), ins.lastError());
        const qint64 id = ins.lastInsertId().toLongLong();
        seriesIds.insert(key, id);
        return id;
    }

    // Looks a series up without creating it; nullopt when it has no history.
    Result<std::optional<qint64>> findSeries(const QString& host, const QString& containerId, QString* name)
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("SELECT id, container_name FROM series WHERE host = ? AND container_id = ?"));
        q.addBindValue(text(host));
        q.addBindValue(text(containerId));
        if (!q.exec())
            return sqlError(QStringLiteral("looking up a series"), q.lastError());
        if (!q.next())
            return std::optional<qint64>{};
        *name = q.value(1).toString();
        return std::optional<qint64>{q.value(0).toLongLong()};
    }

    template <typename F>
    Result<void> transaction(const QString& what, F&& body)
    {
        if (auto w = writable(); !w)
            return w;
        QSqlDatabase database = db();
        if (!database.transaction())
            return sqlError(what, database.lastError());
        Result<void> r = body();
        if (!r) {
            database.rollback();
            seriesIds.clear(); // ids created in the rolled-back transaction are gone
            return r;
        }
        if (!database.commit()) {
            const Error e = sqlError(what, database.lastError());
            database.rollback();
            seriesIds.clear();
            return e;
        }
        return {};
    }
};

HistoryStore::HistoryStore() : d(std::make_unique<Private>()) {}

HistoryStore::~HistoryStore()
{
    close();
}

QString HistoryStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history.sqlite");
}

Result<void> HistoryStore::open(const QString& path, Mode mode)
{
    close();
    d->path = path;
    d->readOnly = mode == Mode::ReadOnly;
    d->readOnlyReason = d->readOnly ? QStringLiteral("opened read-only on request") : QString();
    const QString shown = QDir::toNativeSeparators(path);

    QString why;
    if (!looksLikeSqlite(path, &why))
        return Result<void>::failure(QStringLiteral("history database %1 cannot be used: %2. The file was left "
                                                    "untouched; move it aside to start a new history.")
                                         .arg(shown, why));
    if (!d->readOnly) {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath()))
            return Result<void>::failure(
                QStringLiteral("history database %1: cannot create the directory %2").arg(shown, info.absolutePath()));
    } else if (!QFileInfo::exists(path)) {
        return Result<void>::failure(QStringLiteral("history database %1 does not exist").arg(shown));
    }

    d->connection = QStringLiteral("bulwark-history-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connection);
        db.setDatabaseName(path);
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000");
        if (d->readOnly)
            options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        db.setConnectOptions(options);
        if (!db.open()) {
            const Error e = d->sqlError(QStringLiteral("cannot open"), db.lastError());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(d->connection);
            d->connection.clear();
            return e;
        }
    }
    d->open = true;
    auto fail = [this, &shown](const Error& e, bool corrupt) {
        close();
        if (corrupt && e.code != 5 && e.code != 6) // busy or locked is not damage
            return Result<void>(Error{e.message + QStringLiteral(". The file was left untouched; if it is damaged, "
                                                                 "move it aside to start a new history (%1).")
                                                      .arg(shown),
                                      e.code});
        return Result<void>(e);
    };

    // The first read proves the file is a database we can read: "file is not a database" and
    // "database disk image is malformed" surface here.
    auto version = d->scalar(QStringLiteral("PRAGMA user_version"), QStringLiteral("cannot read the schema version"));
    if (!version)
        return fail(version.error(), true);
    if (auto count = d->scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema"), QStringLiteral("cannot read the schema"));
        !count)
        return fail(count.error(), true);
    d->version = int(*version);

    if (d->version > SchemaVersion) {
        d->readOnly = true;
        d->readOnlyReason = QStringLiteral("written by a newer Bulwark (schema %1, this build knows %2)")
                                .arg(d->version)
                                .arg(SchemaVersion);
    }
    if (d->version > 0 && d->version <= SchemaVersion) {
        // Our file: its tables must be there, or it is damaged in a way SQLite did not notice.
        auto has = d->scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name IN "
                                            "('series','memory_raw','memory_minute','latency_probe','load_check')"),
                             QStringLiteral("cannot read the schema"));
        if (!has)
            return fail(has.error(), true);
    } else if (d->version == 0) {
        auto tables = d->scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"),
                                QStringLiteral("cannot read the schema"));
        if (!tables)
            return fail(tables.error(), true);
        if (*tables > 0)
            return fail(Error{QStringLiteral("history database %1 is an SQLite file of another application "
                                             "(tables but no Bulwark schema version)")
                                  .arg(shown)},
                        true);
    }

    if (!d->readOnly && d->version == 0) {
        // Small pages: every sampler flush touches one leaf page per container (the tables are
        // clustered by container), so the page size is the write amplification. Only settable
        // before the first table and before WAL.
        (void)d->exec(QStringLiteral("PRAGMA page_size=1024"), QStringLiteral("pragma"));
    }
    if (!d->readOnly) {
        // WAL: readers (the charts) never wait for the sampler's writes. Needs a write lock the first
        // time; a locked file falls back to read-only rather than failing or waiting forever.
        auto wal = d->scalar(QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("cannot enable WAL"));
        if (!wal) {
            d->readOnly = true;
            d->readOnlyReason = wal.errorMessage();
        }
    }
    if (!d->readOnly) {
        (void)d->exec(QStringLiteral("PRAGMA synchronous=NORMAL"), QStringLiteral("pragma"));
        (void)d->exec(QStringLiteral("PRAGMA cache_size=-16384"), QStringLiteral("pragma"));
        for (int v = d->version; v < SchemaVersion; ++v) {
            auto migrated = d->transaction(QStringLiteral("migrating the schema to version %1").arg(v + 1), [&]() -> Result<void> {
                for (const QString& sql : migrations().at(v))
                    if (auto r = d->exec(sql, QStringLiteral("migration %1").arg(v + 1)); !r)
                        return r;
                return d->exec(QStringLiteral("PRAGMA user_version=%1").arg(v + 1), QStringLiteral("migration"));
            });
            if (!migrated) {
                if (migrated.error().code == 5 || migrated.error().code == 6) { // SQLITE_BUSY, SQLITE_LOCKED
                    d->readOnly = true;
                    d->readOnlyReason = migrated.errorMessage();
                    break;
                }
                return fail(migrated.error(), false);
            }
            d->version = v + 1;
        }
    }
    if (d->readOnly && d->version == 0)
        return fail(Error{QStringLiteral("history database %1 has no schema yet and cannot be written: %2")
                              .arg(shown, d->readOnlyReason)},
                    false);
    return {};
}

void HistoryStore::close()
{
    if (d->connection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(d->connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(d->connection);
    d->connection.clear();
    d->open = false;
    d->seriesIds.clear();
}

bool HistoryStore::isOpen() const
{
    return d->open;
}

bool HistoryStore::isReadOnly() const
{
    return d->readOnly;
}

QString HistoryStore::readOnlyReason() const
{
    return d->readOnlyReason;
}

QString HistoryStore::path() const
{
    return d->path;
}

int HistoryStore::schemaVersion() const
{
    return d->version;
}

Result<void> HistoryStore::addSamples(const QList<MemorySample>& samples)
{
    if (samples.isEmpty())
        return d->writable();
    return d->transaction(QStringLiteral("writing %1 memory samples").arg(samples.size()), [&]() -> Result<void> {
        QSqlQuery raw(d->db());
        raw.prepare(QStringLiteral("INSERT OR IGNORE INTO memory_raw (series, ts, usage, lim) VALUES (?, ?, ?, ?)"));
        QSqlQuery minute(d->db());
        minute.prepare(QStringLiteral(
            "INSERT INTO memory_minute (series, minute, min_b, max_b, sum_b, n, lim) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (series, minute) DO UPDATE SET min_b = min(min_b, excluded.min_b), "
            "max_b = max(max_b, excluded.max_b), sum_b = sum_b + excluded.sum_b, n = n + excluded.n, "
            "lim = max(lim, excluded.lim)"));
        QHash<qint64, std::pair<qint64, QString>> lastSeen; // series -> newest ts, name
        // The batch's rollups, aggregated here first: one upsert per (series, minute), not per sample.
        struct Agg {
            qint64 min = 0, max = 0, sum = 0, lim = 0;
            int n = 0;
        };
        QHash<std::pair<qint64, qint64>, Agg> minutes;
        for (const MemorySample& s : samples) {
            auto id = d->seriesId(s.hostName, s.containerId, s.containerName, s.timestampMs);
            if (!id)
                return id.error();
            raw.bindValue(0, *id);
            raw.bindValue(1, s.timestampMs);
            raw.bindValue(2, s.usageBytes);
            raw.bindValue(3, s.limitBytes);
            if (!raw.exec())
                return d->sqlError(QStringLiteral("writing memory samples"), raw.lastError());
            if (raw.numRowsAffected() != 1)
                continue; // the same reading twice: counted once in the rollup as well
            Agg& a = minutes[{*id, s.timestampMs - s.timestampMs % 60000}];
            a.min = a.n == 0 ? s.usageBytes : std::min(a.min, s.usageBytes);
            a.max = a.n == 0 ? s.usageBytes : std::max(a.max, s.usageBytes);
            a.sum += s.usageBytes;
            a.lim = std::max(a.lim, s.limitBytes);
            ++a.n;
            auto& last = lastSeen[*id];
            if (s.timestampMs >= last.first)
                last = {s.timestampMs, s.containerName};
        }
        for (auto it = minutes.cbegin(); it != minutes.cend(); ++it) {
            minute.bindValue(0, it.key().first);
            minute.bindValue(1, it.key().second);
            minute.bindValue(2, it->min);
            minute.bindValue(3, it->max);
            minute.bindValue(4, it->sum);
            minute.bindValue(5, it->n);
            minute.bindValue(6, it->lim);
            if (!minute.exec())
                return d->sqlError(QStringLiteral("writing memory rollups"), minute.lastError());
        }
        QSqlQuery upd(d->db());
        upd.prepare(QStringLiteral("UPDATE series SET last_ms = max(last_ms, ?), "
                                   "container_name = CASE WHEN ? <> '' THEN ? ELSE container_name END WHERE id = ?"));
        for (auto it = lastSeen.cbegin(); it != lastSeen.cend(); ++it) {
            upd.bindValue(0, it->first);
            upd.bindValue(1, text(it->second));
            upd.bindValue(2, text(it->second));
            upd.bindValue(3, it.key());
            if (!upd.exec())
                return d->sqlError(QStringLiteral("updating series"), upd.lastError());
        }
        return {};
    });
}

Result<void> HistoryStore::addProbes(const QList<LatencyProbe>& probes)
{
    return d->transaction(QStringLiteral("writing %1 latency probes").arg(probes.size()), [&]() -> Result<void> {
        QSqlQuery q(d->db());
        q.prepare(QStringLiteral("INSERT INTO latency_probe (emitted_ms, latency_ms, missed, host, mode, marker, error) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
        for (const LatencyProbe& p : probes) {
            q.bindValue(0, p.emittedMs);
            q.bindValue(1, p.latencyMs);
            q.bindValue(2, p.missed ? 1 : 0);
            q.bindValue(3, text(p.hostName));
            q.bindValue(4, text(p.mode));
            q.bindValue(5, text(p.marker));
            q.bindValue(6, text(p.error));
            if (!q.exec())
                return d->sqlError(QStringLiteral("writing latency probes"), q.lastError());
        }
        return {};
    });
}

Result<void> HistoryStore::addLoadCheck(const LoadCheckResult& r)
{
    return d->transaction(QStringLiteral("writing a load check"), [&]() -> Result<void> {
        QSqlQuery q(d->db());
        q.prepare(QStringLiteral("INSERT INTO load_check (host, container_id, container_name, started_ms, finished_ms, "
                                 "peak_bytes, ceiling_bytes, limit_bytes, oom_killed, samples, error) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant& v : {QVariant(text(r.hostName)), QVariant(text(r.containerId)), QVariant(text(r.containerName)),
                                  QVariant(msOf(r.startedAt)), QVariant(msOf(r.finishedAt)), QVariant(r.peakUsageBytes),
                                  QVariant(r.ceilingBytes), QVariant(r.limitBytes), QVariant(r.oomKilled ? 1 : 0),
                                  QVariant(r.samples), QVariant(text(r.error))})
            q.addBindValue(v);
        if (!q.exec())
            return d->sqlError(QStringLiteral("writing a load check"), q.lastError());
        return {};
    });
}

Result<int> HistoryStore::expire(qint64 nowMs)
{
    int removed = 0;
    auto r = d->transaction(QStringLiteral("expiring old history"), [&]() -> Result<void> {
        QList<qint64> ids;
        {
            QSqlQuery q(d->db());
            if (!q.exec(QStringLiteral("SELECT id FROM series")))
                return d->sqlError(QStringLiteral("listing series"), q.lastError());
            while (q.next())
                ids.append(q.value(0).toLongLong());
        }
        // Per series, so each delete is a range on the clustered primary key, not a table scan.
        QSqlQuery raw(d->db());
        raw.prepare(QStringLiteral("DELETE FROM memory_raw WHERE series = ? AND ts < ?"));
        QSqlQuery minute(d->db());
        minute.prepare(QStringLiteral("DELETE FROM memory_minute WHERE series = ? AND minute < ?"));
        for (qint64 id : std::as_const(ids)) {
            raw.bindValue(0, id);
            raw.bindValue(1, nowMs - RawRetentionMs);
            if (!raw.exec())
                return d->sqlError(QStringLiteral("expiring raw samples"), raw.lastError());
            removed += raw.numRowsAffected();
            minute.bindValue(0, id);
            minute.bindValue(1, nowMs - RollupRetentionMs);
            if (!minute.exec())
                return d->sqlError(QStringLiteral("expiring rollups"), minute.lastError());
            removed += minute.numRowsAffected();
        }
        QSqlQuery q(d->db());
        if (!q.exec(QStringLiteral("DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM memory_minute m WHERE m.series = series.id) "
                                   "AND NOT EXISTS (SELECT 1 FROM memory_raw r WHERE r.series = series.id)")))
            return d->sqlError(QStringLiteral("expiring series"), q.lastError());
        d->seriesIds.clear();
        for (const QString& sql : {QStringLiteral("DELETE FROM latency_probe WHERE emitted_ms < ?"),
                                   QStringLiteral("DELETE FROM load_check WHERE started_ms < ?")}) {
            QSqlQuery del(d->db());
            del.prepare(sql);
            del.addBindValue(nowMs - RollupRetentionMs);
            if (!del.exec())
                return d->sqlError(QStringLiteral("expiring probes and load checks"), del.lastError());
            removed += del.numRowsAffected();
        }
        return {};
    });
    if (!r)
        return r.error();
    return removed;
}

Result<QList<SeriesInfo>> HistoryStore::series()
{
    if (!d->open)
        return Result<QList<SeriesInfo>>::failure(QStringLiteral("history database is not open"));
    QSqlQuery q(d->db());
    if (!q.exec(QStringLiteral("SELECT host, container_id, container_name, first_ms, last_ms FROM series "
                               "ORDER BY host, container_name, container_id")))
        return d->sqlError(QStringLiteral("listing series"), q.lastError());
    QList<SeriesInfo> list;
    while (q.next())
        list.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(),
                     q.value(4).toLongLong()});
    return list;
}

Result<MemorySeries> HistoryStore::memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs,
                                                qint64 toMs, qint64 nowMs)
{
    if (nowMs == 0)
        nowMs = QDateTime::currentMSecsSinceEpoch();
    const bool raw = toMs - fromMs <= RawRangeLimitMs && fromMs >= nowMs - RawRetentionMs;
    return memorySeries(hostName, containerId, fromMs, toMs,
                        raw ? MemorySeries::Resolution::Raw : MemorySeries::Resolution::Minute);
}

Result<MemorySeries> HistoryStore::memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs,
                                                qint64 toMs, MemorySeries::Resolution resolution)
{
    if (!d->open)
        return Result<MemorySeries>::failure(QStringLiteral("history database is not open"));
    MemorySeries out;
    out.hostName = hostName;
    out.containerId = containerId;
    out.resolution = resolution;
    auto id = d->findSeries(hostName, containerId, &out.containerName);
    if (!id)
        return id.error();
    if (!id->has_value())
        return out;
    QSqlQuery q(d->db());
    q.setForwardOnly(true);
    if (resolution == MemorySeries::Resolution::Raw) {
        q.prepare(QStringLiteral("SELECT ts, usage, lim FROM memory_raw WHERE series = ? AND ts >= ? AND ts <= ? ORDER BY ts"));
    } else {
        fromMs -= fromMs % 60000;
        q.prepare(QStringLiteral("SELECT minute, min_b, max_b, sum_b, n, lim FROM memory_minute "
                                 "WHERE series = ? AND minute >= ? AND minute <= ? ORDER BY minute"));
    }
    q.addBindValue(**id);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return d->sqlError(QStringLiteral("reading memory history"), q.lastError());
    while (q.next()) {
        MemoryPoint p;
        p.timestampMs = q.value(0).toLongLong();
        if (resolution == MemorySeries::Resolution::Raw) {
            p.avgBytes = p.minBytes = p.maxBytes = q.value(1).toLongLong();
            p.limitBytes = q.value(2).toLongLong();
        } else {
            p.minBytes = q.value(1).toLongLong();
            p.maxBytes = q.value(2).toLongLong();
            p.count = q.value(4).toInt();
            p.avgBytes = p.count > 0 ? q.value(3).toLongLong() / p.count : 0;
            p.limitBytes = q.value(5).toLongLong();
        }
        out.points.append(p);
    }
    return out;
}

Result<QList<LatencyProbe>> HistoryStore::latencyProbes(qint64 fromMs, qint64 toMs)
{
    if (!d->open)
        return Result<QList<LatencyProbe>>::failure(QStringLiteral("history database is not open"));
    QSqlQuery q(d->db());
    q.prepare(QStringLiteral("SELECT emitted_ms, latency_ms, missed, host, mode, marker, error FROM latency_probe "
                             "WHERE emitted_ms >= ? AND emitted_ms <= ? ORDER BY emitted_ms"));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return d->sqlError(QStringLiteral("reading latency probes"), q.lastError());
    QList<LatencyProbe> list;
    while (q.next()) {
        LatencyProbe p;
        p.emittedMs = q.value(0).toLongLong();
        p.latencyMs = q.value(1).toLongLong();
        p.missed = q.value(2).toInt() != 0;
        p.hostName = q.value(3).toString();
        p.mode = q.value(4).toString();
        p.marker = q.value(5).toString();
        p.error = q.value(6).toString();
        list.append(p);
    }
    return list;
}

Result<QList<LoadCheckResult>> HistoryStore::loadChecks(qint64 fromMs, qint64 toMs)
{
    if (!d->open)
        return Result<QList<LoadCheckResult>>::failure(QStringLiteral("history database is not open"));
    QSqlQuery q(d->db());
    q.prepare(QStringLiteral("SELECT host, container_id, container_name, started_ms, finished_ms, peak_bytes, "
                             "ceiling_bytes, limit_bytes, oom_killed, samples, error FROM load_check "
                             "WHERE started_ms >= ? AND started_ms <= ? ORDER BY started_ms"));
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return d->sqlError(QStringLiteral("reading load checks"), q.lastError());
    QList<LoadCheckResult> list;
    while (q.next()) {
        LoadCheckResult r;
        r.hostName = q.value(0).toString();
        r.containerId = q.value(1).toString();
        r.containerName = q.value(2).toString();
        r.startedAt = dateOf(q.value(3).toLongLong());
        r.finishedAt = dateOf(q.value(4).toLongLong());
        r.peakUsageBytes = q.value(5).toLongLong();
        r.ceilingBytes = q.value(6).toLongLong();
        r.limitBytes = q.value(7).toLongLong();
        r.oomKilled = q.value(8).toInt() != 0;
        r.samples = q.value(9).toInt();
        r.error = q.value(10).toString();
        list.append(r);
    }
    return list;
}

Result<qint64> HistoryStore::rawSampleCount()
{
    return d->scalar(QStringLiteral("SELECT count(*) FROM memory_raw"), QStringLiteral("counting samples"));
}

Result<qint64> HistoryStore::rollupCount()
{
    return d->scalar(QStringLiteral("SELECT count(*) FROM memory_minute"), QStringLiteral("counting rollups"));
}

} // namespace bulwark
