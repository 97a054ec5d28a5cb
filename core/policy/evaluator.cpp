// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluator.h"

#include "model/latencyverdict.h"

#include "glob.h"

#include <QHash>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

namespace bulwark::Evaluator {
namespace {

// A string list as the evidence shows it, ["a", "b"]. It is a QStringBuilder piece, so an evidence
// line such as "HostConfig.CapDrop = " + JsonList{c.capDrop} is allocated once, at its full size.
struct JsonList {
    const QStringList& items;
};

} // namespace
} // namespace bulwark::Evaluator

template <>
struct QConcatenable<bulwark::Evaluator::JsonList> {
    using type = bulwark::Evaluator::JsonList;
    using ConvertTo = QString;
    enum { ExactSize = true };
    static qsizetype size(const type& list)
    {
        qsizetype n = 2; // []
        for (const QString& item : list.items)
            n += item.size() + 2; // the quotes
        return n + std::max<qsizetype>(0, list.items.size() - 1) * 2; // ", " between items
    }
    static void appendTo(const type& list, QChar*& out)
    {
        *out++ = QLatin1Char('[');
        for (qsizetype i = 0; i < list.items.size(); ++i) {
            if (i) {
                *out++ = QLatin1Char(',');
                *out++ = QLatin1Char(' ');
            }
            *out++ = QLatin1Char('"');
            const QString& item = list.items[i];
            std::copy(item.cbegin(), item.cend(), out);
            out += item.size();
            *out++ = QLatin1Char('"');
        }
        *out++ = QLatin1Char(']');
    }
};

