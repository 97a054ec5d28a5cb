// SPDX-License-Identifier: GPL-3.0-or-later
// Watch mode against a real dockerd behind a real sshd, both the test's own (own directories, own
// 127.0.0.1 port; the shared lab is never touched): container changes arrive as single-container
// updates; killing the ssh tunnel or stopping dockerd is survived with a reconnect and a full rescan;
// after stop() no ssh process of the session is left and the runtime directory holds no socket.
#include "model/metatypes.h"
#include "scan/fleetwatcher.h"
#include "ssh/runtimedir.h"

#include "../common/dockertestdaemon.h"
#include "../common/sshtestserver.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

using namespace bulwark;
using bulwark::test::DockerTestDaemon;
using bulwark::test::SshTestServer;

namespace {

// Every process whose command line mentions `needle` (our runtime directory: ssh masters, forwards
// and dial-stdio bridges all carry it in ControlPath= or -L).
QList<qint64> processesMentioning(const QString& needle);

// For failure messages: what those processes are.
QString describe(const QList<qint64>& pids)
{
    QStringList out;
    for (qint64 pid : pids) {
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        QByteArray cmd = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        cmd.replace('\0', ' ');
        out << QStringLiteral("%1: %2").arg(pid).arg(QString::fromUtf8(cmd.left(300)));
    }
    return out.join(QLatin1Char('\n'));
}

QList<qint64> processesMentioning(const QString& needle)
{
    QList<qint64> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& e : entries) {
        bool ok = false;
        const qint64 pid = e.toLongLong(&ok);
        if (!ok || pid == QCoreApplication::applicationPid())
            continue;
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        QByteArray cmd = f.readAll();
        cmd.replace('\0', ' ');
        if (cmd.contains(QFile::encodeName(needle)) && RuntimeDir::processAlive(pid))
            pids.append(pid);
    }
    return pids;
}

QStringList socketsIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::System | QDir::Files | QDir::Hidden);
}

} // namespace

class TestFleetWatcher final : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp{QStringLiteral("/tmp/bwt-watch-XXXXXX")};
    QString m_runtime;
    DockerTestDaemon m_dockerd;
    SshTestServer m_sshd;
    HostEntry m_host;
    std::unique_ptr<FleetWatcher> m_watcher;
    std::unique_ptr<QSignalSpy> m_states;
    std::unique_ptr<QSignalSpy> m_scans;
    std::unique_ptr<QSignalSpy> m_upserts;
    std::unique_ptr<QSignalSpy> m_removals;
    QDateTime m_changedWhileStopped;

    // Waits (event loop running, no sleeping) until `spy` has an emission from index `from` on that
    // satisfies `match`; returns its index or -1.
    static int waitFor(QSignalSpy& spy, qsizetype from, const std::function<bool(const QList<QVariant>&)>& match,
                       int timeoutMs = 60000)
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            for (qsizetype i = from; i < spy.size(); ++i)
                if (match(spy.at(i)))
                    return int(i);
            const qint64 left = timeoutMs - t.elapsed();
            if (left <= 0)
                return -1;
            spy.wait(int(qMin<qint64>(left, 1000)));
        }
    }

    int waitForState(WatchState state, qsizetype from, int timeoutMs = 60000)
    {
        return waitFor(*m_states, from, [state](const QList<QVariant>& a) { return a.at(1).value<WatchState>() == state; },
                       timeoutMs);
    }

    int waitForUpsert(const QString& name, const QString& stateName, qsizetype from)
    {
        return waitFor(*m_upserts, from, [&](const QList<QVariant>& a) {
            const auto c = a.at(1).value<ContainerSnapshot>();
            return c.name == name && c.state == stateName;
        });
    }

    QString docker(const QStringList& args)
    {
        auto [rc, out] = m_dockerd.docker(args);
        return rc == 0 ? QString::fromUtf8(out.trimmed()) : QString();
    }

