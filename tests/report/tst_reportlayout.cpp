// SPDX-License-Identifier: GPL-3.0-or-later
// Layout geometry and data folding of the report, without rendering anything.
#include "report/reportdata.h"
#include "report/reportlayout.h"

#include "syntheticaudit.h"

#include <QTest>

using namespace bulwark;
using namespace bulwark::report;
using namespace bulwark::report::layout;

class tst_ReportLayout final : public QObject {
    Q_OBJECT
private slots:
    void columnWidths_data();
    void columnWidths();
    void paginateKeepsRowsWhole();
    void paginateSplitsTallRowsBetweenLines();
    void paginateMovesRowThatDoesNotFitFirstPage();
    void paginateCoversEveryLineOnce_data();
    void paginateCoversEveryLineOnce();
    void heatmapPagesAndCells();
    void statusStylesAreDistinct();
    void niceAxis_data();
    void niceAxis();
    void chartFrameMapsCorners();
    void reportDataIsSortedAndComplete();
    void heatmapFoldsWorstVerdict();
    void periodFiltersRemediations();
    void latencyStatsInterpolateAsTheCliDoes();
    void memoryChartSumsPerHost();
};

void tst_ReportLayout::columnWidths_data()
{
    QTest::addColumn<QList<qreal>>("mins");
    QTest::addColumn<QList<qreal>>("weights");
    QTest::addColumn<qreal>("total");
    QTest::addColumn<QList<qreal>>("expected");
    QTest::newRow("fixed+flex") << QList<qreal>{50, 100, 50} << QList<qreal>{0, 1, 0} << qreal(300)
                                << QList<qreal>{50, 200, 50};
    QTest::newRow("two flex by weight") << QList<qreal>{40, 40} << QList<qreal>{1, 3} << qreal(200)
                                        << QList<qreal>{70, 130};
    QTest::newRow("too narrow: proportional") << QList<qreal>{100, 300} << QList<qreal>{1, 1} << qreal(200)
                                              << QList<qreal>{50, 150};
    QTest::newRow("no flex: scaled to fill") << QList<qreal>{50, 50} << QList<qreal>{0, 0} << qreal(200)
                                             << QList<qreal>{100, 100};
}

void tst_ReportLayout::columnWidths()
{
    QFETCH(QList<qreal>, mins);
    QFETCH(QList<qreal>, weights);
    QFETCH(qreal, total);
    QFETCH(QList<qreal>, expected);
    QList<ColumnSpec> specs;
    for (int i = 0; i < mins.size(); ++i)
        specs << ColumnSpec{mins[i], weights[i]};
    const auto widths = layout::columnWidths(specs, total);
    QCOMPARE(widths.size(), expected.size());
    qreal sum = 0;
    for (int i = 0; i < widths.size(); ++i) {
        QVERIFY2(qAbs(widths[i] - expected[i]) < 1e-6, qPrintable(QString::number(widths[i])));
        sum += widths[i];
    }
    QVERIFY(qAbs(sum - total) < 1e-6); // a table is always exactly the content width
}

void tst_ReportLayout::paginateKeepsRowsWhole()
{
    // header 10, rows 2 lines of 10 + 2*0 padding = 20 each; 50 fits header + 2 rows.
    TableMetrics m{10, 0, 10};
    const auto slices = paginateTable({2, 2, 2, 2, 2}, m, 50, 50);
    QCOMPARE(slices.size(), 3);
    for (const auto& s : slices) {
        QCOMPARE(s.firstLine, 0);                                   // never starts mid-row
        QCOMPARE(s.lastLineEnd, 2);                                 // never ends mid-row
    }
    QCOMPARE(slices[0].firstRow, 0);
    QCOMPARE(slices[0].lastRow, 1);
    QCOMPARE(slices[1].firstRow, 2);
    QCOMPARE(slices[2].lastRow, 4);
    QCOMPARE(slices[2].page, 2);
}

void tst_ReportLayout::paginateSplitsTallRowsBetweenLines()
{
    // A 12-line row on pages that hold 4 lines below the header: split 4/4/4, at line boundaries.
    TableMetrics m{10, 0, 10};
    const auto slices = paginateTable({12}, m, 50, 50);
    QCOMPARE(slices.size(), 3);
    QCOMPARE(slices[0].firstLine, 0);
    QCOMPARE(slices[0].lastLineEnd, 4);
    QCOMPARE(slices[1].firstLine, 4);
    QCOMPARE(slices[1].lastLineEnd, 8);
    QCOMPARE(slices[2].firstLine, 8);
    QCOMPARE(slices[2].lastLineEnd, 12);
}

