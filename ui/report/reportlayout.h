// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/control.h"

#include <QColor>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

// Geometry and styling of the report as pure functions: no painter, no fonts. The PDF and HTML
// renderers call these, and tests check them without rendering anything.
namespace bulwark::report::layout {

// ---- page ------------------------------------------------------------------------------------
// All lengths are PDF points (1/72 inch). A4 portrait.
struct PageGeometry {
    QSizeF page{595.276, 841.89};
    qreal marginLeft = 48, marginRight = 48, marginTop = 56, marginBottom = 56;
    qreal headerGap = 18; // running header sits this far above the content
    qreal footerGap = 22; // the footer ("Page X of Y") this far below the content

    QRectF contentRect() const
    {
        return {marginLeft, marginTop, page.width() - marginLeft - marginRight,
                page.height() - marginTop - marginBottom};
    }
};

QString pageLabel(int page, int pageCount); // "Page 3 of 17"

// ---- status styling ----------------------------------------------------------------------------
// Colour AND glyph for each status, so the heatmap reads in greyscale and for colour-blind readers.
struct StatusStyle {
    QColor fill;   // cell background
    QColor ink;    // glyph on the fill
    QColor text;   // the status word on a white page
    QString glyph; // one character
    QString word;  // "Pass", "Fail", ...
};
StatusStyle statusStyle(ControlStatus status);
// What an empty heatmap cell (no verdict for that subject and control) looks like.
StatusStyle noResultStyle();
QColor severityColor(Severity severity);
QString colorHex(const QColor& color); // "#rrggbb"

// ---- tables ------------------------------------------------------------------------------------
struct ColumnSpec {
    qreal minWidth = 40; // never narrower than this
    qreal weight = 0;    // share of the remaining width; 0 = fixed at minWidth
};
// Widths that sum to `total`: fixed columns get their minimum, weighted ones share what is left.
// If the minimums alone exceed `total`, every column shrinks proportionally.
QList<qreal> columnWidths(const QList<ColumnSpec>& columns, qreal total);

// One piece of a table on one page: rows [firstRow, lastRow], of which the first may start at
// line `firstLine` (a row taller than a page continues on the next one, split between lines).
struct TableSlice {
    int page = 0;           // 0 = the page the table starts on
    int firstRow = 0;
    int firstLine = 0;      // of firstRow
    int lastRow = 0;        // inclusive
    int lastLineEnd = 0;    // lines [.., lastLineEnd) of lastRow are on this page
};
struct TableMetrics {
    qreal lineHeight = 11;
    qreal rowPadding = 3;    // above and below the lines of a row
    qreal headerHeight = 16; // repeated on every page the table touches
};
// Paginates rows given as line counts. `firstAvailable` is the height left on the current page,
// `pageAvailable` a full page's content height. A row moves whole to the next page unless it is
// taller than a page; then it is split between lines, never through one.
QList<TableSlice> paginateTable(const QList<int>& rowLines, const TableMetrics& metrics, qreal firstAvailable,
                                qreal pageAvailable);
qreal rowHeight(int lines, const TableMetrics& metrics);

// ---- heatmap -------------------------------------------------------------------------------------
struct HeatmapLayout {
    qreal labelWidth = 0;
    qreal headerHeight = 0; // rotated control ids
    qreal cellWidth = 0;
    qreal cellHeight = 0;
    int columns = 0;
    int rowsPerPage = 0;    // rows on a full page (the first page may hold fewer)
    int firstPageRows = 0;

    // The page (0-based, from the heatmap's first page) and slot of a row.
    int pageOfRow(int row) const;
    int slotOfRow(int row) const;
    int pageCount(int rows) const;
    // Cell rectangle relative to the heatmap's top-left corner on its page.
    QRectF cellRect(int slot, int column) const;
    QRectF labelRect(int slot) const;
    QRectF headerRect(int column) const;
};
// Cells are square-ish between minCell and maxCell; columns share the width after the labels.
HeatmapLayout heatmapLayout(int columns, qreal width, qreal firstPageHeight, qreal pageHeight,
                            qreal labelWidth = 150, qreal headerHeight = 62, qreal cellHeight = 11);

// ---- charts --------------------------------------------------------------------------------------
struct Axis {
    double min = 0;
    double max = 1;
    double step = 1;
    QList<double> ticks;
};
// "Nice" round ticks (1, 2, 2.5, 5 x 10^n) covering [lo, hi] with about `target` intervals.
Axis niceAxis(double lo, double hi, int target = 5);

struct ChartFrame {
    QRectF plot;     // the plotting area in page points
    double xMin = 0, xMax = 1;
    double yMin = 0, yMax = 1;
    QPointF map(double x, double y) const;
};

// A palette of distinguishable line colours (Okabe-Ito), cycled by index.
QColor seriesColor(int index);

} // namespace bulwark::report::layout
