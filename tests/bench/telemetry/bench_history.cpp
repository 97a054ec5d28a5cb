// SPDX-License-Identifier: GPL-3.0-or-later
// The history at fleet scale: 1,000 containers x 24 h of 10-s samples (8.64 M points), then the
// range queries a chart makes. Figures: insert rates (items_per_second) in the sampler's order and
// in a backfill's order, database size (db_MiB), query time per chart (ms) and points returned.
#include "telemetry/historystore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <memory>

using namespace bulwark;

namespace {

// BULWARK_BENCH_CONTAINERS overrides the fleet size for a quick run.
const int Containers = qEnvironmentVariableIsSet("BULWARK_BENCH_CONTAINERS")
    ? qEnvironmentVariableIntValue("BULWARK_BENCH_CONTAINERS")
    : 1000;
// HistoryService flushes the sampler's samples once a minute: 6 ticks per transaction.
constexpr int TicksPerFlush = 6;
constexpr qint64 IntervalMs = 10'000;
constexpr int Ticks = 24 * 360; // 24 h at 10 s
const qint64 Now = QDateTime::currentMSecsSinceEpoch() / 60000 * 60000;

QTemporaryDir& dir()
{
    static QTemporaryDir d;
    return d;
}

QString dbPath()
{
    return dir().filePath(QStringLiteral("history.sqlite"));
}

qint64 fileSize(const QString& path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

QString containerId(int c)
{
    return QStringLiteral("%1").arg(c, 64, 16, QLatin1Char('0'));
}

MemorySample makeSample(int c, int t)
{
    return MemorySample{QStringLiteral("host-%1").arg(c % 10), containerId(c), QStringLiteral("svc-%1").arg(c),
                        Now - qint64(Ticks - t) * IntervalMs, 100'000'000LL + (t * 7919 + c * 104729) % 50'000'000LL,
                        512LL << 20};
}

// The sampler's write pattern: every container each tick, one transaction per minute (6 ticks).
// One hour of the fleet into a separate file: the steady-state rate the live sampler needs
// (1,000 containers at 10 s = 100 samples/s).
void BM_InsertSamplerOrder(benchmark::State& state)
{
    const int ticks = 360;
    for (auto _ : state) {
        HistoryStore store;
        if (auto r = store.open(dir().filePath(QStringLiteral("sampler.sqlite"))); !r) {
            state.SkipWithError(qPrintable(r.errorMessage()));
            return;
        }
        QList<MemorySample> batch;
        batch.reserve(Containers * TicksPerFlush);
        for (int t = Ticks - ticks; t < Ticks; ++t) {
            for (int c = 0; c < Containers; ++c)
                batch.append(makeSample(c, t));
            if ((t + 1) % TicksPerFlush != 0 && t + 1 != Ticks)
                continue;
            if (auto r = store.addSamples(batch); !r) {
                state.SkipWithError(qPrintable(r.errorMessage()));
                return;
            }
            batch.clear();
        }
    }
    state.SetItemsProcessed(int64_t(state.iterations()) * Containers * ticks);
}

// The full day for the whole fleet (8.64 M points), loaded container by container (a backfill's
// order), for the chart queries below.
void BM_InsertFleetDay(benchmark::State& state)
{
    for (auto _ : state) {
        HistoryStore store;
        if (auto r = store.open(dbPath()); !r) {
            state.SkipWithError(qPrintable(r.errorMessage()));
            return;
        }
        QList<MemorySample> batch;
        batch.reserve(Ticks);
        for (int c = 0; c < Containers; ++c) {
            batch.clear();
            for (int t = 0; t < Ticks; ++t)
                batch.append(makeSample(c, t));
            if (auto r = store.addSamples(batch); !r) {
                state.SkipWithError(qPrintable(r.errorMessage()));
                return;
            }
        }
        state.counters["raw_rows"] = double(store.rawSampleCount().value());
        state.counters["rollup_rows"] = double(store.rollupCount().value());
    }
    state.SetItemsProcessed(int64_t(state.iterations()) * Containers * Ticks);
    state.counters["db_MiB"] = double(fileSize(dbPath())) / (1024.0 * 1024.0);
}

// One chart: one container over a range. Raw for <= 6 h, 1-minute rollups beyond.
void BM_ChartQuery(benchmark::State& state)
{
    const qint64 rangeMs = state.range(0) * 3600 * 1000;
    HistoryStore store;
    if (auto r = store.open(dbPath(), HistoryStore::Mode::ReadOnly); !r) {
        state.SkipWithError(qPrintable(r.errorMessage()));
        return;
    }
    int container = 0;
    qsizetype points = 0;
    for (auto _ : state) {
        const QString id = QStringLiteral("%1").arg((container++ * 37) % Containers, 64, 16, QLatin1Char('0'));
        auto s = store.memorySeries(QStringLiteral("host-%1").arg(((container - 1) * 37) % Containers % 10), id,
                                    Now - rangeMs, Now, Now);
        if (!s) {
            state.SkipWithError(qPrintable(s.errorMessage()));
            return;
        }
        points = s->points.size();
        benchmark::DoNotOptimize(points);
    }
    state.counters["points"] = double(points);
}

// The worst case for raw data: a whole day of 10-s samples for one container.
void BM_ChartQueryRawDay(benchmark::State& state)
{
    HistoryStore store;
    if (auto r = store.open(dbPath(), HistoryStore::Mode::ReadOnly); !r) {
        state.SkipWithError(qPrintable(r.errorMessage()));
        return;
    }
    int container = 0;
    qsizetype points = 0;
    for (auto _ : state) {
        const int c = (container++ * 53) % Containers;
        auto s = store.memorySeries(QStringLiteral("host-%1").arg(c % 10),
                                    QStringLiteral("%1").arg(c, 64, 16, QLatin1Char('0')), Now - 24 * 3600 * 1000LL, Now,
                                    MemorySeries::Resolution::Raw);
        points = s ? s->points.size() : 0;
        benchmark::DoNotOptimize(points);
    }
    state.counters["points"] = double(points);
}

} // namespace

BENCHMARK(BM_InsertSamplerOrder)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_InsertFleetDay)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK(BM_ChartQuery)->Arg(1)->Arg(6)->Arg(24)->Arg(24 * 7)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ChartQueryRawDay)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
