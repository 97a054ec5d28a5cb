// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtimedir.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <mutex>

#include <sys/stat.h>
#include <unistd.h>

namespace bulwark::RuntimeDir {



Result<QString> ensure()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    QString dir = env.value(QStringLiteral("BULWARK_RUNTIME_DIR"));
    if (dir.isEmpty()) {
        const QString xdg = env.value(QStringLiteral("XDG_RUNTIME_DIR"));
        if (!xdg.isEmpty() && QDir(xdg).exists())
            dir = xdg + QStringLiteral("/bulwark");
        else
            dir = QStringLiteral("/tmp/bulwark-%1").arg(::getuid());
    }
    const QByteArray path = QFile::encodeName(dir);
    if (::mkdir(path.constData(), 0700) != 0 && errno != EEXIST)
        return Result<QString>::failure(
            QStringLiteral("cannot create the runtime directory %1: %2").arg(dir, QString::fromLocal8Bit(strerror(errno))));
    struct stat st {};
    if (::lstat(path.constData(), &st) != 0)
        return Result<QString>::failure(QStringLiteral("cannot inspect the runtime directory %1").arg(dir));
    if (!S_ISDIR(st.st_mode))
        return Result<QString>::failure(
            QStringLiteral("the runtime directory %1 is not a directory (a symlink?): refusing to use it").arg(dir));
    if (st.st_uid != ::getuid())
        return Result<QString>::failure(
            QStringLiteral("the runtime directory %1 belongs to another user: refusing to use it").arg(dir));
    if ((st.st_mode & 077) != 0) {
        // Ours but too open (e.g. an old umask): tighten instead of failing.
        if (::chmod(path.constData(), 0700) != 0)
            return Result<QString>::failure(
                QStringLiteral("the runtime directory %1 is accessible to others and cannot be made 0700").arg(dir));
    }
    return dir;
}

QString socketPath(const QString& dir, char prefix)
{
    static std::atomic<int> counter{0};
    return QStringLiteral("%1/%2%3-%4")
        .arg(dir)
        .arg(QLatin1Char(prefix))
        .arg(QCoreApplication::applicationPid())
        .arg(++counter);
}

void sweepStale(const QString& dir)
{
    static std::once_flag once;
    std::call_once(once, [&dir] {
        static const QRegularExpression name(QStringLiteral("^([a-z])(\\d+)-\\d+$"));
        const QStringList entries = QDir(dir).entryList(QDir::System | QDir::Files | QDir::Hidden);
        for (const QString& e : entries) {
            const auto m = name.match(e);
            if (!m.hasMatch())
                continue;
            const qint64 pid = m.captured(2).toLongLong();
            if (pid == QCoreApplication::applicationPid() || processAlive(pid))
                continue;
            const QString path = dir + QLatin1Char('/') + e;
            if (m.captured(1) == QLatin1String("c")) {
                // An orphaned ControlMaster of a crashed run: ask it to leave.
                QProcess ssh;
                ssh.start(QStringLiteral("ssh"), {QStringLiteral("-o"), QStringLiteral("ControlPath=") + path,
                                                  QStringLiteral("-O"), QStringLiteral("exit"), QStringLiteral("bulwark-stale")});
                ssh.waitForFinished(3000);
            }
            QFile::remove(path);
        }
    });
}

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
        return false;
    // A zombie is dead; it only waits for its parent to read the exit status.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        const QByteArray s = stat.readAll();
        const int close = s.lastIndexOf(')');
        if (close > 0 && s.size() > close + 2 && s.at(close + 2) == 'Z')
            return false;
    }
    return true;
}

} // namespace bulwark::RuntimeDir
