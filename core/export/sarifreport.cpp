// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditsummary.h"
#include "exporters.h"

#include <QCryptographicHash>

#include <nlohmann/json.hpp>

namespace bulwark::Export {
namespace {

using Json = nlohmann::ordered_json;

std::string s(const QString& v)
{
    return v.toStdString();
}

// GitHub code scanning and most SARIF viewers rank by level; severity decides it for failures.
const char* failLevel(Severity sev)
{
    switch (sev) {
    case Severity::Critical:
    case Severity::High:
        return "error";
    case Severity::Medium:
        return "warning";
    case Severity::Low:
        return "note";
    }
    return "warning";
}

// SARIF §3.27.9: a level other than "none" requires kind "fail".
std::pair<const char*, const char*> kindAndLevel(const ControlResult& r)
{
    switch (r.status) {
    case ControlStatus::Fail:
    case ControlStatus::Waived: // a fail with an accepted suppression
        return {"fail", failLevel(r.severity)};
    case ControlStatus::Pass:
        return {"pass", "none"};
    case ControlStatus::NotApplicable:
        return {"notApplicable", "none"};
    case ControlStatus::Unknown:
        return {"review", "none"};
    }
    return {"review", "none"};
}

} // namespace

QByteArray toSarif(const AuditRun& run)
{
    Json rules = Json::array();
    QHash<QString, int> ruleIndex;
    for (const auto& c : run.controls) {
        ruleIndex.insert(c.id, static_cast<int>(rules.size()));
        Json rule;
        rule["id"] = s(c.id);
        rule["name"] = s(QString(c.title).remove(QLatin1Char(' ')));
        rule["shortDescription"] = Json{{"text", s(c.id + QLatin1String(": ") + c.title)}};
        rule["fullDescription"] = Json{{"text", s(c.requirement)}};
        rule["help"] = Json{{"text", s(c.semantics + QLatin1String("\n\nRemediation: ") + c.remediation)}};
        rule["defaultConfiguration"] = Json{{"level", failLevel(c.severity)}};
        rule["properties"] = Json{{"scope", s(controlScopeName(c.scope))},
                                  {"severity", s(severityName(c.severity))},
                                  {"evidence", s(c.evidence)},
                                  {"tags", Json::array({"security", "SPEC-INFRA-04"})}};
        rules.push_back(std::move(rule));
    }

    Json results = Json::array();
    for (const ControlResult* r : orderedResults(run)) {
        const auto [kind, level] = kindAndLevel(*r);
        Json res;
        res["ruleId"] = s(r->controlId);
        if (const auto it = ruleIndex.constFind(r->controlId); it != ruleIndex.cend())
            res["ruleIndex"] = *it;
        res["kind"] = kind;
        res["level"] = level;
        QString text = r->reason;
        if (!r->evidence.isEmpty())
            text += QLatin1String(" Evidence: ") + r->evidence;
        res["message"] = Json{{"text", s(text)}};

        Json loc;
        QString fqn;
        if (r->scope == ControlScope::Container) {
            fqn = r->hostName + QLatin1Char('/') + r->containerName;
            loc = Json{{"name", s(r->containerName)}, {"fullyQualifiedName", s(fqn)}, {"kind", "resource"}};
        } else if (r->scope == ControlScope::Host) {
            fqn = r->hostName;
            loc = Json{{"name", s(r->hostName)}, {"fullyQualifiedName", s(fqn)}, {"kind", "namespace"}};
        } else {
            fqn = QStringLiteral("fleet");
            loc = Json{{"name", "fleet"}, {"fullyQualifiedName", "fleet"}, {"kind", "namespace"}};
        }
        res["locations"] = Json::array({Json{{"logicalLocations", Json::array({loc})}}});
        // Stable across runs for the same subject and control, so consumers can track a finding.
        const QByteArray fp = QCryptographicHash::hash((fqn + QLatin1Char('|') + r->controlId).toUtf8(),
                                                       QCryptographicHash::Sha256).toHex().left(32);
        res["partialFingerprints"] = Json{{"bulwarkSubject/v1", fp.toStdString()}};
        if (r->status == ControlStatus::Waived)
            res["suppressions"] = Json::array({Json{{"kind", "external"},
                                                    {"status", "accepted"},
                                                    {"justification", s(r->waiverReason)}}});
        Json props;
        props["status"] = s(controlStatusName(r->status));
        props["host"] = s(r->hostName);
        if (r->scope == ControlScope::Container) {
            props["container"] = s(r->containerName);
            props["containerId"] = s(r->containerId);
        }
        props["evidence"] = s(r->evidence);
        if (!r->remediation.isEmpty())
            props["remediation"] = s(r->remediation);
        if (!r->note.isEmpty())
            props["note"] = s(r->note);
        res["properties"] = std::move(props);
        results.push_back(std::move(res));
    }

    Json notifications = Json::array();
    for (const HostSnapshot* h : orderedHosts(run))
        if (!h->isOk())
            notifications.push_back(
                Json{{"level", "error"},
                     {"message", Json{{"text", s(h->hostName + QLatin1String(": ") + hostStatusName(h->status) +
                                                 QLatin1String(" - ") + h->error)}}}});

    Json driver;
    driver["name"] = "Bulwark";
    driver["semanticVersion"] = BULWARK_VERSION;
    driver["informationUri"] = "https://example.invalid/bulwark";
    driver["rules"] = std::move(rules);

    Json invocation;
    invocation["executionSuccessful"] = notifications.empty();
    if (!notifications.empty())
        invocation["toolExecutionNotifications"] = std::move(notifications);
    if (run.generatedAt.isValid())
        invocation["endTimeUtc"] = s(run.generatedAt.toUTC().toString(Qt::ISODate));

    Json runJson;
    runJson["tool"] = Json{{"driver", std::move(driver)}};
    runJson["invocations"] = Json::array({std::move(invocation)});
    runJson["automationDetails"] = Json{{"id", s(run.policy.id + QLatin1Char('/'))}};
    runJson["results"] = std::move(results);
    runJson["properties"] = Json{{"policy", s(run.policy.id)}, {"policyVersion", s(run.policy.version)}};

    Json root;
    root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    root["version"] = "2.1.0";
    root["runs"] = Json::array({std::move(runJson)});
    return QByteArray::fromStdString(root.dump(2)) + '\n';
}

} // namespace bulwark::Export
