// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetscanner.h"

#include "hostscanner.h"

#include <QPointer>
#include <QThreadPool>

#include <atomic>

namespace bulwark {

struct FleetScanner::Private {
    ScanOptions options;
    // Owned pool: one worker per host; hosts beyond maxParallelHosts wait for a free worker.
    QThreadPool pool;
    // Shared with the workers of one scan; a new scan gets a new flag, so cancelling an old scan
    // never touches the next.
    std::shared_ptr<std::atomic<bool>> cancel;
    quint64 generation = 0;
    bool running = false;
    FleetSnapshot result;
    int hostsDone = 0;
};

FleetScanner::FleetScanner(QObject* parent) : QObject(parent), d(std::make_unique<Private>()) {}

FleetScanner::~FleetScanner()
{
    if (d->cancel)
        d->cancel->store(true);
    // Workers hold no pointer to us beyond queued calls, which die with this object; wait so
    // no ssh or socket outlives the scanner.
    d->pool.waitForDone();
}

void FleetScanner::setOptions(const ScanOptions& options)
{
    d->options = options;
}

ScanOptions FleetScanner::options() const
{
    return d->options;
}

bool FleetScanner::isRunning() const
{
    return d->running;
}

void FleetScanner::scan(const bulwark::FleetConfig& fleet)
{
    if (d->cancel)
        d->cancel->store(true); // a new scan supersedes the old one
    const quint64 generation = ++d->generation;
    d->cancel = std::make_shared<std::atomic<bool>>(false);
    d->running = true;
    d->hostsDone = 0;
    d->result = FleetSnapshot{};
    d->result.startedAt = QDateTime::currentDateTimeUtc();
    for (const HostEntry& h : fleet.hosts) {
        HostSnapshot pending;
        pending.hostName = h.name;
        pending.hostLabels = h.labels;
        d->result.hosts.append(pending);
    }
    d->pool.setMaxThreadCount(qMax(1, d->options.maxParallelHosts));
    const int total = static_cast<int>(fleet.hosts.size());
    emit progress(0, total);

    if (total == 0) {
        QMetaObject::invokeMethod(this, [this, generation] {
            if (generation != d->generation)
                return;
            d->running = false;
            d->result.finishedAt = QDateTime::currentDateTimeUtc();
            emit finished(d->result);
        }, Qt::QueuedConnection);
        return;
    }

    for (int index = 0; index < total; ++index) {
        const HostEntry host = fleet.hosts[index];
        const ScanOptions options = d->options;
        const auto cancel = d->cancel;
        d->pool.start([this, host, options, cancel, generation, index] {
            const QString name = host.name;
            HostScanner scanner(host, options);
            scanner.setCancelFlag(cancel.get());
            scanner.setStarted([this, name] {
                QMetaObject::invokeMethod(this, [this, name] { emit hostStarted(name); }, Qt::QueuedConnection);
            });
            scanner.setProgress([this, name, generation](int done, int all) {
                QMetaObject::invokeMethod(this, [this, name, generation, done, all] {
                    if (generation == d->generation)
                        emit hostProgress(name, done, all);
                }, Qt::QueuedConnection);
            });
            HostSnapshot snapshot = scanner.scan();
            QMetaObject::invokeMethod(this, [this, generation, index, snapshot = std::move(snapshot)] {
                if (generation != d->generation)
                    return; // a superseded scan
                d->result.hosts[index] = snapshot;
                ++d->hostsDone;
                emit hostFinished(snapshot);
                emit progress(d->hostsDone, static_cast<int>(d->result.hosts.size()));
                if (d->hostsDone == d->result.hosts.size()) {
                    d->running = false;
                    d->result.finishedAt = QDateTime::currentDateTimeUtc();
                    emit finished(d->result);
                }
            }, Qt::QueuedConnection);
        });
    }
}

void FleetScanner::cancel()
{
    if (d->cancel)
        d->cancel->store(true);
}

} // namespace bulwark
