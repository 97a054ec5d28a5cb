// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "hostwatcher.h"

#include "model/fleetconfig.h"
#include "model/snapshot.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <memory>

namespace bulwark {

// Watch mode for a fleet: one HostWatcher per host, each on its own worker thread, following the
// host's /events and refreshing only the containers that changed. Every signal is emitted on the
// thread this object lives in (the GUI thread), carrying values. One host dropping never disturbs
// the others; it reconnects on its own with backoff and is scanned in full once it is back.
class FleetWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetWatcher)
public:
    explicit FleetWatcher(QObject* parent = nullptr);
    // Stops and waits for every host (closing its ssh master and sockets). Prefer stop() and the
    // stopped() signal on the GUI thread: the wait here may take a few seconds.
    ~FleetWatcher() override;

    void setOptions(const WatchOptions& options);
    WatchOptions options() const;
    bool isRunning() const;      // some host is still being watched or shutting down
    QStringList hostNames() const;

public slots:
    // Watches every host of `fleet` (superseding a previous watch). A host with an entry in `since`
    // starts from the snapshot taken then (events since are replayed); the others are scanned in
    // full first and reported through hostScanned().
    void start(const bulwark::FleetConfig& fleet, const QHash<QString, QDateTime>& since = {});
    // Asynchronous: stopped() follows once every session is closed.
    void stop();

signals:
    void hostStateChanged(const QString& hostName, bulwark::WatchState state, const QString& reason, int attempt,
                          int retryInMs);
    void hostScanned(const bulwark::HostSnapshot& snapshot); // full scans: the first one and after each reconnect
    void containerUpserted(const QString& hostName, const bulwark::ContainerSnapshot& container);
    void containerRemoved(const QString& hostName, const QString& containerId, const QString& containerName);
    void stopped();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
