// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"
#include "model/telemetry.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace bulwark {

// One point of a memory chart. Raw points have min = avg = max = the reading.
struct MemoryPoint {
    qint64 timestampMs = 0; // raw: the sample's time; rollup: the minute's start
    qint64 avgBytes = 0;
    qint64 minBytes = 0;
    qint64 maxBytes = 0;
    qint64 limitBytes = 0;  // the container limit at that time (max over the minute), 0 = none
    int count = 1;          // samples behind the point
};

struct MemorySeries {
    enum class Resolution { Raw, Minute };
    QString hostName;
    QString containerId; // empty: the host's total of all running containers
    QString containerName;
    Resolution resolution = Resolution::Raw;
    QList<MemoryPoint> points; // ascending time
};

// A container (or host total) that has history.
struct SeriesInfo {
    QString hostName;
    QString containerId; // empty: host total
    QString containerName;
    qint64 firstMs = 0;
    qint64 lastMs = 0;
};

// The telemetry history in SQLite (Qt Sql): memory samples, Loki probes and load checks.
//
// - Schema versioned with PRAGMA user_version and forward migrations; a newer schema than this
//   build knows opens read-only.
// - Raw samples are kept 24 h, 1-minute rollups (min/avg/max) 30 days, probes and load checks 30 days;
//   rollups are maintained on insert (upsert), so they never lag the raw data.
// - WAL mode, batched inserts in one transaction.
// - A corrupt, foreign or locked file is never deleted, truncated or rewritten: open() fails with a
//   message naming the file, or the store opens read-only and says why. Data already there stays.
//
// Blocking and confined to the thread that opened it (its own QSqlDatabase connection name): the UI
// uses HistoryService, which runs a store on its own thread.
class HistoryStore final {
public:
    static constexpr int SchemaVersion = 1;
    static constexpr qint64 RawRetentionMs = 24LL * 3600 * 1000;
    static constexpr qint64 RollupRetentionMs = 30LL * 24 * 3600 * 1000;
    // Ranges up to this long (and inside the raw retention) are answered from raw samples.
    static constexpr qint64 RawRangeLimitMs = 6LL * 3600 * 1000;

    enum class Mode { ReadWrite, ReadOnly };

    HistoryStore();
    ~HistoryStore();
    HistoryStore(const HistoryStore&) = delete;
    HistoryStore& operator=(const HistoryStore&) = delete;

    // <AppDataLocation>/history.sqlite
    static QString defaultPath();

    // Opens (creating the file and directory when missing, in ReadWrite mode) and migrates.
    // Locked or newer-schema files fall back to read-only (readOnlyReason() says why); a file that
    // is not a readable SQLite database is an error and is left untouched.
    Result<void> open(const QString& path = defaultPath(), Mode mode = Mode::ReadWrite);
    void close();
    bool isOpen() const;
    bool isReadOnly() const;
    QString readOnlyReason() const;
    QString path() const;
    int schemaVersion() const; // as found in the file after migration

    // Writes. All-or-nothing per call (one transaction). In read-only mode: an error, nothing written.
    Result<void> addSamples(const QList<MemorySample>& samples);
    Result<void> addProbes(const QList<LatencyProbe>& probes);
    Result<void> addLoadCheck(const LoadCheckResult& result);

    // Deletes raw samples older than 24 h, rollups/probes/load checks older than 30 days before `nowMs`.
    Result<int> expire(qint64 nowMs);

    // Reads.
    Result<QList<SeriesInfo>> series();
    // Picks raw samples for ranges <= 6 h that lie inside the raw retention, 1-minute rollups otherwise.
    Result<MemorySeries> memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs, qint64 toMs,
                                      qint64 nowMs = 0 /* 0: current time */);
    Result<MemorySeries> memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs, qint64 toMs,
                                      MemorySeries::Resolution resolution);
    Result<QList<LatencyProbe>> latencyProbes(qint64 fromMs, qint64 toMs);
    Result<QList<LoadCheckResult>> loadChecks(qint64 fromMs, qint64 toMs);

    // Row counts, for tests and the benchmark.
    Result<qint64> rawSampleCount();
    Result<qint64> rollupCount();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::MemoryPoint)
Q_DECLARE_METATYPE(bulwark::MemorySeries)
Q_DECLARE_METATYPE(bulwark::SeriesInfo)
