// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/control.h"
#include "model/result.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

namespace bulwark {

// The label keys the policy reads. Configurable so that an organisation can keep its own conventions.
struct LabelConventions {
    QString templateKey = QStringLiteral("io.hy-home.template");
    QString waivePrefix = QStringLiteral("io.hy-home.waive.");
    QString sensitiveKey = QStringLiteral("io.hy-home.sensitive");
    QString tierKey = QStringLiteral("io.hy-home.tier");
    QString metricsKey = QStringLiteral("io.hy-home.metrics");
    QString prometheusScrapeKey = QStringLiteral("prometheus.io/scrape");
};

// The thresholds the evaluators use, typed once at load time so that evaluating 100,000
// containers never looks a string up in a QVariantMap.
struct PolicyThresholds {
    QStringList hostNamespaces{QStringLiteral("pid"), QStringLiteral("ipc"), QStringLiteral("network")};
    double idleMemoryFraction = 0.20;
    QSet<QString> dangerousCapabilities; // normalised: upper case, no CAP_ prefix
    QStringList sensitivePathPatterns;   // wildcards, matched against bind source and destination
    QList<QRegularExpression> sensitivePathRegexes;
    QString network = QStringLiteral("infra_net");
    QSet<int> exporterPorts;
    double p95Seconds = 2.0;
    QString highTemplate = QStringLiteral("template-infra-high");
    qint64 ceilingBytes = 2LL * 1024 * 1024 * 1024;
    double searchableSeconds = 5.0;
};

struct Policy {
    PolicyInfo info;
    QList<ControlDefinition> controls; // policy order
    LabelConventions labels;
    PolicyThresholds thresholds;
    QStringList infrastructureTiers;     // empty: every container is infrastructure
    bool untieredIsInfrastructure = true;
    QSet<QString> infrastructureOnlyControls; // controls with appliesTo: infrastructure

    const ControlDefinition* control(const QString& id) const;
    bool isInfrastructure(const QMap<QString, QString>& labels) const;
};

// The control IDs of SPEC-INFRA-04, exactly as the spec spells them, in spec order.
const QStringList& specControlIds();

namespace PolicyFile {

// Parses a policy (YAML). Errors read "SOURCE:LINE:COLUMN: what is wrong".
Result<Policy> parse(const QByteArray& text, const QString& sourceName);
Result<Policy> load(const QString& path);
// The SPEC-INFRA-04 policy embedded in the binary (resources/policy/spec-infra-04.yaml).
Result<Policy> embedded();
// `path` when set, the embedded policy otherwise.
Result<Policy> loadOrEmbedded(const QString& path);

// "2GiB", "512m", "1.5 GB", "1073741824" -> bytes; nullopt when malformed.
std::optional<qint64> parseByteSize(const QString& text);

} // namespace PolicyFile

// Capability spelling as the engine normalises it: upper case, without the CAP_ prefix.
QString normalizeCapability(const QString& cap);

} // namespace bulwark
