// SPDX-License-Identifier: GPL-3.0-or-later
#include "askpassserver.h"

#include "secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>

namespace bulwark {

struct AskpassServer::Private {
    SecretStore* store = nullptr;
    QLocalServer server;
    int answered = 0;
};

AskpassServer::AskpassServer(SecretStore* store, QObject* parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->store = store;
    connect(&d->server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* s = d->server.nextPendingConnection())
            handle(s);
    });
}

AskpassServer::~AskpassServer()
{
    d->server.close();
}

Result<void> AskpassServer::listen(const QString& socketPath)
{
    QLocalServer::removeServer(socketPath);
    d->server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!d->server.listen(socketPath))
        return Result<void>::failure(
            QStringLiteral("askpass: cannot listen on %1: %2").arg(socketPath, d->server.errorString()));
    return {};
}

QString AskpassServer::socketPath() const
{
    return d->server.fullServerName();
}

int AskpassServer::answered() const
{
    return d->answered;
}

QString AskpassServer::findHelper()
{
    const QString dir = QCoreApplication::applicationDirPath();
    // Installed side by side; in the build tree app/askpass is a sibling of app/cli and tests/*.
    const QStringList relative{QStringLiteral("/bulwark-askpass"), QStringLiteral("/../askpass/bulwark-askpass"),
                               QStringLiteral("/../app/askpass/bulwark-askpass"),
                               QStringLiteral("/../../app/askpass/bulwark-askpass")};
    for (const QString& candidate : relative) {
        const QFileInfo fi(dir + candidate);
        if (fi.isExecutable())
            return fi.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("bulwark-askpass"));
}

QString AskpassServer::keyFileFromPrompt(const QString& prompt)
{
    static const QRegularExpression re(QStringLiteral("^Enter passphrase for (?:key )?'(.+)': ?$"));
    const auto m = re.match(prompt.trimmed() + QLatin1Char(' '));
    if (!m.hasMatch())
        return {};
    return m.captured(1);
}

void AskpassServer::handle(QLocalSocket* socket)
{
    socket->setParent(this);
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    // The helper sends one line: the prompt ssh gave it.
    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
        if (!socket->canReadLine())
            return;
        const QString prompt = QString::fromUtf8(socket->readLine()).trimmed();
        const QString keyFile = keyFileFromPrompt(prompt);
        if (keyFile.isEmpty()) {
            emit requestHandled({}, false);
            socket->disconnectFromServer(); // not a passphrase prompt: no answer at all
            return;
        }
        QPointer<QLocalSocket> guard(socket);
        d->store->read(SecretStore::sshPassphraseKey(keyFile), [this, guard, keyFile](Result<QString> secret) {
            const bool ok = secret.ok();
            if (guard) {
                if (ok) {
                    guard->write(secret->toUtf8() + '\n');
                    guard->flush();
                    ++d->answered;
                }
                guard->disconnectFromServer();
            }
            emit requestHandled(keyFile, ok);
        });
    });
}

} // namespace bulwark
