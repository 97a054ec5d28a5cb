// SPDX-License-Identifier: GPL-3.0-or-later
#include "score.h"

#include <cmath>

namespace bulwark::ui {

void StatusCounts::add(ControlStatus status)
{
    switch (status) {
    case ControlStatus::Pass:
        ++pass;
        break;
    case ControlStatus::Fail:
        ++fail;
        break;
    case ControlStatus::Waived:
        ++waived;
        break;
    case ControlStatus::NotApplicable:
        ++notApplicable;
        break;
    case ControlStatus::Unknown:
        ++unknown;
        break;
    }
}

int StatusCounts::of(ControlStatus status) const
{
    switch (status) {
    case ControlStatus::Pass:
        return pass;
    case ControlStatus::Fail:
        return fail;
    case ControlStatus::Waived:
        return waived;
    case ControlStatus::NotApplicable:
        return notApplicable;
    case ControlStatus::Unknown:
        return unknown;
    }
    return 0;
}

StatusCounts countStatuses(const QList<ControlResult>& results)
{
    StatusCounts c;
    for (const ControlResult& r : results)
        c.add(r.status);
    return c;
}

int scorePercent(const StatusCounts& counts)
{
    const int good = counts.pass + counts.waived;
    const int decided = good + counts.fail + counts.unknown;
    if (decided == 0)
        return -1;
    // Floor, so a fleet with a single failure never rounds up to a perfect 100.
    return int(std::floor(100.0 * good / decided));
}

} // namespace bulwark::ui
