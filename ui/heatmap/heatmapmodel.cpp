// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapmodel.h"

#include "model/statuscounts.h"
#include "style/statusstyle.h"

#include <QHash>
#include <QLocale>

#include <algorithm>
#include <numeric>

namespace bulwark::ui {
namespace {

const QString kProjectLabel = QStringLiteral("com.docker.compose.project");

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString severityText(Severity s)
{
    switch (s) {
    case Severity::Low:
        return HeatmapModel::tr("low");
    case Severity::Medium:
        return HeatmapModel::tr("medium");
    case Severity::High:
        return HeatmapModel::tr("high");
    case Severity::Critical:
        return HeatmapModel::tr("critical");
    }
    return {};
}

} // namespace

HeatmapModel::HeatmapModel(QObject* parent) : QAbstractTableModel(parent) {}
HeatmapModel::~HeatmapModel() = default;

void HeatmapModel::clear()
{
    setRun(nullptr);
}

void HeatmapModel::setRun(std::shared_ptr<const AuditRun> run)
{
    beginResetModel();
    m_run = std::move(run);
    m_controlIds.clear();
    m_rows.clear();
    m_status.clear();
    m_resultIdx.clear();
    if (!m_run) {
        endResetModel();
        return;
    }
    const AuditRun& r = *m_run;
    QHash<QString, int> controlIndex;
    for (const ControlDefinition& c : r.controls) {
        controlIndex.insert(c.id, int(m_controlIds.size()));
        m_controlIds.append(c.id);
    }
    const int nc = int(m_controlIds.size());

    // Rows in display order: hosts as in the fleet file, then project (plain containers last), then name.
    QHash<QString, int> hostIndex;
    for (int h = 0; h < r.fleet.hosts.size(); ++h) {
        const HostSnapshot& host = r.fleet.hosts.at(h);
        hostIndex.insert(host.hostName, h);
        if (!host.isOk() && host.containers.isEmpty()) {
            m_rows.push_back(Row{h, -1, {}, -1, 0});
            continue;
        }
        const std::size_t first = m_rows.size();
        for (int c = 0; c < host.containers.size(); ++c)
            m_rows.push_back(Row{h, c, host.containers.at(c).label(kProjectLabel), -1, 0});
        std::sort(m_rows.begin() + std::ptrdiff_t(first), m_rows.end(), [&host](const Row& a, const Row& b) {
            if (a.project.isEmpty() != b.project.isEmpty())
                return b.project.isEmpty();
            if (const int cmp = a.project.compare(b.project); cmp != 0)
                return cmp < 0;
            return host.containers.at(a.container).name < host.containers.at(b.container).name;
        });
    }

    const std::size_t cells = m_rows.size() * std::size_t(nc);
    m_status.assign(cells, qint8(-1));
    m_resultIdx.assign(cells, -1);

    // One pass over the results. Container results go to their row; host and fleet results apply
    // to every row they cover, so a host-wide failure is not hidden behind green container cells.
    QHash<QString, int> rowOfContainerId;
    rowOfContainerId.reserve(qsizetype(m_rows.size()));
    QHash<int, QList<int>> rowsOfHost;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const Row& row = m_rows[std::size_t(i)];
        rowsOfHost[row.host].append(i);
        if (row.container >= 0)
            rowOfContainerId.insert(r.fleet.hosts.at(row.host).containers.at(row.container).id, i);
    }
    auto put = [&](int row, int control, int resultIndex) {
        const std::size_t at = std::size_t(row) * std::size_t(nc) + std::size_t(control);
        const ControlStatus s = r.results.at(resultIndex).status;
        // A container's own verdict wins over a host/fleet one; otherwise the worst wins.
        const qint32 prev = m_resultIdx[at];
        if (prev >= 0) {
            const ControlResult& p = r.results.at(prev);
            const bool newIsContainer = r.results.at(resultIndex).scope == ControlScope::Container;
            const bool prevIsContainer = p.scope == ControlScope::Container;
            if (prevIsContainer && !newIsContainer)
                return;
            if (prevIsContainer == newIsContainer && statusBadness(p.status) >= statusBadness(s))
                return;
        }
        m_resultIdx[at] = resultIndex;
        m_status[at] = qint8(s);
    };
    for (int i = 0; i < r.results.size(); ++i) {
        const ControlResult& res = r.results.at(i);
        const auto ci = controlIndex.constFind(res.controlId);
        if (ci == controlIndex.cend())
            continue;
        switch (res.scope) {
        case ControlScope::Container:
            if (const auto ri = rowOfContainerId.constFind(res.containerId); ri != rowOfContainerId.cend())
                put(*ri, *ci, i);
            break;
        case ControlScope::Host:
            if (const auto hi = hostIndex.constFind(res.hostName); hi != hostIndex.cend())
                for (int row : rowsOfHost.value(*hi))
                    put(row, *ci, i);
            break;
        case ControlScope::Fleet:
            // A host that was not scanned does not inherit fleet-wide passes.
            for (int row = 0; row < int(m_rows.size()); ++row)
                if (m_rows[std::size_t(row)].container >= 0)
                    put(row, *ci, i);
            break;
        }
    }

