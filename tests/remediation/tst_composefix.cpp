// SPDX-License-Identifier: GPL-3.0-or-later
// The compose fixes against a YAML corpus (tests/data/compose): each fix makes the service comply
// (read back through the resolving parser, so merge keys count), changes nothing else, keeps
// comments and line endings, and is idempotent.
#include "remediation/composefix.h"
#include "remediation/linediff.h"
#include "yaml/yamlnode.h"

#include <QFile>
#include <QTest>

using namespace bulwark;

namespace {

QByteArray readData(const QString& name)
{
    QFile f(QStringLiteral(BULWARK_TEST_DATA "/compose/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll();
}

const YamlNode* serviceOf(const YamlNode& root, const QString& name)
{
    const YamlNode* services = root.get(QLatin1String("services"));
    if (!services)
        return nullptr;
    for (const auto& [k, v] : services->pairs())
        if (k.scalar() == name)
            return &v;
    return nullptr;
}

QStringList strings(const YamlNode* node)
{
    QStringList out;
    if (!node)
        return out;
    if (node->isScalar())
        out << node->scalar();
    for (const auto& item : node->items())
        out << item.scalar();
    return out;
}

QString scalarOf(const YamlNode* node) { return node && node->isScalar() ? node->scalar() : QString(); }

// A canonical dump for comparing services that must not change.
QString dump(const YamlNode& n)
{
    switch (n.kind()) {
    case YamlNode::Kind::Null:
        return QStringLiteral("~");
    case YamlNode::Kind::Scalar:
        return QLatin1Char('"') + n.scalar() + QLatin1Char('"');
    case YamlNode::Kind::Sequence: {
        QStringList parts;
        for (const auto& i : n.items())
            parts << dump(i);
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    case YamlNode::Kind::Mapping: {
        QStringList parts;
        for (const auto& [k, v] : n.pairs())
            parts << dump(k) + QLatin1Char(':') + dump(v);
        parts.sort();
        return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    }
    return {};
}

// Does the service, as Compose would read it, now satisfy what the fix is for?
QString complianceProblem(const YamlNode& root, const YamlNode& svc, FixKind kind)
{
    const auto get = [&](const char* key) { return svc.get(QLatin1String(key)); };
    switch (kind) {
    case FixKind::NoNewPrivileges:
        if (!strings(get("security_opt")).contains(QLatin1String("no-new-privileges:true")))
            return QStringLiteral("security_opt lacks no-new-privileges:true");
        if (strings(get("security_opt")).contains(QLatin1String("no-new-privileges:false")))
            return QStringLiteral("security_opt still has no-new-privileges:false");
        return {};
    case FixKind::CapDropAll:
        return strings(get("cap_drop")).contains(QLatin1String("ALL")) ? QString() : QStringLiteral("cap_drop lacks ALL");
    case FixKind::DropPrivileges:
        if (scalarOf(get("privileged")) == QLatin1String("true"))
            return QStringLiteral("still privileged");
        for (const auto& cap : strings(get("cap_add")))
            if (defaultDangerousCapabilities().contains(cap))
                return QStringLiteral("still adds ") + cap;
        return {};
    case FixKind::ReadOnlyRootfs:
        if (scalarOf(get("read_only")) != QLatin1String("true"))
            return QStringLiteral("read_only is not true");
        return strings(get("tmpfs")).contains(QLatin1String("/tmp")) ? QString() : QStringLiteral("no tmpfs on /tmp");
    case FixKind::MemoryLimit: {
        const auto mem = parseComposeByteSize(scalarOf(get("mem_limit")));
        const YamlNode* deploy = get("deploy");
        const YamlNode* res = deploy ? deploy->get(QLatin1String("resources")) : nullptr;
        const YamlNode* limits = res ? res->get(QLatin1String("limits")) : nullptr;
        const auto lim = limits ? parseComposeByteSize(scalarOf(limits->get(QLatin1String("memory")))) : std::nullopt;
        const qint64 ceiling = 2LL << 30;
        if (!mem && !lim)
            return QStringLiteral("no memory limit");
        if ((mem && *mem > ceiling) || (lim && *lim > ceiling))
            return QStringLiteral("limit above 2g");
        if (limits && !lim)
            return QStringLiteral("deploy limits without memory (Compose v1 would drop mem_limit)");
        if (mem && lim && *mem != *lim)
            return QStringLiteral("mem_limit and deploy limit differ");
        return {};
    }
    case FixKind::LoopbackPorts:
        for (const auto& item : get("ports") ? get("ports")->items() : QList<YamlNode>{})
            if (!item.isScalar() || !item.scalar().startsWith(QLatin1String("127.0.0.1:")))
                return QStringLiteral("port not on loopback: ") + dump(item);
        return {};
    case FixKind::InfraNet: {
        if (get("network_mode"))
            return QStringLiteral("network_mode still set");
        const YamlNode* nets = get("networks");
        const bool ok = nets && ((nets->isSequence() && strings(nets) == QStringList{QStringLiteral("infra_net")})
                                 || (nets->isMapping() && nets->pairs().size() == 1
                                     && nets->pairs().constFirst().first.scalar() == QLatin1String("infra_net")));
        if (!ok)
            return QStringLiteral("networks is not just infra_net");
        const YamlNode* top = root.get(QLatin1String("networks"));
        return top && top->get(QLatin1String("infra_net")) ? QString() : QStringLiteral("infra_net not declared");
    }
    case FixKind::RemoveHostNamespaces:
        for (const char* key : {"pid", "ipc", "network_mode"})
            if (scalarOf(get(key)) == QLatin1String("host"))
                return QString::fromLatin1(key) + QStringLiteral(": host still set");
        return {};
    case FixKind::BindMount:
        for (const auto& item : get("volumes") ? get("volumes")->items() : QList<YamlNode>{}) {
            if (item.isScalar() && !item.scalar().startsWith(QLatin1Char('/')) && !item.scalar().startsWith(QLatin1Char('.')))
                return QStringLiteral("still a named volume: ") + item.scalar();
            if (item.isMapping() && scalarOf(item.get(QLatin1String("type"))) != QLatin1String("bind"))
                return QStringLiteral("long-form volume is not a bind");
        }
        return {};
    case FixKind::ChmodAdvice:
        return {};
    }
    return {};
}

QStringList commentLines(const QByteArray& text)
{
    QStringList out;
    for (const QByteArray& line : text.split('\n'))
        if (line.trimmed().startsWith('#'))
            out << QString::fromUtf8(line.trimmed());
    return out;
}

FixOptions testOptions()
{
    FixOptions o;
    o.bindSources.insert(QStringLiteral("webdata"), QStringLiteral("/srv/web"));
    o.bindSources.insert(QStringLiteral("cachedata"), QStringLiteral("/srv/cache"));
    return o;
}

} // namespace

class TestComposeFix final : public QObject {
    Q_OBJECT
private slots:
    void everyFix_data();
    void everyFix();
    void exactEdits_data();
    void exactEdits();
    void brokenYamlIsRefusedWithItsPosition();
    void unknownServiceIsNamed();
    void bindMountNeedsAHostPath();
    void anchorsStayUntouched();
    void multiFileEditsTheFileThatSetsTheKey();
    void severalFixesMakeOnePatch();
    void controlsMapToFixes();
    void infraNetIsExternalWhenTheHostHasIt();
};

void TestComposeFix::everyFix_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("kind");
    const QList<std::pair<const char*, const char*>> targets{
        {"basic.yml", "web"}, {"basic.yml", "db"},     {"anchors.yml", "api"}, {"anchors.yml", "worker"},
        {"flow.yml", "proxy"}, {"flow.yml", "empty"},  {"crlf.yml", "app"},    {"deploy.yml", "cache"},
        {"multi/compose.yml", "app"}, {"multi/compose.override.yml", "app"},
    };
    for (const auto& [file, service] : targets) {
        for (int k = 0; k <= static_cast<int>(FixKind::BindMount); ++k) {
            const QString tag = QStringLiteral("%1/%2/%3").arg(QLatin1String(file), QLatin1String(service),
                                                               fixKindName(static_cast<FixKind>(k)));
            QTest::newRow(qPrintable(tag)) << QString::fromLatin1(file) << QString::fromLatin1(service) << k;
        }
    }
}

void TestComposeFix::everyFix()
{
    QFETCH(QString, file);
    QFETCH(QString, service);
    QFETCH(int, kind);
    const auto fix = static_cast<FixKind>(kind);
    const QByteArray before = readData(file);
    auto fixed = applyComposeFix(before, service, fix, testOptions(), file);
    QVERIFY2(fixed.ok(), qPrintable(fixed.errorMessage()));
    const QByteArray after = *fixed;
    if (qEnvironmentVariableIsSet("BULWARK_SHOW_DIFFS"))
        qInfo().noquote() << unifiedDiff(before, after, file, file);

    // Compose would now read a compliant service.
    auto tree = parseYaml(after, file);
    QVERIFY2(tree.ok(), qPrintable(tree.errorMessage()));
    const YamlNode* svc = serviceOf(*tree, service);
    QVERIFY(svc);
    const QString problem = complianceProblem(*tree, *svc, fix);
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral("\n") + QString::fromUtf8(after)));

    // Nothing else changed: other services read the same, every comment is still there.
    auto original = parseYaml(before, file);
    QVERIFY(original.ok());
    for (const auto& [k, v] : original->get(QLatin1String("services"))->pairs()) {
        if (k.scalar() == service)
            continue;
        QCOMPARE(dump(*serviceOf(*tree, k.scalar())), dump(v));
    }
    QCOMPARE(commentLines(after), commentLines(before));

    // Line endings are the file's own.
    if (before.contains("\r\n"))
        QCOMPARE(after.count('\n'), after.count("\r\n"));
    else
        QVERIFY(!after.contains('\r'));

    // Idempotent: fixing the fixed file changes nothing.
    auto again = applyComposeFix(after, service, fix, testOptions(), file);
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(QString::fromUtf8(*again), QString::fromUtf8(after));
}

void TestComposeFix::exactEdits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("replace :false in place, keeping the comment")
        << QByteArray("services:\n  a:\n    security_opt:\n      - no-new-privileges:false  # was off\n")
        << QStringLiteral("a") << static_cast<int>(FixKind::NoNewPrivileges)
        << QByteArray("services:\n  a:\n    security_opt:\n      - no-new-privileges:true  # was off\n");
    QTest::newRow("append to an existing block list")
        << QByteArray("services:\n  a:\n    security_opt:\n      - label:disable\n    image: x\n")
        << QStringLiteral("a") << static_cast<int>(FixKind::NoNewPrivileges)
        << QByteArray("services:\n  a:\n    security_opt:\n      - label:disable\n      - no-new-privileges:true\n    image: x\n");
    QTest::newRow("append to a flow list")
        << QByteArray("services:\n  a:\n    cap_drop: [NET_RAW]\n") << QStringLiteral("a")
        << static_cast<int>(FixKind::CapDropAll) << QByteArray("services:\n  a:\n    cap_drop: [NET_RAW, ALL]\n");
    QTest::newRow("new key at the end of the service, indentless style")
        << QByteArray("services:\n  a:\n    ports:\n    - \"80:80\"\n  b:\n    image: y\n") << QStringLiteral("a")
        << static_cast<int>(FixKind::CapDropAll)
        << QByteArray("services:\n  a:\n    ports:\n    - \"80:80\"\n    cap_drop:\n    - ALL\n  b:\n    image: y\n");
    QTest::newRow("ports keep their quoting")
        << QByteArray("services:\n  a:\n    ports:\n      - '8080:80'\n      - \"0.0.0.0:53:53/udp\"\n      - 9000\n")
        << QStringLiteral("a") << static_cast<int>(FixKind::LoopbackPorts)
        << QByteArray("services:\n  a:\n    ports:\n      - '127.0.0.1:8080:80'\n      - \"127.0.0.1:53:53/udp\"\n"
                      "      - \"127.0.0.1::9000\"\n");
    QTest::newRow("long-form port becomes the short form Compose v1 accepts")
        << QByteArray("services:\n  a:\n    ports:\n      - target: 80\n        published: 8080\n        protocol: udp\n")
        << QStringLiteral("a") << static_cast<int>(FixKind::LoopbackPorts)
        << QByteArray("services:\n  a:\n    ports:\n      - \"127.0.0.1:8080:80/udp\"\n");
    QTest::newRow("host namespaces removed, comments kept")
        << QByteArray("services:\n  a:\n    # shares pid\n    pid: host\n    ipc: host # and ipc\n    image: x\n")
        << QStringLiteral("a") << static_cast<int>(FixKind::RemoveHostNamespaces)
        << QByteArray("services:\n  a:\n    # shares pid\n    image: x\n");
    QTest::newRow("infra_net declared at top level with its name")
        << QByteArray("services:\n  a:\n    image: x\n") << QStringLiteral("a") << static_cast<int>(FixKind::InfraNet)
        << QByteArray("services:\n  a:\n    image: x\n    networks:\n      - infra_net\nnetworks:\n  infra_net:\n    name: infra_net\n");
    QTest::newRow("memory: limits block gets the memory mem_limit has")
        << QByteArray("services:\n  a:\n    mem_limit: 512m\n    deploy:\n      resources:\n        limits:\n          cpus: \"1\"\n")
        << QStringLiteral("a") << static_cast<int>(FixKind::MemoryLimit)
        << QByteArray("services:\n  a:\n    mem_limit: 512m\n    deploy:\n      resources:\n        limits:\n          cpus: \"1\"\n"
                      "          memory: 512m\n");
    QTest::newRow("memory: too high is lowered to the ceiling")
        << QByteArray("services:\n  a:\n    mem_limit: \"4g\"\n") << QStringLiteral("a") << static_cast<int>(FixKind::MemoryLimit)
        << QByteArray("services:\n  a:\n    mem_limit: \"2g\"\n");
    QTest::newRow("read_only false flipped and /tmp added to tmpfs")
        << QByteArray("services:\n  a:\n    read_only: false\n    tmpfs: /run\n") << QStringLiteral("a")
        << static_cast<int>(FixKind::ReadOnlyRootfs)
        << QByteArray("services:\n  a:\n    read_only: true\n    tmpfs:\n      - /run\n      - /tmp\n");
    QTest::newRow("no final newline")
        << QByteArray("services:\n  a:\n    image: x") << QStringLiteral("a") << static_cast<int>(FixKind::CapDropAll)
        << QByteArray("services:\n  a:\n    image: x\n    cap_drop:\n      - ALL\n");
    QTest::newRow("flow service mapping")
        << QByteArray("services:\n  a: {image: x}\n") << QStringLiteral("a") << static_cast<int>(FixKind::ReadOnlyRootfs)
        << QByteArray("services:\n  a: {image: x, read_only: true, tmpfs: [/tmp]}\n");
    QTest::newRow("dangerous caps removed, harmless kept")
        << QByteArray("services:\n  a:\n    privileged: true\n    cap_add:\n      - SYS_ADMIN\n      - CHOWN\n      - CAP_NET_ADMIN\n")
        << QStringLiteral("a") << static_cast<int>(FixKind::DropPrivileges)
        << QByteArray("services:\n  a:\n    cap_add:\n      - CHOWN\n");
}

