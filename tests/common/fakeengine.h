// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A scripted HTTP/1.1 server on a unix socket, for testing the client's wire behaviour (keep-alive,
// chunked bodies, caps, timeouts, garbage) without a daemon. Runs on its own std::thread with
// blocking POSIX calls, because the client under test blocks the test thread.

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace bulwark::test {

class FakeEngine final {
public:
    struct Request {
        QByteArray method;
        QByteArray target;
        QByteArray body;
        int connection = 0;
    };
    // Returns the raw bytes to write back (status line, headers, body); empty: close the connection
    // without answering. `hold` set: keep the connection open without answering until stop().
    using Handler = std::function<QByteArray(const Request&, bool& hold)>;

    explicit FakeEngine(QString path, Handler handler) : m_path(std::move(path)), m_handler(std::move(handler))
    {
        m_listen = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray p = m_path.toUtf8();
        ::strncpy(addr.sun_path, p.constData(), sizeof(addr.sun_path) - 1);
        ::unlink(p.constData());
        if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(m_listen, 16) != 0)
            qFatal("FakeEngine: cannot listen on %s", p.constData());
        m_thread = std::thread([this] { run(); });
    }

    ~FakeEngine() { stop(); }

    void stop()
    {
        if (m_stop.exchange(true))
            return;
        m_thread.join();
        ::close(m_listen);
        ::unlink(m_path.toUtf8().constData());
    }

    QList<Request> requests() const
    {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    int connections() const { return m_connections.load(); }

    static QByteArray reply(int status, const QByteArray& body, const QByteArray& extraHeaders = {})
    {
        return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
    }
    static QByteArray chunked(int status, const QList<QByteArray>& chunks)
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (const auto& c : chunks)
            out += QByteArray::number(c.size(), 16) + "\r\n" + c + "\r\n";
        return out + "0\r\n\r\n";
    }

private:
    void run()
    {
        std::vector<std::thread> workers;
        while (!m_stop.load()) {
            pollfd pfd{m_listen, POLLIN, 0};
            if (::poll(&pfd, 1, 50) <= 0)
                continue;
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            const int id = ++m_connections;
            workers.emplace_back([this, fd, id] { serve(fd, id); });
        }
        for (auto& w : workers)
            w.join();
    }

    // Reads until `want` bytes or a full header block are buffered; false on EOF or stop.
    bool fill(int fd, QByteArray& buf)
    {
        while (!m_stop.load()) {
            pollfd pfd{fd, POLLIN, 0};
            const int r = ::poll(&pfd, 1, 50);
            if (r < 0)
                return false;
            if (r == 0)
                continue;
            char tmp[4096];
            const ssize_t n = ::read(fd, tmp, sizeof tmp);
            if (n <= 0)
                return false;
            buf.append(tmp, n);
            return true;
        }
        return false;
    }

    void serve(int fd, int id)
    {
        QByteArray buf;
        while (!m_stop.load()) {
            int end;
            while ((end = buf.indexOf("\r\n\r\n")) < 0)
                if (!fill(fd, buf))
                    return (void)::close(fd);
            const QByteArray head = buf.left(end);
            buf.remove(0, end + 4);
            Request req;
            req.connection = id;
            const QList<QByteArray> lines = head.split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            req.method = first.value(0);
            req.target = first.value(1);
            qsizetype length = 0;
            for (const auto& l : lines) {
                const int colon = l.indexOf(':');
                if (colon > 0 && l.left(colon).trimmed().toLower() == "content-length")
                    length = l.mid(colon + 1).trimmed().toLongLong();
            }
            while (buf.size() < length)
                if (!fill(fd, buf))
                    return (void)::close(fd);
            req.body = buf.left(length);
            buf.remove(0, length);
            {
                std::lock_guard lock(m_mutex);
                m_requests << req;
            }
            bool hold = false;
            const QByteArray out = m_handler(req, hold);
            if (hold) {
                while (!m_stop.load())
                    std::this_thread::sleep_for(std::chrono::milliseconds(20)); // a server that never answers
                return (void)::close(fd);
            }
            if (out.isEmpty())
                return (void)::close(fd);
            qsizetype written = 0;
            while (written < out.size()) {
                const ssize_t n = ::send(fd, out.constData() + written, out.size() - written, MSG_NOSIGNAL);
                if (n <= 0)
                    return (void)::close(fd);
                written += n;
            }
        }
        ::close(fd);
    }

    QString m_path;
    Handler m_handler;
    int m_listen = -1;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    mutable std::mutex m_mutex;
    QList<Request> m_requests;
    std::thread m_thread;
};

} // namespace bulwark::test
