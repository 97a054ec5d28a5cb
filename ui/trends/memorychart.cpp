// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorychart.h"

#include "style/statusstyle.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QCursor>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace bulwark::ui {

double bytesToMiB(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

double memoryAxisMaxMiB(const MemorySeries& series, const MemoryCeilings& ceilings)
{
    qint64 top = std::max({ceilings.containerLimitBytes, ceilings.templateCeilingBytes, ceilings.hostShareBytes});
    for (const MemoryPoint& p : series.points)
        top = std::max({top, p.maxBytes, p.avgBytes});
    const double mib = bytesToMiB(top) * 1.1;
    if (mib <= 0)
        return 64;
    // Round up to 1, 2 or 5 × 10^n.
    const double mag = std::pow(10.0, std::floor(std::log10(mib)));
    for (const double step : {1.0, 2.0, 5.0, 10.0})
        if (mib <= step * mag)
            return step * mag;
    return 10 * mag;
}

MemoryChartView::MemoryChartView(QWidget* parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Memory chart"));
    auto* chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation);
    setChart(chart);

    m_x = new QDateTimeAxis;
    m_x->setTickCount(6);
    m_y = new QValueAxis;
    m_y->setTitleText(tr("MiB"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);

    auto add = [&](QLineSeries*& s, const QString& name, const QColor& colour, Qt::PenStyle style, qreal width) {
        s = new QLineSeries;
        s->setName(name);
        s->setPen(QPen(colour, width, style));
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        connect(s, &QLineSeries::hovered, this, &MemoryChartView::showValue);
    };
    add(m_usage, tr("Usage"), QColor(0x00, 0x72, 0xB2), Qt::SolidLine, 2);
    add(m_peak, tr("Peak"), QColor(0x56, 0xB4, 0xE9), Qt::DotLine, 1);
    add(m_limit, tr("Container limit"), QColor(0xD5, 0x5E, 0x00), Qt::DashLine, 1.5);
    add(m_template, tr("2 GiB template ceiling"), QColor(0xCC, 0x79, 0xA7), Qt::DashDotLine, 1.5);
    add(m_hostShare, tr("20 % of host memory"), QColor(0xE6, 0x9F, 0x00), Qt::DashDotDotLine, 1.5);
    applyTheme();
}

int MemoryChartView::pointCount() const
{
    return int(m_usage->count());
}

void MemoryChartView::setCompact(bool compact)
{
    chart()->legend()->setVisible(!compact);
    m_y->setTitleText(compact ? QString() : tr("MiB"));
    m_y->setLabelFormat(compact ? QStringLiteral("%.0f MiB") : QStringLiteral("%.0f"));
    m_x->setTickCount(compact ? 3 : 6);
    setToolTip(compact ? tr("Memory over 24 h: usage (solid), container limit (dashed), 2 GiB template ceiling "
                            "(dash-dot), 20 % of host memory (dash-dot-dot)")
                       : QString());
}

void MemoryChartView::setPlaceholder(const QString& text)
{
    chart()->setTitle(text);
}

void MemoryChartView::setData(const MemorySeries& series, const MemoryCeilings& ceilings, qint64 fromMs, qint64 toMs)
{
    QList<QPointF> usage;
    QList<QPointF> peak;
    usage.reserve(series.points.size());
    peak.reserve(series.points.size());
    for (const MemoryPoint& p : series.points) {
        usage.append(QPointF(double(p.timestampMs), bytesToMiB(p.avgBytes)));
        peak.append(QPointF(double(p.timestampMs), bytesToMiB(p.maxBytes)));
    }
    m_usage->replace(usage);
    // The peak line only says something when points fold several samples.
    const bool folded = std::any_of(series.points.cbegin(), series.points.cend(), [](const MemoryPoint& p) { return p.count > 1; });
    m_peak->replace(folded ? peak : QList<QPointF>());
    auto flat = [fromMs, toMs](QLineSeries* s, qint64 bytes) {
        s->replace(bytes > 0 ? QList<QPointF>{QPointF(double(fromMs), bytesToMiB(bytes)), QPointF(double(toMs), bytesToMiB(bytes))}
                             : QList<QPointF>());
    };
    flat(m_limit, ceilings.containerLimitBytes);
    flat(m_template, ceilings.templateCeilingBytes);
    flat(m_hostShare, ceilings.hostShareBytes);
    // Hiding legend markers leaves QLegend's layout stale (later entries vanish or land on the axis), so
    // lines without data leave the chart instead; they are re-added in a fixed order to keep the legend stable.
    for (QLineSeries* s : {m_peak, m_limit, m_template, m_hostShare})
        if (chart()->series().contains(s)) {
            chart()->removeSeries(s);
            s->setParent(this); // removeSeries hands ownership back
        }
    for (QLineSeries* s : {m_peak, m_limit, m_template, m_hostShare})
        if (s->count() > 0) {
            chart()->addSeries(s);
            s->attachAxis(m_x);
            s->attachAxis(m_y);
        }
    chart()->legend()->setLabelColor(palette().color(QPalette::Text));
    if (chart()->legend()->isVisible()) {
        // QLegend does not lay itself out again after series come and go; re-showing it does.
        chart()->legend()->hide();
        chart()->legend()->show();
    }

    m_x->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    const qint64 span = toMs - fromMs;
    m_x->setFormat(span <= 2LL * 3600 * 1000 ? QStringLiteral("HH:mm")
                   : span <= 2LL * 24 * 3600 * 1000 ? QStringLiteral("ddd HH:mm")
                                                     : QStringLiteral("dd MMM"));
    m_y->setRange(0, memoryAxisMaxMiB(series, ceilings));
    chart()->setTitle(series.points.isEmpty() ? tr("No memory history in this range yet") : QString());
}

void MemoryChartView::showValue(const QPointF& point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(point.x()));
    QToolTip::showText(QCursor::pos(), tr("%1\n%2 MiB").arg(QLocale().toString(t, QLocale::ShortFormat)).arg(point.y(), 0, 'f', 1),
                       this);
}

void MemoryChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void MemoryChartView::applyTheme()
{
    // Follow the widget palette so the chart matches light and dark desktops.
    const bool dark = isDarkPalette(palette().color(QPalette::Window));
    chart()->setBackgroundBrush(palette().color(QPalette::Base));
    chart()->setTitleBrush(palette().color(QPalette::Text));
    chart()->legend()->setLabelColor(palette().color(QPalette::Text));
    for (QAbstractAxis* a : {static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_y)}) {
        a->setLabelsColor(palette().color(QPalette::Text));
        a->setTitleBrush(palette().color(QPalette::Text));
        a->setGridLineColor(dark ? QColor(0x44, 0x44, 0x44) : QColor(0xE0, 0xE0, 0xE0));
    }
}

} // namespace bulwark::ui
