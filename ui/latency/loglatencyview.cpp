// SPDX-License-Identifier: GPL-3.0-or-later
#include "loglatencyview.h"

#include "telemetry/lokiprobe.h"

#include "latencystats.h"
#include "style/statusstyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QSplitter>
#include <QCursor>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

namespace bulwark::ui {
namespace {
constexpr double kMissRow = 1.08; // misses sit just above the axis' data range, as a fraction of its top

void themeChart(QChart* chart, const QPalette& pal)
{
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    const bool dark = isDarkPalette(pal.color(QPalette::Window));
    for (QAbstractAxis* a : chart->axes()) {
        a->setLabelsColor(pal.color(QPalette::Text));
        a->setTitleBrush(pal.color(QPalette::Text));
        a->setGridLineColor(dark ? QColor(0x44, 0x44, 0x44) : QColor(0xE0, 0xE0, 0xE0));
    }
}
} // namespace

LogLatencyView::LogLatencyView(QWidget* parent)
    : QWidget(parent)
    , m_headline(new QLabel(this))
{
    setAccessibleName(tr("Log latency"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true);

    auto* time = new QChart;
    time->setAnimationOptions(QChart::NoAnimation);
    time->setMargins(QMargins(4, 4, 4, 4));
    time->legend()->setAlignment(Qt::AlignBottom);
    m_x = new QDateTimeAxis;
    m_x->setFormat(QStringLiteral("HH:mm"));
    m_x->setTickCount(7);
    m_y = new QValueAxis;
    m_y->setTitleText(tr("seconds"));
    m_y->setLabelFormat(QStringLiteral("%.1f"));
    time->addAxis(m_x, Qt::AlignBottom);
    time->addAxis(m_y, Qt::AlignLeft);

    m_arrived = new QScatterSeries;
    m_arrived->setName(tr("Probe latency"));
    m_arrived->setMarkerSize(8);
    m_arrived->setColor(QColor(0x00, 0x72, 0xB2));
    m_arrived->setBorderColor(QColor(0x00, 0x72, 0xB2).darker(130));
    m_missed = new QScatterSeries;
    m_missed->setName(tr("Missed"));
    m_missed->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_missed->setMarkerSize(11);
    m_missed->setColor(QColor(0xD5, 0x5E, 0x00));
    m_missed->setBorderColor(Qt::black);
    auto line = [](const QString& name, const QColor& c, Qt::PenStyle style) {
        auto* s = new QLineSeries;
        s->setName(name);
        s->setPen(QPen(c, 2, style));
        return s;
    };
    m_p95 = line(tr("p95"), QColor(0x00, 0x9E, 0x73), Qt::SolidLine);
    m_slo2 = line(tr("NFR-OBS-01: 2 s"), QColor(0xE6, 0x9F, 0x00), Qt::DashLine);
    m_slo5 = line(tr("AC-HARD-03: 5 s"), QColor(0xCC, 0x79, 0xA7), Qt::DashDotLine);
    for (QXYSeries* s : std::initializer_list<QXYSeries*>{m_slo2, m_slo5, m_p95, m_arrived, m_missed}) {
        time->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    connect(m_arrived, &QScatterSeries::hovered, this, [this](const QPointF& p, bool state) {
        if (state)
            QToolTip::showText(QCursor::pos(),
                               tr("%1\n%2 s").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(p.x())), QLocale::ShortFormat))
                                   .arg(p.y(), 0, 'f', 2),
                               this);
    });
    m_timeView = new QChartView(time, this);
    m_timeView->setRenderHint(QPainter::Antialiasing);
    m_timeView->setAccessibleName(tr("Latency over time"));

    auto* hist = new QChart;
    hist->setAnimationOptions(QChart::NoAnimation);
    hist->setMargins(QMargins(4, 4, 4, 4));
    hist->legend()->hide();
    hist->setTitle(tr("Distribution (seconds)"));
    auto* bars = new QBarSeries;
    m_bars = new QBarSet(tr("Probes"));
    m_bars->setColor(QColor(0x00, 0x72, 0xB2));
    bars->append(m_bars);
    bars->setBarWidth(0.9);
    hist->addSeries(bars);
    m_histX = new QBarCategoryAxis;
    m_histY = new QValueAxis;
    m_histY->setLabelFormat(QStringLiteral("%d"));
    m_histY->setTitleText(tr("probes"));
    // Each bar is labelled with where its bucket starts (a range per bar does not fit and elides).
    m_histX->setTitleText(tr("seconds (bucket start)"));
    hist->addAxis(m_histX, Qt::AlignBottom);
    hist->addAxis(m_histY, Qt::AlignLeft);
    bars->attachAxis(m_histX);
    bars->attachAxis(m_histY);
    m_histView = new QChartView(hist, this);
    m_histView->setRenderHint(QPainter::Antialiasing);
    m_histView->setAccessibleName(tr("Latency histogram"));

    // One above the other: side by side, with both docks open, neither chart had the width for its
    // axis labels and legend.
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_timeView);
    split->addWidget(m_histView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    m_timeView->setMinimumHeight(240);
    m_histView->setMinimumHeight(180);
    split->setSizes({600, 400});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(split, 1);
    themeChart(time, palette());
    themeChart(hist, palette());
    setSummary(std::nullopt);
}

