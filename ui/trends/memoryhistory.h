// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "model/result.h"
#include "model/telemetry.h"
#include "telemetry/historystore.h"

#include <QFuture>
#include <QList>
#include <QMutex>

#include <memory>

namespace bulwark {
class HistoryService;
}

namespace bulwark::ui {

// Where the charts get memory history from. Every read is a future: the UI thread never waits on
// the database. Continue it with `.then(this, ...)`.
class MemoryHistory {
public:
    virtual ~MemoryHistory() = default;
    // containerId empty: the host's total of all its containers.
    virtual QFuture<Result<MemorySeries>> memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs,
                                                       qint64 toMs) = 0;
    // Every host and container that has history, so the view can offer those no audit of this
    // session has seen.
    virtual QFuture<Result<QList<SeriesInfo>>> series() = 0;
};

// A history held in memory: the readings of the audits of this session (and synthetic data for
// demos). Queries are computed on the thread pool.
class SessionMemoryHistory final : public MemoryHistory {
public:
    SessionMemoryHistory();
    ~SessionMemoryHistory() override;
    Q_DISABLE_COPY_MOVE(SessionMemoryHistory)

    void add(const QList<MemorySample>& samples);
    void addRun(const AuditRun& run); // one sample per running container
    QFuture<Result<MemorySeries>> memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs,
                                               qint64 toMs) override;
    QFuture<Result<QList<SeriesInfo>>> series() override;

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const QList<MemorySample>> m_samples; // replaced, never mutated: readers keep their copy
};

// The telemetry room's SQLite history, through its worker-thread service.
class ServiceMemoryHistory final : public MemoryHistory {
public:
    explicit ServiceMemoryHistory(HistoryService* service);
    Q_DISABLE_COPY_MOVE(ServiceMemoryHistory)
    ~ServiceMemoryHistory() override = default;
    QFuture<Result<MemorySeries>> memorySeries(const QString& hostName, const QString& containerId, qint64 fromMs,
                                               qint64 toMs) override;
    QFuture<Result<QList<SeriesInfo>>> series() override;

private:
    HistoryService* m_service = nullptr;
};

// Pure: the samples of one container (or a host's total when containerId is empty) inside
// [fromMs, toMs], folded into at most maxPoints buckets of min/avg/max.
MemorySeries seriesFromSamples(const QList<MemorySample>& samples, const QString& hostName, const QString& containerId,
                               qint64 fromMs, qint64 toMs, int maxPoints = 600);

// Pure: one entry per container and one per host (its total) found in the samples.
QList<SeriesInfo> seriesInfoFromSamples(const QList<MemorySample>& samples);

// Pure: one sample per running container of the run that has a memory reading.
QList<MemorySample> samplesOfRun(const AuditRun& run);

} // namespace bulwark::ui