void tst_ReportLayout::paginateMovesRowThatDoesNotFitFirstPage()
{
    TableMetrics m{10, 2, 16};
    // 30 points left on the current page: header 16 + a 2-line row (24) does not fit.
    const auto slices = paginateTable({2, 1}, m, 30, 500);
    QCOMPARE(slices.size(), 1);
    QCOMPARE(slices[0].page, 1);
    QCOMPARE(slices[0].firstRow, 0);
    QCOMPARE(slices[0].lastRow, 1);
}

void tst_ReportLayout::paginateCoversEveryLineOnce_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<qreal>("first");
    QTest::newRow("many small") << QList<int>(500, 1) << qreal(100);
    QTest::newRow("mixed") << QList<int>{1, 3, 80, 2, 1, 45, 1} << qreal(40);
    QTest::newRow("giant first") << QList<int>{200, 1} << qreal(700);
}

void tst_ReportLayout::paginateCoversEveryLineOnce()
{
    QFETCH(QList<int>, rows);
    QFETCH(qreal, first);
    const TableMetrics m{10.5, 3, 16};
    const qreal page = 730;
    const auto slices = paginateTable(rows, m, first, page);
    QList<int> seen(rows.size(), 0);
    int lastPage = -1;
    for (const auto& s : slices) {
        QVERIFY(s.page > lastPage); // one slice per page, in order
        lastPage = s.page;
        qreal h = m.headerHeight;
        for (int r = s.firstRow; r <= s.lastRow; ++r) {
            const int from = r == s.firstRow ? s.firstLine : 0;
            const int to = r == s.lastRow ? s.lastLineEnd : rows[r];
            QVERIFY(to > from);
            QCOMPARE(from, seen[r]); // lines continue exactly where the last page stopped
            seen[r] = to;
            h += (to - from) * m.lineHeight + 2 * m.rowPadding;
        }
        QVERIFY2(h <= (s.page == 0 ? first : page) + 1e-6, "a slice overflows its page");
    }
    for (int r = 0; r < rows.size(); ++r)
        QCOMPARE(seen[r], rows[r]);
}

void tst_ReportLayout::heatmapPagesAndCells()
{
    const HeatmapLayout hl = heatmapLayout(15, 500, 200, 700, 150, 62, 11);
    QCOMPARE(hl.columns, 15);
    QVERIFY(hl.cellWidth <= 30);
    QVERIFY(hl.labelWidth + hl.cellWidth * 15 <= 500 + 1e-6);
    QCOMPARE(hl.firstPageRows, 12);  // (200 - 62) / 11
    QCOMPARE(hl.rowsPerPage, 58);    // (700 - 62) / 11
    QCOMPARE(hl.pageOfRow(0), 0);
    QCOMPARE(hl.pageOfRow(11), 0);
    QCOMPARE(hl.pageOfRow(12), 1);
    QCOMPARE(hl.slotOfRow(12), 0);
    QCOMPARE(hl.pageOfRow(12 + 58), 2);
    QCOMPARE(hl.pageCount(12 + 58 + 1), 3);
    const QRectF cell = hl.cellRect(2, 3);
    QCOMPARE(cell.left(), hl.labelWidth + 3 * hl.cellWidth);
    QCOMPARE(cell.top(), 62 + 2 * 11.0);
    QVERIFY(hl.labelRect(2).right() <= cell.left());
    // 1,000 containers still fit on a bounded number of pages.
    QVERIFY(hl.pageCount(1000) <= 20);
}

