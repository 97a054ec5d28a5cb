// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"
#include "model/snapshot.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulwark::CgroupMemory {

// The batched memory path: every running container's cgroup memory files read by ONE shell command
// over the host's ControlMaster, instead of one /stats request per container. One-shot stats answer
// on dockerd's 1 s collection tick, and with hundreds in flight the daemon itself is the bottleneck;
// the files are what it reads anyway. The API path stays the reference: whatever this path cannot
// read (a file missing, a line garbled) the scanner asks the API for.

enum class Version { V1, V2 };

// One running container to read.
struct Target {
    QString id;           // the full 64-hex container id; anything else is not sent
    QString cgroupParent; // HostConfig.CgroupParent when known, empty for the daemon's default
};

// Version from Info.CgroupVersion ("1"/"2"); nullopt when unknown (no batched read then).
std::optional<Version> versionFromInfo(const QString& cgroupVersion);

// The container's cgroup relative to the controller root, as the engine lays it out:
//   cgroupfs: <parent or /docker>/<id>
//   systemd:  <parent slice expanded, default system.slice>/docker-<id>.scope
//             ("a-b.slice" expands to /a.slice/a-b.slice, as systemd does)
// A daemon started with --cgroup-parent (the lab does) or a container's own CgroupParent moves it:
// the command then looks for the directory named after the id (one find for all of them). So the
// container list is enough, and the command runs while the scanner inspects.
QString expectedPath(const QString& id, const QString& cgroupParent, const QString& cgroupDriver);

// argv for HostSession::run: one POSIX sh script, one argument per container ("id:relpath").
// Reads memory.current, memory.max, memory.stat (v2) or memory.usage_in_bytes,
// memory.limit_in_bytes, memory.stat (v1) of every container with one grep. cgroupRoot overrides
// the memory controller's mount (/sys/fs/cgroup for v2, /sys/fs/cgroup/memory for v1), for tests.
QStringList command(Version version, const QString& cgroupDriver, const QList<Target>& targets,
                    const QString& cgroupRoot = {});

// What the command printed, parsed. The output comes from the remote host and is untrusted: lines
// that do not fit the protocol are counted and skipped, a container with a missing, duplicated or
// unreadable figure gets no reading (the scanner falls back to the API for it).
struct Parsed {
    QHash<QString, MemoryReading> readings; // by container id, for the ids asked for only
    QStringList problems;                   // "line 7: ..." for the first few bad lines
    int badLines = 0;
    bool complete = false; // the end marker was seen; without it nothing is trusted (output cut short)
};
Parsed parse(const QByteArray& output, Version version, const QStringList& ids, const QDateTime& sampledAt);

// v1 reports "no limit" as the largest page-aligned int64; anything at or above this is no limit.
constexpr qint64 kNoLimitThreshold = qint64(1) << 62;

} // namespace bulwark::CgroupMemory