void TestComposeFix::exactEdits()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, service);
    QFETCH(int, kind);
    QFETCH(QByteArray, expected);
    auto fixed = applyComposeFix(input, service, static_cast<FixKind>(kind), testOptions());
    QVERIFY2(fixed.ok(), qPrintable(fixed.errorMessage()));
    QCOMPARE(QString::fromUtf8(*fixed), QString::fromUtf8(expected));
    auto again = applyComposeFix(*fixed, service, static_cast<FixKind>(kind), testOptions());
    QVERIFY(again.ok());
    QCOMPARE(QString::fromUtf8(*again), QString::fromUtf8(expected));
}

void TestComposeFix::brokenYamlIsRefusedWithItsPosition()
{
    auto r = applyComposeFix(readData(QStringLiteral("broken.yml")), QStringLiteral("app"), FixKind::CapDropAll, {},
                             QStringLiteral("broken.yml"));
    QVERIFY(!r.ok());
    QVERIFY2(r.errorMessage().startsWith(QLatin1String("broken.yml:")), qPrintable(r.errorMessage()));
}

void TestComposeFix::unknownServiceIsNamed()
{
    auto r = applyComposeFix(readData(QStringLiteral("basic.yml")), QStringLiteral("nope"), FixKind::CapDropAll, {},
                             QStringLiteral("basic.yml"));
    QVERIFY(!r.ok());
    QVERIFY(r.errorMessage().contains(QLatin1String("\"nope\"")));
}

