// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A realistic, deterministic AuditRun for report tests and the benchmark: N hosts x M containers x
// the 15 SPEC-INFRA-04 controls, evidence in the engine's own words, waivers (one expired),
// unreachable hosts, remediation records and memory/latency histories. Same seed, same run.

#include "report/reportwriter.h"

#include <QRandomGenerator>
#include <QTimeZone>

namespace bulwark::test {

struct SyntheticSpec {
    int hosts = 3;
    int containersPerHost = 5;
    int unreachableHosts = 1; // the last hosts of the fleet
    quint32 seed = 42;
};

inline QDateTime syntheticAuditTime()
{
    return QDateTime(QDate(2026, 12, 3), QTime(16, 0), QTimeZone::utc());
}

inline QList<ControlDefinition> syntheticControls()
{
    struct C {
        const char* id;
        const char* title;
        ControlScope scope;
        Severity sev;
        const char* requirement;
        const char* semantics;
        const char* evidence;
        const char* remediation;
    };
    static const C table[] = {
        {"REQ-HARD-01", "Universal isolation", ControlScope::Container, Severity::High,
         "All infrastructure containers SHALL BE isolated from host-level namespaces (pid, network, ipc).",
         "Fails when HostConfig.PidMode, NetworkMode or IpcMode is \"host\" and no functional-dependency label documents it.",
         "HostConfig.PidMode, HostConfig.NetworkMode, HostConfig.IpcMode", "Remove pid: host / network_mode: host / ipc: host."},
        {"REQ-HARD-02", "Resource density primacy", ControlScope::Host, Severity::Medium,
         "Infrastructure services MUST NOT consume more than 20% of aggregate system memory under idle conditions.",
         "Sums the cache-corrected memory usage of infrastructure containers per host and compares it to 20% of MemTotal.",
         "docker stats usage per container, Info.MemTotal", "Set mem_limit on the largest consumers or move them."},
        {"REQ-HARD-03", "Immutable execution", ControlScope::Container, Severity::Medium,
         "Every container SHALL utilize read-only root filesystems wherever functionally feasible.",
         "Fails when HostConfig.ReadonlyRootfs is false and no waiver records why a writable root is needed.",
         "HostConfig.ReadonlyRootfs", "Add read_only: true and tmpfs mounts for scratch paths."},
        {"NFR-SEC-01", "Restricted capabilities", ControlScope::Container, Severity::High,
         "Host-to-container escape vectors MUST be mitigated via restricted kernel capability sets.",
         "Fails for privileged containers and for CapAdd containing SYS_ADMIN, NET_ADMIN, SYS_PTRACE or SYS_MODULE.",
         "HostConfig.Privileged, HostConfig.CapAdd", "Drop privileged: true; add only the capabilities the service needs."},
        {"NFR-OBS-01", "Log ingestion p95", ControlScope::Fleet, Severity::Medium,
         "Centralized log ingestion SHALL maintain a p95 latency of < 2 seconds.",
         "Pushes canary lines to Loki and measures when they become searchable; p95 over the probes must be below 2 s.",
         "Loki query_range results for canary markers", "Check the shipper's batch wait and Loki ingester load."},
        {"ST-01", "Bind mounts for persistence", ControlScope::Container, Severity::Low,
         "Persistent mounts SHALL utilize bind mounts for deterministic IO performance.",
         "Fails for mounts of type volume that hold persistent data.", "Mounts[].Type, Mounts[].Destination",
         "Replace the named volume with a bind mount under /srv."},
        {"ST-02", "Owner-only sensitive volumes", ControlScope::Container, Severity::High,
         "All sensitive volumes MUST be restricted to owner-only permissions on the host system.",
         "Over SSH, stats the source of every bind mount labelled sensitive; fails unless the mode is 0700 or 0600.",
         "stat -c %a %U of the bind source", "chmod 700 the directory on the host."},
        {"INF-01", "Dedicated infra network", ControlScope::Container, Severity::Medium,
         "Interservice communication SHALL BE restricted to the dedicated infra_net.",
         "Fails when an infrastructure container is attached to any network other than infra_net.",
         "NetworkSettings.Networks", "Attach the service only to infra_net."},
        {"INF-02", "No external infra ports", ControlScope::Container, Severity::Critical,
         "External exposing of infrastructure-only ports is STRICTLY PROHIBITED.",
         "Fails when NetworkSettings.Ports binds an infrastructure port on 0.0.0.0 or ::.", "NetworkSettings.Ports",
         "Bind to 127.0.0.1 or remove the ports: entry."},
        {"SEC-01", "no-new-privileges", ControlScope::Container, Severity::High,
         "no-new-privileges: true MUST BE present in every production service runtime.",
         "Fails unless HostConfig.SecurityOpt contains no-new-privileges:true (or =true).", "HostConfig.SecurityOpt",
         "Add security_opt: [no-new-privileges:true]."},
        {"SEC-02", "cap_drop ALL", ControlScope::Container, Severity::High,
         "The cap_drop: ALL flag is mandatory for all non-privileged sidecars.",
         "Fails for non-privileged containers whose HostConfig.CapDrop does not contain ALL.", "HostConfig.CapDrop",
         "Add cap_drop: [ALL] and add back only what is needed."},
        {"OBS-01", "Metrics exporters", ControlScope::Container, Severity::Low,
         "Operational metrics SHALL BE collected via standard OTLP or Prometheus exporters.",
         "Passes when Prometheus has an up target for the container or it exposes an OTLP endpoint.",
         "Prometheus /api/v1/targets", "Add a Prometheus exporter or scrape label."},
        {"AC-HARD-01", "Privilege escalation protection", ControlScope::Container, Severity::High,
         "docker inspect --format '{{.HostConfig.SecurityOpt}}' MUST explicitly contain no-new-privileges:true.",
         "The literal acceptance check of SEC-01 on the inspect output.", "HostConfig.SecurityOpt",
         "Add security_opt: [no-new-privileges:true]."},
        {"AC-HARD-02", "Resource ceiling enforcement", ControlScope::Container, Severity::Medium,
         "Under synthetic load the container MUST NOT exceed a memory utilization of 2GiB.",
         "Applies load to template-infra-high services and samples memory; fails above 2 GiB or on OOM.",
         "peak usage from the load check", "Set mem_limit: 2g."},
        {"AC-HARD-03", "Log ingestion consistency", ControlScope::Fleet, Severity::High,
         "A critical log event MUST BE searchable in Loki within 5 seconds of occurrence.",
         "Every canary must be found within 5 s; a single miss fails.", "Loki query results per canary",
         "Reduce the shipper's batch wait below 1 s."},
    };
    QList<ControlDefinition> list;
    for (const auto& c : table) {
        ControlDefinition d;
        d.id = QString::fromLatin1(c.id);
        d.title = QString::fromLatin1(c.title);
        d.scope = c.scope;
        d.severity = c.sev;
        d.requirement = QString::fromLatin1(c.requirement);
        d.semantics = QString::fromLatin1(c.semantics);
        d.evidence = QString::fromLatin1(c.evidence);
        d.remediation = QString::fromLatin1(c.remediation);
        if (d.id == QLatin1String("AC-HARD-02"))
            d.parameters.insert(QStringLiteral("ceilingBytes"), 2147483648LL);
        if (d.id == QLatin1String("REQ-HARD-02"))
            d.parameters.insert(QStringLiteral("idleMemoryFraction"), 0.2);
        list << d;
    }
    return list;
}

inline QString syntheticHostName(int h) { return QStringLiteral("lab-%1").arg(h + 1, 2, 10, QLatin1Char('0')); }
inline QString syntheticContainerName(int h, int c)
{
    static const char* services[] = {"nginx", "postgres", "redis", "loki", "grafana", "prometheus", "traefik", "keycloak"};
    return QStringLiteral("%1-%2-%3").arg(QString::fromLatin1(services[c % 8])).arg(h + 1).arg(c + 1);
}

struct SyntheticAudit {
    AuditRun run;
    report::ReportOptions options;
};

inline SyntheticAudit makeSyntheticAudit(const SyntheticSpec& spec)
{
    QRandomGenerator rng(spec.seed);
    SyntheticAudit out;
    AuditRun& run = out.run;
    const QDateTime at = syntheticAuditTime();
    run.policy = {QStringLiteral("SPEC-INFRA-04"), QStringLiteral("1.0"),
                  QStringLiteral("Infrastructure Hardening & Optimization"), QStringLiteral("embedded")};
    run.controls = syntheticControls();
    run.fleetName = QStringLiteral("synthetic-fleet.yaml");
    run.generatedAt = at;
    run.generatedBy = QStringLiteral("ci-bot");
    run.fleet.startedAt = at.addSecs(-20);
    run.fleet.finishedAt = at;

    for (int h = 0; h < spec.hosts; ++h) {
        HostSnapshot host;
        host.hostName = syntheticHostName(h);
        host.scannedAt = at;
        const bool unreachable = h >= spec.hosts - spec.unreachableHosts;
        if (unreachable) {
            host.status = HostStatus::Unreachable;
            host.error = QStringLiteral("ssh: connect to host 127.0.0.1 port %1: Connection refused").arg(22000 + h);
            run.fleet.hosts << host;
            for (const auto& def : std::as_const(run.controls)) {
                if (def.scope != ControlScope::Host)
                    continue;
                ControlResult r;
                r.controlId = def.id;
                r.scope = ControlScope::Host;
                r.hostName = host.hostName;
                r.status = ControlStatus::Unknown;
                r.severity = def.severity;
                r.reason = QStringLiteral("The host could not be scanned.");
                run.results << r;
            }
            continue;
        }
        host.status = HostStatus::Ok;
        host.engine = {host.hostName, QStringLiteral("20.10.24"), QStringLiteral("1.41"), QStringLiteral("Debian GNU/Linux 12 (bookworm)"),
                       QStringLiteral("linux"), QStringLiteral("6.1.0-18-amd64"), QStringLiteral("x86_64"), 4,
                       8LL * 1024 * 1024 * 1024, QStringLiteral("2"), QStringLiteral("systemd"),
                       QStringLiteral("/var/lib/docker"), {QStringLiteral("name=seccomp,profile=builtin")}};
        for (int c = 0; c < spec.containersPerHost; ++c) {
            ContainerSnapshot cs;
            cs.name = syntheticContainerName(h, c);
            cs.id = QStringLiteral("%1").arg(static_cast<qulonglong>(rng.generate64()), 16, 16, QLatin1Char('0'))
                    + QStringLiteral("%1").arg(static_cast<qulonglong>(rng.generate64()), 16, 16, QLatin1Char('0'));
            cs.image = QStringLiteral("docker.io/library/%1:latest").arg(cs.name.section(QLatin1Char('-'), 0, 0));
            cs.state = QStringLiteral("running");
            host.containers << cs;
            for (const auto& def : std::as_const(run.controls)) {
                if (def.scope != ControlScope::Container)
                    continue;
                ControlResult r;
                r.controlId = def.id;
                r.scope = ControlScope::Container;
                r.hostName = host.hostName;
                r.containerId = cs.id;
                r.containerName = cs.name;
                r.severity = def.severity;
                const quint32 roll = rng.bounded(100);
                if (roll < 22) {
                    r.status = ControlStatus::Fail;
                    r.evidence = QStringLiteral("%1 = [\"no-new-privileges:false\"] (container %2, image %3)")
                                     .arg(def.evidence.section(QLatin1Char(','), 0, 0), cs.name, cs.image);
                    r.reason = QStringLiteral("%1 is not satisfied by %2: %3").arg(def.id, cs.name, def.semantics);
                    r.remediation = def.remediation;
                } else if (roll < 25) {
                    r.status = ControlStatus::Waived;
                    r.evidence = def.evidence + QStringLiteral(" = (as evaluated: fail)");
                    r.reason = QStringLiteral("Waived by the waiver file.");
                    r.waiverReason = QStringLiteral("Vendor image %1 needs this until upgrade ticket OPS-%2 lands")
                                         .arg(cs.image).arg(1000 + h * 10 + c);
                    r.waiverExpires = at.addDays(30 + c);
                } else if (roll < 27) {
                    r.status = ControlStatus::Unknown;
                    r.reason = QStringLiteral("Evidence could not be gathered: Prometheus did not answer within 5 s.");
                } else if (roll < 30) {
                    r.status = ControlStatus::NotApplicable;
                    r.reason = QStringLiteral("Not an infrastructure service.");
                } else {
                    r.status = ControlStatus::Pass;
                    r.evidence = def.evidence + QStringLiteral(" as required");
                    r.reason = QStringLiteral("Compliant.");
                }
                run.results << r;
            }
        }
        // An expired waiver: evaluated as fail, the waiver still shows.
        if (!host.containers.isEmpty()) {
            ControlResult r;
            r.controlId = QStringLiteral("REQ-HARD-02");
            r.scope = ControlScope::Host;
            r.hostName = host.hostName;
            r.severity = Severity::Medium;
            r.status = h % 2 == 0 ? ControlStatus::Fail : ControlStatus::Pass;
            r.evidence = QStringLiteral("infra usage %1 of MemTotal 8.00 GiB (limit 20%)").arg(h % 2 == 0 ? QStringLiteral("2.10 GiB") : QStringLiteral("1.20 GiB"));
            r.reason = h % 2 == 0 ? QStringLiteral("Idle infrastructure memory is 26% of the host's, above 20%.")
                                  : QStringLiteral("Idle infrastructure memory is 15% of the host's.");
            if (h == 0) {
                r.waiverReason = QStringLiteral("Capacity upgrade approved in CAB-77");
                r.waiverExpires = at.addDays(-2);
            }
            run.results << r;
        }
        run.fleet.hosts << host;
    }
    for (const char* id : {"NFR-OBS-01", "AC-HARD-03"}) {
        ControlResult r;
        r.controlId = QString::fromLatin1(id);
        r.scope = ControlScope::Fleet;
        r.severity = Severity::High;
        r.status = r.controlId == QLatin1String("AC-HARD-03") ? ControlStatus::Fail : ControlStatus::Pass;
        r.evidence = QStringLiteral("48 probes, 1 missed, p95 1.42 s, max 7.9 s");
        r.reason = r.status == ControlStatus::Fail ? QStringLiteral("One canary was not searchable within 5 s.")
                                                   : QStringLiteral("p95 1.42 s is below 2 s.");
        run.results << r;
    }

    // Remediations during the period (and one before it, which the report must leave out).
    for (int i = 0; i < std::max(2, spec.hosts); ++i) {
        RemediationRecord rec;
        rec.id = i + 1;
        rec.timestamp = at.addSecs(-3600 * (i + 1));
        rec.user = QStringLiteral("operator");
        rec.hostName = syntheticHostName(i % std::max(1, spec.hosts));
        rec.filePath = QStringLiteral("/srv/stacks/infra/compose.yaml");
        rec.project = QStringLiteral("infra");
        rec.service = syntheticContainerName(i % std::max(1, spec.hosts), 0).section(QLatin1Char('-'), 0, 0);
        rec.controls = {QStringLiteral("SEC-01"), QStringLiteral("AC-HARD-01")};
        rec.diff = QStringLiteral("--- a/compose.yaml\n+++ b/compose.yaml\n@@ -12,6 +12,8 @@\n   %1:\n     image: %1:latest\n+    security_opt:\n+      - no-new-privileges:true\n")
                       .arg(rec.service);
        rec.outcome = i % 4 == 3 ? QStringLiteral("rolled_back") : QStringLiteral("applied");
        rec.message = rec.outcome == QLatin1String("applied") ? QStringLiteral("verified by re-audit")
                                                               : QStringLiteral("health check failed after restart");
        rec.backupPath = rec.filePath + QStringLiteral(".bak");
        run.remediations << rec;
    }
    RemediationRecord old;
    old.id = 999;
    old.timestamp = at.addDays(-30);
    old.user = QStringLiteral("former-admin");
    old.hostName = syntheticHostName(0);
    old.filePath = QStringLiteral("/srv/stacks/legacy/compose.yaml");
    old.controls = {QStringLiteral("INF-02")};
    old.outcome = QStringLiteral("applied");
    old.message = QStringLiteral("outside-the-period-marker");
    run.remediations << old;

    // Histories over the 24 hours before the audit: one memory sample per container every 30 min,
    // a latency probe every 30 min (one missed).
    auto& o = out.options;
    o.author = QStringLiteral("Alice Auditor");
    o.periodStart = at.addDays(-1);
    o.periodEnd = at;
    const qint64 t0 = o.periodStart.toMSecsSinceEpoch();
    for (int step = 0; step < 48; ++step) {
        const qint64 t = t0 + step * 30 * 60 * 1000LL;
        for (const auto& host : std::as_const(run.fleet.hosts)) {
            for (int c = 0; c < host.containers.size(); ++c) {
                const auto& cs = host.containers[c];
                MemorySample s;
                s.hostName = host.hostName;
                s.containerId = cs.id;
                s.containerName = cs.name;
                s.timestampMs = t;
                s.limitBytes = c % 3 == 0 ? 0 : 1024LL * 1024 * 1024;
                s.usageBytes = (64 + 32 * (c % 5)) * 1024LL * 1024 + static_cast<qint64>(rng.bounded(16 * 1024 * 1024))
                               + static_cast<qint64>(step % 12) * 2 * 1024 * 1024;
                o.memoryHistory << s;
            }
        }
        LatencyProbe p;
        p.emittedMs = t;
        p.mode = step % 2 ? QStringLiteral("end-to-end") : QStringLiteral("push");
        p.hostName = step % 2 ? syntheticHostName(0) : QString();
        p.marker = QStringLiteral("bulwark-canary-%1").arg(step);
        if (step == 31) {
            p.missed = true;
            p.error = QStringLiteral("not searchable after 10 s");
        } else {
            p.latencyMs = 400 + static_cast<qint64>(rng.bounded(1200)) + (step == 20 ? 3000 : 0);
        }
        o.latencyHistory << p;
    }
    return out;
}

} // namespace bulwark::test
