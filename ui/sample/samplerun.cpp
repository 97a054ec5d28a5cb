// SPDX-License-Identifier: GPL-3.0-or-later
#include "samplerun.h"

#include "policy/evaluator.h"
#include "policy/waivers.h"
#include "telemetry/lokiprobe.h"

#include <QRandomGenerator>

#include <array>
#include <cmath>

namespace bulwark::ui::sample {
namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kGiB = 1024 * kMiB;

// What a service of the synthetic fleet looks like when it is deployed well. Each container then
// deviates from it at random (deterministically per seed), and the real evaluator judges the result.
struct ServiceSeed {
    const char* project;
    const char* service;
    const char* image;
    qint64 idleMiB;
    bool infraHigh;        // io.hy-home.template=template-infra-high
    const char* dataPath;  // a bind-mounted data directory ("" none)
    bool sensitive;        // io.hy-home.sensitive=true
    const char* volume;    // a named volume instead ("" none)
    int exporterPort;      // scraped by the fleet's Prometheus (0: not scraped)
};

constexpr std::array kServices{
    ServiceSeed{"infra", "loki", "grafana/loki:2.9", 180, true, "/srv/loki/data", false, "", 3100},
    ServiceSeed{"infra", "prometheus", "prom/prometheus:v2.48", 420, true, "/srv/prometheus/data", false, "", 9090},
    ServiceSeed{"infra", "node-exporter", "prom/node-exporter:v1.7", 24, false, "", false, "", 9100},
    ServiceSeed{"infra", "postgres", "postgres:16", 310, true, "/srv/postgres/data", true, "", 0},
    ServiceSeed{"edge", "nginx", "nginx:1.25", 40, false, "/srv/nginx/tls", true, "", 0},
    ServiceSeed{"edge", "app", "example/app:3.2", 260, false, "", false, "", 8080},
    ServiceSeed{"edge", "app-log-shipper", "grafana/promtail:2.9", 60, false, "/var/lib/docker/containers", false, "", 9080},
    ServiceSeed{"", "debug-shell", "busybox:1.36", 4, false, "", false, "", 0},
    ServiceSeed{"batch", "worker", "example/worker:1.0", 520, false, "", false, "worker-cache", 0},
    ServiceSeed{"batch", "redis", "redis:7", 90, false, "", false, "redis-data", 0},
};

const Policy& samplePolicy()
{
    static const Policy policy = [] {
        Result<Policy> embedded = PolicyFile::embedded();
        if (!embedded) {
            qWarning("bulwark sample: the embedded policy does not load (%s)", qPrintable(embedded.errorMessage()));
            return Policy{};
        }
        return *embedded;
    }();
    return policy;
}

// The labels use the policy's conventions, so the demo follows a policy whose keys were changed.
ContainerSnapshot makeContainer(const ServiceSeed& svc, int replica, int serial, int subnetIndex, const QDateTime& now,
                                const Policy& policy, QRandomGenerator& rng)
{
    ContainerSnapshot ct;
    ct.id = QStringLiteral("%1").arg(quint64(0x5eed0000 + serial) * 0x9E3779B1ull, 16, 16, QLatin1Char('0')).repeated(4).left(64);
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
        ct.labels.insert(QStringLiteral("com.docker.compose.project.working_dir"), QStringLiteral("/srv/%1").arg(project));
        ct.labels.insert(QStringLiteral("com.docker.compose.project.config_files"),
                         QStringLiteral("/srv/%1/docker-compose.yml").arg(project));
    }
    if (svc.infraHigh)
        ct.labels.insert(policy.labels.templateKey, policy.thresholds.highTemplate);
    if (svc.sensitive)
        ct.labels.insert(policy.labels.sensitiveKey, QStringLiteral("true"));

