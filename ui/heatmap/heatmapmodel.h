// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <vector>

namespace bulwark::ui {

// The compliance heatmap: one row per container (grouped by host, then compose project, then
// name), one column per control in policy order after a few descriptive columns. A host that
// could not be scanned gets one row of unknowns, so a dead host is visible at a glance.
// Cells are looked up from flat arrays built once per run: a reset of 5,000 × 15 stays cheap.
class HeatmapModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeatmapModel)
public:
    enum Column { HostColumn, ProjectColumn, ContainerColumn, ScoreColumn, FirstControlColumn };
    enum Role {
        StatusRole = Qt::UserRole + 1, // int(ControlStatus) for control cells; invalid when there is no result
        SortRole,                      // what the sort proxy compares
        HostNameRole,
        ProjectRole,                   // compose project, empty for plain containers
        ContainerIdRole,
        ControlIdRole,
        RowKindRole,                   // int(RowKind)
        ScopeRole,                     // int(ControlScope) of the cell's result
        ScoreRole,                     // the row's score in percent, -1 when unknown
        SearchTextRole,                // host, project, name and image for the text filter
    };
    enum class RowKind { Container, HostProblem };

    explicit HeatmapModel(QObject* parent = nullptr);
    ~HeatmapModel() override;

    void setRun(std::shared_ptr<const AuditRun> run);
    void clear();
    const std::shared_ptr<const AuditRun>& run() const { return m_run; }

    int controlCount() const { return int(m_controlIds.size()); }
    // The model column of a control, -1 when the policy has no such control.
    int columnOfControl(const QString& controlId) const;
    // -1 when not found.
    int rowOfContainer(const QString& hostName, const QString& containerIdOrName) const;

    // Direct access for the filter proxy and the detail pane: no QVariant round trips.
    std::optional<ControlStatus> statusAt(int row, int controlIndex) const;
    const ControlResult* resultAt(int row, int controlIndex) const;
    const HostSnapshot* hostAt(int row) const;
    const ContainerSnapshot* containerAt(int row) const; // nullptr for host rows
    RowKind rowKind(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Row {
        int host = -1;
        int container = -1; // -1: a HostProblem row
        QString project;
        int score = -1;
        int fails = 0;
    };
    QString cellToolTip(int row, int controlIndex) const;
    QString containerToolTip(int row) const;

    std::shared_ptr<const AuditRun> m_run;
    QStringList m_controlIds;
    std::vector<Row> m_rows;
    std::vector<qint8> m_status;     // rows × controls, -1 = no result
    std::vector<qint32> m_resultIdx; // rows × controls, index into m_run->results, -1 = none
};

} // namespace bulwark::ui
