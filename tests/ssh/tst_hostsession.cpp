// SPDX-License-Identifier: GPL-3.0-or-later
// HostSession against a private sshd (tests/common/sshtestserver.h) whose "remote" Docker socket is
// a scripted engine on this machine: real ssh, real forwards, real failures; no shared lab.
#include "docker/dockerclient.h"
#include "ssh/hostsession.h"
#include "ssh/hostkeys.h"

#include "../common/fakeengine.h"
#include "../common/sshtestserver.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace bulwark;
using bulwark::test::FakeEngine;
using bulwark::test::SshTestServer;

namespace {

bool processRunning(qint64 pid)
{
    if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray s = stat.readAll();
    return s.at(s.lastIndexOf(')') + 2) != 'Z';
}

// ssh processes whose command line mentions `needle` (a control or socket path).
int sshProcessesMentioning(const QString& needle)
{
    int n = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& pid : pids) {
        bool ok = false;
        const qint64 p = pid.toLongLong(&ok);
        if (!ok || !processRunning(p))
            continue;
        QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmd.open(QIODevice::ReadOnly))
            continue;
        const QByteArray c = cmd.readAll();
        const QByteArray argv0 = c.left(c.indexOf('\0'));
        if ((argv0 == "ssh" || argv0.endsWith("/ssh") || argv0.startsWith("ssh:")) && c.contains(needle.toUtf8()))
            ++n;
    }
    return n;
}

QString fingerprintOf(const QString& pubKey)
{
    QProcess kg;
    kg.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-lf"), pubKey});
    kg.waitForFinished(5000);
    return QString::fromUtf8(kg.readAllStandardOutput().split(' ').value(1));
}

FakeEngine::Handler pingHandler()
{
    return [](const FakeEngine::Request& r, bool&) {
        if (r.target == "/_ping")
            return QByteArray("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK");
        return FakeEngine::reply(200, "{\"ServerVersion\":\"fake\"}");
    };
}

} // namespace

