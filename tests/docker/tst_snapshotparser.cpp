// SPDX-License-Identifier: GPL-3.0-or-later
#include "docker/snapshotparser.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bulwark;

namespace {

QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(BULWARK_TEST_DATA "/docker/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

bool hasPort(const QList<PortBinding>& ports, const QString& port, const QString& ip, const QString& hostPort)
{
    for (const auto& p : ports)
        if (p.containerPort == port && p.hostIp == ip && p.hostPort == hostPort)
            return true;
    return false;
}

} // namespace

class TestSnapshotParser final : public QObject {
    Q_OBJECT
private slots:
    void inspectFixtures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("privileged");
        QTest::addColumn<QString>("pidMode");
        QTest::addColumn<QString>("ipcMode");
        QTest::addColumn<QString>("networkMode");
        QTest::addColumn<QStringList>("securityOpt");
        QTest::addColumn<QStringList>("capAdd");
        QTest::addColumn<QStringList>("capDrop");
        QTest::addColumn<bool>("started");
        QTest::addColumn<int>("exitCode");

        QTest::newRow("running, hardened") << "inspect_web-local.json" << "web-local" << "running" << false << ""
                                           << "private" << "connnet" << QStringList{"no-new-privileges"}
                                           << QStringList{"CAP_NET_BIND_SERVICE"} << QStringList{"ALL"} << true << 0;
        QTest::newRow("host namespaces") << "inspect_hostns.json" << "hostns" << "running" << false << "host"
                                         << "host" << "host"
                                         << QStringList{"seccomp=unconfined", "apparmor=unconfined", "label=disable"}
                                         << QStringList{} << QStringList{} << true << 0;
        QTest::newRow("container: network")
            << "inspect_sidecar.json" << "sidecar" << "running" << false << "" << "private"
            << "container:ccc7c7f35abe42fe971bb3d803194daa23f056d18e3ab608a038199ff01cae5b"
            << QStringList{"no-new-privileges:true"} << QStringList{} << QStringList{} << true << 0;
        QTest::newRow("mounts") << "inspect_mounts.json" << "mounts" << "running" << false << "" << "private"
                                << "none" << QStringList{"no-new-privileges=true"} << QStringList{} << QStringList{}
                                << true << 0;
        QTest::newRow("privileged, created") << "inspect_priv-created.json" << "priv-created" << "created" << true
                                             << "" << "private" << "connnet" << QStringList{"label=disable"}
                                             << QStringList{"CAP_NET_ADMIN", "CAP_SYS_ADMIN"} << QStringList{}
                                             << false << 0;
        QTest::newRow("exited 3") << "inspect_exited3.json" << "exited3" << "exited" << false << "" << "private"
                                  << "none" << QStringList{} << QStringList{} << QStringList{} << true << 3;
    }

    void inspectFixtures()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(QString, state);
        QFETCH(bool, privileged);
        QFETCH(QString, pidMode);
        QFETCH(QString, ipcMode);
        QFETCH(QString, networkMode);
        QFETCH(QStringList, securityOpt);
        QFETCH(QStringList, capAdd);
        QFETCH(QStringList, capDrop);
        QFETCH(bool, started);
        QFETCH(int, exitCode);

        const QByteArray json = fixture(file);
        auto c = SnapshotParser::parseContainerInspect(json);
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QCOMPARE(c->name, name);
        QCOMPARE(c->state, state);
        QCOMPARE(c->isRunning(), state == QLatin1String("running"));
        QCOMPARE(c->privileged, privileged);
        QCOMPARE(c->pidMode, pidMode);
        QCOMPARE(c->ipcMode, ipcMode);
        QCOMPARE(c->networkMode, networkMode);
        QCOMPARE(c->securityOpt, securityOpt);
        QCOMPARE(c->capAdd, capAdd);
        QCOMPARE(c->capDrop, capDrop);
        QCOMPARE(c->startedAt.isValid(), started);
        QCOMPARE(c->exitCode, exitCode);
        QCOMPARE(c->id.size(), 64);
        QCOMPARE(c->image, QStringLiteral("conn/busybox"));
        QVERIFY(c->imageId.startsWith(QLatin1String("sha256:")));
        QVERIFY(c->createdAt.isValid());

