// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditor.h"
#include "model/auditrun.h"
#include "model/fleetconfig.h"

#include <QObject>
#include <QTimer>

class QFileSystemWatcher;

namespace bulwark::ui {

// Runs audits for the window, off the UI thread (the Auditor is asynchronous), and schedules them:
// an auto-refresh interval, and watch mode, which re-audits when the fleet, policy or waiver file
// changes on disk. Late results of a cancelled or superseded run are dropped.
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

private:
    void rewatch();

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
};

} // namespace bulwark::ui
