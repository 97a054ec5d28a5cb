// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediationjob.h"

#include "remediationlog.h"

#include "docker/dockerclient.h"
#include "docker/snapshotparser.h"
#include "policy/evaluator.h"
#include "policy/policy.h"
#include "ssh/hostsession.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace bulwark {
namespace {

class SessionCommandRunner final : public CommandRunner {
public:
    explicit SessionCommandRunner(HostSession& session) : m_session(session) {}
    Result<CommandOutput> run(const QStringList& argv, const QByteArray& stdinData, int timeoutMs) override
    {
        return m_session.run(argv, stdinData, timeoutMs);
    }

private:
    HostSession& m_session;
};

struct Connection {
    std::unique_ptr<HostSession> session;
    std::unique_ptr<SessionCommandRunner> runner;
    std::unique_ptr<RemediationEngine> engine;
};

Result<std::shared_ptr<Connection>> connect(const HostEntry& host)
{
    auto c = std::make_shared<Connection>();
    c->session = std::make_unique<HostSession>(host);
    auto socket = c->session->open();
    if (!socket)
        return Result<std::shared_ptr<Connection>>::failure(
            QStringLiteral("cannot reach %1: %2").arg(host.name, socket.errorMessage()));
    c->runner = std::make_unique<SessionCommandRunner>(*c->session);
    // Compose runs on the host, so it needs the engine's socket as the host sees it.
    const QString remoteSocket = host.isLocal() ? (host.unixPath.isEmpty() ? *socket : host.unixPath) : host.socket;
    c->engine = std::make_unique<RemediationEngine>(*c->runner, host.name, *socket, remoteSocket);
    return c;
}

} // namespace

namespace RemediationService {

QStringList failingControls(const ContainerSnapshot& container, const HostSnapshot& host, const QString& policyPath)
{
    QStringList out;
    auto policy = PolicyFile::loadOrEmbedded(policyPath);
    if (!policy)
        return out;
    EvaluationContext context;
    for (const auto& r : Evaluator::evaluateContainer(container, host, *policy, context))
        if (r.status == ControlStatus::Fail)
            out << r.controlId;
    return out;
}

Result<RemediationPlan> preview(const HostEntry& host, const PreviewRequest& request)
{
    auto conn = connect(host);
    if (!conn)
        return conn.error();
    RemediationEngine& engine = *(*conn)->engine;
    auto container = engine.inspect(request.container);
    if (!container)
        return Result<RemediationPlan>::failure(
            QStringLiteral("container %1 on %2: %3").arg(request.container, host.name, container.errorMessage()));
    QStringList controls = request.controls;
    if (controls.isEmpty()) {
        HostSnapshot snapshot;
        snapshot.hostName = host.name;
        snapshot.status = HostStatus::Ok;
        snapshot.hostLabels = host.labels;
        controls = failingControls(*container, snapshot);
    }
    if (controls.isEmpty()) {
        RemediationPlan plan;
        plan.hostName = host.name;
        plan.containerId = container->id;
        plan.containerName = container->name;
        plan.origin = composeOriginOf(*container);
        plan.notes << QStringLiteral("%1 fails no control: nothing to fix.").arg(container->name);
        return plan;
    }
    return engine.plan(*container, controls, request.options, {}, request.wholeProject);
}

ApplyResult apply(const HostEntry& host, const RemediationPlan& plan, const ApplyOptions& options,
                  const std::function<void(ApplyStep, const QString&)>& progress, const QString& logPath)
{
    ApplyResult result;
    auto conn = connect(host);
    if (!conn) {
        result.outcome = QStringLiteral("failed");
        result.message = QStringLiteral("Not applied: %1. Nothing was changed.").arg(conn.errorMessage());
        result.record.timestamp = QDateTime::currentDateTimeUtc();
        result.record.hostName = host.name;
        result.record.outcome = result.outcome;
        result.record.message = result.message;
        result.record.diff = plan.diff();
        result.record.controls = plan.controls;
    } else {
        result = (*conn)->engine->apply(plan, options, progress);
    }
    RemediationLog log;
    auto opened = log.open(logPath.isEmpty() ? RemediationLog::defaultPath() : logPath);
    auto stored = opened ? log.add(result.record) : Result<qint64>(opened.error());
    if (stored)
        result.record.id = *stored;
    else
        result.message += QStringLiteral(" (Not recorded in the remediation log: %1.)").arg(stored.errorMessage());
    return result;
}

} // namespace RemediationService

struct RemediationJob::Private {
    QString logPath;
    QFutureWatcher<void> watcher;
    bool running = false;
};

RemediationJob::RemediationJob(QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    qRegisterMetaType<RemediationPlan>();
    qRegisterMetaType<ApplyResult>();
    qRegisterMetaType<ApplyStep>();
    qRegisterMetaType<PreviewRequest>();
    connect(&d->watcher, &QFutureWatcher<void>::finished, this, [this] {
        d->running = false;
        emit busyChanged(false);
    });
}

RemediationJob::~RemediationJob()
{
    // The worker refers to nothing of ours but guarded pointers; still, an apply must run to its end.
    d->watcher.waitForFinished();
}

bool RemediationJob::isRunning() const { return d->running; }

void RemediationJob::setLogPath(const QString& path) { d->logPath = path; }

void RemediationJob::preview(const HostEntry& host, const PreviewRequest& request)
{
    if (d->running) {
        emit previewFailed(QStringLiteral("another remediation is still running"));
        return;
    }
    d->running = true;
    emit busyChanged(true);
    QPointer<RemediationJob> self(this);
    d->watcher.setFuture(QtConcurrent::run([self, host, request] {
        auto plan = RemediationService::preview(host, request);
        QMetaObject::invokeMethod(
            self.data(),
            [self, plan] {
                if (!self)
                    return;
                if (plan)
                    emit self->previewReady(*plan);
                else
                    emit self->previewFailed(plan.errorMessage());
            },
            Qt::QueuedConnection);
    }));
}

void RemediationJob::apply(const HostEntry& host, const RemediationPlan& plan, const ApplyOptions& options)
{
    if (d->running) {
        ApplyResult busy;
        busy.outcome = QStringLiteral("refused");
        busy.message = QStringLiteral("Another remediation is still running.");
        emit applied(busy);
        return;
    }
    d->running = true;
    emit busyChanged(true);
    QPointer<RemediationJob> self(this);
    const QString logPath = d->logPath;
    d->watcher.setFuture(QtConcurrent::run([self, host, plan, options, logPath] {
        auto progress = [self](ApplyStep step, const QString& message) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, step, message] {
                    if (self)
                        emit self->progress(step, message);
                },
                Qt::QueuedConnection);
        };
        const ApplyResult result = RemediationService::apply(host, plan, options, progress, logPath);
        QMetaObject::invokeMethod(
            self.data(),
            [self, result] {
                if (self)
                    emit self->applied(result);
            },
            Qt::QueuedConnection);
    }));
}

} // namespace bulwark
