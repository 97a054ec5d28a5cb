// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorytrendsview.h"

#include "memoryhistory.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace bulwark::ui {

qint64 rangeMs(TimeRange range)
{
    constexpr qint64 hour = 3600LL * 1000;
    switch (range) {
    case TimeRange::Hour:
        return hour;
    case TimeRange::Day:
        return 24 * hour;
    case TimeRange::Week:
        return 7 * 24 * hour;
    case TimeRange::Month:
        return 30 * 24 * hour;
    }
    return 24 * hour;
}

MemoryCeilings ceilingsFor(const AuditRun& run, const QString& hostName, const QString& containerId)
{
    MemoryCeilings c;
    double fraction = 0.2;
    qint64 templateCeiling = 2LL * 1024 * 1024 * 1024;
    for (const ControlDefinition& d : run.controls) {
        if (d.id == QLatin1String("REQ-HARD-02") && d.parameters.contains(QStringLiteral("idleMemoryFraction")))
            fraction = d.parameters.value(QStringLiteral("idleMemoryFraction")).toDouble();
        if (d.id == QLatin1String("AC-HARD-02") && d.parameters.contains(QStringLiteral("ceilingBytes")))
            templateCeiling = d.parameters.value(QStringLiteral("ceilingBytes")).toLongLong();
    }
    for (const HostSnapshot& h : run.fleet.hosts) {
        if (h.hostName != hostName)
            continue;
        c.hostShareBytes = h.engine.memTotalBytes > 0 ? qint64(double(h.engine.memTotalBytes) * fraction) : 0;
        if (containerId.isEmpty())
            return c;
        c.templateCeilingBytes = templateCeiling;
        if (const ContainerSnapshot* ct = h.findContainer(containerId))
            c.containerLimitBytes = ct->memoryLimitBytes;
        return c;
    }
    return c;
}

MemoryTrendsView::MemoryTrendsView(QWidget* parent)
    : QWidget(parent)
    , m_host(new QComboBox(this))
    , m_container(new QComboBox(this))
    , m_ranges(new QButtonGroup(this))
    , m_summary(new QLabel(this))
    , m_chart(new MemoryChartView(this))
{
    setAccessibleName(tr("Memory trends"));
    m_host->setAccessibleName(tr("Host"));
    m_container->setAccessibleName(tr("Container"));
    m_container->setMinimumContentsLength(24);
    m_container->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    auto* bar = new QHBoxLayout;
    auto* hostLabel = new QLabel(tr("&Host:"), this);
    hostLabel->setBuddy(m_host);
    auto* containerLabel = new QLabel(tr("C&ontainer:"), this);
    containerLabel->setBuddy(m_container);
    bar->addWidget(hostLabel);
    bar->addWidget(m_host);
    bar->addSpacing(12);
    bar->addWidget(containerLabel);
    bar->addWidget(m_container, 1);
    bar->addSpacing(12);
    const std::array<std::pair<TimeRange, QString>, 4> ranges{{{TimeRange::Hour, tr("1 h")},
                                                               {TimeRange::Day, tr("24 h")},
                                                               {TimeRange::Week, tr("7 d")},
                                                               {TimeRange::Month, tr("30 d")}}};
    for (const auto& [range, text] : ranges) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setAccessibleName(tr("Show the last %1").arg(text));
        b->setToolTip(tr("Show the last %1").arg(text));
        m_ranges->addButton(b, int(range));
        bar->addWidget(b);
    }
    m_ranges->button(int(m_range))->setChecked(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_summary);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_host, &QComboBox::currentIndexChanged, this, [this] {
        fillContainers();
        refresh();
    });
    connect(m_container, &QComboBox::currentIndexChanged, this, &MemoryTrendsView::refresh);
    connect(m_ranges, &QButtonGroup::idClicked, this, [this](int id) { setRange(TimeRange(id)); });
}

void MemoryTrendsView::setHistory(MemoryHistory* history)
{
    m_history = history;
    m_catalog.clear();
    fillHosts();
    refresh();
    reloadCatalog();
}

QString MemoryTrendsView::hostName() const
{
    return m_host->currentData().toString();
}

QString MemoryTrendsView::containerId() const
{
    return m_container->currentData().toString();
}

void MemoryTrendsView::reloadCatalog()
{
    if (!m_history)
        return;
    const quint64 generation = ++m_catalogGeneration;
    m_history->series().then(this, [this, generation](const Result<QList<SeriesInfo>>& result) {
        if (generation != m_catalogGeneration || !result)
            return; // a failing history shows its error on the chart's own query
        m_catalog = *result;
        const QString host = hostName();
        const QString container = containerId();
        fillHosts();
        // Only a new selection needs a new query: the catalogue rarely changes what is shown.
        {
            const QSignalBlocker block(m_host);
            const int h = m_host->findData(host);
            m_host->setCurrentIndex(h >= 0 ? h : 0);
        }
        fillContainers();
        {
            const QSignalBlocker block(m_container);
            const int c = m_container->findData(container);
            m_container->setCurrentIndex(c >= 0 ? c : 0);
        }
        if (hostName() != host || containerId() != container)
            refresh();
        emit catalogueLoaded();
    });
}

