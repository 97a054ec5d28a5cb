// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotparser.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <string>

namespace bulwark::SnapshotParser {

namespace {

// ordered_json keeps the engine's key order, so rawInspect reads like `docker inspect`.
using Json = nlohmann::ordered_json;

QString qs(const std::string& s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

const char* typeName(const Json& j)
{
    return j.type_name();
}

// Records the first problem while values are read, with the JSON path where it happened, so one
// parser reads straight through and reports "HostConfig.Privileged: expected boolean, got string".
class Reader final {
public:
    explicit Reader(const char* what) : m_what(what) {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return QString::fromLatin1(m_what) + QStringLiteral(" reply: ") + m_error; }

    void fail(const QString& path, const QString& message)
    {
        if (m_error.isEmpty())
            m_error = path.isEmpty() ? message : path + QStringLiteral(": ") + message;
    }

    // The member `key` of `obj`, or nullptr when missing or null. A non-object `obj` is an error.
    const Json* member(const Json& obj, const char* key, const QString& path)
    {
        if (obj.is_null())
            return nullptr;
        if (!obj.is_object()) {
            fail(path, QStringLiteral("expected object, got %1").arg(QLatin1String(typeName(obj))));
            return nullptr;
        }
        const auto it = obj.find(key);
        if (it == obj.end() || it->is_null())
            return nullptr;
        return &*it;
    }

    static QString join(const QString& path, const char* key)
    {
        return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
    }

    // Object member (or a null placeholder when missing), for walking into sub-objects.
    const Json& object(const Json& obj, const char* key, const QString& path)
    {
        static const Json null;
        const Json* v = member(obj, key, path);
        if (!v)
            return null;
        if (!v->is_object()) {
            fail(join(path, key), QStringLiteral("expected object, got %1").arg(QLatin1String(typeName(*v))));
            return null;
        }
        return *v;
    }

    QString string(const Json& obj, const char* key, const QString& path)
    {
        const Json* v = member(obj, key, path);
        if (!v)
            return {};
        if (!v->is_string()) {
            fail(join(path, key), QStringLiteral("expected string, got %1").arg(QLatin1String(typeName(*v))));
            return {};
        }
        return qs(v->get_ref<const std::string&>());
    }

    bool boolean(const Json& obj, const char* key, const QString& path)
    {
        const Json* v = member(obj, key, path);
        if (!v)
            return false;
        if (!v->is_boolean()) {
            fail(join(path, key), QStringLiteral("expected boolean, got %1").arg(QLatin1String(typeName(*v))));
            return false;
        }
        return v->get<bool>();
    }

    qint64 integer(const Json& obj, const char* key, const QString& path)
    {
        const Json* v = member(obj, key, path);
        if (!v)
            return 0;
        return integerValue(*v, join(path, key));
    }

    qint64 integerValue(const Json& v, const QString& path)
    {
        if (v.is_number_unsigned()) {
            const auto u = v.get<std::uint64_t>();
            return u > static_cast<std::uint64_t>(std::numeric_limits<qint64>::max())
                ? std::numeric_limits<qint64>::max()
                : static_cast<qint64>(u);
        }
        if (v.is_number_integer())
            return v.get<std::int64_t>();
        if (v.is_number_float()) {
            // The engine writes integers; a float here is tolerated only when it is integral.
            const double d = v.get<double>();
            if (d == static_cast<double>(static_cast<qint64>(d)))
                return static_cast<qint64>(d);
        }
        fail(path, QStringLiteral("expected integer, got %1").arg(QLatin1String(typeName(v))));
        return 0;
    }

    QStringList stringList(const Json& obj, const char* key, const QString& path)
    {
        const Json* v = member(obj, key, path);
        if (!v)
            return {};
        if (!v->is_array()) {
            fail(join(path, key), QStringLiteral("expected array, got %1").arg(QLatin1String(typeName(*v))));
            return {};
        }
        QStringList out;
        int i = 0;
        for (const auto& e : *v) {
            if (!e.is_string()) {
                fail(join(path, key) + QStringLiteral("[%1]").arg(i),
                     QStringLiteral("expected string, got %1").arg(QLatin1String(typeName(e))));
                return {};
            }
            out << qs(e.get_ref<const std::string&>());
            ++i;
        }
        return out;
    }

    // Labels, Tmpfs: object of strings.
    QMap<QString, QString> stringMap(const Json& obj, const char* key, const QString& path)
    {
        const Json& m = object(obj, key, path);
        QMap<QString, QString> out;
        if (!m.is_object())
            return out;
        for (auto it = m.begin(); it != m.end(); ++it) {
            if (it->is_null()) {
                out.insert(qs(it.key()), QString());
            } else if (it->is_string()) {
                out.insert(qs(it.key()), qs(it->get_ref<const std::string&>()));
            } else {
                fail(join(path, key) + QLatin1Char('.') + qs(it.key()),
                     QStringLiteral("expected string, got %1").arg(QLatin1String(typeName(*it))));
                return {};
            }
        }
        return out;
    }

    QDateTime time(const Json& obj, const char* key, const QString& path)
    {
        const QString s = string(obj, key, path);
        return parseTime(s, join(path, key));
    }

    QDateTime parseTime(const QString& s, const QString& path)
    {
        // Go's zero time marks "never" (a created container's StartedAt).
        if (s.isEmpty() || s.startsWith(QLatin1String("0001-01-01")))
            return {};
        QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid()) {
            fail(path, QStringLiteral("not an RFC 3339 time: \"%1\"").arg(s.left(64)));
            return {};
        }
        return t.toUTC();
    }

private:
    const char* m_what;
    QString m_error;
};

// Records the byte offset of the first syntax error; sax_parse with a handler never throws for
// input errors.
struct ErrorLocator final : nlohmann::json_sax<nlohmann::json> {
    std::size_t position = 0;
    std::string message;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override
    {
        position = pos;
        message = ex.what();
        return false;
    }
};

Result<Json> parseJson(const QByteArray& text, const char* what)
{
    Json j = Json::parse(text.cbegin(), text.cend(), nullptr, false);
    if (j.is_discarded())
        return Result<Json>::failure(describeJsonError(text, what));
    return j;
}

QString compact(const Json& j)
{
    return qs(j.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace));
}

QList<PortBinding> parsePortMap(Reader& r, const Json& map, const QString& path)
{
    QList<PortBinding> out;
    if (map.is_null())
        return out;
    if (!map.is_object()) {
        r.fail(path, QStringLiteral("expected object, got %1").arg(QLatin1String(typeName(map))));
        return out;
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString port = qs(it.key());
        const QString itemPath = path + QLatin1Char('.') + port;
        // null: exposed but not published.
        if (it->is_null())
            continue;
        if (!it->is_array()) {
            r.fail(itemPath, QStringLiteral("expected array, got %1").arg(QLatin1String(typeName(*it))));
            return {};
        }
        for (const auto& b : *it) {
            PortBinding pb;
            pb.containerPort = port;
            pb.hostIp = r.string(b, "HostIp", itemPath);
            pb.hostPort = r.string(b, "HostPort", itemPath);
            out << pb;
        }
    }
    return out;
}

} // namespace

