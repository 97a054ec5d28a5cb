// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/control.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace bulwark::ui {

class HeatmapModel;

// Filters the heatmap by host, compose project, status, control and free text, and sorts it
// (by default: worst score first, groups kept together for ties because the sort is stable).
class HeatmapFilterModel final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeatmapFilterModel)
public:
    explicit HeatmapFilterModel(QObject* parent = nullptr);

    void setHeatmap(HeatmapModel* model);

    void setHostFilter(const QString& hostName);                  // empty: all hosts
    void setProjectFilter(const std::optional<QString>& project); // nullopt: all; "": plain containers
    void setStatusFilter(const std::optional<ControlStatus>& status); // rows with at least one such visible cell
    void setControlFilter(const QString& controlId);              // empty: all controls
    void setTextFilter(const QString& text);

    QString hostFilter() const { return m_host; }
    std::optional<ControlStatus> statusFilter() const { return m_status; }
    QString controlFilter() const { return m_control; }

    void sortByWorst();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool filterAcceptsColumn(int sourceColumn, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    HeatmapModel* m_heatmap = nullptr;
    QString m_host;
    std::optional<QString> m_project;
    std::optional<ControlStatus> m_status;
    QString m_control;
    QString m_text;
};

} // namespace bulwark::ui
