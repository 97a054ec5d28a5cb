// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backoff.h"
#include "fleetscanner.h"

#include "model/fleetconfig.h"
#include "model/snapshot.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <functional>
#include <memory>

namespace bulwark {

struct WatchOptions {
    ScanOptions scan;           // the full (re)scans and the per-container refreshes
    BackoffPolicy backoff;      // between reconnect attempts
    int quietMs = 250;          // a container is refreshed once its events stop for this long...
    int maxDelayMs = 2000;      // ...or at the latest this long after its first event
    int healthCheckMs = 15000;  // a silent event stream is checked with /_ping this often
};

enum class WatchState {
    Connecting,   // first connection (and first full scan, unless started from a known snapshot)
    Watching,     // following /events
    Reconnecting, // the tunnel or the engine dropped: waiting for the next attempt
    Stopped,
};
QString watchStateName(WatchState state); // "connecting", "watching", "reconnecting", "stopped"

// Follows one host's /events over its own HostSession, blocking, on the calling (worker) thread,
// until stop(). Bursts of events are folded per container (EventCoalescer) and only the changed
// containers are re-inspected, with one-shot stats for running ones, as the scanner reads them.
// When the stream ends, the tunnel dies or the engine stops answering, the session is closed
// (ssh -O exit, sockets removed), the host is reported as reconnecting, and it is tried again with
// exponential backoff; after a reconnect the host is scanned in full, because events were missed.
class HostWatcher final {
public:
    struct Callbacks {
        // retryInMs: for Reconnecting, when the next attempt starts; attempt counts from 1.
        std::function<void(WatchState state, const QString& reason, int attempt, int retryInMs)> state;
        std::function<void(const HostSnapshot& snapshot)> scanned;
        std::function<void(const ContainerSnapshot& container)> upserted;
        std::function<void(const QString& id, const QString& name)> removed;
    };

    HostWatcher(HostEntry host, WatchOptions options, Callbacks callbacks);
    ~HostWatcher();
    HostWatcher(const HostWatcher&) = delete;
    HostWatcher& operator=(const HostWatcher&) = delete;

    // Start from a snapshot taken at `since` (an audit's scan) instead of a full first scan: events
    // from then on are replayed by the engine, so nothing between that scan and now is missed.
    void setSince(const QDateTime& since);

    const HostEntry& host() const;
    void run();  // blocks until stop(); the session is closed when it returns
    void stop(); // thread-safe; run() returns within about a second (plus ssh -O exit)

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::WatchState)
