// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpointcredentials.h"

#include "secretstore.h"

namespace bulwark {

void readHttpCredentials(SecretStore& store, const QString& url, const QString& username,
                         std::function<void(Result<HttpCredentials>)> done)
{
    if (username.isEmpty()) {
        done(HttpCredentials{});
        return;
    }
    const QString key = SecretStore::httpTokenKey(url);
    store.read(key, [url, username, key, done = std::move(done)](Result<QString> secret) {
        if (secret) {
            done(HttpCredentials{username, *secret});
            return;
        }
        if (secret.error().code == SecretStore::ErrorNotFound) {
            done(Error{QStringLiteral("the keychain holds no password for user '%1' at %2: store it with "
                                      "`bulwark-cli secret set %3` (it reads the password from standard input) "
                                      "or in the dashboard's settings")
                           .arg(username, url, key),
                       0});
            return;
        }
        done(Error{QStringLiteral("cannot read the password for user '%1' at %2 from the keychain: %3")
                       .arg(username, url, secret.errorMessage()),
                   0});
    });
}

} // namespace bulwark
