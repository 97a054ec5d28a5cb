// SPDX-License-Identifier: GPL-3.0-or-later
// LAB: `bulwark-cli audit` on the real lab: JSON, SARIF, JUnit and CSV reports that their consumers
// parse, and the documented exit codes (1 findings, 0 all waived, 2 usage, 3 a host not scanned).
#include "../common/expectedfindings.h"
#include "../common/labenv.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using Json = nlohmann::json;

namespace {

struct CliResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliResult cli(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QStringLiteral(BULWARK_BINARY_DIR "/app/cli/bulwark-cli"), args);
    if (!p.waitForStarted(10000))
        return {};
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

QByteArray python(const QString& script, const QByteArray& input)
{
    QProcess p;
    p.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    p.waitForStarted();
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return p.exitCode() == 0 ? p.readAllStandardOutput().trimmed() : "ERROR " + p.readAllStandardError();
}

} // namespace

class TestAuditCliLab final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void jsonReport_data();
    void jsonReport();
    void otherFormats_data();
    void otherFormats();
    void waivingEveryFindingExitsZero();
    void expiredWaiverStillFails();
    void unreachableHostExitsThreeAndReportsTheOthers();

private:
    QString writeFile(const QString& name, const QByteArray& data);
    std::optional<bulwark::test::LabEnv> m_lab;
    QTemporaryDir m_dir;
};

void TestAuditCliLab::initTestCase()
{
    if (!QFile::exists(QStringLiteral(BULWARK_BINARY_DIR "/app/cli/bulwark-cli")))
        QSKIP("bulwark-cli is not built");
    m_lab = bulwark::test::LabEnv::load();
    if (!m_lab)
        QSKIP(qPrintable(bulwark::test::LabEnv::skipReason()));
    QVERIFY(m_dir.isValid());
}

QString TestAuditCliLab::writeFile(const QString& name, const QByteArray& data)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
    return path;
}

void TestAuditCliLab::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no fleet") << QStringList{QStringLiteral("audit")} << "--fleet FILE is required";
    QTest::newRow("bad format") << QStringList{QStringLiteral("audit"), QStringLiteral("--fleet"), QStringLiteral("x.yaml"), QStringLiteral("--format"), QStringLiteral("xml")} << "unknown format 'xml'";
    QTest::newRow("missing fleet file") << QStringList{QStringLiteral("audit"), QStringLiteral("--fleet"), QStringLiteral("/nonexistent.yaml")} << "/nonexistent.yaml";
    QTest::newRow("missing policy") << QStringList{QStringLiteral("audit"), QStringLiteral("--fleet"), QStringLiteral("@FLEET"), QStringLiteral("--policy"), QStringLiteral("/nonexistent-policy.yaml")} << "/nonexistent-policy.yaml";
    QTest::newRow("bad waiver file") << QStringList{QStringLiteral("audit"), QStringLiteral("--fleet"), QStringLiteral("@FLEET"), QStringLiteral("--waivers"), QStringLiteral("@BADWAIVERS")} << "bad-waivers.yaml:2:14: unknown control 'SEC-9'";
}

void TestAuditCliLab::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString bad = writeFile(QStringLiteral("bad-waivers.yaml"), "waivers:\n  - control: SEC-9\n    reason: x\n");
    for (QString& a : args) {
        if (a == QLatin1String("@FLEET"))
            a = m_lab->fleet;
        if (a == QLatin1String("@BADWAIVERS"))
            a = bad;
    }
    const CliResult r = cli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestAuditCliLab::jsonReport_data()
{
    QTest::addColumn<QString>("memorySource");
    QTest::newRow("memory from the stats API") << QStringLiteral("api");
    QTest::newRow("memory from cgroup files") << QStringLiteral("cgroup");
}

// The same verdicts whichever way memory is read, and a memory figure for every running container.
void TestAuditCliLab::jsonReport()
{
    QFETCH(QString, memorySource);
    const CliResult r = cli({QStringLiteral("audit"), QStringLiteral("--fleet"), m_lab->fleet, QStringLiteral("--memory-source"),
                             memorySource});
    QCOMPARE(r.exitCode, 1); // the example stacks have documented deviations
    QVERIFY2(r.err.contains("audit: "), r.err.constData());
    const Json j = Json::parse(r.out.constBegin(), r.out.constEnd(), nullptr, false);
    QVERIFY2(!j.is_discarded(), r.out.left(200).constData());
    QVERIFY(j["schema"] == "bulwark.audit/v1");
    QVERIFY(j["policy"]["id"] == "SPEC-INFRA-04");
    QSet<QString> fails;
    for (const Json& h : j["hosts"]) {
        QVERIFY(h["status"] == "ok");
        for (const Json& c : h["containers"]) {
            const std::string name = c["name"];
            QVERIFY(name[0] != '/');
            if (c["state"] == "running")
                QVERIFY2(c["memory"]["usageBytes"].is_number() && c["memory"]["usageBytes"].get<double>() > 0, name.c_str());
            for (const Json& res : c["results"])
                if (res["status"] == "fail")
                    fails.insert(QString::fromStdString(h["name"].get<std::string>() + '|' + name + '|' +
                                                        res["control"].get<std::string>()));
        }
        for (const Json& res : h["results"])
            QVERIFY(res["status"] != "fail");
    }
    QCOMPARE(fails, bulwark::test::expectedFailures());
}

