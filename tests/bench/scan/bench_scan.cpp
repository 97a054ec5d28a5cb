// SPDX-License-Identifier: GPL-3.0-or-later
// Full scans over SSH tunnels to the lab, and beside them the raw API calls over the same tunnel:
// a keep-alive list-and-inspect loop, one-shot stats in sequence, and every stats request at once.
//
// Needs a lab (tests/lab/lab up; LabEnv). Scale it first, e.g. one host with 200 containers:
//   tests/lab/lab scale lab-1 200 && bench_scan --benchmark_filter='OneHost|Raw' ; tests/lab/lab unscale lab-1
// and five hosts with 100 each (BULWARK_LAB_HOSTS=5 tests/lab/lab up; lab scale lab-N 100 for N=1..5):
//   BULWARK_BENCH_FLEET_HOSTS=5 bench_scan --benchmark_filter=Fleet
// BULWARK_BENCH_HOST picks the single host (default: the first of the fleet).
// A bare lab (BULWARK_LAB_BARE=1 tests/lab/lab up 5, see tests/lab/README.md) runs beside the shared one.
//
// Comparable figures: *_OpenTunnel(s) and BM_Raw_* run on tunnels opened before timing (the plain
// BM_FullScan_OneHost/Fleet include the ssh login). A full scan is held against
// BM_Raw_ListInspectThenAllStats (BM_Raw_Fleet for the fleet): the keep-alive list-and-inspect loop,
// then every stats request at once. The cgroup:1 variants read memory from the cgroup files in one
// ssh command over the ControlMaster (ScanOptions::memoryFromCgroupFiles) instead of /stats.
// Counters: wall_ms (last iteration; Time is the mean), requests (Engine API requests that reached
// the socket), commands (ssh commands), with_memory (running containers with a memory figure),
// ok/stats_ok (stats replies received), connect_retries (connects refused by the forward's backlog).
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
#include <optional>
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

// The benchmark host's tunnel, opened before timing; nullopt, with the benchmark skipped and why,
// when the lab or the tunnel is missing.
std::optional<Tunnel> benchTunnel(benchmark::State& state)
{
    const HostEntry* host = benchHost();
    if (!host) {
        state.SkipWithError(qPrintable(lab().error));
        return std::nullopt;
    }
    Tunnel tunnel = openTunnel(*host);
    if (!tunnel.error.isEmpty()) {
        state.SkipWithError(qPrintable(tunnel.error));
        return std::nullopt;
    }
    return tunnel;
}

// A tunnel to every host, opened before timing; false (benchmark skipped) if one cannot be opened.
bool openTunnels(benchmark::State& state, const QList<HostEntry>& hosts, std::vector<Tunnel>& tunnels)
{
    for (const auto& h : hosts) {
        tunnels.push_back(openTunnel(h));
        if (!tunnels.back().error.isEmpty()) {
            state.SkipWithError(qPrintable(tunnels.back().error));
            return false;
        }
    }
    return true;
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

// What a scan brought back: memory figures of how many running containers, and ssh commands run.
void reportScan(benchmark::State& state, const HostSnapshot& snap, int commands)
{
    int running = 0;
    int withMemory = 0;
    for (const auto& c : snap.containers) {
        running += c.isRunning() ? 1 : 0;
        withMemory += c.memory ? 1 : 0;
    }
    state.counters["running"] = running;
    state.counters["with_memory"] = withMemory;
    state.counters["commands"] = commands;
}

ScanOptions cgroupOptions()
{
    ScanOptions o;
    o.memoryFromCgroupFiles = true;
    return o;
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

// The same on an open tunnel: comparable with the raw figures below. Arg 1: memory from the cgroup
// files (one ssh command over the ControlMaster) instead of one /stats request per container.
void BM_FullScan_OneHost_OpenTunnel(benchmark::State& state)
{
    std::optional<Tunnel> opened = benchTunnel(state);
    if (!opened)
        return;
    Tunnel& tunnel = *opened;
    const ScanOptions options = state.range(0) ? cgroupOptions() : ScanOptions{};
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        HostScanner scanner(*benchHost(), options);
        HostSnapshot snap = scanner.scan(*tunnel.session);
        if (!snap.isOk())
            return state.SkipWithError(qPrintable(snap.error));
        report(state, snap.containers.size(), snap.requestCount, t.elapsed());
        reportScan(state, snap, scanner.commandCount());
    }
}

QList<HostEntry> fleetHosts()
{
    QList<HostEntry> hosts = lab().fleet.hosts;
    const int wanted = qEnvironmentVariableIntValue("BULWARK_BENCH_FLEET_HOSTS");
    if (wanted > 0)
        hosts = hosts.mid(0, wanted);
    return hosts;
}


// Times scans of every host at once, one thread per host as FleetScanner does, and reports the
// fleet's figures. scanOne(scanner, i) runs host i's scan: over a new session or an open tunnel.
template <typename ScanOne>
void timeFleetScan(benchmark::State& state, const QList<HostEntry>& hosts, const ScanOptions& options, ScanOne scanOne)
{
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        std::vector<HostSnapshot> snaps(static_cast<size_t>(hosts.size()));
        std::vector<int> commands(static_cast<size_t>(hosts.size()), 0);
        std::vector<std::thread> workers;
        for (qsizetype i = 0; i < hosts.size(); ++i)
            workers.emplace_back([&, i] {
                HostScanner scanner(hosts[i], options);
                snaps[static_cast<size_t>(i)] = scanOne(scanner, static_cast<size_t>(i));
                commands[static_cast<size_t>(i)] = scanner.commandCount();
            });
        for (auto& w : workers)
            w.join();
        const double wall = t.elapsed();
        HostSnapshot all; // the fleet's containers together, for the counters
        int allCommands = 0;
        double requests = 0;
        for (size_t i = 0; i < snaps.size(); ++i) {
            if (!snaps[i].isOk())
                return state.SkipWithError(qPrintable(snaps[i].error));
            all.containers += snaps[i].containers;
            requests += snaps[i].requestCount;
            allCommands += commands[i];
        }
        report(state, all.containers.size(), requests, wall);
        reportScan(state, all, allCommands);
        state.counters["hosts"] = hosts.size();
    }
}

