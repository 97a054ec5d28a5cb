// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "docker/snapshotparser.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace bulwark {

// A container that needs another look, folded from one or more engine events.
struct ContainerChange {
    QString id;
    QString name;
    bool removed = false;  // its last event was "destroy": nothing left to inspect
    QStringList actions;   // the events folded in, oldest first (for logs and tests)
    friend bool operator==(const ContainerChange&, const ContainerChange&) = default;
};

// Folds bursts of /events into one refresh per container. `docker run` alone emits create, attach,
// network connect and start within milliseconds, and compose up does that for every service; each
// container is re-inspected once, after it has been quiet for `quietMs`, or at the latest `maxDelayMs`
// after its first event (so a container that never stops talking, e.g. a flapping health check,
// still gets refreshed). Pure: time comes in as an argument.
class EventCoalescer final {
public:
    explicit EventCoalescer(int quietMs = 250, int maxDelayMs = 2000);

    // Whether an event can change what a scan reads. exec_*, attach, resize, top, copy and the
    // like cannot; a network connect/disconnect changes the container it names.
    static bool isRelevant(const EngineEvent& event);
    // The container an event is about, empty when none.
    static QString subjectOf(const EngineEvent& event);

    // Returns false when the event was ignored.
    bool add(const EngineEvent& event, qint64 nowMs);

    // Changes whose wait is over, in the order their containers first appeared.
    QList<ContainerChange> takeDue(qint64 nowMs);
    QList<ContainerChange> takeAll();

    // When takeDue() will next return something; -1 when nothing is pending.
    qint64 nextDueMs() const;
    bool isEmpty() const { return m_pending.isEmpty(); }
    int pendingCount() const { return static_cast<int>(m_pending.size()); }

private:
    struct Pending {
        ContainerChange change;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
        quint64 order = 0;
    };
    qint64 dueAt(const Pending& p) const;

    int m_quietMs;
    int m_maxDelayMs;
    quint64 m_order = 0;
    QHash<QString, Pending> m_pending;
};

} // namespace bulwark
