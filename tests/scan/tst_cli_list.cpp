// SPDX-License-Identifier: GPL-3.0-or-later
// `bulwark-cli list` end to end: the lab's hosts over SSH plus one host whose sshd is not there.
#include "../common/labenv.h"
#include "../common/sshtestserver.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using bulwark::test::LabEnv;
using bulwark::test::SshTestServer;

class TestCliList final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        auto lab = LabEnv::load();
        if (!lab)
            QSKIP(qPrintable(LabEnv::skipReason()));
        m_lab = *lab;
        m_cli = QStringLiteral(BULWARK_BINARY_DIR "/app/cli/bulwark-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
    }

    void listsReachableHostsAndReportsTheUnreachableOne()
    {
        // The lab's fleet file plus a host on a closed 127.0.0.1 port.
        QFile labFleet(m_lab.fleet);
        QVERIFY(labFleet.open(QIODevice::ReadOnly));
        QByteArray yaml = labFleet.readAll();
        const int hostsAt = yaml.indexOf("hosts:\n");
        QVERIFY(hostsAt >= 0);
        const QByteArray extra = QStringLiteral("  - name: gone-host\n    url: ssh://root@127.0.0.1:%1\n"
                                                "    identity: %2\n    known_hosts: %3\n")
                                     .arg(SshTestServer::freePort())
                                     .arg(m_lab.sshKey, m_lab.knownHosts)
                                     .toUtf8();
        yaml.insert(hostsAt + 7, extra);
        QTemporaryDir dir;
        QFile fleet(dir.filePath(QStringLiteral("fleet.yaml")));
        QVERIFY(fleet.open(QIODevice::WriteOnly));
        fleet.write(yaml);
        fleet.close();

        QProcess cli;
        cli.start(m_cli, {QStringLiteral("list"), QStringLiteral("--fleet"), fleet.fileName()});
        QVERIFY(cli.waitForFinished(180000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        const QString errText = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 3);
        QVERIFY2(out.contains(QLatin1String("== gone-host: unreachable")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("connection refused")), qPrintable(out));
        for (const QString& host : std::as_const(m_lab.hosts)) {
            QVERIFY2(out.contains(QStringLiteral("== %1: ok").arg(host)), qPrintable(out + errText));
            // The host's table: a header and at least one container row with a state.
            const int at = out.indexOf(QStringLiteral("== %1: ok").arg(host));
            const QString section = out.mid(at, out.indexOf(QLatin1String("\n=="), at + 1) - at);
            QVERIFY2(section.contains(QLatin1String("NAME")) && section.contains(QLatin1String("IMAGE")), qPrintable(section));
            QVERIFY2(section.contains(QRegularExpression(QStringLiteral("\\b(running|exited|created)\\b"))), qPrintable(section));
        }
    }

    void allHostsOkExitsZero()
    {
        QProcess cli;
        cli.start(m_cli, {QStringLiteral("list"), QStringLiteral("--fleet"), m_lab.fleet, QStringLiteral("--no-memory")});
        QVERIFY(cli.waitForFinished(180000));
        QCOMPARE(cli.exitCode(), 0);
    }

    void missingFleetIsAUsageError()
    {
        QProcess cli;
        cli.start(m_cli, {QStringLiteral("list")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.readAllStandardError().contains("--fleet"));
    }

private:
    LabEnv m_lab;
    QString m_cli;
};

QTEST_GUILESS_MAIN(TestCliList)
#include "tst_cli_list.moc"
