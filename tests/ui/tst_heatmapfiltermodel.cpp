// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmap/heatmapfiltermodel.h"
#include "heatmap/heatmapmodel.h"
#include "sample/samplerun.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestHeatmapFilterModel final : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const AuditRun> m_run;
    sample::SampleOptions options()
    {
        sample::SampleOptions o;
        o.hosts = 3;
        o.containersPerHost = 12;
        o.unreachableHosts = 1;
        return o;
    }

private slots:
    void initTestCase() { m_run = std::make_shared<const AuditRun>(sample::makeAuditRun(options())); }

    void passesTheModelTesterWhileFiltering()
    {
        HeatmapModel model;
        HeatmapFilterModel proxy;
        proxy.setHeatmap(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun(m_run);
        proxy.setHostFilter(QStringLiteral("host-01"));
        proxy.setStatusFilter(ControlStatus::Fail);
        proxy.setControlFilter(QStringLiteral("SEC-01"));
        proxy.setTextFilter(QStringLiteral("infra"));
        proxy.sortByWorst();
        proxy.setControlFilter({});
        proxy.setHostFilter({});
        model.setRun(std::make_shared<const AuditRun>(sample::makeAuditRun({})));
    }

    void hostFilterKeepsOnlyThatHost()
    {
        HeatmapModel model;
        HeatmapFilterModel proxy;
        proxy.setHeatmap(&model);
        model.setRun(m_run);
        proxy.setHostFilter(QStringLiteral("host-02"));
        QCOMPARE(proxy.rowCount(), 12);
        for (int r = 0; r < proxy.rowCount(); ++r)
            QCOMPARE(proxy.index(r, 0).data(HeatmapModel::HostNameRole).toString(), QStringLiteral("host-02"));
    }

    void statusFilterKeepsRowsWithSuchACell_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("control");
        QTest::newRow("any failure") << int(ControlStatus::Fail) << QString();
        QTest::newRow("SEC-01 failures") << int(ControlStatus::Fail) << QStringLiteral("SEC-01");
        QTest::newRow("unknowns") << int(ControlStatus::Unknown) << QString();
    }
    void statusFilterKeepsRowsWithSuchACell()
    {
        QFETCH(int, status);
        QFETCH(QString, control);
        HeatmapModel model;
        HeatmapFilterModel proxy;
        proxy.setHeatmap(&model);
        model.setRun(m_run);
        proxy.setControlFilter(control);
        proxy.setStatusFilter(ControlStatus(status));
        QVERIFY(proxy.rowCount() > 0);
        QVERIFY(proxy.rowCount() < model.rowCount());
        int expected = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            bool any = false;
            for (int c = 0; c < model.controlCount(); ++c) {
                const bool columnShown = control.isEmpty() || model.columnOfControl(control) - HeatmapModel::FirstControlColumn == c;
                any = any || (columnShown && model.statusAt(r, c) == ControlStatus(status));
            }
            expected += any ? 1 : 0;
        }
        QCOMPARE(proxy.rowCount(), expected);
        if (!control.isEmpty()) {
            QCOMPARE(proxy.columnCount(), HeatmapModel::FirstControlColumn + 1);
            QCOMPARE(proxy.headerData(HeatmapModel::FirstControlColumn, Qt::Horizontal).toString(), control);
        }
    }

    void textFilterMatchesNameImageAndProject_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("project") << QStringLiteral("edge");
        QTest::newRow("image") << QStringLiteral("prom/");
        QTest::newRow("name, any case") << QStringLiteral("POSTGRES");
    }
    void textFilterMatchesNameImageAndProject()
    {
        QFETCH(QString, text);
        HeatmapModel model;
        HeatmapFilterModel proxy;
        proxy.setHeatmap(&model);
        model.setRun(m_run);
        proxy.setTextFilter(text);
        QVERIFY(proxy.rowCount() > 0);
        for (int r = 0; r < proxy.rowCount(); ++r)
            QVERIFY(proxy.index(r, 0).data(HeatmapModel::SearchTextRole).toString().contains(text, Qt::CaseInsensitive));
    }

    void projectFilterDistinguishesNoProjectFromAll()
    {
        HeatmapModel model;
        HeatmapFilterModel proxy;
        proxy.setHeatmap(&model);
        model.setRun(m_run);
        proxy.setHostFilter(QStringLiteral("host-01"));
        proxy.setProjectFilter(QString());
        QVERIFY(proxy.rowCount() > 0);
        for (int r = 0; r < proxy.rowCount(); ++r)
            QVERIFY(proxy.index(r, 0).data(HeatmapModel::ProjectRole).toString().isEmpty());
        proxy.setProjectFilter(std::nullopt);
        QCOMPARE(proxy.rowCount(), 12);
    }

    void sortByWorstPutsTheLowestScoreFirst()
    {
        HeatmapModel model;
        HeatmapFilterModel proxy;
        proxy.setHeatmap(&model);
        model.setRun(m_run);
        proxy.sortByWorst();
        int previous = -2;
        for (int r = 0; r < proxy.rowCount(); ++r) {
            const int score = proxy.index(r, 0).data(HeatmapModel::ScoreRole).toInt();
            QVERIFY2(score >= previous, qPrintable(QStringLiteral("row %1: %2 after %3").arg(r).arg(score).arg(previous)));
            previous = score;
        }
        // The unreachable host (score 0, all unknown) is among the worst.
        QVERIFY(proxy.index(0, 0).data(HeatmapModel::ScoreRole).toInt() <= 0);
    }
};

QTEST_MAIN(TestHeatmapFilterModel)
#include "tst_heatmapfiltermodel.moc"
