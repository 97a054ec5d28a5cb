// SPDX-License-Identifier: GPL-3.0-or-later
// The four machine reports of one audit, checked for structure, escaping and determinism, and fed
// to the consumers CI uses (Python's xml.etree and csv, SARIF's required structure).
#include "docker/snapshotparser.h"
#include "export/auditsummary.h"
#include "export/exporters.h"
#include "policy/evaluator.h"
#include "policy/policy.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <set>

using namespace bulwark;
using Json = nlohmann::json;

// QCOMPARE cannot print nlohmann values; this shows the JSON instead.
#define JCOMPARE(actual, expected) QVERIFY2((actual) == (expected), Json(actual).dump().c_str())

namespace {

ContainerSnapshot fixture(const char* name)
{
    QFile f(QStringLiteral(BULWARK_TEST_DATA "/docker/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing %s", name);
    auto c = SnapshotParser::parseContainerInspect(f.readAll());
    if (!c)
        qFatal("%s", qPrintable(c.errorMessage()));
    return *c;
}

Json parse(const QByteArray& b)
{
    return Json::parse(b.constBegin(), b.constEnd(), nullptr, false);
}

// A run with a scanned host (hostile text in labels and names), an unreachable host and fleet verdicts.
AuditRun sampleRun()
{
    auto policy = PolicyFile::embedded();
    if (!policy)
        qFatal("%s", qPrintable(policy.errorMessage()));
    AuditRun run;
    run.policy = policy->info;
    run.controls = policy->controls;
    run.generatedAt = QDateTime(QDate(2026, 12, 3), QTime(17, 30), Qt::UTC);
    run.generatedBy = QStringLiteral("tst_exporters");
    run.fleetName = QStringLiteral("fleet.yaml");

    HostSnapshot h;
    h.hostName = QStringLiteral("lab-1");
    h.status = HostStatus::Ok;
    h.engine.memTotalBytes = 8LL << 30;
    ContainerSnapshot web = fixture("inspect_web-local.json");
    web.labels.insert(QStringLiteral("io.hy-home.waive.INF-01"), QStringLiteral("talks to \"legacy\", <ops> & co,\nsee OPS-1"));
    web.memory = MemoryReading{1000, 0, 2000, {}};
    h.containers = {fixture("inspect_priv-created.json"), web, fixture("inspect_hostns.json"), fixture("inspect_mounts.json")};
    HostSnapshot down;
    down.hostName = QStringLiteral("lab-0");
    down.status = HostStatus::Unreachable;
    down.error = QStringLiteral("ssh: connect to host 127.0.0.1 port 2299: Connection refused");
    run.fleet.hosts = {h, down};

    EvaluationContext ctx;
    ctx.now = run.generatedAt;
    LogLatencySummary l;
    l.samples = 2;
    l.probes = {LatencyProbe{1, 300, false, {}, QStringLiteral("push"), QStringLiteral("m1"), {}},
                LatencyProbe{2, 400, false, {}, QStringLiteral("push"), QStringLiteral("m2"), {}}};
    l.p95Ms = 400;
    l.maxMs = 400;
    ctx.logLatency = l;
    run.logLatency = l;
    run.results = Evaluator::evaluateAll(run.fleet, *policy, ctx);
    RemediationRecord fix;
    fix.timestamp = QDateTime(QDate(2026, 12, 2), QTime(9, 15), Qt::UTC);
    fix.user = QStringLiteral("ops");
    fix.hostName = QStringLiteral("lab-1");
    fix.filePath = QStringLiteral("/srv/infra/docker-compose.yml");
    fix.service = QStringLiteral("loki");
    fix.controls = {QStringLiteral("SEC-01"), QStringLiteral("AC-HARD-01")};
    fix.diff = QStringLiteral("+    security_opt: [\"no-new-privileges:true\"]\n");
    fix.outcome = QStringLiteral("applied");
    run.remediations.append(fix);
    return run;
}

QByteArray runPython(const QString& script, const QByteArray& input)
{
    QProcess p;
    p.start(QStringLiteral("python3"), {QStringLiteral("-c"), script});
    if (!p.waitForStarted(10000))
        return "cannot start python3";
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return p.exitCode() == 0 ? p.readAllStandardOutput().trimmed() : "ERROR " + p.readAllStandardError();
}

} // namespace

class TestExporters final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_run = sampleRun(); }
    void jsonReportSchema();
    void sarifStructure();
    void junitParsesAndCounts();
    void csvQuotingRoundTrips();
    void outputIsDeterministic();
    void summaryLine();

private:
    AuditRun m_run;
};