void TestComposeFix::bindMountNeedsAHostPath()
{
    auto r = applyComposeFix(readData(QStringLiteral("basic.yml")), QStringLiteral("web"), FixKind::BindMount, {},
                             QStringLiteral("basic.yml"));
    QVERIFY(!r.ok());
    QVERIFY2(r.errorMessage().contains(QLatin1String("webdata")) && r.errorMessage().contains(QLatin1String("--bind")),
             qPrintable(r.errorMessage()));
    FixOptions bad;
    bad.bindSources.insert(QStringLiteral("webdata"), QStringLiteral("relative/path"));
    QVERIFY(!applyComposeFix(readData(QStringLiteral("basic.yml")), QStringLiteral("web"), FixKind::BindMount, bad).ok());
}

void TestComposeFix::anchorsStayUntouched()
{
    const QByteArray before = readData(QStringLiteral("anchors.yml"));
    auto r = applyComposeFixes(before, QStringLiteral("api"),
                               {FixKind::NoNewPrivileges, FixKind::CapDropAll, FixKind::MemoryLimit, FixKind::LoopbackPorts});
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    // The anchored blocks are byte for byte the same: the service got its own overriding keys.
    const qsizetype servicesAt = before.indexOf("services:");
    QCOMPARE(r->left(servicesAt), before.left(servicesAt));
    auto tree = parseYaml(*r, QStringLiteral("anchors.yml"));
    QVERIFY(tree.ok());
    QCOMPARE(strings(serviceOf(*tree, QStringLiteral("worker"))->get(QLatin1String("security_opt"))),
             QStringList{QStringLiteral("no-new-privileges:false")});
    QCOMPARE(strings(serviceOf(*tree, QStringLiteral("api"))->get(QLatin1String("cap_drop"))),
             (QStringList{QStringLiteral("NET_RAW"), QStringLiteral("ALL")}));
}

