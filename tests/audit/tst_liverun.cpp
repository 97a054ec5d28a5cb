// SPDX-License-Identifier: GPL-3.0-or-later
// Watch mode's amendments to an audit run: a changed container's verdicts are evaluated again with
// the policy, a removed one loses its row and verdicts, a rescanned host is judged afresh; verdicts
// that need evidence only an audit gathers (ST-02 stat, OBS-01 Prometheus) stay as the audit found
// them while their inputs are unchanged.
#include "audit/liverun.h"

#include "policy/evaluator.h"

#include <QTest>

using namespace bulwark;

namespace {

ContainerSnapshot container(const QString& id, const QString& name)
{
    ContainerSnapshot c;
    c.id = id;
    c.name = name;
    c.image = QStringLiteral("busybox");
    c.state = QStringLiteral("running");
    c.networkMode = QStringLiteral("none");
    c.capDrop = {QStringLiteral("ALL")};
    c.securityOpt = {QStringLiteral("no-new-privileges:true")};
    c.readonlyRootfs = true;
    return c;
}

const ControlResult* find(const AuditRun& run, const QString& containerId, const QString& control)
{
    for (const ControlResult& r : run.results)
        if (r.containerId == containerId && r.controlId == control)
            return &r;
    return nullptr;
}

int countFor(const AuditRun& run, const QString& containerId)
{
    int n = 0;
    for (const ControlResult& r : run.results)
        n += r.containerId == containerId ? 1 : 0;
    return n;
}

} // namespace

class TestLiveRun final : public QObject {
    Q_OBJECT

    LiveRun::Evaluation m_eval;
    AuditRun m_run;

private slots:
    void init()
    {
        auto policy = PolicyFile::embedded();
        QVERIFY2(policy.ok(), qPrintable(policy.errorMessage()));
        m_eval.policy = *policy;
        m_eval.context = EvaluationContext{};
        HostSnapshot h;
        h.hostName = QStringLiteral("db-1");
        h.status = HostStatus::Ok;
        h.engine.memTotalBytes = 8LL << 30;
        ContainerSnapshot a = container(QStringLiteral("aaa"), QStringLiteral("app"));
        MountPoint m;
        m.type = QStringLiteral("bind");
        m.source = QStringLiteral("/srv/secrets");
        m.destination = QStringLiteral("/run/secrets");
        a.mounts = {m};
        a.labels.insert(QStringLiteral("io.hy-home.sensitive"), QStringLiteral("true"));
        h.containers = {a, container(QStringLiteral("bbb"), QStringLiteral("db"))};
        HostSnapshot down;
        down.hostName = QStringLiteral("down-1");
        down.status = HostStatus::Unreachable;
        m_run = AuditRun{};
        m_run.fleet.hosts = {h, down};
        // The audit saw the bind source owner-only; watch mode cannot stat it again.
        EvaluationContext auditContext = m_eval.context;
        auditContext.pathStats.insert(pathStatKey(QStringLiteral("db-1"), QStringLiteral("/srv/secrets")),
                                      PathStat{QStringLiteral("/srv/secrets"), 0700, QStringLiteral("root"), {}});
        m_run.results = Evaluator::evaluateAll(m_run.fleet, m_eval.policy, auditContext);
        QCOMPARE(find(m_run, QStringLiteral("aaa"), QStringLiteral("ST-02"))->status, ControlStatus::Pass);
        QCOMPARE(find(m_run, QStringLiteral("bbb"), QStringLiteral("REQ-HARD-03"))->status, ControlStatus::Pass);
    }

    void changedContainerIsEvaluatedAgain_data()
    {
        QTest::addColumn<QString>("control");
        QTest::addColumn<int>("expected");
        QTest::newRow("read-only root turned off") << "REQ-HARD-03" << int(ControlStatus::Fail);
        QTest::newRow("privileged") << "NFR-SEC-01" << int(ControlStatus::Fail);
        QTest::newRow("no-new-privileges dropped") << "AC-HARD-01" << int(ControlStatus::Fail);
    }
    void changedContainerIsEvaluatedAgain()
    {
        QFETCH(QString, control);
        QFETCH(int, expected);
        ContainerSnapshot b = m_run.fleet.hosts[0].containers[1];
        if (control == QLatin1String("REQ-HARD-03"))
            b.readonlyRootfs = false;
        else if (control == QLatin1String("NFR-SEC-01"))
            b.privileged = true;
        else
            b.securityOpt.clear();
        const int before = countFor(m_run, QStringLiteral("bbb"));
        const qsizetype total = m_run.results.size();
        QVERIFY(LiveRun::upsertContainer(m_run, QStringLiteral("db-1"), b, m_eval));
        QCOMPARE(int(find(m_run, QStringLiteral("bbb"), control)->status), expected);
        QCOMPARE(countFor(m_run, QStringLiteral("bbb")), before); // replaced, not duplicated
        QCOMPARE(m_run.results.size(), total);
        QCOMPARE(m_run.fleet.hosts[0].containers.size(), 2);
        QCOMPARE(m_run.fleet.hosts[0].findContainer(QStringLiteral("bbb"))->privileged, b.privileged);
    }

