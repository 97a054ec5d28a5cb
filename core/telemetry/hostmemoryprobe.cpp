// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostmemoryprobe.h"

#include "docker/dockerclient.h"
#include "docker/parallelget.h"
#include "docker/snapshotparser.h"
#include "ssh/hostsession.h"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <optional>

namespace bulwark {

struct HostMemoryProbe::Private {
    HostEntry host;
    int timeoutMs = 15000;
    std::unique_ptr<HostSession> session;
    std::unique_ptr<DockerClient> client;
    QString socket;
};

HostMemoryProbe::HostMemoryProbe(HostEntry host, int requestTimeoutMs) : d(std::make_unique<Private>())
{
    d->host = std::move(host);
    d->timeoutMs = requestTimeoutMs;
}

HostMemoryProbe::~HostMemoryProbe()
{
    reset();
}

void HostMemoryProbe::reset()
{
    d->client.reset();
    d->session.reset();
    d->socket.clear();
}

QString HostMemoryProbe::socketPath() const
{
    return d->socket;
}

Result<DockerClient*> HostMemoryProbe::docker()
{
    if (d->client)
        return d->client.get();
    d->session = std::make_unique<HostSession>(d->host);
    auto socket = d->session->open();
    if (!socket) {
        const QString message = socket.errorMessage();
        reset();
        return Result<DockerClient*>::failure(QStringLiteral("%1: %2").arg(d->host.name, message));
    }
    d->socket = *socket;
    DockerClient::Options options;
    options.timeoutMs = d->timeoutMs;
    d->client = std::make_unique<DockerClient>(d->socket, options);
    if (auto version = d->client->negotiate(); !version) {
        const QString message = version.errorMessage();
        reset();
        return Result<DockerClient*>::failure(QStringLiteral("%1: Docker API: %2").arg(d->host.name, message));
    }
    return d->client.get();
}

HostMemoryStatus HostMemoryProbe::sample()
{
    HostMemoryStatus status;
    status.hostName = d->host.name;
    status.sampledAt = QDateTime::currentDateTimeUtc();
    auto client = docker();
    if (!client) {
        status.error = client.errorMessage();
        return status;
    }
    auto fail = [&](const QString& what, const QString& message) {
        status.error = QStringLiteral("%1: %2: %3").arg(d->host.name, what, message);
        reset(); // a broken connection is reopened next time
        return status;
    };
    auto info = (*client)->get(QStringLiteral("/info"));
    if (!info)
        return fail(QStringLiteral("GET /info"), info.errorMessage());
    const auto infoJson = nlohmann::json::parse(info->constData(), info->constData() + info->size(), nullptr, false);
    if (infoJson.is_discarded() || !infoJson.is_object())
        return fail(QStringLiteral("GET /info"), QStringLiteral("malformed JSON"));
    if (infoJson.contains("MemTotal") && infoJson["MemTotal"].is_number_integer())
        status.memTotalBytes = infoJson["MemTotal"].get<qint64>();
    if (infoJson.contains("NCPU") && infoJson["NCPU"].is_number_integer())
        status.cpus = infoJson["NCPU"].get<int>();
    status.shareBytes = MemoryCeilings::hostShare(status.memTotalBytes);

    auto listed = (*client)->get(QStringLiteral("/containers/json"));
    if (!listed)
        return fail(QStringLiteral("GET /containers/json"), listed.errorMessage());
    auto containers = SnapshotParser::parseContainerList(*listed);
    if (!containers)
        return fail(QStringLiteral("GET /containers/json"), containers.errorMessage());

    QList<ParallelGet::Request> requests;
    for (const ContainerSummary& c : std::as_const(*containers))
        requests.append({QStringLiteral("/containers/%1/stats?stream=false").arg(c.id), 0});
    QList<std::optional<QByteArray>> bodies(requests.size());
    ParallelGet parallel(d->socket, (*client)->apiVersion());
    // All at once: each answers on dockerd's 1 s collection tick, so they must overlap.
    parallel.setLaneLimit(0, std::max<int>(1, int(requests.size())));
    parallel.run(requests, [&](int index, Result<QByteArray> body) {
        if (body)
            bodies[index] = std::move(*body);
    }, d->timeoutMs);

    const qint64 ts = status.sampledAt.toMSecsSinceEpoch();
    double cpuTotal = 0;
    for (qsizetype i = 0; i < containers->size(); ++i) {
        const ContainerSummary& c = containers->at(i);
        if (!bodies[i])
            continue; // stopped in between, or timed out: no reading rather than a wrong one
        auto reading = SnapshotParser::parseStats(*bodies[i]);
        if (!reading)
            continue;
        ContainerMemoryStatus cs;
        // The engine reports host memory as the limit of an unlimited container.
        const qint64 limit = (reading->limitBytes <= 0 || (status.memTotalBytes > 0 && reading->limitBytes >= status.memTotalBytes))
            ? 0
            : reading->limitBytes;
        cs.sample = MemorySample{d->host.name, c.id, c.name, ts, reading->usageBytes, limit};
        cs.labels = c.labels;
        cs.cpuPercent = MemoryCeilings::cpuPercentFromStats(*bodies[i]);
        cs.templateCeilingBytes = MemoryCeilings::templateCeiling(c.labels);
        cs.effectiveCeilingBytes = MemoryCeilings::effectiveCeiling(limit, cs.templateCeilingBytes);
        status.totalUsageBytes += cs.sample.usageBytes;
        cpuTotal += cs.cpuPercent;
        status.containers.append(cs);
    }
    status.cpuPercentOfHost = status.cpus > 0 ? cpuTotal / status.cpus : cpuTotal;
    return status;
}

} // namespace bulwark
