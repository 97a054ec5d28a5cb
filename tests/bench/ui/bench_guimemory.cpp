// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 5: "The GUI's resident memory stays under 300 MiB with that history loaded" (1,000
// containers × 24 h of 10-s samples = 8.64 M points, as bench_history builds it).
//
// A child process (this binary with --make-history FILE) writes the history first, so its own
// memory never counts. Then the real MainWindow (offscreen, 1600×1000) opens that database, and the
// memory trends view shows a host's total and one container over 24 h, 7 d and 30 d. Counters:
//   rss_MiB      VmRSS after every chart was shown
//   hwm_MiB      VmHWM (the peak resident set of the whole GUI process)   goal < 300 MiB
//   base_MiB     VmRSS with the window shown, before the history was opened
//   points       points on the last chart
// BULWARK_BENCH_HISTORY=FILE keeps the database between runs (built when missing);
// BULWARK_BENCH_CONTAINERS overrides the 1,000 containers for a quick run.
#include "main/mainwindow.h"
#include "model/metatypes.h"
#include "trends/memorytrendsview.h"

#include "telemetry/historystore.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>

using namespace bulwark;

namespace {

const int Containers = qEnvironmentVariableIsSet("BULWARK_BENCH_CONTAINERS")
    ? qEnvironmentVariableIntValue("BULWARK_BENCH_CONTAINERS")
    : 1000;
constexpr qint64 IntervalMs = 10'000;
constexpr int Ticks = 24 * 360;

QString containerId(int c)
{
    return QStringLiteral("%1").arg(c, 64, 16, QLatin1Char('0'));
}

// The same fleet day as bench_history, ending now.
int makeHistory(const QString& path)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch() / 60000 * 60000;
    HistoryStore store;
    if (auto r = store.open(path); !r) {
        std::fprintf(stderr, "bench_guimemory: %s\n", qPrintable(r.errorMessage()));
        return 1;
    }
    QList<MemorySample> batch;
    batch.reserve(Ticks);
    for (int c = 0; c < Containers; ++c) {
        batch.clear();
        for (int t = 0; t < Ticks; ++t)
            batch.append(MemorySample{QStringLiteral("host-%1").arg(c % 10), containerId(c), QStringLiteral("svc-%1").arg(c),
                                      now - qint64(Ticks - t) * IntervalMs,
                                      100'000'000LL + (t * 7919 + c * 104729) % 50'000'000LL, 512LL << 20});
        if (auto r = store.addSamples(batch); !r) {
            std::fprintf(stderr, "bench_guimemory: %s\n", qPrintable(r.errorMessage()));
            return 1;
        }
    }
    return 0;
}

// VmRSS / VmHWM of this process in MiB.
double statusMiB(const char* key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return double(line.mid(int(std::strlen(key))).trimmed().split(' ').constFirst().toLongLong()) / 1024.0;
    return -1;
}

QString historyPath(QTemporaryDir& dir)
{
    const QString kept = qEnvironmentVariable("BULWARK_BENCH_HISTORY");
    return kept.isEmpty() ? dir.filePath(QStringLiteral("history.sqlite")) : kept;
}

void BM_GuiMemoryWithFleetHistory(benchmark::State& state)
{
    QTemporaryDir dir;
    const QString path = historyPath(dir);
    if (!QFileInfo::exists(path)) {
        QElapsedTimer t;
        t.start();
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--make-history"), path});
        if (!child.waitForFinished(-1) || child.exitCode() != 0) {
            state.SkipWithError("could not build the history database");
            for (auto _ : state) {
            }
            return;
        }
        std::fprintf(stderr, "bench_guimemory: built %s (%d containers) in %.0f s\n", qPrintable(path), Containers,
                     double(t.elapsed()) / 1000.0);
    }

    for (auto _ : state) {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QApplication::processEvents();
        state.counters["base_MiB"] = statusMiB("VmRSS:");

        QSignalSpy opened(&w, &MainWindow::historyOpened);
        QSignalSpy catalogue(w.memoryView(), &ui::MemoryTrendsView::catalogueLoaded);
        w.openHistory(path);
        if (!opened.wait(300000) || !opened.constFirst().at(0).toBool()) {
            state.SkipWithError("the history did not open");
            break;
        }
        w.showPage(MainWindow::Page::Memory);
        ui::MemoryTrendsView* view = w.memoryView();
        if (catalogue.isEmpty() && !catalogue.wait(120000)) {
            state.SkipWithError("the history's catalogue did not arrive");
            break;
        }
        // Charts: a host's total and one container, over each long range.
        int points = 0;
        for (const QString& container : {QString(), containerId(7)}) {
            for (const ui::TimeRange range : {ui::TimeRange::Day, ui::TimeRange::Week, ui::TimeRange::Month}) {
                QSignalSpy shown(view, &ui::MemoryTrendsView::dataShown);
                view->select(QStringLiteral("host-7"), container); // offered from the database's catalogue
                view->setRange(range);
                shown.wait(60000);
                while (shown.wait(2000)) {
                } // stale answers of earlier selections land first
                points = view->chart()->pointCount();
            }
        }
        if (view->hostName() != QStringLiteral("host-7"))
            state.SkipWithError("host-7 was not offered from the history");
        state.counters["points"] = double(points);
        state.counters["rss_MiB"] = statusMiB("VmRSS:");
        state.counters["hwm_MiB"] = statusMiB("VmHWM:");
    }
}
BENCHMARK(BM_GuiMemoryWithFleetHistory)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    if (argc == 3 && std::strcmp(argv[1], "--make-history") == 0) {
        QCoreApplication app(argc, argv);
        return makeHistory(QString::fromLocal8Bit(argv[2]));
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home; // never touch the user's settings
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toLocal8Bit());
    QApplication app(argc, argv);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.filePath(QStringLiteral("settings")));
    registerMetaTypes();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
