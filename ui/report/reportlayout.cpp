// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportlayout.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace bulwark::report::layout {

QString pageLabel(int page, int pageCount)
{
    return QStringLiteral("Page %1 of %2").arg(page).arg(pageCount);
}

StatusStyle statusStyle(ControlStatus status)
{
    // Colours are distinct in hue and lightness (readable when printed grey); each has a glyph too.
    switch (status) {
    case ControlStatus::Pass:
        return {QColor(0x2e, 0x7d, 0x32), QColor(Qt::white), QColor(0x1b, 0x5e, 0x20), QStringLiteral("\u2713"),
                QStringLiteral("Pass")};
    case ControlStatus::Fail:
        return {QColor(0xc6, 0x28, 0x28), QColor(Qt::white), QColor(0xb7, 0x1c, 0x1c), QStringLiteral("\u2717"),
                QStringLiteral("Fail")};
    case ControlStatus::Waived:
        return {QColor(0xf2, 0xb1, 0x34), QColor(0x3e, 0x27, 0x00), QColor(0x8a, 0x5a, 0x00), QStringLiteral("W"),
                QStringLiteral("Waived")};
    case ControlStatus::Unknown:
        return {QColor(0x75, 0x75, 0x75), QColor(Qt::white), QColor(0x42, 0x42, 0x42), QStringLiteral("?"),
                QStringLiteral("Unknown")};
    case ControlStatus::NotApplicable:
        return {QColor(0xe0, 0xe0, 0xe0), QColor(0x61, 0x61, 0x61), QColor(0x61, 0x61, 0x61), QStringLiteral("\u2013"),
                QStringLiteral("N/A")};
    }
    return noResultStyle();
}

StatusStyle noResultStyle()
{
    return {QColor(0xfa, 0xfa, 0xfa), QColor(0xbd, 0xbd, 0xbd), QColor(0x9e, 0x9e, 0x9e), QStringLiteral("\u00b7"),
            QStringLiteral("No verdict")};
}

QColor severityColor(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return QColor(0x45, 0x5a, 0x64);
    case Severity::Medium:
        return QColor(0xb2, 0x6a, 0x00);
    case Severity::High:
        return QColor(0xc6, 0x28, 0x28);
    case Severity::Critical:
        return QColor(0x7b, 0x1f, 0xa2);
    }
    return QColor(Qt::black);
}

QString colorHex(const QColor& color)
{
    return color.name(QColor::HexRgb);
}

QList<qreal> columnWidths(const QList<ColumnSpec>& columns, qreal total)
{
    QList<qreal> widths;
    qreal fixed = 0, weights = 0;
    for (const auto& c : columns) {
        fixed += c.minWidth;
        weights += c.weight;
    }
    if (columns.isEmpty())
        return widths;
    if (fixed >= total || weights <= 0) {
        // Not enough room (or nothing flexible): scale the minimums to fill exactly.
        const qreal k = fixed > 0 ? total / fixed : 0;
        for (const auto& c : columns)
            widths << c.minWidth * k;
        return widths;
    }
    const qreal spare = total - fixed;
    for (const auto& c : columns)
        widths << c.minWidth + spare * c.weight / weights;
    return widths;
}

qreal rowHeight(int lines, const TableMetrics& metrics)
{
    return std::max(1, lines) * metrics.lineHeight + 2 * metrics.rowPadding;
}

QList<TableSlice> paginateTable(const QList<int>& rowLines, const TableMetrics& m, qreal firstAvailable,
                                qreal pageAvailable)
{
    QList<TableSlice> slices;
    const int n = static_cast<int>(rowLines.size());
    int page = 0;
    qreal available = firstAvailable;
    int row = 0;
    int line = 0;
    auto linesOf = [&](int r) { return std::max(1, rowLines.at(r)); };
    // Guards against a page too small for even one line: each page must make progress.
    while (row < n && page < 100000) {
        const bool freshPage = available >= pageAvailable;
        TableSlice slice{page, row, line, row, line};
        qreal used = m.headerHeight;
        bool any = false;
        while (row < n) {
            const int remaining = linesOf(row) - line;
            const qreal h = remaining * m.lineHeight + 2 * m.rowPadding;
            if (used + h <= available + 1e-6) {
                used += h;
                slice.lastRow = row;
                slice.lastLineEnd = linesOf(row);
                ++row;
                line = 0;
                any = true;
                continue;
            }
            const bool fitsOnFreshPage = m.headerHeight + h <= pageAvailable + 1e-6;
            if (fitsOnFreshPage && (any || !freshPage))
                break; // move the whole row to the next page
            int fit = static_cast<int>(std::floor((available - used - 2 * m.rowPadding) / m.lineHeight + 1e-6));
            if (fit < 1) {
                if (any || !freshPage)
                    break;
                fit = 1; // a page smaller than one line: still progress
            }
            fit = std::min(fit, remaining);
            line += fit;
            slice.lastRow = row;
            slice.lastLineEnd = line;
            any = true;
            if (line >= linesOf(row)) {
                ++row;
                line = 0;
            }
            break;
        }
        if (any)
            slices << slice;
        ++page;
        available = pageAvailable;
    }
    return slices;
}

