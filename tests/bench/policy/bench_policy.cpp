// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluating 100,000 container snapshots against the full SPEC-INFRA-04 policy on one core
// (goal: under 1 s). The snapshots are the lab's recorded example containers, repeated with
// distinct names and ids, so every control does its real work (waivers, sensitive mounts,
// container: network resolution, Prometheus targets).
#include "docker/snapshotparser.h"
#include "policy/evaluator.h"
#include "policy/policy.h"

#include <benchmark/benchmark.h>

#include <QDir>
#include <QFile>

using namespace bulwark;

namespace {

struct Fixture {
    Policy policy;
    FleetSnapshot fleet;
    EvaluationContext context;
    int containers = 0;
};

const Fixture& fixture()
{
    static const Fixture f = [] {
        Fixture fx;
        fx.policy = *PolicyFile::embedded();
        const QDir dir(QStringLiteral(BULWARK_TEST_DATA "/inspect"));
        QList<ContainerSnapshot> templates;
        for (const QString& file : dir.entryList({QStringLiteral("lab-*_*.json")}, QDir::Files, QDir::Name)) {
            QFile in(dir.filePath(file));
            if (!in.open(QIODevice::ReadOnly))
                continue;
            if (auto c = SnapshotParser::parseContainerInspect(in.readAll()))
                templates.append(*c);
        }
        if (templates.isEmpty())
            qFatal("no recorded inspect JSON in %s", qPrintable(dir.path()));
        // 100 hosts of 1,000 containers: container: lookups stay within realistic host sizes.
        constexpr int hosts = 100;
        constexpr int perHost = 1000;
        PrometheusEvidence prom;
        prom.url = QStringLiteral("http://127.0.0.1:9090");
        prom.reachable = true;
        for (int h = 0; h < hosts; ++h) {
            HostSnapshot host;
            host.hostName = QStringLiteral("host-%1").arg(h);
            host.status = HostStatus::Ok;
            host.engine.memTotalBytes = 64LL << 30;
            for (int i = 0; i < perHost; ++i) {
                ContainerSnapshot c = templates[i % templates.size()];
                c.name += QLatin1Char('-') + QString::number(i);
                c.memory = MemoryReading{50LL << 20, 0, 60LL << 20, {}};
                host.containers.append(c);
                if (i % 10 == 0)
                    prom.targets.append(PrometheusTarget{{{QStringLiteral("host"), host.hostName}, {QStringLiteral("container"), c.name}},
                                                         QStringLiteral("http://x/metrics"), QStringLiteral("up"), {}});
                for (const QString& src : Evaluator::sensitiveBindSources(c, fx.policy))
                    fx.context.pathStats.insert(pathStatKey(host.hostName, src), PathStat{src, 0700, QStringLiteral("root"), {}});
            }
            fx.containers += perHost;
            fx.fleet.hosts.append(host);
        }
        // The evaluator looks targets up per container; the audit hands it the same shape.
        prom.buildIndex();
        fx.context.prometheus = prom;
        return fx;
    }();
    return f;
}

void BM_EvaluateFleet(benchmark::State& state)
{
    const Fixture& fx = fixture();
    qint64 results = 0;
    for (auto _ : state) {
        const auto r = Evaluator::evaluateAll(fx.fleet, fx.policy, fx.context);
        results = r.size();
        benchmark::DoNotOptimize(r.constData());
    }
    state.counters["containers"] = fx.containers;
    state.counters["results"] = static_cast<double>(results);
    state.counters["containers_per_second"] =
        benchmark::Counter(static_cast<double>(fx.containers), benchmark::Counter::kIsIterationInvariantRate);
    state.SetItemsProcessed(state.iterations() * fx.containers);
}

} // namespace

BENCHMARK(BM_EvaluateFleet)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK_MAIN();
