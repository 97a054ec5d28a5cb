// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/fleetfile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;

class TestFleetFile final : public QObject {
    Q_OBJECT
private slots:
    void parsesACompleteFleet()
    {
        const QByteArray yaml = R"(# lab
hosts:
  - name: lab-1
    url: ssh://root@127.0.0.1:22201
    socket: /tmp/bulwark-lab/h1/docker.sock
    identity: keys/id_ed25519
    known_hosts: ~/.ssh/known_hosts
    labels: {env: lab, role: infra}
  - name: local
    url: unix:///var/run/docker.sock
prometheus:
  url: http://127.0.0.1:29090
loki:
  url: http://127.0.0.1:23100
  tenant: lab
)";
        auto fleet = FleetFile::parse(yaml, QStringLiteral("fleet.yaml"), QStringLiteral("/etc/bulwark"));
        QVERIFY2(fleet.ok(), qPrintable(fleet.errorMessage()));
        QCOMPARE(fleet->hosts.size(), 2);
        const HostEntry& lab = fleet->hosts[0];
        QCOMPARE(lab.transport, HostEntry::Transport::Ssh);
        QCOMPARE(lab.sshDestination(), QStringLiteral("root@127.0.0.1"));
        QCOMPARE(lab.sshPort, 22201);
        QCOMPARE(lab.socket, QStringLiteral("/tmp/bulwark-lab/h1/docker.sock"));
        QCOMPARE(lab.identity, QStringLiteral("/etc/bulwark/keys/id_ed25519"));
        QVERIFY(lab.knownHosts.endsWith(QLatin1String("/.ssh/known_hosts")));
        QVERIFY(!lab.knownHosts.startsWith(QLatin1Char('~')));
        QCOMPARE(lab.labels.value(QStringLiteral("role")), QStringLiteral("infra"));
        const HostEntry& local = fleet->hosts[1];
        QVERIFY(local.isLocal());
        QCOMPARE(local.unixPath, QStringLiteral("/var/run/docker.sock"));
        QCOMPARE(local.socket, QStringLiteral("/var/run/docker.sock"));
        QVERIFY(fleet->prometheus.has_value());
        QCOMPARE(fleet->loki->tenant, QStringLiteral("lab"));
    }

    void urlForms_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<int>("port");
        QTest::newRow("alias") << "ssh://prod-db" << true << "prod-db" << 0;
        QTest::newRow("user@host") << "ssh://ops@db.example.org" << true << "ops@db.example.org" << 0;
        QTest::newRow("port") << "ssh://10.0.0.7:2222" << true << "10.0.0.7" << 2222;
        QTest::newRow("ipv6") << "ssh://admin@[::1]:22" << true << "admin@::1" << 22;
        QTest::newRow("unix") << "unix:///run/docker.sock" << true << "" << 0;
        QTest::newRow("tcp refused") << "tcp://10.0.0.1:2375" << false << "" << 0;
        QTest::newRow("relative unix") << "unix://run/docker.sock" << false << "" << 0;
        QTest::newRow("port range") << "ssh://h:70000" << false << "" << 0;
        QTest::newRow("option injection") << "ssh://-oProxyCommand=x" << false << "" << 0;
        QTest::newRow("path") << "ssh://host/extra/path" << false << "" << 0;
    }

    void urlForms()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        QFETCH(QString, destination);
        QFETCH(int, port);
        HostEntry entry;
        entry.name = QStringLiteral("h");
        entry.url = url;
        const auto result = FleetFile::resolveUrl(entry);
        QCOMPARE(result.ok(), valid);
        if (valid && !entry.isLocal()) {
            QCOMPARE(entry.sshDestination(), destination);
            QCOMPARE(entry.sshPort, port);
        }
    }

    void errorsNameLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected"); // a fragment of the message, with the position

        QTest::newRow("broken yaml") << QByteArray("hosts:\n  - name: a\n    url: [unclosed\n") << "fleet.yaml:";
        QTest::newRow("hosts not a list") << QByteArray("hosts: nope\n") << "fleet.yaml:1:8: 'hosts' must be a list";
        QTest::newRow("unknown top key") << QByteArray("hosts: []\nhost: []\n") << "fleet.yaml:2:1: unknown key 'host'";
        QTest::newRow("missing url") << QByteArray("hosts:\n  - name: a\n") << "fleet.yaml:2:5: host 'a' has no 'url'";
        QTest::newRow("typo in host key")
            << QByteArray("hosts:\n  - name: a\n    url: unix:///x\n    sockett: /y\n") << "fleet.yaml:4:5: unknown host key 'sockett'";
        QTest::newRow("duplicate name")
            << QByteArray("hosts:\n  - {name: a, url: 'unix:///x'}\n  - {name: a, url: 'unix:///y'}\n")
            << "fleet.yaml:3:6: host name 'a' is used twice";
        QTest::newRow("bad scheme") << QByteArray("hosts:\n  - name: a\n    url: tcp://1.2.3.4:2375\n")
                                    << "must start with unix:// or ssh://";
        QTest::newRow("no hosts") << QByteArray("prometheus: {url: 'http://127.0.0.1:9090'}\n") << "no 'hosts' list";
        QTest::newRow("bad prometheus url") << QByteArray("hosts: []\nprometheus: {url: 'ftp://x'}\n")
                                            << "fleet.yaml:2:14: 'url' must be an http";
        QTest::newRow("password in the fleet file")
            << QByteArray("hosts: []\nloki:\n  url: 'http://127.0.0.1:3100'\n  password: hunter2\n")
            << "fleet.yaml:4:3: 'password' does not belong in the fleet file: secrets live in the keychain only";
        QTest::newRow("not a mapping") << QByteArray("- a\n- b\n") << "fleet.yaml:1:3: the fleet file must be a mapping";
    }

    void errorsNameLineAndColumn()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto fleet = FleetFile::parse(yaml, QStringLiteral("fleet.yaml"));
        QVERIFY(!fleet.ok());
        QVERIFY2(fleet.errorMessage().contains(expected), qPrintable(fleet.errorMessage()));
    }

    void brokenYamlNamesAPosition()
    {
        const auto fleet = FleetFile::parse("hosts:\n  - name: a\n    url: [unclosed\n", QStringLiteral("f.yaml"));
        QVERIFY(!fleet.ok());
        static const QRegularExpression position(QStringLiteral("^f\\.yaml:\\d+:\\d+: "));
        QVERIFY2(position.match(fleet.errorMessage()).hasMatch(), qPrintable(fleet.errorMessage()));
    }

    void saveThenLoadRoundTrips()
    {
        QTemporaryDir dir;
        FleetConfig config;
        HostEntry h;
        h.name = QStringLiteral("edge-1");
        h.url = QStringLiteral("ssh://ops@edge-1.example.org:2200");
        h.socket = QStringLiteral("/run/user/1000/docker.sock");
        h.identity = QStringLiteral("/home/ops/.ssh/id \"quoted\"");
        h.labels.insert(QStringLiteral("site"), QStringLiteral("fra: 1"));
        config.hosts.append(h);
        config.loki = LokiEndpoint{QStringLiteral("http://127.0.0.1:3100"), QStringLiteral("ops"), QStringLiteral("probe")};
        const QString path = dir.filePath(QStringLiteral("fleet.yaml"));
        QVERIFY(FleetFile::save(config, path).ok());
        auto loaded = FleetFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->hosts.size(), 1);
        QCOMPARE(loaded->hosts[0].url, h.url);
        QCOMPARE(loaded->hosts[0].identity, h.identity);
        QCOMPARE(loaded->hosts[0].socket, h.socket);
        QCOMPARE(loaded->hosts[0].labels, h.labels);
        QCOMPARE(loaded->loki->tenant, QStringLiteral("ops"));
        QCOMPARE(loaded->loki->username, QStringLiteral("probe"));
    }

    void missingFileIsAClearError()
    {
        const auto fleet = FleetFile::load(QStringLiteral("/nonexistent/fleet.yaml"));
        QVERIFY(!fleet.ok());
        QVERIFY(fleet.errorMessage().contains(QLatin1String("/nonexistent/fleet.yaml")));
    }
};

QTEST_GUILESS_MAIN(TestFleetFile)
#include "tst_fleetfile.moc"
