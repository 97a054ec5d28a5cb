// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleet/dockercontexts.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;

class TestDockerContexts final : public QObject {
    Q_OBJECT
private:
    static void writeContext(const QTemporaryDir& dir, const QString& hashDir, const QByteArray& json)
    {
        const QString d = dir.filePath(QStringLiteral("contexts/meta/") + hashDir);
        QVERIFY(QDir().mkpath(d));
        QFile f(d + QStringLiteral("/meta.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
    }

private slots:
    void importsContextsAndDockerHost()
    {
        QTemporaryDir dir;
        // Shapes as `docker context create` writes them.
        writeContext(dir, QStringLiteral("a1"), "{\"Name\":\"prod\",\"Metadata\":{\"Description\":\"db\"},\"Endpoints\":{\"docker\":{\"Host\":\"ssh://ops@10.0.0.7:2222\",\"SkipTLSVerify\":false}}}");
        writeContext(dir, QStringLiteral("b2"), "{\"Name\":\"local\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/user/1000/docker.sock\"}}}");
        writeContext(dir, QStringLiteral("c3"), "{\"Name\":\"tcp\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.0.0.8:2376\"}}}");
        writeContext(dir, QStringLiteral("d4"), "{not json");
        const auto imported = DockerContexts::importFrom(dir.path(), QStringLiteral("ssh://alias-host"));

        QCOMPARE(imported.hosts.size(), 3);
        const HostEntry& env = imported.hosts[0];
        QCOMPARE(env.name, QStringLiteral("docker-host"));
        QCOMPARE(env.sshDestination(), QStringLiteral("alias-host"));
        QCOMPARE(env.labels.value(QStringLiteral("imported-from")), QStringLiteral("DOCKER_HOST"));

        const HostEntry* prod = nullptr;
        const HostEntry* local = nullptr;
        for (const auto& h : imported.hosts) {
            if (h.name == QLatin1String("prod"))
                prod = &h;
            if (h.name == QLatin1String("local"))
                local = &h;
        }
        QVERIFY(prod && local);
        QCOMPARE(prod->transport, HostEntry::Transport::Ssh);
        QCOMPARE(prod->sshDestination(), QStringLiteral("ops@10.0.0.7"));
        QCOMPARE(prod->sshPort, 2222);
        QCOMPARE(prod->socket, QStringLiteral("/var/run/docker.sock"));
        QVERIFY(local->isLocal());
        QCOMPARE(local->unixPath, QStringLiteral("/run/user/1000/docker.sock"));

        // TCP is refused with a reason; broken files are named.
        QCOMPARE(imported.skipped.size(), 2);
        QVERIFY(imported.skipped.join(QLatin1Char('\n')).contains(QLatin1String("tcp://10.0.0.8:2376")));
        QVERIFY(imported.skipped.join(QLatin1Char('\n')).contains(QLatin1String("d4/meta.json")));
    }

    void nothingToImport()
    {
        QTemporaryDir dir;
        const auto imported = DockerContexts::importFrom(dir.path(), {});
        QVERIFY(imported.hosts.isEmpty());
        QVERIFY(imported.skipped.isEmpty());
        QCOMPARE(DockerContexts::importFrom(dir.path(), QStringLiteral("tcp://127.0.0.1:2375")).skipped.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDockerContexts)
#include "tst_dockercontexts.moc"
