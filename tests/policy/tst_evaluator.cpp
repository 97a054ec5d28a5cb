// SPDX-License-Identifier: GPL-3.0-or-later
// Every container-scope control against inspect JSON recorded from real engines (tests/data/docker
// and tests/data/inspect), each edge case a JSON merge patch (RFC 7386) on a recorded reply.
#include "docker/snapshotparser.h"
#include "policy/evaluator.h"
#include "policy/policy.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace bulwark;

namespace {

QByteArray readFixture(const QString& name)
{
    for (const char* dir : {"/docker/", "/inspect/"}) {
        QFile f(QStringLiteral(BULWARK_TEST_DATA) + QLatin1String(dir) + name);
        if (f.open(QIODevice::ReadOnly))
            return f.readAll();
    }
    return {};
}

ContainerSnapshot snapshot(const QString& fixture, const QString& patch)
{
    const QByteArray raw = readFixture(fixture);
    if (raw.isEmpty())
        qFatal("missing fixture %s", qPrintable(fixture));
    auto doc = nlohmann::json::parse(raw.constBegin(), raw.constEnd(), nullptr, false);
    if (!patch.isEmpty()) {
        const QByteArray p = patch.toUtf8();
        const auto pj = nlohmann::json::parse(p.constBegin(), p.constEnd(), nullptr, false);
        if (pj.is_discarded())
            qFatal("bad patch %s", qPrintable(patch));
        doc.merge_patch(pj);
    }
    const std::string text = doc.dump();
    auto c = SnapshotParser::parseContainerInspect(QByteArray::fromStdString(text));
    if (!c)
        qFatal("%s: %s", qPrintable(fixture), qPrintable(c.errorMessage()));
    return *c;
}

const Policy& policy()
{
    static const Policy p = [] {
        auto r = PolicyFile::embedded();
        if (!r)
            qFatal("%s", qPrintable(r.errorMessage()));
        return *r;
    }();
    return p;
}

} // namespace

class TestEvaluator final : public QObject {
    Q_OBJECT
private slots:
    void containerControl_data();
    void containerControl();
    void containerSharingNetworkResolvesOnSameHost();
    void everyContainerControlHasAVerdictWithEvidence();
    void noNewPrivilegesSpellings_data();
    void noNewPrivilegesSpellings();
    void hostMemory_data();
    void hostMemory();
    void fleetLatency_data();
    void fleetLatency();
    void unreachableHostYieldsNoVerdicts();
};

