// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QPixmap>
#include <QStyledItemDelegate>

namespace bulwark::ui {

// Paints control cells from StatusRole (colour, pattern and glyph, see statusstyle.h) and the
// descriptive columns as groups: a host or project name is written only on the first row of its
// group, with a rule above it, so the eye finds group boundaries without extra rows.
class HeatmapDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeatmapDelegate)
public:
    explicit HeatmapDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int kCellSize = 26;

private:
    const QPixmap& cellPixmap(int status, const QSize& size, qreal dpr, bool dark) const;
    // Cell pixmaps are rendered once per (status, size, dpr, palette) and blitted: painting a full
    // viewport of several hundred cells stays well under a frame.
    mutable QHash<QString, QPixmap> m_cache;
};

// True when `index` starts a new group in its column: host column when the host changes,
// project column when host or project changes. Pure enough to test with any model.
bool startsGroup(const QModelIndex& index, int hostRole, int projectRole);

} // namespace bulwark::ui
