// SPDX-License-Identifier: GPL-3.0-or-later
#include "samplerun.h"

#include "model/latencyverdict.h"
#include "telemetry/lokiprobe.h"

#include <QRandomGenerator>

#include <algorithm>
#include <array>
#include <cmath>

namespace bulwark::ui::sample {
namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kGiB = 1024 * kMiB;

struct ControlSeed {
    const char* id;
    const char* title;
    ControlScope scope;
    Severity severity;
    const char* evidenceField;
    const char* remediation;
};

constexpr std::array kControls{
    ControlSeed{"REQ-HARD-01", "Universal isolation from host namespaces", ControlScope::Container, Severity::High,
                "HostConfig.PidMode/NetworkMode/IpcMode", "Remove pid/network/ipc: host or document the dependency."},
    ControlSeed{"REQ-HARD-02", "Idle memory within 20 % of host memory", ControlScope::Container, Severity::Medium,
                "memory.usage", "Set a memory limit and tune the service's caches."},
    ControlSeed{"REQ-HARD-03", "Read-only root filesystem", ControlScope::Container, Severity::Medium,
                "HostConfig.ReadonlyRootfs", "Set read_only: true and mount tmpfs for scratch paths."},
    ControlSeed{"NFR-SEC-01", "Restricted kernel capabilities", ControlScope::Container, Severity::High,
                "HostConfig.CapAdd/CapDrop", "Drop all capabilities and add back only what is needed."},
    ControlSeed{"NFR-OBS-01", "Log ingestion p95 below 2 s", ControlScope::Fleet, Severity::Medium,
                "Loki probe p95", "Check the log shipper's batching and Loki's ingester."},
    ControlSeed{"ST-01", "Persistent mounts are bind mounts", ControlScope::Container, Severity::Low,
                "Mounts[].Type", "Replace named volumes by bind mounts."},
    ControlSeed{"ST-02", "Sensitive volumes owner-only", ControlScope::Container, Severity::High,
                "stat of bind sources", "chmod 0700 the bind source on the host."},
    ControlSeed{"INF-01", "Only the infra_net network", ControlScope::Container, Severity::Medium,
                "NetworkSettings.Networks", "Attach the service to infra_net only."},
    ControlSeed{"INF-02", "No externally exposed infrastructure ports", ControlScope::Container, Severity::Critical,
                "NetworkSettings.Ports", "Bind the port to 127.0.0.1 or drop the ports: entry."},
    ControlSeed{"SEC-01", "no-new-privileges in production", ControlScope::Container, Severity::High,
                "HostConfig.SecurityOpt", "Add security_opt: [\"no-new-privileges:true\"]."},
    ControlSeed{"SEC-02", "cap_drop: ALL for sidecars", ControlScope::Container, Severity::Medium,
                "HostConfig.CapDrop", "Add cap_drop: [ALL] to the sidecar."},
    ControlSeed{"OBS-01", "Metrics via Prometheus or OTLP", ControlScope::Container, Severity::Low,
                "Prometheus targets", "Add a scrape target or an exporter sidecar."},
    ControlSeed{"AC-HARD-01", "SecurityOpt contains no-new-privileges:true", ControlScope::Container, Severity::High,
                "HostConfig.SecurityOpt", "Add security_opt: [\"no-new-privileges:true\"]."},
    ControlSeed{"AC-HARD-02", "Stays below the 2 GiB ceiling under load", ControlScope::Container, Severity::Medium,
                "HostConfig.Memory", "Set mem_limit: 2g (template-infra-high)."},
    ControlSeed{"AC-HARD-03", "Critical events searchable within 5 s", ControlScope::Fleet, Severity::High,
                "Loki probe max latency", "Check the shipper and Loki's ingestion path."},
};

struct ServiceSeed {
    const char* project;
    const char* service;
    const char* image;
    qint64 idleMiB;
};

constexpr std::array kServices{
    ServiceSeed{"infra", "loki", "grafana/loki:2.9", 180},
    ServiceSeed{"infra", "prometheus", "prom/prometheus:v2.48", 420},
    ServiceSeed{"infra", "node-exporter", "prom/node-exporter:v1.7", 24},
    ServiceSeed{"infra", "postgres", "postgres:16", 310},
    ServiceSeed{"edge", "nginx", "nginx:1.25", 40},
    ServiceSeed{"edge", "app", "example/app:3.2", 260},
    ServiceSeed{"edge", "app-log-shipper", "grafana/promtail:2.9", 60},
    ServiceSeed{"", "debug-shell", "busybox:1.36", 4},
    ServiceSeed{"batch", "worker", "example/worker:1.0", 520},
    ServiceSeed{"batch", "redis", "redis:7", 90},
};

ControlStatus pick(QRandomGenerator& rng, int failPercent)
{
    const int roll = int(rng.bounded(100));
    if (roll < failPercent)
        return ControlStatus::Fail;
    if (roll < failPercent + 4)
        return ControlStatus::Unknown;
    if (roll < failPercent + 8)
        return ControlStatus::Waived;
    if (roll < failPercent + 14)
        return ControlStatus::NotApplicable;
    return ControlStatus::Pass;
}

QString evidenceFor(const ControlSeed& c, ControlStatus s, const ContainerSnapshot& ct)
{
    const QString id = QString::fromLatin1(c.id);
    if (id == QLatin1String("SEC-01") || id == QLatin1String("AC-HARD-01"))
        return s == ControlStatus::Fail ? QStringLiteral("HostConfig.SecurityOpt = []")
                                        : QStringLiteral("HostConfig.SecurityOpt = [\"no-new-privileges:true\"]");
    if (id == QLatin1String("REQ-HARD-03"))
        return QStringLiteral("HostConfig.ReadonlyRootfs = %1").arg(ct.readonlyRootfs ? QStringLiteral("true") : QStringLiteral("false"));
    if (id == QLatin1String("INF-02"))
        return s == ControlStatus::Fail ? QStringLiteral("NetworkSettings.Ports = {\"9090/tcp\": [0.0.0.0:9090]}")
                                        : QStringLiteral("NetworkSettings.Ports = {}");
    if (id == QLatin1String("AC-HARD-02") || id == QLatin1String("REQ-HARD-02"))
        return QStringLiteral("HostConfig.Memory = %1 MiB, usage = %2 MiB")
            .arg(ct.memoryLimitBytes / kMiB)
            .arg(ct.memory ? ct.memory->usageBytes / kMiB : 0);
    return QStringLiteral("%1 as inspected").arg(QString::fromLatin1(c.evidenceField));
}

} // namespace

