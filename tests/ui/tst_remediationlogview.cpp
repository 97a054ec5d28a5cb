// SPDX-License-Identifier: GPL-3.0-or-later
// The remediation log as the user sees it: entries from a real log file (written the way the
// remediation engine and bulwark-cli write it), the diff of the selected one, and a missing log
// that stays missing.
#include "remediation/remediationlogmodel.h"
#include "remediation/remediationlogview.h"

#include "remediation/remediationlog.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;

class TestRemediationLogView final : public QObject {
    Q_OBJECT
private slots:
    void listsEntriesAndShowsTheSelectedDiff()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("remediation.sqlite"));
        {
            RemediationLog log;
            QVERIFY(log.open(path).ok());
            for (int i = 0; i < 3; ++i) {
                RemediationRecord r;
                r.timestamp = QDateTime::currentDateTimeUtc().addSecs(-3600 * (3 - i));
                r.user = QStringLiteral("ops");
                r.hostName = QStringLiteral("lab-%1").arg(i + 1);
                r.filePath = QStringLiteral("/srv/stack-%1/compose.yaml").arg(i + 1);
                r.controls = {QStringLiteral("SEC-01")};
                r.diff = QStringLiteral("@@ -3 +3,2 @@\n   web:\n+    security_opt: [no-new-privileges:true]  # stack-%1\n").arg(i + 1);
                r.outcome = i == 1 ? QStringLiteral("rolled_back") : QStringLiteral("applied");
                r.message = i == 1 ? QStringLiteral("the container did not become healthy; restored") : QString();
                QVERIFY(log.add(r).ok());
            }
        }
        RemediationLogView view;
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(view.table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &RemediationLogView::loaded);
        view.setLogPath(path);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(loaded.constLast().constFirst().toInt(), 3);
        QCOMPARE(view.table()->model()->rowCount(), 3);
        // Newest first.
        QCOMPARE(view.table()->model()->index(0, RemediationLogModel::HostColumn).data().toString(), QStringLiteral("lab-3"));

        // Selecting an entry shows its diff and, for a roll back, why.
        view.table()->setFocus();
        view.table()->setCurrentIndex(view.table()->model()->index(1, 0));
        QVERIFY(view.diffView()->toPlainText().contains(QStringLiteral("security_opt: [no-new-privileges:true]  # stack-2")));
        QVERIFY(view.diffView()->toPlainText().contains(QStringLiteral("did not become healthy")));
        QTest::keyClick(view.table(), Qt::Key_Down);
        QVERIFY(view.diffView()->toPlainText().contains(QStringLiteral("# stack-1")));

        // The filter narrows by any column.
        auto* filter = view.findChild<QLineEdit*>();
        QVERIFY(filter);
        filter->setText(QStringLiteral("rolled"));
        QCOMPARE(view.table()->model()->rowCount(), 1);
        QCOMPARE(view.table()->model()->index(0, RemediationLogModel::HostColumn).data().toString(), QStringLiteral("lab-2"));

        // The table is painted with its rows (not blank).
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
    }

    void aMissingLogIsNotCreated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("none/remediation.sqlite"));
        RemediationLogView view;
        QSignalSpy loaded(&view, &RemediationLogView::loaded);
        view.setLogPath(path);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(view.statusText().contains(QStringLiteral("No remediation")));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));
    }

    void anUnreadableLogSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("remediation.sqlite"));
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(4096, 'x'));
        garbage.close();
        RemediationLogView view;
        QSignalSpy loaded(&view, &RemediationLogView::loaded);
        view.setLogPath(path);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY2(view.statusText().contains(QStringLiteral("Cannot read")), qPrintable(view.statusText()));
        QCOMPARE(QFileInfo(path).size(), 4096); // left as it was
    }
};

QTEST_MAIN(TestRemediationLogView)
#include "tst_remediationlogview.moc"