void tst_ReportLayout::statusStylesAreDistinct()
{
    const QList<ControlStatus> all{ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived,
                                   ControlStatus::Unknown, ControlStatus::NotApplicable};
    QSet<QString> glyphs, fills, words;
    for (auto s : all) {
        const StatusStyle st = statusStyle(s);
        glyphs.insert(st.glyph);
        fills.insert(colorHex(st.fill));
        words.insert(st.word);
        QCOMPARE(st.glyph.size(), 1);
        // Glyph readable on its fill: luminance contrast.
        const auto lum = [](const QColor& c) { return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF(); };
        QVERIFY2(qAbs(lum(st.fill) - lum(st.ink)) > 0.3, qPrintable(st.word));
    }
    glyphs.insert(noResultStyle().glyph);
    QCOMPARE(glyphs.size(), 6); // status is never conveyed by colour alone
    QCOMPARE(fills.size(), 5);
    QCOMPARE(words.size(), 5);
    QCOMPARE(statusStyle(ControlStatus::Fail).glyph, QStringLiteral("\u2717"));
    QCOMPARE(statusStyle(ControlStatus::Pass).glyph, QStringLiteral("\u2713"));
}

void tst_ReportLayout::niceAxis_data()
{
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<double>("step");
    QTest::addColumn<double>("max");
    QTest::newRow("0..6.48 s") << 0.0 << 6.48 << 2.0 << 8.0;
    QTest::newRow("0..1") << 0.0 << 1.0 << 0.2 << 1.0;
    QTest::newRow("0..930 MiB") << 0.0 << 930.0 << 200.0 << 1000.0;
    QTest::newRow("flat") << 5.0 << 5.0 << 0.1 << 5.5;
}

void tst_ReportLayout::niceAxis()
{
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(double, step);
    QFETCH(double, max);
    const Axis a = layout::niceAxis(lo, hi, 5);
    QVERIFY2(qAbs(a.step - step) < 1e-9, qPrintable(QString::number(a.step)));
    QVERIFY2(qAbs(a.max - max) < 1e-9, qPrintable(QString::number(a.max)));
    QVERIFY(a.min <= lo && a.max >= hi);
    QCOMPARE(a.ticks.first(), a.min);
    QVERIFY(qAbs(a.ticks.last() - a.max) < 1e-9);
}

void tst_ReportLayout::chartFrameMapsCorners()
{
    ChartFrame f{QRectF(10, 20, 100, 50), 1000, 2000, 0, 10};
    QCOMPARE(f.map(1000, 0), QPointF(10, 70));
    QCOMPARE(f.map(2000, 10), QPointF(110, 20));
    QCOMPARE(f.map(1500, 5), QPointF(60, 45));
}

void tst_ReportLayout::reportDataIsSortedAndComplete()
{
    auto audit = test::makeSyntheticAudit({4, 6, 1, 7});
    // Shuffle the input order: the report must not depend on it.
    std::reverse(audit.run.fleet.hosts.begin(), audit.run.fleet.hosts.end());
    std::reverse(audit.run.results.begin(), audit.run.results.end());
    const ReportData d = buildReportData(audit.run, audit.options);
    QCOMPARE(d.hosts.size(), 4);
    QCOMPARE(d.hostsScanned, 3);
    QCOMPARE(d.containersTotal, 18);
    QCOMPARE(d.controls.size(), 15);
    QCOMPARE(d.controlIds().first(), QStringLiteral("REQ-HARD-01"));
    for (int i = 1; i < d.hosts.size(); ++i)
        QVERIFY(d.hosts[i - 1].name < d.hosts[i].name);
    QCOMPARE(d.hosts.last().status, HostStatus::Unreachable);
    QCOMPARE(d.author, QStringLiteral("Alice Auditor"));
    int verdicts = 0;
    for (const auto& c : d.controls)
        verdicts += c.counts.evaluated() + c.counts.notApplicable;
    QCOMPARE(verdicts, audit.run.results.size()); // every verdict is counted once
    // Same data regardless of input order.
    const auto again = test::makeSyntheticAudit({4, 6, 1, 7});
    const ReportData d2 = buildReportData(again.run, again.options);
    QCOMPARE(d2.heatmap.size(), d.heatmap.size());
    for (int i = 0; i < d.heatmap.size(); ++i) {
        QCOMPARE(d2.heatmap[i].label, d.heatmap[i].label);
        QCOMPARE(d2.heatmap[i].cells, d.heatmap[i].cells);
    }
    QVERIFY(!d.topRisks.isEmpty());
    QVERIFY(d.topRisks.size() <= 5);
    for (int i = 1; i < d.topRisks.size(); ++i)
        QVERIFY(d.topRisks[i - 1].control.severity >= d.topRisks[i].control.severity);
}