        // rawInspect: the same document, compact, keys in the engine's order.
        QVERIFY(!c->rawInspect.contains('\n'));
        QVERIFY(c->rawInspect.size() < json.size());
        QCOMPARE(QJsonDocument::fromJson(c->rawInspect), QJsonDocument::fromJson(json));
        QVERIFY(c->rawInspect.startsWith("{\"Id\":"));
    }

    void hardenedContainerDetails()
    {
        auto c = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_web-local.json")));
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QVERIFY(c->readonlyRootfs);
        QCOMPARE(c->memoryLimitBytes, 64LL * 1024 * 1024);
        QCOMPARE(c->tmpfs.value(QStringLiteral("/run")), QStringLiteral("rw,size=1m"));
        QCOMPARE(c->label(QStringLiteral("com.docker.compose.project")), QStringLiteral("demo"));
        QCOMPARE(c->exposedPorts, QStringList{QStringLiteral("80/tcp")});
        QVERIFY(hasPort(c->portBindings, QStringLiteral("80/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("18080")));
        QVERIFY(hasPort(c->publishedPorts, QStringLiteral("80/tcp"), QStringLiteral("127.0.0.1"), QStringLiteral("18080")));
        QCOMPARE(c->networks.size(), 1);
        QCOMPARE(c->networks[0].name, QStringLiteral("connnet"));
        QVERIFY(c->networks[0].ipAddress.startsWith(QLatin1String("10.213.0.")));
        QVERIFY(!c->hasHealthcheck);
        QVERIFY(c->healthStatus.isEmpty());
    }

    void portsOnAllInterfaces()
    {
        // Created only: what was asked for is in PortBindings; nothing is bound yet.
        auto c = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_priv-created.json")));
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QCOMPARE(c->portBindings.size(), 3);
        QVERIFY(hasPort(c->portBindings, QStringLiteral("80/tcp"), QStringLiteral("0.0.0.0"), QStringLiteral("18081")));
        QVERIFY(hasPort(c->portBindings, QStringLiteral("81/udp"), QStringLiteral("::"), QStringLiteral("18082")));
        QVERIFY(hasPort(c->portBindings, QStringLiteral("82/tcp"), QString(), QStringLiteral("18083")));
        QVERIFY(c->publishedPorts.isEmpty());
    }

    void ephemeralAndExposedOnlyPorts()
    {
        auto c = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_pub-all.json")));
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        // 9000/tcp is exposed but not published (null in NetworkSettings.Ports): not a binding.
        QCOMPARE(c->publishedPorts.size(), 1);
        QCOMPARE(c->publishedPorts[0].containerPort, QStringLiteral("80/tcp"));
        QCOMPARE(c->publishedPorts[0].hostIp, QStringLiteral("127.0.0.1"));
        QVERIFY(!c->publishedPorts[0].hostPort.isEmpty());
        QCOMPARE(c->portBindings[0].hostPort, QString());
        QCOMPARE(c->exposedPorts, (QStringList{QStringLiteral("80/tcp"), QStringLiteral("9000/tcp")}));
    }

    void mountKinds()
    {
        auto c = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_mounts.json")));
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QCOMPARE(c->mounts.size(), 3);
        QCOMPARE(c->memoryReservationBytes, 32LL * 1024 * 1024);
        QMap<QString, MountPoint> byType;
        for (const auto& m : c->mounts)
            byType.insert(m.type, m);
        QCOMPARE(byType.value(QStringLiteral("bind")).source, QStringLiteral("/tmp/conn-d/bindsrc"));
        QCOMPARE(byType.value(QStringLiteral("bind")).destination, QStringLiteral("/data"));
        QVERIFY(!byType.value(QStringLiteral("bind")).readWrite);
        QCOMPARE(byType.value(QStringLiteral("volume")).name, QStringLiteral("conndata"));
        QVERIFY(byType.value(QStringLiteral("volume")).readWrite);
        QCOMPARE(byType.value(QStringLiteral("tmpfs")).destination, QStringLiteral("/scratch"));
        QVERIFY(c->networks.size() == 1 && c->networks[0].name == QLatin1String("none"));
    }

    void healthAndUser()
    {
        auto c = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_sidecar.json")));
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QVERIFY(c->hasHealthcheck);
        QCOMPARE(c->healthStatus, QStringLiteral("healthy"));
        QCOMPARE(c->user, QStringLiteral("1000:1000"));
        // A container sharing another's network namespace has no networks of its own.
        QVERIFY(c->networks.isEmpty());
    }

    void missingAndNullFieldsTakeDefaults_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("only id") << QByteArray(R"({"Id":"abc"})");
        QTest::newRow("nulls everywhere")
            << QByteArray(R"({"Id":"abc","Name":null,"State":null,"Config":{"Labels":null,"Healthcheck":null,)"
                          R"("ExposedPorts":null},"HostConfig":{"SecurityOpt":null,"CapAdd":null,"PortBindings":null,)"
                          R"("Memory":null,"Tmpfs":null},"NetworkSettings":{"Ports":null,"Networks":null},"Mounts":null})");
        QTest::newRow("null label value") << QByteArray(R"({"Id":"abc","Config":{"Labels":{"a":null}}})");
    }

    void missingAndNullFieldsTakeDefaults()
    {
        QFETCH(QByteArray, json);
        auto c = SnapshotParser::parseContainerInspect(json);
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QCOMPARE(c->id, QStringLiteral("abc"));
        QVERIFY(!c->privileged);
        QVERIFY(c->securityOpt.isEmpty());
        QCOMPARE(c->memoryLimitBytes, 0);
        QVERIFY(c->mounts.isEmpty());
        QVERIFY(!c->startedAt.isValid());
    }

    void badInputIsAClearError_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("truncated") << QByteArray(R"({"Id":"abc","HostConfig":{"Privileged":tr)") << "not valid JSON";
        QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>") << "at byte 1 of 28";
        QTest::newRow("array") << QByteArray("[]") << "expected an object";
        QTest::newRow("no id") << QByteArray(R"({"Name":"/x"})") << "Id: missing";
        QTest::newRow("privileged as string")
            << QByteArray(R"({"Id":"abc","HostConfig":{"Privileged":"true"}})") << "HostConfig.Privileged: expected boolean";
        QTest::newRow("secopt not array")
            << QByteArray(R"({"Id":"abc","HostConfig":{"SecurityOpt":"no-new-privileges"}})")
            << "HostConfig.SecurityOpt: expected array";
        QTest::newRow("capadd with number")
            << QByteArray(R"({"Id":"abc","HostConfig":{"CapAdd":["NET_ADMIN",7]}})") << "HostConfig.CapAdd[1]";
        QTest::newRow("bad time") << QByteArray(R"({"Id":"abc","Created":"yesterday"})") << "Created: not an RFC 3339";
        QTest::newRow("ports not array")
            << QByteArray(R"({"Id":"abc","NetworkSettings":{"Ports":{"80/tcp":"x"}}})")
            << "NetworkSettings.Ports.80/tcp: expected array";
        QTest::newRow("memory as float") << QByteArray(R"({"Id":"abc","HostConfig":{"Memory":1.5}})")
                                         << "HostConfig.Memory: expected integer";
    }

    void badInputIsAClearError()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        auto c = SnapshotParser::parseContainerInspect(json);
        QVERIFY(!c.ok());
        QVERIFY2(c.errorMessage().contains(mentions), qPrintable(c.errorMessage()));
        QVERIFY2(c.errorMessage().startsWith(QLatin1String("container inspect reply")), qPrintable(c.errorMessage()));
    }

    void engineInfo()
    {
        auto e = SnapshotParser::parseEngineInfo(fixture(QStringLiteral("info.json")), fixture(QStringLiteral("version.json")));
        QVERIFY2(e.ok(), qPrintable(e.errorMessage()));
        QCOMPARE(e->serverVersion, QStringLiteral("20.10.24+dfsg1"));
        QCOMPARE(e->apiVersion, QStringLiteral("1.41"));
        QCOMPARE(e->cgroupVersion, QStringLiteral("1"));
        QCOMPARE(e->cgroupDriver, QStringLiteral("cgroupfs"));
        QCOMPARE(e->osType, QStringLiteral("linux"));
        QVERIFY(e->cpus > 0);
        QVERIFY(e->memTotalBytes > 0);
        QVERIFY(!e->hostname.isEmpty());
        QVERIFY(!e->dockerRootDir.isEmpty());
        QVERIFY(!e->securityOptions.isEmpty());

        auto bad = SnapshotParser::parseEngineInfo(fixture(QStringLiteral("info.json")), "{\"Version\":3}");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains(QLatin1String("engine version reply: Version: expected string")),
                 qPrintable(bad.errorMessage()));
    }

    void networks()
    {
        auto n = SnapshotParser::parseNetworks(fixture(QStringLiteral("networks.json")));
        QVERIFY2(n.ok(), qPrintable(n.errorMessage()));
        QCOMPARE(n->size(), 3);
        const auto it = std::find_if(n->cbegin(), n->cend(), [](const DockerNetwork& x) { return x.name == QLatin1String("connnet"); });
        QVERIFY(it != n->cend());
        QCOMPARE(it->driver, QStringLiteral("bridge"));
        QCOMPARE(it->subnets, QStringList{QStringLiteral("10.213.0.0/24")});
        QCOMPARE(it->labels.value(QStringLiteral("team")), QStringLiteral("conn"));
        QVERIFY(!it->internal);
        QVERIFY(!SnapshotParser::parseNetworks("{}").ok());
    }

    void containerList()
    {
        auto l = SnapshotParser::parseContainerList(fixture(QStringLiteral("containers_list.json")));
        QVERIFY2(l.ok(), qPrintable(l.errorMessage()));
        QCOMPARE(l->size(), 7);
        QStringList names;
        for (const auto& s : *l) {
            names << s.name;
            QVERIFY(!s.name.startsWith(QLatin1Char('/')));
            QVERIFY(s.createdAt.isValid());
            QVERIFY(!s.status.isEmpty());
        }
        QVERIFY(names.contains(QStringLiteral("exited3")));
        QVERIFY(names.contains(QStringLiteral("priv-created")));
        QVERIFY(!SnapshotParser::parseContainerList("[{\"Names\":[\"/x\"]}]").ok());
    }

    void memoryAsDockerStats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("cacheKey");
        QTest::newRow("v1 no cache") << "stats_v1_web-local.json" << "total_inactive_file";
        QTest::newRow("v1 host limit") << "stats_v1_mounts.json" << "total_inactive_file";
        QTest::newRow("v1 page cache") << "stats_v1_cache.json" << "total_inactive_file";
        QTest::newRow("v2") << "stats_v2_running.json" << "inactive_file";
    }

    void memoryAsDockerStats()
    {
        QFETCH(QString, file);
        QFETCH(QString, cacheKey);
        const QByteArray json = fixture(file);
        auto m = SnapshotParser::parseStats(json);
        QVERIFY2(m.ok(), qPrintable(m.errorMessage()));
        // Independent reading of the same reply with QJsonDocument.
        const QJsonObject mem = QJsonDocument::fromJson(json).object().value(QStringLiteral("memory_stats")).toObject();
        const auto usage = static_cast<qint64>(mem.value(QStringLiteral("usage")).toDouble());
        const auto cache = static_cast<qint64>(mem.value(QStringLiteral("stats")).toObject().value(cacheKey).toDouble());
        QCOMPARE(m->rawUsageBytes, usage);
        QCOMPARE(m->usageBytes, usage - cache);
        QCOMPARE(m->limitBytes, static_cast<qint64>(mem.value(QStringLiteral("limit")).toDouble()));
        QVERIFY(m->sampledAt.isValid());
    }

    void pageCacheIsExcludedLikeDockerStats()
    {
        // `docker stats` showed 936KiB for this container, whose raw usage includes 16 MiB of cache.
        auto m = SnapshotParser::parseStats(fixture(QStringLiteral("stats_v1_cache.json")));
        QVERIFY2(m.ok(), qPrintable(m.errorMessage()));
        QCOMPARE(m->usageBytes, 936LL * 1024);
        QVERIFY(m->rawUsageBytes > 16LL * 1024 * 1024);
    }

    void statsFallbacks_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("usage");
        QTest::newRow("no stats map") << QByteArray(R"({"memory_stats":{"usage":1000,"limit":5000}})") << qint64(1000);
        QTest::newRow("cache larger than usage")
            << QByteArray(R"({"memory_stats":{"usage":1000,"stats":{"total_inactive_file":2000}}})") << qint64(1000);
        QTest::newRow("v1 wins over v2 key")
            << QByteArray(R"({"memory_stats":{"usage":1000,"stats":{"total_inactive_file":100,"inactive_file":300}}})")
            << qint64(900);
        QTest::newRow("v2") << QByteArray(R"({"memory_stats":{"usage":1000,"stats":{"inactive_file":300}}})") << qint64(700);
    }

    void statsFallbacks()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, usage);
        auto m = SnapshotParser::parseStats(json);
        QVERIFY2(m.ok(), qPrintable(m.errorMessage()));
        QCOMPARE(m->usageBytes, usage);
    }

    void stoppedContainerHasNoMemory()
    {
        auto m = SnapshotParser::parseStats(fixture(QStringLiteral("stats_v1_exited.json")));
        QVERIFY(!m.ok());
        QVERIFY2(m.errorMessage().contains(QLatin1String("not running")), qPrintable(m.errorMessage()));
        QVERIFY(!SnapshotParser::parseStats("{\"memory_stats\":{\"usage\":\"big\"}}").ok());
    }

    void unlimitedContainerHasZeroLimit()
    {
        auto m = SnapshotParser::parseStats(fixture(QStringLiteral("stats_v1_mounts.json")));
        auto c = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_mounts.json")));
        QVERIFY(m.ok() && c.ok());
        QVERIFY(m->limitBytes > 0); // the engine reports host memory
        QCOMPARE(SnapshotParser::limitForContainer(*m, *c).limitBytes, 0);
        auto limited = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_web-local.json")));
        auto lm = SnapshotParser::parseStats(fixture(QStringLiteral("stats_v1_web-local.json")));
        QCOMPARE(SnapshotParser::limitForContainer(*lm, *limited).limitBytes, 64LL * 1024 * 1024);
    }

    void events_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("id");
        QTest::newRow("die") << QByteArray(R"({"status":"die","id":"abc","from":"x","Type":"container","Action":"die",)"
                                           R"("Actor":{"ID":"abc","Attributes":{"name":"web","exitCode":"0"}},"scope":"local",)"
                                           R"("time":1,"timeNano":1000})")
                             << "container" << "die" << "abc";
        QTest::newRow("network") << QByteArray(R"({"Type":"network","Action":"connect","Actor":{"ID":"n1"}})")
                                 << "network" << "connect" << "n1";
        QTest::newRow("old style") << QByteArray(R"({"status":"start","id":"abc"})") << "container" << "start" << "abc";
    }

    void events()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, type);
        QFETCH(QString, action);
        QFETCH(QString, id);
        auto e = SnapshotParser::parseEvent(json);
        QVERIFY2(e.ok(), qPrintable(e.errorMessage()));
        QCOMPARE(e->type, type);
        QCOMPARE(e->action, action);
        QCOMPARE(e->id, id);
    }

    void engineErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("message") << QByteArray("{\"message\":\"No such container: x\"}\n") << "No such container: x";
        QTest::newRow("plain text") << QByteArray("page not found\n") << "page not found";
        QTest::newRow("empty") << QByteArray() << "";
        QTest::newRow("other json") << QByteArray("{\"error\":1}") << "{\"error\":1}";
    }

    void engineErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        QCOMPARE(SnapshotParser::engineErrorMessage(body), message);
    }

    void summaryFillsStatusText()
    {
        auto l = SnapshotParser::parseContainerList(fixture(QStringLiteral("containers_list.json")));
        auto c = SnapshotParser::parseContainerInspect(fixture(QStringLiteral("inspect_exited3.json")));
        QVERIFY(l.ok() && c.ok());
        for (const auto& s : *l)
            if (s.id == c->id)
                SnapshotParser::applySummary(*c, s);
        QVERIFY2(c->status.startsWith(QLatin1String("Exited (3)")), qPrintable(c->status));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotParser)
#include "tst_snapshotparser.moc"
