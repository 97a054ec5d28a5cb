// SPDX-License-Identifier: GPL-3.0-or-later
#include "policy.h"

#include "glob.h"

#include "yaml/yamlnode.h"

#include <QFile>
#include <QRegularExpression>
#include <QVariantList>
#include <QVariantMap>

#include <cmath>

// Outside any namespace, as Q_INIT_RESOURCE requires: keeps the static library's resource linked in.
static void initPolicyResource()
{
    Q_INIT_RESOURCE(policy);
}

namespace bulwark {

const QStringList& specControlIds()
{
    static const QStringList ids{
        QStringLiteral("REQ-HARD-01"), QStringLiteral("REQ-HARD-02"), QStringLiteral("REQ-HARD-03"),
        QStringLiteral("NFR-SEC-01"),  QStringLiteral("NFR-OBS-01"),  QStringLiteral("ST-01"),
        QStringLiteral("ST-02"),       QStringLiteral("INF-01"),      QStringLiteral("INF-02"),
        QStringLiteral("SEC-01"),      QStringLiteral("SEC-02"),      QStringLiteral("OBS-01"),
        QStringLiteral("AC-HARD-01"),  QStringLiteral("AC-HARD-02"),  QStringLiteral("AC-HARD-03"),
    };
    return ids;
}

QString normalizeCapability(const QString& cap)
{
    QString c = cap.trimmed().toUpper();
    if (c.startsWith(QLatin1String("CAP_")))
        c.remove(0, 4);
    return c;
}

const ControlDefinition* Policy::control(const QString& id) const
{
    for (const auto& c : controls)
        if (c.id == id)
            return &c;
    return nullptr;
}

bool Policy::isInfrastructure(const QMap<QString, QString>& labels) const
{
    if (infrastructureTiers.isEmpty())
        return true;
    const auto it = labels.constFind(this->labels.tierKey);
    if (it == labels.cend() || it->isEmpty())
        return untieredIsInfrastructure;
    return infrastructureTiers.contains(*it);
}

namespace PolicyFile {

std::optional<qint64> parseByteSize(const QString& text)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^\s*([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtT]?)(i?)([bB]?)\s*$)"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const double number = m.captured(1).toDouble();
    const QString unit = m.captured(2).toLower();
    // Docker and Compose read "2g" and "2GiB" alike as binary units; only an explicit "GB" is decimal.
    const bool decimal = m.captured(3).isEmpty() && !m.captured(4).isEmpty() && !unit.isEmpty();
    const double base = decimal ? 1000.0 : 1024.0;
    int power = 0;
    if (unit == QLatin1String("k"))
        power = 1;
    else if (unit == QLatin1String("m"))
        power = 2;
    else if (unit == QLatin1String("g"))
        power = 3;
    else if (unit == QLatin1String("t"))
        power = 4;
    const double bytes = number * std::pow(base, power);
    if (bytes < 0 || bytes > 9.0e18)
        return std::nullopt;
    return static_cast<qint64>(std::llround(bytes));
}

namespace {

QVariant toVariant(const YamlNode& node)
{
    switch (node.kind()) {
    case YamlNode::Kind::Null:
        return {};
    case YamlNode::Kind::Scalar:
        return node.scalar();
    case YamlNode::Kind::Sequence: {
        QVariantList list;
        for (const auto& item : node.items())
            list.append(toVariant(item));
        return list;
    }
    case YamlNode::Kind::Mapping: {
        QVariantMap map;
        for (const auto& [k, v] : node.pairs())
            map.insert(k.scalar(), toVariant(v));
        return map;
    }
    }
    return {};
}

class Reader {
public:
    explicit Reader(QString source) : m_source(std::move(source)) {}

