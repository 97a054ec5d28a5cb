// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "hostsession.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bulwark::SshDiagnostics {

// Maps what the OpenSSH client printed on stderr (and its exit code) to a status an operator can act
// on, with a message naming the host and what to do. Pure, so every known wording is unit-tested.
// For HostKeyChanged the fingerprint ssh printed is filled in; HostKeyUnknown needs ssh-keyscan.
SessionFailure classify(const QByteArray& stderrText, int exitCode, const QString& hostLabel);

// True when ssh failed only because the local forward could not be set up (so the dial-stdio
// fallback may still work).
bool isForwardFailure(const QByteArray& stderrText);

// Quotes one word for the POSIX shell that sshd runs the command with: 'it'\''s'.
QString shellQuote(const QString& word);
// argv as one remote command line, each word quoted (words of safe characters stay bare).
QString shellJoin(const QStringList& argv);

// The known_hosts host field ssh looks up: "host" on port 22, "[host]:port" otherwise.
QString knownHostsName(const QString& host, int port);

// Parses `ssh-keygen -lf` output ("256 SHA256:abc comment (ED25519)") into "SHA256:abc".
QString fingerprintFromKeygen(const QByteArray& output);

} // namespace bulwark::SshDiagnostics