void LogLatencyView::setSummary(const std::optional<LogLatencySummary>& summary)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 from = summary && summary->windowStart.isValid() ? summary->windowStart.toMSecsSinceEpoch() : now - 3600 * 1000;
    qint64 to = summary && summary->windowEnd.isValid() ? summary->windowEnd.toMSecsSinceEpoch() : now;
    QList<LatencyProbe> probes = summary ? summary->probes : QList<LatencyProbe>();
    for (const LatencyProbe& p : probes) {
        from = std::min(from, p.emittedMs);
        to = std::max(to, p.emittedMs);
    }
    double top = 6.0; // always show both objectives
    for (const LatencyProbe& p : probes)
        if (!p.missed && p.latencyMs >= 0)
            top = std::max(top, double(p.latencyMs) / 1000.0 * 1.1);
    QList<QPointF> arrived;
    QList<QPointF> missed;
    for (const LatencyProbe& p : probes) {
        if (p.missed || p.latencyMs < 0)
            missed.append(QPointF(double(p.emittedMs), top));
        else
            arrived.append(QPointF(double(p.emittedMs), double(p.latencyMs) / 1000.0));
    }
    m_arrived->replace(arrived);
    m_missed->replace(missed);
    const double p95 = summary && summary->p95Ms > 0 ? summary->p95Ms : latencyPercentile(probes, 0.95);
    auto flat = [from, to](QLineSeries* s, double y) {
        s->replace(y >= 0 ? QList<QPointF>{QPointF(double(from), y), QPointF(double(to), y)} : QList<QPointF>());
    };
    flat(m_p95, p95 >= 0 ? p95 / 1000.0 : -1);
    flat(m_slo2, 2.0);
    flat(m_slo5, 5.0);
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(to));
    m_x->setFormat(to - from > 2 * 24 * 3600 * 1000LL ? QStringLiteral("dd MMM") : QStringLiteral("HH:mm"));
    m_y->setRange(0, top * kMissRow);

    const QList<HistogramBucket> buckets = latencyHistogram(probes);
    QStringList categories;
    QList<qreal> counts;
    int maxCount = 1;
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        const bool last = i == buckets.size() - 1;
        categories << (last ? bucketLabel(buckets.at(i), true) : QLocale::c().toString(double(buckets.at(i).fromMs) / 1000.0, 'g', 3));
        counts << buckets.at(i).count;
        maxCount = std::max(maxCount, buckets.at(i).count);
    }
    m_histX->clear();
    m_histX->append(categories);
    m_bars->remove(0, m_bars->count());
    m_bars->append(counts);
    m_histY->setRange(0, maxCount + 1);
    m_histY->setTickCount(std::min(maxCount + 2, 6));

    if (!summary || probes.isEmpty()) {
        m_timeView->chart()->setTitle(tr("No log-latency probes yet: add a loki section to the fleet file and run an audit"));
        m_headline->setText(tr("<b>Log ingestion latency</b> — no data"));
        return;
    }
    m_timeView->chart()->setTitle(QString());
    // The verdicts exactly as the audit judges them (a miss fails both), so the headline never
    // contradicts the heatmap's NFR-OBS-01 and AC-HARD-03 cells.
    const bool p95ok = nfrObs01Passes(*summary);
    const bool maxOk = acHard03Passes(*summary);
    auto verdict = [](bool ok) {
        return QStringLiteral("%1 %2").arg(statusGlyph(ok ? ControlStatus::Pass : ControlStatus::Fail),
                                           statusText(ok ? ControlStatus::Pass : ControlStatus::Fail));
    };
    m_headline->setText(tr("<b>Log ingestion latency</b> — %1 probes, %2 missed · p50 %3 s · p95 <b>%4 s</b> (NFR-OBS-01: %5) · "
                           "max %6 s (AC-HARD-03: %7)")
                            .arg(summary->samples + summary->misses) // every probe sent
                            .arg(summary->misses)
                            .arg(summary->p50Ms / 1000.0, 0, 'f', 2)
                            .arg(p95 / 1000.0, 0, 'f', 2)
                            .arg(verdict(p95ok))
                            .arg(summary->maxMs / 1000.0, 0, 'f', 2)
                            .arg(verdict(maxOk)));
}

QStringList LogLatencyView::histogramLabels() const
{
    return m_histX->categories();
}

int LogLatencyView::histogramWidth() const
{
    return m_histView->width();
}

int LogLatencyView::arrivedCount() const
{
    return int(m_arrived->count());
}

int LogLatencyView::missedCount() const
{
    return int(m_missed->count());
}

double LogLatencyView::p95Line() const
{
    return m_p95->count() > 0 ? m_p95->at(0).y() : -1;
}

QList<int> LogLatencyView::histogramCounts() const
{
    QList<int> out;
    for (int i = 0; i < m_bars->count(); ++i)
        out << int(m_bars->at(i));
    return out;
}

} // namespace bulwark::ui
