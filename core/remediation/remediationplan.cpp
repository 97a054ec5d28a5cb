// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediationplan.h"

#include "linediff.h"

#include <QDir>
#include <QMap>
#include <QRegularExpression>

namespace bulwark {

namespace {
const QString kProject = QStringLiteral("com.docker.compose.project");
const QString kService = QStringLiteral("com.docker.compose.service");
const QString kWorkingDir = QStringLiteral("com.docker.compose.project.working_dir");
const QString kConfigFiles = QStringLiteral("com.docker.compose.project.config_files");
} // namespace

std::optional<ComposeOrigin> composeOriginOf(const ContainerSnapshot& container)
{
    ComposeOrigin o;
    o.project = container.label(kProject);
    o.service = container.label(kService);
    o.workingDir = container.label(kWorkingDir);
    const QString files = container.label(kConfigFiles);
    if (o.project.isEmpty() || o.service.isEmpty() || o.workingDir.isEmpty() || files.isEmpty())
        return std::nullopt;
    for (const QString& f : files.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString path = f.trimmed();
        // Compose writes absolute paths; a relative one is relative to the working directory.
        o.configFiles << (QDir::isAbsolutePath(path) ? QDir::cleanPath(path) : QDir::cleanPath(o.workingDir + QLatin1Char('/') + path));
    }
    return o;
}

QString RemediationPlan::diff() const
{
    QString out;
    for (const auto& p : patches)
        out += p.diff;
    return out;
}

QStringList RemediationPlan::services() const
{
    QStringList out;
    for (const auto& p : patches)
        for (const auto& s : p.services)
            if (!out.contains(s))
                out << s;
    return out;
}

QList<FixKind> fixesForControls(const QStringList& controlIds, QStringList* unfixable)
{
    QList<FixKind> out;
    for (const QString& id : controlIds) {
        const auto kind = fixForControl(id);
        if (!kind) {
            if (unfixable && !unfixable->contains(id))
                unfixable->append(id);
            continue;
        }
        if (!out.contains(*kind))
            out.append(*kind);
    }
    std::sort(out.begin(), out.end());
    return out;
}

RemediationPlan planComposeFixes(const ComposeOrigin& origin, const QList<ComposeFile>& files,
                                 const QList<ServiceFixes>& services, const FixOptions& options)
{
    RemediationPlan plan;
    plan.origin = origin;
    QMap<QString, QByteArray> current; // path -> text with the fixes so far
    QMap<QString, FilePatch> patches;
    for (const auto& f : files) {
        current.insert(f.path, f.content);
        FilePatch p;
        p.path = f.path;
        p.before = f.content;
        p.beforeSha256 = f.sha256;
        patches.insert(f.path, p);
    }

    for (const auto& sf : services) {
        for (const FixKind kind : sf.fixes) {
            PlannedFix pf;
            pf.service = sf.service;
            pf.kind = kind;
            pf.controls = controlsForFix(kind);
            for (const QString& c : std::as_const(pf.controls))
                if (!plan.controls.contains(c))
                    plan.controls << c;
            if (!fixEditsFile(kind)) {
                plan.fixes << pf;
                continue;
            }
            // Choose the file: the last that sets a key of this fix for the service, else the last defining it.
            QString chosen;
            QString defining;
            for (const auto& f : files) {
                const QByteArray& text = current[f.path];
                if (!composeDefinesService(text, sf.service))
                    continue;
                defining = f.path;
                if (composeServiceSetsAnyKey(text, sf.service, fixKeys(kind)))
                    chosen = f.path;
            }
            if (chosen.isEmpty())
                chosen = defining;
            if (chosen.isEmpty()) {
                pf.error = QStringLiteral("service \"%1\" is not defined in any of the project's files (%2)")
                               .arg(sf.service, origin.configFiles.join(QLatin1String(", ")));
                plan.errors << QStringLiteral("%1 (%2): %3").arg(fixKindName(kind), pf.controls.join(QLatin1Char('/')), pf.error);
                plan.fixes << pf;
                continue;
            }
            pf.file = chosen;
            auto fixed = applyComposeFix(current[chosen], sf.service, kind, options, chosen);
            if (!fixed) {
                pf.error = fixed.errorMessage();
                plan.errors << QStringLiteral("%1 (%2): %3").arg(fixKindName(kind), pf.controls.join(QLatin1Char('/')), pf.error);
            } else if (*fixed == current[chosen]) {
                pf.alreadyCompliant = true;
            } else {
                current[chosen] = *fixed;
                FilePatch& p = patches[chosen];
                if (!p.services.contains(sf.service))
                    p.services << sf.service;
                p.fixes << kind;
            }
            plan.fixes << pf;
        }
    }
    for (const auto& f : files) {
        FilePatch p = patches.value(f.path);
        p.after = current.value(f.path);
        if (p.after == p.before)
            continue;
        p.diff = unifiedDiff(p.before, p.after, QStringLiteral("a") + f.path, QStringLiteral("b") + f.path);
        plan.patches << p;
    }
    return plan;
}

QString shellQuote(const QString& arg)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!arg.isEmpty() && safe.match(arg).hasMatch())
        return arg;
    QString q = arg;
    q.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

