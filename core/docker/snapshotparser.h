// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"
#include "model/snapshot.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

namespace bulwark {

// One row of GET /containers/json?all=1: enough to decide what to inspect and to show a list.
struct ContainerSummary {
    QString id;
    QString name;   // the first of Names, without the leading slash
    QString image;  // as the user named it (Image)
    QString imageId;
    QString state;  // running, exited, ...
    QString status; // human text: "Up 2 hours", "Exited (3) 5 minutes ago"
    QDateTime createdAt;
    QMap<QString, QString> labels;
};

// One line of GET /events (only what watch mode needs).
struct EngineEvent {
    QString type;    // "container", "network", "image", ...
    QString action;  // "start", "die", "destroy", "health_status: healthy", ...
    QString id;      // Actor.ID
    QString name;    // Actor.Attributes.name, when present
    QString container; // Actor.Attributes.container: the container a network connect/disconnect is about
    qint64 timeNano = 0;
};

// Pure JSON -> value type parsers for Engine API replies. Text in, value or error out; no I/O.
// Missing and null fields take their defaults; a field present with the wrong JSON type is an
// error naming the field, because a silently defaulted security setting would be a wrong verdict.
// Never throws.
namespace SnapshotParser {

// GET /containers/{id}/json. rawInspect keeps the reply, compact, in the engine's key order.
// status (human text) and memory are not in the inspect reply: see applySummary() and the scanner.
Result<ContainerSnapshot> parseContainerInspect(const QByteArray& json);

// GET /info and GET /version. apiVersion is the engine's own (Version.ApiVersion); the client
// overwrites it with the negotiated one.
Result<EngineInfo> parseEngineInfo(const QByteArray& infoJson, const QByteArray& versionJson);

// GET /networks
Result<QList<DockerNetwork>> parseNetworks(const QByteArray& json);

// GET /containers/{id}/stats?stream=false[&one-shot=true]. Usage as `docker stats` computes it:
// cgroup v1 usage - stats.total_inactive_file, cgroup v2 usage - stats.inactive_file (each only
// when smaller than usage), else the raw usage. limitBytes is memory_stats.limit as reported
// (host memory when the container has no limit: see limitForContainer()). A stopped container's
// empty memory_stats is an error.
Result<MemoryReading> parseStats(const QByteArray& json);

// GET /containers/json?all=1
Result<QList<ContainerSummary>> parseContainerList(const QByteArray& json);

// One JSON object from the /events stream.
Result<EngineEvent> parseEvent(const QByteArray& json);

// The engine's error text from a non-2xx body ({"message": "..."}), or the body itself trimmed
// and shortened when it is not that shape. Empty body gives an empty string.
QString engineErrorMessage(const QByteArray& body);

// Copies what only the list has (status text) into an inspected container.
void applySummary(ContainerSnapshot& container, const ContainerSummary& summary);

// The engine reports host memory as the limit of an unlimited container; the model wants 0 then.
MemoryReading limitForContainer(MemoryReading reading, const ContainerSnapshot& container);

// Shared by the parsers and the fuzzers: parses text into a JSON value, or an error with the byte
// offset of the first problem. `what` names the reply in the message ("container inspect").
QString describeJsonError(const QByteArray& json, const char* what);

} // namespace SnapshotParser
} // namespace bulwark
