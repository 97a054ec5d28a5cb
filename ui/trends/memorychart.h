// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "telemetry/historystore.h"

#include <QChartView>

class QDateTimeAxis;
class QValueAxis;
class QLineSeries;
class QAreaSeries;

namespace bulwark::ui {

// The lines a memory chart draws besides usage. 0 = not applicable (no limit, unknown host size).
struct MemoryCeilings {
    qint64 containerLimitBytes = 0;
    qint64 templateCeilingBytes = 0; // AC-HARD-02: 2 GiB for template-infra-high
    qint64 hostShareBytes = 0;       // REQ-HARD-02: 20 % of the host's memory
};

// Pure helpers, tested without a display.
double bytesToMiB(qint64 bytes);
// Top of the y axis: every ceiling and the highest point visible, with headroom, rounded up to a
// "nice" step so the tick labels read well.
double memoryAxisMaxMiB(const MemorySeries& series, const MemoryCeilings& ceilings);
QString formatBytes(qint64 bytes);

// Memory usage over time with ceiling lines; values on hover.
class MemoryChartView final : public QChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryChartView)
public:
    explicit MemoryChartView(QWidget* parent = nullptr);

    void setData(const MemorySeries& series, const MemoryCeilings& ceilings, qint64 fromMs, qint64 toMs);
    void setPlaceholder(const QString& text); // "No history yet", errors
    int pointCount() const;
    // Small embedded charts: no legend or axis title (they would be elided), fewer time ticks;
    // the legend is in the tooltip and on the Memory trends page.
    void setCompact(bool compact);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyTheme();
    void showValue(const QPointF& point, bool state);

    QLineSeries* m_usage = nullptr;
    QLineSeries* m_peak = nullptr;
    QLineSeries* m_limit = nullptr;
    QLineSeries* m_template = nullptr;
    QLineSeries* m_hostShare = nullptr;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
};

} // namespace bulwark::ui
