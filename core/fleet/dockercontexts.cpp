// SPDX-License-Identifier: GPL-3.0-or-later
#include "dockercontexts.h"

#include "fleetfile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

namespace bulwark::DockerContexts {

namespace {

// Adds one endpoint, or records why not.
void add(Imported& out, const QString& name, const QString& endpoint, const QString& origin)
{
    if (!endpoint.startsWith(QLatin1String("unix://")) && !endpoint.startsWith(QLatin1String("ssh://"))) {
        out.skipped << QStringLiteral("%1 %2: endpoint %3 is not unix:// or ssh:// (Bulwark never reaches Docker over TCP)")
                           .arg(origin, name, endpoint.isEmpty() ? QStringLiteral("(none)") : endpoint);
        return;
    }
    HostEntry h;
    h.name = name;
    h.url = endpoint;
    h.labels.insert(QStringLiteral("imported-from"), origin);
    if (auto ok = FleetFile::resolveUrl(h); !ok) {
        out.skipped << QStringLiteral("%1 %2: %3").arg(origin, name, ok.errorMessage());
        return;
    }
    if (h.isLocal())
        h.socket = h.unixPath;
    for (const auto& existing : std::as_const(out.hosts))
        if (existing.name == h.name) {
            out.skipped << QStringLiteral("%1 %2: a host of that name was already imported").arg(origin, name);
            return;
        }
    out.hosts << h;
}

} // namespace

Imported importFrom(const QString& dockerConfigDir, const QString& dockerHost)
{
    Imported out;
    if (!dockerHost.isEmpty())
        add(out, QStringLiteral("docker-host"), dockerHost, QStringLiteral("DOCKER_HOST"));

    const QDir meta(dockerConfigDir + QStringLiteral("/contexts/meta"));
    const QStringList dirs = meta.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& d : dirs) {
        const QString path = meta.filePath(d + QStringLiteral("/meta.json"));
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            out.skipped << QStringLiteral("context file %1: not valid JSON (%2 at byte %3)")
                               .arg(path, err.errorString())
                               .arg(err.offset);
            continue;
        }
        const QJsonObject o = doc.object();
        const QString name = o.value(QStringLiteral("Name")).toString();
        if (name.isEmpty()) {
            out.skipped << QStringLiteral("context file %1: no Name").arg(path);
            continue;
        }
        const QString host = o.value(QStringLiteral("Endpoints")).toObject().value(QStringLiteral("docker")).toObject()
                                 .value(QStringLiteral("Host")).toString();
        add(out, name, host, QStringLiteral("context"));
    }
    return out;
}

Imported importDefault()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    QString config = env.value(QStringLiteral("DOCKER_CONFIG"));
    if (config.isEmpty())
        config = QDir::homePath() + QStringLiteral("/.docker");
    return importFrom(config, env.value(QStringLiteral("DOCKER_HOST")));
}

} // namespace bulwark::DockerContexts
