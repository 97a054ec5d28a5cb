// SPDX-License-Identifier: GPL-3.0-or-later
#include "containerdetailpane.h"

#include "containerfactsmodel.h"
#include "model/statuscounts.h"
#include "resultlistmodel.h"
#include "style/statusstyle.h"
#include "trends/memorychart.h"
#include "trends/memoryhistory.h"
#include "trends/memorytrendsview.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

namespace bulwark::ui {

ContainerDetailPane::ContainerDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_results(new ResultListModel(this))
    , m_facts(new ContainerFactsModel(this))
    , m_resultView(new QTableView(this))
    , m_factView(new QTreeView(this))
    , m_memory(new MemoryChartView(this))
    , m_fix(new QPushButton(tr("Show &fix…"), this))
{
    setAccessibleName(tr("Container detail"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_resultView->setModel(m_results);
    m_resultView->setAccessibleName(tr("Results of this container"));
    m_resultView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_resultView->setWordWrap(false);
    m_resultView->verticalHeader()->hide();
    m_resultView->horizontalHeader()->setStretchLastSection(true);
    m_resultView->horizontalHeader()->setSectionResizeMode(ResultListModel::ControlColumn, QHeaderView::ResizeToContents);
    m_resultView->horizontalHeader()->setSectionResizeMode(ResultListModel::StatusColumn, QHeaderView::ResizeToContents);
    m_resultView->setColumnWidth(ResultListModel::EvidenceColumn, 260);
    m_resultView->verticalHeader()->setDefaultSectionSize(m_resultView->fontMetrics().height() + 8);

    m_factView->setModel(m_facts);
    m_factView->setAccessibleName(tr("Labels, mounts, networks and ports"));
    m_factView->setUniformRowHeights(true);
    // Keys get a fixed share so long label keys cannot push the values out of sight; values stretch.
    m_factView->setIndentation(14);
    m_factView->header()->setStretchLastSection(true);
    m_factView->header()->setSectionResizeMode(ContainerFactsModel::KeyColumn, QHeaderView::Interactive);
    m_factView->setColumnWidth(ContainerFactsModel::KeyColumn,
                               m_factView->fontMetrics().horizontalAdvance(tr("PID / IPC / network mode")) + 3 * 14 + 8);

    m_memory->setMinimumHeight(170);
    m_memory->setCompact(true);
    m_fix->setToolTip(tr("Preview the compose change that fixes the failing controls"));
    m_fix->setAccessibleName(tr("Show fix"));
    m_fix->setEnabled(false);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_resultView);
    split->addWidget(m_factView);
    split->addWidget(m_memory);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_fix);
    layout->addLayout(buttons);

    connect(m_fix, &QPushButton::clicked, this, [this] {
        QStringList failing;
        for (const ControlResult& r : m_results->results())
            if (r.status == ControlStatus::Fail && r.scope == ControlScope::Container)
                failing << r.controlId;
        emit showFixRequested(m_host, m_containerId, failing);
    });
    clear();
}

void ContainerDetailPane::setHistory(MemoryHistory* history)
{
    m_history = history;
}

void ContainerDetailPane::clear()
{
    m_run.reset();
    m_host.clear();
    m_containerId.clear();
    m_results->setResults({}, {});
    m_facts->clear();
    m_fix->setEnabled(false);
    m_title->setText(tr("<i>Select a container in the heatmap to see its evidence.</i>"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_memory->setData(MemorySeries{}, MemoryCeilings{}, now - rangeMs(TimeRange::Day), now);
    m_memory->setPlaceholder(QString());
}

void ContainerDetailPane::showContainer(const std::shared_ptr<const AuditRun>& run, const QString& hostName,
                                        const QString& containerId)
{
    const HostSnapshot* host = nullptr;
    const ContainerSnapshot* container = nullptr;
    if (run)
        for (const HostSnapshot& h : run->fleet.hosts)
            if (h.hostName == hostName) {
                host = &h;
                container = h.findContainer(containerId);
            }
    if (!container) {
        clear();
        return;
    }
    m_run = run;
    m_host = hostName;
    m_containerId = container->id;

    QList<ControlResult> mine;
    for (const ControlResult& r : run->results) {
        const bool own = r.scope == ControlScope::Container && r.containerId == container->id;
        const bool hostWide = r.scope == ControlScope::Host && r.hostName == hostName;
        if (own || hostWide || r.scope == ControlScope::Fleet)
            mine.append(r);
    }
    const StatusCounts counts = countStatuses(mine);
    m_results->setResults(mine, run->controls);
    m_facts->setContainer(*container);
    m_factView->expandToDepth(0);
    m_fix->setEnabled(counts.fail > 0);

    const int score = scorePercent(counts);
    const bool dark = isDarkPalette(palette().color(QPalette::Window));
    m_title->setText(tr("<b style='font-size:large'>%1</b> on %2<br>%3 · %4 · score <b style='color:%5'>%6</b> · %7 failed")
                         .arg(container->name.toHtmlEscaped(), host->hostName.toHtmlEscaped(), container->image.toHtmlEscaped(),
                              container->state.toHtmlEscaped(), scoreColor(score, dark).name(),
                              score < 0 ? QStringLiteral("—") : tr("%1 %").arg(score))
                         .arg(counts.fail));

    const quint64 generation = ++m_generation;
    const qint64 now = run->generatedAt.isValid() ? run->generatedAt.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - rangeMs(TimeRange::Day);
    const MemoryCeilings ceilings = ceilingsFor(*run, hostName, container->id);
    if (!m_history) {
        m_memory->setData(MemorySeries{}, ceilings, from, now);
        return;
    }
    m_history->memorySeries(hostName, container->id, from, now)
        .then(this, [this, generation, ceilings, from, now](const Result<MemorySeries>& result) {
            if (generation != m_generation)
                return;
            m_memory->setData(result ? *result : MemorySeries{}, ceilings, from, now);
            if (!result)
                m_memory->setPlaceholder(result.errorMessage());
            emit memoryShown();
        });
}

} // namespace bulwark::ui
