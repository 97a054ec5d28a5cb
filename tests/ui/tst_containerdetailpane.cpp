// SPDX-License-Identifier: GPL-3.0-or-later
#include "detail/containerdetailpane.h"
#include "detail/containerfactsmodel.h"
#include "detail/resultlistmodel.h"
#include "sample/samplerun.h"
#include "trends/memoryhistory.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestContainerDetailPane final : public QObject {
    Q_OBJECT
private slots:
    void showsEveryResultFactsAndMemory()
    {
        auto run = std::make_shared<const AuditRun>(sample::makeAuditRun({}));
        SessionMemoryHistory history;
        history.add(sample::makeMemoryHistory(*run, 1, 60));
        ContainerDetailPane pane;
        pane.setHistory(&history);
        pane.resize(480, 800);
        pane.show();

        // A container with at least one container-scope failure.
        const HostSnapshot& h = run->fleet.hosts.at(0);
        QString failing;
        QStringList failedControls;
        for (const ControlResult& r : run->results)
            if (r.hostName == h.hostName && r.status == ControlStatus::Fail && r.scope == ControlScope::Container) {
                if (failing.isEmpty())
                    failing = r.containerId;
                if (r.containerId == failing)
                    failedControls << r.controlId;
            }
        QVERIFY(!failing.isEmpty());

        QSignalSpy memory(&pane, &ContainerDetailPane::memoryShown);
        pane.showContainer(run, h.hostName, failing);
        QCOMPARE(pane.results()->rowCount(), 15); // 13 container controls + 2 fleet-wide
        QCOMPARE(pane.results()->index(0, ResultListModel::StatusColumn).data(ResultListModel::StatusRole).toInt(),
                 int(ControlStatus::Fail));
        QVERIFY(pane.facts()->rowCount(pane.facts()->index(ContainerFactsModel::LabelsSection, 0)) > 0);
        QVERIFY(memory.wait(5000));

        QVERIFY(pane.showFixButton()->isEnabled());
        QSignalSpy fix(&pane, &ContainerDetailPane::showFixRequested);
        pane.showFixButton()->click();
        QCOMPARE(fix.count(), 1);
        QCOMPARE(fix.at(0).at(0).toString(), h.hostName);
        QStringList asked = fix.at(0).at(2).toStringList();
        asked.sort();
        failedControls.sort();
        QCOMPARE(asked, failedControls);

        pane.showContainer(run, h.hostName, QStringLiteral("does-not-exist"));
        QCOMPARE(pane.results()->rowCount(), 0);
        QVERIFY(!pane.showFixButton()->isEnabled());
    }
};

QTEST_MAIN(TestContainerDetailPane)
#include "tst_containerdetailpane.moc"