void TestExporters::jsonReportSchema()
{
    const Json j = parse(Export::toJson(m_run));
    QVERIFY(!j.is_discarded());
    JCOMPARE(j["schema"], "bulwark.audit/v1");
    JCOMPARE(j["generatedAt"], "2026-12-03T17:30:00.000Z");
    JCOMPARE(j["policy"]["id"], "SPEC-INFRA-04");
    QVERIFY(j["policy"]["version"].is_string());
    QCOMPARE(j["remediations"].size(), 1u);
    JCOMPARE(j["remediations"][0]["host"], "lab-1");
    JCOMPARE(j["remediations"][0]["outcome"], "applied");
    JCOMPARE(j["remediations"][0]["controls"][1], "AC-HARD-01");
    JCOMPARE(j["remediations"][0]["timestamp"], "2026-12-02T09:15:00.000Z");
    QCOMPARE(j["hosts"].size(), 2u);
    const Json& down = j["hosts"][0]; // ordered by name
    JCOMPARE(down["name"], "lab-0");
    JCOMPARE(down["status"], "unreachable");
    QVERIFY(down["error"].get<std::string>().find("Connection refused") != std::string::npos);
    QVERIFY(down["containers"].empty());
    const Json& h = j["hosts"][1];
    JCOMPARE(h["status"], "ok");
    QVERIFY(h["engine"].is_object());
    QCOMPARE(h["results"].size(), 1u);
    JCOMPARE(h["results"][0]["control"], "REQ-HARD-02");
    QCOMPARE(h["containers"].size(), 4u);
    std::string prev;
    for (const Json& c : h["containers"]) {
        const std::string name = c["name"];
        QVERIFY2(!name.empty() && name[0] != '/', name.c_str());
        QVERIFY(prev < name);
        prev = name;
        for (const char* k : {"id", "image", "state"})
            QVERIFY2(c[k].is_string(), k);
        QVERIFY(c["labels"].is_object());
        QVERIFY(c["memory"].contains("usageBytes") && c["memory"].contains("limitBytes"));
        QCOMPARE(c["results"].size(), 12u);
        for (const Json& r : c["results"]) {
            for (const char* k : {"control", "status", "evidence", "reason", "remediation"})
                QVERIFY2(r[k].is_string(), k);
        }
    }
    const Json& web = h["containers"][3];
    JCOMPARE(web["name"], "web-local");
    JCOMPARE(web["memory"]["usageBytes"], 1000);
    JCOMPARE(web["memory"]["limitBytes"], 67108864);
    bool sawWaiver = false;
    for (const Json& r : web["results"])
        if (r["control"] == "INF-01") {
            JCOMPARE(r["status"], "waived");
            QVERIFY(r["waiver"]["reason"].get<std::string>().find("<ops> & co") != std::string::npos);
            sawWaiver = true;
        }
    QVERIFY(sawWaiver);
    QCOMPARE(j["fleet"]["results"].size(), 2u);
    JCOMPARE(j["fleet"]["logLatency"]["samples"], 2);
    JCOMPARE(j["summary"]["hostsNotScanned"], 1);
    JCOMPARE(j["summary"]["containers"], 4);
    int total = 0;
    for (auto& [k, v] : j["summary"]["results"].items())
        total += v.get<int>();
    QCOMPARE(total, static_cast<int>(m_run.results.size()));
}

