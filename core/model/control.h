// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace bulwark {

enum class ControlStatus { Pass, Fail, Waived, NotApplicable, Unknown };
enum class ControlScope { Container, Host, Fleet };
enum class Severity { Low, Medium, High, Critical };

// "pass", "fail", "waived", "not_applicable", "unknown"
QString controlStatusName(ControlStatus status);
std::optional<ControlStatus> controlStatusFromName(const QString& name);
QString controlScopeName(ControlScope scope); // "container", "host", "fleet"
std::optional<ControlScope> controlScopeFromName(const QString& name);
QString severityName(Severity severity); // "low", "medium", "high", "critical"
std::optional<Severity> severityFromName(const QString& name);

// Worst first: fail, unknown, waived, pass, not_applicable. Used to sort the heatmap and to
// fold many results into one cell.
int statusBadness(ControlStatus status);

// One control of the policy, as data (resources/policy/spec-infra-04.yaml).
struct ControlDefinition {
    QString id; // exactly as in the spec: "SEC-01", "AC-HARD-02", ...
    QString title;
    ControlScope scope = ControlScope::Container;
    Severity severity = Severity::Medium;
    QString requirement; // the spec's sentence
    QString semantics;   // what exactly is checked, for README and the report appendix
    QString evidence;    // which field(s) the evidence cites
    QString remediation;
    QVariantMap parameters; // thresholds: "idleMemoryFraction", "ceilingBytes", "network", ...
};

struct PolicyInfo {
    QString id;      // "SPEC-INFRA-04"
    QString version;
    QString title;
    QString source;  // "embedded" or the file path
};

// The verdict for one (subject, control).
struct ControlResult {
    QString controlId;
    ControlScope scope = ControlScope::Container;
    QString hostName;      // empty for fleet scope
    QString containerId;   // empty for host and fleet scope
    QString containerName;
    ControlStatus status = ControlStatus::Unknown;
    Severity severity = Severity::Medium;
    QString evidence;      // e.g. HostConfig.SecurityOpt = ["no-new-privileges:false"]
    QString reason;        // why this status, in a sentence
    QString remediation;   // what to change
    QString note;          // extra context: container state, waiver expiry, ...
    QString waiverReason;  // set when status is Waived (or an expired waiver made it fail)
    QDateTime waiverExpires;
};

} // namespace bulwark

// Strings and a QDateTime, all relocatable: a QList of a fleet's 10^6 verdicts grows by memmove
// instead of moving each member.
Q_DECLARE_TYPEINFO(bulwark::ControlResult, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(bulwark::ControlResult)