QString describeJsonError(const QByteArray& json, const char* what)
{
    if (json.trimmed().isEmpty())
        return QStringLiteral("%1 reply is empty (expected JSON)").arg(QLatin1String(what));
    ErrorLocator locator;
    try {
        nlohmann::json::sax_parse(json.cbegin(), json.cend(), &locator);
    } catch (...) {
        // Only input errors are routed to the handler; anything else is reported without offset.
    }
    // nlohmann counts bytes read, so the offending byte is number `position` (1-based).
    const auto offset = static_cast<qsizetype>(locator.position > 0 ? locator.position - 1 : 0);
    const QByteArray excerpt = json.mid(qMax<qsizetype>(0, offset - 20), 40)
                                   .replace('\n', ' ')
                                   .replace('\r', ' ');
    return QStringLiteral("%1 reply is not valid JSON (at byte %2 of %3, near \"%4\")")
        .arg(QLatin1String(what))
        .arg(locator.position)
        .arg(json.size())
        .arg(QString::fromUtf8(excerpt).left(60));
}

Result<ContainerSnapshot> parseContainerInspect(const QByteArray& json)
try {
    auto parsed = parseJson(json, "container inspect");
    if (!parsed)
        return parsed.error();
    const Json& j = *parsed;
    Reader r("container inspect");
    if (!j.is_object())
        return Result<ContainerSnapshot>::failure(
            QStringLiteral("container inspect reply: expected an object, got %1").arg(QLatin1String(typeName(j))));

    ContainerSnapshot c;
    c.id = r.string(j, "Id", {});
    if (!r.failed() && c.id.isEmpty())
        r.fail(QStringLiteral("Id"), QStringLiteral("missing (not a container inspect reply?)"));
    c.name = r.string(j, "Name", {});
    if (c.name.startsWith(QLatin1Char('/')))
        c.name.remove(0, 1);
    c.imageId = r.string(j, "Image", {});
    c.createdAt = r.time(j, "Created", {});
    c.restartCount = static_cast<int>(r.integer(j, "RestartCount", {}));

    const QString statePath = QStringLiteral("State");
    const Json& state = r.object(j, "State", {});
    c.state = r.string(state, "Status", statePath);
    c.startedAt = r.time(state, "StartedAt", statePath);
    c.oomKilled = r.boolean(state, "OOMKilled", statePath);
    c.exitCode = static_cast<int>(r.integer(state, "ExitCode", statePath));
    const Json& health = r.object(state, "Health", statePath);
    c.healthStatus = r.string(health, "Status", QStringLiteral("State.Health"));

    const QString configPath = QStringLiteral("Config");
    const Json& config = r.object(j, "Config", {});
    c.image = r.string(config, "Image", configPath);
    c.user = r.string(config, "User", configPath);
    c.labels = r.stringMap(config, "Labels", configPath);
    {
        const Json& exposed = r.object(config, "ExposedPorts", configPath);
        if (exposed.is_object())
            for (auto it = exposed.begin(); it != exposed.end(); ++it)
                c.exposedPorts << qs(it.key());
        c.exposedPorts.sort();
    }
    {
        // A healthcheck exists unless absent or explicitly disabled (Test: ["NONE"]).
        const Json& hc = r.object(config, "Healthcheck", configPath);
        const QStringList test = r.stringList(hc, "Test", QStringLiteral("Config.Healthcheck"));
        c.hasHealthcheck = !test.isEmpty() && test.first() != QLatin1String("NONE");
    }

    const QString hcPath = QStringLiteral("HostConfig");
    const Json& hostConfig = r.object(j, "HostConfig", {});
    c.privileged = r.boolean(hostConfig, "Privileged", hcPath);
    c.readonlyRootfs = r.boolean(hostConfig, "ReadonlyRootfs", hcPath);
    c.pidMode = r.string(hostConfig, "PidMode", hcPath);
    c.ipcMode = r.string(hostConfig, "IpcMode", hcPath);
    c.networkMode = r.string(hostConfig, "NetworkMode", hcPath);
    c.utsMode = r.string(hostConfig, "UTSMode", hcPath);
    c.usernsMode = r.string(hostConfig, "UsernsMode", hcPath);
    c.securityOpt = r.stringList(hostConfig, "SecurityOpt", hcPath);
    c.capAdd = r.stringList(hostConfig, "CapAdd", hcPath);
    c.capDrop = r.stringList(hostConfig, "CapDrop", hcPath);
    c.memoryLimitBytes = r.integer(hostConfig, "Memory", hcPath);
    c.memoryReservationBytes = r.integer(hostConfig, "MemoryReservation", hcPath);
    c.tmpfs = r.stringMap(hostConfig, "Tmpfs", hcPath);
    if (const Json* pb = r.member(hostConfig, "PortBindings", hcPath))
        c.portBindings = parsePortMap(r, *pb, QStringLiteral("HostConfig.PortBindings"));

    const QString nsPath = QStringLiteral("NetworkSettings");
    const Json& netSettings = r.object(j, "NetworkSettings", {});
    if (const Json* ports = r.member(netSettings, "Ports", nsPath))
        c.publishedPorts = parsePortMap(r, *ports, QStringLiteral("NetworkSettings.Ports"));
    {
        const Json& nets = r.object(netSettings, "Networks", nsPath);
        if (nets.is_object()) {
            for (auto it = nets.begin(); it != nets.end(); ++it) {
                const QString p = QStringLiteral("NetworkSettings.Networks.") + qs(it.key());
                NetworkAttachment a;
                a.name = qs(it.key());
                a.networkId = r.string(*it, "NetworkID", p);
                a.ipAddress = r.string(*it, "IPAddress", p);
                a.aliases = r.stringList(*it, "Aliases", p);
                c.networks << a;
            }
        }
    }

    if (const Json* mounts = r.member(j, "Mounts", {})) {
        if (!mounts->is_array()) {
            r.fail(QStringLiteral("Mounts"),
                   QStringLiteral("expected array, got %1").arg(QLatin1String(typeName(*mounts))));
        } else {
            int i = 0;
            for (const auto& m : *mounts) {
                const QString p = QStringLiteral("Mounts[%1]").arg(i++);
                MountPoint mp;
                mp.type = r.string(m, "Type", p);
                mp.source = r.string(m, "Source", p);
                mp.destination = r.string(m, "Destination", p);
                mp.name = r.string(m, "Name", p);
                mp.mode = r.string(m, "Mode", p);
                // A missing RW means the engine did not say; read-write is Docker's default.
                mp.readWrite = r.member(m, "RW", p) ? r.boolean(m, "RW", p) : true;
                c.mounts << mp;
            }
        }
    }

    if (r.failed())
        return Result<ContainerSnapshot>::failure(r.error());
    c.rawInspect = compact(j).toUtf8();
    return c;
} catch (const std::exception& e) {
    return Result<ContainerSnapshot>::failure(QStringLiteral("container inspect reply: %1").arg(QString::fromUtf8(e.what())));
}

