// SPDX-License-Identifier: GPL-3.0-or-later
// The Engine API client's wire behaviour against a scripted server on a unix socket.
#include "docker/dockerclient.h"
#include "docker/parallelget.h"

#include "../common/fakeengine.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace bulwark;
using bulwark::test::FakeEngine;

namespace {

QByteArray pingReply(const QByteArray& version = "1.43")
{
    return "HTTP/1.1 200 OK\r\nApi-Version: " + version + "\r\nContent-Length: 2\r\n\r\nOK";
}

} // namespace

class TestDockerClient final : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void negotiatesAndPrefixesPaths()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request& r, bool&) {
            return r.target == "/_ping" ? pingReply("1.45") : FakeEngine::reply(200, "[]");
        });
        DockerClient client(socket());
        auto v = client.negotiate();
        QVERIFY2(v.ok(), qPrintable(v.errorMessage()));
        QCOMPARE(*v, QStringLiteral("1.45"));
        QCOMPARE(client.apiVersion(), QStringLiteral("1.45"));
        auto list = client.get(QStringLiteral("/containers/json?all=1"));
        QVERIFY2(list.ok(), qPrintable(list.errorMessage()));
        QCOMPARE(*list, QByteArray("[]"));
        const auto reqs = engine.requests();
        QCOMPARE(reqs.size(), 2);
        QCOMPARE(reqs[1].target, QByteArray("/v1.45/containers/json?all=1"));
        QCOMPARE(client.requestCount(), 2);
    }

    void keepsTheConnectionAlive()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request& r, bool&) {
            return r.target == "/_ping" ? pingReply() : FakeEngine::reply(200, "{}");
        });
        DockerClient client(socket());
        QVERIFY(client.negotiate().ok());
        for (int i = 0; i < 20; ++i)
            QVERIFY(client.get(QStringLiteral("/containers/%1/json").arg(i)).ok());
        QCOMPARE(engine.requests().size(), 21);
        QCOMPARE(engine.connections(), 1);
    }

    void reassemblesChunkedBodies()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request&, bool&) {
            return FakeEngine::chunked(200, {"[{\"Id\":", "\"abc\"}", "]"});
        });
        DockerClient client(socket());
        auto body = client.get(QStringLiteral("/containers/json"));
        QVERIFY2(body.ok(), qPrintable(body.errorMessage()));
        QCOMPARE(*body, QByteArray("[{\"Id\":\"abc\"}]"));
    }

    void sendsJsonBodies()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request&, bool&) { return FakeEngine::reply(201, "{\"Id\":\"x\"}"); });
        DockerClient client(socket());
        auto created = client.post(QStringLiteral("/containers/create?name=t"), "{\"Image\":\"busybox\"}");
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        QCOMPARE(engine.requests().value(0).method, QByteArray("POST"));
        QCOMPARE(engine.requests().value(0).body, QByteArray("{\"Image\":\"busybox\"}"));
        QVERIFY(client.del(QStringLiteral("/containers/x?force=1")).ok());
        QCOMPARE(engine.requests().value(1).method, QByteArray("DELETE"));
    }

    void engineErrorsCarryTheMessage_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("404 json") << 404 << QByteArray("{\"message\":\"No such container: nope\"}")
                                  << "No such container: nope";
        QTest::newRow("500 text") << 500 << QByteArray("boom") << "boom";
        QTest::newRow("409 empty") << 409 << QByteArray() << "HTTP 409";
    }

    void engineErrorsCarryTheMessage()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        FakeEngine engine(socket(), [&](const FakeEngine::Request&, bool&) { return FakeEngine::reply(status, body); });
        DockerClient client(socket());
        auto r = client.get(QStringLiteral("/containers/nope/json"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, status);
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().contains(QLatin1String("/containers/nope/json")), qPrintable(r.errorMessage()));
    }

    void capsTheResponseSize_data()
    {
        QTest::addColumn<bool>("isChunked");
        QTest::newRow("content-length") << false;
        QTest::newRow("chunked") << true;
    }

    void capsTheResponseSize()
    {
        QFETCH(bool, isChunked);
        const QByteArray big(4096, 'x');
        FakeEngine engine(socket(), [&](const FakeEngine::Request&, bool&) {
            return isChunked ? FakeEngine::chunked(200, {big, big, big}) : FakeEngine::reply(200, big + big + big);
        });
        DockerClient client(socket(), DockerClient::Options{5000, 10000, 2000});
        auto r = client.get(QStringLiteral("/huge"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, DockerClient::ErrorTooLarge);
        QVERIFY2(r.errorMessage().contains(QLatin1String("10000")), qPrintable(r.errorMessage()));
    }

    void timesOut()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request&, bool& hold) {
            hold = true;
            return QByteArray();
        });
        DockerClient client(socket());
        QElapsedTimer t;
        t.start();
        auto r = client.get(QStringLiteral("/info"), 300);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, DockerClient::ErrorTimeout);
        QVERIFY(t.elapsed() >= 250);
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
        engine.stop();
    }

    void missingSocketIsAConnectError()
    {
        DockerClient client(m_dir.filePath(QStringLiteral("absent.sock")));
        auto r = client.negotiate();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, DockerClient::ErrorConnect);
        QVERIFY2(r.errorMessage().contains(QLatin1String("absent.sock")), qPrintable(r.errorMessage()));
    }

    void refusesAServerWithoutApiVersion_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("code");
        QTest::newRow("no header") << FakeEngine::reply(200, "OK") << int(DockerClient::ErrorProtocol);
        QTest::newRow("too old") << pingReply("1.12") << int(DockerClient::ErrorProtocol);
        QTest::newRow("garbage") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n") << int(DockerClient::ErrorProtocol);
        QTest::newRow("closed") << QByteArray() << int(DockerClient::ErrorProtocol);
    }

    void refusesAServerWithoutApiVersion()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, code);
        FakeEngine engine(socket(), [&](const FakeEngine::Request&, bool&) { return raw; });
        DockerClient client(socket());
        auto r = client.negotiate();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QVERIFY(client.apiVersion().isEmpty());
    }

    void streamsUntilTheCallerStops()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request&, bool&) {
            return FakeEngine::chunked(200, {"{\"Action\":\"start\"}\n", "{\"Action\":\"die\"}\n", "{\"Action\":\"x\"}\n"});
        });
        DockerClient client(socket());
        QByteArray seen;
        int pieces = 0;
        auto r = client.stream(QStringLiteral("/events"), [&](const QByteArray& data) {
            seen += data;
            return ++pieces < 2 && !seen.contains("die");
        });
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(seen.contains("start"));
        QVERIFY(!seen.contains("\"x\""));
    }

    void streamReportsAnErrorReply()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request&, bool&) {
            return FakeEngine::reply(400, "{\"message\":\"invalid filter\"}");
        });
        DockerClient client(socket());
        bool called = false;
        auto r = client.stream(QStringLiteral("/events?filters=bad"), [&](const QByteArray&) { return called = true; });
        QVERIFY(!r.ok());
        QVERIFY(!called);
        QVERIFY2(r.errorMessage().contains(QLatin1String("invalid filter")), qPrintable(r.errorMessage()));
    }

    void abortsFromAnotherThread()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request&, bool& hold) {
            hold = true;
            return QByteArray();
        });
        DockerClient client(socket());
        std::thread aborter([&] {
            while (engine.requests().isEmpty())
                std::this_thread::yield(); // readiness: the request reached the server
            client.abort();
        });
        QElapsedTimer t;
        t.start();
        auto r = client.stream(QStringLiteral("/events"), [](const QByteArray&) { return true; });
        aborter.join();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, DockerClient::ErrorAborted);
        QVERIFY(t.elapsed() < 5000);
        engine.stop();
    }

    void parallelGetKeepsOrderAndLimits()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request& r, bool&) {
            if (r.target.contains("/missing"))
                return FakeEngine::reply(404, "{\"message\":\"No such container\"}");
            return FakeEngine::reply(200, "\"" + r.target + "\"");
        });
        ParallelGet batch(socket(), QStringLiteral("1.41"));
        batch.setLaneLimit(0, 3);
        batch.setLaneLimit(1, 10);
        QList<ParallelGet::Request> reqs;
        for (int i = 0; i < 40; ++i)
            reqs.append({i == 7 ? QStringLiteral("/missing") : QStringLiteral("/c/%1").arg(i), i % 2});
        QMap<int, QByteArray> bodies;
        QMap<int, int> errors;
        batch.run(reqs, [&](int index, Result<QByteArray> body) {
            if (body)
                bodies.insert(index, *body);
            else
                errors.insert(index, body.error().code);
        }, 5000);
        QCOMPARE(bodies.size() + errors.size(), 40);
        QCOMPARE(errors.value(7), 404);
        for (auto it = bodies.cbegin(); it != bodies.cend(); ++it)
            QCOMPARE(it.value(), QByteArray("\"/v1.41/c/") + QByteArray::number(it.key()) + "\"");
        QCOMPARE(batch.requestCount(), 40);
        // Keep-alive: at most 3 + 10 connections for 40 requests.
        QVERIFY2(engine.connections() <= 13, qPrintable(QString::number(engine.connections())));
    }

    // An ssh -L forward listens with a backlog of 128 and accepts one connection per loop turn, so
    // 200 one-shot stats at once overflow it: the refused connects are tried again, none is lost.
    // The fake engine's backlog is 16.
    void parallelGetBurstBeyondTheBacklog()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request& r, bool&) { return FakeEngine::reply(200, "\"" + r.target + "\""); });
        ParallelGet batch(socket(), QStringLiteral("1.41"));
        batch.setLaneLimit(0, 200);
        QList<ParallelGet::Request> reqs;
        for (int i = 0; i < 200; ++i)
            reqs.append({QStringLiteral("/c/%1").arg(i), 0});
        int ok = 0;
        QStringList errors;
        batch.run(reqs, [&](int, Result<QByteArray> body) {
            if (body)
                ++ok;
            else
                errors << body.errorMessage();
        }, 10000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0)));
        QCOMPARE(ok, 200);
        QCOMPARE(batch.requestCount(), 200); // refused connects never reached the engine
        qInfo("connect retries: %d", batch.connectRetryCount());
        engine.stop();
    }

    // Without a listener every connect is refused: no endless retrying, every request fails fast.
    void parallelGetDeadSocketFailsFast()
    {
        ParallelGet batch(socket(), QStringLiteral("1.41"));
        batch.setLaneLimit(0, 50);
        const QList<ParallelGet::Request> reqs(50, ParallelGet::Request{QStringLiteral("/c"), 0});
        int failed = 0;
        QElapsedTimer t;
        t.start();
        batch.run(reqs, [&](int, Result<QByteArray> body) {
            QVERIFY(!body.ok());
            QCOMPARE(body.error().code, DockerClient::ErrorConnect);
            ++failed;
        }, 10000);
        QCOMPARE(failed, 50);
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    }

    void parallelGetStopsAtTheDeadline()
    {
        FakeEngine engine(socket(), [](const FakeEngine::Request&, bool& hold) {
            hold = true;
            return QByteArray();
        });
        ParallelGet batch(socket(), QStringLiteral("1.41"));
        batch.setLaneLimit(0, 2);
        QList<ParallelGet::Request> reqs(6, ParallelGet::Request{QStringLiteral("/slow"), 0});
        int done = 0;
        QElapsedTimer t;
        t.start();
        batch.run(reqs, [&](int, Result<QByteArray> body) {
            QVERIFY(!body.ok());
            ++done;
        }, 60000, QDeadlineTimer(500));
        QCOMPARE(done, 6);
        QVERIFY2(t.elapsed() < 4000, qPrintable(QString::number(t.elapsed())));
        engine.stop();
    }

private:
    QString socket() const { return m_dir.filePath(QStringLiteral("d.sock")); }
    QTemporaryDir m_dir{QStringLiteral("/tmp/bulwark-tst-XXXXXX")}; // short: sun_path is 108 bytes
};

QTEST_GUILESS_MAIN(TestDockerClient)
#include "tst_dockerclient.moc"
