// SPDX-License-Identifier: GPL-3.0-or-later
#include "lokiprobe.h"

#include "canaryrunner.h"

#include "model/latencyverdict.h"
#include "model/percentile.h"
#include "model/result.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace bulwark {

LogLatencySummary summarizeLatency(const QList<LatencyProbe>& probes)
{
    LogLatencySummary summary;
    summary.probes = probes;
    QList<double> seen;
    qint64 first = 0;
    qint64 last = 0;
    for (const LatencyProbe& probe : probes) {
        if (probe.missed || probe.latencyMs < 0)
            ++summary.misses;
        else
            seen.append(double(probe.latencyMs));
        if (probe.emittedMs > 0) {
            first = first == 0 ? probe.emittedMs : std::min(first, probe.emittedMs);
            last = std::max(last, probe.emittedMs);
        }
    }
    summary.samples = int(seen.size());
    summary.p50Ms = percentile(seen, 50);
    summary.p95Ms = percentile(seen, 95);
    summary.maxMs = seen.isEmpty() ? 0 : *std::max_element(seen.cbegin(), seen.cend());
    if (first > 0) {
        summary.windowStart = QDateTime::fromMSecsSinceEpoch(first, Qt::UTC);
        summary.windowEnd = QDateTime::fromMSecsSinceEpoch(last, Qt::UTC);
    }
    return summary;
}

bool nfrObs01Passes(const LogLatencySummary& summary)
{
    // The audit's own p95 (a miss infinitely late), so probe-logs and the audit never disagree.
    return judgedP95Ms(summary) < 2000.0;
}

bool acHard03Passes(const LogLatencySummary& summary)
{
    return summary.samples > 0 && summary.misses == 0 && summary.maxMs <= 5000.0;
}

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString newMarker()
{
    return QStringLiteral("bulwark-canary-") + QUuid::createUuid().toString(QUuid::Id128);
}

// True when a query_range reply holds a line with the marker. The line filter in the query already
// narrows it; checking the text here keeps a server that ignores filters from faking a hit.
Result<bool> replyContainsMarker(const QByteArray& body, const QString& marker)
{
    const auto json = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return Result<bool>::failure(QStringLiteral("Loki query_range answered with malformed JSON"));
    const auto data = json.find("data");
    if (data == json.end() || !data->is_object())
        return Result<bool>::failure(QStringLiteral("Loki query_range reply has no \"data\" object"));
    const auto result = data->find("result");
    if (result == data->end() || !result->is_array())
        return false;
    const std::string needle = marker.toStdString();
    for (const auto& stream : *result) {
        const auto values = stream.find("values");
        if (!stream.is_object() || values == stream.end() || !values->is_array())
            continue;
        for (const auto& entry : *values)
            if (entry.is_array() && entry.size() >= 2 && entry[1].is_string()
                && entry[1].get_ref<const std::string&>().find(needle) != std::string::npos)
                return true;
    }
    return false;
}

} // namespace

struct LokiProbe::Private {
    struct Pending {
        LatencyProbe probe;
        QString selector;
        LokiEndpoint endpoint;
        qint64 deadlineMs = 0;
        QPointer<QNetworkReply> reply;
        bool done = false;
    };

    LokiProbe* q = nullptr;
    LokiProbeOptions options;
    QNetworkAccessManager network;
    bool running = false;
    quint64 generation = 0; // bumped per run and on cancel: late replies and timers of old runs are ignored
    std::map<int, Pending> pending;
    int nextId = 0;
    int expected = 0; // probes this run will produce
    QList<LatencyProbe> results;
    QList<CanaryRunner::Started> canaries; // end-to-end: to remove when done

    QNetworkRequest request(const LokiEndpoint& endpoint, const QString& path, const QUrlQuery& query = {}) const
    {
        QUrl url(endpoint.url);
        url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
        if (!query.isEmpty())
            url.setQuery(query);
        QNetworkRequest req(url);
        req.setTransferTimeout(options.requestTimeoutMs);
        if (!endpoint.tenant.isEmpty())
            req.setRawHeader("X-Scope-OrgID", endpoint.tenant.toUtf8());
        if (!options.username.isEmpty() || !options.password.isEmpty())
            req.setRawHeader("Authorization",
                             "Basic " + (options.username + QLatin1Char(':') + options.password).toUtf8().toBase64());
        return req;
    }

    void startRun(int count)
    {
        ++generation;
        running = true;
        pending.clear();
        results.clear();
        canaries.clear();
        expected = count;
    }

    void finishProbe(int id, bool missed, qint64 visibleMs, const QString& error)
    {
        auto it = pending.find(id);
        if (it == pending.end() || it->second.done)
            return;
        Pending& p = it->second;
        p.done = true;
        if (p.reply)
            p.reply->abort();
        p.probe.missed = missed;
        p.probe.latencyMs = missed ? -1 : std::max<qint64>(0, visibleMs - p.probe.emittedMs);
        p.probe.error = error;
        results.append(p.probe);
        emit q->probeFinished(p.probe);
        pending.erase(it);
        maybeFinish();
    }

