// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostkeys.h"

#include "sshdiagnostics.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <sys/stat.h>

namespace bulwark::HostKeys {

namespace {

struct Resolved {
    QString hostname;
    int port = 22;
    QString alias; // HostKeyAlias, when set
};

Resolved resolve(const HostEntry& host, int timeoutMs)
{
    Resolved r;
    r.hostname = host.sshHost;
    r.port = host.sshPort > 0 ? host.sshPort : 22;
    QProcess ssh;
    QStringList args{QStringLiteral("-G")};
    if (host.sshPort > 0)
        args << QStringLiteral("-p") << QString::number(host.sshPort);
    args << host.sshDestination();
    ssh.start(QStringLiteral("ssh"), args);
    if (!ssh.waitForFinished(timeoutMs) || ssh.exitCode() != 0)
        return r;
    const QList<QByteArray> lines = ssh.readAllStandardOutput().split('\n');
    for (const QByteArray& line : lines) {
        const int sp = line.indexOf(' ');
        if (sp <= 0)
            continue;
        const QByteArray key = line.left(sp);
        const QString value = QString::fromUtf8(line.mid(sp + 1).trimmed());
        if (key == "hostname")
            r.hostname = value;
        else if (key == "port")
            r.port = value.toInt();
        else if (key == "hostkeyalias" && value != QLatin1String("none"))
            r.alias = value;
    }
    return r;
}

} // namespace

Result<OfferedHostKey> fetch(const HostEntry& host, const QString& preferredType, int timeoutMs)
{
    if (host.isLocal())
        return Result<OfferedHostKey>::failure(QStringLiteral("%1 is a local unix:// host: it has no host key").arg(host.name));
    const Resolved r = resolve(host, timeoutMs);

    QProcess scan;
    QStringList args{QStringLiteral("-T"), QString::number(qMax(1, timeoutMs / 1000)), QStringLiteral("-p"),
                     QString::number(r.port)};
    if (!preferredType.isEmpty())
        args << QStringLiteral("-t") << preferredType;
    args << r.hostname;
    scan.start(QStringLiteral("ssh-keyscan"), args);
    if (!scan.waitForFinished(timeoutMs + 2000)) {
        scan.kill();
        scan.waitForFinished(1000);
        return Result<OfferedHostKey>::failure(QStringLiteral("%1: ssh-keyscan did not answer in time").arg(host.name));
    }
    QString line;
    const QList<QByteArray> lines = scan.readAllStandardOutput().split('\n');
    for (const QByteArray& l : lines) {
        const QByteArray t = l.trimmed();
        if (!t.isEmpty() && !t.startsWith('#')) {
            line = QString::fromUtf8(t);
            break;
        }
    }
    if (line.isEmpty())
        return Result<OfferedHostKey>::failure(
            QStringLiteral("%1: ssh-keyscan got no host key from %2 port %3").arg(host.name, r.hostname).arg(r.port));

    const QStringList parts = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() < 3)
        return Result<OfferedHostKey>::failure(QStringLiteral("%1: unexpected ssh-keyscan output").arg(host.name));
    OfferedHostKey key;
    key.keyType = parts[1];
    key.keyLine = SshDiagnostics::knownHostsName(r.alias.isEmpty() ? r.hostname : r.alias, r.alias.isEmpty() ? r.port : 22)
        + QLatin1Char(' ') + parts[1] + QLatin1Char(' ') + parts[2];

    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"), {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                                                QStringLiteral("-f"), QStringLiteral("-")});
    keygen.write(key.keyLine.toUtf8() + '\n');
    keygen.closeWriteChannel();
    if (!keygen.waitForFinished(timeoutMs))
        keygen.kill();
    key.fingerprint = SshDiagnostics::fingerprintFromKeygen(keygen.readAllStandardOutput());
    if (key.fingerprint.isEmpty())
        return Result<OfferedHostKey>::failure(QStringLiteral("%1: ssh-keygen could not fingerprint the offered key").arg(host.name));
    return key;
}

QString knownHostsFile(const HostEntry& host)
{
    if (!host.knownHosts.isEmpty())
        return host.knownHosts;
    return QDir::homePath() + QStringLiteral("/.ssh/known_hosts");
}

Result<void> trust(const HostEntry& host, const QString& keyLine)
{
    const QStringList parts = keyLine.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() < 3 || keyLine.contains(QLatin1Char('\n')))
        return Result<void>::failure(QStringLiteral("not a known_hosts line: %1").arg(keyLine.left(80)));
    const QString path = knownHostsFile(host);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    const bool existed = f.exists();
    if (!f.open(QIODevice::Append | QIODevice::WriteOnly))
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    if (!existed)
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // Start on a fresh line even if the file does not end with one.
    QByteArray text;
    if (existed && f.size() > 0) {
        QFile check(path);
        if (check.open(QIODevice::ReadOnly) && check.seek(check.size() - 1) && check.read(1) != "\n")
            text += '\n';
    }
    text += keyLine.toUtf8() + '\n';
    if (f.write(text) != text.size() || !f.flush())
        return Result<void>::failure(QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace bulwark::HostKeys
