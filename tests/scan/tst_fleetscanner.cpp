// SPDX-License-Identifier: GPL-3.0-or-later
// The fleet scanner against the lab (real dockerd, real sshd) plus faulty hosts the test builds
// itself (own sshd, own dockerd, closed and silent ports); the shared lab is only read.
#include "fleet/fleetfile.h"
#include "model/metatypes.h"
#include "scan/fleetscanner.h"

#include "../common/dockertestdaemon.h"
#include "../common/labenv.h"
#include "../common/sshtestserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace bulwark;
using bulwark::test::DockerTestDaemon;
using bulwark::test::LabEnv;
using bulwark::test::SshTestServer;

namespace {

QSet<QString> containerIdsFromDockerCli(const QString& socket)
{
    QProcess p;
    p.start(QStringLiteral("docker"), {QStringLiteral("-H"), QStringLiteral("unix://") + socket, QStringLiteral("ps"),
                                       QStringLiteral("-aq"), QStringLiteral("--no-trunc")});
    p.waitForFinished(30000);
    QSet<QString> ids;
    for (const QByteArray& l : p.readAllStandardOutput().split('\n'))
        if (!l.trimmed().isEmpty())
            ids.insert(QString::fromUtf8(l.trimmed()));
    return ids;
}

const HostSnapshot* find(const FleetSnapshot& fleet, const QString& name)
{
    for (const auto& h : fleet.hosts)
        if (h.hostName == name)
            return &h;
    return nullptr;
}

// A TCP port that accepts connections and never says a word.
class SilentPort final {
public:
    SilentPort()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(m_fd, 16);
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
    }
    ~SilentPort() { ::close(m_fd); }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TestFleetScanner final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        registerMetaTypes();
        auto lab = LabEnv::load();
        if (!lab)
            QSKIP(qPrintable(LabEnv::skipReason()));
        auto fleet = FleetFile::load(lab->fleet);
        QVERIFY2(fleet.ok(), qPrintable(fleet.errorMessage()));
        m_lab = *fleet;
        QVERIFY(m_lab.hosts.size() >= 3);
        m_lab.hosts = m_lab.hosts.mid(0, 3);
        qputenv("BULWARK_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
    }

    void scansThreeLabHostsWithFullInspectData()
    {
        FleetScanner scanner;
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        QSignalSpy hostFinished(&scanner, &FleetScanner::hostFinished);
        QSignalSpy hostProgress(&scanner, &FleetScanner::hostProgress);
        QSignalSpy progress(&scanner, &FleetScanner::progress);
        scanner.scan(m_lab);
        QVERIFY(scanner.isRunning());
        QVERIFY(finished.wait(120000));
        QVERIFY(!scanner.isRunning());
        const auto fleet = finished.at(0).at(0).value<FleetSnapshot>();
        QCOMPARE(fleet.hosts.size(), 3);
        QCOMPARE(hostFinished.size(), 3);
        QCOMPARE(progress.last().at(0).toInt(), 3);
        QVERIFY(!hostProgress.isEmpty());

        for (int i = 0; i < 3; ++i) {
            const HostSnapshot& h = fleet.hosts[i];
            QCOMPARE(h.hostName, m_lab.hosts[i].name); // fleet order
            QVERIFY2(h.isOk(), qPrintable(h.hostName + QStringLiteral(": ") + h.error));
            QVERIFY(!h.engine.serverVersion.isEmpty());
            QVERIFY(!h.engine.apiVersion.isEmpty());
            QVERIFY(!h.networks.isEmpty());
            QVERIFY(h.requestCount >= 5 + h.containers.size());
            // Every container the engine has, as `docker ps -a` on the same engine lists them.
            QSet<QString> ids;
            for (const ContainerSnapshot& c : h.containers) {
                ids.insert(c.id);
                QVERIFY(!c.name.isEmpty());
                QVERIFY(!c.state.isEmpty());
                QVERIFY(!c.status.isEmpty());
                const QJsonObject raw = QJsonDocument::fromJson(c.rawInspect).object();
                QCOMPARE(raw.value(QStringLiteral("Id")).toString(), c.id);
                QVERIFY(raw.contains(QStringLiteral("HostConfig")));
                if (c.isRunning()) {
                    QVERIFY2(c.memory.has_value(), qPrintable(c.name));
                    QVERIFY(c.memory->usageBytes > 0);
                    QVERIFY(c.memory->usageBytes <= c.memory->rawUsageBytes);
                }
            }
            QVERIFY2(!ids.isEmpty(), qPrintable(h.hostName));
            QCOMPARE(ids, containerIdsFromDockerCli(m_lab.hosts[i].socket));
        }
    }

