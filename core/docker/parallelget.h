// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dockerclient.h"

#include <QDeadlineTimer>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace bulwark {

// Many Engine API GETs at once over one unix socket, on the calling thread (libcurl multi): the
// scanner's inspect and stats fan-out. Requests are grouped in lanes with their own concurrency
// limit, because one-shot stats answer on dockerd's 1 s collection tick and must all be in flight
// together, while inspects are quick and only need a few keep-alive connections.
// Blocking and not thread-safe, except abort().
class ParallelGet final {
public:
    struct Request {
        QString path; // without the version prefix
        int lane = 0;
    };
    using Callback = std::function<void(int index, Result<QByteArray> body)>;

    ParallelGet(QString socketPath, QString apiVersion, DockerClient::Options options = {});
    ~ParallelGet();
    ParallelGet(const ParallelGet&) = delete;
    ParallelGet& operator=(const ParallelGet&) = delete;

    void setLaneLimit(int lane, int maxInFlight); // default 8 per lane

    // Runs every request; onDone is called once per request, on this thread, as each completes
    // (errors carry DockerClient's codes). Requests not started by the deadline or after abort()
    // complete with ErrorTimeout / ErrorAborted. Each request has timeoutMs once started.
    void run(const QList<Request>& requests, const Callback& onDone, int timeoutMs,
             QDeadlineTimer deadline = QDeadlineTimer(QDeadlineTimer::Forever));

    void abort(); // thread-safe
    // Also stop when *flag becomes true (a scan's cancel flag); the flag must outlive this object.
    void setAbortFlag(const std::atomic<bool>* flag);
    int requestCount() const; // requests that reached the socket (connects refused and retried not counted)
    // Connects refused by a full listen backlog (a burst through an ssh forward) and tried again.
    int connectRetryCount() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
