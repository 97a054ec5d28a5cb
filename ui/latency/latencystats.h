// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/telemetry.h"

#include <QList>
#include <QString>

namespace bulwark::ui {

// Pure helpers behind the log-latency view.
struct HistogramBucket {
    qint64 fromMs = 0;
    qint64 toMs = 0; // exclusive; the last bucket is open-ended
    int count = 0;
};

// Buckets of `bucketMs` up to `capMs`, plus one "≥ cap" bucket. Missed probes are not counted here.
QList<HistogramBucket> latencyHistogram(const QList<LatencyProbe>& probes, qint64 bucketMs = 500, qint64 capMs = 6000);
// The p-th (0..1) percentile of the latencies of probes that arrived (bulwark::percentile); -1 when none.
double latencyPercentile(const QList<LatencyProbe>& probes, double p);
QString bucketLabel(const HistogramBucket& bucket, bool last);

} // namespace bulwark::ui
