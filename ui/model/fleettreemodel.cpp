// SPDX-License-Identifier: GPL-3.0-or-later
#include "fleettreemodel.h"

#include "model/statuscounts.h"
#include "style/statusstyle.h"

#include <QHash>
#include <QMap>

namespace bulwark::ui {
namespace {
// internalId 0 marks a host node; n > 0 marks a project node of host n - 1.
constexpr quintptr kHostNode = 0;
const QString kProjectLabel = QStringLiteral("com.docker.compose.project");
} // namespace

FleetTreeModel::FleetTreeModel(QObject* parent) : QAbstractItemModel(parent) {}
FleetTreeModel::~FleetTreeModel() = default;

int FleetTreeModel::findHost(const QString& name) const
{
    for (int i = 0; i < int(m_hosts.size()); ++i)
        if (m_hosts[std::size_t(i)].name == name)
            return i;
    return -1;
}

void FleetTreeModel::setFleet(const FleetConfig& fleet)
{
    beginResetModel();
    m_hosts.clear();
    for (const HostEntry& e : fleet.hosts) {
        HostNode n;
        n.name = e.name;
        n.url = e.url;
        m_hosts.push_back(std::move(n));
    }
    endResetModel();
}

void FleetTreeModel::updateHost(const HostSnapshot& snapshot)
{
    const int i = findHost(snapshot.hostName);
    if (i < 0)
        return;
    HostNode& n = m_hosts[std::size_t(i)];
    n.status = snapshot.status;
    n.error = snapshot.error;
    n.containers = snapshot.isOk() ? int(snapshot.containers.size()) : -1;
    emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
}

void FleetTreeModel::setRun(const std::shared_ptr<const AuditRun>& run)
{
    beginResetModel();
    QHash<QString, QString> urls;
    for (const HostNode& n : m_hosts)
        urls.insert(n.name, n.url);
    std::vector<HostNode> old = std::move(m_hosts);
    m_hosts.clear();
    if (run) {
        // Per container and per host: counts of their results.
        QHash<QString, StatusCounts> byContainer;
        QHash<QString, StatusCounts> byHost;
        for (const ControlResult& r : run->results) {
            if (r.scope == ControlScope::Fleet)
                continue;
            byHost[r.hostName].add(r.status);
            if (r.scope == ControlScope::Container)
                byContainer[r.containerId].add(r.status);
        }
        for (const HostSnapshot& h : run->fleet.hosts) {
            HostNode n;
            n.name = h.hostName;
            n.url = urls.value(h.hostName);
            n.status = h.status;
            n.error = h.error;
            n.containers = h.isOk() ? int(h.containers.size()) : -1;
            const StatusCounts hc = byHost.value(h.hostName);
            n.score = h.isOk() ? scorePercent(hc) : -1;
            n.fails = hc.fail;
            QMap<QString, StatusCounts> projects; // sorted by name; "" first, moved last below
            QMap<QString, int> projectContainers;
            for (const ContainerSnapshot& c : h.containers) {
                const QString p = c.label(kProjectLabel);
                const StatusCounts cc = byContainer.value(c.id);
                StatusCounts& pc = projects[p];
                pc.pass += cc.pass;
                pc.fail += cc.fail;
                pc.waived += cc.waived;
                pc.notApplicable += cc.notApplicable;
                pc.unknown += cc.unknown;
                ++projectContainers[p];
            }
            for (auto it = projects.cbegin(); it != projects.cend(); ++it)
                if (!it.key().isEmpty())
                    n.projects.push_back(ProjectNode{it.key(), projectContainers.value(it.key()), scorePercent(*it), it->fail});
            if (projects.contains(QString()))
                n.projects.push_back(ProjectNode{QString(), projectContainers.value(QString()),
                                                 scorePercent(projects.value(QString())), projects.value(QString()).fail});
            m_hosts.push_back(std::move(n));
        }
    }
    // Hosts of the fleet file that the run does not mention stay listed as not scanned.
    for (HostNode& n : old)
        if (findHost(n.name) < 0) {
            n.projects.clear();
            m_hosts.push_back(std::move(n));
        }
    endResetModel();
}

QModelIndex FleetTreeModel::hostIndex(const QString& hostName) const
{
    const int i = findHost(hostName);
    return i < 0 ? QModelIndex() : index(i, 0);
}

QModelIndex FleetTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kHostNode);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex FleetTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kHostNode)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kHostNode);
}

int FleetTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_hosts.size());
    if (parent.internalId() != kHostNode || parent.column() != 0)
        return 0;
    return int(m_hosts[std::size_t(parent.row())].projects.size());
}

int FleetTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

Qt::ItemFlags FleetTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kHostNode)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant FleetTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool isHost = index.internalId() == kHostNode;
    const HostNode& host = m_hosts[std::size_t(isHost ? index.row() : int(index.internalId() - 1))];
    if (role == NodeKindRole)
        return int(isHost ? NodeKind::Host : NodeKind::Project);
    if (role == HostNameRole)
        return host.name;

    if (isHost) {
        switch (role) {
        case HostStatusRole:
            return int(host.status);
        case ScoreRole:
            return host.score;
        case Qt::DecorationRole:
            return index.column() == NameColumn ? QVariant(hostBadgeIcon(host.status)) : QVariant();
        case Qt::ToolTipRole: {
            QString tip = QStringLiteral("<b>%1</b> — %2").arg(host.name.toHtmlEscaped(), hostStatusText(host.status));
            if (!host.url.isEmpty())
                tip += QStringLiteral("<br>") + host.url.toHtmlEscaped();
            if (!host.error.isEmpty())
                tip += QStringLiteral("<br>") + host.error.toHtmlEscaped();
            return tip;
        }
        case Qt::AccessibleTextRole:
            if (index.column() == NameColumn)
                return tr("%1, %2").arg(host.name, hostStatusText(host.status));
            break;
        case SortRole:
            if (index.column() == ScoreColumn)
                return host.score;
            if (index.column() == ContainersColumn)
                return host.containers;
            return host.name;
        default:
            break;
        }
        if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
            return role == Qt::TextAlignmentRole && index.column() != NameColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                                                : QVariant();
        switch (index.column()) {
        case NameColumn:
            return host.name;
        case ScoreColumn:
            return host.score < 0 ? QStringLiteral("—") : tr("%1 %").arg(host.score);
        case ContainersColumn:
            return host.containers < 0 ? QStringLiteral("—") : QString::number(host.containers);
        }
        return {};
    }

    const ProjectNode& p = host.projects[std::size_t(index.row())];
    switch (role) {
    case ProjectRole:
        return p.name;
    case ScoreRole:
        return p.score;
    case SortRole:
        if (index.column() == ScoreColumn)
            return p.score;
        if (index.column() == ContainersColumn)
            return p.containers;
        return p.name;
    case Qt::ToolTipRole:
        return p.name.isEmpty() ? tr("Containers started without docker compose")
                                : tr("Compose project %1: %n failed check(s)", nullptr, p.fails).arg(p.name);
    case Qt::TextAlignmentRole:
        return index.column() != NameColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return p.name.isEmpty() ? tr("(no project)") : p.name;
        case ScoreColumn:
            return p.score < 0 ? QStringLiteral("—") : tr("%1 %").arg(p.score);
        case ContainersColumn:
            return QString::number(p.containers);
        }
        return {};
    default:
        return {};
    }
}

QVariant FleetTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Host / project");
    case ScoreColumn:
        return tr("Score");
    case ContainersColumn:
        return tr("Containers");
    }
    return {};
}

} // namespace bulwark::ui