class TestHostSession final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!SshTestServer::available())
            QSKIP("needs /usr/sbin/sshd and ssh");
        // A private runtime directory, so the test sees exactly the sockets it made.
        QVERIFY(m_runtime.isValid());
        qputenv("BULWARK_RUNTIME_DIR", QFile::encodeName(m_runtime.path() + QStringLiteral("/rt")));
        const QString err = m_ssh.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_engine = std::make_unique<FakeEngine>(m_runtime.filePath(QStringLiteral("docker.sock")), pingHandler());
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_ssh.stop();
    }

    void forwardsTheSocketAndRunsCommands()
    {
        HostSession session(m_ssh.entry(QStringLiteral("fwd"), engineSocket()));
        auto socket = session.open(20000);
        QVERIFY2(socket.ok(), qPrintable(socket.errorMessage()));
        QCOMPARE(session.channel(), HostSession::Channel::Forward);
        QVERIFY(session.isOpen());
        QVERIFY(socket->startsWith(session.runtimeDir()));
        QCOMPARE(QFileInfo(session.runtimeDir()).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), 0);
        QVERIFY(processRunning(session.masterPid()));

        DockerClient docker(*socket);
        auto v = docker.negotiate();
        QVERIFY2(v.ok(), qPrintable(v.errorMessage()));
        QCOMPARE(*v, QStringLiteral("1.41"));
        QVERIFY(docker.get(QStringLiteral("/info")).ok());

        // Quoting survives the remote shell; exit codes and stdin come through the master.
        const QString tricky = QStringLiteral("it's $(echo no) `x` ; a b");
        auto echo = session.run({QStringLiteral("printf"), QStringLiteral("%s"), tricky});
        QVERIFY2(echo.ok(), qPrintable(echo.errorMessage()));
        QCOMPARE(QString::fromUtf8(echo->stdOut), tricky);
        auto code = session.run({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 7")});
        QVERIFY(code.ok());
        QCOMPARE(code->exitCode, 7);
        auto cat = session.run({QStringLiteral("cat")}, "through stdin");
        QVERIFY(cat.ok());
        QCOMPARE(cat->stdOut, QByteArray("through stdin"));
    }

    void closeLeavesNoProcessOrSocket()
    {
        QString control;
        QString socketPath;
        qint64 pid = 0;
        {
            HostSession session(m_ssh.entry(QStringLiteral("leak"), engineSocket()));
            auto socket = session.open(20000);
            QVERIFY2(socket.ok(), qPrintable(socket.errorMessage()));
            control = session.controlPath();
            socketPath = *socket;
            pid = session.masterPid();
            QVERIFY(pid > 0);
            QVERIFY(QFileInfo::exists(control));
            QCOMPARE(sshProcessesMentioning(control), 1);
        } // destructor closes
        QVERIFY(!processRunning(pid));
        QVERIFY(!QFileInfo::exists(control));
        QVERIFY(!QFileInfo::exists(socketPath));
        QCOMPARE(sshProcessesMentioning(control), 0);

        // Explicit close() twice is harmless and the session can be reopened.
        HostSession again(m_ssh.entry(QStringLiteral("again"), engineSocket()));
        QVERIFY(again.open(20000).ok());
        again.close();
        again.close();
        QVERIFY(!again.isOpen());
        QVERIFY(again.open(20000).ok());
    }

    void statusesAnOperatorCanActOn_data()
    {
        QTest::addColumn<QString>("knownHosts");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("hasFingerprint");
        QTest::newRow("unknown host key") << "known_hosts_empty" << "client_key" << int(HostStatus::HostKeyUnknown) << true;
        QTest::newRow("changed host key") << "known_hosts_wrong" << "client_key" << int(HostStatus::HostKeyChanged) << true;
        QTest::newRow("refused client key") << "known_hosts" << "stranger_key" << int(HostStatus::AuthFailed) << false;
        QTest::newRow("passphrase, no askpass") << "known_hosts" << "locked_key" << int(HostStatus::AuthFailed) << false;
    }

    void statusesAnOperatorCanActOn()
    {
        QFETCH(QString, knownHosts);
        QFETCH(QString, key);
        QFETCH(int, status);
        QFETCH(bool, hasFingerprint);
        HostSession session(m_ssh.entry(QStringLiteral("bad"), engineSocket(), knownHosts, key));
        auto socket = session.open(20000);
        QVERIFY(!socket.ok());
        QCOMPARE(socket.error().code, status);
        QCOMPARE(int(session.lastFailure().status), status);
        QVERIFY(!session.isOpen());
        if (hasFingerprint) {
            // The key the server really offers, so the user can compare it out of band.
            QCOMPARE(session.lastFailure().fingerprint, fingerprintOf(m_ssh.path(QStringLiteral("host_key.pub"))));
            QVERIFY(session.lastFailure().keyLine.startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 ").arg(m_ssh.port())));
        }
        if (status == int(HostStatus::HostKeyChanged))
            QVERIFY2(session.lastFailure().message.contains(QLatin1String("man-in-the-middle")),
                     qPrintable(session.lastFailure().message));
        QVERIFY(QDir(session.runtimeDir()).entryList(QDir::System).filter(QString::number(QCoreApplication::applicationPid())).isEmpty());
    }

    void trustingTheOfferedKeyLetsUsIn()
    {
        QTemporaryDir dir;
        HostEntry host = m_ssh.entry(QStringLiteral("new"), engineSocket(), QStringLiteral("known_hosts_empty"));
        host.knownHosts = dir.filePath(QStringLiteral("kh"));
        HostSession first(host);
        QVERIFY(!first.open(20000).ok());
        QCOMPARE(first.lastFailure().status, HostStatus::HostKeyUnknown);
        QVERIFY(HostKeys::trust(host, first.lastFailure().keyLine).ok());
        HostSession second(host);
        auto ok = second.open(20000);
        QVERIFY2(ok.ok(), qPrintable(ok.errorMessage()));
    }

    void closedPortIsUnreachable()
    {
        HostEntry host = m_ssh.entry(QStringLiteral("down"), engineSocket());
        host.sshPort = SshTestServer::freePort();
        HostSession session(host);
        auto socket = session.open(10000);
        QVERIFY(!socket.ok());
        QCOMPARE(session.lastFailure().status, HostStatus::Unreachable);
        QVERIFY2(session.lastFailure().message.contains(QLatin1String("refused")), qPrintable(session.lastFailure().message));
    }

    void silentServerTimesOut()
    {
        // Accepts TCP but never says a word: ssh waits for a banner that never comes.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
        QCOMPARE(::listen(fd, 4), 0);
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        HostEntry host = m_ssh.entry(QStringLiteral("silent"), engineSocket());
        host.sshPort = ntohs(a.sin_port);
        HostSession session(host);
        QElapsedTimer t;
        t.start();
        auto socket = session.open(2000);
        ::close(fd);
        QVERIFY(!socket.ok());
        QCOMPARE(session.lastFailure().status, HostStatus::Timeout);
        QVERIFY2(t.elapsed() < 8000, qPrintable(QString::number(t.elapsed())));
    }

    void missingRemoteSocketIsReported()
    {
        HostSession session(m_ssh.entry(QStringLiteral("nodocker"), m_runtime.filePath(QStringLiteral("absent.sock"))));
        auto socket = session.open(20000);
        QVERIFY(!socket.ok());
        QCOMPARE(session.lastFailure().status, HostStatus::Unreachable);
        QVERIFY2(session.lastFailure().message.contains(QLatin1String("absent.sock")), qPrintable(session.lastFailure().message));
        QVERIFY(!session.isOpen());
    }

    void fallsBackToDialStdio()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("docker")).isEmpty())
            QSKIP("needs the docker CLI for docker system dial-stdio");
        // This sshd refuses socket forwarding; dial-stdio over a plain session still works.
        SshTestServer noForward;
        const QString err = noForward.start(QStringLiteral("AllowStreamLocalForwarding no"));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        HostSession session(noForward.entry(QStringLiteral("stdio"), engineSocket()));
        auto socket = session.open(20000);
        QVERIFY2(socket.ok(), qPrintable(socket.errorMessage()));
        QCOMPARE(session.channel(), HostSession::Channel::DialStdio);
        DockerClient docker(*socket);
        auto v = docker.negotiate();
        QVERIFY2(v.ok(), qPrintable(v.errorMessage()));
        for (int i = 0; i < 5; ++i)
            QVERIFY(docker.get(QStringLiteral("/info")).ok());
        const QString bridge = *socket;
        const QString control = session.controlPath();
        session.close();
        QVERIFY(!QFileInfo::exists(bridge));
        QCOMPARE(sshProcessesMentioning(control), 0);
    }

    void localHostsNeedNoSsh()
    {
        HostEntry local;
        local.name = QStringLiteral("local");
        local.transport = HostEntry::Transport::Unix;
        local.unixPath = engineSocket();
        HostSession session(local);
        auto socket = session.open();
        QVERIFY2(socket.ok(), qPrintable(socket.errorMessage()));
        QCOMPARE(*socket, engineSocket());
        QCOMPARE(session.channel(), HostSession::Channel::LocalSocket);
        auto out = session.run({QStringLiteral("printf"), QStringLiteral("%s"), QStringLiteral("a b")});
        QVERIFY(out.ok());
        QCOMPARE(out->stdOut, QByteArray("a b"));

        local.unixPath = m_runtime.filePath(QStringLiteral("nope.sock"));
        HostSession missing(local);
        QVERIFY(!missing.open().ok());
        QCOMPARE(missing.lastFailure().status, HostStatus::Unreachable);
    }

private:
    QString engineSocket() const { return m_runtime.filePath(QStringLiteral("docker.sock")); }

    QTemporaryDir m_runtime{QStringLiteral("/tmp/bwt-hs-XXXXXX")};
    SshTestServer m_ssh;
    std::unique_ptr<FakeEngine> m_engine;
};

QTEST_GUILESS_MAIN(TestHostSession)
#include "tst_hostsession.moc"
