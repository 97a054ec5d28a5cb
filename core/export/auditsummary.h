// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"

#include <QList>
#include <QMap>
#include <QString>

namespace bulwark {

// Counts over one AuditRun, shared by every report and by bulwark-cli's exit code.
struct AuditSummary {
    int hosts = 0;
    int hostsScanned = 0;
    int hostsFailed = 0; // not scanned: unreachable, auth, host key, API error, timeout, cancelled
    int containers = 0;
    QMap<ControlStatus, int> byStatus;
    QMap<QString, QMap<ControlStatus, int>> byControl;
    QStringList failedControls; // control IDs with at least one fail, policy order

    int count(ControlStatus s) const { return byStatus.value(s); }
    // One line for stderr: "3 hosts (1 not scanned), 22 containers: 250 pass, 9 fail, ..."
    QString line() const;
};

AuditSummary summarize(const AuditRun& run);

// Results ordered for reports: hosts by name, host-scope before containers, containers by name,
// controls in policy order, fleet scope last. Deterministic for the same run.
QList<const ControlResult*> orderedResults(const AuditRun& run);

// Hosts by name; containers by name within each. Pointers into run.
QList<const HostSnapshot*> orderedHosts(const AuditRun& run);
QList<const ContainerSnapshot*> orderedContainers(const HostSnapshot& host);

} // namespace bulwark
