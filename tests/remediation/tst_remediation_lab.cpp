// SPDX-License-Identifier: GPL-3.0-or-later
// LAB: remediation applied for real with docker-compose on a lab host. Every test deploys its OWN
// throwaway compose project in a temporary directory under the lab directory (unique project name)
// and removes its containers, networks and volumes at the end, even when it fails. The shared
// example stacks are never touched.
#include "../common/labenv.h"

#include "docker/dockerclient.h"
#include "docker/snapshotparser.h"
#include "fleet/fleetfile.h"
#include "model/metatypes.h"
#include "remediation/remediationjob.h"
#include "remediation/remediationlog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace bulwark;

namespace {

struct HostFiles {
    QByteArray bytes;
    QFile::Permissions permissions;
    QStringList dirEntries;
};

struct ContainerConfig {
    QString state;
    QStringList securityOpt;
    QStringList capAdd;
    QStringList capDrop;
    qint64 memory = 0;
    bool readOnly = false;
    QString pidMode;
    QList<PortBinding> ports;
    QStringList networks;
    bool operator==(const ContainerConfig& o) const
    {
        return state == o.state && securityOpt == o.securityOpt && capAdd == o.capAdd && capDrop == o.capDrop
               && memory == o.memory && readOnly == o.readOnly && pidMode == o.pidMode && ports == o.ports
               && networks == o.networks;
    }
};

QString describe(const ContainerConfig& c)
{
    QStringList nets = c.networks;
    return QStringLiteral("state=%1 secopt=%2 capadd=%3 capdrop=%4 mem=%5 ro=%6 pid=%7 ports=%8 nets=%9")
        .arg(c.state, c.securityOpt.join(QLatin1Char(',')), c.capAdd.join(QLatin1Char(',')), c.capDrop.join(QLatin1Char(',')))
        .arg(c.memory)
        .arg(c.readOnly)
        .arg(c.pidMode)
        .arg(c.ports.size())
        .arg(nets.join(QLatin1Char(',')));
}

} // namespace

class TestRemediationLab final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyFixAppliedAndVerified();
    void failuresLeaveTheHostAsItWas_data();
    void failuresLeaveTheHostAsItWas();
    void asyncJobReportsProgress();

private:
    QString deploy(const QByteArray& compose, const QString& fileName = QStringLiteral("compose.yml"));
    void teardown(const QString& project);
    Result<ContainerSnapshot> serviceContainer(const QString& project, const QString& service);
    ContainerConfig config(const QString& project, const QString& service);
    HostFiles files(const QString& path);
    QByteArray violatingCompose(int port) const;
    int freePort();
    bool compose(const QString& project, const QString& file, const QStringList& args, QString* output = nullptr);

    std::optional<test::LabEnv> m_lab;
    HostEntry m_host;
    QString m_socket; // the lab engine's socket, for the test's own checks
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_projects;
    QString m_logPath;
    int m_nextPort = 0;
};

void TestRemediationLab::initTestCase()
{
    registerMetaTypes();
    m_lab = test::LabEnv::load();
    if (!m_lab)
        QSKIP(qPrintable(test::LabEnv::skipReason()));
    if (QStandardPaths::findExecutable(QStringLiteral("docker-compose")).isEmpty())
        QSKIP("docker-compose is not installed");
    auto fleet = FleetFile::load(m_lab->fleet);
    QVERIFY2(fleet.ok(), qPrintable(fleet.errorMessage()));
    // The last host: in the lab it runs plain containers, not the example compose stacks.
    QVERIFY(!fleet->hosts.isEmpty());
    m_host = fleet->hosts.constLast();
    m_socket = m_host.isLocal() ? m_host.unixPath : m_host.socket;
    QVERIFY2(QFileInfo::exists(m_socket), qPrintable(m_socket));
    m_nextPort = 20000 + static_cast<int>(QCoreApplication::applicationPid() % 5000) * 2;
}

void TestRemediationLab::init()
{
    m_dir = std::make_unique<QTemporaryDir>(m_lab->dir + QStringLiteral("/remed-XXXXXX"));
    QVERIFY(m_dir->isValid());
    m_logPath = m_dir->filePath(QStringLiteral("remediation.sqlite"));
}

