// SPDX-License-Identifier: GPL-3.0-or-later
// The Auditor without a lab: configuration errors come back as failed() naming file, line and
// column; an empty fleet still yields a run with the fleet-scope verdicts.
#include "audit/auditor.h"
#include "model/metatypes.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;

class TestAuditor final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { registerMetaTypes(); qRegisterMetaType<AuditOptions>(); }
    void brokenPolicyFails();
    void brokenWaiverFileFails();
    void emptyFleetGivesFleetVerdicts();
};

void TestAuditor::brokenPolicyFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("schema: bulwark.policy/v1\nid: X\ncontrols:\n  - id: SEC-01\n    severity: dire\n");
    f.close();
    Auditor auditor;
    QSignalSpy failed(&auditor, &Auditor::failed);
    QSignalSpy finished(&auditor, &Auditor::finished);
    AuditOptions o;
    o.policyPath = path;
    auditor.run(FleetConfig{}, o);
    QVERIFY(failed.wait(5000));
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.startsWith(path + QLatin1String(":5:15:")), qPrintable(message));
    QCOMPARE(finished.size(), 0);
    QVERIFY(!auditor.isRunning());
}

void TestAuditor::brokenWaiverFileFails()
{
    Auditor auditor;
    QSignalSpy failed(&auditor, &Auditor::failed);
    AuditOptions o;
    o.waiversPath = QStringLiteral("/nonexistent/waivers.yaml");
    auditor.run(FleetConfig{}, o);
    QVERIFY(failed.wait(5000));
    QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("/nonexistent/waivers.yaml")),
             qPrintable(failed.at(0).at(0).toString()));
}

void TestAuditor::emptyFleetGivesFleetVerdicts()
{
    Auditor auditor;
    QSignalSpy finished(&auditor, &Auditor::finished);
    auditor.run(FleetConfig{}, AuditOptions{});
    QVERIFY(auditor.isRunning());
    QVERIFY(finished.wait(10000));
    const auto run = finished.at(0).at(0).value<AuditRun>();
    QCOMPARE(run.policy.id, QStringLiteral("SPEC-INFRA-04"));
    QCOMPARE(run.controls.size(), 15);
    QCOMPARE(run.results.size(), 2); // NFR-OBS-01 and AC-HARD-03
    for (const auto& r : run.results) {
        QCOMPARE(r.status, ControlStatus::Unknown);
        QVERIFY2(r.reason.contains(QLatin1String("not probed")), qPrintable(r.reason));
    }
    QVERIFY(!auditor.isRunning());
}

QTEST_GUILESS_MAIN(TestAuditor)
#include "tst_auditor.moc"
