// SPDX-License-Identifier: GPL-3.0-or-later
#include "askpassbridge.h"

#include "hostsession.h"
#include "runtimedir.h"

#include "secrets/askpassserver.h"
#include "secrets/secretstore.h"

namespace bulwark::AskpassBridge {

Result<void> install(QObject* owner)
{
    const QString helper = AskpassServer::findHelper();
    if (helper.isEmpty())
        return Result<void>::failure(QStringLiteral("bulwark-askpass not found: passphrase-protected keys need ssh-agent"));
    auto dir = RuntimeDir::ensure();
    if (!dir)
        return dir.error();
    auto* store = new SecretStore(owner);
    auto* server = new AskpassServer(store, owner);
    auto listening = server->listen(RuntimeDir::socketPath(*dir, 'a'));
    if (!listening) {
        delete server; // not yet shared with anyone
        delete store;
        return listening;
    }
    HostSession::setDefaultAskpass({helper, server->socketPath()});
    // Sessions must not point at a socket that is gone.
    QObject::connect(server, &QObject::destroyed, [] { HostSession::setDefaultAskpass({}); });
    return {};
}

} // namespace bulwark::AskpassBridge
