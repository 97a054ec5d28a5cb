// SPDX-License-Identifier: GPL-3.0-or-later
#include "controlheaderview.h"

#include <QPainter>

namespace bulwark::ui {

ControlHeaderView::ControlHeaderView(int firstRotatedSection, QWidget* parent)
    : QHeaderView(Qt::Horizontal, parent)
    , m_firstRotated(firstRotatedSection)
{
    setSectionsClickable(true);
    setHighlightSections(true);
    setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void ControlHeaderView::paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const
{
    if (logicalIndex < m_firstRotated || !model()) {
        QHeaderView::paintSection(painter, rect, logicalIndex);
        return;
    }
    // Let the style draw the section (background, sort indicator, hover), then the text rotated.
    QStyleOptionHeader opt;
    initStyleOption(&opt);
    opt.rect = rect;
    opt.section = logicalIndex;
    opt.text.clear();
    opt.sortIndicator = QStyleOptionHeader::None;
    if (isSortIndicatorShown() && sortIndicatorSection() == logicalIndex)
        opt.sortIndicator = sortIndicatorOrder() == Qt::AscendingOrder ? QStyleOptionHeader::SortDown : QStyleOptionHeader::SortUp;
    // CE_Header restores the clip it found, and with no clip set that is an empty region which clips
    // everything: draw the section in its own save/restore so the label below is not clipped away.
    painter->save();
    style()->drawControl(QStyle::CE_Header, &opt, painter, this);
    painter->restore();
    painter->save();
    painter->setClipRect(rect);
    const QString text = model()->headerData(logicalIndex, orientation(), Qt::DisplayRole).toString();
    painter->translate(rect.left() + rect.width() / 2.0, rect.bottom() - 4);
    painter->rotate(-90);
    const QRect textRect(0, -rect.width() / 2, rect.height() - 8, rect.width());
    painter->setPen(palette().color(QPalette::ButtonText));
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, text);
    painter->restore();
}

QSize ControlHeaderView::sectionSizeFromContents(int logicalIndex) const
{
    if (logicalIndex < m_firstRotated || !model())
        return QHeaderView::sectionSizeFromContents(logicalIndex);
    const QString text = model()->headerData(logicalIndex, orientation(), Qt::DisplayRole).toString();
    const QFontMetrics fm(font());
    return {fm.height() + 8, fm.horizontalAdvance(text) + 14};
}

} // namespace bulwark::ui