void TestRemediationLab::cleanup()
{
    for (const QString& p : std::as_const(m_projects))
        teardown(p);
    m_projects.clear();
    m_dir.reset();
}

bool TestRemediationLab::compose(const QString& project, const QString& file, const QStringList& args, QString* output)
{
    QProcess p;
    p.setWorkingDirectory(QFileInfo(file).absolutePath());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("docker-compose"), QStringList{QStringLiteral("-H"), QStringLiteral("unix://") + m_socket,
                                                          QStringLiteral("-p"), project, QStringLiteral("-f"), file} + args);
    p.waitForFinished(180000);
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString TestRemediationLab::deploy(const QByteArray& text, const QString& fileName)
{
    const QString project = QStringLiteral("bwremed") + QUuid::createUuid().toString(QUuid::Id128).left(10);
    m_projects << project;
    const QString path = m_dir->filePath(fileName);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    f.close();
    QString out;
    if (!compose(project, path, {QStringLiteral("up"), QStringLiteral("-d")}, &out)) {
        qWarning().noquote() << "deploy failed:" << out;
        return {};
    }
    // Running and stable before the test starts.
    bool ok = QTest::qWaitFor([&] {
        auto c = serviceContainer(project, QStringLiteral("app"));
        return c && c->isRunning();
    }, 30000);
    return ok ? project : QString();
}

