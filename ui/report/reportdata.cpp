// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportdata.h"

#include "model/percentile.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace bulwark::report {

QStringList ReportData::controlIds() const
{
    QStringList ids;
    for (const auto& c : controls)
        ids << c.definition.id;
    return ids;
}

QString subjectLabel(const ControlResult& result)
{
    switch (result.scope) {
    case ControlScope::Fleet:
        return QStringLiteral("fleet");
    case ControlScope::Host:
        return result.hostName;
    case ControlScope::Container:
        break;
    }
    const QString name = result.containerName.isEmpty() ? result.containerId.left(12) : result.containerName;
    return result.hostName + QLatin1Char('/') + name;
}

QString statusText(ControlStatus status)
{
    switch (status) {
    case ControlStatus::Pass:
        return QStringLiteral("Pass");
    case ControlStatus::Fail:
        return QStringLiteral("Fail");
    case ControlStatus::Waived:
        return QStringLiteral("Waived");
    case ControlStatus::NotApplicable:
        return QStringLiteral("N/A");
    case ControlStatus::Unknown:
        return QStringLiteral("Unknown");
    }
    return {};
}

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return QStringLiteral("Low");
    case Severity::Medium:
        return QStringLiteral("Medium");
    case Severity::High:
        return QStringLiteral("High");
    case Severity::Critical:
        return QStringLiteral("Critical");
    }
    return {};
}

