// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostwatcher.h"

#include "eventcoalescer.h"
#include "hostscanner.h"

#include "docker/dockerclient.h"
#include "docker/parallelget.h"
#include "docker/snapshotparser.h"
#include "ssh/hostsession.h"
#include "ssh/runtimedir.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace bulwark {

QString watchStateName(WatchState state)
{
    switch (state) {
    case WatchState::Connecting:
        return QStringLiteral("connecting");
    case WatchState::Watching:
        return QStringLiteral("watching");
    case WatchState::Reconnecting:
        return QStringLiteral("reconnecting");
    case WatchState::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("stopped");
}

namespace {

qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

QString encodedFilters(const QByteArray& json)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(json)));
}

enum Lane { InspectLane = 0, StatsLane = 1 };

} // namespace

struct HostWatcher::Private {
    HostEntry host;
    WatchOptions options;
    Callbacks callbacks;
    QDateTime since;

    std::atomic<bool> stopping{false};
    // Guards the event queue between the stream thread and the loop, and wakes the loop for events,
    // the stream's end, stop(), and the end of a backoff wait.
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<EngineEvent> events;
    bool streamEnded = false;
    QString streamEndReason;
    qint64 lastStreamDataMs = 0;
    DockerClient* streamClient = nullptr; // for abort() from stop()

    void emitState(WatchState s, const QString& reason = {}, int attempt = 0, int retryInMs = 0)
    {
        if (callbacks.state)
            callbacks.state(s, reason, attempt, retryInMs);
    }

    // One connection: open, (scan), follow events until something drops. Returns why it ended
    // (empty when stopped), and sets `watchedMs` to how long the stream was followed.
    QString connectAndFollow(bool& needScan, qint64& watchedMs);
    QString follow(HostSession& session, const QString& apiVersion, const QString& sinceParam, bool& needScan,
                   qint64& watchedMs);
    std::optional<QString> refresh(const QString& socket, const QString& apiVersion,
                                   const QList<ContainerChange>& changes);
    void streamMain(DockerClient* client, const QString& path);
    bool waitBackoff(int ms);
};

HostWatcher::HostWatcher(HostEntry host, WatchOptions options, Callbacks callbacks) : d(std::make_unique<Private>())
{
    d->host = std::move(host);
    d->options = options;
    d->callbacks = std::move(callbacks);
}

HostWatcher::~HostWatcher() = default;

void HostWatcher::setSince(const QDateTime& since)
{
    d->since = since;
}

const HostEntry& HostWatcher::host() const
{
    return d->host;
}

void HostWatcher::stop()
{
    d->stopping.store(true);
    std::lock_guard lock(d->mutex);
    if (d->streamClient)
        d->streamClient->abort();
    d->wake.notify_all();
}

void HostWatcher::run()
{
    Backoff backoff(d->options.backoff);
    bool needScan = !d->since.isValid();
    d->emitState(WatchState::Connecting);
    while (!d->stopping.load()) {
        qint64 watchedMs = 0;
        const QString reason = d->connectAndFollow(needScan, watchedMs);
        if (d->stopping.load())
            break;
        // Events were missed while we were away: the next connection starts with a full scan.
        needScan = true;
        if (watchedMs >= d->options.backoff.stableMs)
            backoff.reset();
        const int delay = backoff.nextDelayMs();
        d->emitState(WatchState::Reconnecting, reason, backoff.attempts(), delay);
        if (!d->waitBackoff(delay))
            break;
    }
    d->emitState(WatchState::Stopped);
}

bool HostWatcher::Private::waitBackoff(int ms)
{
    std::unique_lock lock(mutex);
    wake.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping.load(); });
    return !stopping.load();
}

