// SPDX-License-Identifier: GPL-3.0-or-later
// Planning without a host: where a container comes from, which file each fix goes to in a
// multi-file project, the path checks on untrusted labels, and advice for non-compose containers.
#include "remediation/remediationengine.h"
#include "remediation/remediationplan.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

using namespace bulwark;

namespace {

ComposeFile dataFile(const QString& name)
{
    QFile f(QStringLiteral(BULWARK_TEST_DATA "/compose/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    ComposeFile c;
    c.path = QStringLiteral("/srv/proj/") + name.section(QLatin1Char('/'), -1);
    c.content = f.readAll();
    c.sha256 = QCryptographicHash::hash(c.content, QCryptographicHash::Sha256).toHex();
    return c;
}

} // namespace

class TestRemediationPlan final : public QObject {
    Q_OBJECT
private slots:
    void originFromLabels();
    void multiFileProjectGetsOnePatchPerFile();
    void failedFixesAreReportedNotApplied();
    void pathChecks_data();
    void pathChecks();
    void nonComposeContainerGetsDockerRunAdvice();
    void chmodAdviceQuotesPaths();
    void unfixableControlsAreNamed();
};

void TestRemediationPlan::originFromLabels()
{
    ContainerSnapshot c;
    QVERIFY(!composeOriginOf(c));
    c.labels = {{QStringLiteral("com.docker.compose.project"), QStringLiteral("edge")},
                {QStringLiteral("com.docker.compose.service"), QStringLiteral("proxy")},
                {QStringLiteral("com.docker.compose.project.working_dir"), QStringLiteral("/srv/edge")},
                {QStringLiteral("com.docker.compose.project.config_files"),
                 QStringLiteral("/srv/edge/docker-compose.yml,override.yml")}};
    const auto o = composeOriginOf(c);
    QVERIFY(o);
    QCOMPARE(o->project, QStringLiteral("edge"));
    QCOMPARE(o->service, QStringLiteral("proxy"));
    QCOMPARE(o->configFiles, (QStringList{QStringLiteral("/srv/edge/docker-compose.yml"), QStringLiteral("/srv/edge/override.yml")}));
}

void TestRemediationPlan::multiFileProjectGetsOnePatchPerFile()
{
    const ComposeFile base = dataFile(QStringLiteral("multi/compose.yml"));
    const ComposeFile override = dataFile(QStringLiteral("multi/compose.override.yml"));
    ComposeOrigin origin{QStringLiteral("proj"), QStringLiteral("app"), QStringLiteral("/srv/proj"), {base.path, override.path}};
    const RemediationPlan plan = planComposeFixes(
        origin, {base, override},
        {{QStringLiteral("app"), {FixKind::NoNewPrivileges, FixKind::RemoveHostNamespaces, FixKind::LoopbackPorts, FixKind::CapDropAll}}},
        {});
    QVERIFY2(plan.errors.isEmpty(), qPrintable(plan.errors.join(QLatin1Char('\n'))));
    QCOMPARE(plan.patches.size(), 2);
    // pid and ports live in the base file; security_opt in the override; the new cap_drop goes to the
    // override (the last file defining the service, which Compose merges last).
    const FilePatch& b = plan.patches[0];
    const FilePatch& o = plan.patches[1];
    QCOMPARE(b.path, base.path);
    QCOMPARE(b.fixes, (QList<FixKind>{FixKind::RemoveHostNamespaces, FixKind::LoopbackPorts}));
    QCOMPARE(o.fixes, (QList<FixKind>{FixKind::NoNewPrivileges, FixKind::CapDropAll}));
    QVERIFY(b.diff.startsWith(QLatin1String("--- a/srv/proj/compose.yml\n+++ b/srv/proj/compose.yml\n")));
    QVERIFY(b.diff.contains(QLatin1String("-    pid: host\n")));
    QVERIFY(o.diff.contains(QLatin1String("+      - no-new-privileges:true\n")));
    QCOMPARE(b.beforeSha256, base.sha256);
    QCOMPARE(plan.services(), QStringList{QStringLiteral("app")});
    QVERIFY(plan.canApply());
    QVERIFY(plan.diff().contains(b.diff) && plan.diff().contains(o.diff));
}

void TestRemediationPlan::failedFixesAreReportedNotApplied()
{
    const ComposeFile basic = dataFile(QStringLiteral("basic.yml"));
    ComposeOrigin origin{QStringLiteral("p"), QStringLiteral("web"), QStringLiteral("/srv/proj"), {basic.path}};
    const RemediationPlan plan =
        planComposeFixes(origin, {basic}, {{QStringLiteral("web"), {FixKind::BindMount, FixKind::CapDropAll}}}, {});
    QCOMPARE(plan.errors.size(), 1);
    QVERIFY(plan.errors.constFirst().startsWith(QLatin1String("bind-mount (ST-01): ")));
    QVERIFY(plan.hasChanges());
    QVERIFY(!plan.canApply()); // a partial fix is never applied silently
}

void TestRemediationPlan::pathChecks_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("error");
    QTest::newRow("ok") << QByteArray("regular file|644|0:0\n/srv/proj/compose.yml\n/srv/proj\n") << QString();
    QTest::newRow("symlink") << QByteArray("symlink\n") << QStringLiteral("symbolic link");
    QTest::newRow("directory") << QByteArray("directory|755|0:0\n/srv/proj/compose.yml\n/srv/proj\n")
                               << QStringLiteral("not a regular file");
    QTest::newRow("parent symlink leads outside") << QByteArray("regular file|644|0:0\n/etc/compose.yml\n/srv/proj\n")
                                                  << QStringLiteral("outside the project's working directory");
    QTest::newRow("sibling prefix is not inside") << QByteArray("regular file|644|0:0\n/srv/project2/compose.yml\n/srv/proj\n")
                                                  << QStringLiteral("outside");
    QTest::newRow("garbage") << QByteArray("what\n") << QStringLiteral("cannot check");
}

void TestRemediationPlan::pathChecks()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, error);
    auto r = checkComposePath(QStringLiteral("/srv/proj/compose.yml"), QStringLiteral("/srv/proj"), output);
    if (error.isEmpty()) {
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->first, QStringLiteral("644"));
    } else {
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(error), qPrintable(r.errorMessage()));
        QVERIFY(r.errorMessage().contains(QLatin1String("/srv/proj/compose.yml")));
    }
}

