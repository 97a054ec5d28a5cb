// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"
#include "model/telemetry.h"
#include "waivers.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace bulwark {

// The mode and owner of a bind source on its host, from `stat -c '%a %U %n'` over SSH.
struct PathStat {
    QString path;
    int mode = -1; // permission bits (e.g. 0755), -1 when not known
    QString owner;
    QString error; // why it could not be checked (missing file, ssh failure, ...)
    bool known() const { return mode >= 0; }
};

// One active target of Prometheus's /api/v1/targets. The lab's (and hy-home's) relabelling
// gives every target the labels `host` (fleet host name) and `container` (container name).
struct PrometheusTarget {
    QMap<QString, QString> labels;
    QString scrapeUrl;
    QString health; // "up", "down", "unknown"
    QString lastError;
};

struct PrometheusEvidence {
    QString url;
    bool reachable = false;
    QString error; // when not reachable or the reply was malformed
    QList<PrometheusTarget> targets;
    // "host\ncontainer" -> indexes into targets. Built by buildIndex(); without it the evaluator
    // scans the whole list per container, which is quadratic on big fleets.
    QHash<QString, QList<qsizetype>> bySubject;

    void buildIndex();
};

// Everything beyond the snapshots that the evaluators read. A plain value: the Auditor fills it
// in worker threads, tests build it by hand.
struct EvaluationContext {
    QDateTime now = QDateTime::currentDateTimeUtc();
    QList<Waiver> waivers;
    QHash<QString, PathStat> pathStats; // key: pathStatKey(host, path)
    std::optional<PrometheusEvidence> prometheus;
    std::optional<LogLatencySummary> logLatency;
    QString logLatencyNote; // why the latency is not measured, for the unknown verdicts
    QList<LoadCheckResult> loadChecks;
};

inline QString pathStatKey(const QString& host, const QString& path)
{
    return host + QLatin1Char('\n') + path;
}

// Parses the output of `stat -c '%a %U %n' PATH...` (one line per path; paths may contain spaces).
QList<PathStat> parseStatOutput(const QByteArray& output);

// Parses Prometheus's /api/v1/targets reply (activeTargets). Errors name what is wrong.
Result<QList<PrometheusTarget>> parsePrometheusTargets(const QByteArray& json);

} // namespace bulwark
