// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace bulwark {

// The end-to-end probe's canary containers on one host: short-lived, hardened (read-only root,
// cap_drop ALL, no-new-privileges, network none, a small memory limit, an unprivileged user,
// AutoRemove) containers that print one canary line to stdout, so the host's real log-shipping
// path carries it to Loki. Blocking: runs on a worker thread only.
class CanaryRunner final {
public:
    struct Options {
        QString image = QStringLiteral("bulwark/busybox:lab");
        qint64 memoryBytes = 16 * 1024 * 1024;
        // The canary stays alive this long after printing, so a shipper that discovers containers by
        // polling still attaches; it is removed as soon as the probe is done (AutoRemove otherwise).
        int lingerSeconds = 15;
        int intervalMs = 500; // between two canaries on the same host
    };

    struct Started {
        HostEntry host;
        QString hostName;
        QString marker;
        QString containerId;
        QString containerName;
        qint64 emittedMs = 0; // when the engine reported the canary started (it prints at once)
        QString error;        // non-empty: this canary never ran; the probe is a miss with this reason
    };

    // The canary line: level=critical, with the probe's unique marker.
    static QString lineFor(const QString& marker);

    // The JSON body of POST /containers/create for one canary (pure; tested).
    static QByteArray createBody(const QString& line, const Options& options);

    // Starts one canary per marker on the host; onStarted is called (on the worker thread) for each,
    // with an error when the host or the engine refused. One failing host never affects the others.
    static void run(const HostEntry& host, const QStringList& markers, const Options& options,
                    const std::function<void(const Started&)>& onStarted);

    // Force-removes the given canaries (grouped by host). Errors are ignored: AutoRemove is the backstop.
    static void removeAll(const QList<Started>& canaries);
};

} // namespace bulwark
