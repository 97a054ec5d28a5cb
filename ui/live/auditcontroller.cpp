// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditcontroller.h"

#include "audit/liverun.h"
#include "policy/waivers.h"
#include "scan/fleetwatcher.h"

#include <QFileSystemWatcher>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

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
        m_run = run;
        emit finished(run);
        if (m_watch)
            startEvents();
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

    m_events = new FleetWatcher(this);
    // A compose up changes many containers within a second: one view update for the burst.
    m_publish.setSingleShot(true);
    m_publish.setInterval(200);
    connect(&m_publish, &QTimer::timeout, this, [this] {
        if (m_run)
            emit runUpdated(*m_run);
    });
    connect(m_events, &FleetWatcher::containerUpserted, this, [this](const QString& host, const ContainerSnapshot& c) {
        if (!m_run || !m_eval)
            return;
        m_eval->context.now = QDateTime::currentDateTimeUtc(); // waivers expire while we watch
        if (LiveRun::upsertContainer(*m_run, host, c, *m_eval))
            publishSoon();
    });
    connect(m_events, &FleetWatcher::containerRemoved, this, [this](const QString& host, const QString& id, const QString&) {
        if (m_run && LiveRun::removeContainer(*m_run, host, id))
            publishSoon();
    });
    connect(m_events, &FleetWatcher::hostScanned, this, [this](const HostSnapshot& snapshot) {
        if (!m_run || !m_eval)
            return;
        m_eval->context.now = QDateTime::currentDateTimeUtc();
        if (LiveRun::replaceHost(*m_run, snapshot, *m_eval))
            publishSoon();
    });
    connect(m_events, &FleetWatcher::hostStateChanged, this,
            [this](const QString& host, WatchState state, const QString& reason, int, int retryInMs) {
                m_hostStates.insert(host, state);
                emit hostWatchStateChanged(host, state, reason, retryInMs);
            });
    connect(m_events, &FleetWatcher::stopped, this, &AuditController::eventsStopped);
}

AuditController::~AuditController() = default;

void AuditController::setWatchOptions(const WatchOptions& options)
{
    m_events->setOptions(options);
}

bool AuditController::isFollowingEvents() const
{
    return !m_events->hostNames().isEmpty();
}

WatchState AuditController::hostWatchState(const QString& hostName) const
{
    return m_hostStates.value(hostName, WatchState::Stopped);
}

void AuditController::publishSoon()
{
    if (!m_publish.isActive())
        m_publish.start();
}

void AuditController::startEvents()
{
    stopEvents();
    if (!m_run || !m_watch)
        return;
    const quint64 generation = ++m_eventsGeneration;
    // The policy and waivers are files: read them on a pool thread, then follow the hosts that the
    // audit reached, each from the moment it was scanned.
    struct Loaded {
        std::unique_ptr<LiveRun::Evaluation> eval;
        QString error;
    };
    const QString policyPath = m_options.policyPath;
    const QString waiversPath = m_options.waiversPath;
    const std::optional<LogLatencySummary> latency = m_run->logLatency;
    const QString prometheusUrl = m_fleet.prometheus ? m_fleet.prometheus->url : QString();
    const QString notAsked = tr("Not asked again in watch mode; judged from labels and ports until the next audit (F5).");
    auto* loader = new QFutureWatcher<std::shared_ptr<Loaded>>(this);
    connect(loader, &QFutureWatcher<std::shared_ptr<Loaded>>::finished, this, [this, loader, generation] {
        loader->deleteLater();
        const std::shared_ptr<Loaded> loaded = loader->result();
        if (generation != m_eventsGeneration || !m_run || !m_watch)
            return;
        if (!loaded->eval) {
            emit failed(tr("Watch mode cannot follow the hosts: %1").arg(loaded->error));
            return;
        }
        m_eval = std::move(loaded->eval);
        FleetConfig followed = m_fleet;
        followed.hosts.clear();
        QHash<QString, QDateTime> since;
        for (const HostEntry& h : std::as_const(m_fleet.hosts)) {
            const HostSnapshot* snap = nullptr;
            for (const HostSnapshot& s : std::as_const(m_run->fleet.hosts))
                if (s.hostName == h.name)
                    snap = &s;
            // Hosts the audit could not reach are left to the next audit: they need the operator
            // (host key, credentials) more often than a retry.
            if (!snap || !snap->isOk())
                continue;
            followed.hosts.append(h);
            since.insert(h.name, snap->scannedAt);
        }
        if (!followed.hosts.isEmpty())
            m_events->start(followed, since);
    });
    loader->setFuture(QtConcurrent::run([policyPath, waiversPath, latency, prometheusUrl, notAsked] {
        auto loaded = std::make_shared<Loaded>();
        auto policy = PolicyFile::loadOrEmbedded(policyPath);
        if (!policy) {
            loaded->error = policy.errorMessage();
            return loaded;
        }
        auto eval = std::make_unique<LiveRun::Evaluation>();
        eval->policy = std::move(*policy);
        if (!waiversPath.isEmpty()) {
            auto waivers = WaiverFile::load(waiversPath);
            if (!waivers) {
                loaded->error = waivers.errorMessage();
                return loaded;
            }
            eval->context.waivers = *waivers;
        }
        eval->context.logLatency = latency;
        if (!prometheusUrl.isEmpty()) {
            PrometheusEvidence prometheus;
            prometheus.url = prometheusUrl;
            prometheus.error = notAsked;
            eval->context.prometheus = prometheus;
        }
        loaded->eval = std::move(eval);
        return loaded;
    }));
}

void AuditController::stopEvents()
{
    ++m_eventsGeneration;
    m_publish.stop();
    m_hostStates.clear();
    if (m_events->isRunning())
        m_events->stop();
}

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
    // The last run describes the old fleet: stop amending it until the next audit.
    stopEvents();
    m_run.reset();
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
    if (on == m_watch)
        return;
    m_watch = on;
    rewatch();
    if (m_watch && !m_running)
        startEvents();
    else if (!m_watch)
        stopEvents();
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
    stopEvents(); // the new audit's result is followed from its own scan on
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
