// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleetfile.h"

#include "yaml/yamlnode.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

namespace bulwark::FleetFile {
namespace {

class Reader {
public:
    Reader(QString source, QString baseDir) : m_source(std::move(source)), m_baseDir(std::move(baseDir)) {}

    Result<FleetConfig> read(const YamlNode& root)
    {
        FleetConfig config;
        if (!root.isMapping())
            return fail(root, QStringLiteral("the fleet file must be a mapping with a 'hosts' list, found %1")
                                  .arg(root.kindName()));
        for (const auto& [key, value] : root.pairs()) {
            const QString k = key.scalar();
            if (k == QLatin1String("hosts")) {
                auto hosts = readHosts(value);
                if (!hosts)
                    return hosts.error();
                config.hosts = std::move(*hosts);
            } else if (k == QLatin1String("loki")) {
                auto loki = readEndpoint(value, {QStringLiteral("url"), QStringLiteral("tenant"), QStringLiteral("username")});
                if (!loki)
                    return loki.error();
                config.loki = LokiEndpoint{loki->value(QStringLiteral("url")), loki->value(QStringLiteral("tenant")),
                                           loki->value(QStringLiteral("username"))};
            } else if (k == QLatin1String("prometheus")) {
                auto prom = readEndpoint(value, {QStringLiteral("url")});
                if (!prom)
                    return prom.error();
                config.prometheus = PrometheusEndpoint{prom->value(QStringLiteral("url"))};
            } else {
                return fail(key, QStringLiteral("unknown key '%1' (expected hosts, loki or prometheus)").arg(k));
            }
        }
        if (!root.get(QLatin1String("hosts")))
            return fail(root, QStringLiteral("the fleet file has no 'hosts' list"));
        return config;
    }

private:
    Error fail(const YamlNode& at, const QString& message) const { return Error{yamlErrorAt(m_source, at, message)}; }

    Result<QString> scalar(const YamlNode& node, const QString& what) const
    {
        if (!node.isScalar())
            return fail(node, QStringLiteral("%1 must be a value, found %2").arg(what, node.kindName()));
        return node.scalar();
    }

    QString resolvePath(const QString& path) const
    {
        if (path.startsWith(QLatin1String("~/")))
            return QDir::homePath() + path.mid(1);
        if (QDir::isRelativePath(path) && !m_baseDir.isEmpty())
            return QDir::cleanPath(QDir(m_baseDir).filePath(path));
        return path;
    }

    Result<QMap<QString, QString>> readEndpoint(const YamlNode& node, const QStringList& allowed) const
    {
        if (!node.isMapping())
            return fail(node, QStringLiteral("expected a mapping with %1").arg(allowed.join(QLatin1String(", "))));
        QMap<QString, QString> out;
        for (const auto& [key, value] : node.pairs()) {
            static const QStringList secretKeys{QStringLiteral("password"), QStringLiteral("token"), QStringLiteral("secret")};
            if (secretKeys.contains(key.scalar()))
                return fail(key, QStringLiteral("'%1' does not belong in the fleet file: secrets live in the keychain only. "
                                                "Store it with `bulwark-cli secret set http-token:URL` (the secret is read "
                                                "from standard input) or in the dashboard's settings")
                                     .arg(key.scalar()));
            if (!allowed.contains(key.scalar()))
                return fail(key, QStringLiteral("unknown key '%1' (expected %2)")
                                     .arg(key.scalar(), allowed.join(QLatin1String(", "))));
            auto v = scalar(value, key.scalar());
            if (!v)
                return v.error();
            out.insert(key.scalar(), *v);
        }
        const QUrl url(out.value(QStringLiteral("url")));
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return fail(node, QStringLiteral("'url' must be an http:// or https:// URL"));
        return out;
    }

    Result<QList<HostEntry>> readHosts(const YamlNode& node) const
    {
        if (!node.isSequence())
            return fail(node, QStringLiteral("'hosts' must be a list, found %1").arg(node.kindName()));
        QList<HostEntry> hosts;
        QSet<QString> names;
        for (const YamlNode& item : node.items()) {
            auto host = readHost(item);
            if (!host)
                return host.error();
            if (names.contains(host->name))
                return fail(item, QStringLiteral("host name '%1' is used twice").arg(host->name));
            names.insert(host->name);
            hosts.append(std::move(*host));
        }
        return hosts;
    }

    Result<HostEntry> readHost(const YamlNode& node) const
    {
        static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$"));
        if (!node.isMapping())
            return fail(node, QStringLiteral("each host must be a mapping with 'name' and 'url'"));
        HostEntry host;
        for (const auto& [key, value] : node.pairs()) {
            const QString k = key.scalar();
            if (k == QLatin1String("labels")) {
                if (!value.isMapping())
                    return fail(value, QStringLiteral("'labels' must be a mapping of names to values"));
                for (const auto& [lk, lv] : value.pairs()) {
                    auto v = scalar(lv, QStringLiteral("label '%1'").arg(lk.scalar()));
                    if (!v)
                        return v.error();
                    host.labels.insert(lk.scalar(), *v);
                }
                continue;
            }
            auto v = scalar(value, QStringLiteral("'%1'").arg(k));
            if (!v)
                return v.error();
            if (k == QLatin1String("name"))
                host.name = *v;
            else if (k == QLatin1String("url"))
                host.url = *v;
            else if (k == QLatin1String("socket"))
                host.socket = *v;
            else if (k == QLatin1String("identity"))
                host.identity = resolvePath(*v);
            else if (k == QLatin1String("known_hosts"))
                host.knownHosts = resolvePath(*v);
            else
                return fail(key, QStringLiteral("unknown host key '%1' (expected name, url, socket, identity, "
                                                "known_hosts or labels)")
                                     .arg(k));
        }
        if (host.name.isEmpty())
            return fail(node, QStringLiteral("a host has no 'name'"));
        if (!validName.match(host.name).hasMatch())
            return fail(node, QStringLiteral("host name '%1' may only use letters, digits, '.', '_' and '-'")
                                  .arg(host.name));
        if (host.url.isEmpty())
            return fail(node, QStringLiteral("host '%1' has no 'url'").arg(host.name));
        if (!host.socket.startsWith(QLatin1Char('/')))
            return fail(node, QStringLiteral("host '%1': 'socket' must be an absolute path").arg(host.name));
        if (auto resolved = resolveUrl(host); !resolved)
            return fail(node, QStringLiteral("host '%1': %2").arg(host.name, resolved.errorMessage()));
        return host;
    }