void TestEvaluator::containerControl_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("control");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("evidence"); // a substring the evidence must contain

    const QString web = QStringLiteral("inspect_web-local.json");
    const QString hostns = QStringLiteral("inspect_hostns.json");
    const QString priv = QStringLiteral("inspect_priv-created.json");
    const QString mounts = QStringLiteral("inspect_mounts.json");
    const QString sidecar = QStringLiteral("inspect_sidecar.json");
    const QString exited = QStringLiteral("inspect_exited3.json");

    // REQ-HARD-01
    QTest::newRow("REQ-HARD-01 own namespaces") << web << "" << "" << "REQ-HARD-01" << "pass" << "HostConfig.PidMode = \"\"";
    QTest::newRow("REQ-HARD-01 pid+ipc+net host") << hostns << "" << "" << "REQ-HARD-01" << "fail" << "HostConfig.PidMode = \"host\"";
    QTest::newRow("REQ-HARD-01 only ipc host") << web << R"({"HostConfig":{"IpcMode":"host"}})" << "" << "REQ-HARD-01" << "fail" << "IpcMode = \"host\"";
    QTest::newRow("REQ-HARD-01 pid of a container") << web << R"({"HostConfig":{"PidMode":"container:abc"}})" << "" << "REQ-HARD-01" << "pass" << "container:abc";
    QTest::newRow("REQ-HARD-01 net of a container") << sidecar << "" << "" << "REQ-HARD-01" << "pass" << "container:";
    QTest::newRow("REQ-HARD-01 waived by label") << hostns << R"({"Config":{"Labels":{"io.hy-home.waive.REQ-HARD-01":"node_exporter needs host pid"}}})" << "" << "REQ-HARD-01" << "waived" << "PidMode";
    QTest::newRow("REQ-HARD-01 empty waiver reason") << hostns << R"({"Config":{"Labels":{"io.hy-home.waive.REQ-HARD-01":"  "}}})" << "" << "REQ-HARD-01" << "fail" << "PidMode";
    QTest::newRow("REQ-HARD-01 waived by file") << hostns << "" << "waiver:valid" << "REQ-HARD-01" << "waived" << "PidMode";
    QTest::newRow("REQ-HARD-01 expired file waiver") << hostns << "" << "waiver:expired" << "REQ-HARD-01" << "fail" << "PidMode";
    QTest::newRow("REQ-HARD-01 app tier, infra-only policy") << hostns << R"({"Config":{"Labels":{"io.hy-home.tier":"app"}}})" << "tiers:infra" << "REQ-HARD-01" << "not_applicable" << "io.hy-home.tier";
    QTest::newRow("REQ-HARD-01 infra tier, infra-only policy") << hostns << R"({"Config":{"Labels":{"io.hy-home.tier":"infra"}}})" << "tiers:infra" << "REQ-HARD-01" << "fail" << "PidMode";

    // REQ-HARD-03
    QTest::newRow("REQ-HARD-03 read-only") << web << "" << "" << "REQ-HARD-03" << "pass" << "HostConfig.ReadonlyRootfs = true";
    QTest::newRow("REQ-HARD-03 writable") << hostns << "" << "" << "REQ-HARD-03" << "fail" << "HostConfig.ReadonlyRootfs = false";
    QTest::newRow("REQ-HARD-03 exited, writable") << exited << "" << "" << "REQ-HARD-03" << "fail" << "ReadonlyRootfs";

    // NFR-SEC-01
    QTest::newRow("NFR-SEC-01 harmless cap") << web << "" << "" << "NFR-SEC-01" << "pass" << "CAP_NET_BIND_SERVICE";
    QTest::newRow("NFR-SEC-01 privileged") << priv << R"({"HostConfig":{"CapAdd":null}})" << "" << "NFR-SEC-01" << "fail" << "HostConfig.Privileged = true";
    QTest::newRow("NFR-SEC-01 SYS_ADMIN (CAP_ spelling)") << priv << R"({"HostConfig":{"Privileged":false}})" << "" << "NFR-SEC-01" << "fail" << "CAP_SYS_ADMIN";
    QTest::newRow("NFR-SEC-01 sys_ptrace lower case") << web << R"({"HostConfig":{"CapAdd":["sys_ptrace"]}})" << "" << "NFR-SEC-01" << "fail" << "sys_ptrace";
    QTest::newRow("NFR-SEC-01 ALL added") << web << R"({"HostConfig":{"CapAdd":["ALL"]}})" << "" << "NFR-SEC-01" << "fail" << "ALL";
    QTest::newRow("NFR-SEC-01 dangerous despite cap_drop ALL") << web << R"({"HostConfig":{"CapAdd":["DAC_READ_SEARCH"],"CapDrop":["ALL"]}})" << "" << "NFR-SEC-01" << "fail" << "DAC_READ_SEARCH";
    QTest::newRow("NFR-SEC-01 default set") << hostns << "" << "" << "NFR-SEC-01" << "pass" << "CapAdd = []";

    // SEC-02
    QTest::newRow("SEC-02 ALL") << web << "" << "" << "SEC-02" << "pass" << "HostConfig.CapDrop = [\"ALL\"]";
    QTest::newRow("SEC-02 all lower case") << web << R"({"HostConfig":{"CapDrop":["all"]}})" << "" << "SEC-02" << "pass" << "\"all\"";
    QTest::newRow("SEC-02 All mixed case") << web << R"({"HostConfig":{"CapDrop":["NET_RAW","All"]}})" << "" << "SEC-02" << "pass" << "All";
    QTest::newRow("SEC-02 some dropped, not ALL") << web << R"({"HostConfig":{"CapDrop":["NET_RAW","MKNOD"]}})" << "" << "SEC-02" << "fail" << "NET_RAW";
    QTest::newRow("SEC-02 missing") << hostns << "" << "" << "SEC-02" << "fail" << "HostConfig.CapDrop = []";
    QTest::newRow("SEC-02 privileged is n/a") << priv << "" << "" << "SEC-02" << "not_applicable" << "Privileged = true";

    // SEC-01 (effective) and AC-HARD-01 (literal)
    QTest::newRow("SEC-01 bare no-new-privileges") << web << "" << "" << "SEC-01" << "pass" << "[\"no-new-privileges\"]";
    QTest::newRow("AC-HARD-01 bare is not literal") << web << "" << "" << "AC-HARD-01" << "fail" << "[\"no-new-privileges\"]";
    QTest::newRow("SEC-01 =true") << mounts << "" << "" << "SEC-01" << "pass" << "no-new-privileges=true";
    QTest::newRow("AC-HARD-01 =true is not literal") << mounts << "" << "" << "AC-HARD-01" << "fail" << "no-new-privileges=true";
    QTest::newRow("SEC-01 :true") << sidecar << "" << "" << "SEC-01" << "pass" << "no-new-privileges:true";
    QTest::newRow("AC-HARD-01 :true") << sidecar << "" << "" << "AC-HARD-01" << "pass" << "no-new-privileges:true";
    QTest::newRow("SEC-01 :false") << web << R"({"HostConfig":{"SecurityOpt":["no-new-privileges:false"]}})" << "" << "SEC-01" << "fail" << "no-new-privileges:false";
    QTest::newRow("AC-HARD-01 :false") << web << R"({"HostConfig":{"SecurityOpt":["no-new-privileges:false"]}})" << "" << "AC-HARD-01" << "fail" << "no-new-privileges:false";
    QTest::newRow("SEC-01 :true then =false") << web << R"({"HostConfig":{"SecurityOpt":["no-new-privileges:true","no-new-privileges=false"]}})" << "" << "SEC-01" << "fail" << "=false";
    QTest::newRow("AC-HARD-01 :true overridden later") << web << R"({"HostConfig":{"SecurityOpt":["no-new-privileges:true","no-new-privileges=false"]}})" << "" << "AC-HARD-01" << "fail" << "=false";
    QTest::newRow("SEC-01 absent") << hostns << "" << "" << "SEC-01" << "fail" << "seccomp=unconfined";
    QTest::newRow("SEC-01 absent, daemon default") << hostns << "" << "daemon-nnp" << "SEC-01" << "pass" << "name=no-new-privileges";
    QTest::newRow("AC-HARD-01 absent, daemon default") << hostns << "" << "daemon-nnp" << "AC-HARD-01" << "fail" << "seccomp";
    QTest::newRow("SEC-01 substring trap") << web << R"({"HostConfig":{"SecurityOpt":["label=no-new-privileges:true"]}})" << "" << "SEC-01" << "fail" << "label=";
    QTest::newRow("SEC-01 =1") << web << R"({"HostConfig":{"SecurityOpt":["no-new-privileges=1"]}})" << "" << "SEC-01" << "pass" << "=1";
    QTest::newRow("SEC-01 invalid value") << web << R"({"HostConfig":{"SecurityOpt":["no-new-privileges=maybe"]}})" << "" << "SEC-01" << "fail" << "maybe";

    // ST-01
    QTest::newRow("ST-01 named volume") << mounts << "" << "" << "ST-01" << "fail" << "volume \"conndata\" -> /vol";
    QTest::newRow("ST-01 only bind") << mounts << R"({"Mounts":[{"Type":"bind","Source":"/srv/d","Destination":"/d","RW":true}]})" << "" << "ST-01" << "pass" << "bind /srv/d -> /d";
    QTest::newRow("ST-01 anonymous volume") << mounts << R"({"Mounts":[{"Type":"volume","Name":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Source":"/x","Destination":"/d","RW":true}]})" << "" << "ST-01" << "fail" << "/d";
    QTest::newRow("ST-01 no mounts") << web << "" << "" << "ST-01" << "not_applicable" << "Mounts = []";
    QTest::newRow("ST-01 tmpfs only") << mounts << R"({"Mounts":[{"Type":"tmpfs","Source":"","Destination":"/t","RW":true}]})" << "" << "ST-01" << "not_applicable" << "Mounts";

    // ST-02
    QTest::newRow("ST-02 not sensitive") << mounts << "" << "" << "ST-02" << "not_applicable" << "io.hy-home.sensitive";
    QTest::newRow("ST-02 sensitive, 0700") << mounts << R"({"Config":{"Labels":{"io.hy-home.sensitive":"true"}}})" << "stat:700" << "ST-02" << "pass" << "/tmp/conn-d/bindsrc 700 root";
    QTest::newRow("ST-02 sensitive, 0600 file") << mounts << R"({"Config":{"Labels":{"io.hy-home.sensitive":"true"}}})" << "stat:600" << "ST-02" << "pass" << "600";
    QTest::newRow("ST-02 sensitive, 0755") << mounts << R"({"Config":{"Labels":{"io.hy-home.sensitive":"true"}}})" << "stat:755" << "ST-02" << "fail" << "/tmp/conn-d/bindsrc 755 root";
    QTest::newRow("ST-02 sensitive, 0710 group exec") << mounts << R"({"Config":{"Labels":{"io.hy-home.sensitive":"true"}}})" << "stat:710" << "ST-02" << "fail" << "710";
    QTest::newRow("ST-02 sensitive, not checked") << mounts << R"({"Config":{"Labels":{"io.hy-home.sensitive":"true"}}})" << "" << "ST-02" << "unknown" << "not checked";
    QTest::newRow("ST-02 path pattern secrets") << mounts << R"({"Mounts":[{"Type":"bind","Source":"/srv/app/secrets","Destination":"/run/secrets","RW":false}]})" << "stat:755" << "ST-02" << "fail" << "/srv/app/secrets";
    QTest::newRow("ST-02 path pattern .key") << mounts << R"({"Mounts":[{"Type":"bind","Source":"/srv/tls/edge.key","Destination":"/etc/k","RW":false}]})" << "stat:640" << "ST-02" << "fail" << "edge.key 640";

    // INF-01
    QTest::newRow("INF-01 only infra_net") << web << R"({"NetworkSettings":{"Networks":{"connnet":null,"infra_net":{"NetworkID":"n1"}}},"HostConfig":{"NetworkMode":"infra_net"}})" << "" << "INF-01" << "pass" << "[\"infra_net\"]";
    QTest::newRow("INF-01 other network") << web << "" << "" << "INF-01" << "fail" << "[\"connnet\"]";
    QTest::newRow("INF-01 infra_net plus frontend") << web << R"({"NetworkSettings":{"Networks":{"connnet":null,"infra_net":{"NetworkID":"n1"},"frontend":{"NetworkID":"n2"}}}})" << "" << "INF-01" << "fail" << "frontend";
    QTest::newRow("INF-01 host network") << hostns << "" << "" << "INF-01" << "fail" << "NetworkMode = \"host\"";
    QTest::newRow("INF-01 default bridge") << web << R"({"NetworkSettings":{"Networks":{"connnet":null,"bridge":{"NetworkID":"b"}}},"HostConfig":{"NetworkMode":"default"}})" << "" << "INF-01" << "fail" << "bridge";
    QTest::newRow("INF-01 none") << mounts << "" << "" << "INF-01" << "pass" << "NetworkMode = \"none\"";
    QTest::newRow("INF-01 container: not on host") << sidecar << "" << "" << "INF-01" << "unknown" << "container:";

    // INF-02
    QTest::newRow("INF-02 loopback") << web << "" << "" << "INF-02" << "pass" << "127.0.0.1:18080->80/tcp";
    QTest::newRow("INF-02 0.0.0.0, :: and empty") << priv << "" << "" << "INF-02" << "fail" << "0.0.0.0:18081->80/tcp";
    QTest::newRow("INF-02 empty host ip alone") << web << R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]}},"NetworkSettings":{"Ports":{}}})" << "" << "INF-02" << "fail" << ":8080->80/tcp";
    QTest::newRow("INF-02 :: alone") << web << R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"::","HostPort":"8080"}]}},"NetworkSettings":{"Ports":{}}})" << "" << "INF-02" << "fail" << "[::]:8080";
    QTest::newRow("INF-02 specific address") << web << R"({"HostConfig":{"PortBindings":{"80/tcp":[{"HostIp":"10.1.2.3","HostPort":"8080"}]}},"NetworkSettings":{"Ports":{}}})" << "" << "INF-02" << "pass" << "10.1.2.3:8080";
    QTest::newRow("INF-02 ephemeral loopback") << QStringLiteral("inspect_pub-all.json") << "" << "" << "INF-02" << "pass" << "127.0.0.1";
    QTest::newRow("INF-02 no ports") << mounts << "" << "" << "INF-02" << "pass" << "PortBindings = []";
    QTest::newRow("INF-02 host network") << hostns << "" << "" << "INF-02" << "fail" << "NetworkMode = \"host\"";

    // OBS-01
    QTest::newRow("OBS-01 scrape label") << web << R"({"Config":{"Labels":{"prometheus.io/scrape":"true"}}})" << "" << "OBS-01" << "pass" << "\"true\"";
    QTest::newRow("OBS-01 otlp label") << web << R"({"Config":{"Labels":{"io.hy-home.metrics":"otlp"}}})" << "" << "OBS-01" << "pass" << "otlp";
    QTest::newRow("OBS-01 exporter port") << web << R"({"HostConfig":{"PortBindings":{"9100/tcp":[{"HostIp":"127.0.0.1","HostPort":"9100"}]}}})" << "" << "OBS-01" << "pass" << "9100/tcp";
    QTest::newRow("OBS-01 scrape=false, nothing else") << web << R"({"Config":{"Labels":{"prometheus.io/scrape":"false"}}})" << "" << "OBS-01" << "fail" << "\"false\"";
    QTest::newRow("OBS-01 nothing") << web << "" << "" << "OBS-01" << "fail" << "exporter ports = []";
    QTest::newRow("OBS-01 prometheus target up") << web << "" << "prom:up" << "OBS-01" << "pass" << "health = up";
    QTest::newRow("OBS-01 prometheus target down") << web << R"({"Config":{"Labels":{"prometheus.io/scrape":"true"}}})" << "prom:down" << "OBS-01" << "fail" << "connection refused";
    QTest::newRow("OBS-01 target on another host") << web << "" << "prom:otherhost" << "OBS-01" << "fail" << "exporter ports";
    QTest::newRow("OBS-01 prometheus unreachable, label") << web << R"({"Config":{"Labels":{"prometheus.io/scrape":"true"}}})" << "prom:unreachable" << "OBS-01" << "pass" << "scrape";

    // AC-HARD-02
    QTest::newRow("AC-HARD-02 other template") << web << "" << "" << "AC-HARD-02" << "not_applicable" << "io.hy-home.template";
    QTest::newRow("AC-HARD-02 64m limit") << web << R"({"Config":{"Labels":{"io.hy-home.template":"template-infra-high"}}})" << "" << "AC-HARD-02" << "pass" << "HostConfig.Memory = 67108864 (64.0 MiB)";
    QTest::newRow("AC-HARD-02 exactly 2GiB") << web << R"({"Config":{"Labels":{"io.hy-home.template":"template-infra-high"}},"HostConfig":{"Memory":2147483648}})" << "" << "AC-HARD-02" << "pass" << "2147483648";
    QTest::newRow("AC-HARD-02 3GiB") << web << R"({"Config":{"Labels":{"io.hy-home.template":"template-infra-high"}},"HostConfig":{"Memory":3221225472}})" << "" << "AC-HARD-02" << "fail" << "3.0 GiB";
    QTest::newRow("AC-HARD-02 no limit") << web << R"({"Config":{"Labels":{"io.hy-home.template":"template-infra-high"}},"HostConfig":{"Memory":0}})" << "" << "AC-HARD-02" << "fail" << "HostConfig.Memory = 0";
    QTest::newRow("AC-HARD-02 peak under load above ceiling") << web << R"({"Config":{"Labels":{"io.hy-home.template":"template-infra-high"}}})" << "load:3GiB" << "AC-HARD-02" << "fail" << "peak under load";
    QTest::newRow("AC-HARD-02 peak under load within") << web << R"({"Config":{"Labels":{"io.hy-home.template":"template-infra-high"}}})" << "load:60MiB" << "AC-HARD-02" << "pass" << "peak under load";
}