void TestExporters::sarifStructure()
{
    const Json s = parse(Export::toSarif(m_run));
    QVERIFY(!s.is_discarded());
    JCOMPARE(s["version"], "2.1.0");
    QVERIFY(s["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
    QCOMPARE(s["runs"].size(), 1u);
    const Json& run = s["runs"][0];
    const Json& rules = run["tool"]["driver"]["rules"];
    QCOMPARE(rules.size(), static_cast<size_t>(m_run.controls.size()));
    QVERIFY(run["tool"]["driver"]["name"].is_string());
    QCOMPARE(run["results"].size(), static_cast<size_t>(m_run.results.size()));
    const std::set<std::string> kinds{"pass", "fail", "notApplicable", "review", "open", "informational"};
    const std::set<std::string> levels{"none", "note", "warning", "error"};
    for (const Json& r : run["results"]) {
        const int idx = r["ruleIndex"];
        JCOMPARE(rules[idx]["id"], r["ruleId"]);
        QVERIFY(kinds.count(r["kind"]));
        QVERIFY(levels.count(r["level"]));
        if (r["level"] != "none")
            JCOMPARE(r["kind"], "fail"); // SARIF 3.27.9
        QVERIFY(!r["message"]["text"].get<std::string>().empty());
        const Json& ll = r["locations"][0]["logicalLocations"][0];
        QVERIFY(ll["fullyQualifiedName"].is_string());
        const std::string status = r["properties"]["status"];
        if (status == "waived") {
            JCOMPARE(r["suppressions"][0]["kind"], "external");
            JCOMPARE(r["suppressions"][0]["status"], "accepted");
        }
        if (status == "fail")
            QVERIFY(!r.contains("suppressions"));
        if (status == "pass")
            JCOMPARE(r["kind"], "pass");
        if (status == "not_applicable")
            JCOMPARE(r["kind"], "notApplicable");
    }
    JCOMPARE(run["invocations"][0]["executionSuccessful"], false); // lab-0 was not scanned
}

void TestExporters::junitParsesAndCounts()
{
    const QByteArray xml = Export::toJUnit(m_run);
    const QString script = QStringLiteral(
        "import sys, xml.etree.ElementTree as ET\n"
        "root = ET.fromstring(sys.stdin.buffer.read())\n"
        "assert root.tag == 'testsuites'\n"
        "cases = root.findall('./testsuite/testcase')\n"
        "fails = sum(1 for c in cases if c.find('failure') is not None)\n"
        "skips = sum(1 for c in cases if c.find('skipped') is not None)\n"
        "errs = sum(1 for c in cases if c.find('error') is not None)\n"
        "assert int(root.get('tests')) == len(cases)\n"
        "assert int(root.get('failures')) == fails and int(root.get('skipped')) == skips and int(root.get('errors')) == errs\n"
        "for s in root.findall('testsuite'):\n"
        "    assert int(s.get('tests')) == len(s.findall('testcase'))\n"
        "w = [c for c in cases if c.get('classname') == 'lab-1.web-local' and c.get('name').startswith('INF-01')][0]\n"
        "msg = w.find('skipped').get('message')\n"
        "assert 'talks to \"legacy\", <ops> & co,' in msg, msg\n"
        "print(len(cases), fails, skips, errs)\n");
    const QByteArray out = runPython(script, xml);
    QVERIFY2(!out.startsWith("ERROR"), out.constData());
    const QList<QByteArray> n = out.split(' ');
    QCOMPARE(n.size(), 4);
    const AuditSummary s = summarize(m_run);
    QCOMPARE(n[0].toInt(), static_cast<int>(m_run.results.size()) + 1); // + the unreachable host's scan case
    JCOMPARE(n[1].toInt(), s.count(ControlStatus::Fail));
    JCOMPARE(n[2].toInt(), s.count(ControlStatus::Waived) + s.count(ControlStatus::NotApplicable) + s.count(ControlStatus::Unknown));
    JCOMPARE(n[3].toInt(), 1);
}

void TestExporters::csvQuotingRoundTrips()
{
    const QByteArray csv = Export::toCsv(m_run);
    QVERIFY(csv.startsWith("host,container,container_id,control,scope,severity,status,evidence,reason,"));
    QVERIFY(csv.contains("\r\n"));
    const QString script = QStringLiteral(
        "import sys, csv, io\n"
        "rows = list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode('utf-8'), newline='')))\n"
        "assert all(len(r) == len(rows[0]) for r in rows), 'ragged'\n"
        "w = [r for r in rows if r[1] == 'web-local' and r[3] == 'INF-01'][0]\n"
        "assert w[11] == 'talks to \"legacy\", <ops> & co,\\nsee OPS-1', repr(w[11])\n"
        "print(len(rows) - 1)\n");
    const QByteArray out = runPython(script, csv);
    QVERIFY2(!out.startsWith("ERROR"), out.constData());
    QCOMPARE(out.toInt(), static_cast<int>(m_run.results.size()));
}

void TestExporters::outputIsDeterministic()
{
    AuditRun shuffled = m_run;
    std::reverse(shuffled.results.begin(), shuffled.results.end());
    std::reverse(shuffled.fleet.hosts.begin(), shuffled.fleet.hosts.end());
    QCOMPARE(Export::toJson(shuffled), Export::toJson(m_run));
    QCOMPARE(Export::toSarif(shuffled), Export::toSarif(m_run));
    QCOMPARE(Export::toJUnit(shuffled), Export::toJUnit(m_run));
    QCOMPARE(Export::toCsv(shuffled), Export::toCsv(m_run));
}

void TestExporters::summaryLine()
{
    const AuditSummary s = summarize(m_run);
    QCOMPARE(s.hosts, 2);
    QCOMPARE(s.hostsFailed, 1);
    QCOMPARE(s.containers, 4);
    QVERIFY(s.failedControls.contains(QStringLiteral("NFR-SEC-01")));
    QVERIFY2(s.line().startsWith(QLatin1String("2 hosts (1 not scanned), 4 containers: ")), qPrintable(s.line()));
}

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"
