// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "memoryceilings.h"

#include "model/fleetconfig.h"
#include "model/result.h"
#include "model/snapshot.h"

#include <memory>

namespace bulwark {

class DockerClient;

// One host's memory, read through HostSession + DockerClient: blocking, for one worker thread.
// Keeps its session open between readings and reopens it after a failure.
class HostMemoryProbe final {
public:
    explicit HostMemoryProbe(HostEntry host, int requestTimeoutMs = 15000);
    ~HostMemoryProbe();
    HostMemoryProbe(const HostMemoryProbe&) = delete;
    HostMemoryProbe& operator=(const HostMemoryProbe&) = delete;

    // Every running container (stats requests all in flight at once) and the host's totals.
    HostMemoryStatus sample();

    // The open client (opening it when needed), for the load check's own requests.
    Result<DockerClient*> docker();
    QString socketPath() const;
    void reset(); // drop the connection; the next call reopens it

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
