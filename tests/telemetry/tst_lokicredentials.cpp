// SPDX-License-Identifier: GPL-3.0-or-later
// A Loki behind HTTP basic auth, as operators run it behind a gateway: the fleet file names the
// user, the password lives in the real keychain (gnome-keyring in CI, hence the keychain label),
// stored with `bulwark-cli secret set` from standard input. probe-logs and audit --probe-logs read
// it from there; a missing or wrong password is a clear error, and the password never shows up in
// any output.
#include "lokitestserver.h"

#include "../common/processrun.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using bulwark::test::LokiTestServer;
using bulwark::test::ProcessRun;
using bulwark::test::runCli;

namespace {

const QString User = QStringLiteral("probe");

QString writeFleet(const QTemporaryDir& dir, const QString& lokiUrl)
{
    const QString path = dir.filePath(QStringLiteral("fleet.yaml"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("hosts:\n  - name: nowhere\n    url: unix:///nonexistent/docker.sock\n"
            "loki:\n  url: "
            + lokiUrl.toUtf8() + "\n  username: " + User.toUtf8() + "\n");
    return path;
}

} // namespace

class TestLokiCredentials final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(bulwark::test::bulwarkCli()))
            QSKIP("bulwark-cli is not built in this build tree");
        // Without a Secret Service there is nothing to test: `check` then fails with exit code 2.
        const ProcessRun probe = runCli({QStringLiteral("secret"), QStringLiteral("check"), QStringLiteral("http-token:http://127.0.0.1:1")});
        if (probe.exitCode != 0 && probe.exitCode != 1)
            QSKIP(qPrintable(QStringLiteral("no usable keychain: ") + QString::fromUtf8(probe.err)));
    }

    void init()
    {
        m_password = QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8();
        QVERIFY(m_server.start({QStringLiteral("--basic-auth"), User + QLatin1Char(':') + QString::fromLatin1(m_password),
                                QStringLiteral("--ingest-delay-ms"), QStringLiteral("50")})
                    .isEmpty());
        m_key = QStringLiteral("http-token:") + m_server.url();
        m_fleet = writeFleet(m_dir, m_server.url());
    }

    void cleanup()
    {
        runCli({QStringLiteral("secret"), QStringLiteral("delete"), m_key});
        m_server.stop();
    }

    void passwordFromTheKeychainReachesLoki()
    {
        const ProcessRun stored = runCli({QStringLiteral("secret"), QStringLiteral("set"), m_key}, m_password + '\n');
        QVERIFY2(stored.exitCode == 0, stored.err.constData());
        const ProcessRun check = runCli({QStringLiteral("secret"), QStringLiteral("check"), m_key});
        QCOMPARE(check.exitCode, 0);

        const ProcessRun r = runCli({QStringLiteral("probe-logs"), QStringLiteral("--fleet"), m_fleet, QStringLiteral("--count"),
                              QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("--no-history")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("samples")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("misses")).toInt(), 0);
        QVERIFY(!stored.all().contains(m_password));
        QVERIFY(!check.all().contains(m_password));
        QVERIFY(!r.all().contains(m_password));
    }

    void auditProbeUsesTheKeychainToo()
    {
        QVERIFY(runCli({QStringLiteral("secret"), QStringLiteral("set"), m_key}, m_password).exitCode == 0);
        const ProcessRun r = runCli({QStringLiteral("audit"), QStringLiteral("--fleet"), m_fleet, QStringLiteral("--probe-logs"),
                              QStringLiteral("--probe-count"), QStringLiteral("2"), QStringLiteral("--format"),
                              QStringLiteral("json")});
        QCOMPARE(r.exitCode, 3); // the fleet's only host is unreachable, and still reported
        const auto latency = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("fleet")).toObject().value(
            QStringLiteral("logLatency")).toObject();
        QCOMPARE(latency.value(QStringLiteral("samples")).toInt(), 2);
        QCOMPARE(latency.value(QStringLiteral("misses")).toInt(), 0);
        QVERIFY(!r.all().contains(m_password));
    }

    void missingPasswordSaysHowToStoreIt()
    {
        const ProcessRun check = runCli({QStringLiteral("secret"), QStringLiteral("check"), m_key});
        QCOMPARE(check.exitCode, 1);
        QVERIFY(check.out.contains("not stored"));
        const ProcessRun r = runCli({QStringLiteral("probe-logs"), QStringLiteral("--fleet"), m_fleet, QStringLiteral("--no-history")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("keychain holds no password for user 'probe'"), r.err.constData());
        const QByteArray howTo = QByteArray("bulwark-cli secret set ").append(m_key.toUtf8());
        QVERIFY2(r.err.contains(howTo), r.err.constData());
    }

    void wrongPasswordIsAnAuthErrorAndNeverPrinted()
    {
        const QByteArray wrong = "not-" + m_password;
        QVERIFY(runCli({QStringLiteral("secret"), QStringLiteral("set"), m_key}, wrong).exitCode == 0);
        const ProcessRun r = runCli({QStringLiteral("probe-logs"), QStringLiteral("--fleet"), m_fleet, QStringLiteral("--count"),
                              QStringLiteral("1"), QStringLiteral("--timeout"), QStringLiteral("2000"), QStringLiteral("--json"),
                              QStringLiteral("--no-history")});
        QCOMPARE(r.exitCode, 1); // a probe that cannot push is a miss: AC-HARD-03 fails
        const auto probes = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("probes")).toArray();
        QCOMPARE(probes.size(), 1);
        QVERIFY(probes.at(0).toObject().value(QStringLiteral("missed")).toBool());
        QVERIFY2(probes.at(0).toObject().value(QStringLiteral("error")).toString().contains(QLatin1String("401")), r.out.constData());
        QVERIFY(!r.all().contains(wrong));
        QVERIFY(!r.all().contains(m_password));
    }

    void emptyStdinStoresNothing()
    {
        const ProcessRun r = runCli({QStringLiteral("secret"), QStringLiteral("set"), m_key}, QByteArray(""));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("secret"), QStringLiteral("check"), m_key}).exitCode, 1);
    }

    void unknownKeyIsAUsageError()
    {
        const ProcessRun r = runCli({QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("aws:whatever")}, m_password);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("not a Bulwark key"));
    }

private:
    LokiTestServer m_server;
    QTemporaryDir m_dir;
    QByteArray m_password;
    QString m_key;
    QString m_fleet;
};

QTEST_GUILESS_MAIN(TestLokiCredentials)
#include "tst_lokicredentials.moc"
