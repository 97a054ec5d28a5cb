// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/control.h"

#include <QAbstractTableModel>

namespace bulwark::ui {

// Every verdict about one container (its own, plus the host and fleet ones that cover it), worst first.
class ResultListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultListModel)
public:
    enum Column { ControlColumn, StatusColumn, EvidenceColumn, ReasonColumn, ColumnCount };
    enum Role { StatusRole = Qt::UserRole + 1, ControlIdRole, RemediationRole };

    explicit ResultListModel(QObject* parent = nullptr);

    void setResults(QList<ControlResult> results, const QList<ControlDefinition>& controls);
    const QList<ControlResult>& results() const { return m_results; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ControlResult> m_results;
    QHash<QString, QString> m_titles;
    bool m_dark = false;
};

} // namespace bulwark::ui
