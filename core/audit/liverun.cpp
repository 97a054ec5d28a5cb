// SPDX-License-Identifier: GPL-3.0-or-later
#include "liverun.h"

#include "policy/evaluator.h"

#include <QHash>

#include <algorithm>

namespace bulwark::LiveRun {

namespace {

HostSnapshot* findHost(AuditRun& run, const QString& name)
{
    for (HostSnapshot& h : run.fleet.hosts)
        if (h.hostName == name)
            return &h;
    return nullptr;
}

bool sameInputs(const QString& controlId, const ContainerSnapshot& a, const ContainerSnapshot& b)
{
    if (controlId == QLatin1String("ST-02"))
        return a.mounts == b.mounts && a.labels == b.labels;
    if (controlId == QLatin1String("OBS-01"))
        return a.name == b.name && a.labels == b.labels && a.exposedPorts == b.exposedPorts
            && a.publishedPorts == b.publishedPorts && a.portBindings == b.portBindings;
    if (controlId == QLatin1String("AC-HARD-02"))
        return a.name == b.name && a.labels == b.labels && a.memoryLimitBytes == b.memoryLimitBytes;
    return false;
}

// Takes the container's results out of the run, by control id.
QHash<QString, ControlResult> takeContainerResults(AuditRun& run, const QString& hostName, const QString& containerId)
{
    QHash<QString, ControlResult> taken;
    run.results.removeIf([&](const ControlResult& r) {
        if (r.scope != ControlScope::Container || r.hostName != hostName || r.containerId != containerId)
            return false;
        taken.insert(r.controlId, r);
        return true;
    });
    return taken;
}

void evaluateInto(AuditRun& run, const ContainerSnapshot& container, const HostSnapshot& host, const Evaluation& eval,
                  const ContainerSnapshot* before, const QHash<QString, ControlResult>& previous)
{
    QList<ControlResult> fresh = Evaluator::evaluateContainer(container, host, eval.policy, eval.context);
    for (ControlResult& r : fresh) {
        if (!needsAuditEvidence(r.controlId) || !before || !previous.contains(r.controlId))
            continue;
        // A new failure the watcher can see (usage above the ceiling) is never hidden by an old pass.
        if (r.controlId == QLatin1String("AC-HARD-02") && r.status == ControlStatus::Fail)
            continue;
        if (sameInputs(r.controlId, *before, container)) {
            const QString name = r.containerName;
            r = previous.value(r.controlId);
            r.containerName = name;
        }
    }
    run.results.append(fresh);
}

void reevaluateHostScope(AuditRun& run, const HostSnapshot& host, const Evaluation& eval)
{
    run.results.removeIf([&](const ControlResult& r) { return r.scope == ControlScope::Host && r.hostName == host.hostName; });
    run.results.append(Evaluator::evaluateHost(host, eval.policy, eval.context));
}

// Containers that join another container's namespaces (network_mode: container:<id>) are judged
// partly on that container, so they are evaluated again with it.
void reevaluateDependents(AuditRun& run, const HostSnapshot& host, const QString& containerId, const Evaluation& eval)
{
    for (const ContainerSnapshot& c : host.containers) {
        const QString ref = QLatin1String("container:") + containerId;
        if (c.id == containerId || (c.networkMode != ref && c.pidMode != ref && c.ipcMode != ref))
            continue;
        const auto previous = takeContainerResults(run, host.hostName, c.id);
        evaluateInto(run, c, host, eval, &c, previous);
    }
}

} // namespace

bool needsAuditEvidence(const QString& controlId)
{
    return controlId == QLatin1String("ST-02") || controlId == QLatin1String("OBS-01")
        || controlId == QLatin1String("AC-HARD-02");
}

bool upsertContainer(AuditRun& run, const QString& hostName, const ContainerSnapshot& container, const Evaluation& eval)
{
    HostSnapshot* host = findHost(run, hostName);
    if (!host || !host->isOk())
        return false;
    std::optional<ContainerSnapshot> before;
    auto it = std::find_if(host->containers.begin(), host->containers.end(),
                           [&](const ContainerSnapshot& c) { return c.id == container.id; });
    if (it != host->containers.end()) {
        before = *it;
        *it = container;
    } else {
        host->containers.append(container);
    }
    const auto previous = takeContainerResults(run, hostName, container.id);
    evaluateInto(run, container, *host, eval, before ? &*before : nullptr, previous);
    reevaluateDependents(run, *host, container.id, eval);
    reevaluateHostScope(run, *host, eval);
    return true;
}

bool removeContainer(AuditRun& run, const QString& hostName, const QString& containerId)
{
    HostSnapshot* host = findHost(run, hostName);
    if (!host || !host->isOk())
        return false;
    const qsizetype removed = host->containers.removeIf([&](const ContainerSnapshot& c) { return c.id == containerId; });
    takeContainerResults(run, hostName, containerId);
    return removed > 0;
}

bool replaceHost(AuditRun& run, const HostSnapshot& snapshot, const Evaluation& eval)
{
    HostSnapshot* host = findHost(run, snapshot.hostName);
    if (!host)
        return false;
    QHash<QString, ContainerSnapshot> before;
    for (const ContainerSnapshot& c : std::as_const(host->containers))
        before.insert(c.id, c);
    QHash<QString, QHash<QString, ControlResult>> previous;
    run.results.removeIf([&](const ControlResult& r) {
        if (r.hostName != snapshot.hostName || r.scope == ControlScope::Fleet)
            return false;
        if (r.scope == ControlScope::Container)
            previous[r.containerId].insert(r.controlId, r);
        return true;
    });
    *host = snapshot;
    if (!host->isOk())
        return true;
    for (const ContainerSnapshot& c : std::as_const(host->containers)) {
        const auto b = before.constFind(c.id);
        evaluateInto(run, c, *host, eval, b == before.cend() ? nullptr : &*b, previous.value(c.id));
    }
    run.results.append(Evaluator::evaluateHost(*host, eval.policy, eval.context));
    return true;
}

} // namespace bulwark::LiveRun
