// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstore.h"

#include <qt6keychain/keychain.h>

#include <QFileInfo>

namespace bulwark {

namespace {

Error keychainError(const QKeychain::Job& job, const QString& key)
{
    if (job.error() == QKeychain::EntryNotFound)
        return Error{QStringLiteral("no secret stored for %1").arg(key), SecretStore::ErrorNotFound};
    return Error{QStringLiteral("keychain: %1 (%2)").arg(job.errorString(), key), 100 + int(job.error())};
}

} // namespace

SecretStore::SecretStore(QObject* parent) : QObject(parent) {}
SecretStore::~SecretStore() = default;

QString SecretStore::service()
{
    return QStringLiteral("bulwark");
}

QString SecretStore::sshPassphraseKey(const QString& identityFile)
{
    return QStringLiteral("ssh-passphrase:") + QFileInfo(identityFile).absoluteFilePath();
}

QString SecretStore::httpTokenKey(const QString& url)
{
    return QStringLiteral("http-token:") + url;
}

void SecretStore::read(const QString& key, ReadCallback done)
{
    // Jobs delete themselves after finished(); parented to us, they also die with us.
    auto* job = new QKeychain::ReadPasswordJob(service(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [key, done = std::move(done)](QKeychain::Job* j) {
        auto* r = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (r->error() != QKeychain::NoError)
            done(keychainError(*r, key));
        else
            done(r->textData());
    });
    job->start();
}

void SecretStore::write(const QString& key, const QString& secret, DoneCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(service(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [key, done = std::move(done)](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError)
            done(keychainError(*j, key));
        else
            done({});
    });
    job->start();
}

void SecretStore::remove(const QString& key, DoneCallback done)
{
    auto* job = new QKeychain::DeletePasswordJob(service(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [key, done = std::move(done)](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound)
            done(keychainError(*j, key));
        else
            done({});
    });
    job->start();
}

} // namespace bulwark
