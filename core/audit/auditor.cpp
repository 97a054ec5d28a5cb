// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditor.h"

#include "remediation/remediationlog.h"

#include "policy/evaluator.h"
#include "policy/policy.h"
#include "policy/waivers.h"
#include "ssh/hostsession.h"

#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
#include "telemetry/historystore.h"
#include "telemetry/lokiprobe.h"
#endif
#include "secrets/endpointcredentials.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>
#include <QFile>

#include <algorithm>
#include <atomic>

namespace bulwark {
namespace {

// The log's records for these hosts since `since`, newest first. An audit never creates the log:
// a missing file means nothing was fixed here yet. A log that cannot be read is reported on stderr
// by the caller's logging and leaves the list empty rather than failing the audit.
QList<RemediationRecord> recentRemediations(const QString& path, const QStringList& hostNames, const QDateTime& since)
{
    QList<RemediationRecord> recent;
    if (!QFile::exists(path))
        return recent;
    RemediationLog log;
    if (auto opened = log.open(path); !opened) {
        qWarning("remediation log not read: %s", qUtf8Printable(opened.errorMessage()));
        return recent;
    }
    auto records = log.records();
    if (!records) {
        qWarning("remediation log not read: %s", qUtf8Printable(records.errorMessage()));
        return recent;
    }
    for (const RemediationRecord& r : std::as_const(*records))
        if (hostNames.contains(r.hostName) && r.timestamp >= since)
            recent.append(r);
    return recent;
}

#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
// Load checks of these hosts since `since`, oldest first, so the evaluator (which takes the last match)
// judges on the newest. Read-only: an audit never creates or migrates the history.
QList<LoadCheckResult> recentLoadChecks(const QString& path, const QStringList& hostNames, const QDateTime& since)
{
    QList<LoadCheckResult> recent;
    if (!QFile::exists(path))
        return recent;
    HistoryStore store;
    if (auto opened = store.open(path, HistoryStore::Mode::ReadOnly); !opened) {
        qWarning("load checks not read from the history: %s", qUtf8Printable(opened.errorMessage()));
        return recent;
    }
    auto checks = store.loadChecks(since.toMSecsSinceEpoch(), QDateTime::currentMSecsSinceEpoch());
    if (!checks) {
        qWarning("load checks not read from the history: %s", qUtf8Printable(checks.errorMessage()));
        return recent;
    }
    for (const LoadCheckResult& r : std::as_const(*checks))
        if (hostNames.contains(r.hostName))
            recent.append(r);
    std::stable_sort(recent.begin(), recent.end(),
                     [](const LoadCheckResult& a, const LoadCheckResult& b) { return a.finishedAt < b.finishedAt; });
    return recent;
}
#endif

struct HostStats {
    QString hostName;
    QList<PathStat> stats;
};

// Runs on a pool thread: one `stat` over the host's own session (ControlMaster for ssh:// hosts,
// locally for unix:// hosts). Paths that cannot be checked come back with the reason, never a mode.
HostStats statOnHost(const HostEntry& host, const QStringList& paths, std::shared_ptr<std::atomic<bool>> cancel)
{
    HostStats out;
    out.hostName = host.name;
    const auto unchecked = [&](const QString& why) {
        for (const QString& p : paths)
            out.stats.append(PathStat{p, -1, {}, why});
        return out;
    };
    if (cancel->load())
        return unchecked(QStringLiteral("audit cancelled"));
    HostSession session(host);
    if (auto opened = session.open(20000); !opened)
        return unchecked(QLatin1String("ssh: ") + opened.errorMessage());
    QStringList argv{QStringLiteral("stat"), QStringLiteral("-c"), QStringLiteral("%a %U %n"), QStringLiteral("--")};
    argv += paths;
    auto result = session.run(argv, {}, 20000);
    session.close();
    if (!result)
        return unchecked(QLatin1String("stat: ") + result.errorMessage());
    // stat exits 1 when some path is missing but still reports the others.
    const QList<PathStat> parsed = parseStatOutput(result->stdOut);
    const QString err = QString::fromUtf8(result->stdErr).trimmed();
    for (const QString& p : paths) {
        const auto it = std::find_if(parsed.cbegin(), parsed.cend(), [&](const PathStat& s) { return s.path == p; });
        if (it != parsed.cend()) {
            out.stats.append(*it);
            continue;
        }
        QString why = QStringLiteral("stat gave no answer");
        for (const QString& line : err.split(QLatin1Char('\n')))
            if (line.contains(p))
                why = line.trimmed();
        out.stats.append(PathStat{p, -1, {}, why});
    }
    return out;
}

} // namespace

struct Auditor::Private {
    Auditor* q = nullptr;
    FleetScanner* scanner = nullptr;
    QNetworkAccessManager* network = nullptr;
#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
    LokiProbe* probe = nullptr;
    SecretStore* secrets = nullptr; // created on the first probe that needs credentials
#endif
    QPointer<QNetworkReply> prometheusReply;

