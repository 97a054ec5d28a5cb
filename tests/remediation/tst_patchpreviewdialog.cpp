// SPDX-License-Identifier: GPL-3.0-or-later
// The patch preview dialog, offscreen: it shows the plan's diff and a checkable row per fix, the
// selected fix's own diff, advice, and refuses to apply what cannot be applied; the diff colouring
// classifies lines as `diff -u` writes them.
#include "remediation/diffhighlighter.h"
#include "remediation/patchpreviewdialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QListView>
#include <QCryptographicHash>
#include <QStandardItemModel>
#include <QTest>

using namespace bulwark;

class TestPatchPreviewDialog final : public QObject {
    Q_OBJECT
private slots:
    void lineKinds_data();
    void lineKinds();
    void showsPlanAndPerFixDiff();
    void declinedConfirmationChangesNothing();
};

void TestPatchPreviewDialog::lineKinds_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("kind");
    QTest::newRow("added") << QStringLiteral("+    read_only: true") << int(DiffLineKind::Added);
    QTest::newRow("removed") << QStringLiteral("-    pid: host") << int(DiffLineKind::Removed);
    QTest::newRow("hunk") << QStringLiteral("@@ -1,3 +1,4 @@") << int(DiffLineKind::Hunk);
    QTest::newRow("old file") << QStringLiteral("--- a/srv/compose.yml") << int(DiffLineKind::FileHeader);
    QTest::newRow("new file") << QStringLiteral("+++ b/srv/compose.yml") << int(DiffLineKind::FileHeader);
    QTest::newRow("context") << QStringLiteral("     image: x") << int(DiffLineKind::Context);
    QTest::newRow("no newline") << QStringLiteral("\\ No newline at end of file") << int(DiffLineKind::Note);
}

void TestPatchPreviewDialog::lineKinds()
{
    QFETCH(QString, line);
    QFETCH(int, kind);
    QCOMPARE(int(diffLineKind(line)), kind);
}

namespace {
RemediationPlan samplePlan()
{
    ComposeFile f;
    f.path = QStringLiteral("/srv/p/compose.yml");
    f.content = "services:\n  app:\n    image: x\n    pid: host\n";
    f.sha256 = QCryptographicHash::hash(f.content, QCryptographicHash::Sha256).toHex();
    ComposeOrigin origin{QStringLiteral("p"), QStringLiteral("app"), QStringLiteral("/srv/p"), {f.path}};
    RemediationPlan plan = planComposeFixes(
        origin, {f}, {{QStringLiteral("app"), {FixKind::NoNewPrivileges, FixKind::RemoveHostNamespaces, FixKind::ChmodAdvice}}}, {});
    plan.hostName = QStringLiteral("lab-1");
    plan.containerName = QStringLiteral("p-app-1");
    plan.advice << QStringLiteral("chmod go-rwx /srv/p/secret");
    return plan;
}
} // namespace

void TestPatchPreviewDialog::showsPlanAndPerFixDiff()
{
    PatchPreviewDialog dialog;
    QAbstractItemModelTester fixTester(dialog.fixModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester verdictTester(dialog.verdictModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    HostEntry host;
    host.name = QStringLiteral("lab-1");
    const RemediationPlan plan = samplePlan();
    dialog.setPlan(host, plan);
    QCOMPARE(dialog.fixModel()->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(dialog.fixModel()->item(row)->checkState(), Qt::Checked);
    QVERIFY(dialog.fixModel()->item(2)->text().contains(QLatin1String("advice only")));
    QCOMPARE(dialog.diffText(), plan.diff());
    QVERIFY(dialog.diffText().contains(QLatin1String("-    pid: host")));
    QVERIFY(dialog.adviceText().contains(QLatin1String("chmod go-rwx /srv/p/secret")));

    // Selecting one fix shows that fix alone.
    auto* view = dialog.findChild<QListView*>();
    QVERIFY(view);
    view->setCurrentIndex(dialog.fixModel()->index(1, 0));
    QVERIFY(dialog.diffText().contains(QLatin1String("-    pid: host")));
    QVERIFY(!dialog.diffText().contains(QLatin1String("no-new-privileges")));
}

void TestPatchPreviewDialog::declinedConfirmationChangesNothing()
{
    PatchPreviewDialog dialog;
    HostEntry host;
    host.name = QStringLiteral("lab-1");
    dialog.setPlan(host, samplePlan());
    QString asked;
    dialog.setConfirmation([&](const QString& q) {
        asked = q;
        return false;
    });
    dialog.apply();
    QVERIFY(asked.contains(QLatin1String("/srv/p/compose.yml")));
    QVERIFY(asked.contains(QLatin1String("backed up")));
    QVERIFY(!dialog.job()->isRunning());
}

QTEST_MAIN(TestPatchPreviewDialog)
#include "tst_patchpreviewdialog.moc"