void TestEvaluator::containerControl()
{
    QFETCH(QString, fixture);
    QFETCH(QString, patch);
    QFETCH(QString, context);
    QFETCH(QString, control);
    QFETCH(QString, status);
    QFETCH(QString, evidence);

    Policy p = policy();
    const ContainerSnapshot c = snapshot(fixture, patch);
    HostSnapshot host;
    host.hostName = QStringLiteral("h1");
    host.status = HostStatus::Ok;
    host.containers = {c};
    EvaluationContext ctx;
    ctx.now = QDateTime(QDate(2026, 12, 3), QTime(17, 0), Qt::UTC);

    if (context.startsWith(QLatin1String("stat:"))) {
        for (const QString& src : Evaluator::sensitiveBindSources(c, p))
            ctx.pathStats.insert(pathStatKey(host.hostName, src),
                                 PathStat{src, context.mid(5).toInt(nullptr, 8), QStringLiteral("root"), {}});
    } else if (context == QLatin1String("daemon-nnp")) {
        host.engine.securityOptions = {QStringLiteral("name=seccomp,profile=default"), QStringLiteral("name=no-new-privileges")};
    } else if (context.startsWith(QLatin1String("waiver:"))) {
        Waiver w;
        w.hostPattern = QStringLiteral("h*");
        w.containerPattern = c.name;
        w.control = control;
        w.reason = QStringLiteral("documented in OPS-1");
        w.source = QStringLiteral("waivers.yaml:3");
        w.expires = context == QLatin1String("waiver:expired") ? ctx.now.addDays(-1) : ctx.now.addDays(30);
        ctx.waivers = {w};
    } else if (context == QLatin1String("tiers:infra")) {
        p.infrastructureTiers = {QStringLiteral("infra")};
    } else if (context.startsWith(QLatin1String("prom:"))) {
        PrometheusEvidence prom;
        prom.url = QStringLiteral("http://127.0.0.1:9090");
        prom.reachable = context != QLatin1String("prom:unreachable");
        prom.error = prom.reachable ? QString() : QStringLiteral("connection refused");
        PrometheusTarget t;
        t.labels = {{QStringLiteral("host"), context == QLatin1String("prom:otherhost") ? QStringLiteral("h2") : QStringLiteral("h1")},
                    {QStringLiteral("container"), c.name},
                    {QStringLiteral("job"), QStringLiteral("containers")}};
        t.scrapeUrl = QStringLiteral("http://127.0.0.1:18080/metrics");
        t.health = context == QLatin1String("prom:down") ? QStringLiteral("down") : QStringLiteral("up");
        t.lastError = context == QLatin1String("prom:down") ? QStringLiteral("connection refused") : QString();
        prom.targets = {t};
        ctx.prometheus = prom;
    } else if (context.startsWith(QLatin1String("load:"))) {
        LoadCheckResult l;
        l.hostName = host.hostName;
        l.containerId = c.id;
        l.peakUsageBytes = *PolicyFile::parseByteSize(context.mid(5));
        ctx.loadChecks = {l};
    }

    const auto r = Evaluator::evaluateContainerControl(control, c, host, p, ctx);
    QVERIFY(r.has_value());
    QCOMPARE(controlStatusName(r->status), status);
    QCOMPARE(r->controlId, control);
    QCOMPARE(r->hostName, QStringLiteral("h1"));
    QCOMPARE(r->containerName, c.name);
    QVERIFY2(!c.name.startsWith(QLatin1Char('/')), qPrintable(c.name));
    QVERIFY2(r->evidence.contains(evidence), qPrintable(r->evidence));
    QVERIFY2(!r->reason.isEmpty(), "every verdict explains itself");
    if (r->status == ControlStatus::Fail)
        QVERIFY2(!r->remediation.isEmpty(), "a failure says what to change");
    if (r->status == ControlStatus::Waived)
        QVERIFY(!r->waiverReason.isEmpty());
    if (context == QLatin1String("waiver:expired"))
        QVERIFY2(r->note.contains(QLatin1String("expired")), qPrintable(r->note));
    if (!c.isRunning())
        QVERIFY2(r->note.contains(c.state), qPrintable(r->note));
}