    Result<Policy> read(const YamlNode& root)
    {
        Policy policy;
        policy.info.source = m_source;
        if (!root.isMapping())
            return fail(root, QStringLiteral("a policy must be a mapping with 'id' and 'controls', found %1")
                                  .arg(root.kindName()));
        for (const auto& [key, value] : root.pairs()) {
            const QString k = key.scalar();
            if (k == QLatin1String("schema")) {
                auto s = scalar(value, k);
                if (!s)
                    return s.error();
                if (*s != QLatin1String("bulwark.policy/v1"))
                    return fail(value, QStringLiteral("unsupported policy schema '%1' (expected bulwark.policy/v1)").arg(*s));
            } else if (k == QLatin1String("id") || k == QLatin1String("version") || k == QLatin1String("title")) {
                auto s = scalar(value, k);
                if (!s)
                    return s.error();
                (k == QLatin1String("id") ? policy.info.id
                                          : k == QLatin1String("version") ? policy.info.version : policy.info.title) = *s;
            } else if (k == QLatin1String("labels")) {
                if (auto r = readLabels(value, policy.labels); !r)
                    return r.error();
            } else if (k == QLatin1String("infrastructure")) {
                if (auto r = readInfrastructure(value, policy); !r)
                    return r.error();
            } else if (k == QLatin1String("controls")) {
                if (auto r = readControls(value, policy); !r)
                    return r.error();
            } else {
                return fail(key, QStringLiteral("unknown policy key '%1' (expected schema, id, version, title, labels, "
                                                "infrastructure or controls)")
                                     .arg(k));
            }
        }
        if (policy.info.id.isEmpty())
            return fail(root, QStringLiteral("the policy has no 'id'"));
        if (policy.controls.isEmpty())
            return fail(root, QStringLiteral("the policy has no 'controls'"));
        return policy;
    }

private:
    Error fail(const YamlNode& at, const QString& message) const { return Error{yamlErrorAt(m_source, at, message)}; }

    Result<QString> scalar(const YamlNode& node, const QString& what) const
    {
        if (!node.isScalar())
            return fail(node, QStringLiteral("'%1' must be a value, found %2").arg(what, node.kindName()));
        return node.scalar();
    }

    Result<double> number(const YamlNode& node, const QString& what, double min, double max) const
    {
        bool ok = false;
        const double v = node.isScalar() ? node.scalar().toDouble(&ok) : 0.0;
        if (!ok || v < min || v > max)
            return fail(node, QStringLiteral("'%1' must be a number between %2 and %3").arg(what).arg(min).arg(max));
        return v;
    }

    Result<QStringList> stringList(const YamlNode& node, const QString& what) const
    {
        if (!node.isSequence())
            return fail(node, QStringLiteral("'%1' must be a list, found %2").arg(what, node.kindName()));
        QStringList out;
        for (const auto& item : node.items()) {
            auto s = scalar(item, what);
            if (!s)
                return s.error();
            out.append(*s);
        }
        return out;
    }

    Result<void> readLabels(const YamlNode& node, LabelConventions& labels) const
    {
        if (!node.isMapping())
            return fail(node, QStringLiteral("'labels' must be a mapping"));
        for (const auto& [key, value] : node.pairs()) {
            const QString k = key.scalar();
            auto s = scalar(value, k);
            if (!s)
                return s.error();
            if (s->trimmed().isEmpty())
                return fail(value, QStringLiteral("label key '%1' may not be empty").arg(k));
            if (k == QLatin1String("template"))
                labels.templateKey = *s;
            else if (k == QLatin1String("waivePrefix"))
                labels.waivePrefix = *s;
            else if (k == QLatin1String("sensitive"))
                labels.sensitiveKey = *s;
            else if (k == QLatin1String("tier"))
                labels.tierKey = *s;
            else if (k == QLatin1String("metrics"))
                labels.metricsKey = *s;
            else if (k == QLatin1String("prometheusScrape"))
                labels.prometheusScrapeKey = *s;
            else
                return fail(key, QStringLiteral("unknown label convention '%1' (expected template, waivePrefix, "
                                                "sensitive, tier, metrics or prometheusScrape)")
                                     .arg(k));
        }
        return {};
    }

    Result<void> readInfrastructure(const YamlNode& node, Policy& policy) const
    {
        if (!node.isMapping())
            return fail(node, QStringLiteral("'infrastructure' must be a mapping"));
        for (const auto& [key, value] : node.pairs()) {
            const QString k = key.scalar();
            if (k == QLatin1String("tiers")) {
                auto l = stringList(value, k);
                if (!l)
                    return l.error();
                policy.infrastructureTiers = *l;
            } else if (k == QLatin1String("untieredIsInfrastructure")) {
                auto b = boolean(value, k);
                if (!b)
                    return b.error();
                policy.untieredIsInfrastructure = *b;
            } else {
                return fail(key, QStringLiteral("unknown key '%1' (expected tiers or untieredIsInfrastructure)").arg(k));
            }
        }
        return {};
    }

