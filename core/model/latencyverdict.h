// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry.h"

namespace bulwark {

// The p95 that NFR-OBS-01 judges, in ms: over every probe sent, a missed canary counted as
// infinitely late (so once the 95th-percentile rank reaches a miss, the p95 is unbounded: +inf).
// Taken from the probes when the summary carries them, else from its figures (then more than 5 %
// misses make it unbounded). bulwark::percentile, so the CLI, the audit, the dashboard and the
// reports agree. NaN when nothing was probed.
double judgedP95Ms(const LogLatencySummary& summary);

} // namespace bulwark
