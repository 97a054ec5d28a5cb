// SPDX-License-Identifier: GPL-3.0-or-later
#include "canaryrunner.h"

#ifdef BULWARK_TELEMETRY_HAVE_ENGINE
#include "docker/dockerclient.h"
#include "ssh/hostsession.h"
#endif

#include <QDateTime>
#include <QMap>
#include <QThread>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace bulwark {

QString CanaryRunner::lineFor(const QString& marker)
{
    return QStringLiteral("level=critical msg=\"bulwark log-latency canary\" marker=") + marker;
}

QByteArray CanaryRunner::createBody(const QString& line, const Options& options)
{
    nlohmann::json body;
    body["Image"] = options.image.toStdString();
    // The line is passed as $1, never interpolated into the script: no quoting pitfalls.
    body["Cmd"] = {"sh", "-c", "echo \"$1\"; exec sleep \"$2\"", "canary", line.toStdString(),
                   std::to_string(options.lingerSeconds)};
    body["Entrypoint"] = nlohmann::json::array();
    body["User"] = "65534:65534";
    body["NetworkDisabled"] = true;
    body["Labels"] = {{"io.bulwark.role", "log-canary"}};
    nlohmann::json hc;
    hc["ReadonlyRootfs"] = true;
    hc["CapDrop"] = {"ALL"};
    hc["SecurityOpt"] = {"no-new-privileges:true"};
    hc["NetworkMode"] = "none";
    hc["Memory"] = options.memoryBytes;
    hc["MemorySwap"] = options.memoryBytes;
    hc["PidsLimit"] = 8;
    hc["AutoRemove"] = true;
    body["HostConfig"] = hc;
    return QByteArray::fromStdString(body.dump());
}

#ifdef BULWARK_TELEMETRY_HAVE_ENGINE
namespace {

QString containerIdFrom(const QByteArray& reply)
{
    const auto json = nlohmann::json::parse(reply.constData(), reply.constData() + reply.size(), nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("Id") || !json["Id"].is_string())
        return {};
    return QString::fromStdString(json["Id"].get<std::string>());
}

} // namespace
#endif

void CanaryRunner::run(const HostEntry& host, const QStringList& markers, const Options& options,
                       const std::function<void(const Started&)>& onStarted)
{
    auto failAll = [&](const QString& why, qsizetype from) {
        for (qsizetype i = from; i < markers.size(); ++i) {
            Started s;
            s.host = host;
            s.hostName = host.name;
            s.marker = markers[i];
            s.emittedMs = QDateTime::currentMSecsSinceEpoch();
            s.error = QStringLiteral("%1: %2").arg(host.name, why);
            onStarted(s);
        }
    };
#ifndef BULWARK_TELEMETRY_HAVE_ENGINE
    Q_UNUSED(options)
    return failAll(QStringLiteral("this build has no Docker client"), 0);
#else
    HostSession session(host);
    auto socket = session.open();
    if (!socket)
        return failAll(QStringLiteral("cannot reach the host: ") + socket.errorMessage(), 0);
    DockerClient docker(*socket);
    if (auto version = docker.negotiate(); !version)
        return failAll(QStringLiteral("Docker API: ") + version.errorMessage(), 0);

    for (qsizetype i = 0; i < markers.size(); ++i) {
        if (i > 0)
            QThread::msleep(ulong(std::max(0, options.intervalMs))); // pacing on a worker thread, not synchronisation
        Started s;
        s.host = host;
        s.hostName = host.name;
        s.marker = markers[i];
        s.containerName = QStringLiteral("bulwark-canary-") + markers[i].right(12);
        auto created = docker.post(QStringLiteral("/containers/create?name=") + s.containerName,
                                   createBody(lineFor(markers[i]), options));
        if (!created) {
            s.emittedMs = QDateTime::currentMSecsSinceEpoch();
            s.error = QStringLiteral("%1: cannot create the canary container (image %2): %3")
                          .arg(host.name, options.image, created.errorMessage());
            onStarted(s);
            continue;
        }
        s.containerId = containerIdFrom(*created);
        auto started = docker.post(QStringLiteral("/containers/%1/start").arg(s.containerId));
        s.emittedMs = QDateTime::currentMSecsSinceEpoch();
        if (!started) {
            s.error = QStringLiteral("%1: cannot start the canary container: %2").arg(host.name, started.errorMessage());
            (void)docker.del(QStringLiteral("/containers/%1?force=1").arg(s.containerId));
        }
        onStarted(s);
    }
#endif
}

void CanaryRunner::removeAll(const QList<Started>& canaries)
{
#ifdef BULWARK_TELEMETRY_HAVE_ENGINE
    QMap<QString, QList<Started>> byHost;
    for (const Started& s : canaries)
        if (!s.containerId.isEmpty())
            byHost[s.hostName].append(s);
    for (const auto& list : std::as_const(byHost)) {
        HostSession session(list.first().host);
        auto socket = session.open();
        if (!socket)
            continue;
        DockerClient docker(*socket);
        if (!docker.negotiate())
            continue;
        for (const Started& s : list)
            (void)docker.del(QStringLiteral("/containers/%1?force=1").arg(s.containerId));
    }
#else
    Q_UNUSED(canaries)
#endif
}

} // namespace bulwark
