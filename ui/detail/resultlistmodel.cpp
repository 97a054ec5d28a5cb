// SPDX-License-Identifier: GPL-3.0-or-later
#include "resultlistmodel.h"

#include "style/statusstyle.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace bulwark::ui {

ResultListModel::ResultListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResultListModel::setResults(QList<ControlResult> results, const QList<ControlDefinition>& controls)
{
    beginResetModel();
    m_titles.clear();
    QHash<QString, int> order;
    for (const ControlDefinition& c : controls) {
        order.insert(c.id, int(order.size()));
        m_titles.insert(c.id, c.title);
    }
    std::stable_sort(results.begin(), results.end(), [&order](const ControlResult& a, const ControlResult& b) {
        const int ba = statusBadness(a.status);
        const int bb = statusBadness(b.status);
        if (ba != bb)
            return ba > bb;
        return order.value(a.controlId, 1000) < order.value(b.controlId, 1000);
    });
    m_results = std::move(results);
    m_dark = isDarkPalette(QGuiApplication::palette().color(QPalette::Window));
    endResetModel();
}

int ResultListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_results.size());
}

int ResultListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResultListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ControlResult& r = m_results.at(index.row());
    switch (role) {
    case StatusRole:
        return int(r.status);
    case ControlIdRole:
        return r.controlId;
    case RemediationRole:
        return r.remediation;
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(statusIcon(r.status, m_dark)) : QVariant();
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ControlColumn:
            return m_titles.value(r.controlId);
        case EvidenceColumn:
            return r.evidence;
        case ReasonColumn: {
            QString t = r.reason;
            if (!r.remediation.isEmpty())
                t += QLatin1Char('\n') + tr("Fix: %1").arg(r.remediation);
            if (!r.waiverReason.isEmpty())
                t += QLatin1Char('\n') + tr("Waiver: %1").arg(r.waiverReason);
            return t;
        }
        }
        return {};
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case ControlColumn:
            return r.controlId;
        case StatusColumn:
            return statusText(r.status);
        case EvidenceColumn:
            return r.evidence;
        case ReasonColumn:
            return r.scope == ControlScope::Container ? r.reason
                                                      : (r.scope == ControlScope::Host ? tr("[host] %1") : tr("[fleet] %1")).arg(r.reason);
        }
        return {};
    default:
        return {};
    }
}

QVariant ResultListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ControlColumn:
        return tr("Control");
    case StatusColumn:
        return tr("Status");
    case EvidenceColumn:
        return tr("Evidence");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}

} // namespace bulwark::ui