void TestComposeFix::multiFileEditsTheFileThatSetsTheKey()
{
    const QByteArray base = readData(QStringLiteral("multi/compose.yml"));
    const QByteArray override = readData(QStringLiteral("multi/compose.override.yml"));
    QVERIFY(composeDefinesService(base, QStringLiteral("app")));
    QVERIFY(composeDefinesService(override, QStringLiteral("app")));
    QVERIFY(!composeDefinesService(override, QStringLiteral("side")));
    QVERIFY(composeServiceSetsAnyKey(base, QStringLiteral("app"), fixKeys(FixKind::RemoveHostNamespaces)));
    QVERIFY(!composeServiceSetsAnyKey(override, QStringLiteral("app"), fixKeys(FixKind::RemoveHostNamespaces)));
    QVERIFY(composeServiceSetsAnyKey(override, QStringLiteral("app"), fixKeys(FixKind::NoNewPrivileges)));
}

void TestComposeFix::severalFixesMakeOnePatch()
{
    const QByteArray before = readData(QStringLiteral("basic.yml"));
    QList<FixKind> all;
    for (int k = 0; k <= static_cast<int>(FixKind::BindMount); ++k)
        all << static_cast<FixKind>(k);
    auto r = applyComposeFixes(before, QStringLiteral("web"), all, testOptions(), QStringLiteral("basic.yml"));
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    auto tree = parseYaml(*r, QStringLiteral("basic.yml"));
    QVERIFY(tree.ok());
    for (const FixKind k : std::as_const(all)) {
        const QString problem = complianceProblem(*tree, *serviceOf(*tree, QStringLiteral("web")), k);
        QVERIFY2(problem.isEmpty(), qPrintable(fixKindName(k) + QStringLiteral(": ") + problem));
    }
    const QString diff = unifiedDiff(before, *r, QStringLiteral("a/basic.yml"), QStringLiteral("b/basic.yml"));
    QVERIFY(diff.startsWith(QLatin1String("--- a/basic.yml\n+++ b/basic.yml\n@@ ")));
    auto again = applyComposeFixes(*r, QStringLiteral("web"), all, testOptions());
    QVERIFY(again.ok());
    QCOMPARE(*again, *r);
}

