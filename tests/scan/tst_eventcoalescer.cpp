// SPDX-License-Identifier: GPL-3.0-or-later
// Watch mode's event folding: a burst of events becomes one refresh per container, after the
// container has been quiet (or at the latest after the maximum delay); noise is ignored; a
// destroyed container is reported as removed, not re-inspected.
#include "scan/eventcoalescer.h"

#include <QTest>

using namespace bulwark;

namespace {

EngineEvent ev(const QString& action, const QString& id, const QString& name = {})
{
    EngineEvent e;
    e.type = QStringLiteral("container");
    e.action = action;
    e.id = id;
    e.name = name;
    return e;
}

EngineEvent net(const QString& action, const QString& container)
{
    EngineEvent e;
    e.type = QStringLiteral("network");
    e.action = action;
    e.id = QStringLiteral("net0");
    e.name = QStringLiteral("infra_net");
    e.container = container;
    return e;
}

} // namespace

class TestEventCoalescer final : public QObject {
    Q_OBJECT
private slots:
    void relevance_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("container");
        QTest::addColumn<bool>("relevant");
        const QString c = QStringLiteral("c1");
        QTest::newRow("create") << "container" << "create" << QString() << true;
        QTest::newRow("start") << "container" << "start" << QString() << true;
        QTest::newRow("die") << "container" << "die" << QString() << true;
        QTest::newRow("destroy") << "container" << "destroy" << QString() << true;
        QTest::newRow("update") << "container" << "update" << QString() << true;
        QTest::newRow("rename") << "container" << "rename" << QString() << true;
        QTest::newRow("health") << "container" << "health_status: unhealthy" << QString() << true;
        QTest::newRow("oom") << "container" << "oom" << QString() << true;
        QTest::newRow("exec_create") << "container" << "exec_create: sh -c true" << QString() << false;
        QTest::newRow("exec_start") << "container" << "exec_start: sh -c true" << QString() << false;
        QTest::newRow("exec_die") << "container" << "exec_die" << QString() << false;
        QTest::newRow("attach") << "container" << "attach" << QString() << false;
        QTest::newRow("resize") << "container" << "resize" << QString() << false;
        QTest::newRow("top") << "container" << "top" << QString() << false;
        QTest::newRow("archive-path") << "container" << "archive-path" << QString() << false;
        QTest::newRow("network connect") << "network" << "connect" << c << true;
        QTest::newRow("network disconnect") << "network" << "disconnect" << c << true;
        QTest::newRow("network connect without container") << "network" << "connect" << QString() << false;
        QTest::newRow("network create") << "network" << "create" << QString() << false;
        QTest::newRow("image pull") << "image" << "pull" << QString() << false;
    }
    void relevance()
    {
        QFETCH(QString, type);
        QFETCH(QString, action);
        QFETCH(QString, container);
        QFETCH(bool, relevant);
        EngineEvent e;
        e.type = type;
        e.action = action;
        e.id = QStringLiteral("abc");
        e.container = container;
        QCOMPARE(EventCoalescer::isRelevant(e), relevant);
        EventCoalescer c(100, 1000);
        QCOMPARE(c.add(e, 0), relevant);
        QCOMPARE(c.isEmpty(), !relevant);
    }

    void burstBecomesOneRefreshAfterQuiet()
    {
        EventCoalescer c(250, 2000);
        // docker run: create, network connect, start within a few ms.
        QVERIFY(c.add(ev(QStringLiteral("create"), QStringLiteral("c1"), QStringLiteral("web")), 0));
        QVERIFY(c.add(net(QStringLiteral("connect"), QStringLiteral("c1")), 3));
        QVERIFY(!c.add(ev(QStringLiteral("attach"), QStringLiteral("c1")), 4));
        QVERIFY(c.add(ev(QStringLiteral("start"), QStringLiteral("c1"), QStringLiteral("web")), 10));
        QCOMPARE(c.pendingCount(), 1);
        QCOMPARE(c.nextDueMs(), 260);
        QVERIFY(c.takeDue(259).isEmpty());
        const auto due = c.takeDue(260);
        QCOMPARE(due.size(), 1);
        QCOMPARE(due[0].id, QStringLiteral("c1"));
        QCOMPARE(due[0].name, QStringLiteral("web"));
        QVERIFY(!due[0].removed);
        QCOMPARE(due[0].actions, (QStringList{QStringLiteral("create"), QStringLiteral("network connect"), QStringLiteral("start")}));
        QVERIFY(c.isEmpty());
        QCOMPARE(c.nextDueMs(), -1);
    }

    void chattyContainerStillRefreshedAtMaxDelay()
    {
        EventCoalescer c(250, 1000);
        qint64 t = 0;
        for (; t < 1000; t += 100)
            c.add(ev(QStringLiteral("health_status: unhealthy"), QStringLiteral("c1")), t);
        QCOMPARE(c.nextDueMs(), 1000);
        QCOMPARE(c.takeDue(1000).size(), 1);
    }

    void destroyedIsRemovedAndRecreatedIsNot()
    {
        EventCoalescer c(100, 1000);
        c.add(ev(QStringLiteral("die"), QStringLiteral("c1")), 0);
        c.add(ev(QStringLiteral("destroy"), QStringLiteral("c1"), QStringLiteral("old")), 1);
        c.add(ev(QStringLiteral("create"), QStringLiteral("c2"), QStringLiteral("new")), 2);
        const auto due = c.takeDue(200);
        QCOMPARE(due.size(), 2);
        QCOMPARE(due[0].id, QStringLiteral("c1")); // first seen first
        QVERIFY(due[0].removed);
        QCOMPARE(due[0].name, QStringLiteral("old"));
        QCOMPARE(due[1].id, QStringLiteral("c2"));
        QVERIFY(!due[1].removed);
        // A network event after destroy (docker emits disconnect late) keeps it removed.
        c.add(ev(QStringLiteral("destroy"), QStringLiteral("c3")), 300);
        c.add(net(QStringLiteral("disconnect"), QStringLiteral("c3")), 301);
        QVERIFY(c.takeDue(500).at(0).removed);
    }

    void eachContainerHasItsOwnClock()
    {
        EventCoalescer c(100, 1000);
        c.add(ev(QStringLiteral("stop"), QStringLiteral("a")), 0);
        c.add(ev(QStringLiteral("start"), QStringLiteral("b")), 90);
        QCOMPARE(c.nextDueMs(), 100);
        const auto first = c.takeDue(100);
        QCOMPARE(first.size(), 1);
        QCOMPARE(first[0].id, QStringLiteral("a"));
        QCOMPARE(c.nextDueMs(), 190);
        QCOMPARE(c.takeAll().size(), 1);
        QVERIFY(c.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEventCoalescer)
#include "tst_eventcoalescer.moc"
