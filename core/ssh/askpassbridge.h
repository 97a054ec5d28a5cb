// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

class QObject;

namespace bulwark::AskpassBridge {

// One call from main(): starts a SecretStore and an AskpassServer owned by `owner` (on its thread,
// which must run an event loop) in the 0700 runtime directory, and makes every HostSession opened
// afterwards use it, so passphrase-protected keys work with their passphrase in the keychain.
// Fails (and changes nothing) when the bulwark-askpass helper is not installed.
Result<void> install(QObject* owner);

} // namespace bulwark::AskpassBridge
