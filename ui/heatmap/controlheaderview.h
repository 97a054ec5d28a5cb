// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHeaderView>

namespace bulwark::ui {

// The heatmap's horizontal header: control IDs are written bottom-to-top so fifteen controls fit
// in narrow, square cells; the descriptive columns keep normal horizontal text.
class ControlHeaderView final : public QHeaderView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlHeaderView)
public:
    explicit ControlHeaderView(int firstRotatedSection, QWidget* parent = nullptr);

protected:
    void paintSection(QPainter* painter, const QRect& rect, int logicalIndex) const override;
    QSize sectionSizeFromContents(int logicalIndex) const override;

private:
    int m_firstRotated = 0;
};

} // namespace bulwark::ui