    void maybeFinish()
    {
        if (!running || results.size() < expected)
            return;
        running = false;
        ++generation;
        removeCanaries();
        std::sort(results.begin(), results.end(),
                  [](const LatencyProbe& a, const LatencyProbe& b) { return a.emittedMs < b.emittedMs; });
        emit q->finished(summarizeLatency(results));
    }

    void removeCanaries()
    {
        if (canaries.isEmpty())
            return;
        // Fire and forget: the canaries also remove themselves (AutoRemove) when their sleep ends.
        (void)QtConcurrent::run(&CanaryRunner::removeAll, canaries);
        canaries.clear();
    }

    // A probe whose canary was emitted: poll until visible, a deadline or an error.
    void track(LatencyProbe probe, const LokiEndpoint& endpoint, const QString& selector)
    {
        const int id = nextId++;
        Pending p;
        p.probe = std::move(probe);
        p.endpoint = endpoint;
        p.selector = selector;
        p.deadlineMs = p.probe.emittedMs + options.timeoutMs;
        pending.emplace(id, std::move(p));
        poll(id);
    }

    void poll(int id)
    {
        auto it = pending.find(id);
        if (it == pending.end())
            return;
        Pending& p = it->second;
        if (nowMs() > p.deadlineMs)
            return finishProbe(id, true, 0, QStringLiteral("not searchable within %1 ms").arg(options.timeoutMs));
        QUrlQuery query;
        QString escaped = p.probe.marker;
        query.addQueryItem(QStringLiteral("query"),
                           p.selector + QStringLiteral(" |= \"") + escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""))
                               + QLatin1Char('"'));
        // A generous window around the emission: shippers may stamp the line with their own clock.
        query.addQueryItem(QStringLiteral("start"), QString::number((p.probe.emittedMs - 60000) * 1000000LL));
        query.addQueryItem(QStringLiteral("end"), QString::number((nowMs() + 60000) * 1000000LL));
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("20"));
        query.addQueryItem(QStringLiteral("direction"), QStringLiteral("backward"));
        QNetworkReply* reply = network.get(request(p.endpoint, QStringLiteral("/loki/api/v1/query_range"), query));
        p.reply = reply;
        const quint64 gen = generation;
        const QString marker = p.probe.marker;
        const qint64 sentAt = nowMs();
        QObject::connect(reply, &QNetworkReply::finished, q, [this, reply, id, gen, marker, sentAt] {
            reply->deleteLater();
            if (gen != generation)
                return;
            // The server evaluated the query somewhere between sending and the reply: the midpoint
            // halves the round trip's share of the error (a slow, loaded server otherwise adds it all).
            const qint64 at = sentAt + (nowMs() - sentAt) / 2;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() == QNetworkReply::NoError && status / 100 == 2) {
                auto hit = replyContainsMarker(reply->readAll(), marker);
                if (hit && *hit)
                    return finishProbe(id, false, at, {});
                if (!hit) {
                    auto it2 = pending.find(id);
                    if (it2 != pending.end())
                        it2->second.probe.error = hit.errorMessage();
                }
            } else {
                // Transient query errors (the test server's --fail-rate, a restarting Loki) are retried
                // until the deadline; the last one is kept as the miss reason.
                auto it2 = pending.find(id);
                if (it2 != pending.end())
                    it2->second.probe.error = QStringLiteral("query_range: %1").arg(
                        status ? QStringLiteral("HTTP %1").arg(status) : reply->errorString());
            }
            QTimer::singleShot(options.pollIntervalMs, q, [this, id, gen] {
                if (gen == generation)
                    poll(id);
            });
        });
    }

    void pushOne(const LokiEndpoint& endpoint, const QString& selector)
    {
        LatencyProbe probe;
        probe.mode = QStringLiteral("push");
        probe.marker = newMarker();
        probe.emittedMs = nowMs();
        const QString line = CanaryRunner::lineFor(probe.marker);
        nlohmann::json body;
        nlohmann::json stream;
        stream["stream"] = {{"bulwark_probe", "canary"}, {"level", "critical"}};
        stream["values"] = nlohmann::json::array(
            {nlohmann::json::array({std::to_string(probe.emittedMs * 1000000LL), line.toStdString()})});
        body["streams"] = nlohmann::json::array({stream});
        QNetworkRequest req = request(endpoint, QStringLiteral("/loki/api/v1/push"));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const std::string payload = body.dump();
        QNetworkReply* reply = network.post(req, QByteArray::fromStdString(payload));
        const quint64 gen = generation;
        QObject::connect(reply, &QNetworkReply::finished, q, [this, reply, gen, probe, endpoint, selector]() mutable {
            reply->deleteLater();
            if (gen != generation)
                return;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() != QNetworkReply::NoError || status / 100 != 2) {
                // A rejected push is a miss: the event never reached the aggregation point.
                const int id = nextId++;
                Pending p;
                p.probe = probe;
                pending.emplace(id, std::move(p));
                return finishProbe(id, true, 0,
                                   QStringLiteral("push failed: %1")
                                       .arg(status ? QStringLiteral("HTTP %1 %2").arg(status).arg(
                                                         QString::fromUtf8(reply->readAll().left(200)).trimmed())
                                                   : reply->errorString()));
            }
            track(probe, endpoint, selector);
        });
    }
};

