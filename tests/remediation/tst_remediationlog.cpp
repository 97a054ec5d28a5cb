// SPDX-License-Identifier: GPL-3.0-or-later
// The remediation log: records survive reopening, come back newest first, filter by host, and a
// file that is not a database is refused with its name, never overwritten.
#include "remediation/remediationlog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;

class TestRemediationLog final : public QObject {
    Q_OBJECT
private slots:
    void roundTrip();
    void foreignFileIsRefused();
};

void TestRemediationLog::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/remediation.sqlite"));
    {
        RemediationLog log;
        QVERIFY(log.open(path).ok());
        RemediationRecord a;
        a.timestamp = QDateTime(QDate(2026, 12, 3), QTime(17, 0), Qt::UTC);
        a.user = QStringLiteral("ops");
        a.hostName = QStringLiteral("lab-1");
        a.filePath = QStringLiteral("/srv/infra/docker-compose.yml");
        a.project = QStringLiteral("infra");
        a.service = QStringLiteral("loki");
        a.controls = {QStringLiteral("SEC-01"), QStringLiteral("AC-HARD-01")};
        a.diff = QStringLiteral("--- a\n+++ b\n");
        a.outcome = QStringLiteral("applied");
        a.message = QStringLiteral("Applied.");
        a.backupPath = QStringLiteral("/srv/infra/docker-compose.yml.bulwark-backup-20261203T170000Z");
        RemediationRecord b = a;
        b.timestamp = a.timestamp.addSecs(60);
        b.hostName = QStringLiteral("lab-2");
        b.outcome = QStringLiteral("rolled_back");
        auto ida = log.add(a);
        auto idb = log.add(b);
        QVERIFY(ida.ok() && idb.ok());
        QVERIFY(*idb > *ida);
    }
    RemediationLog log;
    QVERIFY(log.open(path).ok());
    auto all = log.records();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).hostName, QStringLiteral("lab-2"));
    QCOMPARE(all->at(0).outcome, QStringLiteral("rolled_back"));
    const RemediationRecord& a = all->at(1);
    QCOMPARE(a.controls, (QStringList{QStringLiteral("SEC-01"), QStringLiteral("AC-HARD-01")}));
    QCOMPARE(a.timestamp, QDateTime(QDate(2026, 12, 3), QTime(17, 0), Qt::UTC));
    QCOMPARE(a.user, QStringLiteral("ops"));
    QCOMPARE(a.diff, QStringLiteral("--- a\n+++ b\n"));
    QCOMPARE(a.backupPath, QStringLiteral("/srv/infra/docker-compose.yml.bulwark-backup-20261203T170000Z"));
    auto one = log.records(QStringLiteral("lab-1"));
    QVERIFY(one.ok());
    QCOMPARE(one->size(), 1);
    QCOMPARE(log.records({}, 1)->size(), 1);
}

void TestRemediationLog::foreignFileIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray text(4096, 'x');
    f.write(text);
    f.close();
    RemediationLog log;
    auto r = log.open(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.errorMessage().contains(path), qPrintable(r.errorMessage()));
    QFile back(path);
    QVERIFY(back.open(QIODevice::ReadOnly));
    QCOMPARE(back.readAll(), text);
}

QTEST_GUILESS_MAIN(TestRemediationLog)
#include "tst_remediationlog.moc"
