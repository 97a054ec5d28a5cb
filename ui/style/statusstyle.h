// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/control.h"
#include "model/snapshot.h"

#include <QColor>
#include <QIcon>
#include <QRect>
#include <QString>

namespace bulwark::ui {

// How a verdict looks. Colour alone is never the signal: every status also has its own glyph and
// fill pattern, so the heatmap reads the same for colour-blind operators and on grey-scale print.
// The palette is Okabe-Ito, chosen because it stays distinguishable under the common colour-vision
// deficiencies.
struct StatusLook {
    QColor fill;
    QColor ink;            // glyph colour, picked for contrast against fill
    QString glyph;         // ✓ ✗ ~ – ?
    Qt::BrushStyle pattern = Qt::NoBrush; // overlay drawn on top of fill
};

StatusLook statusLook(ControlStatus status, bool darkPalette);
QString statusGlyph(ControlStatus status);
QString statusText(ControlStatus status); // translated, for tooltips and legends

// Black or white, whichever reads better on the background (WCAG relative luminance).
QColor contrastingInk(const QColor& background);
bool isDarkPalette(const QColor& windowColor);

// Geometry of one heatmap cell: a small gap keeps neighbouring cells apart even when they share
// a colour; the glyph is centred and sized from the cell so it scales with high-DPI fonts.
struct CellGeometry {
    QRect fill;
    QRect glyph;
    int glyphPixelSize = 0;
};
CellGeometry cellGeometry(const QRect& cell);

// Host badge: colour and glyph per scan outcome.
struct HostBadgeLook {
    QColor fill;
    QString glyph;
};
HostBadgeLook hostBadgeLook(HostStatus status);
QString hostStatusText(HostStatus status); // translated

// A round badge with the glyph in it, rendered for the given device pixel ratio.
QIcon statusIcon(ControlStatus status, bool darkPalette);
QIcon hostBadgeIcon(HostStatus status);

// Score band colours for "87 %": green from 90, amber from 70, red below; grey when unknown.
QColor scoreColor(int percent, bool darkPalette);

} // namespace bulwark::ui