void tst_ReportLayout::heatmapFoldsWorstVerdict()
{
    AuditRun run;
    run.controls = test::syntheticControls();
    run.generatedAt = test::syntheticAuditTime();
    HostSnapshot h;
    h.hostName = QStringLiteral("h");
    h.status = HostStatus::Ok;
    ContainerSnapshot c;
    c.id = QStringLiteral("abc");
    c.name = QStringLiteral("web");
    h.containers << c;
    run.fleet.hosts << h;
    auto result = [&](ControlStatus s) {
        ControlResult r;
        r.controlId = QStringLiteral("SEC-01");
        r.hostName = QStringLiteral("h");
        r.containerId = QStringLiteral("abc");
        r.containerName = QStringLiteral("web");
        r.status = s;
        return r;
    };
    run.results << result(ControlStatus::Pass) << result(ControlStatus::Waived) << result(ControlStatus::Fail);
    const ReportData d = buildReportData(run, {});
    QCOMPARE(d.heatmap.size(), 2); // host row + container row
    const int col = static_cast<int>(d.controlIds().indexOf(QStringLiteral("SEC-01")));
    QCOMPARE(d.heatmap[1].cells[col], ControlStatus::Fail);
    QVERIFY(d.heatmap[1].hasResult[col]);
    QVERIFY(!d.heatmap[1].hasResult[0]);
}

void tst_ReportLayout::periodFiltersRemediations()
{
    const auto audit = test::makeSyntheticAudit({3, 2, 1, 1});
    const ReportData d = buildReportData(audit.run, audit.options);
    for (const auto& r : d.remediations)
        QVERIFY(r.message != QLatin1String("outside-the-period-marker"));
    QCOMPARE(d.remediations.size(), audit.run.remediations.size() - 1);
    for (int i = 1; i < d.remediations.size(); ++i)
        QVERIFY(d.remediations[i - 1].timestamp <= d.remediations[i].timestamp);
    bool expired = false;
    for (const auto& w : d.waivers)
        expired |= w.expired;
    QVERIFY(expired); // the CAB-77 waiver ran out two days before the audit
}

void tst_ReportLayout::latencyStatsInterpolateAsTheCliDoes()
{
    QList<LatencyProbe> probes;
    for (int i = 1; i <= 20; ++i) {
        LatencyProbe p;
        p.latencyMs = i * 100;
        probes << p;
    }
    LatencyProbe miss;
    miss.missed = true;
    probes << miss;
    const LatencyStats st = latencyStats(probes);
    QCOMPARE(st.samples, 20);
    QCOMPARE(st.misses, 1);
    QCOMPARE(st.p50Ms, 1050.0); // rank 0.5 * 19 = 9.5: between 1000 and 1100
    QCOMPARE(st.p95Ms, 1905.0); // rank 0.95 * 19 = 18.05
    QCOMPARE(st.maxMs, 2000.0);
}

void tst_ReportLayout::memoryChartSumsPerHost()
{
    ReportData d;
    d.periodStart = QDateTime::fromMSecsSinceEpoch(0, QTimeZone::utc());
    d.periodEnd = QDateTime::fromMSecsSinceEpoch(1000, QTimeZone::utc());
    auto sample = [](const char* host, const char* c, qint64 t, qint64 v) {
        MemorySample s;
        s.hostName = QString::fromLatin1(host);
        s.containerName = QString::fromLatin1(c);
        s.timestampMs = t;
        s.usageBytes = v;
        return s;
    };
    d.memoryHistory << sample("a", "x", 0, 100) << sample("a", "y", 0, 50) << sample("b", "x", 0, 500)
                    << sample("a", "x", 999, 300);
    const MemoryChart mc = memoryChart(d, 8, 2);
    QCOMPARE(mc.series.size(), 2);
    QCOMPARE(mc.series[0].name, QStringLiteral("b")); // highest peak first
    QCOMPARE(mc.series[1].points.size(), 2);
    QCOMPARE(mc.series[1].points[0].y(), 150.0);     // x + y in the first bucket
    QCOMPARE(mc.series[1].points[1].y(), 300.0);
    const MemoryChart capped = memoryChart(d, 1, 2);
    QCOMPARE(capped.series.size(), 1);
    QCOMPARE(capped.hiddenSeries, 1);
}

QTEST_GUILESS_MAIN(tst_ReportLayout)
#include "tst_reportlayout.moc"
