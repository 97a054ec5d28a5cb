// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence.h"
#include "policy.h"

#include "model/control.h"
#include "model/snapshot.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace bulwark {

// Pure evaluation: (snapshot, policy, context) -> verdicts. No I/O, no shared state; safe to call
// from any thread and cheap enough for 100,000 containers a second.
namespace Evaluator {

// Every container-scope control of the policy for one container, waivers applied, in policy order.
QList<ControlResult> evaluateContainer(const ContainerSnapshot& container, const HostSnapshot& host,
                                       const Policy& policy, const EvaluationContext& context);
// Appends to `out` instead of returning: the benchmark's and the fleet loop's hot path.
void evaluateContainerInto(QList<ControlResult>& out, const ContainerSnapshot& container, const HostSnapshot& host,
                           const Policy& policy, const EvaluationContext& context);

// One control for one container (waivers applied); nullopt when the id is not a container control
// of the policy.
std::optional<ControlResult> evaluateContainerControl(const QString& controlId, const ContainerSnapshot& container,
                                                      const HostSnapshot& host, const Policy& policy,
                                                      const EvaluationContext& context);

// Host-scope controls (REQ-HARD-02) for one scanned host.
QList<ControlResult> evaluateHost(const HostSnapshot& host, const Policy& policy, const EvaluationContext& context);

// Fleet-scope controls (NFR-OBS-01, AC-HARD-03).
QList<ControlResult> evaluateFleet(const Policy& policy, const EvaluationContext& context);

// Everything: every container of every host that was scanned, every host, the fleet.
// Hosts that could not be scanned yield no verdicts; their status says why.
QList<ControlResult> evaluateAll(const FleetSnapshot& fleet, const Policy& policy, const EvaluationContext& context);

// The bind sources of a container that ST-02 treats as sensitive (label or path pattern).
QStringList sensitiveBindSources(const ContainerSnapshot& container, const Policy& policy);

// no-new-privileges as the engine applies HostConfig.SecurityOpt: every spelling it accepts,
// the last entry winning. nullopt when not set; `invalid` names an entry the engine would refuse.
struct NoNewPrivileges {
    std::optional<bool> value;
    QString invalid;
};
NoNewPrivileges noNewPrivileges(const QStringList& securityOpt);

} // namespace Evaluator
} // namespace bulwark
