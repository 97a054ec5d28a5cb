// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "memorychart.h"
#include "model/auditrun.h"

#include <QWidget>

#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;

namespace bulwark::ui {

class MemoryHistory;

enum class TimeRange { Hour, Day, Week, Month };
qint64 rangeMs(TimeRange range);

// Pure: the ceilings that apply to a host total (containerId empty) or one container of the run.
MemoryCeilings ceilingsFor(const AuditRun& run, const QString& hostName, const QString& containerId);

// Memory over time per host (the sum of its containers) or per container, with the ceilings of
// REQ-HARD-02 and AC-HARD-02 and the container limit. The hosts and containers offered are the
// run's plus every series the history holds. History queries are futures; a reply for an older
// selection is dropped (generation counter).
class MemoryTrendsView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryTrendsView)
public:
    explicit MemoryTrendsView(QWidget* parent = nullptr);

    void setHistory(MemoryHistory* history); // not owned
    void setRun(std::shared_ptr<const AuditRun> run);
    void select(const QString& hostName, const QString& containerId);
    void setRange(TimeRange range);
    void setNow(qint64 nowMs); // for tests and demos; 0 = the wall clock
    void refresh();
    QString hostName() const;
    QString containerId() const;

    MemoryChartView* chart() const { return m_chart; }

signals:
    void dataShown(); // a query's answer reached the chart (for tests and screenshots)
    void catalogueLoaded(); // the history's hosts and containers are offered

private:
    void fillHosts();
    void fillContainers();
    void reloadCatalog();

    std::shared_ptr<const AuditRun> m_run;
    MemoryHistory* m_history = nullptr;
    QList<SeriesInfo> m_catalog; // what the history holds, beside what the run shows
    quint64 m_catalogGeneration = 0;
    QComboBox* m_host = nullptr;
    QComboBox* m_container = nullptr;
    QButtonGroup* m_ranges = nullptr;
    QLabel* m_summary = nullptr;
    MemoryChartView* m_chart = nullptr;
    TimeRange m_range = TimeRange::Day;
    quint64 m_generation = 0;
    qint64 m_nowMs = 0;
};

} // namespace bulwark::ui
