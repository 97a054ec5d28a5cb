// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "historystore.h"

#include <QFuture>
#include <QObject>

#include <memory>

namespace bulwark {

// The history for the UI thread: a HistoryStore that lives on its own thread (owned here, quit and
// joined on destruction). Every read returns a QFuture at once; continue it with
// `.then(this, [](Result<MemorySeries> r) { ... })` to get the result on your thread.
//
// Samples are buffered and written once a minute (or at 20,000 waiting, flush() or close()): the
// live chart takes them from MemorySampler::samplesReady, the history from here. Probes and load
// checks are written at once. A write that fails (locked file,
// read-only store) is kept in memory, bounded, and retried with the next write or flush();
// writeFailed() tells the user. Raw samples older than 24 h and rollups older than 30 days expire
// every ten minutes, and once at open.
class HistoryService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryService)
public:
    explicit HistoryService(QObject* parent = nullptr);
    ~HistoryService() override;

    // Resolves with the store's open() result; reads before that see "not open".
    QFuture<Result<void>> open(const QString& path = HistoryStore::defaultPath(),
                               HistoryStore::Mode mode = HistoryStore::Mode::ReadWrite);
    // Resolves when the store is closed (pending writes attempted first).
    QFuture<Result<void>> close();

    void addSamples(const QList<bulwark::MemorySample>& samples);
    void addProbes(const QList<bulwark::LatencyProbe>& probes);
    void addLoadCheck(const bulwark::LoadCheckResult& result);
    // Resolves once every write queued before it was attempted; the error of the last failure, if any.
    QFuture<Result<void>> flush();

    QFuture<Result<QList<SeriesInfo>>> series();
    // containerId empty: the host's total. Resolution picked by range (see HistoryStore).
    QFuture<Result<MemorySeries>> memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs,
                                               qint64 toMs);
    QFuture<Result<QList<LatencyProbe>>> latencyProbes(qint64 fromMs, qint64 toMs);
    // p50/p95/max over the probes emitted in the window (a rolling window: pass now - N, now).
    QFuture<Result<LogLatencySummary>> latencySummary(qint64 fromMs, qint64 toMs);
    QFuture<Result<QList<LoadCheckResult>>> loadChecks(qint64 fromMs, qint64 toMs);
    QFuture<Result<int>> expire(qint64 nowMs = 0);

    // Writes waiting for a retry (for the status bar).
    int pendingWrites() const;

signals:
    void writeFailed(const QString& message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
