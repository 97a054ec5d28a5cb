// SPDX-License-Identifier: GPL-3.0-or-later
// The heatmap at fleet scale: 5,000 containers × 15 controls.
//   model reset      goal < 50 ms  (HeatmapModel::setRun, and with the sort/filter proxy attached)
//   full viewport    goal < 16 ms  (a 1600×1000 view rendered into a QImage offscreen)
//   showRun          the UI thread's cost of presenting a 5,000-container run in the full window
// (the UI-thread stall during a lab audit is bench_uistall)
#include "heatmap/controlheaderview.h"
#include "heatmap/heatmapdelegate.h"
#include "heatmap/heatmapfiltermodel.h"
#include "heatmap/heatmapmodel.h"
#include "main/mainwindow.h"
#include "model/metatypes.h"
#include "sample/samplerun.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include <benchmark/benchmark.h>

using namespace bulwark;
using namespace bulwark::ui;

namespace {

std::shared_ptr<const AuditRun> fleetRun(quint32 seed = 4)
{
    sample::SampleOptions o;
    o.hosts = 10;
    o.containersPerHost = 500;
    o.seed = seed;
    return std::make_shared<const AuditRun>(sample::makeAuditRun(o));
}

void BM_HeatmapModelReset(benchmark::State& state)
{
    const auto a = fleetRun(4);
    const auto b = fleetRun(5);
    HeatmapModel model;
    bool flip = false;
    for (auto _ : state) {
        model.setRun(flip ? a : b);
        flip = !flip;
        benchmark::DoNotOptimize(model.rowCount());
    }
    state.counters["containers"] = double(model.rowCount());
    state.counters["cells"] = double(model.rowCount() * model.controlCount());
    state.counters["cells_per_second"] = benchmark::Counter(double(model.rowCount() * model.controlCount()),
                                                            benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_HeatmapModelReset)->Unit(benchmark::kMillisecond);

void BM_HeatmapResetWithSortedProxy(benchmark::State& state)
{
    const auto a = fleetRun(4);
    const auto b = fleetRun(5);
    HeatmapModel model;
    HeatmapFilterModel proxy;
    proxy.setHeatmap(&model);
    proxy.sortByWorst();
    bool flip = false;
    for (auto _ : state) {
        model.setRun(flip ? a : b);
        flip = !flip;
        benchmark::DoNotOptimize(proxy.rowCount());
    }
    state.counters["containers"] = double(proxy.rowCount());
}
BENCHMARK(BM_HeatmapResetWithSortedProxy)->Unit(benchmark::kMillisecond);

void BM_HeatmapPaintViewport(benchmark::State& state)
{
    HeatmapModel model;
    HeatmapFilterModel proxy;
    proxy.setHeatmap(&model);
    model.setRun(fleetRun());
    proxy.sortByWorst();
    QTableView view;
    view.setHorizontalHeader(new ControlHeaderView(HeatmapModel::FirstControlColumn, &view));
    view.setItemDelegate(new HeatmapDelegate(&view));
    view.setShowGrid(false);
    view.verticalHeader()->hide();
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(HeatmapDelegate::kCellSize);
    view.setModel(&proxy);
    for (int c = HeatmapModel::FirstControlColumn; c < proxy.columnCount(); ++c)
        view.setColumnWidth(c, HeatmapDelegate::kCellSize);
    view.resize(1600, 1000);
    view.show();
    QApplication::processEvents();
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    int cells = 0;
    for (auto _ : state) {
        image.fill(Qt::white);
        view.viewport()->render(&image);
        benchmark::DoNotOptimize(image.bits());
    }
    const int rows = view.viewport()->height() / HeatmapDelegate::kCellSize + 1;
    cells = rows * proxy.columnCount();
    state.counters["visible_cells"] = double(cells);
}
BENCHMARK(BM_HeatmapPaintViewport)->Unit(benchmark::kMillisecond);

void BM_UiStallDuringSyntheticShowRun(benchmark::State& state)
{
    // Not a scan: the cost on the UI thread of presenting a 5,000-container audit in the full window.
    MainWindow w;
    w.resize(1600, 1000);
    w.show();
    QApplication::processEvents();
    const auto run = fleetRun();
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        w.showRun(*run);
        QApplication::processEvents();
        state.counters["show_run_ms"] = double(t.elapsed());
    }
}
BENCHMARK(BM_UiStallDuringSyntheticShowRun)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir settingsDir; // never touch the user's window geometry
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    registerMetaTypes();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
