// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "model/fleetconfig.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace bulwark::ui {

// The fleet panel: hosts with a status badge and score, their compose projects below them.
// Fed first from the fleet file (every host "not scanned"), then per host as the scan reports
// (status only) and finally from the audit (projects, scores).
class FleetTreeModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetTreeModel)
public:
    enum Column { NameColumn, ScoreColumn, ContainersColumn, ColumnCount };
    enum Role {
        NodeKindRole = Qt::UserRole + 1, // int(NodeKind)
        HostNameRole,
        ProjectRole,      // project nodes only; "" for plain containers
        HostStatusRole,   // int(HostStatus), host nodes
        ScoreRole,        // percent, -1 unknown
        SortRole,
    };
    enum class NodeKind { Host, Project };

    explicit FleetTreeModel(QObject* parent = nullptr);
    ~FleetTreeModel() override;

    void setFleet(const FleetConfig& fleet);
    void updateHost(const HostSnapshot& snapshot); // status during a scan
    void setRun(const std::shared_ptr<const AuditRun>& run);

    QModelIndex hostIndex(const QString& hostName) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct ProjectNode {
        QString name; // "" = containers outside any compose project
        int containers = 0;
        int score = -1;
        int fails = 0;
    };
    struct HostNode {
        QString name;
        QString url;
        HostStatus status = HostStatus::Pending;
        QString error;
        int containers = -1;
        int score = -1;
        int fails = 0;
        std::vector<ProjectNode> projects;
    };
    int findHost(const QString& name) const;

    std::vector<HostNode> m_hosts;
};

} // namespace bulwark::ui