QString HostWatcher::Private::connectAndFollow(bool& needScan, qint64& watchedMs)
{
    // The session lives exactly as long as this connection: its destructor sends ssh -O exit and
    // removes the control and forward sockets, whatever path we leave by.
    HostSession session(host);
    session.setCancelFlag(&stopping);
    auto opened = session.open(options.scan.connectTimeoutMs);
    if (!opened)
        return opened.errorMessage();
    if (stopping.load())
        return {};

    DockerClient client(session.dockerSocketPath(), DockerClient::Options{options.scan.requestTimeoutMs, 64 * 1024 * 1024, 5000});
    client.setAbortFlag(&stopping);
    auto version = client.negotiate();
    if (!version)
        return QStringLiteral("%1: the Docker Engine does not answer: %2").arg(host.name, version.errorMessage());

    QString sinceParam;
    if (!needScan && since.isValid()) {
        // `since` is our clock, the engine filters on its own: shift by the difference it reports.
        QDateTime engineNow;
        if (auto info = client.get(QStringLiteral("/info"))) {
            // "2026-12-03T19:50:01.123456789Z": Qt reads milliseconds, not nanoseconds.
            static const QRegularExpression nanos(QStringLiteral("(\\.\\d{3})\\d+"));
            QString text = QJsonDocument::fromJson(*info).object().value(QLatin1String("SystemTime")).toString();
            engineNow = QDateTime::fromString(text.replace(nanos, QStringLiteral("\\1")), Qt::ISODateWithMs);
        }
        const qint64 skewMs = engineNow.isValid() ? engineNow.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch() : 0;
        const qint64 marginMs = engineNow.isValid() ? 2000 : 30000;
        const qint64 at = since.toMSecsSinceEpoch() + skewMs - marginMs;
        sinceParam = QStringLiteral("%1.%2").arg(at / 1000).arg(at % 1000 * 1000000, 9, 10, QLatin1Char('0'));
    }
    return follow(session, *version, sinceParam, needScan, watchedMs);
}

void HostWatcher::Private::streamMain(DockerClient* client, const QString& path)
{
    QByteArray buffer;
    QString malformed;
    auto result = client->stream(path, [&](const QByteArray& chunk) {
        buffer += chunk;
        std::deque<EngineEvent> parsed;
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(nl).trimmed();
            buffer.remove(0, nl + 1);
            if (line.isEmpty())
                continue;
            auto event = SnapshotParser::parseEvent(line);
            if (!event) {
                malformed = event.errorMessage();
                return false; // we cannot tell what changed: resynchronise with a full scan
            }
            parsed.push_back(std::move(*event));
        }
        std::lock_guard lock(mutex);
        lastStreamDataMs = monotonicMs();
        for (auto& e : parsed)
            events.push_back(std::move(e));
        wake.notify_all();
        return true;
    });
    std::lock_guard lock(mutex);
    streamEnded = true;
    if (!malformed.isEmpty())
        streamEndReason = QStringLiteral("%1: malformed event from the Docker Engine: %2").arg(host.name, malformed);
    else if (result)
        streamEndReason = QStringLiteral("%1: the Docker Engine closed the event stream (dockerd stopped or restarted?)").arg(host.name);
    else
        streamEndReason = QStringLiteral("%1: the event stream broke: %2").arg(host.name, result.errorMessage());
    wake.notify_all();
}

