// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's watch mode against the test's own dockerd (never the shared lab): after an audit
// the controller follows the host's events; a new or removed container changes the heatmap rows
// without a new audit; a host whose engine stops is shown as reconnecting and is rescanned when it
// is back; turning watch mode off stops following. Offscreen.
#include "heatmap/heatmapmodel.h"
#include "live/auditcontroller.h"
#include "model/metatypes.h"

#include "../common/dockertestdaemon.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <functional>

using namespace bulwark;
using namespace bulwark::ui;
using bulwark::test::DockerTestDaemon;

namespace {

const ControlResult* verdict(const AuditRun& run, const QString& containerName, const QString& control)
{
    for (const ControlResult& r : run.results)
        if (r.containerName == containerName && r.controlId == control)
            return &r;
    return nullptr;
}

} // namespace

class TestAuditControllerLab final : public QObject {
    Q_OBJECT

    DockerTestDaemon m_dockerd;
    std::unique_ptr<AuditController> m_controller;
    std::unique_ptr<QSignalSpy> m_updates;
    std::unique_ptr<QSignalSpy> m_states;
    HeatmapModel m_heatmap;

    // The first update from `from` on whose run satisfies `match`, or nullopt after the timeout.
    std::optional<AuditRun> waitForRun(qsizetype from, const std::function<bool(const AuditRun&)>& match, int timeoutMs = 60000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            for (qsizetype i = from; i < m_updates->size(); ++i) {
                const auto run = m_updates->at(i).at(0).value<AuditRun>();
                if (match(run))
                    return run;
            }
            if (t.elapsed() > timeoutMs)
                return std::nullopt;
            m_updates->wait(1000);
        }
    }

    int waitForState(WatchState state, qsizetype from, int timeoutMs = 60000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            for (qsizetype i = from; i < m_states->size(); ++i)
                if (m_states->at(i).at(1).value<WatchState>() == state)
                    return int(i);
            if (t.elapsed() > timeoutMs)
                return -1;
            m_states->wait(1000);
        }
    }

    // The heatmap as the window shows it, fed the amended run.
    std::optional<ControlStatus> cell(const AuditRun& run, const QString& container, const QString& control)
    {
        m_heatmap.setRun(std::make_shared<const AuditRun>(run));
        const int row = m_heatmap.rowOfContainer(QStringLiteral("local-1"), container);
        if (row < 0)
            return std::nullopt;
        return m_heatmap.statusAt(row, m_heatmap.columnOfControl(control) - HeatmapModel::FirstControlColumn);
    }

