// SPDX-License-Identifier: GPL-3.0-or-later
#include "memoryceilings.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace bulwark {

namespace MemoryCeilings {

qint64 templateCeiling(const QMap<QString, QString>& labels)
{
    return labels.value(TemplateLabel) == TemplateInfraHigh ? TemplateInfraHighBytes : 0;
}

qint64 hostShare(qint64 memTotalBytes)
{
    return memTotalBytes > 0 ? memTotalBytes / 5 : 0;
}

qint64 effectiveCeiling(qint64 limitBytes, qint64 templateCeilingBytes)
{
    if (limitBytes > 0 && templateCeilingBytes > 0)
        return std::min(limitBytes, templateCeilingBytes);
    return std::max<qint64>(0, std::max(limitBytes, templateCeilingBytes));
}

double cpuPercentFromStats(const QByteArray& statsJson)
{
    const auto j = nlohmann::json::parse(statsJson.constData(), statsJson.constData() + statsJson.size(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return 0;
    auto number = [](const nlohmann::json& obj, std::initializer_list<const char*> path) -> double {
        const nlohmann::json* cur = &obj;
        for (const char* key : path) {
            if (!cur->is_object() || !cur->contains(key))
                return 0;
            cur = &(*cur)[key];
        }
        return cur->is_number() ? cur->get<double>() : 0;
    };
    const double cpuDelta = number(j, {"cpu_stats", "cpu_usage", "total_usage"})
        - number(j, {"precpu_stats", "cpu_usage", "total_usage"});
    const double systemDelta = number(j, {"cpu_stats", "system_cpu_usage"}) - number(j, {"precpu_stats", "system_cpu_usage"});
    double cpus = number(j, {"cpu_stats", "online_cpus"});
    if (cpus <= 0 && j.contains("cpu_stats") && j["cpu_stats"].contains("cpu_usage")
        && j["cpu_stats"]["cpu_usage"].contains("percpu_usage") && j["cpu_stats"]["cpu_usage"]["percpu_usage"].is_array())
        cpus = double(j["cpu_stats"]["cpu_usage"]["percpu_usage"].size());
    // No previous reading (one-shot stats, first tick): no delta to speak of.
    if (number(j, {"precpu_stats", "system_cpu_usage"}) <= 0 || cpuDelta <= 0 || systemDelta <= 0 || cpus <= 0)
        return 0;
    return cpuDelta / systemDelta * cpus * 100.0;
}

} // namespace MemoryCeilings

IdleDetector::IdleDetector(double thresholdPercent, int window) : m_threshold(thresholdPercent), m_window(std::max(1, window)) {}

void IdleDetector::add(double hostCpuPercent)
{
    m_recent.append(hostCpuPercent);
    while (m_recent.size() > m_window)
        m_recent.removeFirst();
}

bool IdleDetector::isIdle() const
{
    return m_recent.size() >= m_window
        && std::all_of(m_recent.cbegin(), m_recent.cend(), [this](double v) { return v < m_threshold; });
}

void IdleDetector::reset()
{
    m_recent.clear();
}

QList<MemorySample> HostMemoryStatus::samples() const
{
    QList<MemorySample> list;
    list.reserve(containers.size() + 1);
    for (const ContainerMemoryStatus& c : containers)
        list.append(c.sample);
    if (ok())
        list.append(MemorySample{hostName, QString(), QStringLiteral("(host total)"),
                                 sampledAt.toMSecsSinceEpoch(), totalUsageBytes, shareBytes});
    return list;
}

} // namespace bulwark