// Every host of the fleet at once, ssh connect included. Arg 1: memory from the cgroup files.
void BM_FullScan_Fleet(benchmark::State& state)
{
    const QList<HostEntry> hosts = fleetHosts();
    if (hosts.isEmpty())
        return state.SkipWithError(qPrintable(lab().error));
    const ScanOptions options = state.range(0) ? cgroupOptions() : ScanOptions{};
    timeFleetScan(state, hosts, options, [](HostScanner& scanner, size_t) { return scanner.scan(); });
}

// The same with tunnels opened before timing: comparable with BM_Raw_Fleet.
void BM_FullScan_Fleet_OpenTunnels(benchmark::State& state)
{
    const QList<HostEntry> hosts = fleetHosts();
    if (hosts.isEmpty())
        return state.SkipWithError(qPrintable(lab().error));
    std::vector<Tunnel> tunnels;
    if (!openTunnels(state, hosts, tunnels))
        return;
    const ScanOptions options = state.range(0) ? cgroupOptions() : ScanOptions{};
    timeFleetScan(state, hosts, options,
                  [&tunnels](HostScanner& scanner, size_t i) { return scanner.scan(*tunnels[i].session); });
}

// The floor of the batched cgroup path: one no-op command over the ControlMaster (a new session on
// the host: sshd forks the login shell, which reads the user's rc files).
void BM_Ssh_NoopCommand(benchmark::State& state)
{
    std::optional<Tunnel> opened = benchTunnel(state);
    if (!opened)
        return;
    Tunnel& tunnel = *opened;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        auto out = tunnel.session->run({QStringLiteral("true")});
        if (!out || out->exitCode != 0)
            return state.SkipWithError("ssh true failed");
        state.counters["wall_ms"] = t.elapsed();
        state.counters["commands"] = 1;
    }
}

// Raw baseline 1: keep-alive list, then inspect every container one after the other.
void BM_Raw_ListAndInspectLoop(benchmark::State& state)
{
    std::optional<Tunnel> opened = benchTunnel(state);
    if (!opened)
        return;
    Tunnel& tunnel = *opened;
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
    std::optional<Tunnel> opened = benchTunnel(state);
    if (!opened)
        return;
    Tunnel& tunnel = *opened;
    const QStringList ids = runningIds(tunnel).mid(0, state.range(0));
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        DockerClient c(tunnel.socket);
        c.setApiVersion(tunnel.version);
        for (const auto& id : ids)
            benchmark::DoNotOptimize(c.get(QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(id)).ok());
        const double wall = t.elapsed();
        report(state, ids.size(), c.requestCount(), wall);
        state.counters["ms_per_request"] = ids.isEmpty() ? 0.0 : wall / static_cast<double>(ids.size());
    }
}

