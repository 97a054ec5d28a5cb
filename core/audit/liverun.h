// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "policy/evidence.h"
#include "policy/policy.h"

#include <QString>

namespace bulwark {

// Keeps an AuditRun current from watch-mode updates without a new audit: the changed container's
// snapshot replaces the old one and its verdicts are re-evaluated with the policy (pure, no I/O), as
// are the host-scope verdicts of its host and the containers that share its namespaces.
//
// Some controls read evidence that only a full audit gathers (ST-02: a stat of bind sources over
// SSH; OBS-01: Prometheus targets; AC-HARD-02: load checks). For those the verdict of the audit is
// kept as long as what it was judged on is unchanged; otherwise the new verdict, judged on what the
// context has, says so in its note. Pure functions on values: tested without a GUI.
namespace LiveRun {

struct Evaluation {
    Policy policy;
    EvaluationContext context;
};

// The controls whose audit verdict is kept while their inputs are unchanged.
bool needsAuditEvidence(const QString& controlId);

// False when the host is not in the run (or was not scanned): nothing changed.
bool upsertContainer(AuditRun& run, const QString& hostName, const ContainerSnapshot& container, const Evaluation& eval);
bool removeContainer(AuditRun& run, const QString& hostName, const QString& containerId);
// A full rescan of one host (after a reconnect): every verdict of that host is evaluated again.
bool replaceHost(AuditRun& run, const HostSnapshot& host, const Evaluation& eval);

} // namespace LiveRun
} // namespace bulwark
