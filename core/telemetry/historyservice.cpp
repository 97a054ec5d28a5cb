// SPDX-License-Identifier: GPL-3.0-or-later
#include "historyservice.h"

#include "lokiprobe.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QPromise>
#include <QThread>
#include <QTimer>

namespace bulwark {

namespace {

// Bound on what is kept for a retry when the file stays locked: about two hours of a 50-container
// fleet at 10 s. Beyond it the oldest are dropped, and writeFailed says so.
constexpr qsizetype MaxPendingSamples = 50 * 6 * 60 * 120 / 2;
constexpr int ExpiryIntervalMs = 10 * 60 * 1000;
// Samples are written once a minute (or sooner when many are waiting): the tables are clustered by
// container, so each write touches one page per container, and six ticks per write cost what one does.
constexpr int SampleFlushIntervalMs = 60 * 1000;
constexpr qsizetype SampleFlushThreshold = 20000;

// Everything here is touched only on the service's thread.
struct WorkerState {
    HistoryStore store;
    QList<MemorySample> samples;
    QList<LatencyProbe> probes;
    QList<LoadCheckResult> checks;
    std::unique_ptr<QTimer> expiry;
    std::unique_ptr<QTimer> flushTimer;
    Result<void> lastWrite;
};

} // namespace

struct HistoryService::Private {
    std::unique_ptr<QThread> thread;
    std::unique_ptr<QObject> context; // lives on `thread`; queued lambdas run in its thread
    std::shared_ptr<WorkerState> state = std::make_shared<WorkerState>();
    QAtomicInt pending = 0;
    HistoryService* q = nullptr;

