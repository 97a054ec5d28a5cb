// SPDX-License-Identifier: GPL-3.0-or-later
// LAB: audits the example stacks on the real lab (engines behind sshd, Prometheus) and expects
// exactly the documented deviations (resources/examples/expected-findings.tsv) to fail.
#include "../common/expectedfindings.h"
#include "../common/labenv.h"

#include "audit/auditor.h"
#include "fleet/fleetfile.h"
#include "model/metatypes.h"

#include <QSignalSpy>
#include <QTest>

using namespace bulwark;

class TestAuditorLab final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void exampleStackYieldsExactlyTheDocumentedDeviations();
    void cancelEndsTheRun();

private:
    std::optional<test::LabEnv> m_lab;
    FleetConfig m_fleet;
};

void TestAuditorLab::initTestCase()
{
    registerMetaTypes();
    m_lab = test::LabEnv::load();
    if (!m_lab)
        QSKIP(qPrintable(test::LabEnv::skipReason()));
    auto fleet = FleetFile::load(m_lab->fleet);
    QVERIFY2(fleet.ok(), qPrintable(fleet.errorMessage()));
    m_fleet = *fleet;
}

void TestAuditorLab::exampleStackYieldsExactlyTheDocumentedDeviations()
{
    Auditor auditor;
    QSignalSpy finished(&auditor, &Auditor::finished);
    QSignalSpy failed(&auditor, &Auditor::failed);
    QSignalSpy hostFinished(&auditor, &Auditor::hostFinished);
    auditor.run(m_fleet, AuditOptions{});
    QVERIFY(finished.wait(240000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(hostFinished.size(), m_fleet.hosts.size());
    const auto run = finished.at(0).at(0).value<AuditRun>();

    for (const auto& h : run.fleet.hosts)
        QVERIFY2(h.isOk(), qPrintable(h.hostName + QLatin1String(": ") + h.error));

    // The example stacks live on lab-1..3; further lab hosts run compliant agents only.
    const QSet<QString> expected = test::expectedFailures();
    QVERIFY(!expected.isEmpty());
    QSet<QString> got;
    QStringList unexpected;
    for (const auto& r : run.results) {
        if (r.status != ControlStatus::Fail)
            continue;
        const QString key = r.hostName + QLatin1Char('|') + r.containerName + QLatin1Char('|') + r.controlId;
        got.insert(key);
        if (!expected.contains(key))
            unexpected.append(key + QLatin1String(": ") + r.reason + QLatin1String(" [") + r.evidence + QLatin1Char(']'));
    }
    QStringList missing;
    for (const QString& k : expected)
        if (!got.contains(k))
            missing.append(k);
    QVERIFY2(unexpected.isEmpty(), qPrintable(QLatin1String("unexpected failures:\n") + unexpected.join(QLatin1Char('\n'))));
    QVERIFY2(missing.isEmpty(), qPrintable(QLatin1String("expected but not failing:\n") + missing.join(QLatin1Char('\n'))));

    // The evidence came from the hosts and Prometheus, not from guesses.
    bool sawStat = false, sawPrometheus = false, sawWaiver = false;
    for (const auto& r : run.results) {
        if (r.containerName == QLatin1String("infra-app") && r.controlId == QLatin1String("ST-02"))
            sawStat = r.evidence.contains(QLatin1String("orders-api/secrets 755"));
        if (r.containerName == QLatin1String("infra-node-exporter") && r.controlId == QLatin1String("OBS-01"))
            sawPrometheus = r.evidence.contains(QLatin1String("Prometheus target")) && r.status == ControlStatus::Pass;
        if (r.containerName == QLatin1String("infra-node-exporter") && r.controlId == QLatin1String("REQ-HARD-01"))
            sawWaiver = r.status == ControlStatus::Waived;
        if (r.controlId == QLatin1String("REQ-HARD-02"))
            QVERIFY2(r.status == ControlStatus::Pass, qPrintable(r.hostName + QLatin1String(": ") + r.reason));
    }
    QVERIFY(sawStat);
    QVERIFY(sawPrometheus);
    QVERIFY(sawWaiver);
}

void TestAuditorLab::cancelEndsTheRun()
{
    Auditor auditor;
    QSignalSpy finished(&auditor, &Auditor::finished);
    auditor.run(m_fleet, AuditOptions{});
    auditor.cancel();
    QVERIFY(finished.wait(120000));
    QVERIFY(!auditor.isRunning());
    // A second audit on the same object works after a cancelled one.
    auditor.run(m_fleet, AuditOptions{});
    QVERIFY(finished.wait(240000));
    const auto run = finished.at(1).at(0).value<AuditRun>();
    QVERIFY(!run.results.isEmpty());
}

QTEST_GUILESS_MAIN(TestAuditorLab)
#include "tst_auditor_lab.moc"
