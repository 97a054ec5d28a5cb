// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace bulwark {

// The only place Bulwark keeps secrets: the desktop keychain through QtKeychain (service "bulwark";
// Secret Service / gnome-keyring on Linux). Never a plaintext fallback file. Asynchronous: callbacks
// run on this object's thread once the keychain answered; never blocks the UI thread.
class SecretStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)
public:
    using ReadCallback = std::function<void(Result<QString>)>;
    using DoneCallback = std::function<void(Result<void>)>;

    static constexpr int ErrorNotFound = 1; // Error::code when the key has no secret

    explicit SecretStore(QObject* parent = nullptr);
    ~SecretStore() override;

    static QString service(); // "bulwark"
    // Key names, so every feature files its secrets the same way.
    static QString sshPassphraseKey(const QString& identityFile); // "ssh-passphrase:<absolute path>"
    static QString httpTokenKey(const QString& url);              // "http-token:<url>"

    void read(const QString& key, ReadCallback done);
    void write(const QString& key, const QString& secret, DoneCallback done);
    void remove(const QString& key, DoneCallback done);
};

} // namespace bulwark
