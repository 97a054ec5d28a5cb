// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <memory>

namespace bulwark {
class SecretStore;
}

namespace bulwark::cli {

// `bulwark-cli secret set|check|delete KEY`: manages Bulwark's secrets in the keychain for headless
// machines (cron, CI runners). `set` reads the secret from standard input, without echo on a terminal,
// so it never appears in argv, the environment, shell history or logs; nothing ever prints a secret.
class SecretCommand final : public Command {
    Q_OBJECT
public:
    explicit SecretCommand(QObject* parent = nullptr);
    ~SecretCommand() override;
    QString name() const override { return QStringLiteral("secret"); }
    QString summary() const override { return QStringLiteral("Store, check or delete a secret in the keychain"); }
    QString usage() const override;
    void addOptions(QCommandLineParser& parser) override;
    void start(const QCommandLineParser& parser) override;

private:
    void finishLater(int exitCode);

    std::unique_ptr<SecretStore> m_store;
};

} // namespace bulwark::cli
