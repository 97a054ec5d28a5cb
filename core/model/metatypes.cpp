// SPDX-License-Identifier: GPL-3.0-or-later
#include "metatypes.h"

#include "auditrun.h"
#include "fleetconfig.h"
#include "snapshot.h"
#include "telemetry.h"

namespace bulwark {

void registerMetaTypes()
{
    qRegisterMetaType<HostEntry>();
    qRegisterMetaType<FleetConfig>();
    qRegisterMetaType<ContainerSnapshot>();
    qRegisterMetaType<HostSnapshot>();
    qRegisterMetaType<FleetSnapshot>();
    qRegisterMetaType<ControlResult>();
    qRegisterMetaType<MemorySample>();
    qRegisterMetaType<LatencyProbe>();
    qRegisterMetaType<LogLatencySummary>();
    qRegisterMetaType<RemediationRecord>();
    qRegisterMetaType<AuditRun>();
}

} // namespace bulwark