void TestRemediationLab::teardown(const QString& project)
{
    // By label only: never the lab's own containers or networks (infra_net stays even if the project used it).
    auto run = [this](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral("docker"), QStringList{QStringLiteral("-H"), QStringLiteral("unix://") + m_socket} + args);
        p.waitForFinished(60000);
        return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    const QString filter = QStringLiteral("label=com.docker.compose.project=") + project;
    const QStringList containers = run({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--filter"), filter});
    if (!containers.isEmpty())
        run(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + containers);
    const QStringList networks = run({QStringLiteral("network"), QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"), filter});
    if (!networks.isEmpty())
        run(QStringList{QStringLiteral("network"), QStringLiteral("rm")} + networks);
    const QStringList volumes = run({QStringLiteral("volume"), QStringLiteral("ls"), QStringLiteral("-q"), QStringLiteral("--filter"), filter});
    if (!volumes.isEmpty())
        run(QStringList{QStringLiteral("volume"), QStringLiteral("rm"), QStringLiteral("-f")} + volumes);
}

Result<ContainerSnapshot> TestRemediationLab::serviceContainer(const QString& project, const QString& service)
{
    LocalCommandRunner runner;
    RemediationEngine engine(runner, m_host.name, m_socket, m_socket);
    return engine.findServiceContainer(project, service);
}

ContainerConfig TestRemediationLab::config(const QString& project, const QString& service)
{
    ContainerConfig cfg;
    auto c = serviceContainer(project, service);
    if (!c)
        return cfg;
    cfg.state = c->state;
    cfg.securityOpt = c->securityOpt;
    cfg.capAdd = c->capAdd;
    cfg.capDrop = c->capDrop;
    cfg.memory = c->memoryLimitBytes;
    cfg.readOnly = c->readonlyRootfs;
    cfg.pidMode = c->pidMode;
    cfg.ports = c->portBindings;
    for (const auto& n : c->networks)
        cfg.networks << n.name;
    cfg.networks.sort();
    return cfg;
}

HostFiles TestRemediationLab::files(const QString& path)
{
    HostFiles h;
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        h.bytes = f.readAll();
    h.permissions = QFileInfo(path).permissions();
    h.dirEntries = QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    h.dirEntries.removeAll(QStringLiteral("remediation.sqlite"));
    return h;
}

int TestRemediationLab::freePort() { return m_nextPort++; }

QByteArray TestRemediationLab::violatingCompose(int port) const
{
    return QStringLiteral(
               "# Throwaway project of tst_remediation_lab: every remediable control fails.\n"
               "version: \"2.4\"\n"
               "services:\n"
               "  app:\n"
               "    image: bulwark/busybox:lab\n"
               "    command: [\"sh\", \"-c\", \"exec sleep 3600\"]  # stays up, writes nothing\n"
               "    labels:\n"
               "      io.hy-home.tier: infra\n"
               "      io.hy-home.template: template-infra-high\n"
               "    pid: host        # REQ-HARD-01\n"
               "    cap_add:\n"
               "      - SYS_ADMIN    # NFR-SEC-01\n"
               "      - CHOWN\n"
               "    security_opt:\n"
               "      - no-new-privileges:false\n"
               "    read_only: false\n"
               "    mem_limit: 4g\n"
               "    ports:\n"
               "      - \"127.0.0.2:%1:80\"\n"
               "      - \"%2:81\"\n"
               "    volumes:\n"
               "      - appdata:/data\n"
               "volumes:\n"
               "  appdata: {}\n")
        .arg(port)
        .arg(port + 1)
        .toUtf8();
}

void TestRemediationLab::everyFixAppliedAndVerified()
{
    const QString project = deploy(violatingCompose(freePort() + 100));
    QVERIFY(!project.isEmpty());
    const QString composePath = m_dir->filePath(QStringLiteral("compose.yml"));
    QFile::setPermissions(composePath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    const QByteArray original = files(composePath).bytes;
    auto before = serviceContainer(project, QStringLiteral("app"));
    QVERIFY(before.ok());

    const QString bindDir = m_dir->filePath(QStringLiteral("appdata"));
    QVERIFY(QDir().mkpath(bindDir));
    PreviewRequest request;
    request.container = before->name;
    request.options.bindSources.insert(QStringLiteral("appdata"), bindDir);
    auto plan = RemediationService::preview(m_host, request);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QVERIFY2(plan->errors.isEmpty(), qPrintable(plan->errors.join(QLatin1Char('\n'))));
    for (const QString& id : {QStringLiteral("REQ-HARD-01"), QStringLiteral("NFR-SEC-01"), QStringLiteral("SEC-01"),
                             QStringLiteral("SEC-02"), QStringLiteral("REQ-HARD-03"), QStringLiteral("AC-HARD-02"),
                             QStringLiteral("INF-01"), QStringLiteral("INF-02"), QStringLiteral("ST-01")})
        QVERIFY2(plan->controls.contains(id), qPrintable(id + QStringLiteral(" not planned: ") + plan->controls.join(QLatin1Char(' '))));
    QVERIFY(plan->canApply());
    QCOMPARE(plan->patches.size(), 1);
    QVERIFY(plan->diff().contains(QLatin1String("-    pid: host")));

    ApplyOptions options;
    const ApplyResult result = RemediationService::apply(m_host, *plan, options, {}, m_logPath);
    QVERIFY2(result.ok, qPrintable(result.message + QStringLiteral("\n") + result.steps.join(QLatin1Char('\n'))));
    QCOMPARE(result.outcome, QStringLiteral("applied"));

    // Every control the fixes address now passes on the recreated container.
    QStringList failing;
    for (const auto& v : result.verdicts) {
        if (v.controlId == QLatin1String("ST-02"))
            continue; // advice only: chmod on the host
        if (v.after != ControlStatus::Pass && v.after != ControlStatus::NotApplicable)
            failing << v.controlId + QLatin1Char(' ') + controlStatusName(v.after) + QLatin1Char(' ') + v.evidenceAfter;
    }
    QVERIFY2(failing.isEmpty(), qPrintable(failing.join(QLatin1Char('\n'))));
    int verifiedFails = 0;
    for (const auto& v : result.verdicts)
        verifiedFails += v.before == ControlStatus::Fail ? 1 : 0;
    QVERIFY2(verifiedFails >= 9, qPrintable(QString::number(verifiedFails)));

    // The file: changed as previewed, mode kept; the backup is the original, owner-only.
    HostFiles after = files(composePath);
    QCOMPARE(after.bytes, plan->patches.constFirst().after);
    // 0640 as set before the apply (QFile's "User" bits are the owner's when we own the file).
    QCOMPARE(int(after.permissions & 0x0777), int(QFile::ReadUser | QFile::WriteUser | QFile::ReadGroup));
    QCOMPARE(result.backups.size(), 1);
    QFile backup(result.backups.constFirst());
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), original);
    QCOMPARE(int(QFileInfo(backup).permissions() & 0x0777), int(QFile::ReadUser | QFile::WriteUser)); // 0600
    QVERIFY(after.bytes.contains("# Throwaway project of tst_remediation_lab"));

    // Fixing the fixed file is a no-op.
    request.container = serviceContainer(project, QStringLiteral("app"))->name;
    auto again = RemediationService::preview(m_host, request);
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QVERIFY2(!again->hasChanges(), qPrintable(again->diff()));

    // Recorded in the log.
    RemediationLog log;
    QVERIFY(log.open(m_logPath).ok());
    auto records = log.records(m_host.name);
    QVERIFY(records.ok());
    QCOMPARE(records->size(), 1);
    QCOMPARE(records->constFirst().outcome, QStringLiteral("applied"));
    QCOMPARE(records->constFirst().filePath, composePath);
    QVERIFY(records->constFirst().diff.contains(QLatin1String("+      - no-new-privileges:true")));
}

void TestRemediationLab::failuresLeaveTheHostAsItWas_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("expectedOutcome");
    QTest::addColumn<QString>("messagePattern");
    QTest::newRow("broken YAML") << QStringLiteral("broken") << QString() << QStringLiteral("not valid YAML");
    QTest::newRow("changed between preview and apply") << QStringLiteral("changed") << QStringLiteral("refused")
                                                       << QStringLiteral("changed on .* since the preview");
    QTest::newRow("failing up") << QStringLiteral("failingUp") << QStringLiteral("rolled_back")
                                << QStringLiteral("Starting the patched service failed|did not come up");
    QTest::newRow("symlinked compose path") << QStringLiteral("symlink") << QString() << QStringLiteral("symbolic link");
}

void TestRemediationLab::failuresLeaveTheHostAsItWas()
{
    QFETCH(QString, mode);
    QFETCH(QString, expectedOutcome);
    QFETCH(QString, messagePattern);

    const QByteArray text = violatingCompose(freePort() + 300);
    QString composePath = m_dir->filePath(QStringLiteral("compose.yml"));
    QString project;
    if (mode == QLatin1String("symlink")) {
        // The label names a symlink to a file elsewhere: compose reads it, Bulwark must not touch it.
        QTemporaryDir elsewhere(m_lab->dir + QStringLiteral("/remed-elsewhere-XXXXXX"));
        QVERIFY(elsewhere.isValid());
        const QString real = elsewhere.filePath(QStringLiteral("real.yml"));
        QFile f(real);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        QVERIFY(QFile::link(real, composePath));
        project = QStringLiteral("bwremed") + QUuid::createUuid().toString(QUuid::Id128).left(10);
        m_projects << project;
        QString out;
        QVERIFY2(compose(project, composePath, {QStringLiteral("up"), QStringLiteral("-d")}, &out), qPrintable(out));
        QVERIFY(QTest::qWaitFor([&] { return config(project, QStringLiteral("app")).state == QLatin1String("running"); }, 30000));
        const HostFiles realBefore = files(real);
        const ContainerConfig cfgBefore = config(project, QStringLiteral("app"));
        const QString containerId = serviceContainer(project, QStringLiteral("app"))->id;
        PreviewRequest request;
        request.container = containerId;
        auto plan = RemediationService::preview(m_host, request);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.errorMessage().contains(QRegularExpression(messagePattern)), qPrintable(plan.errorMessage()));
        QVERIFY(plan.errorMessage().contains(composePath));
        QCOMPARE(files(real).bytes, realBefore.bytes);
        QCOMPARE(files(real).dirEntries, realBefore.dirEntries);
        QCOMPARE(QFileInfo(composePath).symLinkTarget(), real);
        QCOMPARE(serviceContainer(project, QStringLiteral("app"))->id, containerId);
        QVERIFY2(config(project, QStringLiteral("app")) == cfgBefore, qPrintable(describe(config(project, QStringLiteral("app")))));
        return;
    }

    project = deploy(text);
    QVERIFY(!project.isEmpty());
    const QString containerId = serviceContainer(project, QStringLiteral("app"))->id;
    const ContainerConfig cfgBefore = config(project, QStringLiteral("app"));

    if (mode == QLatin1String("broken")) {
        QFile f(composePath);
        QVERIFY(f.open(QIODevice::Append));
        f.write("  oops: [unclosed\n");
        f.close();
        const HostFiles before = files(composePath);
        PreviewRequest request;
        request.container = containerId;
        auto plan = RemediationService::preview(m_host, request);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.errorMessage().contains(QRegularExpression(messagePattern)), qPrintable(plan.errorMessage()));
        QVERIFY2(plan.errorMessage().contains(composePath + QLatin1Char(':')), qPrintable(plan.errorMessage()));
        const HostFiles after = files(composePath);
        QCOMPARE(after.bytes, before.bytes);
        QCOMPARE(after.permissions, before.permissions);
        QCOMPARE(after.dirEntries, before.dirEntries);
        QCOMPARE(serviceContainer(project, QStringLiteral("app"))->id, containerId);
        QVERIFY(config(project, QStringLiteral("app")) == cfgBefore);
        return;
    }

    PreviewRequest request;
    request.container = containerId;
    request.controls = {QStringLiteral("SEC-01"), QStringLiteral("AC-HARD-02")};
    if (mode == QLatin1String("failingUp"))
        request.options.memoryValue = QStringLiteral("1m"); // valid YAML and compose, refused by the engine at create
    auto plan = RemediationService::preview(m_host, request);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QVERIFY(plan->canApply());

    if (mode == QLatin1String("changed")) {
        QFile f(composePath);
        QVERIFY(f.open(QIODevice::Append));
        f.write("# edited by someone else meanwhile\n");
        f.close();
    }
    const HostFiles before = files(composePath);
    const ApplyResult result = RemediationService::apply(m_host, *plan, ApplyOptions{}, {}, m_logPath);
    QVERIFY(!result.ok);
    QCOMPARE(result.outcome, expectedOutcome);
    QVERIFY2(result.message.contains(QRegularExpression(messagePattern)), qPrintable(result.message));

    const HostFiles after = files(composePath);
    QCOMPARE(after.bytes, before.bytes);
    QCOMPARE(after.permissions, before.permissions);
    QCOMPARE(after.dirEntries, before.dirEntries); // no backup or temp file left behind
    if (mode == QLatin1String("changed"))
        QCOMPARE(serviceContainer(project, QStringLiteral("app"))->id, containerId);
    const ContainerConfig cfgAfter = config(project, QStringLiteral("app"));
    QVERIFY2(cfgAfter == cfgBefore, qPrintable(describe(cfgBefore) + QStringLiteral("\n") + describe(cfgAfter)));

    RemediationLog log;
    QVERIFY(log.open(m_logPath).ok());
    auto records = log.records();
    QVERIFY(records.ok());
    QCOMPARE(records->size(), 1);
    QCOMPARE(records->constFirst().outcome, expectedOutcome);
}

