// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditsummary.h"
#include "exporters.h"

namespace bulwark::Export {
namespace {

QByteArray field(const QString& v)
{
    QByteArray b = v.toUtf8();
    if (b.contains(',') || b.contains('"') || b.contains('\n') || b.contains('\r')) {
        b.replace("\"", "\"\"");
        return '"' + b + '"';
    }
    return b;
}

void row(QByteArray& out, const QStringList& fields)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += field(fields[i]);
    }
    out += "\r\n";
}

} // namespace

QByteArray toCsv(const AuditRun& run)
{
    QByteArray out;
    row(out, {QStringLiteral("host"), QStringLiteral("container"), QStringLiteral("container_id"), QStringLiteral("control"),
              QStringLiteral("scope"), QStringLiteral("severity"), QStringLiteral("status"), QStringLiteral("evidence"),
              QStringLiteral("reason"), QStringLiteral("remediation"), QStringLiteral("note"),
              QStringLiteral("waiver_reason"), QStringLiteral("waiver_expires")});
    for (const ControlResult* r : orderedResults(run))
        row(out, {r->hostName, r->containerName, r->containerId, r->controlId, controlScopeName(r->scope),
                  severityName(r->severity), controlStatusName(r->status), r->evidence, r->reason, r->remediation, r->note,
                  r->waiverReason, r->waiverExpires.isValid() ? r->waiverExpires.toUTC().toString(Qt::ISODate) : QString()});
    return out;
}

} // namespace bulwark::Export
