// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditsummary.h"
#include "exporters.h"

#include <nlohmann/json.hpp>

namespace bulwark::Export {
namespace {

using Json = nlohmann::ordered_json;

std::string s(const QString& v)
{
    return v.toStdString();
}

Json isoOrNull(const QDateTime& t)
{
    return t.isValid() ? Json(s(t.toUTC().toString(Qt::ISODateWithMs))) : Json(nullptr);
}

Json statusCounts(const QMap<ControlStatus, int>& counts)
{
    Json j = Json::object();
    for (const ControlStatus st : {ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived,
                                   ControlStatus::NotApplicable, ControlStatus::Unknown})
        j[s(controlStatusName(st))] = counts.value(st);
    return j;
}

Json resultJson(const ControlResult& r)
{
    Json j;
    j["control"] = s(r.controlId);
    j["status"] = s(controlStatusName(r.status));
    j["severity"] = s(severityName(r.severity));
    j["evidence"] = s(r.evidence);
    j["reason"] = s(r.reason);
    j["remediation"] = s(r.remediation);
    j["note"] = s(r.note);
    if (!r.waiverReason.isEmpty() || r.waiverExpires.isValid())
        j["waiver"] = Json{{"reason", s(r.waiverReason)}, {"expires", isoOrNull(r.waiverExpires)}};
    return j;
}

Json labelsJson(const QMap<QString, QString>& labels)
{
    Json j = Json::object();
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        j[s(it.key())] = s(it.value());
    return j;
}

} // namespace

QByteArray toJson(const AuditRun& run)
{
    const AuditSummary summary = summarize(run);
    const auto ordered = orderedResults(run);

    // Group the verdicts by subject once: results are ordered, so each group is contiguous.
    QHash<QString, Json> hostResults;      // host -> [..]
    QHash<QString, Json> containerResults; // host '\n' container id -> [..]
    Json fleetResults = Json::array();
    for (const ControlResult* r : ordered) {
        switch (r->scope) {
        case ControlScope::Fleet:
            fleetResults.push_back(resultJson(*r));
            break;
        case ControlScope::Host: {
            Json& arr = hostResults[r->hostName];
            if (arr.is_null())
                arr = Json::array();
            arr.push_back(resultJson(*r));
            break;
        }
        case ControlScope::Container: {
            Json& arr = containerResults[r->hostName + QLatin1Char('\n') + r->containerId];
            if (arr.is_null())
                arr = Json::array();
            arr.push_back(resultJson(*r));
            break;
        }
        }
    }

    Json root;
    root["schema"] = "bulwark.audit/v1";
    root["generatedAt"] = isoOrNull(run.generatedAt.isValid() ? run.generatedAt : QDateTime());
    root["generatedBy"] = s(run.generatedBy);
    root["fleetName"] = s(run.fleetName);
    root["policy"] = Json{{"id", s(run.policy.id)},
                          {"version", s(run.policy.version)},
                          {"title", s(run.policy.title)},
                          {"source", s(run.policy.source)}};
    Json controls = Json::array();
    for (const auto& c : run.controls)
        controls.push_back(Json{{"id", s(c.id)},
                                {"title", s(c.title)},
                                {"scope", s(controlScopeName(c.scope))},
                                {"severity", s(severityName(c.severity))},
                                {"requirement", s(c.requirement)},
                                {"semantics", s(c.semantics)},
                                {"evidence", s(c.evidence)},
                                {"remediation", s(c.remediation)}});
    root["controls"] = controls;

    Json hosts = Json::array();
    for (const HostSnapshot* h : orderedHosts(run)) {
        Json hj;
        hj["name"] = s(h->hostName);
        hj["status"] = s(hostStatusName(h->status));
        hj["error"] = s(h->error);
        if (!h->hostKeyFingerprint.isEmpty())
            hj["hostKeyFingerprint"] = s(h->hostKeyFingerprint);
        hj["scannedAt"] = isoOrNull(h->scannedAt);
        hj["durationMs"] = h->durationMs;
        hj["labels"] = labelsJson(h->hostLabels);
        const EngineInfo& e = h->engine;
        hj["engine"] = Json{{"hostname", s(e.hostname)},
                            {"serverVersion", s(e.serverVersion)},
                            {"apiVersion", s(e.apiVersion)},
                            {"os", s(e.os)},
                            {"kernelVersion", s(e.kernelVersion)},
                            {"architecture", s(e.architecture)},
                            {"cpus", e.cpus},
                            {"memTotalBytes", e.memTotalBytes},
                            {"cgroupVersion", s(e.cgroupVersion)}};
        const auto hr = hostResults.constFind(h->hostName);
        hj["results"] = hr == hostResults.cend() ? Json::array() : *hr;
        Json containers = Json::array();
        for (const ContainerSnapshot* c : orderedContainers(*h)) {
            Json cj;
            cj["id"] = s(c->id);
            cj["name"] = s(c->name.startsWith(QLatin1Char('/')) ? c->name.mid(1) : c->name);
            cj["image"] = s(c->image);
            cj["state"] = s(c->state);
            cj["status"] = s(c->status);
            cj["labels"] = labelsJson(c->labels);
            Json mem;
            mem["usageBytes"] = c->memory ? Json(c->memory->usageBytes) : Json(nullptr);
            mem["limitBytes"] = c->memoryLimitBytes;
            cj["memory"] = mem;
            const auto cr = containerResults.constFind(h->hostName + QLatin1Char('\n') + c->id);
            cj["results"] = cr == containerResults.cend() ? Json::array() : *cr;
            containers.push_back(std::move(cj));
        }
        hj["containers"] = std::move(containers);
        hosts.push_back(std::move(hj));
    }
    root["hosts"] = std::move(hosts);

    Json fleet;
    fleet["results"] = std::move(fleetResults);
    if (run.logLatency) {
        const auto& l = *run.logLatency;
        Json probes = Json::array();
        for (const auto& p : l.probes)
            probes.push_back(Json{{"emittedMs", p.emittedMs},
                                  {"latencyMs", p.latencyMs},
                                  {"missed", p.missed},
                                  {"host", s(p.hostName)},
                                  {"mode", s(p.mode)},
                                  {"error", s(p.error)}});
        fleet["logLatency"] = Json{{"samples", l.samples},
                                   {"misses", l.misses},
                                   {"p50Ms", l.p50Ms},
                                   {"p95Ms", l.p95Ms},
                                   {"maxMs", l.maxMs},
                                   {"windowStart", isoOrNull(l.windowStart)},
                                   {"windowEnd", isoOrNull(l.windowEnd)},
                                   {"probes", probes}};
    } else {
        fleet["logLatency"] = nullptr;
    }
    root["fleet"] = std::move(fleet);

    // What was fixed in the period, newest first, as the remediation log recorded it.
    Json remediations = Json::array();
    for (const RemediationRecord& r : run.remediations) {
        Json controlIds = Json::array();
        for (const QString& id : r.controls)
            controlIds.push_back(s(id));
        remediations.push_back(Json{{"timestamp", isoOrNull(r.timestamp)},
                                    {"user", s(r.user)},
                                    {"host", s(r.hostName)},
                                    {"file", s(r.filePath)},
                                    {"project", s(r.project)},
                                    {"service", s(r.service)},
                                    {"controls", controlIds},
                                    {"outcome", s(r.outcome)},
                                    {"message", s(r.message)},
                                    {"diff", s(r.diff)}});
    }
    root["remediations"] = std::move(remediations);

    Json sum;
    sum["hosts"] = summary.hosts;
    sum["hostsScanned"] = summary.hostsScanned;
    sum["hostsNotScanned"] = summary.hostsFailed;
    sum["containers"] = summary.containers;
    sum["results"] = statusCounts(summary.byStatus);
    Json byControl = Json::object();
    for (const auto& c : run.controls)
        byControl[s(c.id)] = statusCounts(summary.byControl.value(c.id));
    sum["byControl"] = byControl;
    Json failed = Json::array();
    for (const QString& id : summary.failedControls)
        failed.push_back(s(id));
    sum["failedControls"] = failed;
    root["summary"] = std::move(sum);

    return QByteArray::fromStdString(root.dump(2)) + '\n';
}

} // namespace bulwark::Export
