// SPDX-License-Identifier: GPL-3.0-or-later
#include "latencystats.h"

#include "model/percentile.h"

#include <algorithm>
#include <cmath>

namespace bulwark::ui {

QList<HistogramBucket> latencyHistogram(const QList<LatencyProbe>& probes, qint64 bucketMs, qint64 capMs)
{
    QList<HistogramBucket> out;
    if (bucketMs <= 0 || capMs <= 0)
        return out;
    for (qint64 from = 0; from < capMs; from += bucketMs)
        out.append(HistogramBucket{from, std::min(from + bucketMs, capMs), 0});
    out.append(HistogramBucket{capMs, -1, 0});
    for (const LatencyProbe& p : probes) {
        if (p.missed || p.latencyMs < 0)
            continue;
        const qsizetype i = p.latencyMs >= capMs ? out.size() - 1 : qsizetype(p.latencyMs / bucketMs);
        ++out[std::min(i, out.size() - 1)].count;
    }
    return out;
}

double latencyPercentile(const QList<LatencyProbe>& probes, double p)
{
    QList<double> v;
    for (const LatencyProbe& pr : probes)
        if (!pr.missed && pr.latencyMs >= 0)
            v.append(double(pr.latencyMs));
    if (v.isEmpty())
        return -1;
    // The same definition as the probe's summary and the CLI (core/model/percentile.h), so the chart's
    // p95 line never disagrees with the NFR-OBS-01 verdict beside it.
    return percentile(v, p * 100.0);
}

QString bucketLabel(const HistogramBucket& bucket, bool last)
{
    if (last)
        return QStringLiteral("≥%1").arg(double(bucket.fromMs) / 1000.0, 0, 'g', 3);
    return QStringLiteral("%1–%2").arg(double(bucket.fromMs) / 1000.0, 0, 'g', 3).arg(double(bucket.toMs) / 1000.0, 0, 'g', 3);
}

} // namespace bulwark::ui
