// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence.h"

#include <nlohmann/json.hpp>

namespace bulwark {

void PrometheusEvidence::buildIndex()
{
    bySubject.clear();
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const auto& l = targets[i].labels;
        bySubject[pathStatKey(l.value(QStringLiteral("host")), l.value(QStringLiteral("container")))].append(i);
    }
}

QList<PathStat> parseStatOutput(const QByteArray& output)
{
    QList<PathStat> out;
    for (const QByteArray& rawLine : output.split('\n')) {
        const QString line = QString::fromUtf8(rawLine);
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype s1 = line.indexOf(QLatin1Char(' '));
        const qsizetype s2 = s1 < 0 ? -1 : line.indexOf(QLatin1Char(' '), s1 + 1);
        if (s2 < 0)
            continue;
        bool ok = false;
        const int mode = line.left(s1).toInt(&ok, 8);
        if (!ok)
            continue;
        PathStat st;
        st.mode = mode & 07777;
        st.owner = line.mid(s1 + 1, s2 - s1 - 1);
        st.path = line.mid(s2 + 1);
        out.append(st);
    }
    return out;
}

namespace {

QString str(const nlohmann::json& obj, const char* key)
{
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

} // namespace

Result<QList<PrometheusTarget>> parsePrometheusTargets(const QByteArray& json)
{
    const auto doc = nlohmann::json::parse(json.constBegin(), json.constEnd(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return Result<QList<PrometheusTarget>>::failure(
            QStringLiteral("Prometheus /api/v1/targets did not return a JSON object"));
    if (str(doc, "status") != QLatin1String("success"))
        return Result<QList<PrometheusTarget>>::failure(
            QStringLiteral("Prometheus /api/v1/targets returned status '%1': %2").arg(str(doc, "status"), str(doc, "error")));
    const auto data = doc.find("data");
    if (data == doc.end() || !data->is_object())
        return Result<QList<PrometheusTarget>>::failure(QStringLiteral("Prometheus /api/v1/targets reply has no 'data' object"));
    QList<PrometheusTarget> out;
    const auto active = data->find("activeTargets");
    if (active == data->end() || active->is_null())
        return out;
    if (!active->is_array())
        return Result<QList<PrometheusTarget>>::failure(QStringLiteral("Prometheus 'activeTargets' is not a list"));
    for (const auto& t : *active) {
        if (!t.is_object())
            continue;
        PrometheusTarget target;
        if (const auto labels = t.find("labels"); labels != t.end() && labels->is_object())
            for (auto it = labels->begin(); it != labels->end(); ++it)
                if (it.value().is_string())
                    target.labels.insert(QString::fromStdString(it.key()), QString::fromStdString(it.value().get<std::string>()));
        target.scrapeUrl = str(t, "scrapeUrl");
        target.health = str(t, "health");
        target.lastError = str(t, "lastError");
        out.append(target);
    }
    return out;
}

} // namespace bulwark
