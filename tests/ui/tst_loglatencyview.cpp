// SPDX-License-Identifier: GPL-3.0-or-later
#include "latency/loglatencyview.h"
#include "sample/samplerun.h"

#include <QLabel>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestLogLatencyView final : public QObject {
    Q_OBJECT
private slots:
    void plotsArrivalsMissesP95AndHistogram()
    {
        LogLatencySummary s;
        const qint64 t0 = 1'700'000'000'000;
        s.windowStart = QDateTime::fromMSecsSinceEpoch(t0);
        s.windowEnd = QDateTime::fromMSecsSinceEpoch(t0 + 600'000);
        for (int i = 0; i < 10; ++i) {
            LatencyProbe p;
            p.emittedMs = t0 + i * 60'000;
            p.latencyMs = i == 9 ? -1 : 400 + i * 100;
            p.missed = i == 9;
            s.probes << p;
        }
        s.samples = 10;
        s.misses = 1;
        s.p50Ms = 800;
        s.p95Ms = 1200;
        s.maxMs = 1200;
        LogLatencyView view;
        view.resize(1000, 500);
        view.show();
        view.setSummary(s);
        QCOMPARE(view.arrivedCount(), 9);
        QCOMPARE(view.missedCount(), 1);
        QCOMPARE(view.p95Line(), 1.2);
        const QList<int> h = view.histogramCounts();
        int total = 0;
        for (int c : h)
            total += c;
        QCOMPARE(total, 9);
        // The headline gives the verdicts: p95 1.2 s passes, a miss fails AC-HARD-03.
        const QString headline = view.findChild<QLabel*>()->text();
        QVERIFY(headline.contains(QStringLiteral("1.20")));
        QVERIFY(headline.contains(QStringLiteral("✗")));

        // Every histogram label fits under its bar (they used to elide to "…").
        const QStringList labels = view.histogramLabels();
        QCOMPARE(labels.size(), h.size());
        QCOMPARE(labels.constFirst(), QStringLiteral("0"));
        QVERIFY(labels.constLast().startsWith(QStringLiteral("≥")));
        const int perBar = view.histogramWidth() / int(labels.size());
        for (const QString& l : labels)
            QVERIFY2(view.fontMetrics().horizontalAdvance(l) < perBar, qPrintable(l));
    }

    void noDataSaysHowToGetIt()
    {
        LogLatencyView view;
        view.setSummary(std::nullopt);
        QCOMPARE(view.arrivedCount(), 0);
        QVERIFY(view.findChild<QLabel*>()->text().contains(QStringLiteral("no data")));
    }
};

QTEST_MAIN(TestLogLatencyView)
#include "tst_loglatencyview.moc"
