// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditor.h"
#include "model/auditrun.h"
#include "model/fleetconfig.h"
#include "scan/hostwatcher.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class QFileSystemWatcher;

namespace bulwark {
class FleetWatcher;
namespace LiveRun {
struct Evaluation;
}
} // namespace bulwark

namespace bulwark::ui {

// Runs audits for the window, off the UI thread (the Auditor is asynchronous), and schedules them:
// an auto-refresh interval, and watch mode. Watch mode re-audits when the fleet, policy or waiver
// file changes on disk, and between audits follows every reachable host's Docker events
// (FleetWatcher): a changed container is re-inspected on a worker thread and re-evaluated here with
// the policy (pure, no I/O), and runUpdated() carries the amended run. A host that drops is reported
// as reconnecting and is scanned in full when it is back. Late results of a cancelled or superseded
// run are dropped.
class AuditController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditController)
public:
    explicit AuditController(QObject* parent = nullptr);
    ~AuditController() override;

    // False when this build has no audit engine (the core's audit room is not linked).
    static bool isAvailable();

    void setFleet(const FleetConfig& fleet);
    void setOptions(const AuditOptions& options);
    void setRefreshInterval(int minutes); // 0: off
    void setWatchMode(bool on);
    int refreshInterval() const { return m_refreshMinutes; }
    bool watchMode() const { return m_watch; }
    bool isRunning() const { return m_running; }

    // Live part of watch mode (tests shorten the backoff).
    void setWatchOptions(const WatchOptions& options);
    bool isFollowingEvents() const;
    // Connecting, Watching or Reconnecting while followed; Stopped otherwise.
    WatchState hostWatchState(const QString& hostName) const;

public slots:
    void start();
    void cancel();

signals:
    void started(int hostsTotal);
    void hostStarted(const QString& hostName);
    void hostFinished(const bulwark::HostSnapshot& snapshot);
    void progress(int hostsDone, int hostsTotal);
    void finished(const bulwark::AuditRun& run);
    void failed(const QString& message);
    void cancelled();
    // Watch mode amended the last run (a container changed, appeared or went, or a host was rescanned
    // after a reconnect). Bursts are folded into one emission.
    void runUpdated(const bulwark::AuditRun& run);
    void hostWatchStateChanged(const QString& hostName, bulwark::WatchState state, const QString& reason, int retryInMs);
    // Following events ended and every session is closed (watch mode off, a new audit, a new fleet).
    void eventsStopped();

private:
    void rewatch();
    void startEvents();
    void stopEvents();
    void publishSoon();

    FleetConfig m_fleet;
    AuditOptions m_options;
    bulwark::Auditor* m_auditor = nullptr;
    QTimer m_refresh;
    QTimer m_debounce;
    QFileSystemWatcher* m_watcher = nullptr;
    int m_refreshMinutes = 0;
    bool m_watch = false;
    bool m_running = false;
    quint64 m_generation = 0;

    bulwark::FleetWatcher* m_events = nullptr;
    std::optional<AuditRun> m_run;                 // the last audit, amended by watch mode
    std::unique_ptr<LiveRun::Evaluation> m_eval;   // its policy and evidence, loaded off the UI thread
    QHash<QString, WatchState> m_hostStates;
    QTimer m_publish;
    quint64 m_eventsGeneration = 0;
};

} // namespace bulwark::ui
