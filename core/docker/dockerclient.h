// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>
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
        int connectTimeoutMs = 5000;
    };

    // Error::code for failures that are not HTTP statuses (those carry the status, >= 300).
    static constexpr int ErrorConnect = -1;  // the socket is missing or refuses connections
    static constexpr int ErrorTimeout = -2;  // no complete reply within the timeout
    static constexpr int ErrorTooLarge = -3; // the reply exceeded Options::maxResponseBytes
    static constexpr int ErrorProtocol = -4; // not HTTP, connection dropped mid-reply, garbage
    static constexpr int ErrorAborted = -5;  // abort() was called

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

    // Skips /_ping when another client already negotiated on the same socket (one ping per host).
    void setApiVersion(const QString& version);
    QString socketPath() const;

    // A long-lived GET (e.g. /events): onData gets each piece of the body as it arrives and returns
    // false to stop. No overall timeout; ends on EOF, on abort(), when onData says stop, or when
    // nothing at all arrives for idleTimeoutMs (0: wait forever).
    Result<void> stream(const QString& path, const std::function<bool(const QByteArray&)>& onData,
                        int idleTimeoutMs = 0);

    // Thread-safe: makes the request in flight (and later ones until clearAbort()) fail with
    // ErrorAborted within about a second (libcurl's progress tick). For cancel and shutdown from another thread.
    void abort();
    void clearAbort();
    // Also stop when *flag becomes true (a scan's cancel flag); the flag must outlive this object.
    void setAbortFlag(const std::atomic<bool>* flag);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