private slots:
    void initTestCase()
    {
        registerMetaTypes();
        if (!DockerTestDaemon::available() || !SshTestServer::available())
            QSKIP("needs root, /usr/sbin/dockerd, docker, busybox and /usr/sbin/sshd");
        QVERIFY(m_tmp.isValid());
        m_runtime = m_tmp.filePath(QStringLiteral("rt"));
        qputenv("BULWARK_RUNTIME_DIR", QFile::encodeName(m_runtime));
        const QString dockerError = m_dockerd.start();
        QVERIFY2(dockerError.isEmpty(), qPrintable(dockerError));
        const QString sshError = m_sshd.start();
        QVERIFY2(sshError.isEmpty(), qPrintable(sshError));
        m_host = m_sshd.entry(QStringLiteral("watch-1"), m_dockerd.socket());
        QVERIFY(!m_dockerd.runSleeper(QStringLiteral("bwt-w-before")).isEmpty());
    }

    void startScansThenWatches()
    {
        m_watcher = std::make_unique<FleetWatcher>();
        WatchOptions o;
        o.backoff.initialMs = 200;
        o.backoff.maxMs = 1600;
        o.quietMs = 150;
        o.maxDelayMs = 1000;
        o.healthCheckMs = 2000;
        m_watcher->setOptions(o);
        m_states = std::make_unique<QSignalSpy>(m_watcher.get(), &FleetWatcher::hostStateChanged);
        m_scans = std::make_unique<QSignalSpy>(m_watcher.get(), &FleetWatcher::hostScanned);
        m_upserts = std::make_unique<QSignalSpy>(m_watcher.get(), &FleetWatcher::containerUpserted);
        m_removals = std::make_unique<QSignalSpy>(m_watcher.get(), &FleetWatcher::containerRemoved);
        FleetConfig fleet;
        fleet.hosts = {m_host};
        m_watcher->start(fleet);
        QVERIFY(m_watcher->isRunning());

        QVERIFY(waitForState(WatchState::Watching, 0) >= 0);
        QCOMPARE(m_states->at(0).at(1).value<WatchState>(), WatchState::Connecting);
        QCOMPARE(m_scans->size(), 1);
        const auto snap = m_scans->at(0).at(0).value<HostSnapshot>();
        QCOMPARE(snap.hostName, QStringLiteral("watch-1"));
        QVERIFY2(snap.isOk(), qPrintable(snap.error));
        QVERIFY(snap.findContainer(QStringLiteral("bwt-w-before")));
        QVERIFY(snap.findContainer(QStringLiteral("bwt-w-before"))->memory.has_value());
        // One master (with the forward) for the session, its sockets in our runtime directory.
        QCOMPARE(processesMentioning(m_runtime).size(), 1);
    }

    void containerChangesArriveOneByOne()
    {
        const qsizetype scansBefore = m_scans->size();
        qsizetype from = m_upserts->size();
        const QString id = docker({QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("bwt-w-b"),
                                   QStringLiteral("--network"), QStringLiteral("none"), QStringLiteral("--read-only"),
                                   DockerTestDaemon::image(), QStringLiteral("sleep"), QStringLiteral("100000")});
        QVERIFY(!id.isEmpty());
        int i = waitForUpsert(QStringLiteral("bwt-w-b"), QStringLiteral("created"), from);
        QVERIFY2(i >= 0, "no update for the created container");
        auto c = m_upserts->at(i).at(1).value<ContainerSnapshot>();
        QCOMPARE(m_upserts->at(i).at(0).toString(), QStringLiteral("watch-1"));
        QCOMPARE(c.id, id);
        QVERIFY(c.readonlyRootfs); // the full inspect, not just the event
        QVERIFY(!c.memory);

        from = m_upserts->size();
        QVERIFY(!docker({QStringLiteral("start"), QStringLiteral("bwt-w-b")}).isEmpty());
        i = waitForUpsert(QStringLiteral("bwt-w-b"), QStringLiteral("running"), from);
        QVERIFY2(i >= 0, "no update for the started container");
        c = m_upserts->at(i).at(1).value<ContainerSnapshot>();
        QVERIFY2(c.memory.has_value() && c.memory->usageBytes > 0,
                 qPrintable(QStringLiteral("no memory reading for the running container (status '%1')").arg(c.status)));
        QVERIFY(c.status.startsWith(QLatin1String("Up")));

        from = m_upserts->size();
        QVERIFY(!docker({QStringLiteral("stop"), QStringLiteral("-t"), QStringLiteral("0"), QStringLiteral("bwt-w-b")}).isEmpty());
        QVERIFY2(waitForUpsert(QStringLiteral("bwt-w-b"), QStringLiteral("exited"), from) >= 0, "no update for the stopped container");

        const qsizetype removalsFrom = m_removals->size();
        QVERIFY(!docker({QStringLiteral("rm"), QStringLiteral("bwt-w-b")}).isEmpty());
        const int r = waitFor(*m_removals, removalsFrom, [&](const QList<QVariant>& a) { return a.at(1).toString() == id; });
        QVERIFY2(r >= 0, "no removal for the removed container");
        QCOMPARE(m_removals->at(r).at(0).toString(), QStringLiteral("watch-1"));

        // Only the changed container was refreshed, and no full rescan happened.
        for (qsizetype k = 0; k < m_upserts->size(); ++k)
            QCOMPARE(m_upserts->at(k).at(1).value<ContainerSnapshot>().name, QStringLiteral("bwt-w-b"));
        QCOMPARE(m_scans->size(), scansBefore);
    }

    void killedTunnelReconnects()
    {
        const QList<qint64> ssh = processesMentioning(m_runtime);
        QVERIFY(!ssh.isEmpty());
        const QStringList oldSockets = socketsIn(m_runtime);
        QVERIFY(!oldSockets.isEmpty());
        const qsizetype statesFrom = m_states->size();
        const qsizetype scansFrom = m_scans->size();
        for (qint64 pid : ssh)
            ::kill(static_cast<pid_t>(pid), SIGKILL);

        const int rec = waitForState(WatchState::Reconnecting, statesFrom);
        QVERIFY2(rec >= 0, "the dropped tunnel was not noticed");
        const QString reason = m_states->at(rec).at(2).toString();
        QVERIFY2(reason.contains(QLatin1String("watch-1")) && !reason.isEmpty(), qPrintable(reason));
        QCOMPARE(m_states->at(rec).at(3).toInt(), 1);
        QVERIFY(m_states->at(rec).at(4).toInt() > 0 && m_states->at(rec).at(4).toInt() <= 200);

        QVERIFY2(waitForState(WatchState::Watching, rec) >= 0, "no reconnect after the tunnel was killed");
        QVERIFY2(m_scans->size() > scansFrom, "no full rescan after the reconnect");
        QVERIFY(m_scans->last().at(0).value<HostSnapshot>().isOk());
        for (qint64 pid : ssh)
            QVERIFY(!RuntimeDir::processAlive(pid));
        // The killed session's sockets were removed; only the new session's remain.
        const QStringList now = socketsIn(m_runtime);
        for (const QString& s : oldSockets)
            QVERIFY2(!now.contains(s), qPrintable(QStringLiteral("stale socket %1").arg(s)));
        QCOMPARE(processesMentioning(m_runtime).size(), 1);

        const qsizetype from = m_upserts->size();
        QVERIFY(!m_dockerd.runSleeper(QStringLiteral("bwt-w-c")).isEmpty());
        QVERIFY2(waitForUpsert(QStringLiteral("bwt-w-c"), QStringLiteral("running"), from) >= 0,
                 "changes after the reconnect do not arrive");
    }

    void dockerdRestartRecovers()
    {
        const qsizetype statesFrom = m_states->size();
        m_dockerd.stop();
        const int rec = waitForState(WatchState::Reconnecting, statesFrom);
        QVERIFY2(rec >= 0, "the stopped engine was not noticed");
        QVERIFY(!m_states->at(rec).at(2).toString().isEmpty());

        // While the engine is down, attempts fail and the wait grows.
        const int again = waitFor(*m_states, rec + 1, [](const QList<QVariant>& a) {
            return a.at(1).value<WatchState>() == WatchState::Reconnecting && a.at(3).toInt() >= 2;
        });
        QVERIFY2(again >= 0, "no further attempt while dockerd is down");
        QVERIFY(m_states->at(again).at(4).toInt() > 200 * 0.8);

        const qsizetype scansFrom = m_scans->size();
        const QString restart = m_dockerd.start();
        QVERIFY2(restart.isEmpty(), qPrintable(restart));
        QVERIFY2(waitFor(*m_scans, scansFrom, [](const QList<QVariant>& a) { return a.at(0).value<HostSnapshot>().isOk(); }) >= 0,
                 "no full rescan once dockerd is back");
        QVERIFY(waitForState(WatchState::Watching, again) >= 0);
        const auto snap = m_scans->last().at(0).value<HostSnapshot>();
        QVERIFY(snap.findContainer(QStringLiteral("bwt-w-c"))); // exited by the restart, still there
        // The failed attempts left no bridge or master behind.
        QVERIFY2(processesMentioning(m_runtime).size() == 1, qPrintable(describe(processesMentioning(m_runtime))));

        const qsizetype from = m_upserts->size();
        QVERIFY(!m_dockerd.runSleeper(QStringLiteral("bwt-w-d")).isEmpty());
        QVERIFY2(waitForUpsert(QStringLiteral("bwt-w-d"), QStringLiteral("running"), from) >= 0,
                 "changes after the engine restart do not arrive");
    }

    void stopLeavesNoProcessAndNoSocket()
    {
        const QList<qint64> ssh = processesMentioning(m_runtime);
        QCOMPARE(ssh.size(), 1);
        QVERIFY(!socketsIn(m_runtime).isEmpty());
        QSignalSpy stopped(m_watcher.get(), &FleetWatcher::stopped);
        m_watcher->stop();
        QVERIFY(stopped.wait(20000));
        QVERIFY(!m_watcher->isRunning());
        for (qint64 pid : ssh)
            QVERIFY2(!RuntimeDir::processAlive(pid), qPrintable(QStringLiteral("ssh %1 outlived stop()").arg(pid)));
        QVERIFY2(processesMentioning(m_runtime).isEmpty(), "an ssh process of the session is still running");
        QVERIFY2(socketsIn(m_runtime).isEmpty(), qPrintable(socketsIn(m_runtime).join(QLatin1Char(' '))));

        // Nothing arrives after stopped().
        const qsizetype upserts = m_upserts->size();
        m_changedWhileStopped = QDateTime::currentDateTimeUtc();
        QVERIFY(!m_dockerd.runSleeper(QStringLiteral("bwt-w-e")).isEmpty());
        QVERIFY(!m_upserts->wait(1500));
        QCOMPARE(m_upserts->size(), upserts);
    }

    // The GUI starts watching from its audit's snapshot: no full scan, and what changed since that
    // snapshot is replayed by the engine.
    void startFromSnapshotReplaysChangesSinceThen()
    {
        FleetWatcher watcher;
        WatchOptions o = m_watcher->options();
        watcher.setOptions(o);
        QSignalSpy states(&watcher, &FleetWatcher::hostStateChanged);
        QSignalSpy scans(&watcher, &FleetWatcher::hostScanned);
        QSignalSpy upserts(&watcher, &FleetWatcher::containerUpserted);
        FleetConfig fleet;
        fleet.hosts = {m_host};
        watcher.start(fleet, {{m_host.name, m_changedWhileStopped}});
        const int i = waitFor(upserts, 0, [](const QList<QVariant>& a) {
            return a.at(1).value<ContainerSnapshot>().name == QLatin1String("bwt-w-e");
        });
        QVERIFY2(i >= 0, "a change made before the watch started, after its snapshot, was not replayed");
        QCOMPARE(scans.size(), 0);
        QVERIFY(waitFor(states, 0, [](const QList<QVariant>& a) { return a.at(1).value<WatchState>() == WatchState::Watching; }) >= 0);
        QSignalSpy stopped(&watcher, &FleetWatcher::stopped);
        watcher.stop();
        QVERIFY(stopped.wait(20000));
        QVERIFY(processesMentioning(m_runtime).isEmpty());
        QVERIFY(socketsIn(m_runtime).isEmpty());
    }

    void cleanupTestCase()
    {
        m_watcher.reset();
        m_sshd.stop();
        m_dockerd.stop();
    }
};

QTEST_GUILESS_MAIN(TestFleetWatcher)
#include "tst_fleetwatcher.moc"
