// SPDX-License-Identifier: GPL-3.0-or-later
#include "latencyverdict.h"

#include "percentile.h"

#include <limits>

namespace bulwark {

double judgedP95Ms(const LogLatencySummary& summary)
{
    constexpr double unbounded = std::numeric_limits<double>::infinity();
    if (!summary.probes.isEmpty()) {
        QList<double> latencies;
        latencies.reserve(summary.probes.size());
        for (const LatencyProbe& probe : summary.probes)
            latencies.append(probe.missed || probe.latencyMs < 0 ? unbounded : double(probe.latencyMs));
        return percentile(latencies, 95);
    }
    if (summary.samples == 0 && summary.misses == 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (summary.misses * 20 > summary.samples + summary.misses)
        return unbounded;
    return summary.p95Ms;
}

} // namespace bulwark