LokiProbe::LokiProbe(QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
}

LokiProbe::~LokiProbe()
{
    // Replies still in flight belong to d->network and die with it; the generation bump keeps
    // their finished() handlers (queued or not) from touching a half-destroyed probe.
    ++d->generation;
    d->removeCanaries();
}

void LokiProbe::setOptions(const LokiProbeOptions& options)
{
    d->options = options;
}

LokiProbeOptions LokiProbe::options() const
{
    return d->options;
}

bool LokiProbe::isRunning() const
{
    return d->running;
}

void LokiProbe::run(const LokiEndpoint& endpoint, int count)
{
    if (d->running)
        return;
    const QUrl url(endpoint.url);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        emit failed(QStringLiteral("Loki URL '%1' is not an http(s) URL").arg(endpoint.url));
        return;
    }
    if (count <= 0)
        count = std::max(1, d->options.count);
    d->startRun(count);
    const QString selector =
        d->options.selector.isEmpty() ? QStringLiteral("{bulwark_probe=\"canary\"}") : d->options.selector;
    const quint64 gen = d->generation;
    for (int i = 0; i < count; ++i) {
        QTimer::singleShot(i * d->options.intervalMs, this, [this, gen, endpoint, selector] {
            if (gen == d->generation)
                d->pushOne(endpoint, selector);
        });
    }
}

void LokiProbe::runEndToEnd(const FleetConfig& fleet, int count)
{
    if (d->running)
        return;
    if (!fleet.loki) {
        emit failed(QStringLiteral("the fleet file has no 'loki' section: end-to-end probes need the Loki URL"));
        return;
    }
    if (fleet.hosts.isEmpty()) {
        emit failed(QStringLiteral("the fleet has no hosts to run canaries on"));
        return;
    }
    const LokiEndpoint endpoint = *fleet.loki;
    if (const QUrl url(endpoint.url); !url.isValid() || !url.scheme().startsWith(QLatin1String("http"))) {
        emit failed(QStringLiteral("Loki URL '%1' is not an http(s) URL").arg(endpoint.url));
        return;
    }
    if (count <= 0)
        count = std::max(1, d->options.count);
    d->startRun(count * int(fleet.hosts.size()));
    const quint64 gen = d->generation;
    CanaryRunner::Options canaryOptions;
    canaryOptions.image = d->options.canaryImage;
    canaryOptions.memoryBytes = d->options.canaryMemoryBytes;
    canaryOptions.lingerSeconds = std::max(5, d->options.timeoutMs / 1000 + 5);
    canaryOptions.intervalMs = d->options.intervalMs;

    for (const HostEntry& host : fleet.hosts) {
        QStringList markers;
        for (int i = 0; i < count; ++i)
            markers << newMarker();
        // Each host's canaries run on a worker thread (HostSession and DockerClient block); every
        // started canary is reported back to this thread through a queued call, and polling starts.
        QPointer<LokiProbe> self(this);
        auto onStarted = [self, gen, endpoint, host](const CanaryRunner::Started& started) {
            QMetaObject::invokeMethod(self, [self, gen, endpoint, started] {
                if (!self || gen != self->d->generation)
                    return CanaryRunner::removeAll({started});
                auto* d = self->d.get();
                LatencyProbe probe;
                probe.mode = QStringLiteral("end-to-end");
                probe.hostName = started.hostName;
                probe.marker = started.marker;
                probe.emittedMs = started.emittedMs;
                if (!started.error.isEmpty()) {
                    const int id = d->nextId++;
                    Private::Pending p;
                    p.probe = probe;
                    d->pending.emplace(id, std::move(p));
                    return d->finishProbe(id, true, 0, started.error);
                }
                d->canaries.append(started);
                const QString selector = d->options.selector.isEmpty()
                    ? QStringLiteral("{container=\"%1\"}").arg(started.containerName)
                    : d->options.selector;
                d->track(probe, endpoint, selector);
            }, Qt::QueuedConnection);
        };
        (void)QtConcurrent::run([host, markers, canaryOptions, onStarted] {
            CanaryRunner::run(host, markers, canaryOptions, onStarted);
        });
    }
}

void LokiProbe::cancel()
{
    if (!d->running)
        return;
    QList<int> ids;
    for (const auto& [id, p] : d->pending)
        ids.append(id);
    const int missing = d->expected - int(d->results.size()) - int(ids.size());
    for (int i = 0; i < missing; ++i) {
        LatencyProbe probe;
        probe.missed = true;
        probe.error = QStringLiteral("cancelled before the canary was emitted");
        d->results.append(probe);
    }
    for (int id : ids)
        d->finishProbe(id, true, 0, QStringLiteral("cancelled"));
    d->maybeFinish();
}

} // namespace bulwark