void TestRemediationPlan::nonComposeContainerGetsDockerRunAdvice()
{
    ContainerSnapshot c;
    c.name = QStringLiteral("debug-toolbox");
    c.pidMode = QStringLiteral("host");
    c.capAdd = {QStringLiteral("SYS_PTRACE"), QStringLiteral("CHOWN")};
    c.portBindings = {{QStringLiteral("80/tcp"), QString(), QStringLiteral("8080")},
                      {QStringLiteral("81/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("8081")}};
    const QStringList flags = dockerRunAdvice(
        c, {FixKind::NoNewPrivileges, FixKind::DropPrivileges, FixKind::LoopbackPorts, FixKind::RemoveHostNamespaces}, {});
    QCOMPARE(flags, (QStringList{QStringLiteral("--security-opt no-new-privileges:true"), QStringLiteral("drop --cap-add SYS_PTRACE"),
                                 QStringLiteral("-p 127.0.0.1:8080:80/tcp"), QStringLiteral("drop --pid host")}));
}

void TestRemediationPlan::chmodAdviceQuotesPaths()
{
    const QStringList a = chmodAdvice({QStringLiteral("/srv/tls/edge.key"), QStringLiteral("/srv/my data")});
    QCOMPARE(a.size(), 2);
    QVERIFY(a[0].startsWith(QLatin1String("chmod go-rwx /srv/tls/edge.key")));
    QVERIFY(a[1].startsWith(QLatin1String("chmod go-rwx '/srv/my data'")));
}

void TestRemediationPlan::unfixableControlsAreNamed()
{
    QStringList unfixable;
    const auto kinds = fixesForControls({QStringLiteral("OBS-01"), QStringLiteral("SEC-01"), QStringLiteral("AC-HARD-01"),
                                         QStringLiteral("REQ-HARD-02")},
                                        &unfixable);
    QCOMPARE(kinds, QList<FixKind>{FixKind::NoNewPrivileges});
    QCOMPARE(unfixable, (QStringList{QStringLiteral("OBS-01"), QStringLiteral("REQ-HARD-02")}));
}

QTEST_GUILESS_MAIN(TestRemediationPlan)
#include "tst_remediationplan.moc"
