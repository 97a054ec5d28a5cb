// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostlistmodel.h"

namespace bulwark {

HostListModel::HostListModel(QObject* parent) : QAbstractTableModel(parent) {}

void HostListModel::setFleet(const FleetConfig& fleet)
{
    beginResetModel();
    m_rows.clear();
    for (const HostEntry& h : fleet.hosts)
        m_rows.append(Row{h, HostStatus::Pending, {}, -1});
    endResetModel();
}

void HostListModel::updateHost(const HostSnapshot& snapshot)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].entry.name != snapshot.hostName)
            continue;
        m_rows[i].status = snapshot.status;
        m_rows[i].error = snapshot.error;
        m_rows[i].containers = snapshot.isOk() ? int(snapshot.containers.size()) : -1;
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
        return;
    }
}

int HostListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HostListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HostListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    if (role == HostNameRole)
        return row.entry.name;
    if (role == StatusRole)
        return int(row.status);
    if (role == Qt::ToolTipRole)
        return row.error.isEmpty() ? row.entry.url : row.error;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return row.entry.name;
    case UrlColumn:
        return row.entry.url;
    case StatusColumn:
        return row.status == HostStatus::Pending ? tr("not scanned") : hostStatusName(row.status);
    case ContainersColumn:
        return row.containers < 0 ? QVariant() : QVariant(row.containers);
    }
    return {};
}

QVariant HostListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Host");
    case UrlColumn:
        return tr("Address");
    case StatusColumn:
        return tr("Status");
    case ContainersColumn:
        return tr("Containers");
    }
    return {};
}

} // namespace bulwark