QString hostStatusText(HostStatus status)
{
    switch (status) {
    case HostStatus::Pending:
        return QStringLiteral("not scanned");
    case HostStatus::Ok:
        return QStringLiteral("scanned");
    case HostStatus::Unreachable:
        return QStringLiteral("unreachable");
    case HostStatus::AuthFailed:
        return QStringLiteral("authentication failed");
    case HostStatus::HostKeyUnknown:
        return QStringLiteral("host key unknown");
    case HostStatus::HostKeyChanged:
        return QStringLiteral("host key changed");
    case HostStatus::ApiError:
        return QStringLiteral("engine API error");
    case HostStatus::Timeout:
        return QStringLiteral("timed out");
    case HostStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString formatBytes(qint64 bytes)
{
    constexpr double KiB = 1024.0;
    constexpr double MiB = KiB * 1024;
    constexpr double GiB = MiB * 1024;
    const double b = static_cast<double>(bytes);
    if (b >= GiB)
        return QString::number(b / GiB, 'f', 2) + QStringLiteral(" GiB");
    if (b >= MiB)
        return QString::number(b / MiB, 'f', b >= 100 * MiB ? 0 : 1) + QStringLiteral(" MiB");
    if (b >= KiB)
        return QString::number(b / KiB, 'f', 0) + QStringLiteral(" KiB");
    return QString::number(bytes) + QStringLiteral(" B");
}

QString formatTime(const QDateTime& time)
{
    if (!time.isValid())
        return QStringLiteral("unknown");
    // Always UTC: a report read in another time zone must say the same thing.
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

namespace {

QString loginName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

// A stable order for results inside one subject: policy order of the controls.
void sortByControl(QList<ControlResult>& results, const QHash<QString, int>& controlIndex)
{
    std::stable_sort(results.begin(), results.end(), [&](const ControlResult& a, const ControlResult& b) {
        const int ia = controlIndex.value(a.controlId, INT_MAX);
        const int ib = controlIndex.value(b.controlId, INT_MAX);
        if (ia != ib)
            return ia < ib;
        return a.controlId < b.controlId;
    });
}

ControlStatus fold(ControlStatus a, ControlStatus b)
{
    return statusBadness(b) > statusBadness(a) ? b : a;
}

} // namespace

ReportData buildReportData(const AuditRun& run, const ReportOptions& options)
{
    ReportData d;
    d.title = options.title.isEmpty() ? QStringLiteral("Hardening audit report") : options.title;
    d.author = !options.author.isEmpty() ? options.author : !run.generatedBy.isEmpty() ? run.generatedBy : loginName();
    d.fleetName = run.fleetName.isEmpty() ? QStringLiteral("(unnamed fleet)") : run.fleetName;
    d.policy = run.policy;
    d.auditTime = run.generatedAt.isValid() ? run.generatedAt : run.fleet.finishedAt;

    // Controls: policy order; verdicts for controls the policy does not list still get a column.
    QHash<QString, int> controlIndex;
    for (const auto& def : run.controls) {
        if (controlIndex.contains(def.id))
            continue;
        controlIndex.insert(def.id, static_cast<int>(d.controls.size()));
        d.controls.append({def, {}});
    }
    QStringList extra;
    for (const auto& r : run.results)
        if (!controlIndex.contains(r.controlId) && !extra.contains(r.controlId))
            extra << r.controlId;
    extra.sort();
    for (const auto& id : std::as_const(extra)) {
        ControlDefinition def;
        def.id = id;
        def.title = QStringLiteral("(not in the policy)");
        controlIndex.insert(id, static_cast<int>(d.controls.size()));
        d.controls.append({def, {}});
    }

    // Hosts and containers from the snapshot, then any subject only the results mention.
    QMap<QString, HostSummary> hosts; // QMap: sorted by name, deterministic
    QMap<QString, QMap<QString, ContainerSummary>> containers; // host -> "name\nid" -> summary
    auto containerKey = [](const QString& name, const QString& id) -> QString { return name + QLatin1Char('\n') + id; };
    for (const auto& h : run.fleet.hosts) {
        HostSummary& hs = hosts[h.hostName];
        hs.name = h.hostName;
        hs.status = h.status;
        hs.error = h.error;
        hs.engine = h.engine;
        auto& cs = containers[h.hostName];
        for (const auto& c : h.containers) {
            ContainerSummary& s = cs[containerKey(c.name, c.id)];
            s.id = c.id;
            s.name = c.name;
            s.image = c.image;
            s.state = c.state;
        }
    }
    // Lookup only, never iterated: QHash order cannot leak into the report.
    QHash<QString, QHash<QString, QString>> idIndex, nameIndex;
    // Results find their container by id first (names can repeat across restarts), then by name.
    for (const auto& r : run.results) {
        auto& controlCounts = d.controls[controlIndex.value(r.controlId)].counts;
        controlCounts.add(r.status);
        d.totals.add(r.status);
        if (r.status == ControlStatus::Waived || !r.waiverReason.isEmpty())
            d.waivers.append({r, r.waiverExpires.isValid() && d.auditTime.isValid() && r.waiverExpires < d.auditTime});
        if (r.scope == ControlScope::Fleet || r.hostName.isEmpty()) {
            d.fleetResults.append(r);
            continue;
        }
        HostSummary& hs = hosts[r.hostName];
        if (hs.name.isEmpty()) {
            hs.name = r.hostName;
            hs.status = HostStatus::Ok;
        }
        hs.counts.add(r.status);
        if (r.scope == ControlScope::Host) {
            hs.hostResults.append(r);
            continue;
        }
        auto& cs = containers[r.hostName];
        auto& byId = idIndex[r.hostName];
        auto& byName = nameIndex[r.hostName];
        if (byId.isEmpty() && !cs.isEmpty()) {
            for (auto it = cs.cbegin(); it != cs.cend(); ++it) {
                byId.insert(it->id, it.key());
                byName.insert(it->name, it.key());
            }
        }
        QString key = !r.containerId.isEmpty() ? byId.value(r.containerId) : byName.value(r.containerName);
        if (key.isEmpty()) {
            key = containerKey(r.containerName, r.containerId);
            ContainerSummary& s = cs[key];
            s.id = r.containerId;
            s.name = r.containerName;
            byId.insert(s.id, key);
            byName.insert(s.name, key);
        }
        ContainerSummary* target = &cs[key];
        target->counts.add(r.status);
        target->results.append(r);
    }

    for (auto it = hosts.begin(); it != hosts.end(); ++it) {
        HostSummary hs = it.value();
        sortByControl(hs.hostResults, controlIndex);
        for (auto c : containers.value(it.key())) {
            sortByControl(c.results, controlIndex);
            hs.containers.append(c);
        }
        hs.containerCount = static_cast<int>(hs.containers.size());
        d.containersTotal += hs.containerCount;
        ++d.hostsTotal;
        if (hs.status == HostStatus::Ok)
            ++d.hostsScanned;
        d.hosts.append(hs);
    }
    sortByControl(d.fleetResults, controlIndex);

    // Top risks: failing controls, worst severity first, then most subjects affected, then id.
    for (const auto& cs : std::as_const(d.controls)) {
        if (cs.counts.fail == 0)
            continue;
        Risk risk{cs.definition, cs.counts.fail, {}};
        d.topRisks.append(risk);
    }
    std::sort(d.topRisks.begin(), d.topRisks.end(), [](const Risk& a, const Risk& b) {
        if (a.control.severity != b.control.severity)
            return a.control.severity > b.control.severity;
        if (a.failing != b.failing)
            return a.failing > b.failing;
        return a.control.id < b.control.id;
    });
    if (d.topRisks.size() > 5)
        d.topRisks.resize(5);
    for (auto& risk : d.topRisks) {
        QStringList subjects;
        for (const auto& r : run.results)
            if (r.controlId == risk.control.id && r.status == ControlStatus::Fail)
                subjects << subjectLabel(r);
        subjects.sort();
        risk.examples = subjects.mid(0, 3);
    }

    // Heatmap: fleet row, then per host a host row and its containers; cells fold many verdicts
    // into the worst one so a glance never hides a failure.
    const int nControls = static_cast<int>(d.controls.size());
    auto makeRow = [&](HeatmapRow::Kind kind, const QString& host, const QString& label,
                       const QList<ControlResult>& results) {
        HeatmapRow row{kind, host, label, QList<ControlStatus>(nControls, ControlStatus::NotApplicable),
                       QList<bool>(nControls, false)};
        for (const auto& r : results) {
            const int i = controlIndex.value(r.controlId);
            row.cells[i] = row.hasResult[i] ? fold(row.cells[i], r.status) : r.status;
            row.hasResult[i] = true;
        }
        return row;
    };
    if (!d.fleetResults.isEmpty())
        d.heatmap.append(makeRow(HeatmapRow::Kind::Fleet, {}, QStringLiteral("Fleet"), d.fleetResults));
    for (const auto& hs : std::as_const(d.hosts)) {
        QString label = hs.name;
        if (hs.status != HostStatus::Ok)
            label += QStringLiteral(" (") + hostStatusText(hs.status) + QLatin1Char(')');
        d.heatmap.append(makeRow(HeatmapRow::Kind::Host, hs.name, label, hs.hostResults));
        for (const auto& c : hs.containers)
            d.heatmap.append(makeRow(HeatmapRow::Kind::Container, hs.name, c.name.isEmpty() ? c.id.left(12) : c.name,
                                     c.results));
    }

    std::stable_sort(d.waivers.begin(), d.waivers.end(), [&](const WaiverEntry& a, const WaiverEntry& b) {
        const QString sa = subjectLabel(a.result), sb = subjectLabel(b.result);
        if (sa != sb)
            return sa < sb;
        return controlIndex.value(a.result.controlId) < controlIndex.value(b.result.controlId);
    });

    // The period: given, else what the histories cover, else the day before the audit.
    qint64 first = LLONG_MAX, last = LLONG_MIN;
    QList<LatencyProbe> probes = options.latencyHistory;
    if (probes.isEmpty() && run.logLatency)
        probes = run.logLatency->probes;
    for (const auto& s : options.memoryHistory) {
        first = std::min(first, s.timestampMs);
        last = std::max(last, s.timestampMs);
    }
    for (const auto& p : std::as_const(probes)) {
        first = std::min(first, p.emittedMs);
        last = std::max(last, p.emittedMs);
    }
    d.periodStart = options.periodStart;
    d.periodEnd = options.periodEnd;
    if (!d.periodStart.isValid())
        d.periodStart = first != LLONG_MAX ? QDateTime::fromMSecsSinceEpoch(first, QTimeZone::utc())
                                          : (d.auditTime.isValid() ? d.auditTime.addDays(-1) : QDateTime());
    if (!d.periodEnd.isValid())
        d.periodEnd = last != LLONG_MIN ? std::max(QDateTime::fromMSecsSinceEpoch(last, QTimeZone::utc()), d.auditTime)
                                       : d.auditTime;
    const qint64 from = d.periodStart.isValid() ? d.periodStart.toMSecsSinceEpoch() : LLONG_MIN;
    const qint64 to = d.periodEnd.isValid() ? d.periodEnd.toMSecsSinceEpoch() : LLONG_MAX;

    for (const auto& s : options.memoryHistory)
        if (s.timestampMs >= from && s.timestampMs <= to)
            d.memoryHistory.append(s);
    std::stable_sort(d.memoryHistory.begin(), d.memoryHistory.end(), [](const MemorySample& a, const MemorySample& b) {
        return std::tie(a.timestampMs, a.hostName, a.containerName, a.containerId)
               < std::tie(b.timestampMs, b.hostName, b.containerName, b.containerId);
    });
    for (const auto& p : std::as_const(probes))
        if (p.emittedMs >= from && p.emittedMs <= to)
            d.latencyHistory.append(p);
    std::stable_sort(d.latencyHistory.begin(), d.latencyHistory.end(), [](const LatencyProbe& a, const LatencyProbe& b) {
        return std::tie(a.emittedMs, a.hostName, a.marker) < std::tie(b.emittedMs, b.hostName, b.marker);
    });
    d.logLatency = run.logLatency;

    for (const auto& r : run.remediations) {
        const qint64 t = r.timestamp.isValid() ? r.timestamp.toMSecsSinceEpoch() : LLONG_MIN;
        if (!r.timestamp.isValid() || (t >= from && t <= to))
            d.remediations.append(r);
    }
    std::stable_sort(d.remediations.begin(), d.remediations.end(),
                     [](const RemediationRecord& a, const RemediationRecord& b) {
                         const qint64 ta = a.timestamp.isValid() ? a.timestamp.toMSecsSinceEpoch() : 0;
                         const qint64 tb = b.timestamp.isValid() ? b.timestamp.toMSecsSinceEpoch() : 0;
                         return std::tie(ta, a.id) < std::tie(tb, b.id);
                     });
    return d;
}

LatencyStats latencyStats(const QList<LatencyProbe>& probes)
{
    LatencyStats st;
    QList<double> values;
    for (const auto& p : probes) {
        if (p.missed || p.latencyMs < 0) {
            ++st.misses;
            continue;
        }
        values << static_cast<double>(p.latencyMs);
    }
    st.samples = static_cast<int>(values.size());
    if (values.isEmpty())
        return st;
    // The same percentile as the probe's summary, the CLI and the dashboard (core/model/percentile.h).
    st.p50Ms = percentile(values, 50);
    st.p95Ms = percentile(values, 95);
    st.maxMs = *std::max_element(values.cbegin(), values.cend());
    return st;
}

MemoryChart memoryChart(const ReportData& data, int maxSeries, int buckets)
{
    MemoryChart chart;
    if (data.memoryHistory.isEmpty())
        return chart;
    qint64 lo = data.memoryHistory.first().timestampMs, hi = lo;
    for (const auto& s : data.memoryHistory) {
        lo = std::min(lo, s.timestampMs);
        hi = std::max(hi, s.timestampMs);
    }
    if (data.periodStart.isValid())
        lo = std::min(lo, data.periodStart.toMSecsSinceEpoch());
    if (data.periodEnd.isValid())
        hi = std::max(hi, data.periodEnd.toMSecsSinceEpoch());
    chart.xMin = static_cast<double>(lo);
    chart.xMax = static_cast<double>(std::max(hi, lo + 1));
    buckets = std::max(1, buckets);
    const double width = (chart.xMax - chart.xMin) / buckets;

    // host -> bucket -> container -> (sum, n); QMap keeps everything in name order.
    QMap<QString, QMap<int, QMap<QString, std::pair<double, int>>>> acc;
    for (const auto& s : data.memoryHistory) {
        const int b = std::min(buckets - 1, static_cast<int>((static_cast<double>(s.timestampMs) - chart.xMin) / width));
        auto& cell = acc[s.hostName][b][s.containerId.isEmpty() ? s.containerName : s.containerId];
        cell.first += static_cast<double>(s.usageBytes);
        cell.second += 1;
    }
    QList<ChartSeries> all;
    for (auto h = acc.cbegin(); h != acc.cend(); ++h) {
        ChartSeries series;
        series.name = h.key();
        for (auto b = h->cbegin(); b != h->cend(); ++b) {
            double total = 0;
            for (const auto& [sum, n] : *b)
                total += sum / n;
            series.points << QPointF(chart.xMin + (b.key() + 0.5) * width, total);
            series.peak = std::max(series.peak, total);
        }
        all << series;
    }
    std::stable_sort(all.begin(), all.end(), [](const ChartSeries& a, const ChartSeries& b) {
        if (a.peak != b.peak)
            return a.peak > b.peak;
        return a.name < b.name;
    });
    if (all.size() > maxSeries) {
        chart.hiddenSeries = static_cast<int>(all.size()) - maxSeries;
        all.resize(maxSeries);
    }
    for (const auto& s : std::as_const(all))
        chart.yMax = std::max(chart.yMax, s.peak);
    chart.series = all;
    return chart;
}

QList<ContainerPeak> topMemoryContainers(const QList<MemorySample>& samples, int count)
{
    QMap<QString, ContainerPeak> peaks; // "host\ncontainer" -> peak, sorted
    for (const auto& s : samples) {
        const QString name = s.containerName.isEmpty() ? s.containerId.left(12) : s.containerName;
        ContainerPeak& p = peaks[s.hostName + QLatin1Char('\n') + name];
        p.hostName = s.hostName;
        p.containerName = name;
        if (s.usageBytes >= p.peakBytes) {
            p.peakBytes = s.usageBytes;
            p.limitBytes = s.limitBytes;
        }
    }
    QList<ContainerPeak> list = peaks.values();
    std::stable_sort(list.begin(), list.end(),
                     [](const ContainerPeak& a, const ContainerPeak& b) { return a.peakBytes > b.peakBytes; });
    if (list.size() > count)
        list.resize(count);
    return list;
}

} // namespace bulwark::report
