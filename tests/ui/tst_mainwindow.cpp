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
#include "main/reportexport.h"
#include "trends/memoryhistory.h"
#include "trends/memorytrendsview.h"

#include "telemetry/historystore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
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
        QCOMPARE(w.latencyView()->arrivedCount(), 0); // a hidden chart is not redrawn for nothing
        w.showPage(MainWindow::Page::Latency);
        QVERIFY(w.latencyView()->arrivedCount() > 0);
        w.showPage(MainWindow::Page::Compliance);

        // Worst first by default.
        QCOMPARE(w.heatmapView()->horizontalHeader()->sortIndicatorSection(), int(HeatmapModel::ScoreColumn));
        // The Score title fits beside its sort arrow, even in bold (it was cut to "Sc").
        QFont bold = w.heatmapView()->horizontalHeader()->font();
        bold.setBold(true);
        const QString scoreTitle = w.heatmapModel()->headerData(HeatmapModel::ScoreColumn, Qt::Horizontal).toString();
        // (Styles keep half the header's height for the arrow; this header is tall for the rotated IDs.)
        QVERIFY(w.heatmapView()->columnWidth(HeatmapModel::ScoreColumn)
                >= QFontMetrics(bold).horizontalAdvance(scoreTitle) + w.heatmapView()->horizontalHeader()->height() / 2 + 8);

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
        QTest::keyClick(&w, Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget()->accessibleName(), QStringLiteral("Remediation log"));
        QTest::keyClick(&w, Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
    }

    // Export off the UI thread, in every machine format too; the status bar and exported() say where.
    void exportsEveryFormat_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("starts");
        QTest::newRow("json") << QStringLiteral("audit.json") << QByteArray("{");
        QTest::newRow("sarif") << QStringLiteral("audit.sarif") << QByteArray("{");
        QTest::newRow("junit") << QStringLiteral("junit.xml") << QByteArray("<?xml");
        QTest::newRow("csv") << QStringLiteral("audit.csv") << QByteArray("host,");
        QTest::newRow("html") << QStringLiteral("audit.html") << QByteArray("<!DOCTYPE html>");
        QTest::newRow("pdf") << QStringLiteral("audit.pdf") << QByteArray("%PDF");
    }
    void exportsEveryFormat()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, starts);
        MainWindow w;
        w.showRun(sample::makeAuditRun({}));
        QSignalSpy exported(&w, &MainWindow::exported);
        const QString path = m_dir.filePath(file);
        const auto format = exportFormatForPath(path);
        QVERIFY(format);
        w.exportRun(*format, path);
        QVERIFY(exported.wait(60000));
        QCOMPARE(exported.constFirst().at(0).toString(), path);
        QCOMPARE(exported.constFirst().at(1).toString(), QString());
        QFile out(path);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QByteArray head = out.read(64);
        QVERIFY2(head.startsWith(starts) || head.contains(starts), head.constData());
    }

    // Audits go into the SQLite history, and the memory trends view reads its ranges from there.
    void memoryTrendsReadTheHistoryDatabase()
    {
        const QString path = m_dir.filePath(QStringLiteral("history.sqlite"));
        {
            // A container from before this session: only the database knows it.
            HistoryStore earlier;
            QVERIFY(earlier.open(path).ok());
            QVERIFY(earlier.addSamples({MemorySample{QStringLiteral("retired-host"), QStringLiteral("dead"), QStringLiteral("old-db"),
                                                     QDateTime::currentMSecsSinceEpoch() - 120000, 1 << 20, 0}})
                        .ok());
        }
        MainWindow w;
        QSignalSpy opened(&w, &MainWindow::historyOpened);
        w.openHistory(path);
        QVERIFY(opened.wait(10000));
        QVERIFY2(opened.constFirst().at(0).toBool(), qPrintable(opened.constFirst().at(1).toString()));
        AuditRun run = sample::makeAuditRun({});
        run.generatedAt = QDateTime::currentDateTimeUtc(); // inside the raw retention
        for (HostSnapshot& h : run.fleet.hosts)
            for (ContainerSnapshot& c : h.containers)
                if (c.memory)
                    c.memory->sampledAt = run.generatedAt;
        const qsizetype expected = samplesOfRun(run).size();
        QVERIFY(expected > 0);
        w.showRun(run);
        auto stored = [&path] {
            HistoryStore store;
            if (!store.open(path, HistoryStore::Mode::ReadOnly))
                return qint64(-1);
            const auto n = store.rawSampleCount();
            return n ? *n : qint64(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(stored(), qint64(expected) + 1, 10000);

        const HostSnapshot& host = run.fleet.hosts.constFirst();
        w.show();
        w.selectContainer(host.hostName, host.containers.constFirst().id);
        w.showPage(MainWindow::Page::Memory);
        w.memoryView()->setRange(TimeRange::Hour);
        QTRY_COMPARE_WITH_TIMEOUT(w.memoryView()->chart()->pointCount(), 1, 10000);

        // The retired container is offered, and its reading comes from the database.
        QTRY_VERIFY_WITH_TIMEOUT((w.memoryView()->select(QStringLiteral("retired-host"), QStringLiteral("dead")),
                                  w.memoryView()->containerId() == QStringLiteral("dead")),
                                 10000);
        QTRY_COMPARE_WITH_TIMEOUT(w.memoryView()->chart()->pointCount(), 1, 10000);
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
        QStringList names;
        for (const QString& f : files) {
            QVERIFY(QFileInfo(f).size() > 1000);
            names << QFileInfo(f).fileName();
        }
        // Every view the README shows, the dialogs included.
        for (const char* expected : {"main-window.png", "container-detail.png", "memory-trends.png", "log-latency.png",
                                     "remediation-log.png", "patch-preview.png", "hosts-settings.png", "host-key-trust.png"})
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