QString HostWatcher::Private::follow(HostSession& session, const QString& apiVersion, const QString& sinceParam,
                                    bool& needScan, qint64& watchedMs)
{
    const QString socket = session.dockerSocketPath();
    QString path = QStringLiteral("/events?filters=") + encodedFilters(R"({"type":["container","network"]})");
    if (!sinceParam.isEmpty())
        path += QStringLiteral("&since=") + sinceParam;

    DockerClient streamClient(socket);
    streamClient.setApiVersion(apiVersion);
    DockerClient pinger(socket, DockerClient::Options{5000, 1024 * 1024, 5000});
    pinger.setApiVersion(apiVersion);
    pinger.setAbortFlag(&stopping);
    {
        std::lock_guard lock(mutex);
        events.clear();
        streamEnded = false;
        streamEndReason.clear();
        lastStreamDataMs = monotonicMs();
        this->streamClient = &streamClient;
    }
    // Subscribe before scanning: whatever changes during the scan is queued and refreshed after it,
    // so nothing falls between the scan and the stream (and no clocks are compared).
    std::thread reader([this, &streamClient, path] { streamMain(&streamClient, path); });
    const auto endStream = [&] {
        {
            std::lock_guard lock(mutex);
            streamClient.abort();
        }
        reader.join();
        std::lock_guard lock(mutex);
        this->streamClient = nullptr;
        events.clear();
    };

    if (needScan) {
        HostScanner scanner(host, options.scan);
        scanner.setCancelFlag(&stopping);
        HostSnapshot snapshot = scanner.scan(session);
        if (stopping.load() || !snapshot.isOk()) {
            endStream();
            if (stopping.load())
                return {};
            return snapshot.error.isEmpty() ? hostStatusName(snapshot.status) : snapshot.error;
        }
        if (callbacks.scanned)
            callbacks.scanned(snapshot);
        needScan = false;
    }

    const qint64 connectedAt = monotonicMs();
    emitState(WatchState::Watching);
    EventCoalescer coalescer(options.quietMs, options.maxDelayMs);
    QString reason;
    qint64 lastHealthMs = connectedAt;
    const qint64 masterPid = session.masterPid();
    while (!stopping.load()) {
        std::deque<EngineEvent> arrived;
        bool ended = false;
        qint64 lastData = 0;
        {
            std::unique_lock lock(mutex);
            const qint64 now = monotonicMs();
            qint64 until = lastHealthMs + options.healthCheckMs;
            if (const qint64 due = coalescer.nextDueMs(); due >= 0)
                until = std::min(until, due);
            wake.wait_for(lock, std::chrono::milliseconds(std::max<qint64>(0, until - now)),
                          [this] { return stopping.load() || streamEnded || !events.empty(); });
            arrived.swap(events);
            ended = streamEnded;
            lastData = lastStreamDataMs;
            if (ended)
                reason = streamEndReason;
        }
        const qint64 now = monotonicMs();
        for (const EngineEvent& e : arrived)
            coalescer.add(e, now);
        if (ended || stopping.load())
            break;
        if (const auto due = coalescer.takeDue(now); !due.isEmpty()) {
            if (auto failed = refresh(socket, apiVersion, due)) {
                reason = *failed;
                break;
            }
        }
        // A quiet stream may be a dead one (a hung tunnel): ask the engine directly now and then.
        if (now - std::max(lastData, lastHealthMs) >= options.healthCheckMs) {
            lastHealthMs = now;
            if (masterPid > 0 && !RuntimeDir::processAlive(masterPid)) {
                reason = QStringLiteral("%1: the ssh connection ended (ControlMaster pid %2 is gone)").arg(host.name).arg(masterPid);
                break;
            }
            if (auto ping = pinger.get(QStringLiteral("/_ping"), 5000); !ping) {
                reason = QStringLiteral("%1: the Docker Engine stopped answering: %2").arg(host.name, ping.errorMessage());
                break;
            }
        }
    }
    endStream();
    watchedMs = monotonicMs() - connectedAt;
    // A tunnel killed under us takes the stream down first; name the real cause when we can see it.
    if (!stopping.load() && masterPid > 0 && !RuntimeDir::processAlive(masterPid))
        reason = QStringLiteral("%1: the ssh connection ended (ControlMaster pid %2 is gone)").arg(host.name).arg(masterPid);
    return stopping.load() ? QString() : reason;
}

