// SPDX-License-Identifier: GPL-3.0-or-later
// A passphrase-protected key reaches a private sshd through the keychain and the askpass bridge,
// and the passphrase never shows up in ssh's argv or environment. Needs a real Secret Service
// (CI: dbus-run-session + gnome-keyring-daemon --unlock), hence the keychain label.
#include "secrets/askpassserver.h"
#include "secrets/secretstore.h"
#include "ssh/hostsession.h"

#include "../common/fakeengine.h"
#include "../common/sshtestserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace bulwark;
using bulwark::test::FakeEngine;
using bulwark::test::SshTestServer;

namespace {

const QString kPassphrase = QStringLiteral("correct horse"); // SshTestServer's locked_key

template <typename T>
Result<T> waitFor(const std::function<void(std::function<void(Result<T>)>)>& start)
{
    std::optional<Result<T>> out;
    start([&out](Result<T> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 20000)) // the keychain answers on this event loop
        return Error{QStringLiteral("keychain did not answer within 20 s"), -1};
    return out.value_or(Result<T>(Error{QStringLiteral("keychain did not answer"), -1}));
}

bool procFileContains(qint64 pid, const char* file, const QByteArray& needle)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    return f.open(QIODevice::ReadOnly) && f.readAll().contains(needle);
}

} // namespace

class TestAskpass final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        qputenv("BULWARK_RUNTIME_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("rt"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("rt"))));
        QFile::setPermissions(m_dir.filePath(QStringLiteral("rt")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        // Probe the keychain once; without a Secret Service there is nothing to test.
        auto probe = waitFor<void>([this](auto done) { m_store.write(QStringLiteral("bulwark-test-probe"), QStringLiteral("x"), done); });
        if (!probe)
            QSKIP(qPrintable(QStringLiteral("no usable keychain: ") + probe.errorMessage()));
        (void)waitFor<void>([this](auto done) { m_store.remove(QStringLiteral("bulwark-test-probe"), done); });
    }

    void promptsAreRecognised_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("keyFile");
        QTest::newRow("key") << "Enter passphrase for key '/home/ops/.ssh/id_ed25519': " << "/home/ops/.ssh/id_ed25519";
        QTest::newRow("spaces") << "Enter passphrase for key '/a b/k': " << "/a b/k";
        QTest::newRow("password") << "root@db's password: " << "";
        QTest::newRow("hostkey") << "Are you sure you want to continue connecting (yes/no/[fingerprint])? " << "";
    }

    void promptsAreRecognised()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, keyFile);
        QCOMPARE(AskpassServer::keyFileFromPrompt(prompt), keyFile);
    }

    void storesReadsAndRemovesSecrets()
    {
        const QString key = QStringLiteral("bulwark-test:%1").arg(QCoreApplication::applicationPid());
        QVERIFY(waitFor<void>([&](auto done) { m_store.write(key, QStringLiteral("s3cret"), done); }).ok());
        auto read = waitFor<QString>([&](auto done) { m_store.read(key, done); });
        QVERIFY2(read.ok(), qPrintable(read.errorMessage()));
        QCOMPARE(*read, QStringLiteral("s3cret"));
        QVERIFY(waitFor<void>([&](auto done) { m_store.remove(key, done); }).ok());
        auto gone = waitFor<QString>([&](auto done) { m_store.read(key, done); });
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, SecretStore::ErrorNotFound);
    }

    void passphraseReachesSshThroughAskpassOnly()
    {
        if (!SshTestServer::available())
            QSKIP("needs sshd");
        const QString helper = AskpassServer::findHelper();
        if (helper.isEmpty())
            QSKIP("bulwark-askpass is not built");
        SshTestServer sshd;
        const QString err = sshd.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        FakeEngine engine(m_dir.filePath(QStringLiteral("docker.sock")), [](const FakeEngine::Request&, bool&) {
            return QByteArray("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK");
        });
        const HostEntry host = sshd.entry(QStringLiteral("locked"), m_dir.filePath(QStringLiteral("docker.sock")),
                                          QStringLiteral("known_hosts"), QStringLiteral("locked_key"));
        const QString secretKey = SecretStore::sshPassphraseKey(host.identity);
        QVERIFY(waitFor<void>([&](auto done) { m_store.write(secretKey, kPassphrase, done); }).ok());

        AskpassServer server(&m_store);
        QVERIFY(server.listen(m_dir.filePath(QStringLiteral("rt/askpass.sock"))).ok());
        QSignalSpy handled(&server, &AskpassServer::requestHandled);

        // ssh blocks a worker thread; this thread keeps its event loop for the askpass server.
        auto future = QtConcurrent::run([&]() -> std::pair<bool, QString> {
            HostSession session(host);
            session.setAskpass({helper, server.socketPath()});
            auto socket = session.open(30000);
            if (!socket)
                return {false, socket.errorMessage()};
            const qint64 pid = session.masterPid();
            const QByteArray secret = kPassphrase.toUtf8();
            if (procFileContains(pid, "cmdline", secret) || procFileContains(pid, "environ", secret))
                return {false, QStringLiteral("the passphrase is visible in the ssh master's argv or environment")};
            return {true, QString()};
        });
        QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 60000);
        const auto [ok, why] = future.result();
        QVERIFY2(ok, qPrintable(why));
        QCOMPARE(server.answered(), 1);
        QCOMPARE(handled.size(), 1);
        QCOMPARE(handled.at(0).at(1).toBool(), true);

        // With the secret gone, the same key is refused: auth_failed, and nothing was answered.
        QVERIFY(waitFor<void>([&](auto done) { m_store.remove(secretKey, done); }).ok());
        auto second = QtConcurrent::run([&]() -> int {
            HostSession session(host);
            session.setAskpass({helper, server.socketPath()});
            auto socket = session.open(30000);
            return socket ? -1 : socket.error().code;
        });
        QTRY_VERIFY_WITH_TIMEOUT(second.isFinished(), 60000);
        QCOMPARE(second.result(), int(HostStatus::AuthFailed));
        QCOMPARE(server.answered(), 1);
    }

private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/bwt-ap-XXXXXX")};
    SecretStore m_store;
};

QTEST_GUILESS_MAIN(TestAskpass)
#include "tst_askpass.moc"
