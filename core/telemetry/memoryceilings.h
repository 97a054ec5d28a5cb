// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/telemetry.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

namespace bulwark {

// The ceilings SPEC-INFRA-04 puts on memory, and the idle rule REQ-HARD-02 is judged under. Pure.
namespace MemoryCeilings {

// AC-HARD-02: a service deployed with template-infra-high must stay under 2 GiB.
constexpr qint64 TemplateInfraHighBytes = 2LL * 1024 * 1024 * 1024;
inline const QString TemplateLabel = QStringLiteral("io.hy-home.template");
inline const QString TemplateInfraHigh = QStringLiteral("template-infra-high");

// 2 GiB for io.hy-home.template=template-infra-high, 0 (none) otherwise.
qint64 templateCeiling(const QMap<QString, QString>& labels);
// REQ-HARD-02: 20 % of the host's MemTotal.
qint64 hostShare(qint64 memTotalBytes);
// The tightest of the non-zero ceilings; 0 when there is none.
qint64 effectiveCeiling(qint64 limitBytes, qint64 templateCeilingBytes);

// CPU use as `docker stats` shows it (100 = one CPU) from a /containers/{id}/stats?stream=false reply,
// from the cpu_stats/precpu_stats deltas. 0 when the reply has no previous reading (one-shot).
double cpuPercentFromStats(const QByteArray& statsJson);

} // namespace MemoryCeilings

// The idle rule for REQ-HARD-02 (documented in README): a host is idle when, over the last `window`
// samples (default 6 = one minute at the 10 s default interval), its containers' combined CPU use
// stayed below `thresholdPercent` (default 10) of the host's CPU capacity. Until the window is full
// the host counts as not idle, so a verdict is never drawn from one quiet reading.
class IdleDetector final {
public:
    explicit IdleDetector(double thresholdPercent = 10.0, int window = 6);
    void add(double hostCpuPercent);
    bool isIdle() const;
    void reset();

private:
    double m_threshold;
    int m_window;
    QList<double> m_recent;
};

struct ContainerMemoryStatus {
    MemorySample sample;               // usage as docker stats computes it; limit 0 = none
    QMap<QString, QString> labels;
    double cpuPercent = 0;             // 100 = one CPU
    qint64 templateCeilingBytes = 0;   // 2 GiB under template-infra-high, else 0
    qint64 effectiveCeilingBytes = 0;  // tightest of limit and template ceiling, 0 = none
    bool overCeiling() const { return effectiveCeilingBytes > 0 && sample.usageBytes > effectiveCeilingBytes; }
};

struct HostMemoryStatus {
    QString hostName;
    QDateTime sampledAt;
    qint64 memTotalBytes = 0;
    int cpus = 0;
    qint64 shareBytes = 0;           // REQ-HARD-02: 20 % of MemTotal
    qint64 totalUsageBytes = 0;      // all running containers
    double cpuPercentOfHost = 0;     // all containers' CPU as % of the host's capacity
    bool idle = false;               // per IdleDetector
    QList<ContainerMemoryStatus> containers;
    QString error;                   // non-empty: this host could not be sampled this time

    bool ok() const { return error.isEmpty(); }
    bool overShare() const { return shareBytes > 0 && totalUsageBytes > shareBytes; }
    // The samples to store: one per container, plus the host total (containerId empty,
    // containerName "(host total)", limitBytes = the 20 % share).
    QList<MemorySample> samples() const;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::HostMemoryStatus)
