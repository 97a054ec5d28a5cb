// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace bulwark {

// Serves a local unix socket whose every connection is handed to a fresh child process as its
// stdin and stdout: here `ssh -S <master> host docker system dial-stdio`, the fallback when the
// Docker socket cannot be forwarded with -L. No bytes are copied by us; the kernel connects the
// client to ssh directly. One accept thread; children are reaped and, on stop(), terminated.
class StdioBridge final {
public:
    // argv[0] is looked up in PATH.
    StdioBridge(QString listenPath, QStringList argv);
    ~StdioBridge();
    StdioBridge(const StdioBridge&) = delete;
    StdioBridge& operator=(const StdioBridge&) = delete;

    Result<void> start();
    void stop(); // idempotent; removes the socket, ends every child
    QString path() const;
    int childrenStarted() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