int HeatmapLayout::pageOfRow(int row) const
{
    if (row < firstPageRows)
        return 0;
    return 1 + (row - firstPageRows) / std::max(1, rowsPerPage);
}

int HeatmapLayout::slotOfRow(int row) const
{
    if (row < firstPageRows)
        return row;
    return (row - firstPageRows) % std::max(1, rowsPerPage);
}

int HeatmapLayout::pageCount(int rows) const
{
    if (rows <= 0)
        return 1;
    return pageOfRow(rows - 1) + 1;
}

QRectF HeatmapLayout::cellRect(int slot, int column) const
{
    return {labelWidth + column * cellWidth, headerHeight + slot * cellHeight, cellWidth, cellHeight};
}

QRectF HeatmapLayout::labelRect(int slot) const
{
    return {0, headerHeight + slot * cellHeight, labelWidth, cellHeight};
}

QRectF HeatmapLayout::headerRect(int column) const
{
    return {labelWidth + column * cellWidth, 0, cellWidth, headerHeight};
}

HeatmapLayout heatmapLayout(int columns, qreal width, qreal firstPageHeight, qreal pageHeight, qreal labelWidth,
                            qreal headerHeight, qreal cellHeight)
{
    HeatmapLayout l;
    l.columns = std::max(1, columns);
    l.labelWidth = std::min(labelWidth, width * 0.45);
    l.headerHeight = headerHeight;
    l.cellHeight = cellHeight;
    // Wide cells look like a bar chart; cap them so 15 controls sit compactly next to the labels.
    l.cellWidth = std::min<qreal>(30, (width - l.labelWidth) / l.columns);
    l.rowsPerPage = std::max(1, static_cast<int>(std::floor((pageHeight - headerHeight) / cellHeight)));
    l.firstPageRows = std::max(0, static_cast<int>(std::floor((firstPageHeight - headerHeight) / cellHeight)));
    return l;
}

Axis niceAxis(double lo, double hi, int target)
{
    Axis a;
    if (!std::isfinite(lo) || !std::isfinite(hi))
        lo = 0, hi = 1;
    if (hi < lo)
        std::swap(lo, hi);
    if (hi - lo < 1e-12)
        hi = lo + (lo == 0 ? 1 : std::abs(lo) * 0.1);
    const double raw = (hi - lo) / std::max(1, target);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag * 10;
    for (const double f : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (raw <= f * mag + 1e-12) {
            step = f * mag;
            break;
        }
    }
    a.step = step;
    a.min = std::floor(lo / step + 1e-9) * step;
    a.max = std::ceil(hi / step - 1e-9) * step;
    for (double v = a.min; v <= a.max + step * 1e-6; v += step)
        a.ticks << (std::abs(v) < step * 1e-9 ? 0.0 : v);
    return a;
}

QPointF ChartFrame::map(double x, double y) const
{
    const double fx = xMax > xMin ? (x - xMin) / (xMax - xMin) : 0;
    const double fy = yMax > yMin ? (y - yMin) / (yMax - yMin) : 0;
    return {plot.left() + fx * plot.width(), plot.bottom() - fy * plot.height()};
}

QColor seriesColor(int index)
{
    static constexpr std::array<QRgb, 8> palette{0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7,
                                                 0x56b4e9, 0xd55e00, 0x000000, 0xf0e442};
    return QColor::fromRgb(palette[static_cast<std::size_t>(std::abs(index)) % palette.size()]);
}

} // namespace bulwark::report::layout