Result<EngineInfo> parseEngineInfo(const QByteArray& infoJson, const QByteArray& versionJson)
try {
    auto info = parseJson(infoJson, "engine info");
    if (!info)
        return info.error();
    auto version = parseJson(versionJson, "engine version");
    if (!version)
        return version.error();
    if (!info->is_object())
        return Result<EngineInfo>::failure(QStringLiteral("engine info reply: expected an object"));
    if (!version->is_object())
        return Result<EngineInfo>::failure(QStringLiteral("engine version reply: expected an object"));

    Reader ri("engine info");
    EngineInfo e;
    e.hostname = ri.string(*info, "Name", {});
    e.os = ri.string(*info, "OperatingSystem", {});
    e.osType = ri.string(*info, "OSType", {});
    e.kernelVersion = ri.string(*info, "KernelVersion", {});
    e.architecture = ri.string(*info, "Architecture", {});
    e.cpus = static_cast<int>(ri.integer(*info, "NCPU", {}));
    e.memTotalBytes = ri.integer(*info, "MemTotal", {});
    e.cgroupVersion = ri.string(*info, "CgroupVersion", {});
    e.cgroupDriver = ri.string(*info, "CgroupDriver", {});
    e.dockerRootDir = ri.string(*info, "DockerRootDir", {});
    e.securityOptions = ri.stringList(*info, "SecurityOptions", {});
    if (ri.failed())
        return Result<EngineInfo>::failure(ri.error());
    // Engines before API 1.40 have no CgroupVersion; they only ran cgroup v1.
    if (e.cgroupVersion.isEmpty())
        e.cgroupVersion = QStringLiteral("1");

    Reader rv("engine version");
    e.serverVersion = rv.string(*version, "Version", {});
    e.apiVersion = rv.string(*version, "ApiVersion", {});
    if (e.osType.isEmpty())
        e.osType = rv.string(*version, "Os", {});
    if (e.kernelVersion.isEmpty())
        e.kernelVersion = rv.string(*version, "KernelVersion", {});
    if (rv.failed())
        return Result<EngineInfo>::failure(rv.error());
    return e;
} catch (const std::exception& ex) {
    return Result<EngineInfo>::failure(QStringLiteral("engine info reply: %1").arg(QString::fromUtf8(ex.what())));
}

