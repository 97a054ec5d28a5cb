// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace bulwark {

// One Docker host of the fleet, as written in the fleet file.
struct HostEntry {
    enum class Transport { Unix, Ssh };

    QString name;
    QString url;                                // unix:///path, ssh://[user@]host[:port] or ssh://alias
    QString socket = QStringLiteral("/var/run/docker.sock"); // the Docker socket on the remote host
    QString identity;                           // optional private key file for ssh -i
    QString knownHosts;                         // optional known_hosts file (UserKnownHostsFile)
    QMap<QString, QString> labels;

    // Derived from url by FleetFile; kept so no caller re-parses the URL.
    Transport transport = Transport::Unix;
    QString sshUser;  // empty: ssh decides (~/.ssh/config, current user)
    QString sshHost;  // host name, address or ~/.ssh/config alias
    int sshPort = 0;  // 0: ssh decides
    QString unixPath; // for unix:// hosts

    bool isLocal() const { return transport == Transport::Unix; }
    // What ssh is given as destination: "user@host" or "host".
    QString sshDestination() const { return sshUser.isEmpty() ? sshHost : sshUser + QLatin1Char('@') + sshHost; }
};

struct LokiEndpoint {
    QString url;     // base URL, e.g. http://127.0.0.1:3100
    QString tenant;  // X-Scope-OrgID, empty for none
    // HTTP basic auth user, empty for none. Its password is never here: it lives in the keychain under
    // SecretStore::httpTokenKey(url) and is read just before a probe (core/secrets/endpointcredentials.h).
    QString username;
};

struct PrometheusEndpoint {
    QString url;     // base URL, e.g. http://127.0.0.1:9090
};

struct FleetConfig {
    QString sourcePath; // the file it was read from, empty when built in memory
    QList<HostEntry> hosts;
    std::optional<LokiEndpoint> loki;
    std::optional<PrometheusEndpoint> prometheus;

    const HostEntry* findHost(const QString& name) const
    {
        for (const auto& h : hosts)
            if (h.name == name)
                return &h;
        return nullptr;
    }
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::HostEntry)
Q_DECLARE_METATYPE(bulwark::FleetConfig)