void MemoryTrendsView::setNow(qint64 nowMs)
{
    m_nowMs = nowMs;
}

void MemoryTrendsView::setRun(std::shared_ptr<const AuditRun> run)
{
    const QString host = m_host->currentData().toString();
    const QString container = m_container->currentData().toString();
    m_run = std::move(run);
    fillHosts();
    select(host, container);
    reloadCatalog();
}

void MemoryTrendsView::fillHosts()
{
    const QSignalBlocker block(m_host);
    m_host->clear();
    if (m_run)
        for (const HostSnapshot& h : m_run->fleet.hosts)
            if (h.isOk())
                m_host->addItem(h.hostName, h.hostName);
    QStringList historyOnly;
    for (const SeriesInfo& s : std::as_const(m_catalog))
        if (m_host->findData(s.hostName) < 0 && !historyOnly.contains(s.hostName))
            historyOnly << s.hostName;
    historyOnly.sort();
    for (const QString& h : std::as_const(historyOnly))
        m_host->addItem(h, h);
    fillContainers();
}

void MemoryTrendsView::fillContainers()
{
    const QSignalBlocker block(m_container);
    m_container->clear();
    m_container->addItem(tr("All containers (host total)"), QString());
    const QString host = m_host->currentData().toString();
    if (m_run)
        for (const HostSnapshot& h : m_run->fleet.hosts)
            if (h.hostName == host)
                for (const ContainerSnapshot& c : h.containers)
                    m_container->addItem(c.name, c.id);
    // Containers gone since (or never in this session's audits) still have their history.
    QList<const SeriesInfo*> historyOnly;
    for (const SeriesInfo& s : std::as_const(m_catalog))
        if (s.hostName == host && !s.containerId.isEmpty() && m_container->findData(s.containerId) < 0)
            historyOnly << &s;
    std::sort(historyOnly.begin(), historyOnly.end(),
              [](const SeriesInfo* a, const SeriesInfo* b) { return a->containerName < b->containerName; });
    for (const SeriesInfo* s : std::as_const(historyOnly))
        m_container->addItem(s->containerName.isEmpty() ? s->containerId.left(12) : s->containerName, s->containerId);
}

void MemoryTrendsView::select(const QString& hostName, const QString& containerId)
{
    {
        const QSignalBlocker block(m_host);
        const int h = m_host->findData(hostName);
        m_host->setCurrentIndex(h >= 0 ? h : 0);
    }
    fillContainers();
    {
        const QSignalBlocker block(m_container);
        const int c = m_container->findData(containerId);
        m_container->setCurrentIndex(c >= 0 ? c : 0);
    }
    refresh();
}

void MemoryTrendsView::setRange(TimeRange range)
{
    m_range = range;
    if (QAbstractButton* b = m_ranges->button(int(range)))
        b->setChecked(true);
    refresh();
}

void MemoryTrendsView::refresh()
{
    const quint64 generation = ++m_generation;
    const QString host = m_host->currentData().toString();
    const QString container = m_container->currentData().toString();
    const qint64 to = m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 from = to - rangeMs(m_range);
    if (!m_history || host.isEmpty()) {
        m_chart->setData(MemorySeries{}, MemoryCeilings{}, from, to);
        m_chart->setPlaceholder(tr("Run an audit to see memory trends"));
        m_summary->clear();
        return;
    }
    const MemoryCeilings ceilings = m_run ? ceilingsFor(*m_run, host, container) : MemoryCeilings{};
    m_history->memorySeries(host, container, from, to)
        .then(this, [this, generation, ceilings, from, to](const Result<MemorySeries>& result) {
            if (generation != m_generation)
                return; // the selection moved on while the query ran
            if (!result) {
                m_chart->setData(MemorySeries{}, ceilings, from, to);
                m_chart->setPlaceholder(result.errorMessage());
                m_summary->setText(result.errorMessage());
                emit dataShown();
                return;
            }
            const MemorySeries& s = *result;
            m_chart->setData(s, ceilings, from, to);
            qint64 peak = 0;
            for (const MemoryPoint& p : s.points)
                peak = std::max(peak, p.maxBytes);
            QStringList parts;
            if (!s.points.isEmpty())
                parts << tr("Latest %1, peak %2").arg(formatBytes(s.points.constLast().avgBytes), formatBytes(peak));
            if (ceilings.containerLimitBytes > 0)
                parts << tr("limit %1").arg(formatBytes(ceilings.containerLimitBytes));
            if (ceilings.hostShareBytes > 0)
                parts << tr("20 % of host %1").arg(formatBytes(ceilings.hostShareBytes));
            m_summary->setText(parts.join(QStringLiteral(" · ")));
            emit dataShown();
        });
}

} // namespace bulwark::ui