private slots:
    void initTestCase()
    {
        registerMetaTypes();
        if (!AuditController::isAvailable())
            QSKIP("this build has no audit engine");
        if (!DockerTestDaemon::available())
            QSKIP("needs root, /usr/sbin/dockerd, docker and busybox");
        const QString error = m_dockerd.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!m_dockerd.runSleeper(QStringLiteral("bwt-ac-writable")).isEmpty());
        new QAbstractItemModelTester(&m_heatmap, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void auditThenFollow()
    {
        HostEntry host;
        host.name = QStringLiteral("local-1");
        host.url = QStringLiteral("unix://") + m_dockerd.socket();
        host.transport = HostEntry::Transport::Unix;
        host.unixPath = m_dockerd.socket();
        FleetConfig fleet;
        fleet.hosts = {host};
        m_controller = std::make_unique<AuditController>();
        WatchOptions o;
        o.backoff.initialMs = 200;
        o.backoff.maxMs = 1000;
        o.quietMs = 100;
        o.healthCheckMs = 2000;
        m_controller->setWatchOptions(o);
        m_controller->setFleet(fleet);
        m_controller->setWatchMode(true);
        m_updates = std::make_unique<QSignalSpy>(m_controller.get(), &AuditController::runUpdated);
        m_states = std::make_unique<QSignalSpy>(m_controller.get(), &AuditController::hostWatchStateChanged);
        QSignalSpy finished(m_controller.get(), &AuditController::finished);
        m_controller->start();
        QVERIFY(finished.wait(120000));
        const auto run = finished.at(0).at(0).value<AuditRun>();
        QCOMPARE(cell(run, QStringLiteral("bwt-ac-writable"), QStringLiteral("REQ-HARD-03")), ControlStatus::Fail);

        QVERIFY2(waitForState(WatchState::Watching, 0) >= 0, "watch mode does not follow the audited host");
        QVERIFY(m_controller->isFollowingEvents());
        QCOMPARE(m_controller->hostWatchState(QStringLiteral("local-1")), WatchState::Watching);
    }

    void newContainerAppearsWithItsVerdicts()
    {
        const qsizetype from = m_updates->size();
        QVERIFY(!m_dockerd.runSleeper(QStringLiteral("bwt-ac-readonly"), {QStringLiteral("--read-only")}).isEmpty());
        const auto run = waitForRun(from, [](const AuditRun& r) {
            const ControlResult* v = verdict(r, QStringLiteral("bwt-ac-readonly"), QStringLiteral("REQ-HARD-03"));
            return v && v->status == ControlStatus::Pass;
        });
        QVERIFY2(run, "the new container did not reach the run");
        QCOMPARE(cell(*run, QStringLiteral("bwt-ac-readonly"), QStringLiteral("REQ-HARD-03")), ControlStatus::Pass);
        QCOMPARE(cell(*run, QStringLiteral("bwt-ac-readonly"), QStringLiteral("SEC-02")), ControlStatus::Fail);
        // The untouched container keeps its row and verdicts.
        QCOMPARE(cell(*run, QStringLiteral("bwt-ac-writable"), QStringLiteral("REQ-HARD-03")), ControlStatus::Fail);
    }

    void removedContainerLeavesTheHeatmap()
    {
        const qsizetype from = m_updates->size();
        QCOMPARE(m_dockerd.docker({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("bwt-ac-readonly")}).first, 0);
        const auto run = waitForRun(from, [](const AuditRun& r) {
            return !verdict(r, QStringLiteral("bwt-ac-readonly"), QStringLiteral("REQ-HARD-03"));
        });
        QVERIFY2(run, "the removed container is still in the run");
        QVERIFY(!cell(*run, QStringLiteral("bwt-ac-readonly"), QStringLiteral("REQ-HARD-03")));
        QVERIFY(cell(*run, QStringLiteral("bwt-ac-writable"), QStringLiteral("REQ-HARD-03")));
    }

    void droppedHostShowsReconnectingAndIsRescanned()
    {
        const qsizetype statesFrom = m_states->size();
        m_dockerd.stop();
        const int rec = waitForState(WatchState::Reconnecting, statesFrom);
        QVERIFY2(rec >= 0, "the stopped engine is not shown as reconnecting");
        QVERIFY(!m_states->at(rec).at(2).toString().isEmpty()); // the reason
        QCOMPARE(m_controller->hostWatchState(QStringLiteral("local-1")), WatchState::Reconnecting);

        const qsizetype from = m_updates->size();
        const QString error = m_dockerd.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(waitForState(WatchState::Watching, rec) >= 0);
        // The rescan sees what the restart did: the sleeper was stopped with the engine.
        const auto run = waitForRun(from, [](const AuditRun& r) {
            const auto& hosts = r.fleet.hosts;
            return !hosts.isEmpty() && hosts[0].findContainer(QStringLiteral("bwt-ac-writable"))
                && !hosts[0].findContainer(QStringLiteral("bwt-ac-writable"))->isRunning();
        });
        QVERIFY2(run, "no full refresh after the reconnect");
        QCOMPARE(cell(*run, QStringLiteral("bwt-ac-writable"), QStringLiteral("REQ-HARD-03")), ControlStatus::Fail);
    }

    void watchModeOffStopsFollowing()
    {
        QSignalSpy stopped(m_controller.get(), &AuditController::eventsStopped);
        m_controller->setWatchMode(false);
        QVERIFY(stopped.wait(20000));
        QVERIFY(!m_controller->isFollowingEvents());
        QCOMPARE(m_controller->hostWatchState(QStringLiteral("local-1")), WatchState::Stopped);
        const qsizetype updates = m_updates->size();
        QVERIFY(!m_dockerd.runSleeper(QStringLiteral("bwt-ac-late")).isEmpty());
        QVERIFY(!m_updates->wait(1500));
        QCOMPARE(m_updates->size(), updates);
    }

    void cleanupTestCase()
    {
        m_controller.reset();
        m_dockerd.stop();
    }
};

QTEST_MAIN(TestAuditControllerLab)
#include "tst_auditcontroller_lab.moc"