    // The deviations an audit of a real fleet turns up, each at its own rate.
    const bool debug = service == QLatin1String("debug-shell");
    ct.readonlyRootfs = !debug && rng.bounded(4) != 0;
    ct.ipcMode = QStringLiteral("private");
    if (!debug && rng.bounded(4) != 0)
        ct.capDrop = {rng.bounded(3) ? QStringLiteral("ALL") : QStringLiteral("all")};
    if (service == QLatin1String("nginx"))
        ct.capAdd = {QStringLiteral("NET_BIND_SERVICE")};
    if (debug)
        ct.capAdd = {QStringLiteral("SYS_PTRACE"), QStringLiteral("NET_ADMIN")};
    const int nnp = int(rng.bounded(12));
    if (nnp >= 3)
        ct.securityOpt = {QStringLiteral("no-new-privileges:true")};
    else if (nnp == 2)
        ct.securityOpt = {QStringLiteral("no-new-privileges:false")};
    if (!debug && rng.bounded(4) != 0)
        ct.memoryLimitBytes = (svc.idleMiB * 3 + 256) * kMiB;
    if (svc.infraHigh && rng.bounded(6) == 0)
        ct.memoryLimitBytes = 3 * kGiB; // above the template's ceiling

    // node-exporter reads the host's /proc: a documented dependency, waived by label.
    if (service == QLatin1String("node-exporter")) {
        ct.pidMode = QStringLiteral("host");
        ct.labels.insert(policy.labels.waivePrefix + QLatin1String("REQ-HARD-01"),
                         QStringLiteral("node-exporter reads the host's /proc for host metrics"));
    }
    const QString network = debug ? QStringLiteral("bridge") : QStringLiteral("infra_net");
    ct.networkMode = network;
    ct.networks.append(NetworkAttachment{network, QStringLiteral("n%1").arg(debug ? 0 : 1),
                                         QStringLiteral("172.%1.0.%2").arg(20 + subnetIndex % 10).arg(serial % 250 + 2), {service}});
    if (service == QLatin1String("app") && rng.bounded(3) == 0)
        ct.networks.append(NetworkAttachment{QStringLiteral("edge_default"), QStringLiteral("n2"),
                                             QStringLiteral("172.30.0.%1").arg(serial % 250 + 2), {service}});
    // Services that are not scraped here declare how their metrics leave (OBS-01's second source).
    if (service == QLatin1String("postgres") || service == QLatin1String("nginx"))
        ct.labels.insert(policy.labels.metricsKey, QStringLiteral("prometheus"));
    if (service == QLatin1String("worker"))
        ct.labels.insert(policy.labels.metricsKey, QStringLiteral("otlp"));
    if (svc.exporterPort > 0)
        ct.exposedPorts.append(QStringLiteral("%1/tcp").arg(svc.exporterPort));
    if (service == QLatin1String("nginx"))
        ct.publishedPorts.append(PortBinding{QStringLiteral("443/tcp"), rng.bounded(3) ? QStringLiteral("0.0.0.0") : QStringLiteral("127.0.0.1"),
                                             QStringLiteral("443")});
    if (service == QLatin1String("prometheus"))
        ct.publishedPorts.append(PortBinding{QStringLiteral("9090/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("9090")});
    ct.portBindings = ct.publishedPorts;
    if (*svc.dataPath)
        ct.mounts.append(MountPoint{QStringLiteral("bind"), QString::fromLatin1(svc.dataPath), QStringLiteral("/data"), {},
                                    QStringLiteral("rw"), service != QLatin1String("app-log-shipper")});
    if (*svc.volume)
        ct.mounts.append(MountPoint{QStringLiteral("volume"), QStringLiteral("/var/lib/docker/volumes/%1/_data").arg(QString::fromLatin1(svc.volume)),
                                    QStringLiteral("/data"), QString::fromLatin1(svc.volume), QString(), true});
    if (ct.isRunning()) {
        MemoryReading m;
        m.usageBytes = (svc.idleMiB + qint64(rng.bounded(int(svc.idleMiB / 4 + 1)))) * kMiB;
        m.rawUsageBytes = m.usageBytes + 12 * kMiB;
        m.limitBytes = ct.memoryLimitBytes;
        m.sampledAt = now;
        ct.memory = m;
    }
    return ct;
}

// The canary probes of the last hour, as the Loki probe records them.
LogLatencySummary makeLatency(const QDateTime& now, QRandomGenerator& rng)
{
    const QDateTime windowStart = now.addSecs(-3600);
    QList<LatencyProbe> probes;
    for (int i = 0; i < 60; ++i) {
        LatencyProbe p;
        p.emittedMs = windowStart.toMSecsSinceEpoch() + qint64(i) * 60000;
        p.mode = QStringLiteral("push");
        p.marker = QStringLiteral("bulwark-canary-%1").arg(i);
        if (rng.bounded(90) == 0) {
            p.missed = true;
            p.error = QStringLiteral("not searchable within 10 s");
        } else {
            const double base = 300 + rng.bounded(900) + (rng.bounded(20) == 0 ? 1800 + rng.bounded(2500) : 0);
            p.latencyMs = qint64(base);
        }
        probes.append(p);
    }
    // The figures as the real probe computes them (core/telemetry).
    LogLatencySummary lat = summarizeLatency(probes);
    lat.windowStart = windowStart;
    lat.windowEnd = now;
    return lat;
}

} // namespace

QList<ControlDefinition> specControls()
{
    return samplePolicy().controls;
}

AuditRun makeAuditRun(const SampleOptions& options)
{
    QRandomGenerator rng(options.seed);
    const QDateTime now = options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc();
    const Policy& policy = samplePolicy();
    AuditRun run;
    run.policy = policy.info;
    run.controls = policy.controls;
    run.fleetName = QStringLiteral("sample fleet");
    run.generatedAt = now;
    run.generatedBy = QStringLiteral("bulwark sample");
    run.fleet.startedAt = now.addSecs(-4);
    run.fleet.finishedAt = now;

    EvaluationContext context;
    context.now = now;
    PrometheusEvidence prometheus;
    prometheus.url = QStringLiteral("http://127.0.0.1:9090");
    prometheus.reachable = true;
    // A waiver file's entries: one current, one that ran out (an expired waiver fails, with a note).
    context.waivers.append(Waiver{QStringLiteral("*"), QStringLiteral("batch-worker-*"), QStringLiteral("ST-01"),
                                  QStringLiteral("OPS-1234: the worker's cache is disposable"), now.addDays(30),
                                  QStringLiteral("waivers.yaml:3")});
    context.waivers.append(Waiver{QStringLiteral("*"), QStringLiteral("batch-redis-*"), QStringLiteral("ST-01"),
                                  QStringLiteral("OPS-1180: redis keeps no durable data"), now.addDays(-3),
                                  QStringLiteral("waivers.yaml:8")});

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
        for (int c = 0; c < options.containersPerHost; ++c) {
            const ServiceSeed& svc = kServices[std::size_t(c) % kServices.size()];
            const int replica = int(c / kServices.size()) + 1;
            ContainerSnapshot ct = makeContainer(svc, replica, ++serial, h, now, policy, rng);
            for (const MountPoint& m : ct.mounts) {
                if (m.type != QLatin1String("bind"))
                    continue;
                PathStat stat;
                stat.path = m.source;
                if (rng.bounded(15) == 0) {
                    stat.error = QStringLiteral("stat: ssh: Connection closed by remote host");
                } else {
                    stat.mode = rng.bounded(3) ? 0700 : 0755;
                    stat.owner = QStringLiteral("root");
                }
                context.pathStats.insert(pathStatKey(host.hostName, m.source), stat);
            }
            // Service discovery drops stopped containers, so only running ones are targets.
            if (svc.exporterPort > 0 && ct.isRunning()) {
                PrometheusTarget t;
                t.labels = {{QStringLiteral("host"), host.hostName}, {QStringLiteral("container"), ct.name},
                            {QStringLiteral("job"), QString::fromLatin1(svc.service)}};
                t.scrapeUrl = QStringLiteral("http://%1:%2/metrics").arg(ct.name).arg(svc.exporterPort);
                const bool up = rng.bounded(15) != 0;
                t.health = up ? QStringLiteral("up") : QStringLiteral("down");
                if (!up)
                    t.lastError = QStringLiteral("Get \"%1\": context deadline exceeded").arg(t.scrapeUrl);
                prometheus.targets.append(t);
            }
            host.containers.append(ct);
        }
        run.fleet.hosts.append(host);
    }
    prometheus.buildIndex();
    context.prometheus = prometheus;
    context.logLatency = makeLatency(now, rng);
    run.logLatency = context.logLatency;
    // The verdicts come from the real evaluator, so what the demo shows is what an audit of such a
    // fleet would say, evidence and all.
    run.results = Evaluator::evaluateAll(run.fleet, policy, context);
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
