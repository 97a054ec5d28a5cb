// SPDX-License-Identifier: GPL-3.0-or-later
// Full scans over SSH tunnels to the lab, and beside them the raw API calls over the same tunnel:
// a keep-alive list-and-inspect loop, one-shot stats in sequence, and every stats request at once.
//
// Needs a lab (tests/lab/lab up; LabEnv). Scale it first, e.g. one host with 200 containers:
//   tests/lab/lab scale lab-1 200 && bench_scan --benchmark_filter='OneHost|Raw' ; tests/lab/lab unscale lab-1
// and five hosts with 100 each (BULWARK_LAB_HOSTS=5 tests/lab/lab up; lab scale lab-N 100 for N=1..5):
//   BULWARK_BENCH_FLEET_HOSTS=5 bench_scan --benchmark_filter=Fleet
// BULWARK_BENCH_HOST picks the single host (default: the first of the fleet).
#include "docker/dockerclient.h"
#include "docker/parallelget.h"
#include "docker/snapshotparser.h"
#include "fleet/fleetfile.h"
#include "scan/hostscanner.h"
#include "ssh/hostsession.h"

#include "../../common/labenv.h"

#include <benchmark/benchmark.h>

#include <QElapsedTimer>

#include <memory>
#include <thread>
#include <vector>

using namespace bulwark;

namespace {

struct Lab {
    FleetConfig fleet;
    QString error;
};

const Lab& lab()
{
    static const Lab l = [] {
        Lab out;
        auto env = bulwark::test::LabEnv::load();
        if (!env) {
            out.error = bulwark::test::LabEnv::skipReason();
            return out;
        }
        auto fleet = FleetFile::load(env->fleet);
        if (!fleet)
            out.error = fleet.errorMessage();
        else
            out.fleet = *fleet;
        return out;
    }();
    return l;
}

const HostEntry* benchHost()
{
    if (lab().fleet.hosts.isEmpty())
        return nullptr;
    const QString wanted = qEnvironmentVariable("BULWARK_BENCH_HOST");
    if (!wanted.isEmpty())
        return lab().fleet.findHost(wanted);
    return &lab().fleet.hosts.first();
}

// One open tunnel per benchmark, reused by every iteration, like a scanner's session.
struct Tunnel {
    std::unique_ptr<HostSession> session;
    QString socket;
    QString version;
    QString error;
};

Tunnel openTunnel(const HostEntry& host)
{
    Tunnel t;
    t.session = std::make_unique<HostSession>(host);
    auto socket = t.session->open();
    if (!socket) {
        t.error = socket.errorMessage();
        return t;
    }
    t.socket = *socket;
    DockerClient c(t.socket);
    auto v = c.negotiate();
    if (!v)
        t.error = v.errorMessage();
    else
        t.version = *v;
    return t;
}

QList<ContainerSummary> listContainers(DockerClient& c)
{
    auto body = c.get(QStringLiteral("/containers/json?all=1"));
    if (!body)
        return {};
    auto list = SnapshotParser::parseContainerList(*body);
    return list ? *list : QList<ContainerSummary>{};
}

void report(benchmark::State& state, double containers, double requests, double wallMs)
{
    state.counters["containers"] = containers;
    state.counters["requests"] = requests;
    state.counters["wall_ms"] = wallMs;
}

// Full scan of one host, ssh connect included (what `bulwark-cli list` pays).
void BM_FullScan_OneHost(benchmark::State& state)
{
    const HostEntry* host = benchHost();
    if (!host)
        return state.SkipWithError(qPrintable(lab().error));
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        HostSnapshot snap = HostScanner(*host, ScanOptions{}).scan();
        if (!snap.isOk())
            return state.SkipWithError(qPrintable(snap.error));
        report(state, snap.containers.size(), snap.requestCount, t.elapsed());
    }
}

// The same on an open tunnel: comparable with the raw figures below.
void BM_FullScan_OneHost_OpenTunnel(benchmark::State& state)
{
    const HostEntry* host = benchHost();
    if (!host)
        return state.SkipWithError(qPrintable(lab().error));
    Tunnel tunnel = openTunnel(*host);
    if (!tunnel.error.isEmpty())
        return state.SkipWithError(qPrintable(tunnel.error));
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        HostSnapshot snap = HostScanner(*host, ScanOptions{}).scan(*tunnel.session);
        if (!snap.isOk())
            return state.SkipWithError(qPrintable(snap.error));
        report(state, snap.containers.size(), snap.requestCount, t.elapsed());
    }
}

