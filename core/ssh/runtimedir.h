// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QString>

namespace bulwark::RuntimeDir {

// The per-user private directory for control sockets, forwarded Docker sockets and the askpass
// socket: $BULWARK_RUNTIME_DIR, else $XDG_RUNTIME_DIR/bulwark, else /tmp/bulwark-<uid>. Created
// 0700 when missing; refused when it is a symlink, not ours, or readable by others (another user
// could otherwise reach a forwarded Docker socket, which is root on that host).
Result<QString> ensure();

// A short, unique socket path inside the directory: "<dir>/<prefix><pid>-<n>". Short because
// sun_path holds 108 bytes; the pid lets sweepStale() find sockets of processes that died.
QString socketPath(const QString& dir, char prefix);

// Removes what dead Bulwark processes left behind: asks orphaned ControlMasters to exit
// (ssh -O exit) and unlinks their sockets. Runs once per process; cheap afterwards.
void sweepStale(const QString& dir);

// Whether a process still runs. A zombie counts as gone: it only waits for its parent to reap it.
bool processAlive(qint64 pid);

} // namespace bulwark::RuntimeDir
