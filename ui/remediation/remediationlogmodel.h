// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/remediationrecord.h"

#include <QAbstractTableModel>
#include <QList>

namespace bulwark {

// The remediation log as a table, newest first: when, who, host, file, controls, result. The diff
// and the message are roles for the view's detail pane.
class RemediationLogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemediationLogModel)
public:
    enum Column { WhenColumn, UserColumn, HostColumn, FileColumn, ControlsColumn, OutcomeColumn, ColumnCount };
    enum Role {
        DiffRole = Qt::UserRole + 1, // QString: the unified diff that was applied (or refused)
        MessageRole,                 // QString: what happened, in the engine's words
        OutcomeRole,                 // QString: applied, rolled_back, failed, refused
        SucceededRole,               // bool: the change is in place
        RecordIdRole,                // qint64
        TimestampRole,               // QDateTime (UTC), for sorting
    };

    explicit RemediationLogModel(QObject* parent = nullptr);

    void setRecords(const QList<RemediationRecord>& records);
    const QList<RemediationRecord>& records() const { return m_records; }
    const RemediationRecord* recordAt(int row) const;

    // "applied" -> "Applied", etc.; unknown outcomes are shown as they are stored.
    static QString outcomeText(const QString& outcome);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<RemediationRecord> m_records;
};

} // namespace bulwark
