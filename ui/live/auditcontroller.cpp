// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditcontroller.h"

#include <QFileSystemWatcher>

namespace bulwark::ui {

AuditController::AuditController(QObject* parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher(this))
{
#ifdef BULWARK_UI_HAVE_AUDITOR
    m_auditor = new Auditor(this);
    connect(m_auditor, &Auditor::hostStarted, this, &AuditController::hostStarted);
    connect(m_auditor, &Auditor::hostFinished, this, &AuditController::hostFinished);
    connect(m_auditor, &Auditor::progress, this, &AuditController::progress);
    connect(m_auditor, &Auditor::finished, this, [this](const AuditRun& run) {
        if (!m_running)
            return; // cancelled: whatever arrives late is not shown
        m_running = false;
        emit finished(run);
    });
    connect(m_auditor, &Auditor::failed, this, [this](const QString& message) {
        m_running = false;
        emit failed(message);
    });
#endif
    m_refresh.setSingleShot(false);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (!m_running)
            start();
    });
    // Editors save in bursts (write, rename, chmod): one audit per burst.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(1500);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        if (!m_running)
            start();
    });
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        rewatch(); // atomic saves replace the file; watch the new one
        if (m_watch)
            m_debounce.start();
    });
}

AuditController::~AuditController() = default;

bool AuditController::isAvailable()
{
#ifdef BULWARK_UI_HAVE_AUDITOR
    return true;
#else
    return false;
#endif
}

void AuditController::setFleet(const FleetConfig& fleet)
{
    m_fleet = fleet;
    rewatch();
}

void AuditController::setOptions(const AuditOptions& options)
{
    m_options = options;
    rewatch();
}

void AuditController::setRefreshInterval(int minutes)
{
    m_refreshMinutes = std::max(0, minutes);
    if (m_refreshMinutes == 0)
        m_refresh.stop();
    else
        m_refresh.start(m_refreshMinutes * 60 * 1000);
}

void AuditController::setWatchMode(bool on)
{
    m_watch = on;
    rewatch();
}

void AuditController::rewatch()
{
    if (!m_watcher->files().isEmpty())
        m_watcher->removePaths(m_watcher->files());
    if (!m_watch)
        return;
    QStringList paths;
    for (const QString& p : {m_fleet.sourcePath, m_options.policyPath, m_options.waiversPath})
        if (!p.isEmpty())
            paths << p;
    if (!paths.isEmpty())
        m_watcher->addPaths(paths);
}

void AuditController::start()
{
    if (m_running)
        return;
    if (!isAvailable()) {
        emit failed(tr("This build has no audit engine."));
        return;
    }
    if (m_fleet.hosts.isEmpty()) {
        emit failed(tr("The fleet has no hosts: open a fleet file or add a host in Settings."));
        return;
    }
    m_running = true;
    ++m_generation;
    emit started(int(m_fleet.hosts.size()));
#ifdef BULWARK_UI_HAVE_AUDITOR
    m_auditor->run(m_fleet, m_options);
#endif
}

void AuditController::cancel()
{
    if (!m_running)
        return;
    m_running = false;
#ifdef BULWARK_UI_HAVE_AUDITOR
    m_auditor->cancel();
#endif
    emit cancelled();
}

} // namespace bulwark::ui
