// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "composefix.h"

#include "model/control.h"
#include "model/snapshot.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulwark {

// Where a container comes from, as its Compose labels say. Labels are data from the host: every
// path is checked on the host before it is read or written (see RemediationEngine::fetchFile).
struct ComposeOrigin {
    QString project;
    QString service;
    QString workingDir;
    QStringList configFiles; // absolute, in the order Compose read them
};

// nullopt when the container was not created by Compose (no project/service/config_files labels).
std::optional<ComposeOrigin> composeOriginOf(const ContainerSnapshot& container);

// One compose file as read from the host.
struct ComposeFile {
    QString path;
    QByteArray content;
    QByteArray sha256; // hex, of content: compared again right before writing
    QString mode;      // octal permission bits, e.g. "644"
    QString owner;     // uid:gid
};

// The change to one file.
struct FilePatch {
    QString path;
    QByteArray before;
    QByteArray after;
    QByteArray beforeSha256;
    QString diff; // unified, "--- a/PATH" / "+++ b/PATH"
    QStringList services;
    QList<FixKind> fixes;
};

// One fix of the plan: which file it edits, or why it cannot be made.
struct PlannedFix {
    QString service;
    FixKind kind = FixKind::NoNewPrivileges;
    QStringList controls; // the failing controls it addresses
    QString file;         // the file it edits; empty for advice
    bool alreadyCompliant = false; // the file already has it: no diff (the container may need an up)
    QString error;
};

struct ServiceFixes {
    QString service;
    QList<FixKind> fixes;
};

// What Bulwark proposes for one container (or a whole project): reviewable before anything changes.
struct RemediationPlan {
    QString hostName;
    QString containerId;
    QString containerName;
    std::optional<ComposeOrigin> origin;
    QStringList controls;     // failing controls the plan addresses
    QList<PlannedFix> fixes;
    QList<FilePatch> patches; // one per changed file
    QStringList advice;       // commands for the operator: chmod, docker run flags
    QStringList notes;        // what Bulwark cannot do and why
    QStringList errors;       // fixes that could not be made

    bool hasChanges() const { return !patches.isEmpty(); }
    bool canApply() const { return origin.has_value() && hasChanges() && errors.isEmpty(); }
    QString diff() const;         // every patch, one after the other
    QStringList services() const; // services the patches touch
};

// The fixes for a list of failing controls, without duplicates, in a stable order. Controls
// without a compose fix are returned in `unfixable`.
QList<FixKind> fixesForControls(const QStringList& controlIds, QStringList* unfixable = nullptr);

// Pure planning: (project files, services and their fixes) -> patches. For each fix the file is
// the last of the project that sets one of the fix's keys for the service, else the last that
// defines the service (Compose merges files in order, so that one wins). Advice-only fixes
// (ST-02) and fixes that fail become advice and errors; the rest are combined into one patch per file.
RemediationPlan planComposeFixes(const ComposeOrigin& origin, const QList<ComposeFile>& files,
                                 const QList<ServiceFixes>& services, const FixOptions& options);

// For containers Compose did not create: the `docker run` flags that would fix them.
QStringList dockerRunAdvice(const ContainerSnapshot& container, const QList<FixKind>& fixes, const FixOptions& options);

// ST-02: chmod commands that make the given bind sources owner-only.
QStringList chmodAdvice(const QStringList& bindSources);

// Shell quoting for advice lines the operator copies.
QString shellQuote(const QString& arg);

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::RemediationPlan)
