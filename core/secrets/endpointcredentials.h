// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QString>

#include <functional>

namespace bulwark {

class SecretStore;

// HTTP basic-auth credentials for an endpoint such as Loki. The user name comes from the fleet file;
// the password only ever from the keychain, read just before use and never written anywhere else.
struct HttpCredentials {
    QString username;
    QString password;
    bool isEmpty() const { return username.isEmpty(); }
};

// Reads the password for `username` at `url` (key SecretStore::httpTokenKey(url)). An empty user name
// means the endpoint needs no credentials: `done` gets empty ones at once and the keychain is never
// touched, so audits on machines without a keychain keep working. A missing secret is an error that
// says how to store it. `done` runs on the store's thread.
void readHttpCredentials(SecretStore& store, const QString& url, const QString& username,
                         std::function<void(Result<HttpCredentials>)> done);

} // namespace bulwark