    void newContainerGetsARow()
    {
        ContainerSnapshot c = container(QStringLiteral("ccc"), QStringLiteral("cache"));
        c.privileged = true;
        QVERIFY(LiveRun::upsertContainer(m_run, QStringLiteral("db-1"), c, m_eval));
        QCOMPARE(m_run.fleet.hosts[0].containers.size(), 3);
        QCOMPARE(find(m_run, QStringLiteral("ccc"), QStringLiteral("NFR-SEC-01"))->status, ControlStatus::Fail);
        QCOMPARE(find(m_run, QStringLiteral("ccc"), QStringLiteral("NFR-SEC-01"))->containerName, QStringLiteral("cache"));
    }

    void auditEvidenceKeptWhileInputsAreUnchanged()
    {
        ContainerSnapshot a = m_run.fleet.hosts[0].containers[0];
        a.readonlyRootfs = false; // something else changes
        QVERIFY(LiveRun::upsertContainer(m_run, QStringLiteral("db-1"), a, m_eval));
        QCOMPARE(find(m_run, QStringLiteral("aaa"), QStringLiteral("REQ-HARD-03"))->status, ControlStatus::Fail);
        // The stat the audit made still stands: same mounts, same labels.
        QCOMPARE(find(m_run, QStringLiteral("aaa"), QStringLiteral("ST-02"))->status, ControlStatus::Pass);

        // A new bind source was never checked: unknown, never a silent pass.
        MountPoint extra;
        extra.type = QStringLiteral("bind");
        extra.source = QStringLiteral("/srv/more-secrets");
        extra.destination = QStringLiteral("/run/more");
        a.mounts.append(extra);
        QVERIFY(LiveRun::upsertContainer(m_run, QStringLiteral("db-1"), a, m_eval));
        QCOMPARE(find(m_run, QStringLiteral("aaa"), QStringLiteral("ST-02"))->status, ControlStatus::Unknown);
    }

    void removedContainerLosesItsVerdicts()
    {
        QVERIFY(countFor(m_run, QStringLiteral("bbb")) > 0);
        QVERIFY(LiveRun::removeContainer(m_run, QStringLiteral("db-1"), QStringLiteral("bbb")));
        QCOMPARE(countFor(m_run, QStringLiteral("bbb")), 0);
        QCOMPARE(m_run.fleet.hosts[0].containers.size(), 1);
        QVERIFY(!LiveRun::removeContainer(m_run, QStringLiteral("db-1"), QStringLiteral("bbb")));
    }

    void unknownOrUnscannedHostIsLeftAlone()
    {
        const AuditRun before = m_run;
        QVERIFY(!LiveRun::upsertContainer(m_run, QStringLiteral("nope"), container(QStringLiteral("x"), QStringLiteral("x")), m_eval));
        QVERIFY(!LiveRun::upsertContainer(m_run, QStringLiteral("down-1"), container(QStringLiteral("x"), QStringLiteral("x")), m_eval));
        QCOMPARE(m_run.results.size(), before.results.size());
    }

    void hostScanReplacesEverythingOfThatHost()
    {
        HostSnapshot rescanned = m_run.fleet.hosts[0];
        rescanned.containers.removeAt(1); // bbb went while we were away
        ContainerSnapshot d = container(QStringLiteral("ddd"), QStringLiteral("new"));
        d.readonlyRootfs = false;
        rescanned.containers.append(d);
        QVERIFY(LiveRun::replaceHost(m_run, rescanned, m_eval));
        QCOMPARE(countFor(m_run, QStringLiteral("bbb")), 0);
        QCOMPARE(find(m_run, QStringLiteral("ddd"), QStringLiteral("REQ-HARD-03"))->status, ControlStatus::Fail);
        QCOMPARE(find(m_run, QStringLiteral("aaa"), QStringLiteral("ST-02"))->status, ControlStatus::Pass); // unchanged: kept
        int hostScope = 0;
        for (const ControlResult& r : std::as_const(m_run.results))
            hostScope += (r.scope == ControlScope::Host && r.hostName == QLatin1String("db-1")) ? 1 : 0;
        QCOMPARE(hostScope, int(Evaluator::evaluateHost(rescanned, m_eval.policy, m_eval.context).size()));
    }
};

QTEST_GUILESS_MAIN(TestLiveRun)
#include "tst_liverun.moc"
