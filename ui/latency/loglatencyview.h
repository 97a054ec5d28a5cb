// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/telemetry.h"

#include <QWidget>

#include <optional>

class QChartView;
class QLabel;
class QScatterSeries;
class QLineSeries;
class QBarSet;
class QBarCategoryAxis;
class QDateTimeAxis;
class QValueAxis;

namespace bulwark::ui {

// Log ingestion latency (NFR-OBS-01, AC-HARD-03): every probe over time, the p95 line, the 2 s and
// 5 s objectives, misses marked at the top, and a histogram of the latencies.
class LogLatencyView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogLatencyView)
public:
    explicit LogLatencyView(QWidget* parent = nullptr);

    void setSummary(const std::optional<LogLatencySummary>& summary);

    // For tests: what the charts show.
    int arrivedCount() const;
    int missedCount() const;
    double p95Line() const; // seconds, -1 when none
    QList<int> histogramCounts() const;
    QStringList histogramLabels() const;
    int histogramWidth() const;

private:
    QLabel* m_headline = nullptr;
    QChartView* m_timeView = nullptr;
    QChartView* m_histView = nullptr;
    QScatterSeries* m_arrived = nullptr;
    QScatterSeries* m_missed = nullptr;
    QLineSeries* m_p95 = nullptr;
    QLineSeries* m_slo2 = nullptr;
    QLineSeries* m_slo5 = nullptr;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
    QBarSet* m_bars = nullptr;
    QBarCategoryAxis* m_histX = nullptr;
    QValueAxis* m_histY = nullptr;
};

} // namespace bulwark::ui