    bool running = false;
    quint64 generation = 0;
    std::shared_ptr<std::atomic<bool>> cancel;
    int pending = 0; // scan, prometheus, log probe, stat per host
    bool scanDone = false;

    FleetConfig fleet;
    AuditOptions options;
    Policy policy;
    FleetSnapshot snapshot;
    EvaluationContext context;
    QDateTime startedAt;

    void start();
    void startPrometheus();
    void startLogProbe();
    void onScanFinished(const FleetSnapshot& fleetSnapshot);
    void startStats();
    void done(); // one pending piece of evidence arrived
    void evaluate();
};

Auditor::Auditor(QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->scanner = new FleetScanner(this);
    d->network = new QNetworkAccessManager(this);
    connect(d->scanner, &FleetScanner::hostStarted, this, &Auditor::hostStarted);
    connect(d->scanner, &FleetScanner::hostFinished, this, &Auditor::hostFinished);
    connect(d->scanner, &FleetScanner::progress, this, &Auditor::progress);
    connect(d->scanner, &FleetScanner::finished, this, [this](const FleetSnapshot& s) { d->onScanFinished(s); });
#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
    d->probe = new LokiProbe(this);
    connect(d->probe, &LokiProbe::finished, this, [this](const LogLatencySummary& summary) {
        if (!d->running)
            return;
        d->context.logLatency = summary;
        d->done();
    });
    connect(d->probe, &LokiProbe::failed, this, [this](const QString& message) {
        if (!d->running)
            return;
        d->context.logLatencyNote = QLatin1String("The log-latency probe could not run: ") + message;
        d->done();
    });
#endif
}

Auditor::~Auditor()
{
    if (d->cancel)
        d->cancel->store(true);
    if (d->prometheusReply)
        d->prometheusReply->abort();
}

bool Auditor::isRunning() const
{
    return d->running;
}

void Auditor::run(const bulwark::FleetConfig& fleet, const bulwark::AuditOptions& options)
{
    if (d->running) {
        emit failed(QStringLiteral("an audit is already running"));
        return;
    }
    auto policy = PolicyFile::loadOrEmbedded(options.policyPath);
    if (!policy) {
        const QString message = policy.errorMessage();
        QMetaObject::invokeMethod(this, [this, message] { emit failed(message); }, Qt::QueuedConnection);
        return;
    }
    QList<Waiver> waivers;
    if (!options.waiversPath.isEmpty()) {
        auto w = WaiverFile::load(options.waiversPath);
        if (!w) {
            const QString message = w.errorMessage();
            QMetaObject::invokeMethod(this, [this, message] { emit failed(message); }, Qt::QueuedConnection);
            return;
        }
        waivers = *w;
    }
    d->fleet = fleet;
    d->options = options;
    d->policy = std::move(*policy);
    d->context = EvaluationContext{};
    d->context.waivers = std::move(waivers);
    d->start();
}

void Auditor::cancel()
{
    if (!d->running)
        return;
    d->cancel->store(true);
    d->scanner->cancel();
    if (d->prometheusReply)
        d->prometheusReply->abort();
#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
    d->probe->cancel();
#endif
}

void Auditor::Private::start()
{
    running = true;
    ++generation;
    cancel = std::make_shared<std::atomic<bool>>(false);
    scanDone = false;
    snapshot = FleetSnapshot{};
    startedAt = QDateTime::currentDateTimeUtc();
    pending = 1; // the scan
    startPrometheus();
    startLogProbe();
    scanner->setOptions(options.scan);
    scanner->scan(fleet);
}

void Auditor::Private::startPrometheus()
{
    if (!fleet.prometheus)
        return;
    PrometheusEvidence evidence;
    evidence.url = fleet.prometheus->url;
    context.prometheus = evidence;
    QUrl url(fleet.prometheus->url);
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path() + QLatin1String("api/v1/targets")
                                                      : url.path() + QLatin1String("/api/v1/targets"));
    url.setQuery(QStringLiteral("state=active"));
    QNetworkRequest request(url);
    request.setTransferTimeout(15000);
    ++pending;
    const quint64 gen = generation;
    prometheusReply = network->get(request);
    QObject::connect(prometheusReply, &QNetworkReply::finished, q, [this, gen, reply = prometheusReply.data()] {
        reply->deleteLater();
        if (gen != generation || !running)
            return;
        PrometheusEvidence& ev = *context.prometheus;
        if (reply->error() != QNetworkReply::NoError) {
            ev.error = reply->errorString();
        } else {
            auto targets = parsePrometheusTargets(reply->readAll());
            if (targets) {
                ev.reachable = true;
                ev.targets = *targets;
                ev.buildIndex();
            } else {
                ev.error = targets.errorMessage();
            }
        }
        done();
    });
}

