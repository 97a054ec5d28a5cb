// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/fleettreemodel.h"
#include "sample/samplerun.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestFleetTreeModel final : public QObject {
    Q_OBJECT
private slots:
    void followsFleetThenScanThenAudit()
    {
        FleetTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        sample::SampleOptions o;
        o.hosts = 3;
        o.containersPerHost = 10;
        o.unreachableHosts = 1;
        const AuditRun run = sample::makeAuditRun(o);

        FleetConfig fleet;
        auto entry = [](const QString& name) {
            HostEntry e;
            e.name = name;
            e.url = QStringLiteral("ssh://") + name;
            return e;
        };
        for (const HostSnapshot& h : run.fleet.hosts)
            fleet.hosts.append(entry(h.hostName));
        fleet.hosts.append(entry(QStringLiteral("spare")));
        model.setFleet(fleet);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, 0).data(FleetTreeModel::HostStatusRole).toInt(), int(HostStatus::Pending));

        model.updateHost(run.fleet.hosts.at(2));
        QCOMPARE(model.index(2, 0).data(FleetTreeModel::HostStatusRole).toInt(), int(HostStatus::Unreachable));
        QVERIFY(model.index(2, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Connection refused")));

        model.setRun(std::make_shared<const AuditRun>(run));
        QCOMPARE(model.rowCount(), 4); // the spare host stays, not scanned
        const QModelIndex h1 = model.hostIndex(QStringLiteral("host-01"));
        QCOMPARE(h1.data(FleetTreeModel::HostStatusRole).toInt(), int(HostStatus::Ok));
        // Projects under the host, plain containers last.
        QStringList projects;
        for (int r = 0; r < model.rowCount(h1); ++r)
            projects << model.index(r, 0, h1).data(FleetTreeModel::ProjectRole).toString();
        QCOMPARE(projects, (QStringList{QStringLiteral("batch"), QStringLiteral("edge"), QStringLiteral("infra"), QString()}));
        const int score = h1.data(FleetTreeModel::ScoreRole).toInt();
        QVERIFY(score >= 0 && score <= 100);
        QCOMPARE(model.index(h1.row(), FleetTreeModel::ScoreColumn).data().toString(), QStringLiteral("%1 %").arg(score));
        QCOMPARE(model.index(h1.row(), FleetTreeModel::ContainersColumn).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.rowCount(model.hostIndex(QStringLiteral("host-03"))), 0);
        QCOMPARE(model.hostIndex(QStringLiteral("spare")).data(FleetTreeModel::HostStatusRole).toInt(), int(HostStatus::Pending));
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isNull()); // a badge
        model.setRun(nullptr);
    }
};

QTEST_MAIN(TestFleetTreeModel)
#include "tst_fleettreemodel.moc"
