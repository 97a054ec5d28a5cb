// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmapdelegate.h"

#include "heatmapmodel.h"
#include "style/statusstyle.h"

#include <QApplication>
#include <QPainter>

namespace bulwark::ui {

bool startsGroup(const QModelIndex& index, int hostRole, int projectRole)
{
    if (index.row() == 0)
        return true;
    const QModelIndex prev = index.siblingAtRow(index.row() - 1);
    if (prev.data(hostRole) != index.data(hostRole))
        return true;
    return prev.data(projectRole) != index.data(projectRole);
}

HeatmapDelegate::HeatmapDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

const QPixmap& HeatmapDelegate::cellPixmap(int status, const QSize& size, qreal dpr, bool dark) const
{
    const QString key = QStringLiteral("%1:%2x%3@%4:%5").arg(status).arg(size.width()).arg(size.height()).arg(dpr).arg(int(dark));
    auto it = m_cache.find(key);
    if (it != m_cache.end())
        return *it;
    QPixmap pm(size * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    const CellGeometry g = cellGeometry(QRect(QPoint(0, 0), size));
    if (status < 0) {
        // No result: an outlined empty cell, distinct from every verdict.
        p.setPen(QPen(dark ? QColor(0x55, 0x55, 0x55) : QColor(0xCC, 0xCC, 0xCC), 1, Qt::DotLine));
        p.drawRect(g.fill.adjusted(0, 0, -1, -1));
    } else {
        const StatusLook look = statusLook(ControlStatus(status), dark);
        p.fillRect(g.fill, look.fill);
        if (look.pattern != Qt::NoBrush) {
            QColor patternInk = look.ink;
            patternInk.setAlpha(45);
            p.fillRect(g.fill, QBrush(patternInk, look.pattern));
        }
        QFont f = QApplication::font();
        f.setPixelSize(g.glyphPixelSize);
        f.setBold(true);
        p.setFont(f);
        p.setPen(look.ink);
        p.setRenderHint(QPainter::TextAntialiasing);
        p.drawText(g.glyph, Qt::AlignCenter, look.glyph);
    }
    p.end();
    return *m_cache.insert(key, pm);
}

void HeatmapDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const bool dark = isDarkPalette(option.palette.color(QPalette::Window));
    const QColor rule = option.palette.color(QPalette::Mid);
    const bool groupStart = startsGroup(index, HeatmapModel::HostNameRole, HeatmapModel::ProjectRole);
    const bool hostStart = index.row() == 0
        || index.siblingAtRow(index.row() - 1).data(HeatmapModel::HostNameRole) != index.data(HeatmapModel::HostNameRole);

    const QVariant statusVar = index.data(HeatmapModel::StatusRole);
    const bool isControl = index.data(HeatmapModel::ControlIdRole).isValid();
    if (isControl) {
        const int status = statusVar.isValid() ? statusVar.toInt() : -1;
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        painter->drawPixmap(option.rect.topLeft(), cellPixmap(status, option.rect.size(), dpr, dark));
        if (option.state & QStyle::State_Selected) {
            painter->save();
            painter->setPen(QPen(option.palette.color(QPalette::Highlight), 2));
            painter->drawRect(option.rect.adjusted(1, 1, -1, -1));
            painter->restore();
        }
        if (option.state & QStyle::State_HasFocus) {
            painter->save();
            painter->setPen(QPen(option.palette.color(QPalette::Text), 1, Qt::DashLine));
            painter->drawRect(option.rect.adjusted(0, 0, -1, -1));
            painter->restore();
        }
    } else {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const int col = index.column();
        if ((col == HeatmapModel::HostColumn && !hostStart) || (col == HeatmapModel::ProjectColumn && !groupStart)) {
            opt.text.clear();
            opt.icon = QIcon();
        }
        if (col == HeatmapModel::ProjectColumn && groupStart && opt.text.isEmpty()
            && index.data(HeatmapModel::RowKindRole).toInt() == int(HeatmapModel::RowKind::Container)) {
            opt.text = tr("(no project)");
            opt.font.setItalic(true);
        }
        if (col == HeatmapModel::ScoreColumn)
            opt.palette.setColor(QPalette::Text, scoreColor(index.data(HeatmapModel::ScoreRole).toInt(), dark));
        if (index.data(HeatmapModel::RowKindRole).toInt() == int(HeatmapModel::RowKind::HostProblem))
            opt.font.setItalic(true);
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    }

    if (groupStart && index.row() > 0) {
        painter->save();
        painter->setPen(QPen(rule, hostStart ? 2 : 1));
        painter->drawLine(option.rect.topLeft(), option.rect.topRight());
        painter->restore();
    }
}

QSize HeatmapDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.data(HeatmapModel::ControlIdRole).isValid())
        return {kCellSize, kCellSize};
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setHeight(std::max(s.height(), kCellSize));
    return s;
}

} // namespace bulwark::ui
