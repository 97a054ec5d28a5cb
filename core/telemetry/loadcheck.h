// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"
#include "model/telemetry.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace bulwark {

struct LoadCheckOptions {
    // The load: either a command run inside the container through the Engine API exec endpoints
    // (for example {"sh", "-c", "stress-ng --vm 1 --vm-bytes 1g -t 30s"}) ...
    QStringList execCommand;
    // ... or an external load generator run on this machine (argv, no shell), e.g. a
    // benchmark client hitting the service. Its environment is Bulwark's; pass no secrets in argv.
    QStringList externalCommand;
    int durationMs = 30000;       // sampling stops here, or when the load ends
    int sampleIntervalMs = 1000;  // AC-HARD-02: sample every second while the load runs
    qint64 ceilingBytes = 0;      // 0: the container's own (limit, template-infra-high 2 GiB)
};

// AC-HARD-02: applies a synthetic load to one container and samples its memory every second;
// records the peak against the ceiling and OOM kills (State.OOMKilled and `oom` events from
// /events over the run). Blocking function for workers, and an async QObject for the UI and CLI.
class LoadCheck final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadCheck)
public:
    explicit LoadCheck(QObject* parent = nullptr);
    ~LoadCheck() override; // cancels and joins a running check

    bool isRunning() const;

    // Blocking. onSample(usageBytes, msSinceStart) after each reading; *cancel stops early.
    static LoadCheckResult runBlocking(const HostEntry& host, const QString& container, const LoadCheckOptions& options,
                                       const std::function<void(qint64, qint64)>& onSample = {},
                                       const std::atomic<bool>* cancel = nullptr);

public slots:
    void run(const bulwark::HostEntry& host, const QString& container, const bulwark::LoadCheckOptions& options);
    void cancel();

signals:
    void sampled(qint64 usageBytes, qint64 msSinceStart);
    void finished(const bulwark::LoadCheckResult& result);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::LoadCheckOptions)
Q_DECLARE_METATYPE(bulwark::LoadCheckResult)
