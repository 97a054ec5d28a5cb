// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "model/telemetry.h"

#include <QList>

namespace bulwark::ui::sample {

// A plausible, deterministic audit for demos, screenshots, widget tests and the heatmap benchmark:
// `hosts` hosts × `containersPerHost` synthetic containers (each service deviating from a good
// deployment at its own rate), judged by the real evaluator against the embedded SPEC-INFRA-04
// policy. The same seed always gives the same run. With `unreachableHosts` > 0 the last hosts end
// unreachable.
struct SampleOptions {
    int hosts = 3;
    int containersPerHost = 8;
    int unreachableHosts = 0;
    quint32 seed = 4;
    QDateTime now; // invalid: current time
};

QList<ControlDefinition> specControls();
AuditRun makeAuditRun(const SampleOptions& options);

// Memory history for every running container of the run: one sample every `stepMinutes` going
// back `days` days, with a daily rhythm and some noise.
QList<MemorySample> makeMemoryHistory(const AuditRun& run, int days, int stepMinutes, quint32 seed = 7);

} // namespace bulwark::ui::sample
