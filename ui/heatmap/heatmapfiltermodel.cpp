// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapfiltermodel.h"

#include "heatmapmodel.h"

namespace bulwark::ui {

HeatmapFilterModel::HeatmapFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(HeatmapModel::SortRole);
    setDynamicSortFilter(true);
}

void HeatmapFilterModel::setHeatmap(HeatmapModel* model)
{
    m_heatmap = model;
    setSourceModel(model);
}

void HeatmapFilterModel::setHostFilter(const QString& hostName)
{
    if (m_host == hostName)
        return;
    m_host = hostName;
    invalidateRowsFilter();
}

void HeatmapFilterModel::setProjectFilter(const std::optional<QString>& project)
{
    if (m_project == project)
        return;
    m_project = project;
    invalidateRowsFilter();
}

void HeatmapFilterModel::setStatusFilter(const std::optional<ControlStatus>& status)
{
    if (m_status == status)
        return;
    m_status = status;
    invalidateRowsFilter();
}

void HeatmapFilterModel::setControlFilter(const QString& controlId)
{
    if (m_control == controlId)
        return;
    m_control = controlId;
    // Both: the visible columns change, and the status filter looks only at visible cells.
    invalidateFilter();
}

void HeatmapFilterModel::setTextFilter(const QString& text)
{
    const QString t = text.trimmed();
    if (m_text == t)
        return;
    m_text = t;
    invalidateRowsFilter();
}

void HeatmapFilterModel::sortByWorst()
{
    sort(HeatmapModel::ScoreColumn, Qt::AscendingOrder);
}

bool HeatmapFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_heatmap || sourceParent.isValid())
        return false;
    const QModelIndex idx = m_heatmap->index(sourceRow, HeatmapModel::HostColumn);
    if (!m_host.isEmpty() && idx.data(HeatmapModel::HostNameRole).toString() != m_host)
        return false;
    if (m_project && idx.data(HeatmapModel::ProjectRole).toString() != *m_project)
        return false;
    if (!m_text.isEmpty() && !idx.data(HeatmapModel::SearchTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    if (m_status) {
        const int only = m_control.isEmpty() ? -1 : m_heatmap->columnOfControl(m_control) - HeatmapModel::FirstControlColumn;
        bool any = false;
        for (int c = 0; c < m_heatmap->controlCount() && !any; ++c)
            if (only < 0 || c == only)
                any = m_heatmap->statusAt(sourceRow, c) == m_status;
        if (!any)
            return false;
    }
    return true;
}

bool HeatmapFilterModel::filterAcceptsColumn(int sourceColumn, const QModelIndex& sourceParent) const
{
    if (!m_heatmap || sourceParent.isValid())
        return false;
    if (sourceColumn < HeatmapModel::FirstControlColumn || m_control.isEmpty())
        return true;
    return m_heatmap->columnOfControl(m_control) == sourceColumn;
}

bool HeatmapFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant l = left.data(HeatmapModel::SortRole);
    const QVariant r = right.data(HeatmapModel::SortRole);
    if (l.typeId() == QMetaType::QString)
        return l.toString().compare(r.toString(), Qt::CaseInsensitive) < 0;
    const int li = l.toInt();
    const int ri = r.toInt();
    if (li != ri)
        return li < ri;
    if (left.column() == HeatmapModel::ScoreColumn && m_heatmap) {
        // Same score: the row with more failures is worse.
        auto fails = [this](int row) {
            int n = 0;
            for (int c = 0; c < m_heatmap->controlCount(); ++c)
                n += m_heatmap->statusAt(row, c) == ControlStatus::Fail ? 1 : 0;
            return n;
        };
        return fails(left.row()) > fails(right.row());
    }
    return false;
}

} // namespace bulwark::ui