void TestEvaluator::containerSharingNetworkResolvesOnSameHost()
{
    // The sidecar joins web-local's network namespace: its networks are web-local's.
    const ContainerSnapshot web = snapshot(QStringLiteral("inspect_web-local.json"),
                                           QStringLiteral(R"({"NetworkSettings":{"Networks":{"connnet":null,"infra_net":{"NetworkID":"n"}}}})"));
    const ContainerSnapshot side = snapshot(QStringLiteral("inspect_sidecar.json"), {});
    QVERIFY(side.networkMode.endsWith(web.id));
    HostSnapshot host;
    host.hostName = QStringLiteral("h1");
    host.status = HostStatus::Ok;
    host.containers = {web, side};
    const EvaluationContext ctx;
    auto r = Evaluator::evaluateContainerControl(QStringLiteral("INF-01"), side, host, policy(), ctx);
    QCOMPARE(r->status, ControlStatus::Pass);
    QVERIFY2(r->evidence.contains(QLatin1String("inherited from web-local")), qPrintable(r->evidence));

    // ... and when web-local is on another network, the sidecar fails with it.
    const ContainerSnapshot webOther = snapshot(QStringLiteral("inspect_web-local.json"), {});
    host.containers = {webOther, side};
    r = Evaluator::evaluateContainerControl(QStringLiteral("INF-01"), side, host, policy(), ctx);
    QCOMPARE(r->status, ControlStatus::Fail);
    QVERIFY(r->reason.contains(QLatin1String("connnet")));
}

