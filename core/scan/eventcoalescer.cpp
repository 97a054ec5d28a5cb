// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventcoalescer.h"

#include <algorithm>

namespace bulwark {

namespace {

// "exec_start: sh -c date" and "health_status: healthy" carry details after a colon.
QString verb(const QString& action)
{
    const qsizetype colon = action.indexOf(QLatin1Char(':'));
    return (colon < 0 ? action : action.left(colon)).trimmed();
}

} // namespace

EventCoalescer::EventCoalescer(int quietMs, int maxDelayMs)
    : m_quietMs(std::max(0, quietMs)), m_maxDelayMs(std::max(std::max(0, quietMs), maxDelayMs))
{
}

bool EventCoalescer::isRelevant(const EngineEvent& event)
{
    const QString v = verb(event.action);
    if (event.type == QLatin1String("network"))
        return (v == QLatin1String("connect") || v == QLatin1String("disconnect")) && !event.container.isEmpty();
    if (event.type != QLatin1String("container") || event.id.isEmpty())
        return false;
    // Events that neither change the configuration nor the state a control reads.
    static const QStringList noise{QStringLiteral("exec_create"), QStringLiteral("exec_start"), QStringLiteral("exec_die"),
                                   QStringLiteral("exec_detach"), QStringLiteral("attach"), QStringLiteral("detach"),
                                   QStringLiteral("resize"), QStringLiteral("top"), QStringLiteral("export"),
                                   QStringLiteral("copy"), QStringLiteral("archive-path"), QStringLiteral("extract-to-dir"),
                                   QStringLiteral("commit")};
    return !noise.contains(v);
}

QString EventCoalescer::subjectOf(const EngineEvent& event)
{
    return event.type == QLatin1String("network") ? event.container : event.id;
}

bool EventCoalescer::add(const EngineEvent& event, qint64 nowMs)
{
    if (!isRelevant(event))
        return false;
    const QString id = subjectOf(event);
    auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        Pending p;
        p.change.id = id;
        p.firstMs = nowMs;
        p.order = m_order++;
        it = m_pending.insert(id, p);
    }
    Pending& p = *it;
    p.lastMs = nowMs;
    if (event.type == QLatin1String("container") && !event.name.isEmpty())
        p.change.name = event.name;
    p.change.actions.append(event.type == QLatin1String("network") ? QLatin1String("network ") + event.action : event.action);
    if (event.type == QLatin1String("container"))
        p.change.removed = verb(event.action) == QLatin1String("destroy");
    return true;
}

qint64 EventCoalescer::dueAt(const Pending& p) const
{
    return std::min(p.lastMs + m_quietMs, p.firstMs + m_maxDelayMs);
}

QList<ContainerChange> EventCoalescer::takeDue(qint64 nowMs)
{
    QList<Pending> due;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (dueAt(*it) <= nowMs) {
            due.append(*it);
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    std::sort(due.begin(), due.end(), [](const Pending& a, const Pending& b) { return a.order < b.order; });
    QList<ContainerChange> out;
    out.reserve(due.size());
    for (const Pending& p : std::as_const(due))
        out.append(p.change);
    return out;
}

QList<ContainerChange> EventCoalescer::takeAll()
{
    QList<Pending> all = m_pending.values();
    m_pending.clear();
    std::sort(all.begin(), all.end(), [](const Pending& a, const Pending& b) { return a.order < b.order; });
    QList<ContainerChange> out;
    for (const Pending& p : std::as_const(all))
        out.append(p.change);
    return out;
}

qint64 EventCoalescer::nextDueMs() const
{
    qint64 next = -1;
    for (const Pending& p : m_pending) {
        const qint64 at = dueAt(p);
        if (next < 0 || at < next)
            next = at;
    }
    return next;
}

} // namespace bulwark
