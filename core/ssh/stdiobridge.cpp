// SPDX-License-Identifier: GPL-3.0-or-later
#include "stdiobridge.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace bulwark {

struct StdioBridge::Private {
    QString path;
    QStringList argv;
    int listenFd = -1;
    int wake[2] = {-1, -1};
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::atomic<int> started{0};
    std::mutex mutex;
    std::vector<pid_t> children;

    void loop();
    void reap(bool block);
    pid_t spawn(int clientFd);
};

StdioBridge::StdioBridge(QString listenPath, QStringList argv) : d(std::make_unique<Private>())
{
    d->path = std::move(listenPath);
    d->argv = std::move(argv);
}

StdioBridge::~StdioBridge()
{
    stop();
}

QString StdioBridge::path() const
{
    return d->path;
}

int StdioBridge::childrenStarted() const
{
    return d->started.load();
}

Result<void> StdioBridge::start()
{
    const QByteArray p = QFile::encodeName(d->path);
    sockaddr_un addr{};
    if (p.size() >= static_cast<qsizetype>(sizeof(addr.sun_path)))
        return Result<void>::failure(QStringLiteral("socket path too long: %1").arg(d->path));
    d->listenFd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (d->listenFd < 0)
        return Result<void>::failure(QStringLiteral("cannot create a unix socket: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, p.constData(), static_cast<size_t>(p.size()));
    ::unlink(p.constData());
    // The directory is 0700; umask keeps the socket owner-only as well.
    if (::bind(d->listenFd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(d->listenFd, 64) != 0) {
        const QString why = QString::fromLocal8Bit(strerror(errno));
        ::close(d->listenFd);
        d->listenFd = -1;
        return Result<void>::failure(QStringLiteral("cannot listen on %1: %2").arg(d->path, why));
    }
    ::chmod(p.constData(), 0600);
    if (::pipe2(d->wake, O_CLOEXEC) != 0) {
        ::close(d->listenFd);
        d->listenFd = -1;
        return Result<void>::failure(QStringLiteral("cannot create a pipe"));
    }
    d->thread = std::thread([this] { d->loop(); });
    return {};
}

void StdioBridge::stop()
{
    if (d->listenFd < 0 || d->stopping.exchange(true))
        return;
    const char c = 'x';
    (void)!::write(d->wake[1], &c, 1);
    d->thread.join();
    ::close(d->listenFd);
    ::close(d->wake[0]);
    ::close(d->wake[1]);
    d->listenFd = -1;
    QFile::remove(d->path);
    {
        std::lock_guard lock(d->mutex);
        for (pid_t pid : d->children)
            ::kill(pid, SIGTERM);
    }
    d->reap(true);
}

pid_t StdioBridge::Private::spawn(int clientFd)
{
    std::vector<QByteArray> storage;
    storage.reserve(static_cast<size_t>(argv.size()));
    for (const auto& a : std::as_const(argv))
        storage.push_back(a.toLocal8Bit());
    std::vector<char*> args;
    for (auto& s : storage)
        args.push_back(s.data());
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, clientFd, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, clientFd, STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

void StdioBridge::Private::reap(bool block)
{
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + seconds(3);
    std::lock_guard lock(mutex);
    for (auto it = children.begin(); it != children.end();) {
        int status = 0;
        pid_t r = ::waitpid(*it, &status, WNOHANG);
        while (block && r == 0) {
            if (steady_clock::now() > deadline)
                ::kill(*it, SIGKILL);
            std::this_thread::sleep_for(milliseconds(10)); // waiting for a child we just signalled
            r = ::waitpid(*it, &status, WNOHANG);
        }
        it = (r == 0) ? it + 1 : children.erase(it);
    }
}

void StdioBridge::Private::loop()
{
    while (!stopping.load()) {
        pollfd fds[2] = {{listenFd, POLLIN, 0}, {wake[0], POLLIN, 0}};
        const int r = ::poll(fds, 2, 500);
        reap(false);
        if (r <= 0 || (fds[1].revents & POLLIN))
            continue;
        const int client = ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0)
            continue;
        const pid_t pid = spawn(client);
        ::close(client); // the child holds it now; EOF reaches ssh when the client closes
        if (pid > 0) {
            ++started;
            std::lock_guard lock(mutex);
            children.push_back(pid);
        }
    }
}

} // namespace bulwark
