// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditsummary.h"
#include "exporters.h"

#include <QXmlStreamWriter>

namespace bulwark::Export {
namespace {

QString caseName(const ControlResult& r, const AuditRun& run)
{
    for (const auto& c : run.controls)
        if (c.id == r.controlId)
            return r.controlId + QLatin1String(" ") + c.title;
    return r.controlId;
}

QString detail(const ControlResult& r)
{
    QString t = QLatin1String("Evidence: ") + r.evidence;
    if (!r.remediation.isEmpty())
        t += QLatin1String("\nRemediation: ") + r.remediation;
    if (!r.note.isEmpty())
        t += QLatin1String("\nNote: ") + r.note;
    return t;
}

struct Suite {
    QString name;
    QList<const ControlResult*> results;
    const HostSnapshot* host = nullptr;
};

void writeCase(QXmlStreamWriter& w, const ControlResult& r, const AuditRun& run)
{
    w.writeStartElement(QStringLiteral("testcase"));
    const QString cls = r.scope == ControlScope::Container ? r.hostName + QLatin1Char('.') + r.containerName
                        : r.scope == ControlScope::Host    ? r.hostName
                                                           : QStringLiteral("fleet");
    w.writeAttribute(QStringLiteral("classname"), cls);
    w.writeAttribute(QStringLiteral("name"), caseName(r, run));
    w.writeAttribute(QStringLiteral("time"), QStringLiteral("0"));
    switch (r.status) {
    case ControlStatus::Fail:
        w.writeStartElement(QStringLiteral("failure"));
        w.writeAttribute(QStringLiteral("message"), r.reason);
        w.writeAttribute(QStringLiteral("type"), r.controlId);
        w.writeCharacters(detail(r));
        w.writeEndElement();
        break;
    case ControlStatus::Waived:
        w.writeEmptyElement(QStringLiteral("skipped"));
        w.writeAttribute(QStringLiteral("message"), QLatin1String("waived: ") + r.waiverReason);
        break;
    case ControlStatus::NotApplicable:
        w.writeEmptyElement(QStringLiteral("skipped"));
        w.writeAttribute(QStringLiteral("message"), QLatin1String("not applicable: ") + r.reason);
        break;
    case ControlStatus::Unknown:
        w.writeEmptyElement(QStringLiteral("skipped"));
        w.writeAttribute(QStringLiteral("message"), QLatin1String("unknown: ") + r.reason);
        break;
    case ControlStatus::Pass:
        break;
    }
    w.writeTextElement(QStringLiteral("system-out"), detail(r));
    w.writeEndElement();
}

} // namespace

QByteArray toJUnit(const AuditRun& run)
{
    QList<Suite> suites;
    for (const HostSnapshot* h : orderedHosts(run))
        suites.append(Suite{h->hostName, {}, h});
    Suite fleet{QStringLiteral("fleet"), {}, nullptr};
    for (const ControlResult* r : orderedResults(run)) {
        if (r->scope == ControlScope::Fleet) {
            fleet.results.append(r);
            continue;
        }
        for (auto& s : suites)
            if (s.name == r->hostName) {
                s.results.append(r);
                break;
            }
    }
    if (!fleet.results.isEmpty())
        suites.append(fleet);

    const auto counts = [](const Suite& s) {
        int failures = 0, skipped = 0;
        for (const auto* r : s.results) {
            if (r->status == ControlStatus::Fail)
                ++failures;
            else if (r->status != ControlStatus::Pass)
                ++skipped;
        }
        const int errors = s.host && !s.host->isOk() ? 1 : 0;
        return std::array<int, 4>{static_cast<int>(s.results.size()) + errors, failures, skipped, errors};
    };

    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    std::array<int, 4> total{0, 0, 0, 0};
    for (const auto& s : suites) {
        const auto c = counts(s);
        for (int i = 0; i < 4; ++i)
            total[i] += c[i];
    }
    w.writeAttribute(QStringLiteral("name"), QLatin1String("bulwark audit ") + run.policy.id);
    w.writeAttribute(QStringLiteral("tests"), QString::number(total[0]));
    w.writeAttribute(QStringLiteral("failures"), QString::number(total[1]));
    w.writeAttribute(QStringLiteral("skipped"), QString::number(total[2]));
    w.writeAttribute(QStringLiteral("errors"), QString::number(total[3]));
    w.writeAttribute(QStringLiteral("time"), QStringLiteral("0"));
    for (const auto& s : suites) {
        const auto c = counts(s);
        w.writeStartElement(QStringLiteral("testsuite"));
        w.writeAttribute(QStringLiteral("name"), s.name);
        w.writeAttribute(QStringLiteral("tests"), QString::number(c[0]));
        w.writeAttribute(QStringLiteral("failures"), QString::number(c[1]));
        w.writeAttribute(QStringLiteral("skipped"), QString::number(c[2]));
        w.writeAttribute(QStringLiteral("errors"), QString::number(c[3]));
        w.writeAttribute(QStringLiteral("time"), QString::number(s.host ? s.host->durationMs / 1000.0 : 0.0, 'f', 3));
        if (run.generatedAt.isValid())
            w.writeAttribute(QStringLiteral("timestamp"), run.generatedAt.toUTC().toString(Qt::ISODate));
        if (s.host && !s.host->isOk()) {
            w.writeStartElement(QStringLiteral("testcase"));
            w.writeAttribute(QStringLiteral("classname"), s.name);
            w.writeAttribute(QStringLiteral("name"), QStringLiteral("scan"));
            w.writeAttribute(QStringLiteral("time"), QStringLiteral("0"));
            w.writeStartElement(QStringLiteral("error"));
            w.writeAttribute(QStringLiteral("message"), hostStatusName(s.host->status) + QLatin1String(": ") + s.host->error);
            w.writeAttribute(QStringLiteral("type"), hostStatusName(s.host->status));
            w.writeCharacters(s.host->error);
            w.writeEndElement();
            w.writeEndElement();
        }
        for (const auto* r : s.results)
            writeCase(w, *r, run);
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace bulwark::Export
