// SPDX-License-Identifier: GPL-3.0-or-later
#include "waivers.h"

#include "glob.h"
#include "policy.h"

#include "yaml/yamlnode.h"

#include <QFile>

namespace bulwark {
namespace WaiverFile {
namespace {

Error failAt(const QString& source, const YamlNode& node, const QString& message)
{
    return Error{yamlErrorAt(source, node, message)};
}

Result<Waiver> readWaiver(const YamlNode& node, const QString& source)
{
    if (!node.isMapping())
        return failAt(source, node, QStringLiteral("each waiver must be a mapping with host, container, control, reason and expires"));
    Waiver w;
    w.source = source + QLatin1Char(':') + QString::number(node.mark().line);
    bool haveReason = false;
    for (const auto& [key, value] : node.pairs()) {
        const QString k = key.scalar();
        if (!value.isScalar() && !value.isNull())
            return failAt(source, value, QStringLiteral("'%1' must be a value, found %2").arg(k, value.kindName()));
        const QString v = value.scalar().trimmed();
        if (k == QLatin1String("host")) {
            w.hostPattern = v;
        } else if (k == QLatin1String("container")) {
            w.containerPattern = v.startsWith(QLatin1Char('/')) ? v.mid(1) : v;
        } else if (k == QLatin1String("control")) {
            if (!specControlIds().contains(v))
                return failAt(source, value, QStringLiteral("unknown control '%1': SPEC-INFRA-04 defines %2")
                                                 .arg(v, specControlIds().join(QLatin1String(", "))));
            w.control = v;
        } else if (k == QLatin1String("reason")) {
            if (v.isEmpty())
                return failAt(source, value, QStringLiteral("a waiver needs a non-empty reason"));
            w.reason = v;
            haveReason = true;
        } else if (k == QLatin1String("expires")) {
            if (v.isEmpty())
                continue;
            QDateTime t;
            if (const QDate d = QDate::fromString(v, Qt::ISODate); d.isValid() && v.size() == 10)
                t = QDateTime(d, QTime(23, 59, 59), Qt::UTC); // a date is valid through the whole day
            else
                t = QDateTime::fromString(v, Qt::ISODate);
            if (!t.isValid())
                return failAt(source, value, QStringLiteral("'expires' must be a date (2027-06-30) or an ISO 8601 "
                                                            "date-time, found '%1'").arg(v));
            if (t.timeSpec() == Qt::LocalTime && !v.contains(QLatin1Char('Z')) && !v.contains(QLatin1Char('+')))
                t.setTimeSpec(Qt::UTC);
            w.expires = t;
        } else {
            return failAt(source, key, QStringLiteral("unknown waiver key '%1' (expected host, container, control, "
                                                      "reason or expires)")
                                           .arg(k));
        }
    }
    if (w.control.isEmpty())
        return failAt(source, node, QStringLiteral("a waiver has no 'control'"));
    if (!haveReason)
        return failAt(source, node, QStringLiteral("the waiver for %1 has no 'reason'").arg(w.control));
    return w;
}

} // namespace

Result<QList<Waiver>> parse(const QByteArray& text, const QString& sourceName)
{
    auto root = parseYaml(text, sourceName);
    if (!root)
        return root.error();
    if (root->isNull())
        return QList<Waiver>{};
    const YamlNode* list = root->isMapping() ? root->get(QLatin1String("waivers")) : nullptr;
    if (root->isMapping()) {
        for (const auto& [key, value] : root->pairs())
            if (key.scalar() != QLatin1String("waivers"))
                return failAt(sourceName, key, QStringLiteral("unknown key '%1' (expected waivers)").arg(key.scalar()));
    }
    if (!list || !(list->isSequence() || list->isNull()))
        return failAt(sourceName, list ? *list : *root, QStringLiteral("a waiver file must be a mapping with a 'waivers' list"));
    QList<Waiver> out;
    for (const auto& item : list->items()) {
        auto w = readWaiver(item, sourceName);
        if (!w)
            return w.error();
        out.append(std::move(*w));
    }
    return out;
}

Result<QList<Waiver>> load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Result<QList<Waiver>>::failure(QStringLiteral("cannot read waiver file %1: %2").arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

} // namespace WaiverFile

const Waiver* findWaiver(const QList<Waiver>& waivers, const QString& host, const QString& container,
                         const QString& control, const QDateTime& now)
{
    const Waiver* expired = nullptr;
    for (const auto& w : waivers) {
        if (w.control != control)
            continue;
        if (!globMatch(w.hostPattern, host))
            continue;
        if (!globMatch(w.containerPattern.isEmpty() ? QStringLiteral("*") : w.containerPattern, container))
            continue;
        if (w.expires.isValid() && w.expires < now) {
            if (!expired)
                expired = &w;
            continue;
        }
        return &w;
    }
    return expired;
}

} // namespace bulwark