QList<ControlDefinition> specControls()
{
    QList<ControlDefinition> out;
    for (const ControlSeed& c : kControls) {
        ControlDefinition d;
        d.id = QString::fromLatin1(c.id);
        d.title = QString::fromLatin1(c.title);
        d.scope = c.scope;
        d.severity = c.severity;
        d.evidence = QString::fromLatin1(c.evidenceField);
        d.remediation = QString::fromLatin1(c.remediation);
        if (d.id == QLatin1String("AC-HARD-02"))
            d.parameters.insert(QStringLiteral("ceilingBytes"), 2 * kGiB);
        if (d.id == QLatin1String("REQ-HARD-02"))
            d.parameters.insert(QStringLiteral("idleMemoryFraction"), 0.2);
        out.append(d);
    }
    return out;
}

AuditRun makeAuditRun(const SampleOptions& options)
{
    QRandomGenerator rng(options.seed);
    const QDateTime now = options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc();
    AuditRun run;
    run.policy = PolicyInfo{QStringLiteral("SPEC-INFRA-04"), QStringLiteral("1"),
                            QStringLiteral("Infrastructure Hardening & Optimization"), QStringLiteral("embedded")};
    run.controls = specControls();
    run.fleetName = QStringLiteral("sample fleet");
    run.generatedAt = now;
    run.generatedBy = QStringLiteral("bulwark sample");
    run.fleet.startedAt = now.addSecs(-4);
    run.fleet.finishedAt = now;

    int serial = 0;
    for (int h = 0; h < options.hosts; ++h) {
        HostSnapshot host;
        host.hostName = QStringLiteral("host-%1").arg(h + 1, 2, 10, QLatin1Char('0'));
        host.scannedAt = now;
        host.durationMs = 300 + rng.bounded(900);
        if (h >= options.hosts - options.unreachableHosts) {
            host.status = HostStatus::Unreachable;
            host.error = QStringLiteral("ssh: connect to host %1 port 22: Connection refused").arg(host.hostName);
            run.fleet.hosts.append(host);
            continue;
        }
        host.status = HostStatus::Ok;
        host.engine.hostname = host.hostName;
        host.engine.serverVersion = QStringLiteral("20.10.24");
        host.engine.memTotalBytes = (8 + 8 * (h % 3)) * kGiB;
        host.engine.cpus = 4;
        host.engine.cgroupVersion = QStringLiteral("2");
        const int failPercent = 8 + 7 * (h % 4);
        for (int c = 0; c < options.containersPerHost; ++c) {
            const ServiceSeed& svc = kServices[std::size_t(c) % kServices.size()];
            ContainerSnapshot ct;
            ++serial;
            ct.id = QStringLiteral("%1").arg(quint64(0x5eed0000 + serial) * 0x9E3779B1ull, 16, 16, QLatin1Char('0'))
                        .repeated(4).left(64);
            const int replica = int(c / kServices.size()) + 1;
            const QString project = QString::fromLatin1(svc.project);
            const QString service = QString::fromLatin1(svc.service);
            ct.name = project.isEmpty() ? QStringLiteral("%1-%2").arg(service).arg(replica)
                                        : QStringLiteral("%1-%2-%3").arg(project, service).arg(replica);
            ct.image = QString::fromLatin1(svc.image);
            ct.state = rng.bounded(20) == 0 ? QStringLiteral("exited") : QStringLiteral("running");
            ct.status = ct.isRunning() ? QStringLiteral("Up 3 days") : QStringLiteral("Exited (0) 2 hours ago");
            ct.createdAt = now.addDays(-12);
            ct.startedAt = now.addDays(-3);
            if (!project.isEmpty()) {
                ct.labels.insert(QStringLiteral("com.docker.compose.project"), project);
                ct.labels.insert(QStringLiteral("com.docker.compose.service"), service);
                ct.labels.insert(QStringLiteral("com.docker.compose.project.config_files"),
                                 QStringLiteral("/srv/%1/docker-compose.yml").arg(project));
            }
            ct.readonlyRootfs = rng.bounded(3) != 0;
            ct.capDrop = rng.bounded(2) ? QStringList{QStringLiteral("ALL")} : QStringList{};
            ct.securityOpt = rng.bounded(4) ? QStringList{QStringLiteral("no-new-privileges:true")} : QStringList{};
            ct.memoryLimitBytes = rng.bounded(4) ? (svc.idleMiB * 3 + 256) * kMiB : 0;
            ct.networks.append(NetworkAttachment{QStringLiteral("infra_net"), QStringLiteral("n1"),
                                                 QStringLiteral("172.20.0.%1").arg(c + 2), {service}});
            if (service == QLatin1String("nginx"))
                ct.publishedPorts.append(PortBinding{QStringLiteral("443/tcp"), QStringLiteral("0.0.0.0"), QStringLiteral("443")});
            if (service == QLatin1String("prometheus"))
                ct.publishedPorts.append(PortBinding{QStringLiteral("9090/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("9090")});
            ct.mounts.append(MountPoint{QStringLiteral("bind"), QStringLiteral("/srv/%1/data").arg(service),
                                        QStringLiteral("/data"), {}, QStringLiteral("rw"), true});
            if (ct.isRunning()) {
                MemoryReading m;
                m.usageBytes = (svc.idleMiB + qint64(rng.bounded(int(svc.idleMiB / 4 + 1)))) * kMiB;
                m.rawUsageBytes = m.usageBytes + 12 * kMiB;
                m.limitBytes = ct.memoryLimitBytes;
                m.sampledAt = now;
                ct.memory = m;
            }
            for (const ControlSeed& cs : kControls) {
                if (cs.scope != ControlScope::Container)
                    continue;
                ControlResult r;
                r.controlId = QString::fromLatin1(cs.id);
                r.scope = ControlScope::Container;
                r.hostName = host.hostName;
                r.containerId = ct.id;
                r.containerName = ct.name;
                r.severity = cs.severity;
                r.status = ct.isRunning() ? pick(rng, failPercent) : ControlStatus::Unknown;
                r.evidence = evidenceFor(cs, r.status, ct);
                switch (r.status) {
                case ControlStatus::Pass:
                    r.reason = QStringLiteral("The container meets %1.").arg(r.controlId);
                    break;
                case ControlStatus::Fail:
                    r.reason = QStringLiteral("%1 is not met: %2.").arg(r.controlId, QString::fromLatin1(cs.title).toLower());
                    r.remediation = QString::fromLatin1(cs.remediation);
                    break;
                case ControlStatus::Waived:
                    r.reason = QStringLiteral("Waived until the next maintenance window.");
                    r.waiverReason = QStringLiteral("Ticket OPS-1234: vendor image needs a writable root.");
                    r.waiverExpires = now.addDays(30);
                    break;
                case ControlStatus::NotApplicable:
                    r.reason = QStringLiteral("The control does not apply to this service.");
                    break;
                case ControlStatus::Unknown:
                    r.reason = ct.isRunning() ? QStringLiteral("The evidence could not be read.")
                                              : QStringLiteral("The container is not running, so runtime evidence is missing.");
                    break;
                }
                run.results.append(r);
            }
            host.containers.append(ct);
        }
        run.fleet.hosts.append(host);
    }

    const QDateTime windowStart = now.addSecs(-3600);
    QList<LatencyProbe> probes;
    for (int i = 0; i < 60; ++i) {
        LatencyProbe p;
        p.emittedMs = windowStart.toMSecsSinceEpoch() + qint64(i) * 60000;
        p.mode = QStringLiteral("push");
        p.marker = QStringLiteral("bulwark-canary-%1").arg(i);
        if (rng.bounded(30) == 0) {
            p.missed = true;
            p.error = QStringLiteral("not searchable within 10 s");
        } else {
            const double base = 300 + rng.bounded(900) + (rng.bounded(12) == 0 ? 1800 + rng.bounded(2500) : 0);
            p.latencyMs = qint64(base);
        }
        probes.append(p);
    }
    // The figures as the real probe computes them (core/telemetry), so the demo's verdicts and charts
    // agree with each other.
    LogLatencySummary lat = summarizeLatency(probes);
    lat.windowStart = windowStart;
    lat.windowEnd = now;
    run.logLatency = lat;
    for (const char* fleetControl : {"NFR-OBS-01", "AC-HARD-03"}) {
        ControlResult r;
        r.controlId = QString::fromLatin1(fleetControl);
        r.scope = ControlScope::Fleet;
        const bool isP95 = r.controlId == QLatin1String("NFR-OBS-01");
        // Judged as the audit judges it (core): a miss is infinitely late for the p95 and fails AC-HARD-03.
        const double measured = isP95 ? judgedP95Ms(lat) : lat.maxMs;
        const double slo = isP95 ? 2000 : 5000;
        r.status = (isP95 ? nfrObs01Passes(lat) : acHard03Passes(lat)) ? ControlStatus::Pass : ControlStatus::Fail;
        r.severity = isP95 ? Severity::Medium : Severity::High;
        r.evidence = QStringLiteral("%1 = %2 ms over %3 probes (%4 missed)")
                         .arg(isP95 ? QStringLiteral("p95") : QStringLiteral("max"))
                         .arg(measured, 0, 'f', 0)
                         .arg(lat.probes.size())
                         .arg(lat.misses);
        r.reason = r.status == ControlStatus::Pass ? QStringLiteral("Within the %1 s objective.").arg(slo / 1000)
                                                   : QStringLiteral("Exceeds the %1 s objective.").arg(slo / 1000);
        run.results.append(r);
    }
    return run;
}

QList<MemorySample> makeMemoryHistory(const AuditRun& run, int days, int stepMinutes, quint32 seed)
{
    QRandomGenerator rng(seed);
    QList<MemorySample> out;
    const qint64 end = run.generatedAt.toMSecsSinceEpoch();
    const qint64 step = qint64(stepMinutes) * 60000;
    const qint64 begin = end - qint64(days) * 24 * 3600 * 1000;
    for (const HostSnapshot& h : run.fleet.hosts) {
        for (const ContainerSnapshot& c : h.containers) {
            if (!c.memory)
                continue;
            const double base = double(c.memory->usageBytes);
            auto daily = [](qint64 t) {
                const double hour = double((t / 60000) % (24 * 60)) / 60.0;
                return 1.0 + 0.25 * std::sin((hour - 8.0) / 24.0 * 2 * M_PI);
            };
            // The curve is scaled to meet the run's own reading at `end`: the history then flows
            // into the current usage instead of jumping to it at the end.
            const double atEnd = daily(end);
            // Stops one step short of the run: the run itself records the reading at `end`.
            for (qint64 t = begin; t < end; t += step) {
                const double noise = 1.0 + (rng.generateDouble() - 0.5) * 0.08;
                out.append(MemorySample{h.hostName, c.id, c.name, t, qint64(base * daily(t) / atEnd * noise), c.memoryLimitBytes});
            }
        }
    }
    return out;
}

} // namespace bulwark::ui::sample
