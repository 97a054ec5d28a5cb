// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostscanner.h"

#include "cgroupmemory.h"

#include "docker/dockerclient.h"
#include "docker/parallelget.h"
#include "docker/snapshotparser.h"
#include "ssh/hostsession.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>

#include <optional>
#include <thread>
#include <vector>

namespace bulwark {

namespace {

enum Lane { InspectLane = 0, StatsLane = 1 };

// The batched cgroup read is one short command; past this the API is asked instead.
constexpr int kCgroupCommandTimeoutMs = 10000;

bool isTransportError(int code)
{
    return code < 0;
}

} // namespace

HostScanner::HostScanner(HostEntry host, ScanOptions options) : m_host(std::move(host)), m_options(options) {}

void HostScanner::setCancelFlag(const std::atomic<bool>* cancel)
{
    m_cancel = cancel;
}

void HostScanner::setProgress(Progress progress)
{
    m_progress = std::move(progress);
}

void HostScanner::setStarted(std::function<void()> started)
{
    m_started = std::move(started);
}

HostSnapshot HostScanner::scan()
{
    HostSession session(m_host);
    session.setCancelFlag(m_cancel);
    return scan(session);
}

HostSnapshot HostScanner::scan(HostSession& session)
{
    QElapsedTimer clock;
    clock.start();
    const QDeadlineTimer deadline(m_options.hostTimeoutMs);
    HostSnapshot snap;
    snap.hostName = m_host.name;
    snap.hostLabels = m_host.labels;
    snap.scannedAt = QDateTime::currentDateTimeUtc();
    const auto cancelled = [this] { return m_cancel && m_cancel->load(); };

    auto done = [&](HostStatus status, const QString& error) {
        snap.status = status;
        snap.error = error;
        snap.durationMs = clock.elapsed();
        return snap;
    };
    if (m_started)
        m_started();
    if (cancelled())
        return done(HostStatus::Cancelled, QStringLiteral("%1: scan cancelled").arg(m_host.name));

    if (!session.isOpen()) {
        auto socket = session.open(qMin(m_options.connectTimeoutMs, m_options.hostTimeoutMs));
        if (!socket) {
            const SessionFailure& f = session.lastFailure();
            snap.hostKeyFingerprint = f.fingerprint;
            snap.hostKeyLine = f.keyLine;
            return done(f.status, f.message);
        }
    }
    const QString socketPath = session.dockerSocketPath();
    const auto remaining = [&] {
        return static_cast<int>(qBound<qint64>(1, deadline.remainingTime(), qint64(m_options.requestTimeoutMs)));
    };

    DockerClient::Options clientOptions;
    clientOptions.timeoutMs = m_options.requestTimeoutMs;
    DockerClient client(socketPath, clientOptions);
    client.setAbortFlag(m_cancel);
    int requests = 0;
    int commands = 0; // ssh commands (the batched cgroup read), beside the API requests
    m_commandCount = 0;

    // Before the engine has answered once, a dead socket means "unreachable"; after, the engine
    // went away mid-scan, which is an API error the operator sees as such.
    bool engineAnswered = false;
    auto engineFailure = [&](const Error& e) {
        snap.requestCount = requests + client.requestCount();
        if (cancelled())
            return done(HostStatus::Cancelled, QStringLiteral("%1: scan cancelled").arg(m_host.name));
        if (deadline.hasExpired() || e.code == DockerClient::ErrorTimeout)
            return done(HostStatus::Timeout,
                        QStringLiteral("%1: the Docker Engine did not answer in time: %2").arg(m_host.name, e.message));
        if (!engineAnswered && isTransportError(e.code))
            return done(HostStatus::Unreachable, QStringLiteral("%1: %2").arg(m_host.name, e.message));
        if (engineAnswered && isTransportError(e.code))
            return done(HostStatus::ApiError,
                        QStringLiteral("%1: the Docker Engine stopped answering during the scan: %2").arg(m_host.name, e.message));
        return done(HostStatus::ApiError, QStringLiteral("%1: %2").arg(m_host.name, e.message));
    };

    auto version = client.negotiate();
    if (!version)
        return engineFailure(version.error());
    engineAnswered = true;

    auto info = client.get(QStringLiteral("/info"), remaining());
    if (!info)
        return engineFailure(info.error());
    auto ver = client.get(QStringLiteral("/version"), remaining());
    if (!ver)
        return engineFailure(ver.error());
    auto engine = SnapshotParser::parseEngineInfo(*info, *ver);
    if (!engine)
        return engineFailure(engine.error());
    snap.engine = *engine;
    snap.engine.apiVersion = *version;

    auto listBody = client.get(QStringLiteral("/containers/json?all=1"), remaining());
    if (!listBody)
        return engineFailure(listBody.error());
    auto list = SnapshotParser::parseContainerList(*listBody);
    if (!list)
        return engineFailure(list.error());
    auto netBody = client.get(QStringLiteral("/networks"), remaining());
    if (!netBody)
        return engineFailure(netBody.error());
    auto networks = SnapshotParser::parseNetworks(*netBody);
    if (!networks)
        return engineFailure(networks.error());
    snap.networks = *networks;

    // Inspect everything and sample memory of running containers, all in flight together.
    const int n = static_cast<int>(list->size());
    std::vector<std::optional<ContainerSnapshot>> inspected(static_cast<size_t>(n));
    std::vector<std::optional<MemoryReading>> memory(static_cast<size_t>(n));
    std::vector<int> partsLeft(static_cast<size_t>(n), 1);
    std::vector<bool> gone(static_cast<size_t>(n), false);
    QList<ParallelGet::Request> batch;
    QList<int> owner; // request index -> container index
    for (int i = 0; i < n; ++i) {
        const ContainerSummary& s = list->at(i);
        batch.append(ParallelGet::Request{QStringLiteral("/containers/%1/json").arg(s.id), InspectLane});
        owner.append(i);
    }
    // A flag and a plain value rather than a std::optional: GCC 12 at -O2 reports the optional's
    // payload as maybe-uninitialized where it is read (a false positive, fatal under -Werror).
    const std::optional<CgroupMemory::Version> detectedCgroup =
        m_options.collectMemory && m_options.memoryFromCgroupFiles ? CgroupMemory::versionFromInfo(snap.engine.cgroupVersion)
                                                                   : std::nullopt;
    const bool readCgroupFiles = detectedCgroup.has_value();
    const CgroupMemory::Version cgroupVersion = detectedCgroup.value_or(CgroupMemory::Version::V1);
    if (m_options.collectMemory && !readCgroupFiles) {
        for (int i = 0; i < n; ++i) {
            if (list->at(i).state != QLatin1String("running"))
                continue;
            batch.append(ParallelGet::Request{QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(list->at(i).id), StatsLane});
            owner.append(i);
            ++partsLeft[static_cast<size_t>(i)];
        }
    }

    // The batched path: one command reads every running container's cgroup files while the
    // inspects are in flight (it needs only the list's ids); the API answers for what it misses.
    QStringList cgroupIds;
    std::optional<Result<CommandOutput>> cgroupOutput;
    QDateTime cgroupReadAt;
    std::thread cgroupReader;
    if (readCgroupFiles) {
        QList<CgroupMemory::Target> targets;
        for (const ContainerSummary& s : std::as_const(*list))
            if (s.state == QLatin1String("running")) {
                targets.append(CgroupMemory::Target{s.id, {}});
                cgroupIds.append(s.id);
            }
        if (!targets.isEmpty()) {
            ++commands;
            // HostSession is confined to one thread at a time: this thread leaves it alone until join().
            cgroupReader = std::thread([&, argv = CgroupMemory::command(cgroupVersion, snap.engine.cgroupDriver, targets),
                                        timeout = qMin(remaining(), kCgroupCommandTimeoutMs)] {
                cgroupOutput = session.run(argv, {}, timeout);
                cgroupReadAt = QDateTime::currentDateTimeUtc();
            });
        }
    }

    int containersDone = 0;
    if (m_progress)
        m_progress(0, n);
    std::optional<Error> transportError;
    std::optional<Error> parseError;
    ParallelGet fanOut(socketPath, *version, clientOptions);
    fanOut.setAbortFlag(m_cancel);
    fanOut.setLaneLimit(InspectLane, qMax(1, m_options.requestsPerHost));
    fanOut.setLaneLimit(StatsLane, qMax(1, m_options.statsPerHost));
    fanOut.run(
        batch,
        [&](int index, Result<QByteArray> body) {
            const int c = owner[index];
            const bool isStats = batch[index].lane == StatsLane;
            if (!body) {
                if (isTransportError(body.error().code)) {
                    if (!transportError)
                        transportError = body.error();
                } else if (!isStats && body.error().code == 404) {
                    gone[static_cast<size_t>(c)] = true; // removed between list and inspect
                }
                // A stats error for one container (it stopped meanwhile) only loses its memory figure.
            } else if (isStats) {
                if (auto m = SnapshotParser::parseStats(*body))
                    memory[static_cast<size_t>(c)] = *m;
            } else if (auto parsed = SnapshotParser::parseContainerInspect(*body)) {
                inspected[static_cast<size_t>(c)] = std::move(*parsed);
            } else if (!parseError) {
                parseError = Error{QStringLiteral("container %1: %2").arg(list->at(c).name, parsed.errorMessage()), 0};
            }
            if (--partsLeft[static_cast<size_t>(c)] == 0 && m_progress)
                m_progress(++containersDone, n);
        },
        m_options.requestTimeoutMs, deadline);
    requests = fanOut.requestCount();

    if (cgroupReader.joinable())
        cgroupReader.join();
    if (readCgroupFiles && !transportError && !cancelled()) {
        const CgroupMemory::Parsed parsed = cgroupOutput && cgroupOutput->ok() && (*cgroupOutput)->exitCode == 0
            ? CgroupMemory::parse((*cgroupOutput)->stdOut, cgroupVersion, cgroupIds, cgroupReadAt)
            : CgroupMemory::Parsed{};
        // Running by the inspect (fresher than the list), without a figure from the files: the API.
        QList<int> viaApi;
        for (int i = 0; i < n; ++i) {
            const auto& c = inspected[static_cast<size_t>(i)];
            if (!c || !c->isRunning())
                continue;
            if (auto it = parsed.readings.constFind(c->id); it != parsed.readings.cend())
                memory[static_cast<size_t>(i)] = *it;
            else
                viaApi.append(i);
        }
        if (!viaApi.isEmpty()) {
            QList<ParallelGet::Request> stats;
            for (int i : std::as_const(viaApi))
                stats.append(ParallelGet::Request{QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(list->at(i).id), StatsLane});
            ParallelGet fallback(socketPath, *version, clientOptions);
            fallback.setAbortFlag(m_cancel);
            fallback.setLaneLimit(StatsLane, qMax(1, m_options.statsPerHost));
            fallback.run(
                stats,
                [&](int index, Result<QByteArray> body) {
                    if (!body) {
                        if (isTransportError(body.error().code) && !transportError)
                            transportError = body.error();
                    } else if (auto m = SnapshotParser::parseStats(*body)) {
                        memory[static_cast<size_t>(viaApi[index])] = *m;
                    }
                },
                m_options.requestTimeoutMs, deadline);
            requests += fallback.requestCount();
        }
    }

    for (int i = 0; i < n; ++i) {
        auto& c = inspected[static_cast<size_t>(i)];
        if (!c)
            continue;
        SnapshotParser::applySummary(*c, list->at(i));
        if (c->isRunning() && memory[static_cast<size_t>(i)])
            c->memory = SnapshotParser::limitForContainer(*memory[static_cast<size_t>(i)], *c);
        snap.containers.append(std::move(*c));
    }
    snap.requestCount = requests + client.requestCount();
    m_commandCount = commands;

    if (transportError)
        return engineFailure(*transportError);
    if (parseError)
        return done(HostStatus::ApiError, QStringLiteral("%1: %2").arg(m_host.name, parseError->message));
    int missing = 0;
    for (int i = 0; i < n; ++i)
        if (!inspected[static_cast<size_t>(i)] && !gone[static_cast<size_t>(i)])
            ++missing;
    if (missing > 0)
        return done(HostStatus::ApiError,
                    QStringLiteral("%1: %2 of %3 containers could not be inspected").arg(m_host.name).arg(missing).arg(n));
    return done(HostStatus::Ok, {});
}

} // namespace bulwark