void Auditor::Private::startLogProbe()
{
    if (!options.probeLogs) {
        context.logLatencyNote = QStringLiteral("The log-ingestion latency was not probed in this audit "
                                                "(bulwark-cli audit --probe-logs, with a loki section in the fleet file).");
        return;
    }
    if (!fleet.loki) {
        context.logLatencyNote = QStringLiteral("The fleet file has no loki section, so log latency cannot be probed.");
        return;
    }
#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
    ++pending;
    // A Loki behind basic auth: the password comes from the keychain just before the probe, so it
    // is never in the fleet file, argv or the environment. No user name, no keychain access.
    if (!secrets)
        secrets = new SecretStore(q);
    const quint64 gen = generation;
    readHttpCredentials(*secrets, fleet.loki->url, fleet.loki->username,
                        [this, gen](const Result<HttpCredentials>& credentials) {
                            if (gen != generation || !running)
                                return;
                            if (!credentials) {
                                context.logLatencyNote =
                                    QLatin1String("The log-latency probe could not run: ") + credentials.errorMessage();
                                done();
                                return;
                            }
                            LokiProbeOptions o = probe->options();
                            o.username = credentials->username;
                            o.password = credentials->password;
                            probe->setOptions(o);
                            probe->run(*fleet.loki, options.logProbeCount);
                        });
#else
    context.logLatencyNote = QStringLiteral("This build has no log-latency probe (core/telemetry).");
#endif
}

void Auditor::Private::onScanFinished(const FleetSnapshot& fleetSnapshot)
{
    if (!running || scanDone)
        return;
    scanDone = true;
    snapshot = fleetSnapshot;
    startStats();
    done();
}

void Auditor::Private::startStats()
{
    for (const HostSnapshot& h : snapshot.hosts) {
        if (!h.isOk() || cancel->load())
            continue;
        QStringList paths;
        for (const ContainerSnapshot& c : h.containers)
            for (const QString& p : Evaluator::sensitiveBindSources(c, policy))
                if (!paths.contains(p))
                    paths.append(p);
        const HostEntry* entry = fleet.findHost(h.hostName);
        if (paths.isEmpty() || !entry)
            continue;
        ++pending;
        const quint64 gen = generation;
        auto* watcher = new QFutureWatcher<HostStats>(q);
        QObject::connect(watcher, &QFutureWatcher<HostStats>::finished, q, [this, watcher, gen] {
            watcher->deleteLater();
            if (gen != generation || !running)
                return;
            const HostStats r = watcher->result();
            for (const PathStat& s : r.stats)
                context.pathStats.insert(pathStatKey(r.hostName, s.path), s);
            done();
        });
        watcher->setFuture(QtConcurrent::run(&statOnHost, *entry, paths, cancel));
    }
}

void Auditor::Private::done()
{
    if (--pending > 0 || !scanDone)
        return;
    evaluate();
}

void Auditor::Private::evaluate()
{
    // Evaluation is pure and fast, but a fleet of thousands of containers still takes tens of
    // milliseconds, and the remediation log is a database read: keep both off the caller's (UI) thread.
    struct Outcome {
        QList<ControlResult> results;
        QList<RemediationRecord> remediations;
    };
    const quint64 gen = generation;
    auto* watcher = new QFutureWatcher<Outcome>(q);
    QObject::connect(watcher, &QFutureWatcher<Outcome>::finished, q, [this, watcher, gen] {
        watcher->deleteLater();
        if (gen != generation || !running)
            return;
        Outcome outcome = watcher->result();
        AuditRun run;
        run.policy = policy.info;
        run.controls = policy.controls;
        run.fleet = snapshot;
        run.results = std::move(outcome.results);
        run.remediations = std::move(outcome.remediations);
        run.logLatency = context.logLatency;
        run.fleetName = fleet.sourcePath;
        run.generatedAt = QDateTime::currentDateTimeUtc();
        run.generatedBy = QLatin1String("bulwark ") + QStringLiteral(BULWARK_VERSION);
        running = false;
        emit q->finished(run);
    });
    QStringList hostNames;
    for (const HostEntry& h : fleet.hosts)
        hostNames.append(h.name);
    const QString logPath =
        options.remediationLogPath.isEmpty() ? RemediationLog::defaultPath() : options.remediationLogPath;
    const QDateTime since = QDateTime::currentDateTimeUtc().addDays(-options.remediationDays);
#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
    const QString historyPath = options.historyPath.isEmpty() ? HistoryStore::defaultPath() : options.historyPath;
#else
    const QString historyPath;
#endif
    const QDateTime loadSince = QDateTime::currentDateTimeUtc().addDays(-options.loadCheckDays);
    watcher->setFuture(QtConcurrent::run([fleetSnapshot = snapshot, p = policy, ctx = context, hostNames, logPath, since,
                                          historyPath, loadSince]() mutable {
        Outcome outcome;
#ifdef BULWARK_AUDIT_HAVE_TELEMETRY
        ctx.loadChecks = recentLoadChecks(historyPath, hostNames, loadSince);
#else
        Q_UNUSED(historyPath)
        Q_UNUSED(loadSince)
#endif
        outcome.results = Evaluator::evaluateAll(fleetSnapshot, p, ctx);
        outcome.remediations = recentRemediations(logPath, hostNames, since);
        return outcome;
    }));
}

} // namespace bulwark
