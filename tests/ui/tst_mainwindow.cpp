// SPDX-License-Identifier: GPL-3.0-or-later
#include "detail/containerdetailpane.h"
#include "detail/resultlistmodel.h"
#include "heatmap/heatmapfiltermodel.h"
#include "heatmap/heatmapmodel.h"
#include "latency/loglatencyview.h"
#include "main/mainwindow.h"
#include "main/summarybar.h"
#include "model/fleettreemodel.h"
#include "model/metatypes.h"
#include "sample/samplerun.h"
#include "trends/memoryhistory.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace bulwark;
using namespace bulwark::ui;

class TestMainWindow final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        registerMetaTypes();
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    }

    void showsARunInEveryView()
    {
        MainWindow w;
        QAbstractItemModelTester heatTester(w.heatmapFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester treeTester(w.fleetModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        sample::SampleOptions o;
        o.hosts = 3;
        o.containersPerHost = 9;
        o.unreachableHosts = 1;
        const AuditRun run = sample::makeAuditRun(o);
        w.showRun(run);

        QCOMPARE(w.heatmapModel()->rowCount(), 2 * 9 + 1);
        QCOMPARE(w.fleetModel()->rowCount(), 3);
        QVERIFY(w.fleetView()->isExpanded(w.fleetModel()->index(0, 0)));
        QVERIFY(!w.summaryBar()->scoreText().contains(QStringLiteral("—")));
        QVERIFY(w.latencyView()->arrivedCount() > 0);

        // Worst first by default.
        QCOMPARE(w.heatmapView()->horizontalHeader()->sortIndicatorSection(), int(HeatmapModel::ScoreColumn));

        // Selecting a heatmap cell fills the detail pane.
        const QString host = run.fleet.hosts.at(0).hostName;
        const QString name = run.fleet.hosts.at(0).containers.at(2).name;
        w.selectContainer(host, name);
        QCOMPARE(w.detailPane()->hostName(), host);
        QCOMPARE(w.detailPane()->containerId(), run.fleet.hosts.at(0).containers.at(2).id);
        QVERIFY(w.detailPane()->results()->rowCount() > 0);

        // Clicking a project in the fleet panel narrows the heatmap to it.
        const QModelIndex hostNode = w.fleetModel()->hostIndex(host);
        const QModelIndex project = w.fleetModel()->index(0, 0, hostNode);
        w.fleetView()->setCurrentIndex(project);
        const QString projectName = project.data(FleetTreeModel::ProjectRole).toString();
        QVERIFY(w.heatmapFilter()->rowCount() > 0);
        for (int r = 0; r < w.heatmapFilter()->rowCount(); ++r) {
            QCOMPARE(w.heatmapFilter()->index(r, 0).data(HeatmapModel::HostNameRole).toString(), host);
            QCOMPARE(w.heatmapFilter()->index(r, 0).data(HeatmapModel::ProjectRole).toString(), projectName);
        }
        // Ctrl+Shift+L clears every filter.
        QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(w.heatmapFilter()->rowCount(), w.heatmapModel()->rowCount());

        // Ctrl+F focuses the text filter; typing filters.
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        auto* search = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        QVERIFY(search);
        QTest::keyClicks(search, QStringLiteral("postgres"));
        QVERIFY(w.heatmapFilter()->rowCount() > 0);
        QVERIFY(w.heatmapFilter()->rowCount() < w.heatmapModel()->rowCount());
        search->clear();

        // Ctrl+2 and Ctrl+3 switch views.
        auto* tabs = w.findChild<QTabWidget*>();
        QTest::keyClick(&w, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 1);
        QTest::keyClick(&w, Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 2);
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
    }

    void everyInteractiveWidgetHasAnAccessibleName()
    {
        MainWindow w;
        w.showRun(sample::makeAuditRun({}));
        for (QWidget* child : w.findChildren<QWidget*>()) {
            if (!child->focusPolicy() || !child->isVisibleTo(&w))
                continue;
            if (qobject_cast<QAbstractItemView*>(child) || qobject_cast<QLineEdit*>(child))
                QVERIFY2(!child->accessibleName().isEmpty() || qobject_cast<QAbstractItemView*>(child->parentWidget()),
                         qPrintable(QString::fromLatin1(child->metaObject()->className()) + QLatin1Char(' ') + child->objectName()));
        }
    }

    void opensAFleetFileAndListsItsHostsNotScanned()
    {
        const QString path = m_dir.filePath(QStringLiteral("fleet.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hosts:\n  - name: one\n    url: ssh://127.0.0.1:2201\n  - name: two\n    url: ssh://127.0.0.1:2202\n");
        f.close();
        MainWindow w;
        QVERIFY(w.openFleet(path));
        QCOMPARE(w.fleetModel()->rowCount(), 2);
        QCOMPARE(w.fleetModel()->index(1, 0).data(FleetTreeModel::HostStatusRole).toInt(), int(HostStatus::Pending));
    }

    void remembersGeometryAndState()
    {
        {
            MainWindow w;
            w.resize(1234, 777);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.size(), QSize(1234, 777));
    }

    void screenshotsAreWritten()
    {
        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showRun(sample::makeAuditRun({}));
        const QStringList files = w.saveScreenshots(m_dir.filePath(QStringLiteral("shots")));
        QCOMPARE(files.size(), 4);
        for (const QString& f : files)
            QVERIFY(QFileInfo(f).size() > 1000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
