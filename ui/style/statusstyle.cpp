// SPDX-License-Identifier: GPL-3.0-or-later
#include "statusstyle.h"

#include <QCoreApplication>
#include <QFont>
#include <QHash>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace bulwark::ui {
namespace {

double channel(double c)
{
    c /= 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor& c)
{
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

QIcon badgeIcon(const QColor& fill, const QString& glyph)
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(fill.darker(140), std::max(1, size / 16)));
        p.setBrush(fill);
        p.drawEllipse(QRectF(0.5, 0.5, size - 1.0, size - 1.0));
        QFont f;
        f.setPixelSize(int(size * 0.68));
        f.setBold(true);
        p.setFont(f);
        p.setPen(contrastingInk(fill));
        p.drawText(QRect(0, 0, size, size), Qt::AlignCenter, glyph);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

} // namespace

QColor contrastingInk(const QColor& background)
{
    // Contrast ratio against white vs. against black; pick the larger.
    const double l = luminance(background);
    const double withWhite = 1.05 / (l + 0.05);
    const double withBlack = (l + 0.05) / 0.05;
    return withWhite >= withBlack ? QColor(Qt::white) : QColor(Qt::black);
}

bool isDarkPalette(const QColor& windowColor)
{
    return windowColor.lightness() < 128;
}

QString statusGlyph(ControlStatus status)
{
    switch (status) {
    case ControlStatus::Pass:
        return QStringLiteral("✓");
    case ControlStatus::Fail:
        return QStringLiteral("✗");
    case ControlStatus::Waived:
        return QStringLiteral("~");
    case ControlStatus::NotApplicable:
        return QStringLiteral("–");
    case ControlStatus::Unknown:
        return QStringLiteral("?");
    }
    return QStringLiteral("?");
}

QString statusText(ControlStatus status)
{
    switch (status) {
    case ControlStatus::Pass:
        return QCoreApplication::translate("bulwark::ui::Status", "Pass");
    case ControlStatus::Fail:
        return QCoreApplication::translate("bulwark::ui::Status", "Fail");
    case ControlStatus::Waived:
        return QCoreApplication::translate("bulwark::ui::Status", "Waived");
    case ControlStatus::NotApplicable:
        return QCoreApplication::translate("bulwark::ui::Status", "Not applicable");
    case ControlStatus::Unknown:
        return QCoreApplication::translate("bulwark::ui::Status", "Unknown");
    }
    return {};
}

StatusLook statusLook(ControlStatus status, bool darkPalette)
{
    StatusLook look;
    look.glyph = statusGlyph(status);
    switch (status) {
    case ControlStatus::Pass:
        look.fill = darkPalette ? QColor(0x00, 0x7A, 0x5A) : QColor(0x00, 0x9E, 0x73); // bluish green
        break;
    case ControlStatus::Fail:
        look.fill = darkPalette ? QColor(0xC0, 0x50, 0x00) : QColor(0xD5, 0x5E, 0x00); // vermillion
        look.pattern = Qt::BDiagPattern;
        break;
    case ControlStatus::Waived:
        look.fill = darkPalette ? QColor(0x3A, 0x8F, 0xC4) : QColor(0x56, 0xB4, 0xE9); // sky blue
        look.pattern = Qt::Dense6Pattern;
        break;
    case ControlStatus::NotApplicable:
        look.fill = darkPalette ? QColor(0x4A, 0x4A, 0x4A) : QColor(0xDD, 0xDD, 0xDD);
        break;
    case ControlStatus::Unknown:
        look.fill = darkPalette ? QColor(0xC8, 0x8A, 0x00) : QColor(0xE6, 0x9F, 0x00); // orange
        look.pattern = Qt::DiagCrossPattern;
        break;
    }
    look.ink = contrastingInk(look.fill);
    return look;
}

CellGeometry cellGeometry(const QRect& cell)
{
    CellGeometry g;
    if (cell.width() < 3 || cell.height() < 3) {
        g.fill = cell;
        return g;
    }
    g.fill = cell.adjusted(1, 1, -1, -1);
    const int side = std::min(g.fill.width(), g.fill.height());
    g.glyphPixelSize = std::max(6, int(side * 0.7));
    g.glyph = QRect(0, 0, side, side);
    g.glyph.moveCenter(g.fill.center());
    return g;
}

HostBadgeLook hostBadgeLook(HostStatus status)
{
    switch (status) {
    case HostStatus::Ok:
        return {QColor(0x00, 0x9E, 0x73), QStringLiteral("✓")};
    case HostStatus::Pending:
        return {QColor(0xAA, 0xAA, 0xAA), QStringLiteral("…")};
    case HostStatus::Cancelled:
        return {QColor(0xAA, 0xAA, 0xAA), QStringLiteral("–")};
    case HostStatus::HostKeyUnknown:
    case HostStatus::HostKeyChanged:
        return {QColor(0xCC, 0x79, 0xA7), QStringLiteral("!")}; // reddish purple: needs a decision
    case HostStatus::AuthFailed:
        return {QColor(0xCC, 0x79, 0xA7), QStringLiteral("⚿")};
    case HostStatus::Unreachable:
    case HostStatus::ApiError:
    case HostStatus::Timeout:
        return {QColor(0xD5, 0x5E, 0x00), QStringLiteral("✗")};
    }
    return {QColor(0xAA, 0xAA, 0xAA), QStringLiteral("?")};
}

QString hostStatusText(HostStatus status)
{
    switch (status) {
    case HostStatus::Pending:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Not scanned");
    case HostStatus::Ok:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Reachable");
    case HostStatus::Unreachable:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Unreachable");
    case HostStatus::AuthFailed:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Authentication failed");
    case HostStatus::HostKeyUnknown:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Host key not trusted yet");
    case HostStatus::HostKeyChanged:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Host key changed");
    case HostStatus::ApiError:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Docker API error");
    case HostStatus::Timeout:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Timed out");
    case HostStatus::Cancelled:
        return QCoreApplication::translate("bulwark::ui::HostStatus", "Cancelled");
    }
    return {};
}

QIcon statusIcon(ControlStatus status, bool darkPalette)
{
    static QHash<int, QIcon> cache;
    const int key = int(status) * 2 + (darkPalette ? 1 : 0);
    auto it = cache.find(key);
    if (it == cache.end()) {
        const StatusLook look = statusLook(status, darkPalette);
        it = cache.insert(key, badgeIcon(look.fill, look.glyph));
    }
    return *it;
}

QIcon hostBadgeIcon(HostStatus status)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(int(status));
    if (it == cache.end()) {
        const HostBadgeLook look = hostBadgeLook(status);
        it = cache.insert(int(status), badgeIcon(look.fill, look.glyph));
    }
    return *it;
}

QColor scoreColor(int percent, bool darkPalette)
{
    if (percent < 0)
        return darkPalette ? QColor(0x88, 0x88, 0x88) : QColor(0x77, 0x77, 0x77);
    if (percent >= 90)
        return darkPalette ? QColor(0x3C, 0xC8, 0x9A) : QColor(0x00, 0x7A, 0x5A);
    if (percent >= 70)
        return darkPalette ? QColor(0xF0, 0xB0, 0x30) : QColor(0xA0, 0x6A, 0x00);
    return darkPalette ? QColor(0xFF, 0x7A, 0x3A) : QColor(0xB8, 0x45, 0x00);
}

} // namespace bulwark::ui
