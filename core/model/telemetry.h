// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bulwark {

// One memory reading of one container, as stored in the history.
struct MemorySample {
    QString hostName;
    QString containerId;
    QString containerName;
    qint64 timestampMs = 0; // ms since epoch, UTC
    qint64 usageBytes = 0;
    qint64 limitBytes = 0;  // 0 = no limit
};

// One log-ingestion probe: a canary line pushed (or emitted by a container) and searched for in Loki.
struct LatencyProbe {
    qint64 emittedMs = 0;   // ms since epoch when the canary was emitted
    qint64 latencyMs = -1;  // visible - emitted; -1 when missed
    bool missed = false;    // not searchable before the probe's timeout
    QString hostName;       // empty for a direct push, the host for an end-to-end probe
    QString mode;           // "push" or "end-to-end"
    QString marker;         // the canary's unique id
    QString error;          // why it missed, if known
};

struct LogLatencySummary {
    int samples = 0;
    int misses = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double maxMs = 0;
    QDateTime windowStart;
    QDateTime windowEnd;
    QList<LatencyProbe> probes;
};

// A synthetic-load run for AC-HARD-02.
struct LoadCheckResult {
    QString hostName;
    QString containerId;
    QString containerName;
    qint64 peakUsageBytes = 0;
    qint64 ceilingBytes = 0;
    qint64 limitBytes = 0;
    bool oomKilled = false;
    int samples = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString error;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::MemorySample)
Q_DECLARE_METATYPE(bulwark::LatencyProbe)
Q_DECLARE_METATYPE(bulwark::LogLatencySummary)
