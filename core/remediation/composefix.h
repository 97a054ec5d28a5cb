// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulwark {

// The kinds of fix Bulwark can make in a compose file, one per failing control (see fixesForControl()).
enum class FixKind {
    NoNewPrivileges,      // SEC-01, AC-HARD-01: security_opt: [no-new-privileges:true]
    CapDropAll,           // SEC-02: cap_drop: [ALL]
    DropPrivileges,       // NFR-SEC-01: no privileged, no dangerous cap_add
    ReadOnlyRootfs,       // REQ-HARD-03: read_only: true plus a tmpfs on /tmp
    MemoryLimit,          // AC-HARD-02: mem_limit and deploy.resources.limits.memory, consistent, <= ceiling
    LoopbackPorts,        // INF-02: "127.0.0.1:HOST:CONTAINER"
    InfraNet,             // INF-01: networks: [infra_net], declared at top level
    RemoveHostNamespaces, // REQ-HARD-01: no pid/ipc/network_mode: host
    BindMount,            // ST-01: named volume -> bind mount at a host path the user gives
    ChmodAdvice,          // ST-02: not a file edit: a chmod for the host paths
};

// "no-new-privileges", "cap-drop-all", ... (stable spellings for the CLI, the log and the GUI).
QString fixKindName(FixKind kind);
std::optional<FixKind> fixKindFromName(const QString& name);
// What the fix does, in one sentence.
QString fixKindDescription(FixKind kind);
// True when the fix edits the compose file (ChmodAdvice does not).
bool fixEditsFile(FixKind kind);

// The fix for a failing control, or nullopt when no compose change can fix it (REQ-HARD-02,
// NFR-OBS-01, OBS-01, AC-HARD-03 are about load, logging and monitoring, not about the file).
std::optional<FixKind> fixForControl(const QString& controlId);
// The controls a fix addresses (inverse of fixForControl).
QStringList controlsForFix(FixKind kind);

struct FixOptions {
    qint64 memoryCeilingBytes = 2LL * 1024 * 1024 * 1024;
    QString memoryValue = QStringLiteral("2g"); // written where a limit is missing or above the ceiling
    QString network = QStringLiteral("infra_net");
    // The network exists on the host already (made by another project or by hand): declare it
    // `external: true` so Compose uses it as it is instead of refusing its different options.
    bool networkExternal = false;
    // ST-01: named volume (or container path) -> host path for the bind mount. Asked of the user.
    QMap<QString, QString> bindSources;
    // NFR-SEC-01: normalised capability names (upper case, no CAP_ prefix). Empty: a built-in list.
    QSet<QString> dangerousCapabilities;
};

// The built-in list of capabilities that open a way out of the container.
QSet<QString> defaultDangerousCapabilities();

// One fix as a pure function: (compose text, service, fix) -> edited text, or an error a user can
// act on. The text is edited in place at the positions libfyaml reports, never re-emitted, so
// comments, key order, anchors, quoting, indentation and line endings stay as they were. The
// result is parsed again before it is returned. A service that already complies gives the text
// back unchanged (idempotent).
Result<QByteArray> applyComposeFix(const QByteArray& text, const QString& service, FixKind kind,
                                   const FixOptions& options = {},
                                   const QString& sourceName = QStringLiteral("compose file"));

// Several fixes for one service, in the order given; stops at the first error.
Result<QByteArray> applyComposeFixes(const QByteArray& text, const QString& service, const QList<FixKind>& kinds,
                                     const FixOptions& options = {},
                                     const QString& sourceName = QStringLiteral("compose file"));

// Does `text` define `service`? And which of `keys` does the service itself set (not merged in)?
bool composeDefinesService(const QByteArray& text, const QString& service);
bool composeServiceSetsAnyKey(const QByteArray& text, const QString& service, const QStringList& keys);
// The service keys a fix reads or changes: used to pick which file of a multi-file project to edit.
QStringList fixKeys(FixKind kind);

// "2g", "512m", "1073741824", "1.5gb" -> bytes as Compose reads them (binary multiples).
std::optional<qint64> parseComposeByteSize(const QString& text);

} // namespace bulwark