    void faultyHostsEachGetTheirOwnStatus()
    {
        if (!SshTestServer::available() || !DockerTestDaemon::available())
            QSKIP("needs sshd, dockerd, busybox and root for the faulty hosts");
        SshTestServer sshd;
        const QString sshErr = sshd.start();
        QVERIFY2(sshErr.isEmpty(), qPrintable(sshErr));
        DockerTestDaemon dying;
        const QString dockerErr = dying.start();
        QVERIFY2(dockerErr.isEmpty(), qPrintable(dockerErr));
        for (int i = 0; i < 12; ++i)
            QVERIFY(!dying.runSleeper(QStringLiteral("sleeper-%1").arg(i)).isEmpty());

        FleetConfig fleet = m_lab;
        HostEntry down = sshd.entry(QStringLiteral("sshd-down"), dying.socket());
        down.sshPort = SshTestServer::freePort();
        fleet.hosts << down;
        fleet.hosts << sshd.entry(QStringLiteral("wrong-host-key"), dying.socket(), QStringLiteral("known_hosts_wrong"));
        fleet.hosts << sshd.entry(QStringLiteral("refused-key"), dying.socket(), QStringLiteral("known_hosts"),
                                  QStringLiteral("stranger_key"));
        fleet.hosts << sshd.entry(QStringLiteral("dockerd-dies"), dying.socket());

        FleetScanner scanner;
        // One request at a time per host, so the dying host's scan (12 inspects, 12 stats) lasts
        // long enough for dockerd to go away in the middle of it.
        ScanOptions options;
        options.requestsPerHost = 1;
        options.statsPerHost = 1;
        scanner.setOptions(options);
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        // dockerd dies (SIGKILL) as soon as the scan of its host has finished its first container.
        // A graceful SIGTERM would keep answering on the open keep-alive connection while it stops
        // its containers, so whether the scan noticed would depend on timing.
        bool killed = false;
        connect(&scanner, &FleetScanner::hostProgress, this, [&dying, &killed](const QString& host, int, int) {
            if (host == QLatin1String("dockerd-dies") && !killed) {
                killed = true;
                dying.killAbruptly();
            }
        });
        scanner.scan(fleet);
        QVERIFY(finished.wait(180000));
        const auto result = finished.at(0).at(0).value<FleetSnapshot>();

        for (int i = 0; i < 3; ++i) {
            const HostSnapshot* h = find(result, m_lab.hosts[i].name);
            QVERIFY(h);
            QVERIFY2(h->isOk(), qPrintable(h->error));
            QVERIFY(!h->containers.isEmpty());
        }
        const struct {
            const char* name;
            HostStatus status;
        } expected[] = {{"sshd-down", HostStatus::Unreachable},
                        {"wrong-host-key", HostStatus::HostKeyChanged},
                        {"refused-key", HostStatus::AuthFailed},
                        {"dockerd-dies", HostStatus::ApiError}};
        for (const auto& e : expected) {
            const HostSnapshot* h = find(result, QLatin1String(e.name));
            QVERIFY(h);
            QVERIFY2(h->status == e.status, qPrintable(QStringLiteral("%1: %2 (%3)")
                                                           .arg(QLatin1String(e.name), hostStatusName(h->status), h->error)));
            QVERIFY2(h->error.startsWith(QLatin1String(e.name)), qPrintable(h->error));
        }
        QVERIFY(find(result, QStringLiteral("wrong-host-key"))->hostKeyFingerprint.startsWith(QLatin1String("SHA256:")));
        QVERIFY(find(result, QStringLiteral("wrong-host-key"))->error.contains(QLatin1String("man-in-the-middle")));
        QVERIFY(killed);
        // Bring the killed engine back on its directories so that it can stop its containers cleanly.
        const QString restartErr = dying.start();
        QVERIFY2(restartErr.isEmpty(), qPrintable(restartErr));
    }

    void aSilentHostTimesOutWithoutDelayingTheOthers()
    {
        SilentPort silent;
        FleetConfig fleet = m_lab;
        HostEntry h = m_lab.hosts[0];
        h.name = QStringLiteral("silent");
        h.sshPort = silent.port();
        fleet.hosts.prepend(h);
        ScanOptions options;
        options.hostTimeoutMs = 4000;
        options.connectTimeoutMs = 4000;
        FleetScanner scanner;
        scanner.setOptions(options);
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        QSignalSpy hostFinished(&scanner, &FleetScanner::hostFinished);
        QElapsedTimer t;
        t.start();
        scanner.scan(fleet);
        QVERIFY(finished.wait(60000));
        const auto result = finished.at(0).at(0).value<FleetSnapshot>();
        QCOMPARE(find(result, QStringLiteral("silent"))->status, HostStatus::Timeout);
        QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
        // The good hosts finished first: the silent one did not hold them up.
        QCOMPARE(hostFinished.last().at(0).value<HostSnapshot>().hostName, QStringLiteral("silent"));
        for (const auto& lab : std::as_const(m_lab.hosts))
            QVERIFY(find(result, lab.name)->isOk());
    }

    void cancelEndsEveryHostPromptly()
    {
        SilentPort silent;
        FleetConfig fleet = m_lab;
        HostEntry h = m_lab.hosts[0];
        h.name = QStringLiteral("silent");
        h.sshPort = silent.port();
        fleet.hosts << h;
        FleetScanner scanner; // default 90 s host timeout: only cancel can end the silent host early
        QSignalSpy finished(&scanner, &FleetScanner::finished);
        QSignalSpy started(&scanner, &FleetScanner::hostStarted);
        scanner.scan(fleet);
        QTRY_VERIFY_WITH_TIMEOUT(started.size() == fleet.hosts.size(), 30000);
        QElapsedTimer t;
        t.start();
        scanner.cancel();
        QVERIFY(finished.wait(15000));
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        const auto result = finished.at(0).at(0).value<FleetSnapshot>();
        QCOMPARE(find(result, QStringLiteral("silent"))->status, HostStatus::Cancelled);
    }

    void destroyingAScannerMidScanLeavesNoSessions()
    {
        {
            FleetScanner scanner;
            QSignalSpy started(&scanner, &FleetScanner::hostStarted);
            scanner.scan(m_lab);
            QVERIFY(started.wait(30000));
        } // cancels and waits for its workers
        QDir rt(m_runtime.path());
        QTRY_VERIFY_WITH_TIMEOUT(rt.entryList(QDir::System | QDir::Files).isEmpty(), 5000);
    }

private:
    QTemporaryDir m_runtime{QStringLiteral("/tmp/bwt-scan-XXXXXX")};
    FleetConfig m_lab;
};

QTEST_GUILESS_MAIN(TestFleetScanner)
#include "tst_fleetscanner.moc"
