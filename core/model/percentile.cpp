// SPDX-License-Identifier: GPL-3.0-or-later
#include "percentile.h"

#include <algorithm>
#include <cmath>

namespace bulwark {

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    p = std::clamp(p, 0.0, 100.0);
    const double rank = p / 100.0 * double(values.size() - 1);
    const auto lower = qsizetype(std::floor(rank));
    const auto upper = qsizetype(std::ceil(rank));
    const double fraction = rank - double(lower);
    // On an exact rank, or between equal values, no arithmetic: inf - inf would be NaN.
    if (lower == upper || values[lower] == values[upper])
        return values[lower];
    return values[lower] + (values[upper] - values[lower]) * fraction;
}

} // namespace bulwark
