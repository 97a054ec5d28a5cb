// SPDX-License-Identifier: GPL-3.0-or-later
#include "containerfactsmodel.h"

#include <QLocale>

namespace bulwark::ui {
namespace {
constexpr quintptr kSectionNode = 0; // internalId n > 0: a fact of section n - 1

QString yesNo(bool b)
{
    return b ? ContainerFactsModel::tr("yes") : ContainerFactsModel::tr("no");
}
} // namespace

ContainerFactsModel::ContainerFactsModel(QObject* parent) : QAbstractItemModel(parent) {}

void ContainerFactsModel::clear()
{
    beginResetModel();
    m_sections.clear();
    endResetModel();
}

void ContainerFactsModel::setContainer(const ContainerSnapshot& c)
{
    beginResetModel();
    m_sections.assign(SectionCount, {});
    auto& rt = m_sections[RuntimeSection];
    rt.push_back({tr("Image"), c.image});
    rt.push_back({tr("State"), c.status.isEmpty() ? c.state : c.status});
    rt.push_back({tr("ID"), c.id.left(12)});
    rt.push_back({tr("User"), c.user.isEmpty() ? tr("(image default)") : c.user});
    rt.push_back({tr("Privileged"), yesNo(c.privileged)});
    rt.push_back({tr("Read-only root"), yesNo(c.readonlyRootfs)});
    // Empty settings are spelled out: a blank cell would read as "not known".
    const auto listOrNone = [](const QStringList& values) {
        return values.isEmpty() ? tr("none") : values.join(QStringLiteral(", "));
    };
    const auto modeOr = [](const QString& mode, const QString& unset) { return mode.isEmpty() ? unset : mode; };
    rt.push_back({tr("Security options"), listOrNone(c.securityOpt)});
    rt.push_back({tr("Capabilities dropped"), listOrNone(c.capDrop)});
    rt.push_back({tr("Capabilities added"), listOrNone(c.capAdd)});
    rt.push_back({tr("PID / IPC / network mode"),
                  QStringList{modeOr(c.pidMode, tr("private")), modeOr(c.ipcMode, tr("private")), modeOr(c.networkMode, tr("default"))}
                      .join(QStringLiteral(" / "))});
    rt.push_back({tr("Memory limit"), c.memoryLimitBytes > 0 ? QLocale().formattedDataSize(c.memoryLimitBytes, 1, QLocale::DataSizeTraditionalFormat)
                                                            : tr("none")});
    if (c.memory)
        rt.push_back({tr("Memory in use"), QLocale().formattedDataSize(c.memory->usageBytes, 1, QLocale::DataSizeTraditionalFormat)});
    if (!c.healthStatus.isEmpty())
        rt.push_back({tr("Health"), c.healthStatus});

    for (auto it = c.labels.cbegin(); it != c.labels.cend(); ++it)
        m_sections[LabelsSection].push_back({it.key(), it.value()});
    for (const MountPoint& m : c.mounts)
        m_sections[MountsSection].push_back(
            {m.destination, QStringLiteral("%1 %2 (%3)").arg(m.type, m.type == QLatin1String("volume") && !m.name.isEmpty() ? m.name : m.source,
                                                            m.readWrite ? QStringLiteral("rw") : QStringLiteral("ro"))});
    for (const NetworkAttachment& n : c.networks)
        m_sections[NetworksSection].push_back({n.name, n.ipAddress});
    for (const PortBinding& p : c.publishedPorts)
        m_sections[PortsSection].push_back(
            {p.containerPort, p.hostPort.isEmpty() ? tr("not published")
                                                   : QStringLiteral("%1:%2").arg(p.hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : p.hostIp, p.hostPort)});
    endResetModel();
}

QModelIndex ContainerFactsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kSectionNode);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ContainerFactsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kSectionNode)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kSectionNode);
}

int ContainerFactsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_sections.size());
    if (parent.internalId() != kSectionNode || parent.column() != 0)
        return 0;
    return int(m_sections[std::size_t(parent.row())].size());
}

int ContainerFactsModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

Qt::ItemFlags ContainerFactsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kSectionNode)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant ContainerFactsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    if (index.internalId() == kSectionNode) {
        if (index.column() == ValueColumn)
            return role == Qt::DisplayRole ? QVariant(QString::number(m_sections[std::size_t(index.row())].size())) : QVariant();
        switch (Section(index.row())) {
        case RuntimeSection:
            return tr("Runtime");
        case LabelsSection:
            return tr("Labels");
        case MountsSection:
            return tr("Mounts");
        case NetworksSection:
            return tr("Networks");
        case PortsSection:
            return tr("Published ports");
        case SectionCount:
            break;
        }
        return {};
    }
    const Fact& f = m_sections[std::size_t(index.internalId() - 1)][std::size_t(index.row())];
    return index.column() == KeyColumn ? f.key : f.value;
}

QVariant ContainerFactsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == KeyColumn ? tr("Property") : tr("Value");
}

} // namespace bulwark::ui
