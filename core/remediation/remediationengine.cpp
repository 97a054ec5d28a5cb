// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediationengine.h"

#include "composetree.h"

#include "docker/dockerclient.h"
#include "docker/snapshotparser.h"
#include "policy/evaluator.h"
#include "policy/policy.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QThread>
#include <QUrl>

#include <algorithm>

namespace bulwark {
namespace {

QByteArray sha256Hex(const QByteArray& data) { return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex(); }

QString trimmedText(const QByteArray& b, int max = 600)
{
    QString s = QString::fromUtf8(b).trimmed();
    if (s.size() > max)
        s = s.left(max) + QStringLiteral("…");
    return s;
}

// The remote side of every step is a short POSIX sh script with its paths as positional
// arguments, so no path from a label is ever interpolated into shell text.
const QString kStatScript = QStringLiteral(
    "if [ -L \"$1\" ]; then echo symlink; exit 0; fi; "
    "stat -c '%F|%a|%u:%g' -- \"$1\" || exit 1; readlink -f -- \"$1\"; readlink -f -- \"$2\"");

const QString kWriteScript = QStringLiteral(
    "set -e; p=$1; want=$2; "
    "if [ -L \"$p\" ] || [ ! -f \"$p\" ]; then echo \"$p is no longer a regular file\" >&2; exit 3; fi; "
    "have=$(sha256sum < \"$p\" | cut -d' ' -f1); "
    "if [ \"$have\" != \"$want\" ]; then echo \"$p changed since it was read (sha256 $have, expected $want)\" >&2; exit 4; fi; "
    "t=$(mktemp \"$p.bulwark-XXXXXX\"); trap 'rm -f -- \"$t\"' EXIT; "
    "cat > \"$t\"; chmod --reference=\"$p\" -- \"$t\"; chown --reference=\"$p\" -- \"$t\" 2>/dev/null || true; "
    "mv -f -- \"$t\" \"$p\"; trap - EXIT; sha256sum < \"$p\" | cut -d' ' -f1");

const QString kBackupScript = QStringLiteral("set -e; umask 077; set -C; cat > \"$1\"; chmod 600 -- \"$1\"");

const QString kComposeDetect = QStringLiteral(
    "if docker compose version >/dev/null 2>&1; then echo v2; "
    "elif command -v docker-compose >/dev/null 2>&1; then echo v1; else echo none; fi");

} // namespace

QString applyStepName(ApplyStep step)
{
    switch (step) {
    case ApplyStep::Verify:
        return QStringLiteral("verify");
    case ApplyStep::Backup:
        return QStringLiteral("backup");
    case ApplyStep::Write:
        return QStringLiteral("write");
    case ApplyStep::Validate:
        return QStringLiteral("validate");
    case ApplyStep::Up:
        return QStringLiteral("up");
    case ApplyStep::Wait:
        return QStringLiteral("wait");
    case ApplyStep::Rescan:
        return QStringLiteral("rescan");
    case ApplyStep::Rollback:
        return QStringLiteral("rollback");
    case ApplyStep::Done:
        return QStringLiteral("done");
    }
    return {};
}

Result<std::pair<QString, QString>> checkComposePath(const QString& path, const QString& workingDir,
                                                     const QByteArray& statOutput)
{
    using R = Result<std::pair<QString, QString>>;
    const QList<QByteArray> lines = statOutput.trimmed().split('\n');
    if (lines.value(0).trimmed() == "symlink")
        return R::failure(QStringLiteral("%1 is a symbolic link: Bulwark only edits regular files it can verify "
                                         "(the compose labels may not be trusted)").arg(path));
    const QStringList fields = QString::fromUtf8(lines.value(0)).split(QLatin1Char('|'));
    if (lines.size() < 3 || fields.size() != 3)
        return R::failure(QStringLiteral("%1: cannot check the file on the host").arg(path));
    if (fields[0] != QLatin1String("regular file"))
        return R::failure(QStringLiteral("%1 is not a regular file (%2)").arg(path, fields[0]));
    const QString resolved = QString::fromUtf8(lines[1].trimmed());
    const QString resolvedDir = QString::fromUtf8(lines[2].trimmed());
    if (resolvedDir.isEmpty() || resolved.isEmpty() || !resolved.startsWith(resolvedDir + QLatin1Char('/')))
        return R::failure(QStringLiteral("%1 resolves to %2, outside the project's working directory %3: refusing to touch it")
                              .arg(path, resolved, workingDir));
    return std::pair{fields[1], fields[2]};
}

RemediationEngine::RemediationEngine(CommandRunner& runner, QString hostName, QString localDockerSocket,
                                     QString remoteDockerSocket)
    : m_runner(runner), m_host(std::move(hostName)), m_localSocket(std::move(localDockerSocket)),
      m_remoteSocket(std::move(remoteDockerSocket))
{
}

Result<CommandOutput> RemediationEngine::sh(const QString& script, const QStringList& args, const QByteArray& stdinData,
                                            int timeoutMs)
{
    QStringList argv{QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh")};
    argv << args;
    return m_runner.run(argv, stdinData, timeoutMs);
}

Result<ComposeFile> RemediationEngine::fetchFile(const QString& path, const QString& workingDir)
{
    auto st = sh(kStatScript, {path, workingDir});
    if (!st)
        return st.error();
    if (st->exitCode != 0)
        return Result<ComposeFile>::failure(QStringLiteral("%1 on %2: %3").arg(path, m_host, trimmedText(st->stdErr)));
    auto checked = checkComposePath(path, workingDir, st->stdOut);
    if (!checked)
        return checked.error();
    auto cat = m_runner.run({QStringLiteral("cat"), QStringLiteral("--"), path});
    if (!cat)
        return cat.error();
    if (cat->exitCode != 0)
        return Result<ComposeFile>::failure(QStringLiteral("cannot read %1 on %2: %3").arg(path, m_host, trimmedText(cat->stdErr)));
    auto tree = parseComposeTree(cat->stdOut, path);
    if (!tree)
        return Result<ComposeFile>::failure(QStringLiteral("%1 is not valid YAML: %2").arg(path, tree.errorMessage()));
    if (!tree->isMapping() || !tree->get(QStringLiteral("services")))
        return Result<ComposeFile>::failure(QStringLiteral("%1 is not a compose file (no services section)").arg(path));
    ComposeFile f;
    f.path = path;
    f.content = cat->stdOut;
    f.sha256 = sha256Hex(f.content);
    f.mode = checked->first;
    f.owner = checked->second;
    return f;
}

Result<QList<ComposeFile>> RemediationEngine::fetchProject(const ComposeOrigin& origin)
{
    QList<ComposeFile> files;
    for (const QString& path : origin.configFiles) {
        auto f = fetchFile(path, origin.workingDir);
        if (!f)
            return f.error();
        files << *f;
    }
    return files;
}

Result<RemediationPlan> RemediationEngine::plan(const ContainerSnapshot& container, const QStringList& failingControls,
                                                const FixOptions& options, const QStringList& sensitiveBindSources,
                                                bool wholeProject)
{
    QStringList unfixable;
    const QList<FixKind> kinds = fixesForControls(failingControls, &unfixable);
    const auto origin = composeOriginOf(container);
    RemediationPlan plan;
    FixOptions opts = options;
    if (origin && kinds.contains(FixKind::InfraNet))
        opts.networkExternal = networkExists(opts.network);
    if (origin) {
        auto files = fetchProject(*origin);
        if (!files)
            return files.error();
        QList<ServiceFixes> services{{origin->service, kinds}};
        if (wholeProject) {
            services.clear();
            for (const auto& f : std::as_const(*files)) {
                auto tree = parseComposeTree(f.content, f.path);
                if (!tree || !tree->get(QStringLiteral("services")))
                    continue;
                for (const auto& [k, v] : tree->get(QStringLiteral("services"))->pairs)
                    if (std::none_of(services.cbegin(), services.cend(), [&](const ServiceFixes& s) { return s.service == k.value; }))
                        services.append({k.value, kinds});
            }
        }
        plan = planComposeFixes(*origin, *files, services, opts);
    } else {
        plan.controls = failingControls;
        const QStringList flags = dockerRunAdvice(container, kinds, options);
        if (!flags.isEmpty()) {
            plan.notes << QStringLiteral("%1 was not created by Docker Compose, so Bulwark cannot apply fixes to it. Recreate it "
                                         "with these docker run changes:").arg(container.name);
            plan.advice << flags;
        }
    }
    plan.hostName = m_host;
    plan.containerId = container.id;
    plan.containerName = container.name;
    if (kinds.contains(FixKind::ChmodAdvice)) {
        QStringList sources = sensitiveBindSources;
        if (sources.isEmpty())
            if (auto policy = PolicyFile::embedded())
                sources = Evaluator::sensitiveBindSources(container, *policy);
        plan.advice << chmodAdvice(sources);
        plan.notes << QStringLiteral("ST-02 is about permissions on the host, not the compose file: run the chmod commands "
                                     "yourself (Bulwark does not change host files outside the project).");
    }
    for (const QString& id : std::as_const(unfixable))
        plan.notes << QStringLiteral("%1 has no compose fix: it is about load, logging or monitoring, not the container's "
                                     "configuration.").arg(id);
    return plan;
}

Result<QStringList> RemediationEngine::composeCommand()
{
    if (!m_compose.isEmpty())
        return m_compose;
    auto r = sh(kComposeDetect, {});
    if (!r)
        return r.error();
    const QByteArray which = r->stdOut.trimmed();
    if (which == "v2")
        m_compose = {QStringLiteral("docker"), QStringLiteral("compose")};
    else if (which == "v1")
        m_compose = {QStringLiteral("docker-compose")};
    else
        return Result<QStringList>::failure(
            QStringLiteral("neither `docker compose` nor `docker-compose` is installed on %1").arg(m_host));
    return m_compose;
}

Result<void> RemediationEngine::compose(const ComposeOrigin& origin, const QStringList& args, int timeoutMs)
{
    auto cmd = composeCommand();
    if (!cmd)
        return cmd.error();
    // Compose needs the engine's socket on the host (not necessarily /var/run/docker.sock) and runs
    // in the project directory so that its .env is read as it was at deploy time.
    QStringList argv{origin.workingDir, QStringLiteral("env"), QStringLiteral("DOCKER_HOST=unix://") + m_remoteSocket};
    argv << *cmd << QStringLiteral("-p") << origin.project << QStringLiteral("--project-directory") << origin.workingDir;
    for (const QString& f : origin.configFiles)
        argv << QStringLiteral("-f") << f;
    argv << args;
    auto r = sh(QStringLiteral("cd -- \"$1\" && shift && exec \"$@\""), argv, {}, timeoutMs);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return Result<void>::failure(QStringLiteral("`%1 %2` failed: %3")
                                         .arg(cmd->join(QLatin1Char(' ')), args.join(QLatin1Char(' ')),
                                              trimmedText(r->stdErr + r->stdOut)));
    return {};
}

Result<QByteArray> RemediationEngine::writeAtomically(const QString& path, const QByteArray& content,
                                                     const QByteArray& expectedSha256)
{
    auto r = sh(kWriteScript, {path, QString::fromLatin1(expectedSha256)}, content);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return Result<QByteArray>::failure(trimmedText(r->stdErr), r->exitCode);
    const QByteArray written = r->stdOut.trimmed();
    if (written != sha256Hex(content))
        return Result<QByteArray>::failure(QStringLiteral("%1: the written file does not read back as written").arg(path));
    return written;
}

Result<ContainerSnapshot> RemediationEngine::inspect(const QString& idOrName)
{
    DockerClient client(m_localSocket);
    if (auto v = client.negotiate(); !v)
        return v.error();
    auto body = client.get(QStringLiteral("/containers/%1/json").arg(QString::fromLatin1(QUrl::toPercentEncoding(idOrName))));
    if (!body)
        return body.error();
    return SnapshotParser::parseContainerInspect(*body);
}

bool RemediationEngine::networkExists(const QString& name)
{
    DockerClient client(m_localSocket);
    if (!client.negotiate())
        return false;
    auto body = client.get(QStringLiteral("/networks"));
    if (!body)
        return false;
    auto networks = SnapshotParser::parseNetworks(*body);
    if (!networks)
        return false;
    return std::any_of(networks->cbegin(), networks->cend(), [&](const DockerNetwork& n) { return n.name == name; });
}

Result<ContainerSnapshot> RemediationEngine::findServiceContainer(const QString& project, const QString& service)
{
    DockerClient client(m_localSocket);
    if (auto v = client.negotiate(); !v)
        return v.error();
    const QString filters = QStringLiteral("{\"label\":[\"com.docker.compose.project=%1\",\"com.docker.compose.service=%2\"]}")
                                .arg(project, service);
    auto body = client.get(QStringLiteral("/containers/json?all=1&filters=")
                           + QString::fromLatin1(QUrl::toPercentEncoding(filters)));
    if (!body)
        return body.error();
    auto list = SnapshotParser::parseContainerList(*body);
    if (!list)
        return list.error();
    if (list->isEmpty())
        return Result<ContainerSnapshot>::failure(
            QStringLiteral("no container of service %1 in project %2 on %3").arg(service, project, m_host));
    auto newest = std::max_element(list->cbegin(), list->cend(),
                                   [](const ContainerSummary& a, const ContainerSummary& b) { return a.createdAt < b.createdAt; });
    return inspect(newest->id);
}

Result<void> RemediationEngine::waitRunning(const ComposeOrigin& origin, const QString& service, const ApplyOptions& options)
{
    // Polling the engine from this worker thread; bounded by waitTimeoutMs. A container counts as
    // started when it is healthy, or (without a healthcheck) when it stays running, with the same
    // start time, for stableMs.
    QDeadlineTimer deadline(options.waitTimeoutMs);
    QString lastState;
    QDateTime runningSince;
    QDateTime startedAt;
    while (!deadline.hasExpired()) {
        auto c = findServiceContainer(origin.project, service);
        if (c) {
            lastState = c->state + (c->healthStatus.isEmpty() ? QString() : QLatin1Char('/') + c->healthStatus);
            if (c->state == QLatin1String("exited") || c->state == QLatin1String("dead"))
                return Result<void>::failure(QStringLiteral("%1 stopped (exit code %2)").arg(c->name).arg(c->exitCode));
            if (c->isRunning()) {
                if (c->hasHealthcheck) {
                    if (c->healthStatus == QLatin1String("healthy"))
                        return {};
                    if (c->healthStatus == QLatin1String("unhealthy"))
                        return Result<void>::failure(QStringLiteral("%1 is unhealthy").arg(c->name));
                } else {
                    if (c->startedAt != startedAt) {
                        startedAt = c->startedAt;
                        runningSince = QDateTime::currentDateTimeUtc();
                    } else if (runningSince.msecsTo(QDateTime::currentDateTimeUtc()) >= options.stableMs) {
                        return {};
                    }
                }
            } else {
                startedAt = {};
            }
        }
        QThread::msleep(500);
    }
    return Result<void>::failure(QStringLiteral("service %1 was not running after %2 s (last state: %3)")
                                     .arg(service)
                                     .arg(options.waitTimeoutMs / 1000)
                                     .arg(lastState.isEmpty() ? QStringLiteral("no container") : lastState));
}

ApplyResult RemediationEngine::apply(const RemediationPlan& plan, const ApplyOptions& options,
                                     const std::function<void(ApplyStep, const QString&)>& progress)
{
    ApplyResult result;
    RemediationRecord& rec = result.record;
    rec.timestamp = QDateTime::currentDateTimeUtc();
    rec.user = options.user.isEmpty() ? qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")) : options.user;
    rec.hostName = plan.hostName;
    rec.controls = plan.controls;
    rec.diff = plan.diff();
    if (plan.origin) {
        rec.project = plan.origin->project;
        rec.service = plan.services().join(QLatin1Char(','));
    }
    QStringList paths;
    for (const auto& p : plan.patches)
        paths << p.path;
    rec.filePath = paths.join(QLatin1Char(','));

    auto step = [&](ApplyStep s, const QString& message) {
        result.steps << applyStepName(s) + QStringLiteral(": ") + message;
        if (progress)
            progress(s, message);
    };
    auto finish = [&](bool ok, const QString& outcome, const QString& message) {
        result.ok = ok;
        result.outcome = outcome;
        result.message = message;
        rec.outcome = outcome;
        rec.message = message;
        rec.backupPath = result.backups.join(QLatin1Char(','));
        step(ApplyStep::Done, message);
        return result;
    };

    if (!plan.canApply()) {
        QString why = plan.errors.isEmpty() ? QStringLiteral("nothing to change") : plan.errors.join(QLatin1String("; "));
        if (!plan.origin)
            why = QStringLiteral("%1 was not created by Docker Compose; Bulwark cannot apply fixes to it").arg(plan.containerName);
        return finish(false, QStringLiteral("refused"), QStringLiteral("Not applied: %1.").arg(why));
    }
    const ComposeOrigin& origin = *plan.origin;
    const QStringList services = plan.services();

    // Verdicts before: the services' current containers.
    auto policy = PolicyFile::loadOrEmbedded(options.policyPath);
    QMap<QString, ContainerSnapshot> before;
    for (const QString& s : services)
        if (auto c = findServiceContainer(origin.project, s))
            before.insert(s, *c);

    // 1. Everything is still what the preview showed.
    step(ApplyStep::Verify, QStringLiteral("checking %1 file(s) have not changed since the preview").arg(plan.patches.size()));
    for (const auto& p : plan.patches) {
        auto now = fetchFile(p.path, origin.workingDir);
        if (!now)
            return finish(false, QStringLiteral("refused"), QStringLiteral("Not applied: %1. Nothing was changed.").arg(now.errorMessage()));
        if (now->sha256 != p.beforeSha256)
            return finish(false, QStringLiteral("refused"),
                          QStringLiteral("Not applied: %1 changed on %2 since the preview was made. Nothing was changed; "
                                         "make a new preview.").arg(p.path, m_host));
    }

    // 2. Backups beside the originals, owner-only.
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QStringList backups;
    auto removeBackups = [&] {
        for (const QString& b : std::as_const(backups))
            (void)m_runner.run({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--"), b});
    };
    for (const auto& p : plan.patches) {
        const QString backup = p.path + QStringLiteral(".bulwark-backup-") + stamp;
        step(ApplyStep::Backup, backup);
        auto r = sh(kBackupScript, {backup}, p.before);
        if (!r || r->exitCode != 0) {
            removeBackups();
            return finish(false, QStringLiteral("failed"),
                          QStringLiteral("Not applied: cannot write the backup %1: %2. Nothing was changed.")
                              .arg(backup, r ? trimmedText(r->stdErr) : r.errorMessage()));
        }
        backups << backup;
    }
    result.backups = backups;

    // Restores every file written so far; true when all are back byte for byte.
    QList<qsizetype> written;
    auto restoreFiles = [&](QStringList& problems) {
        for (const qsizetype i : std::as_const(written)) {
            const FilePatch& p = plan.patches[i];
            auto r = writeAtomically(p.path, p.before, sha256Hex(p.after));
            if (!r)
                problems << QStringLiteral("%1 could not be restored (%2); the original is in %3")
                                .arg(p.path, r.errorMessage(), backups.value(i));
        }
        return problems.isEmpty();
    };
    auto rollback = [&](const QString& what, bool bringUp) {
        step(ApplyStep::Rollback, what);
        QStringList problems;
        const bool restored = restoreFiles(problems);
        QString message = QStringLiteral("%1. The original file(s) were restored").arg(what);
        if (restored && bringUp) {
            auto up = compose(origin, QStringList{QStringLiteral("up"), QStringLiteral("-d"), QStringLiteral("--no-deps")} + services,
                              options.upTimeoutMs);
            if (!up) {
                problems << QStringLiteral("bringing the previous configuration back up failed: %1").arg(up.errorMessage());
            } else {
                for (const QString& s : services)
                    if (auto w = waitRunning(origin, s, options); !w)
                        problems << QStringLiteral("after roll back: %1").arg(w.errorMessage());
                message += QStringLiteral(" and the previous configuration is running again");
            }
        }
        if (restored) {
            removeBackups();
            result.backups.clear();
        }
        if (!problems.isEmpty())
            return finish(false, QStringLiteral("failed"),
                          message + QStringLiteral(", but: ") + problems.join(QLatin1String("; ")) + QLatin1Char('.'));
        return finish(false, QStringLiteral("rolled_back"), message + QLatin1Char('.'));
    };

    // 3. Atomic writes.
    for (qsizetype i = 0; i < plan.patches.size(); ++i) {
        const FilePatch& p = plan.patches[i];
        step(ApplyStep::Write, p.path);
        auto w = writeAtomically(p.path, p.after, p.beforeSha256);
        if (!w)
            return rollback(QStringLiteral("Writing %1 failed: %2").arg(p.path, w.errorMessage()), false);
        written << i;
    }

    // 4. Compose must accept the project as a whole.
    step(ApplyStep::Validate, QStringLiteral("compose config -q"));
    if (auto v = compose(origin, {QStringLiteral("config"), QStringLiteral("-q")}, 60000); !v)
        return rollback(QStringLiteral("Compose rejected the patched project: %1").arg(v.errorMessage()), false);

    // 5. Recreate the changed services only.
    step(ApplyStep::Up, QStringLiteral("up -d --no-deps %1").arg(services.join(QLatin1Char(' '))));
    if (auto up = compose(origin, QStringList{QStringLiteral("up"), QStringLiteral("-d"), QStringLiteral("--no-deps")} + services,
                          options.upTimeoutMs);
        !up)
        return rollback(QStringLiteral("Starting the patched service failed: %1").arg(up.errorMessage()), true);

    // 6. Running (or healthy) and stable.
    for (const QString& s : services) {
        step(ApplyStep::Wait, QStringLiteral("waiting for %1").arg(s));
        if (auto w = waitRunning(origin, s, options); !w)
            return rollback(QStringLiteral("The patched service did not come up: %1").arg(w.errorMessage()), true);
    }

    // 7. Scan again and evaluate.
    step(ApplyStep::Rescan, QStringLiteral("inspecting and evaluating %1").arg(plan.controls.join(QLatin1String(", "))));
    QStringList stillFailing;
    HostSnapshot host;
    host.hostName = m_host;
    host.status = HostStatus::Ok;
    EvaluationContext context;
    for (const QString& s : services) {
        auto after = findServiceContainer(origin.project, s);
        if (!after) {
            stillFailing << QStringLiteral("%1: %2").arg(s, after.errorMessage());
            continue;
        }
        for (const QString& id : plan.controls) {
            ControlVerdict v;
            v.containerName = after->name;
            v.controlId = id;
            if (policy) {
                if (before.contains(s))
                    if (auto r = Evaluator::evaluateContainerControl(id, before.value(s), host, *policy, context))
                        v.before = r->status;
                if (auto r = Evaluator::evaluateContainerControl(id, *after, host, *policy, context)) {
                    v.after = r->status;
                    v.evidenceAfter = r->evidence;
                }
            }
            if (v.after == ControlStatus::Fail)
                stillFailing << QStringLiteral("%1 %2 (%3)").arg(after->name, id, v.evidenceAfter);
            result.verdicts << v;
        }
    }
    QString message = QStringLiteral("Applied to %1 on %2; %3 running. Backup: %4")
                          .arg(paths.join(QLatin1String(", ")), m_host, services.join(QLatin1String(", ")),
                               backups.join(QLatin1String(", ")));
    if (!policy)
        message += QStringLiteral(". Verdicts not evaluated: %1").arg(policy.errorMessage());
    if (!stillFailing.isEmpty())
        message += QStringLiteral(". Still failing: %1").arg(stillFailing.join(QLatin1String("; ")));
    return finish(true, QStringLiteral("applied"), message + QLatin1Char('.'));
}

} // namespace bulwark
