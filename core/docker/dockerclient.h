// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace bulwark {

struct HttpReply {
    int status = 0;
    QByteArray body;
    QByteArray apiVersionHeader; // "API-Version" of /_ping
};

// The Docker Engine API over a unix socket (libcurl, CURLOPT_UNIX_SOCKET_PATH): HTTP/1.1 keep-alive,
// Content-Length and chunked bodies, per-request timeouts, a cap on response size. The API version is
// negotiated from /_ping, never hard-coded. Errors carry the engine's {"message": ...}.
//
// Blocking and not thread-safe: one client per worker thread (several may share one socket).
class DockerClient final {
public:
    struct Options {
        int timeoutMs = 15000;
        qint64 maxResponseBytes = 64 * 1024 * 1024;
    };

    explicit DockerClient(QString socketPath);
    DockerClient(QString socketPath, Options options);
    ~DockerClient();
    DockerClient(const DockerClient&) = delete;
    DockerClient& operator=(const DockerClient&) = delete;

    // GET /_ping; afterwards every path is sent as /v<version><path>.
    Result<QString> negotiate();
    QString apiVersion() const;

    // path like "/containers/json?all=1" (without the version prefix). Non-2xx replies become errors
    // with Error::code = HTTP status and the engine's message.
    Result<HttpReply> request(const QByteArray& method, const QString& path, const QByteArray& body = {},
                              int timeoutMs = -1);
    Result<QByteArray> get(const QString& path, int timeoutMs = -1);
    Result<QByteArray> post(const QString& path, const QByteArray& jsonBody = {}, int timeoutMs = -1);
    Result<QByteArray> del(const QString& path, int timeoutMs = -1);

    int requestCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
