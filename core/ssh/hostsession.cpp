// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostsession.h"

#include "hostkeys.h"
#include "runtimedir.h"
#include "sshdiagnostics.h"
#include "stdiobridge.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QThread>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace bulwark {

namespace {

QMutex g_askpassMutex;
AskpassConfig g_defaultAskpass;

// ssh expands %-tokens in ControlPath.
QString escapePercent(QString s)
{
    return s.replace(QLatin1Char('%'), QStringLiteral("%%"));
}

// ssh's -o parser splits on whitespace unless the value is quoted.
QString quoteOption(const QString& value)
{
    if (!value.contains(QLatin1Char(' ')) && !value.contains(QLatin1Char('"')))
        return value;
    QString v = value;
    v.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + v + QLatin1Char('"');
}

// Speaks just enough HTTP to learn whether a Docker Engine answers on the socket: the forward
// accepts connections even when the remote side refuses them, so a connect alone proves nothing.
Result<void> probeEngine(const QString& path, int timeoutMs)
{
    const QByteArray p = QFile::encodeName(path);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (p.size() >= static_cast<qsizetype>(sizeof(addr.sun_path)))
        return Result<void>::failure(QStringLiteral("socket path too long"));
    std::memcpy(addr.sun_path, p.constData(), static_cast<size_t>(p.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Result<void>::failure(QStringLiteral("cannot create a socket"));
    auto fail = [fd](const QString& why) {
        ::close(fd);
        return Result<void>::failure(why);
    };
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
        return fail(QStringLiteral("cannot connect to %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
    const QByteArray req = "GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
    if (::send(fd, req.constData(), static_cast<size_t>(req.size()), MSG_NOSIGNAL) != req.size())
        return fail(QStringLiteral("the connection closed before the request was sent"));
    QByteArray got;
    QElapsedTimer t;
    t.start();
    while (got.size() < 12) {
        const int left = timeoutMs - static_cast<int>(t.elapsed());
        if (left <= 0)
            return fail(QStringLiteral("no answer from the Docker Engine within %1 ms").arg(timeoutMs));
        pollfd pfd{fd, POLLIN, 0};
        if (::poll(&pfd, 1, left) <= 0)
            continue;
        char buf[256];
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            return fail(QStringLiteral("the connection was closed without an answer (remote socket missing, dockerd "
                                       "down, or socket forwarding refused by sshd)"));
        got.append(buf, n);
    }
    ::close(fd);
    if (!got.startsWith("HTTP/1."))
        return Result<void>::failure(QStringLiteral("the socket does not speak HTTP (not a Docker Engine)"));
    return {};
}

struct Proc {
    int exitCode = -1;
    bool finished = false;
    bool started = false;
    QByteArray out;
    QByteArray err;
};

Proc runProcess(const QString& program, const QStringList& args, const QProcessEnvironment& env,
                const QByteArray& stdinData, int timeoutMs, const std::atomic<bool>* cancel = nullptr)
{
    Proc r;
    QProcess p;
    p.setProcessEnvironment(env);
    if (stdinData.isEmpty())
        p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, args);
    if (!p.waitForStarted(5000)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    r.started = true;
    if (!stdinData.isEmpty()) {
        p.write(stdinData);
        p.closeWriteChannel();
    }
    // Waits in slices so a cancelled scan does not sit out a slow ssh.
    QElapsedTimer clock;
    clock.start();
    while (!r.finished && clock.elapsed() < timeoutMs && !(cancel && cancel->load()))
        r.finished = p.waitForFinished(qMin<qint64>(100, qMax<qint64>(1, timeoutMs - clock.elapsed())));
    if (!r.finished) {
        p.kill();
        p.waitForFinished(2000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace

struct HostSession::Private {
    HostEntry host;
    AskpassConfig askpass;
    QString dir;
    QString controlPath;
    QString forwardPath;
    QString dockerSocket;
    qint64 masterPid = 0;
    bool isOpen = false;
    Channel channel = Channel::None;
    SessionFailure failure;
    std::unique_ptr<StdioBridge> bridge;
    const std::atomic<bool>* cancel = nullptr;

    QString label() const { return host.name.isEmpty() ? host.sshDestination() : host.name; }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Never inherit another helper's askpass; ours is set explicitly below.
        env.remove(QStringLiteral("SSH_ASKPASS"));
        env.remove(QStringLiteral("SSH_ASKPASS_REQUIRE"));
        if (askpass.isEnabled()) {
            env.insert(QStringLiteral("SSH_ASKPASS"), askpass.helperPath);
            env.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("force"));
            env.insert(QStringLiteral("BULWARK_ASKPASS_SOCKET"), askpass.socketPath);
            env.insert(QStringLiteral("BULWARK_ASKPASS_HOST"), host.name);
        }
        return env;
    }

    // Options every ssh invocation of this session shares: verification, identity, control path.
    QStringList baseArgs(int timeoutMs) const
    {
        QStringList a;
        auto opt = [&a](const QString& o) { a << QStringLiteral("-o") << o; };
        if (askpass.isEnabled()) {
            // Interaction only through our askpass, and only for key passphrases.
            opt(QStringLiteral("BatchMode=no"));
            opt(QStringLiteral("NumberOfPasswordPrompts=1"));
            opt(QStringLiteral("PasswordAuthentication=no"));
            opt(QStringLiteral("KbdInteractiveAuthentication=no"));
        } else {
            opt(QStringLiteral("BatchMode=yes"));
        }
        opt(QStringLiteral("StrictHostKeyChecking=yes"));
        opt(QStringLiteral("ConnectTimeout=%1").arg(qBound(1, timeoutMs / 1000, 30)));
        opt(QStringLiteral("ServerAliveInterval=15"));
        opt(QStringLiteral("ServerAliveCountMax=3"));
        opt(QStringLiteral("LogLevel=ERROR"));
        if (!controlPath.isEmpty())
            opt(QStringLiteral("ControlPath=") + quoteOption(escapePercent(controlPath)));
        if (!host.identity.isEmpty()) {
            opt(QStringLiteral("IdentitiesOnly=yes"));
            opt(QStringLiteral("IdentityFile=") + quoteOption(escapePercent(host.identity)));
        }
        if (!host.knownHosts.isEmpty())
            opt(QStringLiteral("UserKnownHostsFile=") + quoteOption(escapePercent(host.knownHosts)));
        if (host.sshPort > 0)
            a << QStringLiteral("-p") << QString::number(host.sshPort);
        return a;
    }

    Result<QString> fail(HostStatus status, const QString& message)
    {
        failure = SessionFailure{status, message, {}, {}};
        return Result<QString>::failure(message, static_cast<int>(status));
    }

    Result<QString> failWith(SessionFailure f)
    {
        failure = std::move(f);
        return Result<QString>::failure(failure.message, static_cast<int>(failure.status));
    }

    Result<QString> openLocal();
    Result<QString> openSsh(int timeoutMs);
    Proc startMaster(bool withForward, int timeoutMs);
    void stopMaster();
    void removeFiles();
    void shutdown();
};

HostSession::HostSession(HostEntry host) : d(std::make_unique<Private>())
{
    d->host = std::move(host);
    QMutexLocker lock(&g_askpassMutex);
    d->askpass = g_defaultAskpass;
}

HostSession::~HostSession()
{
    close();
}

const HostEntry& HostSession::host() const
{
    return d->host;
}

bool HostSession::isOpen() const
{
    return d->isOpen;
}

QString HostSession::dockerSocketPath() const
{
    return d->dockerSocket;
}

const SessionFailure& HostSession::lastFailure() const
{
    return d->failure;
}

HostSession::Channel HostSession::channel() const
{
    return d->channel;
}

qint64 HostSession::masterPid() const
{
    return d->masterPid;
}

QString HostSession::controlPath() const
{
    return d->isOpen ? d->controlPath : QString();
}

QString HostSession::runtimeDir() const
{
    return d->dir;
}

void HostSession::setCancelFlag(const std::atomic<bool>* flag)
{
    d->cancel = flag;
}

void HostSession::setAskpass(const AskpassConfig& config)
{
    d->askpass = config;
}

void HostSession::setDefaultAskpass(const AskpassConfig& config)
{
    QMutexLocker lock(&g_askpassMutex);
    g_defaultAskpass = config;
}

Result<QString> HostSession::open(int timeoutMs)
{
    if (d->isOpen)
        return d->dockerSocket;
    d->failure = {};
    return d->host.isLocal() ? d->openLocal() : d->openSsh(timeoutMs);
}

Result<QString> HostSession::Private::openLocal()
{
    const QString path = host.unixPath.isEmpty() ? host.socket : host.unixPath;
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return fail(HostStatus::Unreachable,
                    QStringLiteral("%1: the Docker socket %2 does not exist (is dockerd running?)").arg(label(), path));
    if (!S_ISSOCK(st.st_mode))
        return fail(HostStatus::Unreachable, QStringLiteral("%1: %2 is not a unix socket").arg(label(), path));
    dockerSocket = path;
    channel = Channel::LocalSocket;
    isOpen = true;
    return dockerSocket;
}

Proc HostSession::Private::startMaster(bool withForward, int timeoutMs)
{
    QStringList args = baseArgs(timeoutMs);
    auto opt = [&args](const QString& o) { args << QStringLiteral("-o") << o; };
    opt(QStringLiteral("ControlMaster=yes"));
    // The master backgrounds itself once authenticated (so the foreground ssh's exit code tells us
    // whether we got in) and stays until close() sends -O exit.
    opt(QStringLiteral("ControlPersist=yes"));
    opt(QStringLiteral("ExitOnForwardFailure=yes"));
    opt(QStringLiteral("StreamLocalBindUnlink=yes"));
    opt(QStringLiteral("StreamLocalBindMask=0177"));
    args << QStringLiteral("-N");
    if (withForward)
        args << QStringLiteral("-L") << forwardPath + QLatin1Char(':') + host.socket;
    args << host.sshDestination();
    return runProcess(QStringLiteral("ssh"), args, environment(), {}, timeoutMs, cancel);
}

Result<QString> HostSession::Private::openSsh(int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    auto remaining = [&] { return qMax(1000, timeoutMs - static_cast<int>(clock.elapsed())); };

    auto rt = RuntimeDir::ensure();
    if (!rt)
        return fail(HostStatus::Unreachable, label() + QStringLiteral(": ") + rt.errorMessage());
    dir = *rt;
    RuntimeDir::sweepStale(dir);
    controlPath = RuntimeDir::socketPath(dir, 'c');
    forwardPath = RuntimeDir::socketPath(dir, 'd');

    Proc master = startMaster(true, timeoutMs);
    bool forwarded = true;
    if (master.finished && master.exitCode != 0 && SshDiagnostics::isForwardFailure(master.err)) {
        // The local end could not be set up: keep the master, reach the engine over stdio instead.
        forwarded = false;
        master = startMaster(false, remaining());
    }
    if (!master.started) {
        removeFiles();
        return fail(HostStatus::Unreachable,
                    QStringLiteral("%1: cannot run ssh: %2").arg(label(), QString::fromUtf8(master.err)));
    }
    if (!master.finished) {
        stopMaster(); // in case it got in just as we gave up
        removeFiles();
        if (cancel && cancel->load())
            return fail(HostStatus::Cancelled, QStringLiteral("%1: cancelled").arg(label()));
        return fail(HostStatus::Timeout,
                    QStringLiteral("%1: ssh did not connect within %2 ms").arg(label()).arg(timeoutMs));
    }
    if (master.exitCode != 0) {
        removeFiles();
        SessionFailure f = SshDiagnostics::classify(master.err, master.exitCode, label());
        if (f.status == HostStatus::HostKeyUnknown || f.status == HostStatus::HostKeyChanged) {
            static const QRegularExpression typeRe(QStringLiteral("No (\\w+) host key is known|for the (\\w+) key sent"));
            const auto m = typeRe.match(QString::fromUtf8(master.err));
            const QString type = m.hasMatch() ? (m.captured(1).isEmpty() ? m.captured(2) : m.captured(1)).toLower()
                                              : QString();
            if (auto key = HostKeys::fetch(host, type, qMin(remaining(), 10000))) {
                if (f.fingerprint.isEmpty())
                    f.fingerprint = key->fingerprint;
                f.keyLine = key->keyLine;
                if (f.status == HostStatus::HostKeyUnknown)
                    f.message += QStringLiteral(" Offered key: %1 (%2).").arg(key->fingerprint, key->keyType);
            }
        }
        return failWith(f);
    }

    // The master is up; learn its pid so close() can make sure it is gone.
    {
        Proc check = runProcess(QStringLiteral("ssh"),
                                baseArgs(5000) << QStringLiteral("-O") << QStringLiteral("check") << host.sshDestination(),
                                environment(), {}, 5000);
        static const QRegularExpression pidRe(QStringLiteral("pid=(\\d+)"));
        const auto m = pidRe.match(QString::fromUtf8(check.err + check.out));
        if (m.hasMatch())
            masterPid = m.captured(1).toLongLong();
    }
    isOpen = true;

    QString forwardError;
    if (forwarded) {
        auto probe = probeEngine(forwardPath, qMin(remaining(), 10000));
        if (probe) {
            dockerSocket = forwardPath;
            channel = Channel::Forward;
            return dockerSocket;
        }
        forwardError = probe.errorMessage();
        QFile::remove(forwardPath);
    } else {
        forwardError = QStringLiteral("ssh could not set up the forward: ") + QString::fromUtf8(master.err).trimmed();
    }

    // Fallback: `docker system dial-stdio` on the host, one ssh session per connection.
    const QString bridgePath = RuntimeDir::socketPath(dir, 'b');
    QStringList argv{QStringLiteral("ssh")};
    argv << baseArgs(10000) << QStringLiteral("-o") << QStringLiteral("ControlMaster=no") << host.sshDestination()
         << SshDiagnostics::shellJoin({QStringLiteral("docker"), QStringLiteral("-H"),
                                       QStringLiteral("unix://") + host.socket, QStringLiteral("system"),
                                       QStringLiteral("dial-stdio")});
    bridge = std::make_unique<StdioBridge>(bridgePath, argv);
    if (auto started = bridge->start(); !started) {
        shutdown();
        return fail(HostStatus::Unreachable,
                    QStringLiteral("%1: the Docker socket %2 is not reachable through the forward (%3) and the "
                                   "dial-stdio fallback could not start: %4")
                        .arg(label(), host.socket, forwardError, started.errorMessage()));
    }
    auto probe = probeEngine(bridgePath, qMin(remaining(), 15000));
    if (!probe) {
        shutdown();
        return fail(HostStatus::Unreachable,
                    QStringLiteral("%1: ssh works, but the Docker Engine at %2 does not answer (forward: %3; "
                                   "docker system dial-stdio: %4)")
                        .arg(label(), host.socket, forwardError, probe.errorMessage()));
    }
    dockerSocket = bridgePath;
    channel = Channel::DialStdio;
    return dockerSocket;
}

Result<CommandOutput> HostSession::run(const QStringList& argv, const QByteArray& stdinData, int timeoutMs)
{
    if (argv.isEmpty())
        return Result<CommandOutput>::failure(QStringLiteral("run: empty command"));
    Proc p;
    if (d->host.isLocal()) {
        p = runProcess(argv.first(), argv.mid(1), QProcessEnvironment::systemEnvironment(), stdinData, timeoutMs);
    } else {
        if (!d->isOpen)
            return Result<CommandOutput>::failure(QStringLiteral("%1: run() before open()").arg(d->label()));
        QStringList args = d->baseArgs(timeoutMs);
        args << QStringLiteral("-o") << QStringLiteral("ControlMaster=no") << QStringLiteral("-T") << d->host.sshDestination()
             << SshDiagnostics::shellJoin(argv);
        p = runProcess(QStringLiteral("ssh"), args, d->environment(), stdinData, timeoutMs);
    }
    if (!p.started)
        return Result<CommandOutput>::failure(
            QStringLiteral("%1: cannot run %2: %3").arg(d->label(), argv.first(), QString::fromUtf8(p.err)));
    if (!p.finished)
        return Result<CommandOutput>::failure(
            QStringLiteral("%1: %2 did not finish within %3 ms").arg(d->label(), argv.first()).arg(timeoutMs),
            static_cast<int>(HostStatus::Timeout));
    return CommandOutput{p.exitCode, p.out, p.err};
}

void HostSession::Private::stopMaster()
{
    if (controlPath.isEmpty())
        return;
    if (QFileInfo::exists(controlPath)) {
        runProcess(QStringLiteral("ssh"),
                   baseArgs(5000) << QStringLiteral("-O") << QStringLiteral("exit") << host.sshDestination(),
                   environment(), {}, 5000);
    }
    if (masterPid > 0) {
        // -O exit returns before the master is gone; wait for it so no ssh outlives the session.
        QElapsedTimer t;
        t.start();
        while (RuntimeDir::processAlive(masterPid) && t.elapsed() < 3000)
            QThread::msleep(10);
        if (RuntimeDir::processAlive(masterPid)) {
            ::kill(static_cast<pid_t>(masterPid), SIGTERM);
            while (RuntimeDir::processAlive(masterPid) && t.elapsed() < 5000)
                QThread::msleep(10);
        }
    }
}

void HostSession::Private::removeFiles()
{
    // ssh leaves the forwarded socket behind on exit; the control socket normally goes with it.
    for (const QString& f : {forwardPath, controlPath})
        if (!f.isEmpty())
            QFile::remove(f);
}

void HostSession::Private::shutdown()
{
    if (bridge) {
        bridge->stop();
        bridge.reset();
    }
    if (!host.isLocal() && !controlPath.isEmpty()) {
        stopMaster();
        removeFiles();
    }
    isOpen = false;
    masterPid = 0;
    dockerSocket.clear();
    controlPath.clear();
    forwardPath.clear();
    channel = Channel::None;
}

void HostSession::close()
{
    d->shutdown();
}

} // namespace bulwark