namespace bulwark::Evaluator {
namespace {

struct Verdict {
    ControlStatus status = ControlStatus::Unknown;
    QString evidence;
    QString reason;
    QString note;
};

struct ContainerFacts;
using ContainerFn = Verdict (*)(const ContainerSnapshot&, const HostSnapshot&, const Policy&, const EvaluationContext&,
                                ContainerFacts&);

// Quotes inside one QStringBuilder expression ("kQuote + value + kQuote"): evidence strings are
// built with a single allocation instead of one temporary per quoted value.
constexpr QLatin1Char kQuote('"');

QString humanBytes(qint64 bytes)
{
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (std::abs(v) >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    if (u == 0)
        return QString::number(bytes) + QLatin1String(" B");
    return QString::number(v, 'f', 1) + QLatin1Char(' ') + QLatin1String(units[u]);
}

QString bytesEvidence(qint64 bytes)
{
    return QString::number(bytes) + QLatin1String(" (") + humanBytes(bytes) + QLatin1Char(')');
}

bool isTrue(const QString& v)
{
    const QStringView t = QStringView(v).trimmed();
    return t.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || t == QLatin1String("1") ||
           t.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0;
}

// strconv.ParseBool, which the engine uses for no-new-privileges values.
std::optional<bool> goParseBool(const QString& v)
{
    static const QStringList yes{QStringLiteral("1"), QStringLiteral("t"), QStringLiteral("T"), QStringLiteral("TRUE"),
                                 QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList no{QStringLiteral("0"), QStringLiteral("f"), QStringLiteral("F"), QStringLiteral("FALSE"),
                                QStringLiteral("false"), QStringLiteral("False")};
    if (yes.contains(v))
        return true;
    if (no.contains(v))
        return false;
    return std::nullopt;
}

// The networks a container communicates on, following container:<id> network modes on the same host.
struct NetworkView {
    QString mode;
    QStringList networks;
    QString inheritedFrom;
    bool unresolved = false;
};

NetworkView networkView(const ContainerSnapshot& c, const HostSnapshot& h)
{
    NetworkView view;
    const ContainerSnapshot* cur = &c;
    for (int depth = 0; depth < 8; ++depth) {
        view.mode = cur->networkMode;
        if (!cur->networkMode.startsWith(QLatin1String("container:")))
            break;
        const QString target = cur->networkMode.mid(10);
        const ContainerSnapshot* other = h.findContainer(target);
        if (!other) {
            view.unresolved = true;
            view.inheritedFrom = target;
            return view;
        }
        view.inheritedFrom = other->name;
        cur = other;
    }
    for (const auto& n : cur->networks)
        if (n.name != QLatin1String("none") && n.name != QLatin1String("host")) // pseudo-networks of those modes
            view.networks.append(n.name);
    if (view.networks.isEmpty() && !view.mode.isEmpty() && view.mode != QLatin1String("default") &&
        view.mode != QLatin1String("none") && !view.mode.startsWith(QLatin1String("container:")))
        view.networks.append(view.mode); // created containers: the configured network
    return view;
}

// What depends only on the policy and the context, prepared once per evaluation. The texts are
// shared (by reference count) by every container's verdicts instead of being built again for each.
struct Prepared {
    QString prometheusNote;  // OBS-01
    QString ceilingEvidence; // AC-HARD-02: "2147483648 (2.0 GiB)"
    QString ceilingText;     // AC-HARD-02: "2.0 GiB"
    QList<WildcardPattern> sensitivePaths; // ST-02
};

QList<WildcardPattern> compilePatterns(const QStringList& patterns)
{
    QList<WildcardPattern> out;
    out.reserve(patterns.size());
    for (const QString& pattern : patterns)
        out.append(WildcardPattern(pattern));
    return out;
}

QStringList sensitiveBindSources(const ContainerSnapshot& c, const Policy& p, const QList<WildcardPattern>& patterns)
{
    QStringList out;
    const bool labelled = isTrue(c.label(p.labels.sensitiveKey));
    for (const MountPoint& m : c.mounts) {
        if (m.type != QLatin1String("bind") || m.source.isEmpty())
            continue;
        bool sensitive = labelled;
        for (qsizetype i = 0; !sensitive && i < patterns.size(); ++i)
            sensitive = patterns[i].matches(m.source) || patterns[i].matches(m.destination);
        if (sensitive && !out.contains(m.source))
            out.append(m.source);
    }
    return out;
}

// What several controls of one container read, worked out once per container: the evaluators
// share these instead of each parsing SecurityOpt or following container: network modes again.
struct ContainerFacts {
    bool infrastructure = true;
    bool waiveLabels = false;
    QString stateNote; // created/exited/...: judged on the configuration
    std::optional<NetworkView> network;             // INF-01, INF-02
    std::optional<NoNewPrivileges> nnp;             // SEC-01, AC-HARD-01
    QString securityOptEvidence;                    // SEC-01, AC-HARD-01: one shared string
    const Prepared* prepared = nullptr;          // the same for every container
};

QString prometheusNote(const EvaluationContext& ctx)
{
    if (ctx.prometheus && ctx.prometheus->reachable)
        return QLatin1String("No Prometheus target at ") + ctx.prometheus->url + QLatin1String(" names it.");
    if (ctx.prometheus)
        return QLatin1String("Prometheus at ") + ctx.prometheus->url + QLatin1String(" could not be asked (") +
               ctx.prometheus->error + QLatin1String("); judged from labels and ports.");
    return {};
}

const NetworkView& networkOf(const ContainerSnapshot& c, const HostSnapshot& h, ContainerFacts& f)
{
    if (!f.network)
        f.network = networkView(c, h);
    return *f.network;
}

const NoNewPrivileges& noNewPrivilegesOf(const ContainerSnapshot& c, ContainerFacts& f)
{
    if (!f.nnp)
        f.nnp = noNewPrivileges(c.securityOpt);
    return *f.nnp;
}

const QString& securityOptEvidenceOf(const ContainerSnapshot& c, ContainerFacts& f)
{
    if (f.securityOptEvidence.isNull())
        f.securityOptEvidence = QLatin1String("HostConfig.SecurityOpt = ") + JsonList{c.securityOpt};
    return f.securityOptEvidence;
}

// ---------------------------------------------------------------------------------------------
// REQ-HARD-01: host namespaces.
Verdict reqHard01(const ContainerSnapshot& c, const HostSnapshot&, const Policy& p, const EvaluationContext&, ContainerFacts&)
{
    Verdict v;
    QStringList shared;
    QStringList viaContainer;
    const auto check = [&](const QString& ns, const QString& mode) {
        if (!p.thresholds.hostNamespaces.contains(ns))
            return;
        if (mode == QLatin1String("host"))
            shared.append(ns);
        else if (mode.startsWith(QLatin1String("container:")))
            viaContainer.append(ns + QLatin1String(" of ") + mode.mid(10));
    };
    check(QStringLiteral("pid"), c.pidMode);
    check(QStringLiteral("ipc"), c.ipcMode);
    check(QStringLiteral("network"), c.networkMode);
    v.evidence = QLatin1String("HostConfig.PidMode = ") + kQuote + c.pidMode + kQuote + QLatin1String(", HostConfig.IpcMode = ") +
                 kQuote + c.ipcMode + kQuote + QLatin1String(", HostConfig.NetworkMode = ") + kQuote + c.networkMode + kQuote;
    if (!shared.isEmpty()) {
        v.status = ControlStatus::Fail;
        v.reason = QLatin1String("Shares the host's ") + shared.join(QLatin1String(", ")) +
                   (shared.size() == 1 ? QLatin1String(" namespace") : QLatin1String(" namespaces")) +
                   QLatin1String(" without a documented functional dependency.");
    } else {
        v.status = ControlStatus::Pass;
        v.reason = viaContainer.isEmpty()
                       ? QStringLiteral("Uses its own pid, ipc and network namespaces.")
                       : QLatin1String("Isolated from the host; shares the ") + viaContainer.join(QLatin1String(", ")) +
                             QLatin1String(" container, which is not a host namespace.");
    }
    return v;
}

// REQ-HARD-03: read-only root filesystem.
Verdict reqHard03(const ContainerSnapshot& c, const HostSnapshot&, const Policy&, const EvaluationContext&, ContainerFacts&)
{
    Verdict v;
    v.evidence = c.readonlyRootfs ? QStringLiteral("HostConfig.ReadonlyRootfs = true")
                                  : QStringLiteral("HostConfig.ReadonlyRootfs = false");
    v.status = c.readonlyRootfs ? ControlStatus::Pass : ControlStatus::Fail;
    v.reason = c.readonlyRootfs ? QStringLiteral("The root filesystem is read-only.")
                                : QStringLiteral("The root filesystem is writable.");
    return v;
}

// NFR-SEC-01: privileged or dangerous added capabilities.
Verdict nfrSec01(const ContainerSnapshot& c, const HostSnapshot&, const Policy& p, const EvaluationContext&, ContainerFacts&)
{
    Verdict v;
    QStringList dangerous;
    for (const QString& cap : c.capAdd)
        if (p.thresholds.dangerousCapabilities.contains(normalizeCapability(cap)))
            dangerous.append(normalizeCapability(cap));
    v.evidence = (c.privileged ? QLatin1String("HostConfig.Privileged = true") : QLatin1String("HostConfig.Privileged = false")) +
                 QLatin1String(", HostConfig.CapAdd = ") + JsonList{c.capAdd};
    if (c.privileged) {
        v.status = ControlStatus::Fail;
        v.reason = QStringLiteral("Privileged: every capability and every host device, the widest escape vector.");
    } else if (!dangerous.isEmpty()) {
        v.status = ControlStatus::Fail;
        v.reason = QLatin1String("Adds dangerous capabilities: ") + dangerous.join(QLatin1String(", ")) + QLatin1Char('.');
    } else {
        v.status = ControlStatus::Pass;
        v.reason = c.capAdd.isEmpty() ? QStringLiteral("Not privileged and adds no capability.")
                                      : QLatin1String("Not privileged; adds only ") + c.capAdd.join(QLatin1String(", ")) +
                                            QLatin1String(", none of them in the dangerous set.");
    }
    return v;
}

QString mountText(const MountPoint& m)
{
    if (m.type == QLatin1String("volume"))
        return QLatin1String("volume ") + kQuote + m.name + kQuote + QLatin1String(" -> ") + m.destination;
    return m.type + QLatin1Char(' ') + m.source + QLatin1String(" -> ") + m.destination;
}

bool isAnonymousVolume(const MountPoint& m)
{
    if (m.name.size() != 64)
        return false;
    for (const QChar ch : m.name)
        if (!ch.isDigit() && (ch < QLatin1Char('a') || ch > QLatin1Char('f')))
            return false;
    return true;
}

// ST-01: persistent data on bind mounts, not volumes.
Verdict st01(const ContainerSnapshot& c, const HostSnapshot&, const Policy&, const EvaluationContext&, ContainerFacts&)
{
    Verdict v;
    QStringList shown;
    QStringList volumes;
    int binds = 0;
    for (const MountPoint& m : c.mounts) {
        if (m.type == QLatin1String("tmpfs"))
            continue;
        shown.append(mountText(m));
        if (m.type == QLatin1String("volume"))
            volumes.append(isAnonymousVolume(m) ? QString(QLatin1String("anonymous volume at ") + m.destination)
                                                : QString(QLatin1String("named volume ") + kQuote + m.name + kQuote +
                                                          QLatin1String(" at ") + m.destination));
        else if (m.type == QLatin1String("bind"))
            ++binds;
    }
    v.evidence = QLatin1String("Mounts = [") + shown.join(QLatin1String(", ")) + QLatin1Char(']');
    if (!volumes.isEmpty()) {
        v.status = ControlStatus::Fail;
        v.reason = QLatin1String("Persistent data on Docker volumes instead of bind mounts: ") +
                   volumes.join(QLatin1String("; ")) + QLatin1Char('.');
    } else if (binds == 0) {
        v.status = ControlStatus::NotApplicable;
        v.reason = QStringLiteral("No persistent mount.");
    } else {
        v.status = ControlStatus::Pass;
        v.reason = QStringLiteral("Every persistent mount is a bind mount.");
    }
    return v;
}

// ST-02: sensitive bind sources owner-only on the host.
Verdict st02(const ContainerSnapshot& c, const HostSnapshot& h, const Policy& p, const EvaluationContext& ctx, ContainerFacts& f)
{
    Verdict v;
    const QStringList sources = sensitiveBindSources(c, p, f.prepared->sensitivePaths);
    if (sources.isEmpty()) {
        v.status = ControlStatus::NotApplicable;
        v.reason = QStringLiteral("No sensitive bind mount (no sensitive label, no path matching a sensitive pattern).");
        v.evidence = QLatin1String("Config.Labels[\"") + p.labels.sensitiveKey + QLatin1String("\"] = ") +
                     kQuote + c.label(p.labels.sensitiveKey) + kQuote;
        return v;
    }
    QStringList shown;
    QStringList open;
    QStringList unchecked;
    for (const QString& src : sources) {
        const auto it = ctx.pathStats.constFind(pathStatKey(h.hostName, src));
        if (it == ctx.pathStats.cend() || !it->known()) {
            const QString why = it == ctx.pathStats.cend() ? QStringLiteral("not checked") : it->error;
            shown.append(src + QLatin1String(" (") + why + QLatin1Char(')'));
            unchecked.append(src);
            continue;
        }
        shown.append(src + QLatin1Char(' ') + QString::number(it->mode, 8).rightJustified(3, QLatin1Char('0')) +
                     QLatin1Char(' ') + it->owner);
        if (it->mode & 077)
            open.append(src + QLatin1String(" is ") + QString::number(it->mode, 8).rightJustified(3, QLatin1Char('0')));
    }
    v.evidence = QLatin1String("stat -c '%a %U %n' on ") + h.hostName + QLatin1String(": [") + shown.join(QLatin1String(", ")) +
                 QLatin1Char(']');
    if (!open.isEmpty()) {
        v.status = ControlStatus::Fail;
        v.reason = QLatin1String("Sensitive bind sources are readable or writable by group or others: ") +
                   open.join(QLatin1String(", ")) + QLatin1Char('.');
    } else if (!unchecked.isEmpty()) {
        v.status = ControlStatus::Unknown;
        v.reason = QLatin1String("Could not check the permissions of ") + unchecked.join(QLatin1String(", ")) +
                   QLatin1String(" on the host.");
    } else {
        v.status = ControlStatus::Pass;
        v.reason = QStringLiteral("Every sensitive bind source is owner-only on the host.");
    }
    return v;
}

// INF-01: only infra_net.
Verdict inf01(const ContainerSnapshot& c, const HostSnapshot& h, const Policy& p, const EvaluationContext&, ContainerFacts& f)
{
    Verdict v;
    const QString& allowed = p.thresholds.network;
    const NetworkView& view = networkOf(c, h, f);
    const QLatin1String inherited = view.inheritedFrom.isEmpty() ? QLatin1String() : QLatin1String(", inherited from ");
    v.evidence = QLatin1String("HostConfig.NetworkMode = ") + kQuote + c.networkMode + kQuote + inherited +
                 view.inheritedFrom + QLatin1String(", NetworkSettings.Networks = ") + JsonList{view.networks};
    if (view.unresolved) {
        v.status = ControlStatus::Unknown;
        v.reason = QLatin1String("Shares the network namespace of container ") + view.inheritedFrom +
                   QLatin1String(", which is not on this host's container list.");
        return v;
    }
    if (view.mode == QLatin1String("host")) {
        v.status = ControlStatus::Fail;
        v.reason = QStringLiteral("Uses the host network, so it talks on every host interface instead of ") + allowed +
                   QLatin1Char('.');
        return v;
    }
    if (view.mode == QLatin1String("none") && view.networks.isEmpty()) {
        v.status = ControlStatus::Pass;
        v.reason = QStringLiteral("network_mode none: no interservice communication at all.");
        return v;
    }
    QStringList others;
    for (const QString& n : view.networks)
        if (n != allowed)
            others.append(n == QLatin1String("bridge") ? QStringLiteral("bridge (the default bridge)") : n);
    if (view.networks.isEmpty() && (view.mode == QLatin1String("default") || view.mode == QLatin1String("bridge")))
        others.append(QStringLiteral("bridge (the default bridge)"));
    if (!others.isEmpty()) {
        v.status = ControlStatus::Fail;
        v.reason = QLatin1String("Attached to ") + others.join(QLatin1String(", ")) + QLatin1String(" besides ") + allowed +
                   QLatin1String("; only ") + allowed + QLatin1String(" is allowed.");
        if (!view.networks.contains(allowed))
            v.reason = QLatin1String("Attached to ") + others.join(QLatin1String(", ")) + QLatin1String(" instead of ") +
                       allowed + QLatin1Char('.');
    } else if (view.networks.isEmpty()) {
        v.status = ControlStatus::Unknown;
        v.reason = QStringLiteral("The engine reports no network attachment for this container.");
    } else {
        v.status = ControlStatus::Pass;
        v.reason = view.inheritedFrom.isEmpty()
                       ? QString(QLatin1String("Attached to ") + allowed + QLatin1String(" only."))
                       : QString(QLatin1String("Shares the network of ") + view.inheritedFrom +
                                 QLatin1String(", which is on ") + allowed + QLatin1String(" only."));
    }
    return v;
}

bool isAllInterfaces(const QString& ip)
{
    return ip.isEmpty() || ip == QLatin1String("0.0.0.0") || ip == QLatin1String("::") || ip == QLatin1String("[::]");
}

QString bindingText(const PortBinding& b)
{
    const QString ip = b.hostIp.contains(QLatin1Char(':')) && !b.hostIp.startsWith(QLatin1Char('['))
                           ? QLatin1Char('[') + b.hostIp + QLatin1Char(']')
                           : b.hostIp;
    return ip + QLatin1Char(':') + b.hostPort + QLatin1String("->") + b.containerPort;
}

// INF-02: nothing published on all interfaces.
Verdict inf02(const ContainerSnapshot& c, const HostSnapshot& h, const Policy&, const EvaluationContext&, ContainerFacts& f)
{
    Verdict v;
    QStringList asked;
    QStringList bound;
    QStringList exposed;
    for (const auto& b : c.portBindings) {
        asked.append(bindingText(b));
        if (isAllInterfaces(b.hostIp))
            exposed.append(asked.constLast());
    }
    for (const auto& b : c.publishedPorts) {
        bound.append(bindingText(b));
        if (isAllInterfaces(b.hostIp) && !exposed.contains(bound.constLast()))
            exposed.append(bound.constLast());
    }
    v.evidence = QLatin1String("HostConfig.PortBindings = ") + JsonList{asked} + QLatin1String(", NetworkSettings.Ports = ") +
                 JsonList{bound};
    const NetworkView& view = networkOf(c, h, f);
    if (view.mode == QLatin1String("host")) {
        v.status = ControlStatus::Fail;
        v.evidence = QLatin1String("HostConfig.NetworkMode = ") + kQuote + c.networkMode + kQuote + QLatin1String(", ") + v.evidence;
        v.reason = QStringLiteral("Uses the host network: every port it listens on is on the host's interfaces.");
    } else if (!exposed.isEmpty()) {
        v.status = ControlStatus::Fail;
        v.reason = QLatin1String("Published on all interfaces: ") + exposed.join(QLatin1String(", ")) + QLatin1Char('.');
    } else {
        v.status = ControlStatus::Pass;
        v.reason = asked.isEmpty() && bound.isEmpty() ? QStringLiteral("Publishes no port.")
                                                      : QStringLiteral("Every published port is bound to loopback or a specific address.");
    }
    return v;
}

// SEC-01: effective no-new-privileges.
Verdict sec01(const ContainerSnapshot& c, const HostSnapshot& h, const Policy&, const EvaluationContext&, ContainerFacts& f)
{
    Verdict v;
    const NoNewPrivileges& nnp = noNewPrivilegesOf(c, f);
    const bool daemonDefault = h.engine.securityOptions.contains(QStringLiteral("name=no-new-privileges"));
    v.evidence = securityOptEvidenceOf(c, f);
    if (daemonDefault)
        v.evidence += QStringLiteral(", Info.SecurityOptions has name=no-new-privileges");
    if (!nnp.invalid.isEmpty()) {
        v.status = ControlStatus::Fail;
        v.reason = QLatin1String("The entry ") + kQuote + nnp.invalid + kQuote + QLatin1String(" is not a boolean the engine accepts.");
    } else if (nnp.value == true) {
        v.status = ControlStatus::Pass;
        v.reason = QStringLiteral("no-new-privileges is in effect.");
    } else if (nnp.value == false) {
        v.status = ControlStatus::Fail;
        v.reason = QStringLiteral("no-new-privileges is explicitly turned off.");
    } else if (daemonDefault) {
        v.status = ControlStatus::Pass;
        v.reason = QStringLiteral("no-new-privileges is in effect through the daemon's default.");
    } else {
        v.status = ControlStatus::Fail;
        v.reason = QStringLiteral("no-new-privileges is not set, so setuid binaries can gain privileges.");
    }
    return v;
}

// SEC-02: cap_drop ALL.
Verdict sec02(const ContainerSnapshot& c, const HostSnapshot&, const Policy&, const EvaluationContext&, ContainerFacts&)
{
    Verdict v;
    v.evidence = QLatin1String("HostConfig.CapDrop = ") + JsonList{c.capDrop};
    if (c.privileged) {
        v.evidence += QStringLiteral(", HostConfig.Privileged = true");
        v.status = ControlStatus::NotApplicable;
        v.reason = QStringLiteral("Privileged container: cap_drop has no effect on it (NFR-SEC-01 fails it).");
        return v;
    }
    const bool dropsAll = std::any_of(c.capDrop.cbegin(), c.capDrop.cend(), [](const QString& cap) {
        return cap.trimmed().compare(QLatin1String("ALL"), Qt::CaseInsensitive) == 0;
    });
    v.status = dropsAll ? ControlStatus::Pass : ControlStatus::Fail;
    v.reason = dropsAll ? QStringLiteral("Drops every capability (cap_drop ALL).")
                        : QStringLiteral("cap_drop ALL is missing: the container keeps Docker's default capability set.");
    return v;
}

// AC-HARD-01: the literal acceptance test.
Verdict acHard01(const ContainerSnapshot& c, const HostSnapshot&, const Policy&, const EvaluationContext&, ContainerFacts& f)
{
    Verdict v;
    v.evidence = securityOptEvidenceOf(c, f);
    const bool literal = c.securityOpt.contains(QStringLiteral("no-new-privileges:true"));
    const NoNewPrivileges& nnp = noNewPrivilegesOf(c, f);
    if (literal && nnp.value == true && nnp.invalid.isEmpty()) {
        v.status = ControlStatus::Pass;
        v.reason = QStringLiteral("SecurityOpt contains no-new-privileges:true.");
    } else if (literal) {
        v.status = ControlStatus::Fail;
        v.reason = QStringLiteral("SecurityOpt contains no-new-privileges:true, but a later entry turns it off.");
    } else {
        v.status = ControlStatus::Fail;
        v.reason = nnp.value == true ? QStringLiteral("no-new-privileges is on, but not spelled no-new-privileges:true as "
                                                      "the acceptance test requires.")
                                     : QStringLiteral("SecurityOpt does not contain no-new-privileges:true.");
    }
    return v;
}

// AC-HARD-02: template-infra-high memory ceiling.
Verdict acHard02(const ContainerSnapshot& c, const HostSnapshot& h, const Policy& p, const EvaluationContext& ctx, ContainerFacts& f)
{
    Verdict v;
    const QString tmpl = c.label(p.labels.templateKey);
    const qint64 ceiling = p.thresholds.ceilingBytes;
    if (tmpl != p.thresholds.highTemplate) {
        v.status = ControlStatus::NotApplicable;
        v.evidence = QLatin1String("Config.Labels[\"") + p.labels.templateKey + QLatin1String("\"] = ") + kQuote + tmpl + kQuote;
        v.reason = QLatin1String("Not deployed with ") + p.thresholds.highTemplate + QLatin1Char('.');
        return v;
    }
    v.evidence = QLatin1String("HostConfig.Memory = ") + bytesEvidence(c.memoryLimitBytes) + QLatin1String(", ceiling ") +
                 f.prepared->ceilingEvidence;
    QStringList problems;
    if (c.memoryLimitBytes <= 0)
        problems.append(QStringLiteral("no memory limit is set, so nothing stops it exceeding the ceiling"));
    else if (c.memoryLimitBytes > ceiling)
        problems.append(QLatin1String("the memory limit ") + humanBytes(c.memoryLimitBytes) + QLatin1String(" is above the ") +
                        f.prepared->ceilingText + QLatin1String(" ceiling"));
    if (c.memory && c.memory->usageBytes > ceiling) {
        problems.append(QLatin1String("current usage ") + humanBytes(c.memory->usageBytes) + QLatin1String(" exceeds the ceiling"));
        v.evidence += QLatin1String(", usage ") + bytesEvidence(c.memory->usageBytes);
    }
    const LoadCheckResult* load = nullptr;
    for (const auto& l : ctx.loadChecks)
        if (l.hostName == h.hostName && (l.containerId == c.id || l.containerName == c.name) && l.error.isEmpty())
            load = &l;
    if (load) {
        v.evidence += QLatin1String(", peak under load ") + bytesEvidence(load->peakUsageBytes);
        if (load->peakUsageBytes > ceiling)
            problems.append(QLatin1String("peak usage under load ") + humanBytes(load->peakUsageBytes) +
                            QLatin1String(" exceeded the ceiling"));
        if (load->oomKilled)
            problems.append(QStringLiteral("it was OOM-killed under load"));
    } else {
        v.note = QStringLiteral("No load check measured this container; judged on its limit.");
    }
    if (!problems.isEmpty()) {
        v.status = ControlStatus::Fail;
        QString r = problems.join(QLatin1String("; "));
        r[0] = r[0].toUpper();
        v.reason = r + QLatin1Char('.');
    } else {
        v.status = ControlStatus::Pass;
        v.reason = QLatin1String("Memory limit ") + humanBytes(c.memoryLimitBytes) + QLatin1String(" is within the ") +
                   f.prepared->ceilingText + QLatin1String(" ceiling") +
                   (load ? QLatin1String(" and the peak under load stayed below it.") : QLatin1String("."));
    }
    return v;
}

int containerPortNumber(QStringView spec)
{
    const qsizetype slash = spec.indexOf(QLatin1Char('/'));
    return (slash < 0 ? spec : spec.left(slash)).toInt();
}

// OBS-01: an exporter, from Prometheus's targets or from labels and ports.
Verdict obs01(const ContainerSnapshot& c, const HostSnapshot& h, const Policy& p, const EvaluationContext& ctx, ContainerFacts& f)
{
    Verdict v;
    if (ctx.prometheus && ctx.prometheus->reachable) {
        const PrometheusTarget* up = nullptr;
        const PrometheusTarget* down = nullptr;
        const auto consider = [&](const PrometheusTarget& t) {
            if (t.labels.value(QStringLiteral("container")) != c.name || t.labels.value(QStringLiteral("host")) != h.hostName)
                return;
            if (t.health == QLatin1String("up"))
                up = &t;
            else if (!down)
                down = &t;
        };
        const PrometheusEvidence& prom = *ctx.prometheus;
        if (!prom.bySubject.isEmpty() || prom.targets.isEmpty()) {
            const auto it = prom.bySubject.constFind(pathStatKey(h.hostName, c.name));
            if (it != prom.bySubject.cend())
                for (const qsizetype i : *it)
                    consider(prom.targets[i]);
        } else {
            for (const auto& t : prom.targets)
                consider(t);
        }
        if (up) {
            v.status = ControlStatus::Pass;
            v.evidence = QLatin1String("Prometheus target ") + up->scrapeUrl + QLatin1String(" (job ") +
                         up->labels.value(QStringLiteral("job")) + QLatin1String(") health = up");
            v.reason = QStringLiteral("Prometheus scrapes its exporter.");
            return v;
        }
        if (down && c.isRunning()) {
            v.status = ControlStatus::Fail;
            v.evidence = QLatin1String("Prometheus target ") + down->scrapeUrl + QLatin1String(" health = ") + down->health +
                         (down->lastError.isEmpty() ? QString() : QLatin1String(", lastError = ") + kQuote + down->lastError + kQuote);
            v.reason = QStringLiteral("Prometheus has a target for it, but the scrape fails.");
            return v;
        }
    }
    const QString scrape = c.label(p.labels.prometheusScrapeKey);
    const QString metrics = c.label(p.labels.metricsKey).trimmed();
    QStringList ports;
    for (const auto& b : c.portBindings)
        if (p.thresholds.exporterPorts.contains(containerPortNumber(b.containerPort)) ||
            p.thresholds.exporterPorts.contains(QStringView(b.hostPort).toInt()))
            ports.append(b.containerPort);
    for (const QString& e : c.exposedPorts)
        if (p.thresholds.exporterPorts.contains(containerPortNumber(e)) && !ports.contains(e))
            ports.append(e);
    v.evidence = QLatin1String("Config.Labels[\"") + p.labels.prometheusScrapeKey + QLatin1String("\"] = ") + kQuote + scrape + kQuote +
                 QLatin1String(", Config.Labels[\"") + p.labels.metricsKey + QLatin1String("\"] = ") + kQuote + metrics + kQuote +
                 QLatin1String(", exporter ports = ") + JsonList{ports};
    const QString& prometheusNote = f.prepared->prometheusNote;
    const bool scraped = isTrue(scrape);
    if (scraped || !metrics.isEmpty() || !ports.isEmpty()) {
        v.status = ControlStatus::Pass;
        v.reason = scraped ? QStringLiteral("Declares a Prometheus exporter (prometheus.io/scrape=true).")
                   : !metrics.isEmpty() ? QLatin1String("Declares its metrics path: ") + metrics + QLatin1Char('.')
                                        : QLatin1String("Publishes a well-known exporter port: ") + ports.join(QLatin1String(", ")) +
                                              QLatin1Char('.');
        v.note = prometheusNote;
    } else {
        v.status = ControlStatus::Fail;
        v.reason = QStringLiteral("No evidence of an OTLP or Prometheus exporter: no scrape target, no metrics label, no exporter port.");
        v.note = prometheusNote;
    }
    return v;
}

const QHash<QString, ContainerFn>& containerEvaluators()
{
    static const QHash<QString, ContainerFn> table{
        {QStringLiteral("REQ-HARD-01"), &reqHard01}, {QStringLiteral("REQ-HARD-03"), &reqHard03},
        {QStringLiteral("NFR-SEC-01"), &nfrSec01},   {QStringLiteral("ST-01"), &st01},
        {QStringLiteral("ST-02"), &st02},            {QStringLiteral("INF-01"), &inf01},
        {QStringLiteral("INF-02"), &inf02},          {QStringLiteral("SEC-01"), &sec01},
        {QStringLiteral("SEC-02"), &sec02},          {QStringLiteral("OBS-01"), &obs01},
        {QStringLiteral("AC-HARD-01"), &acHard01},   {QStringLiteral("AC-HARD-02"), &acHard02},
    };
    return table;
}

QString appendNote(const QString& note, const QString& more)
{
    if (note.isEmpty())
        return more;
    if (more.isEmpty())
        return note;
    return note + QLatin1Char(' ') + more;
}

// The label <waivePrefix><controlId>, found without building the key: the waive labels are one
// sorted run starting at the prefix.
QMap<QString, QString>::const_iterator findWaiveLabel(const QMap<QString, QString>& labels, const QString& prefix,
                                                      const QString& controlId)
{
    for (auto it = labels.lowerBound(prefix); it != labels.cend() && it.key().startsWith(prefix); ++it)
        if (it.key().size() == prefix.size() + controlId.size() && QStringView(it.key()).sliced(prefix.size()) == controlId)
            return it;
    return labels.cend();
}

// Label waivers first (they document the dependency where the service is defined), then the waiver file.
void applyWaivers(ControlResult& r, const QMap<QString, QString>* labels, bool hasWaiveLabels, const Policy& p,
                  const EvaluationContext& ctx)
{
    if (labels && hasWaiveLabels) {
        const auto it = findWaiveLabel(*labels, p.labels.waivePrefix, r.controlId);
        if (it != labels->cend()) {
            const QString reason = it->trimmed();
            if (reason.isEmpty()) {
                r.note = appendNote(r.note, QLatin1String("The label ") + it.key() +
                                                QLatin1String(" has an empty reason, which does not waive."));
            } else if (r.status == ControlStatus::Fail) {
                r.status = ControlStatus::Waived;
                r.waiverReason = reason;
                r.note = appendNote(r.note, QLatin1String("Waived by label ") + it.key() + QLatin1Char('.'));
                return;
            } else {
                r.note = appendNote(r.note, QLatin1String("Waiver label present (") + reason + QLatin1String(") but not needed."));
                return;
            }
        }
    }
    if (ctx.waivers.isEmpty())
        return;
    const Waiver* w = findWaiver(ctx.waivers, r.hostName, r.containerName, r.controlId, ctx.now);
    if (!w)
        return;
    const bool expired = w->expires.isValid() && w->expires < ctx.now;
    if (expired) {
        r.waiverReason = w->reason;
        r.waiverExpires = w->expires;
        r.note = appendNote(r.note, QLatin1String("The waiver from ") + w->source + QLatin1String(" expired on ") +
                                        w->expires.toString(Qt::ISODate) + QLatin1String(", so it no longer counts."));
        return;
    }
    if (r.status == ControlStatus::Fail) {
        r.status = ControlStatus::Waived;
        r.waiverReason = w->reason;
        r.waiverExpires = w->expires;
        r.note = appendNote(r.note, QLatin1String("Waived by ") + w->source +
                                        (w->expires.isValid() ? QLatin1String(" until ") + w->expires.toString(Qt::ISODate)
                                                              : QString()) +
                                        QLatin1Char('.'));
    }
}

bool hasWaiveLabel(const ContainerSnapshot& c, const Policy& p)
{
    // Labels are sorted: the waive keys form one contiguous range starting at the prefix.
    const auto it = c.labels.lowerBound(p.labels.waivePrefix);
    return it != c.labels.cend() && it.key().startsWith(p.labels.waivePrefix);
}

ControlResult makeResult(const ControlDefinition& def, const ContainerSnapshot& c, const HostSnapshot& h, Verdict&& v)
{
    ControlResult r;
    r.controlId = def.id;
    r.scope = def.scope;
    r.hostName = h.hostName;
    r.containerId = c.id;
    r.containerName = c.name;
    r.severity = def.severity;
    r.status = v.status;
    r.evidence = std::move(v.evidence);
    r.reason = std::move(v.reason);
    r.note = std::move(v.note);
    if (r.status == ControlStatus::Fail || r.status == ControlStatus::Unknown)
        r.remediation = def.remediation;
    return r;
}

Prepared prepare(const Policy& p, const EvaluationContext& ctx)
{
    return Prepared{prometheusNote(ctx), bytesEvidence(p.thresholds.ceilingBytes), humanBytes(p.thresholds.ceilingBytes),
                    compilePatterns(p.thresholds.sensitivePathPatterns)};
}

ContainerFacts containerFacts(const ContainerSnapshot& c, const Policy& p, const Prepared& prepared)
{
    ContainerFacts f;
    f.prepared = &prepared;
    f.infrastructure = p.isInfrastructure(c.labels);
    f.waiveLabels = hasWaiveLabel(c, p);
    if (!c.isRunning() && !c.state.isEmpty())
        f.stateNote = QLatin1String("State: ") + c.state + QLatin1String(" (evaluated on its configuration).");
    return f;
}

// A container-scope control of the policy with its evaluator: looked up once per policy rather
// than hashed once per container and control.
struct PlannedControl {
    const ControlDefinition* def = nullptr;
    ContainerFn fn = nullptr;
    bool infrastructureOnly = false;
};
// What evaluating a container needs from the policy and the context, prepared once per evaluation.
struct ContainerPlan {
    QVarLengthArray<PlannedControl, 16> controls;
    Prepared prepared;
};

ContainerPlan containerPlan(const Policy& p, const EvaluationContext& ctx)
{
    ContainerPlan plan;
    const auto& table = containerEvaluators();
    for (const ControlDefinition& def : p.controls) {
        if (def.scope != ControlScope::Container)
            continue;
        if (const ContainerFn fn = table.value(def.id))
            plan.controls.append(PlannedControl{&def, fn, p.infrastructureOnlyControls.contains(def.id)});
    }
    plan.prepared = prepare(p, ctx);
    return plan;
}

ControlResult evaluateOne(const PlannedControl& planned, const ContainerSnapshot& c, const HostSnapshot& h,
                          const Policy& p, const EvaluationContext& ctx, ContainerFacts& facts)
{
    const ControlDefinition& def = *planned.def;
    Verdict v;
    if (!facts.infrastructure && planned.infrastructureOnly) {
        v.status = ControlStatus::NotApplicable;
        v.evidence = QLatin1String("Config.Labels[\"") + p.labels.tierKey + QLatin1String("\"] = ") +
                     kQuote + c.label(p.labels.tierKey) + kQuote;
        v.reason = QStringLiteral("Not an infrastructure container under this policy's tier selection.");
    } else {
        v = planned.fn(c, h, p, ctx, facts);
    }
    ControlResult r = makeResult(def, c, h, std::move(v));
    if (!facts.stateNote.isEmpty())
        r.note = appendNote(facts.stateNote, r.note);
    applyWaivers(r, &c.labels, facts.waiveLabels, p, ctx);
    if (r.status == ControlStatus::Fail && r.remediation.isEmpty())
        r.remediation = def.remediation;
    return r;
}

void evaluatePlanInto(QList<ControlResult>& out, const ContainerPlan& plan, const ContainerSnapshot& c,
                      const HostSnapshot& h, const Policy& p, const EvaluationContext& ctx)
{
    ContainerFacts facts = containerFacts(c, p, plan.prepared);
    for (const PlannedControl& planned : plan.controls)
        out.append(evaluateOne(planned, c, h, p, ctx, facts));
}

} // namespace

NoNewPrivileges noNewPrivileges(const QStringList& securityOpt)
{
    NoNewPrivileges out;
    for (const QString& opt : securityOpt) {
        if (opt == QLatin1String("no-new-privileges")) {
            out.value = true;
            out.invalid.clear();
            continue;
        }
        // The engine splits on '=' and, for the deprecated form, on ':'.
        qsizetype sep = opt.indexOf(QLatin1Char('='));
        if (sep < 0)
            sep = opt.indexOf(QLatin1Char(':'));
        if (sep < 0 || QStringView(opt).left(sep) != QLatin1String("no-new-privileges"))
            continue;
        const auto b = goParseBool(opt.mid(sep + 1));
        if (!b) {
            out.invalid = opt;
            continue;
        }
        out.value = *b;
        out.invalid.clear();
    }
    return out;
}

QStringList sensitiveBindSources(const ContainerSnapshot& c, const Policy& p)
{
    return sensitiveBindSources(c, p, compilePatterns(p.thresholds.sensitivePathPatterns));
}

void evaluateContainerInto(QList<ControlResult>& out, const ContainerSnapshot& c, const HostSnapshot& h, const Policy& p,
                           const EvaluationContext& ctx)
{
    evaluatePlanInto(out, containerPlan(p, ctx), c, h, p, ctx);
}

QList<ControlResult> evaluateContainer(const ContainerSnapshot& c, const HostSnapshot& h, const Policy& p,
                                       const EvaluationContext& ctx)
{
    QList<ControlResult> out;
    out.reserve(p.controls.size());
    evaluateContainerInto(out, c, h, p, ctx);
    return out;
}

std::optional<ControlResult> evaluateContainerControl(const QString& controlId, const ContainerSnapshot& c,
                                                      const HostSnapshot& h, const Policy& p, const EvaluationContext& ctx)
{
    const ControlDefinition* def = p.control(controlId);
    const ContainerFn fn = containerEvaluators().value(controlId);
    if (!def || !fn || def->scope != ControlScope::Container)
        return std::nullopt;
    const Prepared prepared = prepare(p, ctx);
    ContainerFacts facts = containerFacts(c, p, prepared);
    return evaluateOne(PlannedControl{def, fn, p.infrastructureOnlyControls.contains(def->id)}, c, h, p, ctx, facts);
}

QList<ControlResult> evaluateHost(const HostSnapshot& h, const Policy& p, const EvaluationContext& ctx)
{
    QList<ControlResult> out;
    const ControlDefinition* def = p.control(QStringLiteral("REQ-HARD-02"));
    if (!def)
        return out;
    ControlResult r;
    r.controlId = def->id;
    r.scope = ControlScope::Host;
    r.hostName = h.hostName;
    r.severity = def->severity;
    qint64 sum = 0;
    int counted = 0;
    QStringList unread;
    for (const auto& c : h.containers) {
        if (!c.isRunning() || !p.isInfrastructure(c.labels))
            continue;
        if (!c.memory) {
            unread.append(c.name);
            continue;
        }
        sum += c.memory->usageBytes;
        ++counted;
    }
    const qint64 total = h.engine.memTotalBytes;
    const qint64 budget = static_cast<qint64>(std::floor(static_cast<double>(total) * p.thresholds.idleMemoryFraction));
    const QString pct = QString::number(p.thresholds.idleMemoryFraction * 100.0, 'g', 4) + QLatin1Char('%');
    r.evidence = QLatin1String("sum of memory usage of ") + QString::number(counted) +
                 QLatin1String(" running infrastructure containers = ") + bytesEvidence(sum) + QLatin1String(", ") + pct +
                 QLatin1String(" of Info.MemTotal ") + bytesEvidence(total) + QLatin1String(" = ") + bytesEvidence(budget);
    if (total <= 0) {
        r.status = ControlStatus::Unknown;
        r.reason = QStringLiteral("The engine did not report the host's MemTotal.");
    } else if (!unread.isEmpty() && sum <= budget) {
        r.status = ControlStatus::Unknown;
        r.reason = QLatin1String("No memory reading for ") + unread.join(QLatin1String(", ")) +
                   QLatin1String("; the sum of the others is within the budget.");
    } else if (sum > budget) {
        r.status = ControlStatus::Fail;
        r.reason = QLatin1String("Infrastructure containers use ") + humanBytes(sum) + QLatin1String(", more than ") + pct +
                   QLatin1String(" of the host's memory (") + humanBytes(budget) + QLatin1String(").");
    } else {
        r.status = ControlStatus::Pass;
        r.reason = QLatin1String("Infrastructure containers use ") + humanBytes(sum) + QLatin1String(", within ") + pct +
                   QLatin1String(" of the host's memory (") + humanBytes(budget) + QLatin1String(").");
    }
    r.note = QStringLiteral("Read at scan time, taken as the idle level.");
    if (r.status == ControlStatus::Fail || r.status == ControlStatus::Unknown)
        r.remediation = def->remediation;
    applyWaivers(r, nullptr, false, p, ctx);
    out.append(r);
    return out;
}

QList<ControlResult> evaluateFleet(const Policy& p, const EvaluationContext& ctx)
{
    QList<ControlResult> out;
    const auto base = [&](const ControlDefinition& def) {
        ControlResult r;
        r.controlId = def.id;
        r.scope = ControlScope::Fleet;
        r.severity = def.severity;
        return r;
    };
    const auto unknown = [&](ControlResult& r, const ControlDefinition& def) {
        r.status = ControlStatus::Unknown;
        r.evidence = QStringLiteral("no log-latency measurement");
        r.reason = ctx.logLatencyNote.isEmpty() ? QStringLiteral("The log-ingestion latency has not been measured.")
                                                : ctx.logLatencyNote;
        r.remediation = def.remediation;
    };
    const LogLatencySummary* s = ctx.logLatency ? &*ctx.logLatency : nullptr;
    const bool measured = s && (s->samples > 0 || s->misses > 0 || !s->probes.isEmpty());

    // A missed canary is infinitely late: it counts in the p95 rather than being dropped.
    int misses = 0;
    double maxSeenMs = 0;
    if (measured) {
        if (!s->probes.isEmpty()) {
            for (const auto& pr : s->probes) {
                if (pr.missed || pr.latencyMs < 0)
                    ++misses;
                else
                    maxSeenMs = std::max(maxSeenMs, static_cast<double>(pr.latencyMs));
            }
        } else {
            misses = s->misses;
        }
    }

    if (const ControlDefinition* def = p.control(QStringLiteral("NFR-OBS-01"))) {
        ControlResult r = base(*def);
        if (!measured) {
            unknown(r, *def);
        } else {
            const double limitMs = p.thresholds.p95Seconds * 1000.0;
            const double p95 = judgedP95Ms(*s);
            const int n = s->probes.isEmpty() ? s->samples + s->misses : static_cast<int>(s->probes.size());
            r.evidence = QLatin1String("p95 = ") + (std::isinf(p95) ? QStringLiteral("missed") : QString::number(p95, 'f', 0) + QLatin1String(" ms")) +
                         QLatin1String(" over ") + QString::number(n) + QLatin1String(" probes (") + QString::number(misses) +
                         QLatin1String(" missed), limit < ") + QString::number(limitMs, 'f', 0) + QLatin1String(" ms");
            if (p95 < limitMs) {
                r.status = ControlStatus::Pass;
                r.reason = QStringLiteral("Log ingestion p95 latency is below the limit.");
            } else {
                r.status = ControlStatus::Fail;
                r.reason = std::isinf(p95) ? QStringLiteral("More than 5% of the canaries were never searchable, so the p95 is unbounded.")
                                           : QStringLiteral("Log ingestion p95 latency is at or above the limit.");
                r.remediation = def->remediation;
            }
        }
        applyWaivers(r, nullptr, false, p, ctx);
        out.append(r);
    }

    if (const ControlDefinition* def = p.control(QStringLiteral("AC-HARD-03"))) {
        ControlResult r = base(*def);
        if (!measured) {
            unknown(r, *def);
        } else {
            const double limitMs = p.thresholds.searchableSeconds * 1000.0;
            const double maxMs = std::max(s->maxMs, maxSeenMs);
            r.evidence = QLatin1String("max latency = ") + QString::number(maxMs, 'f', 0) + QLatin1String(" ms, ") +
                         QString::number(misses) + QLatin1String(" missed, limit ") + QString::number(limitMs, 'f', 0) +
                         QLatin1String(" ms");
            if (misses > 0) {
                r.status = ControlStatus::Fail;
                r.reason = QString::number(misses) + QLatin1String(" canary event(s) were not searchable within the probe's timeout.");
            } else if (maxMs > limitMs) {
                r.status = ControlStatus::Fail;
                r.reason = QStringLiteral("An event took longer than the limit to become searchable.");
            } else {
                r.status = ControlStatus::Pass;
                r.reason = QStringLiteral("Every canary event was searchable within the limit.");
            }
            if (r.status == ControlStatus::Fail)
                r.remediation = def->remediation;
        }
        applyWaivers(r, nullptr, false, p, ctx);
        out.append(r);
    }
    return out;
}

QList<ControlResult> evaluateAll(const FleetSnapshot& fleet, const Policy& p, const EvaluationContext& ctx)
{
    const ContainerPlan plan = containerPlan(p, ctx);
    qsizetype expected = 0;
    for (const HostSnapshot& h : fleet.hosts)
        if (h.isOk())
            expected += h.containers.size() * plan.controls.size() + 1;
    QList<ControlResult> out;
    out.reserve(expected + 2);
    for (const HostSnapshot& h : fleet.hosts) {
        if (!h.isOk())
            continue;
        for (const ContainerSnapshot& c : h.containers)
            evaluatePlanInto(out, plan, c, h, p, ctx);
        out += evaluateHost(h, p, ctx);
    }
    out += evaluateFleet(p, ctx);
    return out;
}

} // namespace bulwark::Evaluator
