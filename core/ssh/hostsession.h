// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"
#include "model/result.h"
#include "model/snapshot.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace bulwark {

struct CommandOutput {
    int exitCode = -1;
    QByteArray stdOut;
    QByteArray stdErr;
};

// Why a session could not be opened, with a status an operator can act on.
struct SessionFailure {
    HostStatus status = HostStatus::Unreachable;
    QString message;
    QString fingerprint; // SHA256:... of the offered host key (HostKeyUnknown / HostKeyChanged)
    QString keyLine;     // the offered key as a known_hosts line, for "trust this key"
};

// How ssh gets passphrases: SSH_ASKPASS points at the helper (app/askpass), which asks the
// AskpassServer (core/secrets) on this socket; the secret never travels through argv, env or files.
struct AskpassConfig {
    QString helperPath; // the bulwark-askpass executable
    QString socketPath; // the AskpassServer's socket in the 0700 runtime directory
    bool isEnabled() const { return !helperPath.isEmpty() && !socketPath.isEmpty(); }
};

// One fleet host's connection. For ssh:// hosts: an OpenSSH ControlMaster plus the remote Docker
// socket forwarded to a unix socket in an owner-only (0700) runtime directory; never a TCP port.
// For unix:// hosts: the local socket path, and commands run locally.
//
// Blocking by design and confined to the thread that uses it: the scanner, sampler and remediation
// call it from worker threads (never from the UI thread). Destruction closes the master (`-O exit`),
// stops the forward and removes the socket.
class HostSession final {
public:
    explicit HostSession(HostEntry host);
    ~HostSession();
    HostSession(const HostSession&) = delete;
    HostSession& operator=(const HostSession&) = delete;

    const HostEntry& host() const;

    // Connects (ControlMaster + forward) and returns the local path of the Docker socket.
    // On failure the SessionFailure is in the error: status in Error::code, details via lastFailure().
    Result<QString> open(int timeoutMs = 20000);
    bool isOpen() const;
    QString dockerSocketPath() const;
    const SessionFailure& lastFailure() const;

    // Runs argv on the host (through the ControlMaster, quoted for the remote shell; locally for unix://).
    Result<CommandOutput> run(const QStringList& argv, const QByteArray& stdinData = {}, int timeoutMs = 30000);

    void close();

    // How open() reached the engine.
    enum class Channel { None, LocalSocket, Forward, DialStdio };
    Channel channel() const;
    qint64 masterPid() const;      // the ControlMaster's pid, 0 when none (for leak checks)
    QString controlPath() const;   // the master's control socket, empty when none
    QString runtimeDir() const;

    // Passphrase support for this session, or for every session opened afterwards (set once by main()).
    void setAskpass(const AskpassConfig& config);
    static void setDefaultAskpass(const AskpassConfig& config);

    // open() gives up (status Cancelled) soon after *flag becomes true; the flag must outlive the session.
    void setCancelFlag(const std::atomic<bool>* flag);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