// Every host of the fleet at once, one thread per host as FleetScanner does.
void BM_FullScan_Fleet(benchmark::State& state)
{
    QList<HostEntry> hosts = lab().fleet.hosts;
    const int wanted = qEnvironmentVariableIntValue("BULWARK_BENCH_FLEET_HOSTS");
    if (wanted > 0)
        hosts = hosts.mid(0, wanted);
    if (hosts.isEmpty())
        return state.SkipWithError(qPrintable(lab().error));
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        std::vector<HostSnapshot> snaps(static_cast<size_t>(hosts.size()));
        std::vector<std::thread> workers;
        for (qsizetype i = 0; i < hosts.size(); ++i)
            workers.emplace_back([&, i] { snaps[static_cast<size_t>(i)] = HostScanner(hosts[i], ScanOptions{}).scan(); });
        for (auto& w : workers)
            w.join();
        double containers = 0;
        double requests = 0;
        for (const auto& s : snaps) {
            if (!s.isOk())
                return state.SkipWithError(qPrintable(s.error));
            containers += s.containers.size();
            requests += s.requestCount;
        }
        report(state, containers, requests, t.elapsed());
        state.counters["hosts"] = hosts.size();
    }
}

// Raw baseline 1: keep-alive list, then inspect every container one after the other.
void BM_Raw_ListAndInspectLoop(benchmark::State& state)
{
    const HostEntry* host = benchHost();
    if (!host)
        return state.SkipWithError(qPrintable(lab().error));
    Tunnel tunnel = openTunnel(*host);
    if (!tunnel.error.isEmpty())
        return state.SkipWithError(qPrintable(tunnel.error));
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        DockerClient c(tunnel.socket);
        c.setApiVersion(tunnel.version);
        const auto list = listContainers(c);
        for (const auto& s : list)
            benchmark::DoNotOptimize(c.get(QStringLiteral("/containers/%1/json").arg(s.id)).ok());
        report(state, list.size(), c.requestCount(), t.elapsed());
    }
}

QStringList runningIds(const Tunnel& tunnel)
{
    DockerClient c(tunnel.socket);
    c.setApiVersion(tunnel.version);
    QStringList ids;
    for (const auto& s : listContainers(c))
        if (s.state == QLatin1String("running"))
            ids << s.id;
    return ids;
}

// Raw baseline 2: one-shot stats in sequence (state.range(0) of them): about a second each.
void BM_Raw_StatsSequential(benchmark::State& state)
{
    const HostEntry* host = benchHost();
    if (!host)
        return state.SkipWithError(qPrintable(lab().error));
    Tunnel tunnel = openTunnel(*host);
    if (!tunnel.error.isEmpty())
        return state.SkipWithError(qPrintable(tunnel.error));
    const QStringList ids = runningIds(tunnel).mid(0, state.range(0));
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        DockerClient c(tunnel.socket);
        c.setApiVersion(tunnel.version);
        for (const auto& id : ids)
            benchmark::DoNotOptimize(c.get(QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(id)).ok());
        report(state, ids.size(), c.requestCount(), t.elapsed());
    }
}

// Raw baseline 3: every running container's one-shot stats at once.
void BM_Raw_StatsAllAtOnce(benchmark::State& state)
{
    const HostEntry* host = benchHost();
    if (!host)
        return state.SkipWithError(qPrintable(lab().error));
    Tunnel tunnel = openTunnel(*host);
    if (!tunnel.error.isEmpty())
        return state.SkipWithError(qPrintable(tunnel.error));
    const QStringList ids = runningIds(tunnel);
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        ParallelGet all(tunnel.socket, tunnel.version);
        all.setLaneLimit(0, qMax(1, static_cast<int>(ids.size())));
        QList<ParallelGet::Request> reqs;
        for (const auto& id : ids)
            reqs.append(ParallelGet::Request{QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(id), 0});
        int ok = 0;
        all.run(reqs, [&ok](int, Result<QByteArray> body) { ok += body.ok() ? 1 : 0; }, 30000);
        report(state, ids.size(), all.requestCount(), t.elapsed());
        state.counters["ok"] = ok;
    }
}

} // namespace

BENCHMARK(BM_FullScan_OneHost)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FullScan_OneHost_OpenTunnel)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FullScan_Fleet)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Raw_ListAndInspectLoop)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Raw_StatsSequential)->Arg(5)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_Raw_StatsAllAtOnce)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

BENCHMARK_MAIN();