void TestEvaluator::everyContainerControlHasAVerdictWithEvidence()
{
    const ContainerSnapshot c = snapshot(QStringLiteral("inspect_priv-created.json"), {});
    HostSnapshot host;
    host.hostName = QStringLiteral("h1");
    host.status = HostStatus::Ok;
    host.containers = {c};
    const auto results = Evaluator::evaluateContainer(c, host, policy(), EvaluationContext{});
    QStringList ids;
    for (const auto& r : results) {
        ids.append(r.controlId);
        QVERIFY2(!r.evidence.isEmpty(), qPrintable(r.controlId));
        QVERIFY2(r.note.contains(QLatin1String("created")), qPrintable(r.note));
        QCOMPARE(r.scope, ControlScope::Container);
    }
    const QStringList expected{QStringLiteral("REQ-HARD-01"), QStringLiteral("REQ-HARD-03"), QStringLiteral("NFR-SEC-01"),
                               QStringLiteral("ST-01"), QStringLiteral("ST-02"), QStringLiteral("INF-01"),
                               QStringLiteral("INF-02"), QStringLiteral("SEC-01"), QStringLiteral("SEC-02"),
                               QStringLiteral("OBS-01"), QStringLiteral("AC-HARD-01"), QStringLiteral("AC-HARD-02")};
    for (const QString& id : expected)
        QVERIFY2(ids.contains(id), qPrintable(id));
    QCOMPARE(ids.size(), expected.size());
}

