// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshdiagnostics.h"

#include <QProcess>
#include <QTest>

using namespace bulwark;

class TestSshDiagnostics final : public QObject {
    Q_OBJECT
private slots:
    // Real OpenSSH 9.2 wordings (recorded against a private sshd).
    void classifiesSshErrors_data()
    {
        QTest::addColumn<QByteArray>("stderrText");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");
        QTest::addColumn<QString>("fingerprint");

        QTest::newRow("unknown key")
            << QByteArray("No ED25519 host key is known for [127.0.0.1]:22951 and you have requested strict checking.\n"
                          "Host key verification failed.\n")
            << int(HostStatus::HostKeyUnknown) << "never accepted automatically" << "";
        QTest::newRow("changed key")
            << QByteArray("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                          "@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n"
                          "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                          "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
                          "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n"
                          "It is also possible that a host key has just been changed.\n"
                          "The fingerprint for the ED25519 key sent by the remote host is\n"
                          "SHA256:MNT+TJwDWhSyXvqzt5/Il9t+YlGobpuxZlQ7FwJ6M68.\n"
                          "Please contact your system administrator.\n"
                          "Add correct host key in kh_wrong to get rid of this message.\n"
                          "Offending ED25519 key in kh_wrong:1\n"
                          "  remove with:\n"
                          "  ssh-keygen -f \"kh_wrong\" -R \"[127.0.0.1]:22951\"\n"
                          "Host key for [127.0.0.1]:22951 has changed and you have requested strict checking.\n"
                          "Host key verification failed.\n")
            << int(HostStatus::HostKeyChanged) << "man-in-the-middle" << "SHA256:MNT+TJwDWhSyXvqzt5/Il9t+YlGobpuxZlQ7FwJ6M68";
        QTest::newRow("refused key") << QByteArray("root@127.0.0.1: Permission denied (publickey).\n")
                                     << int(HostStatus::AuthFailed) << "Permission denied (publickey)" << "";
        QTest::newRow("too many keys") << QByteArray("Received disconnect from 127.0.0.1 port 22: Too many authentication failures\n")
                                       << int(HostStatus::AuthFailed) << "credentials" << "";
        QTest::newRow("refused port") << QByteArray("ssh: connect to host 127.0.0.1 port 22959: Connection refused\n")
                                      << int(HostStatus::Unreachable) << "sshd running" << "";
        QTest::newRow("connect timeout") << QByteArray("ssh: connect to host 127.0.0.2 port 22: Connection timed out\n")
                                         << int(HostStatus::Timeout) << "timed out" << "";
        QTest::newRow("banner timeout") << QByteArray("Connection timed out during banner exchange\n")
                                        << int(HostStatus::Timeout) << "banner" << "";
        QTest::newRow("dns") << QByteArray("ssh: Could not resolve hostname nosuch: Name or service not known\n")
                             << int(HostStatus::Unreachable) << "Could not resolve" << "";
        QTest::newRow("closed") << QByteArray("kex_exchange_identification: Connection closed by remote host\n")
                                << int(HostStatus::Unreachable) << "Connection closed" << "";
        QTest::newRow("silent") << QByteArray() << int(HostStatus::Unreachable) << "exit code 255" << "";
    }

    void classifiesSshErrors()
    {
        QFETCH(QByteArray, stderrText);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        QFETCH(QString, fingerprint);
        const SessionFailure f = SshDiagnostics::classify(stderrText, 255, QStringLiteral("lab-9"));
        QCOMPARE(int(f.status), status);
        QVERIFY2(f.message.contains(mentions), qPrintable(f.message));
        QVERIFY2(f.message.startsWith(QLatin1String("lab-9: ")), qPrintable(f.message));
        QCOMPARE(f.fingerprint, fingerprint);
    }

    void forwardFailures_data()
    {
        QTest::addColumn<QByteArray>("stderrText");
        QTest::addColumn<bool>("isForward");
        QTest::newRow("bind") << QByteArray("unix_listener: cannot bind to path /x/d1: Permission denied\n"
                                            "Could not request local forwarding.\n")
                              << true;
        QTest::newRow("exit on failure") << QByteArray("Error: local forwarding failed\n") << true;
        QTest::newRow("auth") << QByteArray("Permission denied (publickey).\n") << false;
    }

    void forwardFailures()
    {
        QFETCH(QByteArray, stderrText);
        QFETCH(bool, isForward);
        QCOMPARE(SshDiagnostics::isForwardFailure(stderrText), isForward);
    }

    void quotesForThePosixShell_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("plain") << "docker";
        QTest::newRow("space") << "a b";
        QTest::newRow("quote") << "it's";
        QTest::newRow("dollar") << "$(rm -rf /)";
        QTest::newRow("backtick") << "`id`";
        QTest::newRow("empty") << "";
        QTest::newRow("newline") << "a\nb";
        QTest::newRow("glob") << "/sys/fs/cgroup/*/memory.current";
        QTest::newRow("semicolon") << "x; echo pwned";
    }

    void quotesForThePosixShell()
    {
        QFETCH(QString, word);
        // Round trip through a real sh: the word comes back byte for byte, nothing runs.
        QProcess sh;
        sh.start(QStringLiteral("sh"), {QStringLiteral("-c"),
                                       QStringLiteral("printf '%s' ") + SshDiagnostics::shellQuote(word)});
        QVERIFY(sh.waitForFinished(5000));
        QCOMPARE(QString::fromUtf8(sh.readAllStandardOutput()), word);
    }

    void joinsArgv()
    {
        QCOMPARE(SshDiagnostics::shellJoin({QStringLiteral("cat"), QStringLiteral("/a b"), QStringLiteral("x")}),
                 QStringLiteral("cat '/a b' x"));
    }

    void knownHostsNames()
    {
        QCOMPARE(SshDiagnostics::knownHostsName(QStringLiteral("db"), 22), QStringLiteral("db"));
        QCOMPARE(SshDiagnostics::knownHostsName(QStringLiteral("127.0.0.1"), 2222), QStringLiteral("[127.0.0.1]:2222"));
        QCOMPARE(SshDiagnostics::fingerprintFromKeygen("256 SHA256:abc+/d= [127.0.0.1]:2222 (ED25519)\n"),
                 QStringLiteral("SHA256:abc+/d="));
    }
};

QTEST_GUILESS_MAIN(TestSshDiagnostics)
#include "tst_sshdiagnostics.moc"
