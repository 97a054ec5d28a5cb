// SPDX-License-Identifier: GPL-3.0-or-later
// The heatmap as painted: delegate and rotated header inside a real QTableView, rendered offscreen.
#include "heatmap/controlheaderview.h"
#include "heatmap/heatmapdelegate.h"
#include "heatmap/heatmapfiltermodel.h"
#include "heatmap/heatmapmodel.h"
#include "sample/samplerun.h"
#include "style/statusstyle.h"

#include <QHeaderView>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestHeatmapView final : public QObject {
    Q_OBJECT
private slots:
    void cellsArePaintedInTheirStatusColour()
    {
        HeatmapModel model;
        HeatmapFilterModel proxy;
        proxy.setHeatmap(&model);
        auto run = std::make_shared<const AuditRun>(sample::makeAuditRun({}));
        model.setRun(run);
        QTableView view;
        view.setHorizontalHeader(new ControlHeaderView(HeatmapModel::FirstControlColumn, &view));
        view.setItemDelegate(new HeatmapDelegate(&view));
        view.setModel(&proxy);
        view.verticalHeader()->setDefaultSectionSize(HeatmapDelegate::kCellSize);
        for (int c = HeatmapModel::FirstControlColumn; c < proxy.columnCount(); ++c)
            view.setColumnWidth(c, HeatmapDelegate::kCellSize);
        view.resize(1000, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // Control headers are tall (rotated text), not wide.
        const int controlSection = view.horizontalHeader()->sectionSizeHint(HeatmapModel::FirstControlColumn);
        QVERIFY(view.horizontalHeader()->height() > controlSection);

        // The rotated control IDs are actually painted: each control section holds text-coloured pixels.
        QHeaderView* header = view.horizontalHeader();
        for (int c = HeatmapModel::FirstControlColumn; c < proxy.columnCount(); ++c) {
            const QRect section(header->sectionViewportPosition(c), 0, header->sectionSize(c), header->height());
            const QImage img = header->viewport()->grab(section).toImage();
            const QColor text = header->palette().color(QPalette::ButtonText);
            int inked = 0;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x) {
                    const QColor p = img.pixelColor(x, y);
                    inked += std::abs(p.lightness() - text.lightness()) < 60 ? 1 : 0;
                }
            QVERIFY2(inked > 20, qPrintable(QStringLiteral("control header %1 is blank").arg(c)));
        }

        const bool dark = isDarkPalette(view.palette().color(QPalette::Window));
        int checked = 0;
        for (int r = 0; r < proxy.rowCount() && checked < 20; ++r) {
            for (int c = HeatmapModel::FirstControlColumn; c < proxy.columnCount(); ++c) {
                const QModelIndex idx = proxy.index(r, c);
                const QRect rect = view.visualRect(idx);
                if (!view.viewport()->rect().contains(rect))
                    continue;
                const QVariant s = idx.data(HeatmapModel::StatusRole);
                if (!s.isValid())
                    continue;
                const QImage img = view.viewport()->grab(rect).toImage();
                // Pixels near the four corners of the fill: inside the gap, outside the glyph. Hatch
                // patterns (unknown, waived) darken some of them, so one clean match is required.
                const StatusLook look = statusLook(ControlStatus(s.toInt()), dark);
                auto near = [&look](const QColor& seen) {
                    return std::abs(seen.red() - look.fill.red()) < 40 && std::abs(seen.green() - look.fill.green()) < 40
                        && std::abs(seen.blue() - look.fill.blue()) < 40;
                };
                const int x0 = img.width() / 6 + 1, y0 = img.height() / 6 + 1;
                const int x1 = img.width() - x0 - 1, y1 = img.height() - y0 - 1;
                const bool matched = near(img.pixelColor(x0, y0)) || near(img.pixelColor(x1, y0)) || near(img.pixelColor(x0, y1))
                                  || near(img.pixelColor(x1, y1));
                QVERIFY2(matched, qPrintable(QStringLiteral("cell %1,%2: %3 vs %4")
                                                 .arg(r).arg(c).arg(img.pixelColor(x0, y0).name(), look.fill.name())));
                ++checked;
            }
        }
        QVERIFY(checked >= 10);
    }

    void groupStartsWhenHostOrProjectChanges()
    {
        QStandardItemModel m(4, 1);
        const std::array<std::pair<const char*, const char*>, 4> rows{{{"a", "p"}, {"a", "p"}, {"a", "q"}, {"b", "q"}}};
        for (int r = 0; r < 4; ++r) {
            m.setData(m.index(r, 0), QString::fromLatin1(rows[std::size_t(r)].first), Qt::UserRole + 1);
            m.setData(m.index(r, 0), QString::fromLatin1(rows[std::size_t(r)].second), Qt::UserRole + 2);
        }
        QCOMPARE(startsGroup(m.index(0, 0), Qt::UserRole + 1, Qt::UserRole + 2), true);
        QCOMPARE(startsGroup(m.index(1, 0), Qt::UserRole + 1, Qt::UserRole + 2), false);
        QCOMPARE(startsGroup(m.index(2, 0), Qt::UserRole + 1, Qt::UserRole + 2), true);
        QCOMPARE(startsGroup(m.index(3, 0), Qt::UserRole + 1, Qt::UserRole + 2), true);
    }
};

QTEST_MAIN(TestHeatmapView)
#include "tst_heatmapview.moc"
