// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "memoryceilings.h"

#include "model/fleetconfig.h"

#include <QObject>

#include <memory>

namespace bulwark {

class HistoryService;

struct MemorySamplerOptions {
    int intervalMs = 10000;
    double idleCpuPercent = 10.0; // see IdleDetector
    int idleWindow = 6;
    int requestTimeoutMs = 15000;
};

// Samples every running container of every host at an interval: usage as `docker stats` computes it,
// the limit, the ceilings that apply (limit, template-infra-high's 2 GiB) and each host's total
// against 20 % of MemTotal (REQ-HARD-02), with the idle rule. Each host runs on its own worker
// thread with its own HostSession; stats requests of a host are all in flight at once (they answer
// on dockerd's 1 s tick). A failing host reports an error status and is retried next interval; it
// never delays the others. Results arrive on the owner's thread.
class MemorySampler final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySampler)
public:
    explicit MemorySampler(QObject* parent = nullptr);
    ~MemorySampler() override; // stops and joins the workers

    void setOptions(const MemorySamplerOptions& options);
    // When set, every round's samples are written to it (the service outlives the sampler).
    void setHistory(HistoryService* history);
    bool isRunning() const;

public slots:
    // Samples now and then every intervalMs until stop().
    void start(const bulwark::FleetConfig& fleet);
    // One round over the fleet; roundFinished() when every host answered.
    void sampleOnce(const bulwark::FleetConfig& fleet);
    void stop();

signals:
    void hostSampled(const bulwark::HostMemoryStatus& status);
    void samplesReady(const QList<bulwark::MemorySample>& samples);
    void roundFinished();

private:
    void deliver(const bulwark::HostMemoryStatus& status);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
