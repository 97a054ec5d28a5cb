// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fleetscanner.h"

#include "model/fleetconfig.h"
#include "model/snapshot.h"

#include <atomic>
#include <functional>

namespace bulwark {

class HostSession;

// Scans one host, blocking, on the calling (worker) thread: session, /_ping, /info, /version,
// /containers/json?all=1, /networks, then every inspect and every running container's one-shot
// stats at once (bounded per host). The snapshot's status says what an operator can do.
// FleetScanner runs one per host on its pool; the benchmark and watch mode call it directly.
class HostScanner final {
public:
    using Progress = std::function<void(int containersDone, int containersTotal)>;

    HostScanner(HostEntry host, ScanOptions options);

    void setCancelFlag(const std::atomic<bool>* cancel); // must outlive scan()
    void setProgress(Progress progress);
    void setStarted(std::function<void()> started);

    // Opens its own session (and closes it before returning).
    HostSnapshot scan();
    // On a session that is already open (watch mode keeps one).
    HostSnapshot scan(HostSession& session);

    // ssh commands the last scan ran on the host (the batched cgroup memory read), beside the
    // snapshot's API request count.
    int commandCount() const { return m_commandCount; }

private:
    HostEntry m_host;
    ScanOptions m_options;
    const std::atomic<bool>* m_cancel = nullptr;
    Progress m_progress;
    std::function<void()> m_started;
    int m_commandCount = 0;
};

} // namespace bulwark
