// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorysampler.h"

#include "historyservice.h"
#include "hostmemoryprobe.h"

#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace bulwark {

namespace {

// Shared between the owner and the host workers: stop flag and a wake-up for the interval wait.
struct StopSignal {
    std::mutex mutex;
    std::condition_variable cv;
    bool stopped = false;

    // Waits out the interval (not a synchronisation sleep: stop() wakes it at once).
    bool waitFor(int ms)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopped; });
    }
    void stop()
    {
        {
            std::lock_guard lock(mutex);
            stopped = true;
        }
        cv.notify_all();
    }
    bool isStopped()
    {
        std::lock_guard lock(mutex);
        return stopped;
    }
};

} // namespace

struct MemorySampler::Private {
    MemorySamplerOptions options;
    QPointer<HistoryService> history;
    std::unique_ptr<QThreadPool> pool = std::make_unique<QThreadPool>();
    std::shared_ptr<StopSignal> stop;
    int outstanding = 0; // hosts still to answer in a sampleOnce() round
    bool running = false;
};

MemorySampler::MemorySampler(QObject* parent) : QObject(parent), d(std::make_unique<Private>()) {}

MemorySampler::~MemorySampler()
{
    stop();
    d->pool->waitForDone();
}

void MemorySampler::setOptions(const MemorySamplerOptions& options)
{
    d->options = options;
}

void MemorySampler::setHistory(HistoryService* history)
{
    d->history = history;
}

bool MemorySampler::isRunning() const
{
    return d->running;
}

void MemorySampler::start(const FleetConfig& fleet)
{
    stop();
    d->running = true;
    d->stop = std::make_shared<StopSignal>();
    d->pool->setMaxThreadCount(std::max<int>(1, int(fleet.hosts.size())));
    QPointer<MemorySampler> self(this);
    const MemorySamplerOptions options = d->options;
    for (const HostEntry& host : fleet.hosts) {
        (void)QtConcurrent::run(d->pool.get(), [self, host, options, stop = d->stop] {
            HostMemoryProbe probe(host, options.requestTimeoutMs);
            IdleDetector idle(options.idleCpuPercent, options.idleWindow);
            do {
                HostMemoryStatus status = probe.sample();
                if (status.ok())
                    idle.add(status.cpuPercentOfHost);
                else
                    idle.reset();
                status.idle = idle.isIdle();
                if (stop->isStopped())
                    break;
                QMetaObject::invokeMethod(self, [self, status] {
                    if (self && self->d->running)
                        self->deliver(status);
                }, Qt::QueuedConnection);
            } while (!stop->waitFor(options.intervalMs));
        });
    }
}

void MemorySampler::sampleOnce(const FleetConfig& fleet)
{
    if (d->running || d->outstanding > 0)
        return;
    d->outstanding = int(fleet.hosts.size());
    if (d->outstanding == 0) {
        emit roundFinished();
        return;
    }
    d->pool->setMaxThreadCount(std::max<int>(1, int(fleet.hosts.size())));
    QPointer<MemorySampler> self(this);
    const int timeout = d->options.requestTimeoutMs;
    for (const HostEntry& host : fleet.hosts) {
        (void)QtConcurrent::run(d->pool.get(), [self, host, timeout] {
            HostMemoryStatus status = HostMemoryProbe(host, timeout).sample();
            QMetaObject::invokeMethod(self, [self, status] {
                if (!self)
                    return;
                self->deliver(status);
                if (--self->d->outstanding == 0)
                    emit self->roundFinished();
            }, Qt::QueuedConnection);
        });
    }
}

// On the sampler's thread: one host's reading to listeners and, when attached, to the history.
void MemorySampler::deliver(const HostMemoryStatus& status)
{
    emit hostSampled(status);
    const auto samples = status.samples();
    if (samples.isEmpty())
        return;
    if (d->history)
        d->history->addSamples(samples);
    emit samplesReady(samples);
}

void MemorySampler::stop()
{
    if (d->stop)
        d->stop->stop();
    d->stop.reset();
    d->running = false;
}

} // namespace bulwark
