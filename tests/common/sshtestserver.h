// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A private OpenSSH server for tests that need a real sshd they may break: its own host key,
// authorized client key, known_hosts files (right, wrong, empty) and a free 127.0.0.1 port.
// Never touches the shared lab. Header-only; needs /usr/sbin/sshd, ssh-keygen, and root or a
// user sshd accepts (StrictModes off, UsePAM off).

#include "model/fleetconfig.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bulwark::test {

class SshTestServer final {
public:
    SshTestServer() : m_dir(QStringLiteral("/tmp/bwt-ssh-XXXXXX")) {}
    ~SshTestServer() { stop(); }
    SshTestServer(const SshTestServer&) = delete;
    SshTestServer& operator=(const SshTestServer&) = delete;

    static bool available()
    {
        return QFile::exists(QStringLiteral("/usr/sbin/sshd")) && !QStandardPaths::findExecutable(QStringLiteral("ssh")).isEmpty();
    }

    // A port nothing listens on right now (bind to 0, read, close).
    static int freePort()
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        socklen_t len = sizeof a;
        ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        const int port = ntohs(a.sin_port);
        ::close(fd);
        return port;
    }

    // Generates keys and config; extraConfig lines are appended to sshd_config. Returns an error text.
    QString start(const QString& extraConfig = {})
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary directory");
        const QString d = m_dir.path();
        for (const auto& [file, pass] : {std::pair{"host_key", ""}, std::pair{"other_host_key", ""},
                                         std::pair{"client_key", ""}, std::pair{"stranger_key", ""},
                                         std::pair{"locked_key", "correct horse"}}) {
            if (QFile::exists(d + QLatin1Char('/') + QLatin1String(file)))
                continue;
            QProcess kg;
            kg.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                   QStringLiteral("-N"), QString::fromLatin1(pass), QStringLiteral("-C"),
                                                   QString::fromLatin1(file), QStringLiteral("-f"),
                                                   d + QLatin1Char('/') + QLatin1String(file)});
            if (!kg.waitForFinished(20000) || kg.exitCode() != 0)
                return QStringLiteral("ssh-keygen failed");
        }
        m_port = freePort();
        write(QStringLiteral("authorized_keys"), read(QStringLiteral("client_key.pub")) + read(QStringLiteral("locked_key.pub")));
        const QByteArray name = QStringLiteral("[127.0.0.1]:%1 ").arg(m_port).toUtf8();
        write(QStringLiteral("known_hosts"), name + publicPart(QStringLiteral("host_key.pub")));
        write(QStringLiteral("known_hosts_wrong"), name + publicPart(QStringLiteral("other_host_key.pub")));
        write(QStringLiteral("known_hosts_empty"), {});
        // sshd keeps the first value of an option: the test's settings go first.
        const QString config = extraConfig + QLatin1Char('\n') + QStringLiteral(
                                   "Port %1\nListenAddress 127.0.0.1\nHostKey %2/host_key\nPidFile %2/sshd.pid\n"
                                   "AuthorizedKeysFile %2/authorized_keys\nPermitRootLogin prohibit-password\n"
                                   "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                                   "UsePAM no\nStrictModes no\nAllowTcpForwarding yes\nAllowStreamLocalForwarding yes\n"
                                   "StreamLocalBindUnlink yes\nMaxSessions 64\nMaxStartups 64:30:128\nLogLevel VERBOSE\n")
                                   .arg(m_port)
                                   .arg(d);
        write(QStringLiteral("sshd_config"), config.toUtf8());
        QDir().mkpath(QStringLiteral("/run/sshd"));
        return launch();
    }

    // Restarts sshd on the same port with the same keys (after stop()).
    QString launch()
    {
        m_sshd = std::make_unique<QProcess>();
        m_sshd->setProcessChannelMode(QProcess::MergedChannels);
        m_sshd->setStandardOutputFile(path(QStringLiteral("sshd.log")), QIODevice::Append);
        m_sshd->start(QStringLiteral("/usr/sbin/sshd"), {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
                                                         path(QStringLiteral("sshd_config"))});
        if (!m_sshd->waitForStarted(5000))
            return QStringLiteral("sshd did not start");
        // Readiness: the port accepts connections.
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            if (m_sshd->state() != QProcess::Running)
                return QStringLiteral("sshd exited: ") + QString::fromUtf8(read(QStringLiteral("sshd.log")));
            if (portOpen())
                return {};
            QThread::msleep(20);
        }
        return QStringLiteral("sshd did not listen on port %1").arg(m_port);
    }

    void stop()
    {
        if (!m_sshd)
            return;
        m_sshd->terminate();
        if (!m_sshd->waitForFinished(5000)) {
            m_sshd->kill();
            m_sshd->waitForFinished(2000);
        }
        m_sshd.reset();
        // sshd's per-connection children exit when their connection closes; the listener is gone.
    }

    bool portOpen() const
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(m_port));
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        return ok;
    }

    int port() const { return m_port; }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A fleet entry for this server. knownHosts: "known_hosts", "known_hosts_wrong" or "known_hosts_empty";
    // key: "client_key", "stranger_key" (not authorized) or "locked_key" (passphrase "correct horse").
    HostEntry entry(const QString& name, const QString& remoteSocket, const QString& knownHosts = QStringLiteral("known_hosts"),
                    const QString& key = QStringLiteral("client_key")) const
    {
        HostEntry h;
        h.name = name;
        h.url = QStringLiteral("ssh://root@127.0.0.1:%1").arg(m_port);
        h.transport = HostEntry::Transport::Ssh;
        h.sshUser = QStringLiteral("root");
        h.sshHost = QStringLiteral("127.0.0.1");
        h.sshPort = m_port;
        h.socket = remoteSocket;
        h.identity = path(key);
        h.knownHosts = path(knownHosts);
        return h;
    }

private:
    QByteArray read(const QString& name) const
    {
        QFile f(path(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QByteArray publicPart(const QString& name) const
    {
        const QList<QByteArray> parts = read(name).trimmed().split(' ');
        return parts.value(0) + ' ' + parts.value(1) + '\n';
    }
    void write(const QString& name, const QByteArray& data) const
    {
        QFile f(path(name));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(data);
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    QTemporaryDir m_dir;
    int m_port = 0;
    std::unique_ptr<QProcess> m_sshd;
};

} // namespace bulwark::test
