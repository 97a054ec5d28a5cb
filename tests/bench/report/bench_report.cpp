// SPDX-License-Identifier: GPL-3.0-or-later
// The audit report for a fleet of 1,000 containers (20 scanned hosts x 50, plus one unreachable host,
// 15 controls): seconds to render the PDF (target < 10 s), its pages and bytes (target < 20 MB), and
// the HTML alongside. Wall and CPU seconds are both printed: the CPU figure is the one to compare on
// a shared, loaded machine.
#include "report/reportwriter.h"

#include "../../report/syntheticaudit.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <chrono>
#include <ctime>
#include <cstdio>

namespace {

int pagesOf(const QString& path)
{
    // Counting /Type /Page objects is enough here and keeps the benchmark free of poppler.
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray pdf = f.readAll();
    return static_cast<int>(pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page ")
                            + pdf.count("/Type /Page/") + pdf.count("/Type /Page>"));
}

void BM_ReportPdf(benchmark::State& state)
{
    const int scanned = 20;
    const int perHost = static_cast<int>(state.range(0)) / scanned;
    const auto audit = bulwark::test::makeSyntheticAudit({scanned + 1, perHost, 1, 1000});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    double seconds = 0;
    double cpuSeconds = 0;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();
        const auto r = bulwark::report::writePdf(audit.run, path, audit.options);
        cpuSeconds = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!r) {
            state.SkipWithError(r.errorMessage().toUtf8().constData());
            return;
        }
    }
    int containers = 0;
    for (const auto& h : audit.run.fleet.hosts)
        containers += static_cast<int>(h.containers.size());
    const qint64 bytes = QFileInfo(path).size();
    const int pages = pagesOf(path);
    state.counters["containers"] = containers;
    state.counters["seconds"] = seconds;
    state.counters["cpu_seconds"] = cpuSeconds;
    state.counters["pages"] = pages;
    state.counters["MB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
    std::printf("report pdf: %d containers, %.2f s wall, %.2f s CPU, %d pages, %lld bytes (%.2f MB)\n", containers, seconds,
                cpuSeconds, pages, static_cast<long long>(bytes), static_cast<double>(bytes) / (1024.0 * 1024.0));
}
BENCHMARK(BM_ReportPdf)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_ReportHtml(benchmark::State& state)
{
    const auto audit = bulwark::test::makeSyntheticAudit({21, static_cast<int>(state.range(0)) / 20, 1, 1000});
    qsizetype bytes = 0;
    for (auto _ : state) {
        const QByteArray html = bulwark::report::renderHtml(audit.run, audit.options);
        bytes = html.size();
        benchmark::DoNotOptimize(html.constData());
    }
    state.counters["MB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
}
BENCHMARK(BM_ReportHtml)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

int main(int argc, char** argv)
{
    // QPainter needs fonts, hence a QGuiApplication; offscreen so it runs headless.
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