void TestEvaluator::noNewPrivilegesSpellings_data()
{
    QTest::addColumn<QStringList>("opts");
    QTest::addColumn<int>("expected"); // -1 unset, 0 false, 1 true, 2 invalid
    QTest::newRow("none") << QStringList{} << -1;
    QTest::newRow("bare") << QStringList{QStringLiteral("no-new-privileges")} << 1;
    QTest::newRow(":true") << QStringList{QStringLiteral("no-new-privileges:true")} << 1;
    QTest::newRow("=true") << QStringList{QStringLiteral("no-new-privileges=true")} << 1;
    QTest::newRow("=True") << QStringList{QStringLiteral("no-new-privileges=True")} << 1;
    QTest::newRow("=1") << QStringList{QStringLiteral("no-new-privileges=1")} << 1;
    QTest::newRow(":false") << QStringList{QStringLiteral("no-new-privileges:false")} << 0;
    QTest::newRow("=0") << QStringList{QStringLiteral("no-new-privileges=0")} << 0;
    QTest::newRow("last wins") << QStringList{QStringLiteral("no-new-privileges:false"), QStringLiteral("no-new-privileges")} << 1;
    QTest::newRow("invalid") << QStringList{QStringLiteral("no-new-privileges:yes")} << 2;
    QTest::newRow("other opts only") << QStringList{QStringLiteral("seccomp=unconfined"), QStringLiteral("apparmor=docker-default")} << -1;
    QTest::newRow("case matters in key") << QStringList{QStringLiteral("No-New-Privileges:true")} << -1;
}