std::optional<QString> HostWatcher::Private::refresh(const QString& socket, const QString& apiVersion,
                                                     const QList<ContainerChange>& changes)
{
    QList<ContainerChange> toInspect;
    for (const ContainerChange& c : changes) {
        if (c.removed) {
            if (callbacks.removed)
                callbacks.removed(c.id, c.name);
        } else {
            toInspect.append(c);
        }
    }
    if (toInspect.isEmpty())
        return std::nullopt;

    DockerClient::Options clientOptions;
    clientOptions.timeoutMs = options.scan.requestTimeoutMs;
    DockerClient client(socket, clientOptions);
    client.setApiVersion(apiVersion);
    client.setAbortFlag(&stopping);

    // Inspect first: it is the authority on the state, and only what runs now gets a stats request.
    const int n = static_cast<int>(toInspect.size());
    std::vector<std::optional<ContainerSnapshot>> inspected(static_cast<size_t>(n));
    std::vector<std::optional<MemoryReading>> memory(static_cast<size_t>(n));
    std::vector<bool> gone(static_cast<size_t>(n), false);
    std::optional<QString> failure;
    const auto fanOut = [&](const QList<ParallelGet::Request>& batch, const QList<int>& owner) {
        ParallelGet get(socket, apiVersion, clientOptions);
        get.setAbortFlag(&stopping);
        get.setLaneLimit(InspectLane, qMax(1, options.scan.requestsPerHost));
        get.setLaneLimit(StatsLane, qMax(1, options.scan.statsPerHost));
        get.run(
            batch,
            [&](int index, Result<QByteArray> body) {
                const int c = owner[index];
                const bool isStats = batch[index].lane == StatsLane;
                if (!body) {
                    if (body.error().code < 0) {
                        if (!failure)
                            failure = QStringLiteral("%1: refreshing changed containers failed: %2").arg(host.name, body.errorMessage());
                    } else if (!isStats && body.error().code == 404) {
                        gone[static_cast<size_t>(c)] = true; // removed since its event
                    } else if (!isStats && !failure) {
                        failure = QStringLiteral("%1: container %2: %3").arg(host.name, toInspect[c].id, body.errorMessage());
                    }
                    // A stats error (it stopped meanwhile) only loses the memory figure, as in a scan.
                } else if (isStats) {
                    if (auto m = SnapshotParser::parseStats(*body))
                        memory[static_cast<size_t>(c)] = *m;
                } else if (auto parsed = SnapshotParser::parseContainerInspect(*body)) {
                    inspected[static_cast<size_t>(c)] = std::move(*parsed);
                } else if (!failure) {
                    failure = QStringLiteral("%1: container %2: %3").arg(host.name, toInspect[c].id, parsed.errorMessage());
                }
            },
            options.scan.requestTimeoutMs);
    };
    {
        QList<ParallelGet::Request> batch;
        QList<int> owner;
        for (int i = 0; i < n; ++i) {
            batch.append(ParallelGet::Request{QStringLiteral("/containers/%1/json").arg(toInspect[i].id), InspectLane});
            owner.append(i);
        }
        fanOut(batch, owner);
    }
    if (stopping.load())
        return std::nullopt;
    if (failure)
        return failure;
    if (options.scan.collectMemory) {
        QList<ParallelGet::Request> batch;
        QList<int> owner;
        for (int i = 0; i < n; ++i) {
            const auto& c = inspected[static_cast<size_t>(i)];
            if (!c || !c->isRunning())
                continue;
            batch.append(ParallelGet::Request{QStringLiteral("/containers/%1/stats?stream=false&one-shot=true").arg(c->id), StatsLane});
            owner.append(i);
        }
        if (!batch.isEmpty())
            fanOut(batch, owner);
        if (stopping.load())
            return std::nullopt;
        if (failure)
            return failure;
    }

    // The list gives what inspect lacks (the human status text). It is asked after the inspects so it
    // is at least as fresh; the engine's list view trails a state change by a moment, so a list that
    // disagrees with the inspected state is asked once more.
    QHash<QString, ContainerSummary> summaries;
    QByteArray idFilter = R"({"id":[)";
    for (int i = 0; i < n; ++i)
        idFilter += (i ? ",\"" : "\"") + toInspect[i].id.toUtf8() + '"';
    idFilter += "]}";
    for (int round = 0; round < 2; ++round) {
        auto listBody = client.get(QStringLiteral("/containers/json?all=1&filters=") + encodedFilters(idFilter));
        if (!listBody)
            return QStringLiteral("%1: refreshing changed containers failed: %2").arg(host.name, listBody.errorMessage());
        auto list = SnapshotParser::parseContainerList(*listBody);
        if (!list)
            return QStringLiteral("%1: %2").arg(host.name, list.errorMessage());
        summaries.clear();
        for (const ContainerSummary& s : std::as_const(*list))
            summaries.insert(s.id, s);
        bool agrees = true;
        for (const auto& c : inspected)
            if (c && summaries.contains(c->id) && summaries.value(c->id).state != c->state)
                agrees = false;
        if (agrees)
            break;
    }

    for (int i = 0; i < n; ++i) {
        const ContainerChange& change = toInspect[i];
        auto& c = inspected[static_cast<size_t>(i)];
        if (gone[static_cast<size_t>(i)] || !c) {
            if (callbacks.removed)
                callbacks.removed(change.id, change.name);
            continue;
        }
        if (const auto s = summaries.constFind(c->id); s != summaries.cend())
            SnapshotParser::applySummary(*c, *s);
        if (c->isRunning() && memory[static_cast<size_t>(i)])
            c->memory = SnapshotParser::limitForContainer(*memory[static_cast<size_t>(i)], *c);
        if (callbacks.upserted)
            callbacks.upserted(*c);
    }
    return std::nullopt;
}

} // namespace bulwark