    Result<bool> boolean(const YamlNode& node, const QString& what) const
    {
        if (node.isScalar()) {
            const QString v = node.scalar().toLower();
            if (v == QLatin1String("true") || v == QLatin1String("yes"))
                return true;
            if (v == QLatin1String("false") || v == QLatin1String("no"))
                return false;
        }
        return fail(node, QStringLiteral("'%1' must be true or false").arg(what));
    }

    Result<void> readControls(const YamlNode& node, Policy& policy) const
    {
        if (!node.isSequence())
            return fail(node, QStringLiteral("'controls' must be a list, found %1").arg(node.kindName()));
        for (const auto& item : node.items()) {
            if (!item.isMapping())
                return fail(item, QStringLiteral("each control must be a mapping with 'id', 'title' and 'scope'"));
            ControlDefinition def;
            bool infraOnly = false;
            bool enabled = true;
            const YamlNode* params = nullptr;
            for (const auto& [key, value] : item.pairs()) {
                const QString k = key.scalar();
                if (k == QLatin1String("parameters")) {
                    if (!value.isMapping())
                        return fail(value, QStringLiteral("'parameters' must be a mapping"));
                    params = &value;
                    def.parameters = toVariant(value).toMap();
                    continue;
                }
                if (k == QLatin1String("enabled")) {
                    auto b = boolean(value, k);
                    if (!b)
                        return b.error();
                    enabled = *b;
                    continue;
                }
                auto s = scalar(value, k);
                if (!s)
                    return s.error();
                const QString v = s->trimmed();
                if (k == QLatin1String("id")) {
                    def.id = v;
                } else if (k == QLatin1String("title")) {
                    def.title = v;
                } else if (k == QLatin1String("scope")) {
                    const auto scope = controlScopeFromName(v);
                    if (!scope)
                        return fail(value, QStringLiteral("scope '%1' must be container, host or fleet").arg(v));
                    def.scope = *scope;
                } else if (k == QLatin1String("severity")) {
                    const auto sev = severityFromName(v);
                    if (!sev)
                        return fail(value, QStringLiteral("severity '%1' must be low, medium, high or critical").arg(v));
                    def.severity = *sev;
                } else if (k == QLatin1String("appliesTo")) {
                    if (v != QLatin1String("all") && v != QLatin1String("infrastructure"))
                        return fail(value, QStringLiteral("appliesTo '%1' must be all or infrastructure").arg(v));
                    infraOnly = v == QLatin1String("infrastructure");
                } else if (k == QLatin1String("requirement")) {
                    def.requirement = v;
                } else if (k == QLatin1String("semantics")) {
                    def.semantics = v;
                } else if (k == QLatin1String("evidence")) {
                    def.evidence = v;
                } else if (k == QLatin1String("remediation")) {
                    def.remediation = v;
                } else {
                    return fail(key, QStringLiteral("unknown control key '%1' (expected id, title, scope, severity, "
                                                    "appliesTo, requirement, semantics, evidence, remediation, "
                                                    "parameters or enabled)")
                                         .arg(k));
                }
            }
            if (def.id.isEmpty())
                return fail(item, QStringLiteral("a control has no 'id'"));
            if (!specControlIds().contains(def.id))
                return fail(item, QStringLiteral("unknown control '%1': SPEC-INFRA-04 defines %2")
                                      .arg(def.id, specControlIds().join(QLatin1String(", "))));
            if (policy.control(def.id))
                return fail(item, QStringLiteral("control '%1' is listed twice").arg(def.id));
            if (auto expected = expectedScope(def.id); expected != def.scope)
                return fail(item, QStringLiteral("control '%1' has scope %2; its evaluator works at %3 scope")
                                      .arg(def.id, controlScopeName(def.scope), controlScopeName(expected)));
            if (params)
                if (auto r = readParameters(def.id, *params, policy.thresholds); !r)
                    return r.error();
            if (!enabled)
                continue;
            if (infraOnly)
                policy.infrastructureOnlyControls.insert(def.id);
            policy.controls.append(std::move(def));
        }
        return {};
    }

