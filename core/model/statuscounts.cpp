// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuscounts.h"

#include <cmath>

namespace bulwark {

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

double StatusCounts::score() const
{
    const int n = evaluated();
    if (n == 0)
        return -1;
    return 100.0 * (pass + waived) / n;
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
    const double score = counts.score();
    return score < 0 ? -1 : int(std::floor(score));
}

} // namespace bulwark
