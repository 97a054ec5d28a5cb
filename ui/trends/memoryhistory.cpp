// SPDX-License-Identifier: GPL-3.0-or-later
#include "memoryhistory.h"

#include "model/auditrun.h"

#include <QMap>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>

#ifdef BULWARK_UI_HAVE_HISTORY_SERVICE
#include "telemetry/historyservice.h"
#endif

#include <algorithm>

namespace bulwark::ui {

MemorySeries seriesFromSamples(const QList<MemorySample>& samples, const QString& hostName, const QString& containerId,
                               qint64 fromMs, qint64 toMs, int maxPoints)
{
    MemorySeries out;
    out.hostName = hostName;
    out.containerId = containerId;
    if (toMs <= fromMs || maxPoints <= 0)
        return out;
    const qint64 bucketMs = std::max<qint64>(1, (toMs - fromMs + maxPoints - 1) / maxPoints);
    out.resolution = bucketMs > 1 ? MemorySeries::Resolution::Minute : MemorySeries::Resolution::Raw;

    // A host's total adds its containers per timestamp first, then buckets those totals.
    QMap<qint64, MemoryPoint> perTime;
    for (const MemorySample& s : samples) {
        if (s.hostName != hostName || s.timestampMs < fromMs || s.timestampMs > toMs)
            continue;
        if (!containerId.isEmpty() && s.containerId != containerId)
            continue;
        if (!containerId.isEmpty() && out.containerName.isEmpty())
            out.containerName = s.containerName;
        MemoryPoint& p = perTime[s.timestampMs];
        p.timestampMs = s.timestampMs;
        p.avgBytes += s.usageBytes;
        p.limitBytes = containerId.isEmpty() ? 0 : std::max(p.limitBytes, s.limitBytes);
    }
    QMap<qint64, MemoryPoint> buckets;
    for (const MemoryPoint& p : std::as_const(perTime)) {
        const qint64 key = fromMs + (p.timestampMs - fromMs) / bucketMs * bucketMs;
        auto it = buckets.find(key);
        if (it == buckets.end()) {
            MemoryPoint b;
            b.timestampMs = key;
            b.avgBytes = p.avgBytes;
            b.minBytes = p.avgBytes;
            b.maxBytes = p.avgBytes;
            b.limitBytes = p.limitBytes;
            b.count = 1;
            buckets.insert(key, b);
            continue;
        }
        // Running mean keeps the sum from overflowing on long ranges.
        it->avgBytes += (p.avgBytes - it->avgBytes) / (it->count + 1);
        it->minBytes = std::min(it->minBytes, p.avgBytes);
        it->maxBytes = std::max(it->maxBytes, p.avgBytes);
        it->limitBytes = std::max(it->limitBytes, p.limitBytes);
        ++it->count;
    }
    out.points = buckets.values();
    if (bucketMs == 1)
        out.resolution = MemorySeries::Resolution::Raw;
    return out;
}

SessionMemoryHistory::SessionMemoryHistory() : m_samples(std::make_shared<const QList<MemorySample>>()) {}
SessionMemoryHistory::~SessionMemoryHistory() = default;

void SessionMemoryHistory::add(const QList<MemorySample>& samples)
{
    QMutexLocker lock(&m_mutex);
    auto next = std::make_shared<QList<MemorySample>>(*m_samples);
    next->append(samples);
    m_samples = std::move(next);
}

QList<SeriesInfo> seriesInfoFromSamples(const QList<MemorySample>& samples)
{
    QMap<std::pair<QString, QString>, SeriesInfo> found;
    auto note = [&found](const QString& host, const QString& id, const QString& name, qint64 t) {
        SeriesInfo& info = found[{host, id}];
        if (info.hostName.isEmpty()) {
            info.hostName = host;
            info.containerId = id;
            info.firstMs = t;
            info.lastMs = t;
        }
        if (!name.isEmpty())
            info.containerName = name;
        info.firstMs = std::min(info.firstMs, t);
        info.lastMs = std::max(info.lastMs, t);
    };
    for (const MemorySample& s : samples) {
        note(s.hostName, s.containerId, s.containerName, s.timestampMs);
        note(s.hostName, QString(), QString(), s.timestampMs);
    }
    return found.values();
}

QList<MemorySample> samplesOfRun(const AuditRun& run)
{
    QList<MemorySample> samples;
    for (const HostSnapshot& h : run.fleet.hosts)
        for (const ContainerSnapshot& c : h.containers)
            if (c.memory) {
                const qint64 t = c.memory->sampledAt.isValid() ? c.memory->sampledAt.toMSecsSinceEpoch()
                                                               : run.generatedAt.toMSecsSinceEpoch();
                samples.append(MemorySample{h.hostName, c.id, c.name, t, c.memory->usageBytes, c.memoryLimitBytes});
            }
    return samples;
}

void SessionMemoryHistory::addRun(const AuditRun& run)
{
    add(samplesOfRun(run));
}

QFuture<Result<QList<SeriesInfo>>> SessionMemoryHistory::series()
{
    std::shared_ptr<const QList<MemorySample>> snapshot;
    {
        QMutexLocker lock(&m_mutex);
        snapshot = m_samples;
    }
    return QtConcurrent::run([snapshot]() -> Result<QList<SeriesInfo>> { return seriesInfoFromSamples(*snapshot); });
}

QFuture<Result<MemorySeries>> SessionMemoryHistory::memorySeries(const QString& hostName, const QString& containerId,
                                                                 qint64 fromMs, qint64 toMs)
{
    std::shared_ptr<const QList<MemorySample>> snapshot;
    {
        QMutexLocker lock(&m_mutex);
        snapshot = m_samples;
    }
    return QtConcurrent::run([snapshot, hostName, containerId, fromMs, toMs]() -> Result<MemorySeries> {
        return seriesFromSamples(*snapshot, hostName, containerId, fromMs, toMs);
    });
}

ServiceMemoryHistory::ServiceMemoryHistory(HistoryService* service) : m_service(service) {}

QFuture<Result<MemorySeries>> ServiceMemoryHistory::memorySeries(const QString& hostName, const QString& containerId,
                                                                 qint64 fromMs, qint64 toMs)
{
#ifdef BULWARK_UI_HAVE_HISTORY_SERVICE
    if (m_service)
        return m_service->memorySeries(hostName, containerId, fromMs, toMs);
#else
    Q_UNUSED(hostName)
    Q_UNUSED(containerId)
    Q_UNUSED(fromMs)
    Q_UNUSED(toMs)
#endif
    return QtFuture::makeReadyFuture(Result<MemorySeries>::failure(QObject::tr("The telemetry history is not available.")));
}

QFuture<Result<QList<SeriesInfo>>> ServiceMemoryHistory::series()
{
#ifdef BULWARK_UI_HAVE_HISTORY_SERVICE
    if (m_service)
        return m_service->series();
#endif
    return QtFuture::makeReadyFuture(
        Result<QList<SeriesInfo>>::failure(QObject::tr("The telemetry history is not available.")));
}

} // namespace bulwark::ui