QStringList chmodAdvice(const QStringList& bindSources)
{
    QStringList out;
    for (const QString& s : bindSources)
        out << QStringLiteral("chmod go-rwx %1   # owner-only (ST-02): 0700 for a directory, 0600 for a file").arg(shellQuote(s));
    return out;
}

QStringList dockerRunAdvice(const ContainerSnapshot& c, const QList<FixKind>& fixes, const FixOptions& options)
{
    QStringList flags;
    for (const FixKind kind : fixes) {
        switch (kind) {
        case FixKind::NoNewPrivileges:
            flags << QStringLiteral("--security-opt no-new-privileges:true");
            break;
        case FixKind::CapDropAll:
            flags << QStringLiteral("--cap-drop ALL   (add back only what the service needs with --cap-add)");
            break;
        case FixKind::DropPrivileges: {
            QStringList caps;
            const QSet<QString> dangerous =
                options.dangerousCapabilities.isEmpty() ? defaultDangerousCapabilities() : options.dangerousCapabilities;
            for (const auto& cap : c.capAdd)
                if (dangerous.contains(cap.toUpper().remove(QLatin1String("CAP_"))))
                    caps << cap;
            if (c.privileged)
                flags << QStringLiteral("drop --privileged");
            if (!caps.isEmpty())
                flags << QStringLiteral("drop --cap-add %1").arg(caps.join(QLatin1String(" --cap-add ")));
            break;
        }
        case FixKind::ReadOnlyRootfs:
            flags << QStringLiteral("--read-only --tmpfs /tmp");
            break;
        case FixKind::MemoryLimit:
            flags << QStringLiteral("--memory %1").arg(options.memoryValue);
            break;
        case FixKind::LoopbackPorts:
            for (const auto& p : c.portBindings) {
                const QString ip = p.hostIp;
                if (ip.startsWith(QLatin1String("127.")) || ip == QLatin1String("::1"))
                    continue;
                flags << QStringLiteral("-p 127.0.0.1:%1:%2").arg(p.hostPort, p.containerPort);
            }
            break;
        case FixKind::InfraNet:
            flags << QStringLiteral("--network %1").arg(options.network);
            break;
        case FixKind::RemoveHostNamespaces:
            if (c.pidMode == QLatin1String("host"))
                flags << QStringLiteral("drop --pid host");
            if (c.ipcMode == QLatin1String("host"))
                flags << QStringLiteral("drop --ipc host");
            if (c.networkMode == QLatin1String("host"))
                flags << QStringLiteral("drop --network host");
            break;
        case FixKind::BindMount:
            for (const auto& m : c.mounts)
                if (m.type == QLatin1String("volume"))
                    flags << QStringLiteral("-v /host/path:%1 instead of the volume %2").arg(m.destination, m.name);
            break;
        case FixKind::ChmodAdvice:
            break;
        }
    }
    return flags;
}

} // namespace bulwark
