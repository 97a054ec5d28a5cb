// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediation/remediationlogmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bulwark;

namespace {
RemediationRecord record(qint64 id, const QString& host, const QString& outcome)
{
    RemediationRecord r;
    r.id = id;
    r.timestamp = QDateTime(QDate(2026, 11, 2), QTime(9, int(id)), Qt::UTC);
    r.user = QStringLiteral("ops");
    r.hostName = host;
    r.filePath = QStringLiteral("/srv/%1/compose.yaml").arg(host);
    r.controls = {QStringLiteral("SEC-02"), QStringLiteral("INF-02")};
    r.diff = QStringLiteral("--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1 +1,2 @@\n services:\n+  cap_drop: [ALL]\n");
    r.outcome = outcome;
    r.message = outcome == QLatin1String("applied") ? QString() : QStringLiteral("docker compose up failed; restored");
    return r;
}
} // namespace

class TestRemediationLogModel final : public QObject {
    Q_OBJECT
private slots:
    void showsWhoWhenWhereAndTheResult_data()
    {
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<bool>("succeeded");
        QTest::newRow("applied") << QStringLiteral("applied") << QStringLiteral("Applied") << true;
        QTest::newRow("rolled back") << QStringLiteral("rolled_back") << QStringLiteral("Rolled back") << false;
        QTest::newRow("failed") << QStringLiteral("failed") << QStringLiteral("Failed") << false;
        QTest::newRow("refused") << QStringLiteral("refused") << QStringLiteral("Refused") << false;
        QTest::newRow("unknown word kept") << QStringLiteral("odd") << QStringLiteral("odd") << false;
    }
    void showsWhoWhenWhereAndTheResult()
    {
        QFETCH(QString, outcome);
        QFETCH(QString, shown);
        QFETCH(bool, succeeded);
        RemediationLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({record(1, QStringLiteral("lab-2"), outcome)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(RemediationLogModel::ColumnCount));
        auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(0, column).data(role); };
        QCOMPARE(cell(RemediationLogModel::UserColumn).toString(), QStringLiteral("ops"));
        QCOMPARE(cell(RemediationLogModel::HostColumn).toString(), QStringLiteral("lab-2"));
        QCOMPARE(cell(RemediationLogModel::FileColumn).toString(), QStringLiteral("compose.yaml"));
        QCOMPARE(cell(RemediationLogModel::FileColumn, Qt::ToolTipRole).toString(), QStringLiteral("/srv/lab-2/compose.yaml"));
        QCOMPARE(cell(RemediationLogModel::ControlsColumn).toString(), QStringLiteral("SEC-02, INF-02"));
        QCOMPARE(cell(RemediationLogModel::OutcomeColumn).toString(), shown);
        QCOMPARE(cell(0, RemediationLogModel::SucceededRole).toBool(), succeeded);
        QVERIFY(!cell(RemediationLogModel::WhenColumn).toString().isEmpty());
        QVERIFY(cell(0, RemediationLogModel::DiffRole).toString().contains(QStringLiteral("+  cap_drop: [ALL]")));
        // A failure explains itself on hover.
        if (!succeeded)
            QVERIFY(!cell(RemediationLogModel::OutcomeColumn, Qt::ToolTipRole).toString().isEmpty());
        for (int c = 0; c < model.columnCount(); ++c)
            QVERIFY(!model.headerData(c, Qt::Horizontal).toString().isEmpty());
    }

    void resetsToANewLog()
    {
        RemediationLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({record(1, QStringLiteral("a"), QStringLiteral("applied")), record(2, QStringLiteral("b"), QStringLiteral("failed"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 0).data(RemediationLogModel::RecordIdRole).toLongLong(), 2);
        model.setRecords({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.recordAt(0), nullptr);
    }
};

QTEST_MAIN(TestRemediationLogModel)
#include "tst_remediationlogmodel.moc"