void TestComposeFix::controlsMapToFixes()
{
    QCOMPARE(fixForControl(QStringLiteral("SEC-01")), std::optional<FixKind>(FixKind::NoNewPrivileges));
    QCOMPARE(fixForControl(QStringLiteral("AC-HARD-01")), std::optional<FixKind>(FixKind::NoNewPrivileges));
    QCOMPARE(fixForControl(QStringLiteral("AC-HARD-02")), std::optional<FixKind>(FixKind::MemoryLimit));
    QCOMPARE(fixForControl(QStringLiteral("ST-02")), std::optional<FixKind>(FixKind::ChmodAdvice));
    QVERIFY(!fixForControl(QStringLiteral("OBS-01")));
    QVERIFY(!fixForControl(QStringLiteral("REQ-HARD-02")));
    for (int k = 0; k <= static_cast<int>(FixKind::ChmodAdvice); ++k) {
        const auto kind = static_cast<FixKind>(k);
        QCOMPARE(fixKindFromName(fixKindName(kind)), std::optional<FixKind>(kind));
        QVERIFY(!controlsForFix(kind).isEmpty());
    }
}

void TestComposeFix::infraNetIsExternalWhenTheHostHasIt()
{
    FixOptions o;
    o.networkExternal = true;
    auto r = applyComposeFix("services:\n  a:\n    image: x\n", QStringLiteral("a"), FixKind::InfraNet, o);
    QVERIFY(r.ok());
    QCOMPARE(QString::fromUtf8(*r), QStringLiteral("services:\n  a:\n    image: x\n    networks:\n      - infra_net\n"
                                                   "networks:\n  infra_net:\n    name: infra_net\n    external: true\n"));
    auto flow = applyComposeFix("services:\n  a:\n    image: x\nnetworks: {front: {}}\n", QStringLiteral("a"), FixKind::InfraNet, o);
    QVERIFY(flow.ok());
    QVERIFY(flow->endsWith("networks: {front: {}, infra_net: {name: infra_net, external: true}}\n"));
}

QTEST_GUILESS_MAIN(TestComposeFix)
#include "tst_composefix.moc"