    // Host rows without containers (the host was not scanned): every container and host control is
    // unknown for them; fleet-wide verdicts were not measured there and stay empty.
    for (int i = 0; i < int(m_rows.size()); ++i) {
        Row& row = m_rows[std::size_t(i)];
        StatusCounts counts;
        for (int c = 0; c < nc; ++c) {
            const std::size_t at = std::size_t(i) * std::size_t(nc) + std::size_t(c);
            if (row.container < 0 && m_status[at] < 0 && r.controls.at(c).scope != ControlScope::Fleet)
                m_status[at] = qint8(ControlStatus::Unknown);
            if (m_status[at] >= 0)
                counts.add(ControlStatus(m_status[at]));
        }
        row.score = scorePercent(counts);
        row.fails = counts.fail;
    }
    endResetModel();
}

int HeatmapModel::columnOfControl(const QString& controlId) const
{
    const int i = int(m_controlIds.indexOf(controlId));
    return i < 0 ? -1 : FirstControlColumn + i;
}

int HeatmapModel::rowOfContainer(const QString& hostName, const QString& containerIdOrName) const
{
    if (!m_run)
        return -1;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const Row& row = m_rows[std::size_t(i)];
        const HostSnapshot& h = m_run->fleet.hosts.at(row.host);
        if (h.hostName != hostName || row.container < 0)
            continue;
        const ContainerSnapshot& c = h.containers.at(row.container);
        if (c.id == containerIdOrName || c.name == containerIdOrName)
            return i;
    }
    return -1;
}

std::optional<ControlStatus> HeatmapModel::statusAt(int row, int controlIndex) const
{
    if (row < 0 || row >= int(m_rows.size()) || controlIndex < 0 || controlIndex >= controlCount())
        return std::nullopt;
    const qint8 s = m_status[std::size_t(row) * std::size_t(controlCount()) + std::size_t(controlIndex)];
    if (s < 0)
        return std::nullopt;
    return ControlStatus(s);
}

const ControlResult* HeatmapModel::resultAt(int row, int controlIndex) const
{
    if (row < 0 || row >= int(m_rows.size()) || controlIndex < 0 || controlIndex >= controlCount())
        return nullptr;
    const qint32 i = m_resultIdx[std::size_t(row) * std::size_t(controlCount()) + std::size_t(controlIndex)];
    return i < 0 ? nullptr : &m_run->results.at(i);
}

const HostSnapshot* HeatmapModel::hostAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return nullptr;
    return &m_run->fleet.hosts.at(m_rows[std::size_t(row)].host);
}

const ContainerSnapshot* HeatmapModel::containerAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()) || m_rows[std::size_t(row)].container < 0)
        return nullptr;
    const Row& r = m_rows[std::size_t(row)];
    return &m_run->fleet.hosts.at(r.host).containers.at(r.container);
}

HeatmapModel::RowKind HeatmapModel::rowKind(int row) const
{
    return containerAt(row) ? RowKind::Container : RowKind::HostProblem;
}

int HeatmapModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HeatmapModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_run ? 0 : FirstControlColumn + controlCount();
}

Qt::ItemFlags HeatmapModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant HeatmapModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int rowNo = index.row();
    const Row& row = m_rows[std::size_t(rowNo)];
    const HostSnapshot& host = m_run->fleet.hosts.at(row.host);
    const ContainerSnapshot* container = row.container >= 0 ? &host.containers.at(row.container) : nullptr;
    const int col = index.column();

    switch (role) {
    case HostNameRole:
        return host.hostName;
    case ProjectRole:
        return row.project;
    case ContainerIdRole:
        return container ? container->id : QString();
    case RowKindRole:
        return int(container ? RowKind::Container : RowKind::HostProblem);
    case ScoreRole:
        return row.score;
    case SearchTextRole:
        return container ? QStringList{host.hostName, row.project, container->name, container->image}.join(QLatin1Char(' '))
                         : host.hostName;
    default:
        break;
    }

    if (col >= FirstControlColumn) {
        const int ci = col - FirstControlColumn;
        const qint8 s = m_status[std::size_t(rowNo) * std::size_t(controlCount()) + std::size_t(ci)];
        switch (role) {
        case StatusRole:
            return s < 0 ? QVariant() : QVariant(int(s));
        case SortRole:
            return s < 0 ? -1 : statusBadness(ControlStatus(s));
        case ControlIdRole:
            return m_controlIds.at(ci);
        case ScopeRole:
            if (const ControlResult* r = resultAt(rowNo, ci))
                return int(r->scope);
            return {};
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            // Screen readers and copy/paste get the word, the painted cell shows glyph and colour.
            return s < 0 ? tr("no result") : statusText(ControlStatus(s));
        case Qt::ToolTipRole:
            return cellToolTip(rowNo, ci);
        default:
            return {};
        }
    }

    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (col) {
        case HostColumn:
            return host.hostName;
        case ProjectColumn:
            return row.project;
        case ContainerColumn:
            return container ? container->name : tr("(%1)").arg(hostStatusText(host.status));
        case ScoreColumn:
            return row.score < 0 ? QStringLiteral("—") : tr("%1 %").arg(row.score);
        }
        return {};
    case SortRole:
        switch (col) {
        case HostColumn:
            return row.host;
        case ProjectColumn:
            return row.project;
        case ContainerColumn:
            return container ? container->name : QString();
        case ScoreColumn:
            return row.score;
        }
        return {};
    case Qt::ToolTipRole:
        if (col == HostColumn && !host.isOk())
            return host.error;
        return col == ContainerColumn || col == ScoreColumn ? containerToolTip(rowNo) : QVariant();
    case Qt::TextAlignmentRole:
        return col == ScoreColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case Qt::DecorationRole:
        if (col == HostColumn)
            return hostBadgeIcon(host.status);
        return {};
    default:
        return {};
    }
}

