// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediationlogmodel.h"

#include <QBrush>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace bulwark {

RemediationLogModel::RemediationLogModel(QObject* parent) : QAbstractTableModel(parent) {}

void RemediationLogModel::setRecords(const QList<RemediationRecord>& records)
{
    beginResetModel();
    m_records = records;
    endResetModel();
}

const RemediationRecord* RemediationLogModel::recordAt(int row) const
{
    return row >= 0 && row < m_records.size() ? &m_records.at(row) : nullptr;
}

QString RemediationLogModel::outcomeText(const QString& outcome)
{
    if (outcome == QLatin1String("applied"))
        return tr("Applied");
    if (outcome == QLatin1String("rolled_back"))
        return tr("Rolled back");
    if (outcome == QLatin1String("failed"))
        return tr("Failed");
    if (outcome == QLatin1String("refused"))
        return tr("Refused");
    return outcome;
}

int RemediationLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int RemediationLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RemediationLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RemediationRecord& r = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case WhenColumn:
            return QLocale().toString(r.timestamp.toLocalTime(), QLocale::ShortFormat);
        case UserColumn:
            return r.user;
        case HostColumn:
            return r.hostName;
        case FileColumn:
            // The name is what tells files apart at a glance; the tooltip has the full path.
            return r.filePath.isEmpty() ? QString() : QFileInfo(r.filePath).fileName();
        case ControlsColumn:
            return r.controls.join(QStringLiteral(", "));
        case OutcomeColumn:
            return outcomeText(r.outcome);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == FileColumn)
            return r.filePath;
        if (index.column() == OutcomeColumn || index.column() == ControlsColumn)
            return r.message.isEmpty() ? QVariant() : QVariant(r.message);
        if (index.column() == WhenColumn)
            return r.timestamp.toUTC().toString(Qt::ISODate);
        return {};
    case Qt::ForegroundRole:
        // Colour helps, the outcome's word carries the meaning.
        if (index.column() == OutcomeColumn && r.outcome != QLatin1String("applied")) {
            // Readable on light and dark bases alike.
            const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
            if (r.outcome == QLatin1String("refused"))
                return QBrush(dark ? QColor(0xf0, 0xb4, 0x50) : QColor(0x9a, 0x5b, 0x00));
            return QBrush(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28));
        }
        return {};
    case DiffRole:
        return r.diff;
    case MessageRole:
        return r.message;
    case OutcomeRole:
        return r.outcome;
    case SucceededRole:
        return r.outcome == QLatin1String("applied");
    case RecordIdRole:
        return r.id;
    case TimestampRole:
        return r.timestamp;
    default:
        return {};
    }
}

QVariant RemediationLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case WhenColumn:
        return tr("When");
    case UserColumn:
        return tr("Who");
    case HostColumn:
        return tr("Host");
    case FileColumn:
        return tr("File");
    case ControlsColumn:
        return tr("Controls");
    case OutcomeColumn:
        return tr("Result");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace bulwark
