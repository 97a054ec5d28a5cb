// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"
#include "ssh/hostsession.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bulwark {

// Where the remediation runs its commands (cat, stat, docker-compose): the host's shell. An
// interface so the same apply code runs over a HostSession (ssh ControlMaster) or locally for
// unix:// hosts. Blocking; used from worker threads only.
class CommandRunner {
public:
    CommandRunner() = default;
    virtual ~CommandRunner() = default;
    CommandRunner(const CommandRunner&) = delete;
    CommandRunner& operator=(const CommandRunner&) = delete;

    virtual Result<CommandOutput> run(const QStringList& argv, const QByteArray& stdinData = {}, int timeoutMs = 30000) = 0;
};

// Runs argv directly (no shell) on this machine: the transport for unix:// hosts.
class LocalCommandRunner final : public CommandRunner {
public:
    Result<CommandOutput> run(const QStringList& argv, const QByteArray& stdinData = {}, int timeoutMs = 30000) override;
};

} // namespace bulwark