QString HeatmapModel::containerToolTip(int row) const
{
    const HostSnapshot* h = hostAt(row);
    const ContainerSnapshot* c = containerAt(row);
    if (!c)
        return QStringLiteral("<b>%1</b>: %2<br>%3")
            .arg(esc(h->hostName), esc(hostStatusText(h->status)), esc(h->error));
    const Row& r = m_rows[std::size_t(row)];
    return tr("<b>%1</b> on %2<br>Image: %3<br>State: %4<br>ID: %5<br>Failed controls: %6")
        .arg(esc(c->name), esc(h->hostName), esc(c->image), esc(c->status.isEmpty() ? c->state : c->status),
             esc(c->id.left(12)))
        .arg(r.fails);
}

QString HeatmapModel::cellToolTip(int row, int controlIndex) const
{
    const ControlDefinition& def = m_run->controls.at(controlIndex);
    const HostSnapshot* h = hostAt(row);
    const ContainerSnapshot* c = containerAt(row);
    QString tip = QStringLiteral("<b>%1</b> — %2<br>").arg(esc(def.id), esc(def.title));
    tip += tr("Subject: %1").arg(esc(c ? c->name + QLatin1String(" @ ") + h->hostName : h->hostName)) + QStringLiteral("<br>");
    const ControlResult* r = resultAt(row, controlIndex);
    if (!r) {
        const auto s = statusAt(row, controlIndex);
        if (s && !c)
            return tip + tr("Status: %1 — the host was not scanned: %2").arg(statusText(*s), esc(h->error));
        return tip + tr("No result for this control.");
    }
    tip += tr("Status: <b>%1 %2</b> (severity %3)").arg(statusGlyph(r->status), statusText(r->status), severityText(r->severity));
    if (r->scope != ControlScope::Container)
        tip += QLatin1Char(' ') + (r->scope == ControlScope::Host ? tr("— host-wide verdict") : tr("— fleet-wide verdict"));
    if (!r->evidence.isEmpty())
        tip += QStringLiteral("<br>") + tr("Evidence: %1").arg(QStringLiteral("<code>%1</code>").arg(esc(r->evidence)));
    if (!r->reason.isEmpty())
        tip += QStringLiteral("<br>") + tr("Reason: %1").arg(esc(r->reason));
    if (!r->waiverReason.isEmpty())
        tip += QStringLiteral("<br>") + tr("Waiver: %1 (expires %2)")
                   .arg(esc(r->waiverReason), QLocale().toString(r->waiverExpires.toLocalTime(), QLocale::ShortFormat));
    if (!r->remediation.isEmpty() && r->status == ControlStatus::Fail)
        tip += QStringLiteral("<br>") + tr("Fix: %1").arg(esc(r->remediation));
    if (!r->note.isEmpty())
        tip += QStringLiteral("<br><i>%1</i>").arg(esc(r->note));
    return tip;
}

QVariant HeatmapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (section >= FirstControlColumn) {
        const ControlDefinition& def = m_run->controls.at(section - FirstControlColumn);
        if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
            return def.id;
        if (role == Qt::ToolTipRole)
            return QStringLiteral("<b>%1</b> — %2<br>%3").arg(esc(def.id), esc(def.title), esc(def.requirement));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case HostColumn:
        return tr("Host");
    case ProjectColumn:
        return tr("Project");
    case ContainerColumn:
        return tr("Container");
    case ScoreColumn:
        return tr("Score");
    }
    return {};
}

} // namespace bulwark::ui
