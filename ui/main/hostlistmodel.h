// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"
#include "model/snapshot.h"

#include <QAbstractTableModel>

namespace bulwark {

// The fleet's hosts with their last scan status.
class HostListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostListModel)
public:
    enum Column { NameColumn, UrlColumn, StatusColumn, ContainersColumn, ColumnCount };
    enum Role { HostNameRole = Qt::UserRole + 1, StatusRole };

    explicit HostListModel(QObject* parent = nullptr);

    void setFleet(const FleetConfig& fleet);
    void updateHost(const HostSnapshot& snapshot);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        HostEntry entry;
        HostStatus status = HostStatus::Pending;
        QString error;
        int containers = -1;
    };
    QList<Row> m_rows;
};

} // namespace bulwark