Result<QList<DockerNetwork>> parseNetworks(const QByteArray& json)
try {
    auto parsed = parseJson(json, "network list");
    if (!parsed)
        return parsed.error();
    if (!parsed->is_array())
        return Result<QList<DockerNetwork>>::failure(
            QStringLiteral("network list reply: expected an array, got %1").arg(QLatin1String(typeName(*parsed))));
    Reader r("network list");
    QList<DockerNetwork> out;
    int i = 0;
    for (const auto& n : *parsed) {
        const QString p = QStringLiteral("[%1]").arg(i++);
        if (!n.is_object()) {
            r.fail(p, QStringLiteral("expected object, got %1").arg(QLatin1String(typeName(n))));
            break;
        }
        DockerNetwork net;
        net.id = r.string(n, "Id", p);
        net.name = r.string(n, "Name", p);
        net.driver = r.string(n, "Driver", p);
        net.scope = r.string(n, "Scope", p);
        net.internal = r.boolean(n, "Internal", p);
        net.labels = r.stringMap(n, "Labels", p);
        const Json& ipam = r.object(n, "IPAM", p);
        if (const Json* cfg = r.member(ipam, "Config", p + QStringLiteral(".IPAM"))) {
            if (cfg->is_array()) {
                for (const auto& c : *cfg) {
                    const QString subnet = r.string(c, "Subnet", p + QStringLiteral(".IPAM.Config"));
                    if (!subnet.isEmpty())
                        net.subnets << subnet;
                }
            } else {
                r.fail(p + QStringLiteral(".IPAM.Config"), QStringLiteral("expected array"));
            }
        }
        out << net;
    }
    if (r.failed())
        return Result<QList<DockerNetwork>>::failure(r.error());
    return out;
} catch (const std::exception& ex) {
    return Result<QList<DockerNetwork>>::failure(QStringLiteral("network list reply: %1").arg(QString::fromUtf8(ex.what())));
}

