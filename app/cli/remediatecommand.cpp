// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediatecommand.h"

#include "exitcodes.h"
#include "output.h"

#include "docker/dockerclient.h"
#include "docker/snapshotparser.h"
#include "fleet/fleetfile.h"
#include "policy/policy.h"
#include "remediation/remediationjob.h"
#include "ssh/hostsession.h"

#include <QFile>
#include <QTextStream>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>
#include <unistd.h>

namespace bulwark::cli {
namespace {

struct Request {
    HostEntry host;
    QStringList containers; // empty: every container of the host
    QStringList controls;
    FixOptions options;
    bool apply = false;
    bool yes = false;
    bool wholeProject = false;
    QString policyPath;
    QString logPath;
};

bool confirm(const QString& question)
{
    if (!isatty(STDIN_FILENO))
        return false;
    err() << question << " [y/N] ";
    err().flush();
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

void printPlan(const RemediationPlan& plan)
{
    if (!plan.diff().isEmpty())
        out() << plan.diff();
    for (const auto& f : plan.fixes)
        if (f.alreadyCompliant)
            out() << "# " << plan.containerName << ": " << fixKindName(f.kind) << " is already in " << f.file
                  << " (the container may predate it: an `up` would apply it)\n";
    for (const QString& e : plan.errors)
        out() << "# cannot fix: " << e << '\n';
    for (const QString& n : plan.notes)
        out() << "# " << n << '\n';
    for (const QString& a : plan.advice)
        out() << "#   " << a << '\n';
    out().flush();
}

Result<QStringList> listContainers(const HostEntry& host)
{
    HostSession session(host);
    auto socket = session.open();
    if (!socket)
        return Result<QStringList>::failure(QStringLiteral("cannot reach %1: %2").arg(host.name, socket.errorMessage()));
    DockerClient client(*socket);
    if (auto v = client.negotiate(); !v)
        return v.error();
    auto body = client.get(QStringLiteral("/containers/json?all=1"));
    if (!body)
        return body.error();
    auto list = SnapshotParser::parseContainerList(*body);
    if (!list)
        return list.error();
    QStringList names;
    for (const auto& c : *list)
        names << c.name;
    names.sort();
    return names;
}

// Runs in a worker thread; returns the exit code.
int run(const Request& req)
{
    QStringList containers = req.containers;
    if (containers.isEmpty()) {
        auto all = listContainers(req.host);
        if (!all) {
            err() << "bulwark-cli remediate: " << all.errorMessage() << '\n';
            return ExitHostsFailed;
        }
        containers = *all;
    }
    bool findings = false;
    bool failures = false;
    for (const QString& name : std::as_const(containers)) {
        PreviewRequest preview{name, req.controls, req.options, req.wholeProject};
        auto plan = RemediationService::preview(req.host, preview);
        if (!plan) {
            err() << "bulwark-cli remediate: " << plan.errorMessage() << '\n';
            if (plan.errorMessage().startsWith(QLatin1String("cannot reach")))
                return ExitHostsFailed;
            failures = true;
            continue;
        }
        printPlan(*plan);
        if (plan->hasChanges() || !plan->errors.isEmpty() || !plan->advice.isEmpty())
            findings = true;
        if (!req.apply || !plan->hasChanges())
            continue;
        if (!plan->canApply()) {
            err() << "bulwark-cli remediate: " << name << ": not applied, some fixes cannot be made (see above)\n";
            failures = true;
            continue;
        }
        if (!req.yes && !confirm(QStringLiteral("Apply this patch to %1 on %2?").arg(plan->services().join(QLatin1String(", ")),
                                                                                      req.host.name))) {
            err() << "bulwark-cli remediate: " << name << ": not applied (not confirmed; use --yes to apply without asking)\n";
            failures = true;
            continue;
        }
        ApplyOptions options;
        options.policyPath = req.policyPath;
        const ApplyResult result = RemediationService::apply(
            req.host, *plan, options,
            [](ApplyStep step, const QString& message) {
                err() << "  [" << applyStepName(step) << "] " << message << '\n';
                err().flush();
            },
            req.logPath);
        for (const auto& v : result.verdicts)
            out() << v.containerName << '\t' << v.controlId << '\t' << controlStatusName(v.before) << " -> "
                  << controlStatusName(v.after) << '\n';
        out() << result.outcome << ": " << result.message << '\n';
        out().flush();
        if (!result.ok)
            failures = true;
        else
            for (const auto& v : result.verdicts)
                if (v.after == ControlStatus::Fail)
                    failures = true;
    }
    if (req.apply)
        return failures ? ExitFindings : ExitOk;
    return (findings || failures) ? ExitFindings : ExitOk;
}

} // namespace

RemediateCommand::RemediateCommand(QObject* parent) : Command(parent)
{
    connect(&m_watcher, &QFutureWatcher<int>::finished, this, [this] { emit finished(m_watcher.result()); });
}

RemediateCommand::~RemediateCommand() { m_watcher.waitForFinished(); }

QString RemediateCommand::usage() const
{
    return QStringLiteral(
        "Finds the compose file(s) a container was created from (its com.docker.compose.* labels), checks them\n"
        "on the host (regular file, no symlink, inside the project directory) and prints a unified diff that\n"
        "fixes the controls the container fails (or those given with --control). Comments, key order, anchors,\n"
        "quoting, indentation and line endings are kept. Containers not created by Compose get docker run advice.\n"
        "--apply backs each file up beside it (0600, timestamped), refuses if it changed since it was read,\n"
        "writes it atomically, validates with `compose config -q`, runs `up -d --no-deps SERVICE`, waits until\n"
        "the container runs (healthy, if it has a healthcheck), scans it again and prints the verdicts before\n"
        "and after. Any failure restores the files and brings the previous configuration back up.\n"
        "Every apply is recorded in the remediation log. Exit code 1 when something is left to fix or failed.");
}

void RemediateCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({{QStringLiteral("f"), QStringLiteral("fleet")}, QStringLiteral("The fleet file."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("host"), QStringLiteral("The fleet host."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("container"), QStringLiteral("Container (repeatable). Default: every container of the host."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("control"), QStringLiteral("Control to fix (repeatable). Default: every failing one."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("diff"), QStringLiteral("Print the patch (default).")});
    parser.addOption({QStringLiteral("apply"), QStringLiteral("Apply the patch after confirmation.")});
    parser.addOption({{QStringLiteral("y"), QStringLiteral("yes")}, QStringLiteral("Apply without asking.")});
    parser.addOption({QStringLiteral("project"), QStringLiteral("Make the same fixes to every service of the container's project.")});
    parser.addOption({QStringLiteral("bind"), QStringLiteral("ST-01: host path for a named volume (repeatable)."),
                      QStringLiteral("VOLUME=PATH")});
    parser.addOption({QStringLiteral("memory"), QStringLiteral("AC-HARD-02: limit to write where none or a too high one is set. Default 2g."),
                      QStringLiteral("SIZE")});
    parser.addOption({QStringLiteral("policy"), QStringLiteral("Policy file (default: the embedded SPEC-INFRA-04)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("log"), QStringLiteral("Remediation log database (default: the application data dir)."),
                      QStringLiteral("FILE")});
}

void RemediateCommand::start(const QCommandLineParser& parser)
{
    auto finish = [this](int code) { QTimer::singleShot(0, this, [this, code] { emit finished(code); }); };
    auto usageError = [&](const QString& message) {
        err() << "bulwark-cli remediate: " << message << '\n';
        finish(ExitUsage);
    };
    const QString fleetPath = parser.value(QStringLiteral("fleet"));
    if (fleetPath.isEmpty())
        return usageError(QStringLiteral("--fleet FILE is required"));
    if (parser.value(QStringLiteral("host")).isEmpty())
        return usageError(QStringLiteral("--host NAME is required"));
    if (parser.isSet(QStringLiteral("diff")) && parser.isSet(QStringLiteral("apply")))
        return usageError(QStringLiteral("--diff and --apply exclude each other"));
    auto fleet = FleetFile::load(fleetPath);
    if (!fleet)
        return usageError(fleet.errorMessage());
    const HostEntry* host = fleet->findHost(parser.value(QStringLiteral("host")));
    if (!host)
        return usageError(QStringLiteral("no host \"%1\" in %2").arg(parser.value(QStringLiteral("host")), fleetPath));

    Request req;
    req.host = *host;
    req.containers = parser.values(QStringLiteral("container"));
    for (const QString& id : parser.values(QStringLiteral("control"))) {
        if (!specControlIds().contains(id))
            return usageError(QStringLiteral("unknown control \"%1\" (one of %2)").arg(id, specControlIds().join(QLatin1String(", "))));
        req.controls << id;
    }
    for (const QString& b : parser.values(QStringLiteral("bind"))) {
        const qsizetype eq = b.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == b.size() - 1)
            return usageError(QStringLiteral("--bind wants VOLUME=PATH, got \"%1\"").arg(b));
        req.options.bindSources.insert(b.left(eq), b.mid(eq + 1));
    }
    if (parser.isSet(QStringLiteral("memory"))) {
        const QString m = parser.value(QStringLiteral("memory"));
        if (!parseComposeByteSize(m))
            return usageError(QStringLiteral("--memory: \"%1\" is not a size like 512m or 2g").arg(m));
        req.options.memoryValue = m;
    }
    req.apply = parser.isSet(QStringLiteral("apply"));
    req.yes = parser.isSet(QStringLiteral("yes"));
    req.wholeProject = parser.isSet(QStringLiteral("project"));
    req.policyPath = parser.value(QStringLiteral("policy"));
    req.logPath = parser.value(QStringLiteral("log"));
    if (req.apply && !req.yes && !isatty(STDIN_FILENO))
        return usageError(QStringLiteral("--apply needs --yes when stdin is not a terminal"));
    m_watcher.setFuture(QtConcurrent::run([req] { return run(req); }));
}

} // namespace bulwark::cli