    template <typename T, typename F>
    QFuture<T> post(F&& f)
    {
        auto promise = std::make_shared<QPromise<T>>();
        QFuture<T> future = promise->future();
        promise->start();
        QMetaObject::invokeMethod(
            context.get(),
            [state = state, promise, f = std::forward<F>(f)]() mutable {
                promise->addResult(f(*state));
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }

    // Runs on the worker thread: writes whatever is queued, keeps it on failure.
    Result<void> writePending(WorkerState& s)
    {
        if (!s.store.isOpen())
            return Result<void>::failure(QStringLiteral("history database is not open"));
        Result<void> result;
        if (!s.samples.isEmpty()) {
            if (auto r = s.store.addSamples(s.samples); r)
                s.samples.clear();
            else
                result = r;
        }
        if (result && !s.probes.isEmpty()) {
            if (auto r = s.store.addProbes(s.probes); r)
                s.probes.clear();
            else
                result = r;
        }
        while (result && !s.checks.isEmpty()) {
            if (auto r = s.store.addLoadCheck(s.checks.first()); r)
                s.checks.removeFirst();
            else
                result = r;
        }
        if (s.samples.size() > MaxPendingSamples) {
            const qsizetype dropped = s.samples.size() - MaxPendingSamples;
            s.samples.remove(0, dropped);
            result = Result<void>::failure(result.errorMessage()
                                           + QStringLiteral(" (%1 oldest unsaved samples dropped)").arg(dropped));
        }
        pending.storeRelaxed(int(s.samples.size() + s.probes.size() + s.checks.size()));
        if (!result)
            emit q->writeFailed(result.errorMessage());
        s.lastWrite = result;
        return result;
    }
};

HistoryService::HistoryService(QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->thread = std::make_unique<QThread>();
    d->thread->setObjectName(QStringLiteral("bulwark-history"));
    d->context = std::make_unique<QObject>();
    d->context->moveToThread(d->thread.get());
    d->thread->start();
}

HistoryService::~HistoryService()
{
    // Closing runs after every queued call; then the thread quits itself, so nothing queued is lost.
    QMetaObject::invokeMethod(
        d->context.get(),
        [this, state = d->state] {
            (void)d->writePending(*state);
            state->expiry.reset();
            state->flushTimer.reset();
            state->store.close();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    d->thread->wait();
}

QFuture<Result<void>> HistoryService::open(const QString& path, HistoryStore::Mode mode)
{
    return d->post<Result<void>>([this, path, mode](WorkerState& s) {
        auto r = s.store.open(path, mode);
        s.flushTimer = std::make_unique<QTimer>();
        s.flushTimer->setInterval(SampleFlushIntervalMs);
        QObject::connect(s.flushTimer.get(), &QTimer::timeout, s.flushTimer.get(), [this, &s] {
            if (!s.samples.isEmpty())
                (void)d->writePending(s);
        });
        s.flushTimer->start();
        if (r && !s.store.isReadOnly()) {
            (void)s.store.expire(QDateTime::currentMSecsSinceEpoch());
            s.expiry = std::make_unique<QTimer>();
            s.expiry->setInterval(ExpiryIntervalMs);
            QObject::connect(s.expiry.get(), &QTimer::timeout, s.expiry.get(), [&s] {
                (void)s.store.expire(QDateTime::currentMSecsSinceEpoch());
            });
            s.expiry->start();
        }
        return r;
    });
}

QFuture<Result<void>> HistoryService::close()
{
    return d->post<Result<void>>([this](WorkerState& s) {
        auto r = d->writePending(s);
        s.expiry.reset();
        s.flushTimer.reset();
        s.store.close();
        return r;
    });
}

void HistoryService::addSamples(const QList<MemorySample>& samples)
{
    d->pending.fetchAndAddRelaxed(int(samples.size()));
    (void)d->post<Result<void>>([this, samples](WorkerState& s) {
        s.samples.append(samples);
        if (s.samples.size() < SampleFlushThreshold && s.flushTimer && s.store.isOpen())
            return Result<void>{}; // written by the flush timer, flush() or close()
        return d->writePending(s);
    });
}

void HistoryService::addProbes(const QList<LatencyProbe>& probes)
{
    d->pending.fetchAndAddRelaxed(int(probes.size()));
    (void)d->post<Result<void>>([this, probes](WorkerState& s) {
        s.probes.append(probes);
        return d->writePending(s);
    });
}

void HistoryService::addLoadCheck(const LoadCheckResult& result)
{
    d->pending.fetchAndAddRelaxed(1);
    (void)d->post<Result<void>>([this, result](WorkerState& s) {
        s.checks.append(result);
        return d->writePending(s);
    });
}

QFuture<Result<void>> HistoryService::flush()
{
    return d->post<Result<void>>([this](WorkerState& s) {
        if (s.samples.isEmpty() && s.probes.isEmpty() && s.checks.isEmpty())
            return s.lastWrite;
        return d->writePending(s);
    });
}

QFuture<Result<QList<SeriesInfo>>> HistoryService::series()
{
    return d->post<Result<QList<SeriesInfo>>>([](WorkerState& s) { return s.store.series(); });
}

QFuture<Result<MemorySeries>> HistoryService::memorySeries(const QString& hostName, const QString& containerId,
                                                           qint64 fromMs, qint64 toMs)
{
    return d->post<Result<MemorySeries>>([=](WorkerState& s) {
        return s.store.memorySeries(hostName, containerId, fromMs, toMs);
    });
}

QFuture<Result<QList<LatencyProbe>>> HistoryService::latencyProbes(qint64 fromMs, qint64 toMs)
{
    return d->post<Result<QList<LatencyProbe>>>([=](WorkerState& s) { return s.store.latencyProbes(fromMs, toMs); });
}

QFuture<Result<LogLatencySummary>> HistoryService::latencySummary(qint64 fromMs, qint64 toMs)
{
    return d->post<Result<LogLatencySummary>>([=](WorkerState& s) -> Result<LogLatencySummary> {
        auto probes = s.store.latencyProbes(fromMs, toMs);
        if (!probes)
            return probes.error();
        return summarizeLatency(*probes);
    });
}

QFuture<Result<QList<LoadCheckResult>>> HistoryService::loadChecks(qint64 fromMs, qint64 toMs)
{
    return d->post<Result<QList<LoadCheckResult>>>([=](WorkerState& s) { return s.store.loadChecks(fromMs, toMs); });
}

QFuture<Result<int>> HistoryService::expire(qint64 nowMs)
{
    return d->post<Result<int>>([nowMs](WorkerState& s) {
        return s.store.expire(nowMs > 0 ? nowMs : QDateTime::currentMSecsSinceEpoch());
    });
}

int HistoryService::pendingWrites() const
{
    return d->pending.loadRelaxed();
}

} // namespace bulwark
