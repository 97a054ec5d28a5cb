// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QObject>
#include <QString>

#include <memory>

class QLocalSocket;

namespace bulwark {

class SecretStore;

// Answers the askpass helper (app/askpass) that ssh runs for a key passphrase. ssh gets only
// SSH_ASKPASS=<helper> and the socket path (not secret); the helper sends the prompt here, we read
// the passphrase from the keychain and send it back over the socket in the owner-only runtime
// directory. Only "Enter passphrase for key '<file>'" prompts are answered, with that key file's
// own keychain entry: never passwords, never host-key questions. Nothing is logged.
// Lives on a thread with an event loop (the GUI or CLI main thread); ssh runs on workers.
class AskpassServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AskpassServer)
public:
    explicit AskpassServer(SecretStore* store, QObject* parent = nullptr);
    ~AskpassServer() override;

    // Listens on socketPath (a path in the 0700 runtime directory).
    Result<void> listen(const QString& socketPath);
    QString socketPath() const;
    int answered() const; // passphrases handed out, for tests

    // The bulwark-askpass executable: next to this program, in ../askpass (build tree), or in PATH.
    static QString findHelper();

    // The key file named in an OpenSSH passphrase prompt, or empty when the prompt is anything else.
    static QString keyFileFromPrompt(const QString& prompt);

signals:
    void requestHandled(const QString& keyFile, bool answered);

private:
    void handle(QLocalSocket* socket);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
