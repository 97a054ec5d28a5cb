// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "commandrunner.h"
#include "remediationplan.h"

#include "model/control.h"
#include "model/remediationrecord.h"
#include "model/result.h"
#include "model/snapshot.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <functional>

namespace bulwark {

enum class ApplyStep { Verify, Backup, Write, Validate, Up, Wait, Rescan, Rollback, Done };
QString applyStepName(ApplyStep step); // "verify", "backup", ...

struct ApplyOptions {
    int upTimeoutMs = 180000;
    int waitTimeoutMs = 60000;  // until running (and healthy, when there is a healthcheck)
    int stableMs = 3000;        // a container must stay up this long to count as started
    QString policyPath;         // empty: the embedded SPEC-INFRA-04 policy
    QString user;               // for the log; empty: $USER
};

// One control of one container, before and after.
struct ControlVerdict {
    QString containerName;
    QString controlId;
    ControlStatus before = ControlStatus::Unknown;
    ControlStatus after = ControlStatus::Unknown;
    QString evidenceAfter;
};

struct ApplyResult {
    bool ok = false;
    QString outcome; // "applied", "rolled_back", "failed", "refused" (as RemediationRecord::outcome)
    QString message; // what happened, for the operator
    QStringList steps; // a line per step taken
    QStringList backups;
    QList<ControlVerdict> verdicts;
    RemediationRecord record;
};

// Reads compose projects from a host and applies remediation plans to it, with verification and
// roll back. Blocking: run it in a worker thread (RemediationJob does).
//
// Apply: check every file is still what the preview read (same SHA-256, still a regular file inside
// the project) -> owner-only timestamped backup beside each file -> atomic write (temp file in the
// same directory, owner and mode copied, rename) -> `compose config -q` -> `compose up -d --no-deps`
// -> wait until running/healthy and stable -> inspect again and evaluate the controls. Any failure
// after the first write puts every file back (and removes the backups once the originals are
// verified back), brings the previous configuration up again, and says what happened.
class RemediationEngine final {
public:
    // `localDockerSocket`: where this process reaches the host's engine (the forward for ssh hosts);
    // `remoteDockerSocket`: the engine's socket as the host's shell sees it, for compose.
    RemediationEngine(CommandRunner& runner, QString hostName, QString localDockerSocket, QString remoteDockerSocket);

    // Reads one compose file after checking it is a regular file (not a symlink) inside `workingDir`
    // and parses as a compose file.
    Result<ComposeFile> fetchFile(const QString& path, const QString& workingDir);
    Result<QList<ComposeFile>> fetchProject(const ComposeOrigin& origin);

    // Plans fixes for one container: compose patches when Compose created it, `docker run` advice otherwise.
    // `wholeProject`: the same fixes for every service of the container's project.
    Result<RemediationPlan> plan(const ContainerSnapshot& container, const QStringList& failingControls,
                                 const FixOptions& options, const QStringList& sensitiveBindSources = {},
                                 bool wholeProject = false);

    ApplyResult apply(const RemediationPlan& plan, const ApplyOptions& options,
                      const std::function<void(ApplyStep, const QString&)>& progress = {});

    Result<ContainerSnapshot> inspect(const QString& idOrName);
    // The newest container of a compose service.
    Result<ContainerSnapshot> findServiceContainer(const QString& project, const QString& service);

    // Whether the host's engine has a network of that name (then infra_net is declared external).
    bool networkExists(const QString& name);

    // "docker compose" (v2) or "docker-compose" (v1), whichever the host has.
    Result<QStringList> composeCommand();

private:
    Result<CommandOutput> sh(const QString& script, const QStringList& args, const QByteArray& stdinData = {},
                             int timeoutMs = 30000);
    Result<QByteArray> writeAtomically(const QString& path, const QByteArray& content, const QByteArray& expectedSha256);
    Result<void> compose(const ComposeOrigin& origin, const QStringList& args, int timeoutMs);
    Result<void> waitRunning(const ComposeOrigin& origin, const QString& service, const ApplyOptions& options);

    CommandRunner& m_runner;
    QString m_host;
    QString m_localSocket;
    QString m_remoteSocket;
    QStringList m_compose;
};

// Pure: checks the output of the fetch script ("TYPE|MODE|UID:GID", resolved path, resolved
// working dir) against the label's path. Errors name the path and the reason.
Result<std::pair<QString, QString>> checkComposePath(const QString& path, const QString& workingDir,
                                                     const QByteArray& statOutput);

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::ApplyResult)
Q_DECLARE_METATYPE(bulwark::ApplyStep)