void TestEvaluator::noNewPrivilegesSpellings()
{
    QFETCH(QStringList, opts);
    QFETCH(int, expected);
    const auto n = Evaluator::noNewPrivileges(opts);
    const int got = !n.invalid.isEmpty() ? 2 : !n.value ? -1 : *n.value ? 1 : 0;
    QCOMPARE(got, expected);
}

void TestEvaluator::hostMemory_data()
{
    QTest::addColumn<qint64>("memTotal");
    QTest::addColumn<QList<qint64>>("usages"); // -1: running without a reading
    QTest::addColumn<QString>("status");
    const qint64 gib = 1LL << 30;
    QTest::newRow("well below") << 10 * gib << QList<qint64>{gib / 2, gib / 2} << "pass";
    QTest::newRow("exactly 20%") << 10 * gib << QList<qint64>{gib, gib} << "pass";
    QTest::newRow("just above") << 10 * gib << QList<qint64>{gib, gib + 1} << "fail";
    QTest::newRow("a reading missing, rest within") << 10 * gib << QList<qint64>{gib, -1} << "unknown";
    QTest::newRow("a reading missing, rest already over") << 10 * gib << QList<qint64>{3 * gib, -1} << "fail";
    QTest::newRow("MemTotal unknown") << qint64(0) << QList<qint64>{gib} << "unknown";
    QTest::newRow("no infra container running") << 10 * gib << QList<qint64>{} << "pass";
}

