// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"
#include "model/snapshot.h"

#include <QObject>

#include <memory>

namespace bulwark {

struct ScanOptions {
    int maxParallelHosts = 16;
    int requestsPerHost = 8;      // concurrent API requests per host (inspect, stats)
    int hostTimeoutMs = 90000;    // a bad host never delays the others beyond this
    int requestTimeoutMs = 15000;
    bool collectMemory = true;    // one-shot stats for running containers
    // One-shot stats answer on dockerd's 1 s collection tick, so they are sent together, not in
    // sequence: up to this many in flight per host.
    int statsPerHost = 256;
    int connectTimeoutMs = 20000; // ssh login and forward
    // Read running containers' memory from their cgroup files (cgroup v1 and v2), all in ONE command
    // over the host's ControlMaster, instead of one /stats request each (see core/scan/cgroupmemory.h).
    // Off by default: the API is the reference, and it needs a shell and /sys/fs/cgroup on the
    // host. Any container it cannot read is asked through the API as before.
    bool memoryFromCgroupFiles = false;
};

// Scans every host of a fleet at once, off the calling thread. Progress per host and in total;
// cancellable; each host ends with a status an operator can act on. One failing host never stops
// or delays the rest.
class FleetScanner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetScanner)
public:
    explicit FleetScanner(QObject* parent = nullptr);
    ~FleetScanner() override;

    void setOptions(const ScanOptions& options);
    ScanOptions options() const;
    bool isRunning() const;

public slots:
    void scan(const bulwark::FleetConfig& fleet);
    void cancel();

signals:
    void hostStarted(const QString& hostName);
    void hostProgress(const QString& hostName, int containersDone, int containersTotal);
    void hostFinished(const bulwark::HostSnapshot& snapshot);
    void progress(int hostsDone, int hostsTotal);
    void finished(const bulwark::FleetSnapshot& fleet);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
