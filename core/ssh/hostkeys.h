// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"
#include "model/result.h"

#include <QString>

namespace bulwark {

// The key an ssh host offers, for showing it to a user who decides whether to trust it.
struct OfferedHostKey {
    QString fingerprint; // SHA256:...
    QString keyType;     // ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa
    QString keyLine;     // "[host]:port ssh-ed25519 AAAA...", ready for known_hosts
};

// Host keys are verified by ssh (StrictHostKeyChecking=yes); these helpers only show and, after an
// explicit decision, record a key. Blocking (ssh -G, ssh-keyscan, ssh-keygen); worker threads.
namespace HostKeys {

// Asks the host for its key with ssh-keyscan (resolving aliases, ports and HostKeyAlias through
// `ssh -G`, so ~/.ssh/config applies). preferredType: "ed25519", "ecdsa", "rsa" or empty for any.
Result<OfferedHostKey> fetch(const HostEntry& host, const QString& preferredType = {}, int timeoutMs = 10000);

// The known_hosts file ssh reads for this host: the entry's known_hosts, else ~/.ssh/known_hosts.
QString knownHostsFile(const HostEntry& host);

// Appends keyLine to knownHostsFile(host) (created 0600 when missing). Only after the user said yes.
Result<void> trust(const HostEntry& host, const QString& keyLine);

} // namespace HostKeys
} // namespace bulwark