void TestEvaluator::hostMemory()
{
    QFETCH(qint64, memTotal);
    QFETCH(QList<qint64>, usages);
    QFETCH(QString, status);
    HostSnapshot host;
    host.hostName = QStringLiteral("h1");
    host.status = HostStatus::Ok;
    host.engine.memTotalBytes = memTotal;
    int i = 0;
    for (qint64 u : usages) {
        ContainerSnapshot c = snapshot(QStringLiteral("inspect_web-local.json"), {});
        c.name = QStringLiteral("c%1").arg(i++);
        if (u >= 0)
            c.memory = MemoryReading{u, 0, u, {}};
        host.containers.append(c);
    }
    // An exited container's (absent) reading never makes the verdict unknown.
    host.containers.append(snapshot(QStringLiteral("inspect_exited3.json"), {}));
    const auto results = Evaluator::evaluateHost(host, policy(), EvaluationContext{});
    QCOMPARE(results.size(), 1);
    QCOMPARE(results[0].controlId, QStringLiteral("REQ-HARD-02"));
    QCOMPARE(results[0].scope, ControlScope::Host);
    QCOMPARE(controlStatusName(results[0].status), status);
    QVERIFY(results[0].evidence.contains(QLatin1String("20% of Info.MemTotal")));
}

void TestEvaluator::fleetLatency_data()
{
    QTest::addColumn<QList<qint64>>("latencies"); // -1: missed
    QTest::addColumn<QString>("nfrObs01");
    QTest::addColumn<QString>("acHard03");
    QTest::newRow("not measured") << QList<qint64>{} << "unknown" << "unknown";
    QTest::newRow("fast") << QList<qint64>{300, 400, 500, 600, 700} << "pass" << "pass";
    // The p95 interpolates between ranks (bulwark::percentile): with five probes, rank 3.8.
    QTest::newRow("p95 just under 2 s") << QList<qint64>{1999, 1999, 1999, 1999, 1999} << "pass" << "pass";
    QTest::newRow("p95 at 2 s") << QList<qint64>{2000, 2000, 2000, 2000, 2000} << "fail" << "pass";
    QTest::newRow("one slow of five: p95 = 100 + 0.8 * 2300") << QList<qint64>{100, 100, 100, 100, 2400} << "pass" << "pass";
    QTest::newRow("two slow of five") << QList<qint64>{100, 100, 100, 2500, 2500} << "fail" << "pass";
    QList<qint64> fortyWithAMiss(39, 300);
    fortyWithAMiss << -1;
    QTest::newRow("one miss in forty: p95 finite") << fortyWithAMiss << "pass" << "fail";
    QTest::newRow("slow outlier over 5 s") << QList<qint64>{100, 100, 100, 100, 5001} << "fail" << "fail";
    QTest::newRow("a miss") << QList<qint64>{100, 100, 100, 100, -1} << "fail" << "fail";
}

void TestEvaluator::fleetLatency()
{
    QFETCH(QList<qint64>, latencies);
    QFETCH(QString, nfrObs01);
    QFETCH(QString, acHard03);
    EvaluationContext ctx;
    if (!latencies.isEmpty()) {
        LogLatencySummary s;
        for (qint64 l : latencies) {
            LatencyProbe p;
            p.latencyMs = l;
            p.missed = l < 0;
            s.probes.append(p);
            s.samples++;
            if (p.missed)
                s.misses++;
        }
        ctx.logLatency = s;
    } else {
        ctx.logLatencyNote = QStringLiteral("not probed in this run");
    }
    const auto results = Evaluator::evaluateFleet(policy(), ctx);
    QCOMPARE(results.size(), 2);
    for (const auto& r : results) {
        QCOMPARE(r.scope, ControlScope::Fleet);
        const QString want = r.controlId == QLatin1String("NFR-OBS-01") ? nfrObs01 : acHard03;
        QVERIFY2(controlStatusName(r.status) == want, qPrintable(r.controlId + QLatin1String(": ") + r.evidence));
    }
    if (latencies.isEmpty())
        QCOMPARE(results[0].reason, QStringLiteral("not probed in this run"));
}

void TestEvaluator::unreachableHostYieldsNoVerdicts()
{
    FleetSnapshot fleet;
    HostSnapshot ok;
    ok.hostName = QStringLiteral("ok");
    ok.status = HostStatus::Ok;
    ok.engine.memTotalBytes = 1LL << 33;
    ok.containers = {snapshot(QStringLiteral("inspect_web-local.json"), {})};
    HostSnapshot down;
    down.hostName = QStringLiteral("down");
    down.status = HostStatus::Unreachable;
    fleet.hosts = {ok, down};
    const auto results = Evaluator::evaluateAll(fleet, policy(), EvaluationContext{});
    for (const auto& r : results)
        QVERIFY(r.hostName != QLatin1String("down"));
    QCOMPARE(results.size(), 12 + 1 + 2);
}

QTEST_GUILESS_MAIN(TestEvaluator)
#include "tst_evaluator.moc"
