// SPDX-License-Identifier: GPL-3.0-or-later
// The Auditor without a lab: configuration errors come back as failed() naming file, line and
// column; an empty fleet still yields a run with the fleet-scope verdicts.
#include "audit/auditor.h"
#include "model/metatypes.h"
#include "remediation/remediationlog.h"

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
    void remediationsOfTheFleetAreReported();
    void missingRemediationLogIsNotCreated();
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

// What was fixed belongs in the audit: the log's records for the fleet's hosts within the period
// reach the run (and so every report), others do not.
void TestAuditor::remediationsOfTheFleetAreReported()
{
    QTemporaryDir dir;
    const QString logPath = dir.filePath(QStringLiteral("remediation.sqlite"));
    {
        RemediationLog log;
        QVERIFY(log.open(logPath).ok());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto record = [](const QString& host, const QDateTime& when, const QString& outcome) {
            RemediationRecord r;
            r.timestamp = when;
            r.user = QStringLiteral("ops");
            r.hostName = host;
            r.filePath = QStringLiteral("/srv/infra/docker-compose.yml");
            r.service = QStringLiteral("loki");
            r.controls = {QStringLiteral("SEC-01")};
            r.diff = QStringLiteral("+    security_opt: [no-new-privileges:true]\n");
            r.outcome = outcome;
            return r;
        };
        QVERIFY(log.add(record(QStringLiteral("edge-1"), now.addSecs(-3600), QStringLiteral("applied"))).ok());
        QVERIFY(log.add(record(QStringLiteral("other-fleet"), now.addSecs(-60), QStringLiteral("applied"))).ok());
        QVERIFY(log.add(record(QStringLiteral("edge-1"), now.addDays(-90), QStringLiteral("rolled_back"))).ok());
    }
    FleetConfig fleet;
    HostEntry host;
    host.name = QStringLiteral("edge-1");
    host.url = QStringLiteral("unix://") + dir.filePath(QStringLiteral("no-engine.sock"));
    host.unixPath = dir.filePath(QStringLiteral("no-engine.sock"));
    fleet.hosts.append(host);

    Auditor auditor;
    QSignalSpy finished(&auditor, &Auditor::finished);
    AuditOptions o;
    o.remediationLogPath = logPath;
    auditor.run(fleet, o);
    QVERIFY(finished.wait(30000));
    const auto run = finished.at(0).at(0).value<AuditRun>();
    QCOMPARE(run.remediations.size(), 1);
    QCOMPARE(run.remediations.at(0).hostName, QStringLiteral("edge-1"));
    QCOMPARE(run.remediations.at(0).outcome, QStringLiteral("applied"));
    QCOMPARE(run.remediations.at(0).controls, QStringList{QStringLiteral("SEC-01")});
}

void TestAuditor::missingRemediationLogIsNotCreated()
{
    QTemporaryDir dir;
    const QString logPath = dir.filePath(QStringLiteral("absent.sqlite"));
    Auditor auditor;
    QSignalSpy finished(&auditor, &Auditor::finished);
    AuditOptions o;
    o.remediationLogPath = logPath;
    auditor.run(FleetConfig{}, o);
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.at(0).at(0).value<AuditRun>().remediations.isEmpty());
    QVERIFY2(!QFile::exists(logPath), "an audit must not create a remediation log as a side effect");
}

QTEST_GUILESS_MAIN(TestAuditor)
#include "tst_auditor.moc"
