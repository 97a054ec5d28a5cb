// SPDX-License-Identifier: GPL-3.0-or-later
#include "style/statusstyle.h"

#include <QSet>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestStatusStyle final : public QObject {
    Q_OBJECT
private slots:
    void everyStatusHasItsOwnGlyphAndColour_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void everyStatusHasItsOwnGlyphAndColour()
    {
        QFETCH(bool, dark);
        QSet<QString> glyphs;
        QSet<QRgb> fills;
        for (const ControlStatus s : {ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived,
                                      ControlStatus::NotApplicable, ControlStatus::Unknown}) {
            const StatusLook look = statusLook(s, dark);
            glyphs.insert(look.glyph);
            fills.insert(look.fill.rgb());
            QVERIFY(!statusText(s).isEmpty());
        }
        // Colour-blind safe means the glyph alone tells every status apart.
        QCOMPARE(glyphs.size(), 5);
        QCOMPARE(fills.size(), 5);
    }

    void failAndPassDifferBeyondHue()
    {
        // Fail carries a hatch pattern, pass is plain: distinguishable in grey-scale too.
        QCOMPARE(statusLook(ControlStatus::Pass, false).pattern, Qt::NoBrush);
        QVERIFY(statusLook(ControlStatus::Fail, false).pattern != Qt::NoBrush);
        QVERIFY(statusLook(ControlStatus::Unknown, false).pattern != statusLook(ControlStatus::Fail, false).pattern);
    }

    void inkContrastsWithFill_data()
    {
        QTest::addColumn<QColor>("background");
        QTest::addColumn<QColor>("ink");
        QTest::newRow("white") << QColor(Qt::white) << QColor(Qt::black);
        QTest::newRow("black") << QColor(Qt::black) << QColor(Qt::white);
        QTest::newRow("yellow") << QColor(0xE6, 0x9F, 0x00) << QColor(Qt::black);
        QTest::newRow("navy") << QColor(0x00, 0x20, 0x60) << QColor(Qt::white);
    }
    void inkContrastsWithFill()
    {
        QFETCH(QColor, background);
        QFETCH(QColor, ink);
        QCOMPARE(contrastingInk(background), ink);
    }

    void cellGeometryKeepsAGapAndCentresTheGlyph_data()
    {
        QTest::addColumn<QRect>("cell");
        QTest::newRow("26px") << QRect(10, 20, 26, 26);
        QTest::newRow("wide") << QRect(0, 0, 60, 26);
        QTest::newRow("hidpi") << QRect(0, 0, 52, 52);
    }
    void cellGeometryKeepsAGapAndCentresTheGlyph()
    {
        QFETCH(QRect, cell);
        const CellGeometry g = cellGeometry(cell);
        QVERIFY(cell.contains(g.fill));
        QVERIFY(g.fill.width() < cell.width());
        QCOMPARE(g.glyph.center(), g.fill.center());
        QVERIFY(g.glyphPixelSize >= 6);
        QVERIFY(g.glyphPixelSize <= g.fill.height());
    }
    void tinyCellsDoNotUnderflow()
    {
        const CellGeometry g = cellGeometry(QRect(0, 0, 2, 2));
        QCOMPARE(g.fill, QRect(0, 0, 2, 2));
    }

    void hostBadgesSeparateTrustProblemsFromOutages()
    {
        QVERIFY(hostBadgeLook(HostStatus::HostKeyUnknown).glyph != hostBadgeLook(HostStatus::Unreachable).glyph);
        QVERIFY(hostBadgeLook(HostStatus::Ok).glyph != hostBadgeLook(HostStatus::Unreachable).glyph);
        QVERIFY(!hostBadgeIcon(HostStatus::Ok).isNull());
        QVERIFY(!hostStatusText(HostStatus::Timeout).isEmpty());
    }
};

QTEST_MAIN(TestStatusStyle)
#include "tst_statusstyle.moc"
