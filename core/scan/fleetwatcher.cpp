// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetwatcher.h"

#include <list>
#include <thread>

namespace bulwark {

struct FleetWatcher::Private {
    struct Worker {
        std::unique_ptr<HostWatcher> watcher;
        std::thread thread;
        quint64 generation = 0;
        bool finished = false;
    };
    WatchOptions options;
    // std::list: workers are erased as they finish while others keep running; pointers stay valid.
    std::list<Worker> workers;
    quint64 generation = 0;
    bool stopRequested = false;
    QStringList hosts;

    void joinFinished()
    {
        for (auto it = workers.begin(); it != workers.end();) {
            if (it->finished) {
                it->thread.join();
                it = workers.erase(it);
            } else {
                ++it;
            }
        }
    }
};

FleetWatcher::FleetWatcher(QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<WatchState>();
    qRegisterMetaType<HostSnapshot>();
    qRegisterMetaType<ContainerSnapshot>();
}

FleetWatcher::~FleetWatcher()
{
    for (auto& w : d->workers)
        w.watcher->stop();
    // No ssh process or socket may outlive the watcher.
    for (auto& w : d->workers)
        if (w.thread.joinable())
            w.thread.join();
}

void FleetWatcher::setOptions(const WatchOptions& options)
{
    d->options = options;
}

WatchOptions FleetWatcher::options() const
{
    return d->options;
}

bool FleetWatcher::isRunning() const
{
    return !d->workers.empty();
}

QStringList FleetWatcher::hostNames() const
{
    return d->hosts;
}

void FleetWatcher::start(const bulwark::FleetConfig& fleet, const QHash<QString, QDateTime>& since)
{
    for (auto& w : d->workers)
        w.watcher->stop(); // superseded: they finish in the background and are joined as they end
    d->stopRequested = false;
    const quint64 generation = ++d->generation;
    d->hosts.clear();
    for (const HostEntry& host : fleet.hosts) {
        d->hosts.append(host.name);
        const QString name = host.name;
        // The callbacks run on the worker thread; each hops to ours, and is dropped when it belongs
        // to a superseded watch.
        auto post = [this, generation](auto fn) {
            QMetaObject::invokeMethod(this, [this, generation, fn = std::move(fn)] {
                if (generation == d->generation)
                    fn();
            }, Qt::QueuedConnection);
        };
        HostWatcher::Callbacks callbacks;
        callbacks.state = [this, post, name](WatchState state, const QString& reason, int attempt, int retryInMs) {
            post([this, name, state, reason, attempt, retryInMs] {
                emit hostStateChanged(name, state, reason, attempt, retryInMs);
            });
        };
        callbacks.scanned = [this, post](const HostSnapshot& snapshot) {
            post([this, snapshot] { emit hostScanned(snapshot); });
        };
        callbacks.upserted = [this, post, name](const ContainerSnapshot& container) {
            post([this, name, container] { emit containerUpserted(name, container); });
        };
        callbacks.removed = [this, post, name](const QString& id, const QString& containerName) {
            post([this, name, id, containerName] { emit containerRemoved(name, id, containerName); });
        };
        auto& worker = d->workers.emplace_back();
        worker.generation = generation;
        worker.watcher = std::make_unique<HostWatcher>(host, d->options, std::move(callbacks));
        if (since.contains(host.name))
            worker.watcher->setSince(since.value(host.name));
        HostWatcher* watcher = worker.watcher.get();
        Private::Worker* self = &worker;
        worker.thread = std::thread([this, watcher, self] {
            watcher->run();
            QMetaObject::invokeMethod(this, [this, self] {
                self->finished = true;
                d->joinFinished();
                if (d->workers.empty() && d->stopRequested) {
                    d->stopRequested = false;
                    emit stopped();
                }
            }, Qt::QueuedConnection);
        });
    }
}

void FleetWatcher::stop()
{
    d->stopRequested = true;
    ++d->generation; // late updates of the stopped watch are not shown
    d->hosts.clear();
    for (auto& w : d->workers)
        w.watcher->stop();
    if (d->workers.empty()) {
        QMetaObject::invokeMethod(this, [this] {
            if (d->workers.empty() && d->stopRequested) {
                d->stopRequested = false;
                emit stopped();
            }
        }, Qt::QueuedConnection);
    }
}

} // namespace bulwark