    static ControlScope expectedScope(const QString& id)
    {
        if (id == QLatin1String("REQ-HARD-02"))
            return ControlScope::Host;
        if (id == QLatin1String("NFR-OBS-01") || id == QLatin1String("AC-HARD-03"))
            return ControlScope::Fleet;
        return ControlScope::Container;
    }

    Result<void> readParameters(const QString& id, const YamlNode& node, PolicyThresholds& t) const
    {
        for (const auto& [key, value] : node.pairs()) {
            const QString k = key.scalar();
            const QString where = id + QLatin1Char('.') + k;
            if (k == QLatin1String("namespaces")) {
                auto l = stringList(value, where);
                if (!l)
                    return l.error();
                for (const QString& ns : *l)
                    if (ns != QLatin1String("pid") && ns != QLatin1String("ipc") && ns != QLatin1String("network"))
                        return fail(value, QStringLiteral("namespace '%1' must be pid, ipc or network").arg(ns));
                t.hostNamespaces = *l;
            } else if (k == QLatin1String("idleMemoryFraction")) {
                auto n = number(value, where, 0.0, 1.0);
                if (!n)
                    return n.error();
                t.idleMemoryFraction = *n;
            } else if (k == QLatin1String("dangerousCapabilities")) {
                auto l = stringList(value, where);
                if (!l)
                    return l.error();
                t.dangerousCapabilities.clear();
                for (const QString& c : *l)
                    t.dangerousCapabilities.insert(normalizeCapability(c));
            } else if (k == QLatin1String("sensitivePathPatterns")) {
                auto l = stringList(value, where);
                if (!l)
                    return l.error();
                t.sensitivePathPatterns = *l;
                t.sensitivePathRegexes.clear();
                for (const QString& p : *l)
                    t.sensitivePathRegexes.append(globToRegex(p));
            } else if (k == QLatin1String("network")) {
                auto s = scalar(value, where);
                if (!s)
                    return s.error();
                t.network = *s;
            } else if (k == QLatin1String("exporterPorts")) {
                if (!value.isSequence())
                    return fail(value, QStringLiteral("'%1' must be a list of port numbers").arg(where));
                t.exporterPorts.clear();
                for (const auto& p : value.items()) {
                    auto n = number(p, where, 1, 65535);
                    if (!n)
                        return n.error();
                    t.exporterPorts.insert(static_cast<int>(*n));
                }
            } else if (k == QLatin1String("p95Seconds")) {
                auto n = number(value, where, 0.001, 3600);
                if (!n)
                    return n.error();
                t.p95Seconds = *n;
            } else if (k == QLatin1String("searchableSeconds")) {
                auto n = number(value, where, 0.001, 3600);
                if (!n)
                    return n.error();
                t.searchableSeconds = *n;
            } else if (k == QLatin1String("template")) {
                auto s = scalar(value, where);
                if (!s)
                    return s.error();
                t.highTemplate = *s;
            } else if (k == QLatin1String("ceiling")) {
                const auto bytes = value.isScalar() ? parseByteSize(value.scalar()) : std::nullopt;
                if (!bytes || *bytes <= 0)
                    return fail(value, QStringLiteral("'%1' must be a size such as 2GiB or 512MiB").arg(where));
                t.ceilingBytes = *bytes;
            } else {
                return fail(key, QStringLiteral("unknown parameter '%1' of control %2").arg(k, id));
            }
        }
        return {};
    }

    QString m_source;
};

} // namespace

Result<Policy> parse(const QByteArray& text, const QString& sourceName)
{
    auto root = parseYaml(text, sourceName);
    if (!root)
        return root.error();
    return Reader(sourceName).read(*root);
}

Result<Policy> load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<Policy>::failure(QStringLiteral("cannot read policy file %1: %2").arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

Result<Policy> embedded()
{
    initPolicyResource();
    auto policy = load(QStringLiteral(":/bulwark/policy/spec-infra-04.yaml"));
    if (policy)
        policy->info.source = QStringLiteral("embedded");
    return policy;
}

Result<Policy> loadOrEmbedded(const QString& path)
{
    return path.isEmpty() ? embedded() : load(path);
}

} // namespace PolicyFile
} // namespace bulwark
