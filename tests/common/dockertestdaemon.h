// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A private dockerd for tests that need an engine they may stop or break (never the shared lab's).
// Own data/exec roots and socket under a short temporary directory, no bridge and no iptables, and
// a busybox image imported from the host's static busybox. Header-only.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <memory>

#include <sys/mount.h>

namespace bulwark::test {

class DockerTestDaemon final {
public:
    DockerTestDaemon() : m_dir(QStringLiteral("/tmp/bwt-dd-XXXXXX")) {}
    ~DockerTestDaemon() { stop(); }
    DockerTestDaemon(const DockerTestDaemon&) = delete;
    DockerTestDaemon& operator=(const DockerTestDaemon&) = delete;

    static QString busybox()
    {
        for (const char* p : {"/bin/busybox", "/usr/bin/busybox"})
            if (QFile::exists(QLatin1String(p)))
                return QLatin1String(p);
        return {};
    }

    static bool available()
    {
        return QFile::exists(QStringLiteral("/usr/sbin/dockerd")) && !busybox().isEmpty()
            && !QStandardPaths::findExecutable(QStringLiteral("docker")).isEmpty() && ::geteuid() == 0;
    }

    QString socket() const { return m_dir.filePath(QStringLiteral("docker.sock")); }
    static QString image() { return QStringLiteral("bwt/busybox:test"); }

    // Starts dockerd and waits for /_ping; imports the image unless this is a restart on the same
    // directories (the image is still there). Returns an error text.
    QString start()
    {
        const bool restart = m_started;
        m_started = true;
        if (!m_dir.isValid())
            return QStringLiteral("no temporary directory");
        m_dockerd = std::make_unique<QProcess>();
        m_dockerd->setProcessChannelMode(QProcess::MergedChannels);
        m_dockerd->setStandardOutputFile(m_dir.filePath(QStringLiteral("dockerd.log")), QIODevice::Append);
        m_dockerd->start(QStringLiteral("/usr/sbin/dockerd"),
                         {QStringLiteral("--data-root"), m_dir.filePath(QStringLiteral("root")),
                          QStringLiteral("--exec-root"), m_dir.filePath(QStringLiteral("x")),
                          QStringLiteral("-H"), QStringLiteral("unix://") + socket(),
                          QStringLiteral("--pidfile"), m_dir.filePath(QStringLiteral("pid")),
                          QStringLiteral("--bridge=none"), QStringLiteral("--iptables=false"),
                          QStringLiteral("--ip-masq=false"), QStringLiteral("--shutdown-timeout"), QStringLiteral("1")});
        if (!m_dockerd->waitForStarted(10000))
            return QStringLiteral("dockerd did not start");
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000) {
            if (m_dockerd->state() != QProcess::Running)
                return QStringLiteral("dockerd exited; see ") + m_dir.filePath(QStringLiteral("dockerd.log"));
            if (docker({QStringLiteral("version")}).first == 0)
                return restart ? QString() : importImage();
            QThread::msleep(100);
        }
        return QStringLiteral("dockerd did not answer within 60 s");
    }

    // Runs `docker -H unix://socket ARGS...`; returns exit code and stdout.
    std::pair<int, QByteArray> docker(const QStringList& args, int timeoutMs = 60000) const
    {
        QProcess p;
        p.start(QStringLiteral("docker"), QStringList{QStringLiteral("-H"), QStringLiteral("unix://") + socket()} + args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished(2000);
            return {-1, {}};
        }
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput()};
    }

    // A long-running container without network (no bridge here). Returns its id or empty.
    QString runSleeper(const QString& name, const QStringList& extra = {})
    {
        auto [rc, out] = docker(QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                                            QStringLiteral("--network"), QStringLiteral("none")}
                                + extra + QStringList{image(), QStringLiteral("sleep"), QStringLiteral("100000")});
        return rc == 0 ? QString::fromUtf8(out.trimmed()) : QString();
    }

    // SIGTERM: dockerd closes its API at once, then stops containers and containerd and exits.
    void stop()
    {
        if (!m_dockerd)
            return;
        m_dockerd->terminate();
        if (!m_dockerd->waitForFinished(30000)) {
            m_dockerd->kill();
            m_dockerd->waitForFinished(5000);
        }
        m_dockerd.reset();
        unmountLeftovers();
    }

    // SIGKILL: dockerd vanishes at once, and with it every connection to its API. (SIGTERM only
    // closes the listener: requests on an open keep-alive connection are still answered while the
    // daemon stops its containers, so a scan may finish unharmed.) Its containerd and containers
    // are left behind; start() again on the same directories takes them over, and stop() or the
    // destructor then shuts everything down cleanly.
    void killAbruptly()
    {
        if (!m_dockerd)
            return;
        m_dockerd->kill();
        m_dockerd->waitForFinished(10000);
    }

    bool isRunning() const { return m_dockerd && m_dockerd->state() == QProcess::Running; }
    qint64 pid() const { return m_dockerd ? m_dockerd->processId() : 0; }

private:
    // dockerd bind-mounts its data root onto itself; a daemon that was killed never undoes it, and a
    // restart on the same directories mounts it once more. Whatever is still mounted below the test's
    // directory is detached, so the temporary directory can be removed and nothing stays mounted.
    void unmountLeftovers()
    {
        QFile mounts(QStringLiteral("/proc/self/mounts"));
        if (!mounts.open(QIODevice::ReadOnly))
            return;
        const QString prefix = m_dir.path() + QLatin1Char('/');
        QStringList below;
        for (const QByteArray& line : mounts.readAll().split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() > 1 && QString::fromUtf8(fields[1]).startsWith(prefix))
                below.prepend(QString::fromUtf8(fields[1])); // innermost (mounted last) first
        }
        for (const QString& path : std::as_const(below))
            ::umount2(path.toLocal8Bit().constData(), MNT_DETACH);
    }

    QString importImage()
    {
        const QString rootfs = m_dir.filePath(QStringLiteral("rootfs"));
        QDir().mkpath(rootfs + QStringLiteral("/bin"));
        for (const char* d : {"/etc", "/tmp", "/proc", "/sys", "/dev"})
            QDir().mkpath(rootfs + QLatin1String(d));
        QFile::copy(busybox(), rootfs + QStringLiteral("/bin/busybox"));
        for (const char* applet : {"sh", "sleep", "cat", "echo", "dd", "true"})
            QFile::link(QStringLiteral("busybox"), rootfs + QStringLiteral("/bin/") + QLatin1String(applet));
        QProcess tar;
        tar.start(QStringLiteral("tar"), {QStringLiteral("-C"), rootfs, QStringLiteral("-cf"),
                                          m_dir.filePath(QStringLiteral("rootfs.tar")), QStringLiteral(".")});
        if (!tar.waitForFinished(30000) || tar.exitCode() != 0)
            return QStringLiteral("tar failed");
        if (docker({QStringLiteral("import"), m_dir.filePath(QStringLiteral("rootfs.tar")), image()}).first != 0)
            return QStringLiteral("docker import failed");
        return {};
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_dockerd;
    bool m_started = false;
};

} // namespace bulwark::test