// Raw baseline 3: every running container's one-shot stats at once.
int statsAllAtOnce(const Tunnel& tunnel, const QStringList& ids, int* requests, int* connectRetries = nullptr)
{
    ParallelGet all(tunnel.socket, tunnel.version);
    all.setLaneLimit(0, qMax(1, static_cast<int>(ids.size())));
    QList<ParallelGet::Request> reqs;
    for (const auto& id : ids)
        reqs.append(ParallelGet::Request{QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(id), 0});
    int ok = 0;
    all.run(
        reqs,
        [&ok](int, Result<QByteArray> body) {
            ok += body.ok() ? 1 : 0;
            if (!body.ok())
                qWarning("stats: %s", qPrintable(body.errorMessage()));
        },
        30000);
    *requests = all.requestCount();
    if (connectRetries)
        *connectRetries = all.connectRetryCount();
    return ok;
}

// The raw figure a full scan is held against: the keep-alive list-and-inspect loop, then every
// running container's stats at once (what a scan must at least ask the engine, done plainly).
int rawListInspectThenAllStats(const Tunnel& tunnel, int* requests, int* containers)
{
    DockerClient c(tunnel.socket);
    c.setApiVersion(tunnel.version);
    const auto list = listContainers(c);
    QStringList running;
    for (const auto& s : list) {
        benchmark::DoNotOptimize(c.get(QStringLiteral("/containers/%1/json").arg(s.id)).ok());
        if (s.state == QLatin1String("running"))
            running << s.id;
    }
    int statsRequests = 0;
    const int ok = statsAllAtOnce(tunnel, running, &statsRequests);
    *requests = c.requestCount() + statsRequests;
    *containers = static_cast<int>(list.size());
    return ok;
}

void BM_Raw_ListInspectThenAllStats(benchmark::State& state)
{
    std::optional<Tunnel> opened = benchTunnel(state);
    if (!opened)
        return;
    Tunnel& tunnel = *opened;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        int requests = 0;
        int containers = 0;
        const int ok = rawListInspectThenAllStats(tunnel, &requests, &containers);
        report(state, containers, requests, t.elapsed());
        state.counters["stats_ok"] = ok;
    }
}

// The raw figure for the fleet: every host's raw loop at once, one thread per host.
void BM_Raw_Fleet(benchmark::State& state)
{
    const QList<HostEntry> hosts = fleetHosts();
    if (hosts.isEmpty())
        return state.SkipWithError(qPrintable(lab().error));
    std::vector<Tunnel> tunnels;
    if (!openTunnels(state, hosts, tunnels))
        return;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        std::vector<int> requests(tunnels.size(), 0);
        std::vector<int> containers(tunnels.size(), 0);
        std::vector<int> ok(tunnels.size(), 0);
        std::vector<std::thread> workers;
        for (size_t i = 0; i < tunnels.size(); ++i)
            workers.emplace_back([&, i] { ok[i] = rawListInspectThenAllStats(tunnels[i], &requests[i], &containers[i]); });
        for (auto& w : workers)
            w.join();
        const double wall = t.elapsed();
        double r = 0, c = 0, o = 0;
        for (size_t i = 0; i < tunnels.size(); ++i) {
            r += requests[i];
            c += containers[i];
            o += ok[i];
        }
        report(state, c, r, wall);
        state.counters["stats_ok"] = o;
        state.counters["hosts"] = hosts.size();
    }
}

void BM_Raw_StatsAllAtOnce(benchmark::State& state)
{
    std::optional<Tunnel> opened = benchTunnel(state);
    if (!opened)
        return;
    Tunnel& tunnel = *opened;
    const QStringList ids = runningIds(tunnel);
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        int requests = 0;
        int retries = 0;
        const int ok = statsAllAtOnce(tunnel, ids, &requests, &retries);
        report(state, ids.size(), requests, t.elapsed());
        state.counters["ok"] = ok;
        state.counters["connect_retries"] = retries;
    }
}

} // namespace

BENCHMARK(BM_FullScan_OneHost)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FullScan_OneHost_OpenTunnel)->ArgName("cgroup")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FullScan_Fleet)->ArgName("cgroup")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_FullScan_Fleet_OpenTunnels)->ArgName("cgroup")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Raw_Fleet)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Raw_ListInspectThenAllStats)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Raw_ListAndInspectLoop)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Ssh_NoopCommand)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
BENCHMARK(BM_Raw_StatsSequential)->Arg(5)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_Raw_StatsAllAtOnce)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

BENCHMARK_MAIN();