Result<MemoryReading> parseStats(const QByteArray& json)
try {
    auto parsed = parseJson(json, "container stats");
    if (!parsed)
        return parsed.error();
    if (!parsed->is_object())
        return Result<MemoryReading>::failure(QStringLiteral("container stats reply: expected an object"));
    Reader r("container stats");
    const Json& mem = r.object(*parsed, "memory_stats", {});
    const QString memPath = QStringLiteral("memory_stats");
    if (r.failed())
        return Result<MemoryReading>::failure(r.error());
    if (!mem.is_object() || !r.member(mem, "usage", memPath))
        return Result<MemoryReading>::failure(
            QStringLiteral("container stats reply has no memory usage (the container is not running)"));

    MemoryReading m;
    m.rawUsageBytes = r.integer(mem, "usage", memPath);
    m.limitBytes = r.integer(mem, "limit", memPath);
    const Json& stats = r.object(mem, "stats", memPath);
    const QString statsPath = QStringLiteral("memory_stats.stats");
    // Mirrors docker/cli calculateMemUsageUnixNoCache: v1 first (total_inactive_file exists only
    // there), then v2's inactive_file; a cache figure not below usage is ignored.
    m.usageBytes = m.rawUsageBytes;
    if (const Json* v1 = r.member(stats, "total_inactive_file", statsPath)) {
        const qint64 inactive = r.integerValue(*v1, statsPath + QStringLiteral(".total_inactive_file"));
        if (inactive < m.rawUsageBytes)
            m.usageBytes = m.rawUsageBytes - inactive;
    } else if (const Json* v2 = r.member(stats, "inactive_file", statsPath)) {
        const qint64 inactive = r.integerValue(*v2, statsPath + QStringLiteral(".inactive_file"));
        if (inactive < m.rawUsageBytes)
            m.usageBytes = m.rawUsageBytes - inactive;
    }
    m.sampledAt = r.time(*parsed, "read", {});
    if (r.failed())
        return Result<MemoryReading>::failure(r.error());
    if (m.rawUsageBytes < 0 || m.limitBytes < 0)
        return Result<MemoryReading>::failure(QStringLiteral("container stats reply: negative memory figures"));
    return m;
} catch (const std::exception& ex) {
    return Result<MemoryReading>::failure(QStringLiteral("container stats reply: %1").arg(QString::fromUtf8(ex.what())));
}

