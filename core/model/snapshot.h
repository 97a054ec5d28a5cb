// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulwark {

// Value types for what a scan reads from a Docker Engine. They cross threads by value
// (queued signals, futures), so they hold no pointers into shared state.

struct PortBinding {
    QString containerPort; // "80/tcp"
    QString hostIp;        // "" / "0.0.0.0" / "::" mean all interfaces
    QString hostPort;      // may be empty (ephemeral) or a range
    friend bool operator==(const PortBinding&, const PortBinding&) = default;
};

struct MountPoint {
    QString type;        // bind, volume, tmpfs, npipe, cluster
    QString source;      // host path for bind, volume path for volume
    QString destination; // path in the container
    QString name;        // volume name (type volume)
    QString mode;
    bool readWrite = true;
    friend bool operator==(const MountPoint&, const MountPoint&) = default;
};

struct NetworkAttachment {
    QString name;      // the key in NetworkSettings.Networks
    QString networkId;
    QString ipAddress;
    QStringList aliases;
    friend bool operator==(const NetworkAttachment&, const NetworkAttachment&) = default;
};

// Memory as `docker stats` computes it: usage excludes the page cache that the kernel can reclaim
// (cgroup v2: usage - inactive_file; cgroup v1: usage - total_inactive_file).
struct MemoryReading {
    qint64 usageBytes = 0;
    qint64 limitBytes = 0; // 0 when the container has no limit (the engine reports host memory then)
    qint64 rawUsageBytes = 0; // before the cache correction, for evidence
    QDateTime sampledAt;
    friend bool operator==(const MemoryReading&, const MemoryReading&) = default;
};

struct ContainerSnapshot {
    QString id;
    QString name; // without the leading slash
    QString image;
    QString imageId;
    QString state;  // created, running, paused, restarting, removing, exited, dead
    QString status; // human text, e.g. "Up 2 hours"
    QDateTime createdAt;
    QDateTime startedAt;
    QMap<QString, QString> labels;

    // HostConfig
    bool privileged = false;
    bool readonlyRootfs = false;
    QString pidMode;
    QString ipcMode;
    QString networkMode;
    QString utsMode;
    QString usernsMode;
    QStringList securityOpt;
    QStringList capAdd;
    QStringList capDrop;
    qint64 memoryLimitBytes = 0; // HostConfig.Memory, 0 = none
    qint64 memoryReservationBytes = 0;
    QList<PortBinding> portBindings; // HostConfig.PortBindings: what was asked for
    QMap<QString, QString> tmpfs;    // HostConfig.Tmpfs: path -> options

    // Config
    QString user;
    QStringList exposedPorts;
    bool hasHealthcheck = false;

    // State
    QString healthStatus; // empty when no healthcheck
    bool oomKilled = false;
    int exitCode = 0;
    int restartCount = 0;

    QList<PortBinding> publishedPorts; // NetworkSettings.Ports: what is bound now
    QList<MountPoint> mounts;
    QList<NetworkAttachment> networks;

    std::optional<MemoryReading> memory; // running containers only

    QByteArray rawInspect; // the engine's /containers/{id}/json reply, compact, for reports and evidence

    bool isRunning() const { return state == QLatin1String("running"); }
    QString label(const QString& key) const { return labels.value(key); }
};

struct DockerNetwork {
    QString id;
    QString name;
    QString driver;
    QString scope;
    bool internal = false;
    QMap<QString, QString> labels;
    QStringList subnets;
};

struct EngineInfo {
    QString hostname;        // Info.Name
    QString serverVersion;   // Version.Version
    QString apiVersion;      // negotiated API version
    QString os;              // Info.OperatingSystem
    QString osType;
    QString kernelVersion;
    QString architecture;
    int cpus = 0;
    qint64 memTotalBytes = 0;
    QString cgroupVersion;   // "1" or "2"
    QString cgroupDriver;
    QString dockerRootDir;
    QStringList securityOptions; // Info.SecurityOptions, e.g. name=seccomp,profile=default
};

enum class HostStatus {
    Pending,        // not scanned yet (UI only)
    Ok,
    Unreachable,    // ssh or the socket could not connect
    AuthFailed,     // ssh refused our credentials
    HostKeyUnknown, // the host key is not in known_hosts: ask the user, never accept silently
    HostKeyChanged, // the key differs from known_hosts: possible man-in-the-middle
    ApiError,       // the engine answered with an error or garbage
    Timeout,
    Cancelled,
};

struct HostSnapshot {
    QString hostName; // the fleet entry's name
    QMap<QString, QString> hostLabels;
    HostStatus status = HostStatus::Pending;
    QString error;               // actionable message when status != Ok
    QString hostKeyFingerprint;  // SHA256:... for HostKeyUnknown / HostKeyChanged
    QString hostKeyLine;         // the offered key as a known_hosts line, so the UI can trust it
    EngineInfo engine;
    QList<ContainerSnapshot> containers;
    QList<DockerNetwork> networks;
    QDateTime scannedAt;
    qint64 durationMs = 0;
    int requestCount = 0;

    bool isOk() const { return status == HostStatus::Ok; }
    const ContainerSnapshot* findContainer(const QString& idOrName) const
    {
        for (const auto& c : containers)
            if (c.id == idOrName || c.name == idOrName || (idOrName.size() >= 12 && c.id.startsWith(idOrName)))
                return &c;
        return nullptr;
    }
};

struct FleetSnapshot {
    QList<HostSnapshot> hosts;
    QDateTime startedAt;
    QDateTime finishedAt;
};

// Stable spellings used in reports and the CLI: "ok", "unreachable", "auth_failed", ...
QString hostStatusName(HostStatus status);
std::optional<HostStatus> hostStatusFromName(const QString& name);

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::ContainerSnapshot)
Q_DECLARE_METATYPE(bulwark::HostSnapshot)
Q_DECLARE_METATYPE(bulwark::FleetSnapshot)