    QString m_source;
    QString m_baseDir;
};

} // namespace

Result<void> resolveUrl(HostEntry& entry)
{
    const QString& url = entry.url;
    if (url.startsWith(QLatin1String("unix://"))) {
        const QString path = url.mid(7);
        if (!path.startsWith(QLatin1Char('/')))
            return Result<void>::failure(QStringLiteral("'%1' must name an absolute socket path, e.g. unix:///var/run/docker.sock").arg(url));
        entry.transport = HostEntry::Transport::Unix;
        entry.unixPath = path;
        return {};
    }
    if (!url.startsWith(QLatin1String("ssh://")))
        return Result<void>::failure(
            QStringLiteral("url '%1' must start with unix:// or ssh://").arg(url));

    // ssh://[user@]host[:port], host may be [IPv6]. Parsed by hand: QUrl lowercases and
    // normalises what ssh must see verbatim (config aliases are case-sensitive).
    static const QRegularExpression sshUrl(
        QStringLiteral(R"(^ssh://(?:([A-Za-z0-9._-]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?/?$)"));
    const auto m = sshUrl.match(url);
    if (!m.hasMatch())
        return Result<void>::failure(
            QStringLiteral("url '%1' is not of the form ssh://[user@]host[:port]").arg(url));
    entry.transport = HostEntry::Transport::Ssh;
    entry.sshUser = m.captured(1);
    entry.sshHost = m.captured(2);
    if (entry.sshHost.startsWith(QLatin1Char('[')))
        entry.sshHost = entry.sshHost.mid(1, entry.sshHost.size() - 2);
    if (entry.sshHost.startsWith(QLatin1Char('-')))
        return Result<void>::failure(QStringLiteral("host '%1' may not start with '-'").arg(entry.sshHost));
    entry.sshPort = 0;
    if (m.hasCaptured(3)) {
        const int port = m.captured(3).toInt();
        if (port < 1 || port > 65535)
            return Result<void>::failure(QStringLiteral("port %1 is out of range").arg(m.captured(3)));
        entry.sshPort = port;
    }
    return {};
}

Result<FleetConfig> parse(const QByteArray& text, const QString& sourceName, const QString& baseDir)
{
    auto root = parseYaml(text, sourceName);
    if (!root)
        return root.error();
    auto config = Reader(sourceName, baseDir).read(*root);
    if (config)
        config->sourcePath = sourceName;
    return config;
}

Result<FleetConfig> load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<FleetConfig>::failure(
            QStringLiteral("cannot read fleet file %1: %2").arg(path, file.errorString()));
    auto config = parse(file.readAll(), path, QFileInfo(path).absolutePath());
    if (config)
        config->sourcePath = QFileInfo(path).absoluteFilePath();
    return config;
}

namespace {
QByteArray quoted(const QString& s)
{
    // Double-quoted YAML scalar: safe for any content.
    QString out = s;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    return '"' + out.toUtf8() + '"';
}
} // namespace

QByteArray serialize(const FleetConfig& config)
{
    QByteArray out = "# Bulwark fleet file\nhosts:\n";
    for (const HostEntry& h : config.hosts) {
        out += "  - name: " + quoted(h.name) + "\n";
        out += "    url: " + quoted(h.url) + "\n";
        if (h.socket != QLatin1String("/var/run/docker.sock"))
            out += "    socket: " + quoted(h.socket) + "\n";
        if (!h.identity.isEmpty())
            out += "    identity: " + quoted(h.identity) + "\n";
        if (!h.knownHosts.isEmpty())
            out += "    known_hosts: " + quoted(h.knownHosts) + "\n";
        if (!h.labels.isEmpty()) {
            out += "    labels:\n";
            for (auto it = h.labels.cbegin(); it != h.labels.cend(); ++it)
                out += "      " + quoted(it.key()) + ": " + quoted(it.value()) + "\n";
        }
    }
    if (config.prometheus)
        out += "prometheus:\n  url: " + quoted(config.prometheus->url) + "\n";
    if (config.loki) {
        out += "loki:\n  url: " + quoted(config.loki->url) + "\n";
        if (!config.loki->tenant.isEmpty())
            out += "  tenant: " + quoted(config.loki->tenant) + "\n";
        if (!config.loki->username.isEmpty())
            out += "  username: " + quoted(config.loki->username) + "\n";
    }
    return out;
}

Result<void> save(const FleetConfig& config, const QString& path)
{
    // QSaveFile writes a temporary file and renames it: a crash never leaves half a fleet file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.write(serialize(config));
    if (!file.commit())
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace bulwark::FleetFile
