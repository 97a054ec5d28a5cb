// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control.h"
#include "remediationrecord.h"
#include "snapshot.h"
#include "telemetry.h"

#include <QList>
#include <QMetaType>

#include <optional>

namespace bulwark {

// Everything one audit produced: the scanned fleet, the policy's controls and every verdict.
// Reports (JSON, SARIF, JUnit, CSV, HTML, PDF) and the GUI are views of this one value.
struct AuditRun {
    PolicyInfo policy;
    QList<ControlDefinition> controls; // in policy order: the heatmap's columns
    FleetSnapshot fleet;
    QList<ControlResult> results;      // container, host and fleet scope
    std::optional<LogLatencySummary> logLatency;
    QList<RemediationRecord> remediations;
    QString fleetName;                 // the fleet file's path or a title
    QDateTime generatedAt;
    QString generatedBy;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::AuditRun)
