// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>

namespace bulwark {

// The p-th percentile (p in 0..100, clamped) of values, by linear interpolation between the closest
// ranks (numpy's default, Hyndman & Fan type 7): rank = p/100 * (n - 1) in the sorted values. A small
// window's p95 is then not simply its maximum, and adding one fast sample never raises a percentile.
// +infinity is a valid value (a missed canary is infinitely late): a rank that touches it is infinite.
// 0 when values is empty.
//
// The one definition of a latency percentile in Bulwark: the probe's LogLatencySummary, the
// NFR-OBS-01 verdict, the dashboard's latency chart and the reports all use it.
double percentile(QList<double> values, double p);

} // namespace bulwark