Result<QList<ContainerSummary>> parseContainerList(const QByteArray& json)
try {
    auto parsed = parseJson(json, "container list");
    if (!parsed)
        return parsed.error();
    if (!parsed->is_array())
        return Result<QList<ContainerSummary>>::failure(
            QStringLiteral("container list reply: expected an array, got %1").arg(QLatin1String(typeName(*parsed))));
    Reader r("container list");
    QList<ContainerSummary> out;
    int i = 0;
    for (const auto& c : *parsed) {
        const QString p = QStringLiteral("[%1]").arg(i++);
        if (!c.is_object()) {
            r.fail(p, QStringLiteral("expected object, got %1").arg(QLatin1String(typeName(c))));
            break;
        }
        ContainerSummary s;
        s.id = r.string(c, "Id", p);
        if (!r.failed() && s.id.isEmpty())
            r.fail(p + QStringLiteral(".Id"), QStringLiteral("missing"));
        const QStringList names = r.stringList(c, "Names", p);
        s.name = names.value(0);
        if (s.name.startsWith(QLatin1Char('/')))
            s.name.remove(0, 1);
        s.image = r.string(c, "Image", p);
        s.imageId = r.string(c, "ImageID", p);
        s.state = r.string(c, "State", p);
        s.status = r.string(c, "Status", p);
        const qint64 created = r.integer(c, "Created", p);
        if (created > 0)
            s.createdAt = QDateTime::fromSecsSinceEpoch(created, Qt::UTC);
        s.labels = r.stringMap(c, "Labels", p);
        out << s;
    }
    if (r.failed())
        return Result<QList<ContainerSummary>>::failure(r.error());
    return out;
} catch (const std::exception& ex) {
    return Result<QList<ContainerSummary>>::failure(QStringLiteral("container list reply: %1").arg(QString::fromUtf8(ex.what())));
}

Result<EngineEvent> parseEvent(const QByteArray& json)
try {
    auto parsed = parseJson(json, "event");
    if (!parsed)
        return parsed.error();
    if (!parsed->is_object())
        return Result<EngineEvent>::failure(QStringLiteral("event: expected an object"));
    Reader r("event");
    EngineEvent e;
    e.type = r.string(*parsed, "Type", {});
    e.action = r.string(*parsed, "Action", {});
    const Json& actor = r.object(*parsed, "Actor", {});
    e.id = r.string(actor, "ID", QStringLiteral("Actor"));
    const Json& attrs = r.object(actor, "Attributes", QStringLiteral("Actor"));
    if (const Json* n = r.member(attrs, "name", QStringLiteral("Actor.Attributes")); n && n->is_string())
        e.name = qs(n->get_ref<const std::string&>());
    if (const Json* c = r.member(attrs, "container", QStringLiteral("Actor.Attributes")); c && c->is_string())
        e.container = qs(c->get_ref<const std::string&>());
    e.timeNano = r.integer(*parsed, "timeNano", {});
    // Engines before 1.22 wrote only the old fields, and only for containers.
    if (e.id.isEmpty())
        e.id = r.string(*parsed, "id", {});
    if (e.action.isEmpty())
        e.action = r.string(*parsed, "status", {});
    if (e.type.isEmpty() && !e.action.isEmpty())
        e.type = QStringLiteral("container");
    if (r.failed())
        return Result<EngineEvent>::failure(r.error());
    return e;
} catch (const std::exception& ex) {
    return Result<EngineEvent>::failure(QStringLiteral("event: %1").arg(QString::fromUtf8(ex.what())));
}

QString engineErrorMessage(const QByteArray& body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    const auto j = nlohmann::json::parse(trimmed.cbegin(), trimmed.cend(), nullptr, false);
    if (!j.is_discarded() && j.is_object()) {
        const auto it = j.find("message");
        if (it != j.end() && it->is_string())
            return qs(it->get_ref<const std::string&>()).trimmed();
    }
    QString text = QString::fromUtf8(trimmed.left(300)).simplified();
    if (trimmed.size() > 300)
        text += QStringLiteral("…");
    return text;
}

void applySummary(ContainerSnapshot& container, const ContainerSummary& summary)
{
    container.status = summary.status;
    if (container.image.isEmpty())
        container.image = summary.image;
}

MemoryReading limitForContainer(MemoryReading reading, const ContainerSnapshot& container)
{
    if (container.memoryLimitBytes <= 0)
        reading.limitBytes = 0;
    return reading;
}

} // namespace bulwark::SnapshotParser