void TestRemediationLab::asyncJobReportsProgress()
{
    const QString project = deploy(violatingCompose(freePort() + 500));
    QVERIFY(!project.isEmpty());
    RemediationJob job;
    job.setLogPath(m_logPath);
    QSignalSpy ready(&job, &RemediationJob::previewReady);
    QSignalSpy progress(&job, &RemediationJob::progress);
    QSignalSpy applied(&job, &RemediationJob::applied);
    PreviewRequest request;
    request.container = serviceContainer(project, QStringLiteral("app"))->id;
    request.controls = {QStringLiteral("SEC-01")};
    job.preview(m_host, request);
    QVERIFY(job.isRunning());
    QVERIFY(ready.wait(60000));
    const auto plan = ready.constFirst().constFirst().value<RemediationPlan>();
    QVERIFY(plan.canApply());
    QTRY_VERIFY_WITH_TIMEOUT(!job.isRunning(), 10000);
    job.apply(m_host, plan, ApplyOptions{});
    QVERIFY(applied.wait(180000));
    const auto result = applied.constFirst().constFirst().value<ApplyResult>();
    QVERIFY2(result.ok, qPrintable(result.message));
    QStringList steps;
    for (const auto& args : std::as_const(progress))
        steps << applyStepName(args.constFirst().value<ApplyStep>());
    for (const QString& s : {QStringLiteral("verify"), QStringLiteral("backup"), QStringLiteral("write"), QStringLiteral("validate"),
                            QStringLiteral("up"), QStringLiteral("wait"), QStringLiteral("rescan"), QStringLiteral("done")})
        QVERIFY2(steps.contains(s), qPrintable(steps.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestRemediationLab)
#include "tst_remediation_lab.moc"