void TestAuditCliLab::otherFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("check"); // python reading stdin, printing the number of failures
    QTest::newRow("sarif") << "sarif"
                           << "import sys, json\nd = json.load(sys.stdin)\nassert d['version'] == '2.1.0'\n"
                              "run = d['runs'][0]\nrules = [r['id'] for r in run['tool']['driver']['rules']]\n"
                              "assert all(rules[r['ruleIndex']] == r['ruleId'] for r in run['results'])\n"
                              "print(sum(1 for r in run['results'] if r['kind'] == 'fail' and not r.get('suppressions')))";
    QTest::newRow("junit") << "junit"
                           << "import sys, xml.etree.ElementTree as ET\nroot = ET.fromstring(sys.stdin.buffer.read())\n"
                              "print(sum(1 for c in root.iter('testcase') if c.find('failure') is not None))";
    QTest::newRow("csv") << "csv"
                         << "import sys, csv, io\nrows = list(csv.DictReader(io.StringIO(sys.stdin.buffer.read().decode(), newline='')))\n"
                            "print(sum(1 for r in rows if r['status'] == 'fail'))";
}

void TestAuditCliLab::otherFormats()
{
    QFETCH(QString, format);
    QFETCH(QString, check);
    const QString out = m_dir.filePath(QStringLiteral("report.") + format);
    const CliResult r = cli({QStringLiteral("audit"), QStringLiteral("--fleet"), m_lab->fleet, QStringLiteral("--format"), format,
                             QStringLiteral("--output"), out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray result = python(check, f.readAll());
    QVERIFY2(!result.startsWith("ERROR"), result.constData());
    QCOMPARE(result.toInt(), static_cast<int>(bulwark::test::expectedFailures().size()));
}

void TestAuditCliLab::waivingEveryFindingExitsZero()
{
    QByteArray yaml = "waivers:\n";
    for (const QString& key : bulwark::test::expectedFailures()) {
        const QStringList k = key.split(QLatin1Char('|'));
        yaml += "  - host: " + k[0].toUtf8() + "\n    container: " + k[1].toUtf8() + "\n    control: " + k[2].toUtf8() +
                "\n    reason: \"accepted for the test, see #4\"\n    expires: 2999-12-31\n";
    }
    const QString path = writeFile(QStringLiteral("waivers.yaml"), yaml);
    const CliResult r = cli({QStringLiteral("audit"), QStringLiteral("--fleet"), m_lab->fleet, QStringLiteral("--waivers"), path,
                             QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QByteArray waived = python(QStringLiteral("import sys, csv, io\nrows = list(csv.DictReader(io.StringIO(sys.stdin.read(), newline='')))\n"
                                                    "print(sum(1 for r in rows if r['status'] == 'waived' and r['waiver_reason'] == 'accepted for the test, see #4'))"),
                                     r.out);
    QCOMPARE(waived.toInt(), static_cast<int>(bulwark::test::expectedFailures().size()));
}

void TestAuditCliLab::expiredWaiverStillFails()
{
    const QString path = writeFile(QStringLiteral("expired.yaml"),
                                   "waivers:\n  - host: lab-2\n    container: edge-proxy\n    control: INF-02\n"
                                   "    reason: temporary public ingress\n    expires: 2020-01-31\n");
    const CliResult r = cli({QStringLiteral("audit"), QStringLiteral("--fleet"), m_lab->fleet, QStringLiteral("--waivers"), path});
    QCOMPARE(r.exitCode, 1);
    const Json j = Json::parse(r.out.constBegin(), r.out.constEnd(), nullptr, false);
    bool seen = false;
    for (const Json& h : j["hosts"])
        for (const Json& c : h["containers"])
            for (const Json& res : c["results"])
                if (c["name"] == "edge-proxy" && res["control"] == "INF-02") {
                    QVERIFY(res["status"] == "fail");
                    QVERIFY2(res["note"].get<std::string>().find("expired on 2020-01-31") != std::string::npos,
                             res["note"].get<std::string>().c_str());
                    seen = true;
                }
    QVERIFY(seen);
}

void TestAuditCliLab::unreachableHostExitsThreeAndReportsTheOthers()
{
    QFile in(m_lab->fleet);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray fleet = in.readAll();
    // A host on a closed loopback port, with the lab's key: ssh fails to connect.
    const QByteArray extra = "  - name: lab-gone\n    url: ssh://root@127.0.0.1:1\n    socket: /var/run/docker.sock\n"
                             "    identity: " + m_lab->sshKey.toUtf8() + "\n    known_hosts: " + m_lab->knownHosts.toUtf8() + "\n";
    const qsizetype at = fleet.indexOf("\nprometheus:");
    fleet.insert(at < 0 ? fleet.size() : at + 1, extra);
    const QString path = writeFile(QStringLiteral("fleet-gone.yaml"), fleet);
    const CliResult r = cli({QStringLiteral("audit"), QStringLiteral("--fleet"), path});
    QCOMPARE(r.exitCode, 3);
    const Json j = Json::parse(r.out.constBegin(), r.out.constEnd(), nullptr, false);
    QVERIFY(!j.is_discarded());
    int ok = 0;
    for (const Json& h : j["hosts"]) {
        if (h["name"] == "lab-gone") {
            QVERIFY(h["status"] != "ok");
            QVERIFY(!h["error"].get<std::string>().empty());
        } else {
            QVERIFY(h["status"] == "ok");
            QVERIFY(!h["containers"].empty());
            ++ok;
        }
    }
    QCOMPARE(ok, m_lab->hosts.size());
}

QTEST_GUILESS_MAIN(TestAuditCliLab)
#include "tst_auditcli_lab.moc"
