// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/statuscounts.h"
#include "report/reportwriter.h"

#include <QList>
#include <QPointF>
#include <QString>


namespace bulwark::report {

struct ControlSummary {
    ControlDefinition definition;
    StatusCounts counts;
};

struct ContainerSummary {
    QString id;
    QString name;
    QString image;
    QString state;
    StatusCounts counts;
    QList<ControlResult> results; // in control order
};

struct HostSummary {
    QString name;
    HostStatus status = HostStatus::Pending;
    QString error;
    EngineInfo engine;
    StatusCounts counts;                 // every verdict about this host and its containers
    QList<ControlResult> hostResults;    // host scope, in control order
    QList<ContainerSummary> containers;  // sorted by name, then id
    int containerCount = 0;
};

// One failing control, ranked for the executive summary.
struct Risk {
    ControlDefinition control;
    int failing = 0;
    QStringList examples; // "host/container" (at most three), sorted
};

struct WaiverEntry {
    ControlResult result;
    bool expired = false; // expiry before the audit time
};

// One row of the heatmap: a fleet, host or container subject and the folded status per control.
struct HeatmapRow {
    enum class Kind { Fleet, Host, Container };
    Kind kind = Kind::Container;
    QString hostName;
    QString label;
    QList<ControlStatus> cells;  // one per control
    QList<bool> hasResult;       // false: no verdict for this subject and control
};

// Everything the PDF and HTML views show, in display order. Built by a pure function so both views
// say the same thing and the ordering can be tested: every list is sorted by name, never by hash.
struct ReportData {
    QString title;
    QString author;
    QString fleetName;
    PolicyInfo policy;
    QDateTime auditTime;
    QDateTime periodStart;
    QDateTime periodEnd;
    QList<ControlSummary> controls; // policy order
    QList<HostSummary> hosts;       // sorted by name
    QList<ControlResult> fleetResults;
    StatusCounts totals;
    int hostsTotal = 0;
    int hostsScanned = 0;
    int containersTotal = 0;
    QList<Risk> topRisks;
    QList<HeatmapRow> heatmap;
    QList<WaiverEntry> waivers;
    QList<RemediationRecord> remediations; // inside the period, by time
    QList<MemorySample> memoryHistory;     // inside the period, by time/host/container
    QList<LatencyProbe> latencyHistory;    // inside the period, by time
    std::optional<LogLatencySummary> logLatency;

    QStringList controlIds() const;
};

ReportData buildReportData(const AuditRun& run, const ReportOptions& options);

// Log-latency figures over the probes of the period (nearest-rank percentiles over the probes that
// arrived; misses are counted apart, since a missed canary has no latency).
struct LatencyStats {
    int samples = 0;
    int misses = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double maxMs = 0;
};
LatencyStats latencyStats(const QList<LatencyProbe>& probes);

// Chart data shared by the PDF and the HTML (SVG) renderers. x is ms since the epoch.
struct ChartSeries {
    QString name;
    QList<QPointF> points;
    double peak = 0;
};
struct MemoryChart {
    QList<ChartSeries> series; // one per host: the sum of its containers' usage per time bucket
    int hiddenSeries = 0;      // hosts beyond maxSeries, lowest peaks first, not drawn
    double xMin = 0, xMax = 1, yMax = 0;
};
// Buckets the samples of each host over the period and sums its containers' mean usage per bucket.
// Keeps the `maxSeries` hosts with the highest peak, ordered by peak (then name).
MemoryChart memoryChart(const ReportData& data, int maxSeries = 8, int buckets = 48);

struct ContainerPeak {
    QString hostName;
    QString containerName;
    qint64 peakBytes = 0;
    qint64 limitBytes = 0;
};
// The containers with the highest memory peak in the period, highest first.
QList<ContainerPeak> topMemoryContainers(const QList<MemorySample>& samples, int count = 10);

// "host/container" or "host" or "fleet"
QString subjectLabel(const ControlResult& result);
QString hostStatusText(HostStatus status);
QString statusText(ControlStatus status);  // "Pass", "Fail", "Waived", "N/A", "Unknown"
QString severityText(Severity severity);   // "Low", ... "Critical"
QString formatBytes(qint64 bytes);         // "512 MiB", "1.5 GiB"
QString formatTime(const QDateTime& time); // "2026-12-03 16:58 UTC"

} // namespace bulwark::report
