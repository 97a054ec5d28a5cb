// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditsummary.h"

#include <QHash>

#include <algorithm>

namespace bulwark {

QString AuditSummary::line() const
{
    QString s = QString::number(hosts) + (hosts == 1 ? QLatin1String(" host") : QLatin1String(" hosts"));
    if (hostsFailed)
        s += QLatin1String(" (") + QString::number(hostsFailed) + QLatin1String(" not scanned)");
    s += QLatin1String(", ") + QString::number(containers) + QLatin1String(" containers: ");
    QStringList parts;
    for (const ControlStatus st : {ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived,
                                   ControlStatus::Unknown, ControlStatus::NotApplicable})
        parts.append(QString::number(count(st)) + QLatin1Char(' ') + controlStatusName(st));
    s += parts.join(QLatin1String(", "));
    if (!failedControls.isEmpty())
        s += QLatin1String("; failing: ") + failedControls.join(QLatin1String(", "));
    return s;
}

AuditSummary summarize(const AuditRun& run)
{
    AuditSummary s;
    s.hosts = static_cast<int>(run.fleet.hosts.size());
    for (const auto& h : run.fleet.hosts) {
        if (h.isOk()) {
            ++s.hostsScanned;
            s.containers += static_cast<int>(h.containers.size());
        } else {
            ++s.hostsFailed;
        }
    }
    for (const auto& r : run.results) {
        s.byStatus[r.status]++;
        s.byControl[r.controlId][r.status]++;
    }
    for (const auto& c : run.controls)
        if (s.byControl.value(c.id).value(ControlStatus::Fail) > 0)
            s.failedControls.append(c.id);
    // Results for controls the run's policy does not list (should not happen) still count.
    for (auto it = s.byControl.cbegin(); it != s.byControl.cend(); ++it)
        if (it->value(ControlStatus::Fail) > 0 && !s.failedControls.contains(it.key()))
            s.failedControls.append(it.key());
    return s;
}

QList<const HostSnapshot*> orderedHosts(const AuditRun& run)
{
    QList<const HostSnapshot*> out;
    for (const auto& h : run.fleet.hosts)
        out.append(&h);
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->hostName < b->hostName; });
    return out;
}

QList<const ContainerSnapshot*> orderedContainers(const HostSnapshot& host)
{
    QList<const ContainerSnapshot*> out;
    for (const auto& c : host.containers)
        out.append(&c);
    std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) {
        return a->name != b->name ? a->name < b->name : a->id < b->id;
    });
    return out;
}

QList<const ControlResult*> orderedResults(const AuditRun& run)
{
    QHash<QString, int> controlIndex;
    for (int i = 0; i < run.controls.size(); ++i)
        controlIndex.insert(run.controls[i].id, i);
    QList<const ControlResult*> out;
    out.reserve(run.results.size());
    for (const auto& r : run.results)
        out.append(&r);
    std::stable_sort(out.begin(), out.end(), [&](const ControlResult* a, const ControlResult* b) {
        const bool fa = a->scope == ControlScope::Fleet;
        const bool fb = b->scope == ControlScope::Fleet;
        if (fa != fb)
            return fb;
        if (a->hostName != b->hostName)
            return a->hostName < b->hostName;
        const bool ha = a->scope == ControlScope::Host;
        const bool hb = b->scope == ControlScope::Host;
        if (ha != hb)
            return ha;
        if (a->containerName != b->containerName)
            return a->containerName < b->containerName;
        if (a->containerId != b->containerId)
            return a->containerId < b->containerId;
        return controlIndex.value(a->controlId, 1000) < controlIndex.value(b->controlId, 1000);
    });
    return out;
}

} // namespace bulwark
