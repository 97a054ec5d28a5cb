// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/pdfreport.h"

#include "report/reportlayout.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QTextLayout>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace bulwark::report {

namespace {

using namespace layout;

// Device units per point: high enough that coordinates written into the PDF keep their precision.
constexpr int kResolution = 720;
constexpr qreal kScale = kResolution / 72.0;

const QColor kInk(0x21, 0x21, 0x21);
const QColor kMuted(0x61, 0x61, 0x61);
const QColor kAccent(0x26, 0x32, 0x38);
const QColor kRule(0xcf, 0xd8, 0xdc);
const QColor kZebra(0xf5, 0xf7, 0xf8);
const QColor kGroup(0xe3, 0xea, 0xee);

enum class FontRole { Body, Small, Tiny, Bold, SmallBold, Mono, H1, H2, H3, Title, Huge };

// Fixed families and pixel sizes (= points, the painter is scaled): no dependency on the system's
// default font, so the same inputs give the same layout on every machine with DejaVu installed.
QFont fontFor(FontRole role)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    // No ligatures: "fl" must stay two letters so pdftotext, search and diff see the real words.
    f.setStyleStrategy(QFont::StyleStrategy(QFont::PreferOutline | QFont::PreferNoShaping));
    f.setHintingPreference(QFont::PreferNoHinting);
    switch (role) {
    case FontRole::Body:
        f.setPixelSize(9);
        break;
    case FontRole::Small:
        f.setPixelSize(8);
        break;
    case FontRole::Tiny:
        f.setPixelSize(7);
        break;
    case FontRole::Bold:
        f.setPixelSize(9);
        f.setBold(true);
        break;
    case FontRole::SmallBold:
        f.setPixelSize(8);
        f.setBold(true);
        break;
    case FontRole::Mono:
        f.setFamily(QStringLiteral("DejaVu Sans Mono"));
        f.setPixelSize(7);
        break;
    case FontRole::H1:
        f.setPixelSize(18);
        f.setBold(true);
        break;
    case FontRole::H2:
        f.setPixelSize(13);
        f.setBold(true);
        break;
    case FontRole::H3:
        f.setPixelSize(10);
        f.setBold(true);
        break;
    case FontRole::Title:
        f.setPixelSize(26);
        f.setBold(true);
        break;
    case FontRole::Huge:
        f.setPixelSize(40);
        f.setBold(true);
        break;
    }
    return f;
}

// Word wrap into lines that fit `width`; long tokens (paths, hashes) break anywhere.
QStringList wrapText(const QString& text, const QFont& font, qreal width)
{
    QStringList lines;
    const QFontMetricsF fm(font);
    const QStringList paragraphs = text.split(QLatin1Char('\n'));
    for (const QString& para : paragraphs) {
        if (para.isEmpty() || fm.horizontalAdvance(para) <= width) {
            lines << para;
            continue;
        }
        QTextLayout tl(para, font);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        tl.setTextOption(option);
        tl.beginLayout();
        for (QTextLine line = tl.createLine(); line.isValid(); line = tl.createLine()) {
            line.setLineWidth(width);
            QString piece = para.mid(line.textStart(), line.textLength());
            while (piece.endsWith(QLatin1Char(' ')))
                piece.chop(1);
            lines << piece;
        }
        tl.endLayout();
    }
    return lines;
}

// Both passes wrap the same texts at the same widths; wrapping once halves the work on big fleets.
// Looked up only, never iterated, so its hash order cannot reach the output.
using WrapCache = QHash<QString, QStringList>;

QStringList wrapCached(WrapCache& cache, const QString& text, const QFont& font, qreal width)
{
    const QString key = font.key() + QLatin1Char('\x1f') + QString::number(width, 'f', 2) + QLatin1Char('\x1f') + text;
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return *it;
    QStringList lines = wrapText(text, font, width);
    cache.insert(key, lines);
    return lines;
}

struct TocEntry {
    QString title;
    int level = 0;
    int page = 0;
};

enum class CellKind { Text, Mono, Bold, Status, Severity, Muted };
struct Cell {
    QString text;
    CellKind kind = CellKind::Text;
    ControlStatus status = ControlStatus::Unknown;
    Severity severity = Severity::Medium;
};
Cell text(const QString& t) { return {t, CellKind::Text, {}, {}}; }
Cell mono(const QString& t) { return {t, CellKind::Mono, {}, {}}; }
Cell bold(const QString& t) { return {t, CellKind::Bold, {}, {}}; }
Cell muted(const QString& t) { return {t, CellKind::Muted, {}, {}}; }
Cell status(ControlStatus s) { return {statusStyle(s).word, CellKind::Status, s, {}}; }
Cell severity(Severity s) { return {severityText(s), CellKind::Severity, {}, s}; }
Cell number(int n) { return {n == 0 ? QStringLiteral("\u2013") : QString::number(n), CellKind::Text, {}, {}}; }

struct Row {
    QList<Cell> cells;
    bool group = false; // one spanning line introducing the rows below (a container, a host)
};

struct Column {
    QString header;
    ColumnSpec spec;
    bool alignRight = false;
};

QFont cellFont(CellKind kind)
{
    switch (kind) {
    case CellKind::Mono:
        return fontFor(FontRole::Mono);
    case CellKind::Bold:
    case CellKind::Severity:
        return fontFor(FontRole::SmallBold);
    default:
        return fontFor(FontRole::Small);
    }
}

// One pass of layout (and, when `painter` is set, painting).
class Pass final {
public:
    Pass(const ReportData& data, WrapCache& cache, QPdfWriter* writer, QPainter* painter, QList<TocEntry> toc,
         int totalPages)
        : d(data)
        , m_cache(cache)
        , m_writer(writer)
        , m_p(painter)
        , m_toc(std::move(toc))
        , m_totalPages(totalPages)
        , m_content(m_geo.contentRect())
    {
    }

    void run()
    {
        cover();
        tableOfContents();
        executiveSummary();
        heatmap();
        findings();
        telemetry();
        waivers();
        remediations();
        appendix();
    }

    const QList<TocEntry>& toc() const { return m_toc; }
    int pages() const { return m_page; }

private:
    bool painting() const { return m_p != nullptr; }

    // ---- pages ----------------------------------------------------------------------------------
    void newPage(bool chrome = true)
    {
        if (m_page > 0 && painting())
            m_writer->newPage();
        ++m_page;
        m_y = m_content.top();
        if (chrome && painting())
            drawChrome();
    }

    void drawChrome()
    {
        const qreal left = m_content.left(), right = m_content.right();
        const qreal headerY = m_content.top() - m_geo.headerGap;
        m_p->setPen(QPen(kRule, 0.6));
        m_p->drawLine(QPointF(left, headerY + 4), QPointF(right, headerY + 4));
        m_p->setFont(fontFor(FontRole::Tiny));
        m_p->setPen(kMuted);
        m_p->drawText(QPointF(left, headerY), d.title + QStringLiteral(" \u2014 ") + d.fleetName);
        drawTextRight(QPointF(right, headerY), d.policy.id + QLatin1Char(' ') + d.policy.version);
        const qreal footerY = m_content.bottom() + m_geo.footerGap;
        m_p->setPen(QPen(kRule, 0.6));
        m_p->drawLine(QPointF(left, footerY - 9), QPointF(right, footerY - 9));
        m_p->setPen(kMuted);
        m_p->drawText(QPointF(left, footerY),
                      QStringLiteral("Bulwark %1 \u00b7 audit of %2").arg(QStringLiteral(BULWARK_VERSION),
                                                                           formatTime(d.auditTime)));
        drawTextRight(QPointF(right, footerY), pageLabel(m_page, m_totalPages));
    }

    void drawTextRight(QPointF baselineRight, const QString& s)
    {
        const qreal w = QFontMetricsF(m_p->font()).horizontalAdvance(s);
        m_p->drawText(QPointF(baselineRight.x() - w, baselineRight.y()), s);
    }

    qreal remaining() const { return m_content.bottom() - m_y; }
    void ensure(qreal h)
    {
        if (remaining() < h)
            newPage();
    }

    // ---- text -----------------------------------------------------------------------------------
    void startSection(const QString& title)
    {
        newPage();
        tocMark(title, 0);
        if (painting()) {
            m_p->setFont(fontFor(FontRole::H1));
            m_p->setPen(kAccent);
            m_p->drawText(QPointF(m_content.left(), m_y + 18), title);
            m_p->setPen(QPen(kAccent, 1.2));
            m_p->drawLine(QPointF(m_content.left(), m_y + 25), QPointF(m_content.right(), m_y + 25));
        }
        m_y += 36;
    }

    void subsection(const QString& title, bool inToc)
    {
        ensure(60); // a heading never sits alone at the bottom of a page
        if (m_y > m_content.top() + 1)
            m_y += 8;
        if (inToc)
            tocMark(title, 1);
        if (painting()) {
            m_p->setFont(fontFor(FontRole::H2));
            m_p->setPen(kAccent);
            m_p->drawText(QPointF(m_content.left(), m_y + 13), title);
        }
        m_y += 20;
    }

    void heading3(const QString& title)
    {
        ensure(40);
        m_y += 4;
        if (painting()) {
            m_p->setFont(fontFor(FontRole::H3));
            m_p->setPen(kInk);
            m_p->drawText(QPointF(m_content.left(), m_y + 10), title);
        }
        m_y += 15;
    }

    void tocMark(const QString& title, int level)
    {
        // Pass one appends; pass two finds the same entry (same order) and checks it.
        if (m_tocIndex < m_toc.size()) {
            m_toc[m_tocIndex].page = m_page;
        } else {
            m_toc.append({title, level, m_page});
        }
        ++m_tocIndex;
    }

    void paragraph(const QString& s, FontRole role = FontRole::Body, const QColor& color = kInk, qreal indent = 0)
    {
        const QFont f = fontFor(role);
        const QFontMetricsF fm(f);
        const qreal lh = fm.lineSpacing() * 1.15;
        for (const QString& line : wrap(s, f, m_content.width() - indent)) {
            ensure(lh);
            if (painting()) {
                m_p->setFont(f);
                m_p->setPen(color);
                m_p->drawText(QPointF(m_content.left() + indent, m_y + fm.ascent()), line);
            }
            m_y += lh;
        }
        m_y += 4;
    }

    // ---- tables ---------------------------------------------------------------------------------
    void table(const QList<Column>& columns, const QList<Row>& rows)
    {
        if (rows.isEmpty())
            return;
        QList<ColumnSpec> specs;
        for (const auto& c : columns)
            specs << c.spec;
        const QList<qreal> widths = columnWidths(specs, m_content.width());
        const qreal pad = 4;
        TableMetrics metrics;
        metrics.lineHeight = 10.5;
        metrics.rowPadding = 3;
        metrics.headerHeight = 16;

        // Wrap every cell once; the line counts drive pagination.
        QList<QList<QStringList>> wrapped;
        QList<int> lines;
        wrapped.reserve(rows.size());
        for (const auto& row : rows) {
            QList<QStringList> cells;
            int n = 1;
            if (row.group) {
                const Cell& c = row.cells.value(0);
                cells << wrap(c.text, fontFor(FontRole::SmallBold), m_content.width() - 2 * pad);
                n = static_cast<int>(cells.first().size());
            } else {
                for (int i = 0; i < columns.size(); ++i) {
                    const Cell c = row.cells.value(i);
                    QStringList l = c.kind == CellKind::Status ? QStringList{c.text}
                                                               : wrap(c.text, cellFont(c.kind), widths[i] - 2 * pad);
                    n = std::max(n, static_cast<int>(l.size()));
                    cells << l;
                }
            }
            wrapped << cells;
            lines << n;
        }

        // Leave the current page if not even the header and one line fit.
        if (remaining() < metrics.headerHeight + rowHeight(1, metrics))
            newPage();
        const QList<TableSlice> slices = paginateTable(lines, metrics, remaining(), m_content.height());
        const int basePage = m_page;
        for (const auto& slice : slices) {
            while (m_page - basePage < slice.page)
                newPage();
            drawTableHeader(columns, widths, metrics.headerHeight, pad);
            m_y += metrics.headerHeight;
            for (int r = slice.firstRow; r <= slice.lastRow; ++r) {
                const int from = r == slice.firstRow ? slice.firstLine : 0;
                const int to = r == slice.lastRow ? slice.lastLineEnd : lines[r];
                const qreal h = (to - from) * metrics.lineHeight + 2 * metrics.rowPadding;
                if (painting())
                    drawRow(columns, widths, rows[r], wrapped[r], from, to, h, r, metrics, pad);
                m_y += h;
            }
        }
        m_y += 8;
    }

    void drawTableHeader(const QList<Column>& columns, const QList<qreal>& widths, qreal h, qreal pad)
    {
        if (!painting())
            return;
        m_p->fillRect(QRectF(m_content.left(), m_y, m_content.width(), h), kAccent);
        m_p->setFont(fontFor(FontRole::SmallBold));
        m_p->setPen(Qt::white);
        const QFontMetricsF fm(m_p->font());
        qreal x = m_content.left();
        for (int i = 0; i < columns.size(); ++i) {
            const QString t = fm.elidedText(columns[i].header, Qt::ElideRight, widths[i] - 2 * pad);
            const qreal tx = columns[i].alignRight ? x + widths[i] - pad - fm.horizontalAdvance(t) : x + pad;
            m_p->drawText(QPointF(tx, m_y + (h + fm.ascent() - fm.descent()) / 2), t);
            x += widths[i];
        }
    }

    void drawRow(const QList<Column>& columns, const QList<qreal>& widths, const Row& row,
                 const QList<QStringList>& cellLines, int from, int to, qreal h, int index,
                 const TableMetrics& metrics, qreal pad)
    {
        const QRectF band(m_content.left(), m_y, m_content.width(), h);
        if (row.group)
            m_p->fillRect(band, kGroup);
        else if (index % 2 == 1)
            m_p->fillRect(band, kZebra);
        m_p->setPen(QPen(kRule, 0.4));
        m_p->drawLine(band.bottomLeft(), band.bottomRight());
        const qreal top = m_y + metrics.rowPadding;
        if (row.group) {
            m_p->setFont(fontFor(FontRole::SmallBold));
            m_p->setPen(kAccent);
            const QFontMetricsF fm(m_p->font());
            const QStringList& l = cellLines.value(0);
            for (int i = from; i < to && i < l.size(); ++i)
                m_p->drawText(QPointF(m_content.left() + pad, top + (i - from) * metrics.lineHeight + fm.ascent()), l[i]);
            return;
        }
        qreal x = m_content.left();
        for (int c = 0; c < columns.size(); ++c) {
            const Cell cell = row.cells.value(c);
            const QStringList& l = cellLines.value(c);
            if (cell.kind == CellKind::Status) {
                if (from == 0)
                    drawStatusBadge(QPointF(x + pad, top), cell.status, metrics.lineHeight);
            } else {
                const QFont f = cellFont(cell.kind);
                m_p->setFont(f);
                m_p->setPen(cell.kind == CellKind::Severity ? severityColor(cell.severity)
                            : cell.kind == CellKind::Muted  ? kMuted
                                                            : kInk);
                const QFontMetricsF fm(f);
                for (int i = from; i < to && i < l.size(); ++i) {
                    const qreal baseline = top + (i - from) * metrics.lineHeight + fm.ascent() + 1;
                    const qreal tx = columns[c].alignRight ? x + widths[c] - pad - fm.horizontalAdvance(l[i]) : x + pad;
                    m_p->drawText(QPointF(tx, baseline), l[i]);
                }
            }
            x += widths[c];
        }
    }

    void drawStatusBadge(QPointF topLeft, ControlStatus s, qreal lineHeight)
    {
        const StatusStyle st = statusStyle(s);
        const qreal size = lineHeight - 1.5;
        const QRectF box(topLeft.x(), topLeft.y() + 0.5, size, size);
        m_p->setPen(Qt::NoPen);
        m_p->setBrush(st.fill);
        m_p->drawRoundedRect(box, 1.5, 1.5);
        m_p->setBrush(Qt::NoBrush);
        m_p->setFont(fontFor(FontRole::Tiny));
        m_p->setPen(st.ink);
        m_p->drawText(box, Qt::AlignCenter, st.glyph);
        m_p->setFont(fontFor(FontRole::SmallBold));
        m_p->setPen(st.text);
        const QFontMetricsF fm(m_p->font());
        m_p->drawText(QPointF(box.right() + 3, topLeft.y() + fm.ascent() + 1), st.word);
    }

    // ---- cover ----------------------------------------------------------------------------------
    void cover()
    {
        newPage(false);
        if (!painting())
            return;
        const QRectF band(0, 0, m_geo.page.width(), 250);
        m_p->fillRect(band, kAccent);
        m_p->setPen(QColor(0xb0, 0xbe, 0xc5));
        m_p->setFont(fontFor(FontRole::H3));
        m_p->drawText(QPointF(m_content.left(), 92), QStringLiteral("BULWARK \u00b7 DOCKER FLEET HARDENING"));
        m_p->setPen(Qt::white);
        m_p->setFont(fontFor(FontRole::Title));
        qreal y = 132;
        for (const QString& line : wrapText(d.title, fontFor(FontRole::Title), m_content.width())) {
            m_p->drawText(QPointF(m_content.left(), y), line);
            y += 32;
        }
        m_p->setFont(fontFor(FontRole::H2));
        m_p->setPen(QColor(0xec, 0xef, 0xf1));
        const QString policyLine = d.policy.id + QLatin1Char(' ') + d.policy.version
                                   + (d.policy.title.isEmpty() ? QString() : QStringLiteral(" \u2014 ") + d.policy.title);
        for (const QString& line : wrapText(policyLine, fontFor(FontRole::H2), m_content.width())) {
            m_p->drawText(QPointF(m_content.left(), y + 6), line);
            y += 18;
        }

        // Score badge.
        const double score = d.totals.score();
        const QRectF badge(m_content.right() - 130, 290, 130, 96);
        m_p->setPen(Qt::NoPen);
        m_p->setBrush(scoreColor(score));
        m_p->drawRoundedRect(badge, 6, 6);
        m_p->setBrush(Qt::NoBrush);
        m_p->setPen(Qt::white);
        m_p->setFont(fontFor(FontRole::Huge));
        m_p->drawText(badge.adjusted(0, 8, 0, -30), Qt::AlignCenter, scoreText(score));
        m_p->setFont(fontFor(FontRole::Small));
        m_p->drawText(badge.adjusted(0, 60, 0, -10), Qt::AlignCenter, QStringLiteral("compliance score"));

        // Facts.
        struct Fact {
            QString label, value;
        };
        const QList<Fact> facts{
            {QStringLiteral("Fleet"), d.fleetName},
            {QStringLiteral("Policy"), d.policy.id + QStringLiteral(" version ") + d.policy.version},
            {QStringLiteral("Policy source"), d.policy.source.isEmpty() ? QStringLiteral("embedded") : d.policy.source},
            {QStringLiteral("Audit time"), formatTime(d.auditTime)},
            {QStringLiteral("Period"), formatTime(d.periodStart) + QStringLiteral(" \u2013 ") + formatTime(d.periodEnd)},
            {QStringLiteral("Prepared by"), d.author},
            {QStringLiteral("Hosts"), QStringLiteral("%1 in the fleet, %2 scanned").arg(d.hostsTotal).arg(d.hostsScanned)},
            {QStringLiteral("Containers"), QString::number(d.containersTotal)},
            {QStringLiteral("Verdicts"), QStringLiteral("%1 pass, %2 fail, %3 waived, %4 unknown, %5 not applicable")
                                             .arg(d.totals.pass).arg(d.totals.fail).arg(d.totals.waived)
                                             .arg(d.totals.unknown).arg(d.totals.notApplicable)},
        };
        y = 300;
        const qreal labelW = 90;
        const qreal valueW = m_content.width() - labelW - 150;
        for (const auto& f : facts) {
            m_p->setFont(fontFor(FontRole::SmallBold));
            m_p->setPen(kMuted);
            m_p->drawText(QPointF(m_content.left(), y), f.label.toUpper());
            m_p->setFont(fontFor(FontRole::Body));
            m_p->setPen(kInk);
            for (const QString& line : wrapText(f.value, fontFor(FontRole::Body), valueW)) {
                m_p->drawText(QPointF(m_content.left() + labelW, y), line);
                y += 12;
            }
            y += 8;
        }
        m_p->setFont(fontFor(FontRole::Small));
        m_p->setPen(kMuted);
        const QString note = QStringLiteral(
            "This report states what was checked, what was found and with what evidence, what was waived and why, "
            "and what was fixed during the period. Every verdict comes from the policy's controls as listed in the "
            "appendix. Times are UTC.");
        y = m_content.bottom() - 40;
        for (const QString& line : wrapText(note, fontFor(FontRole::Small), m_content.width())) {
            m_p->drawText(QPointF(m_content.left(), y), line);
            y += 11;
        }
        m_p->setPen(kRule);
        m_p->drawLine(QPointF(m_content.left(), m_content.bottom() + 8), QPointF(m_content.right(), m_content.bottom() + 8));
        m_p->setPen(kMuted);
        m_p->drawText(QPointF(m_content.left(), m_content.bottom() + m_geo.footerGap),
                      QStringLiteral("Generated by Bulwark %1").arg(QStringLiteral(BULWARK_VERSION)));
        drawTextRight(QPointF(m_content.right(), m_content.bottom() + m_geo.footerGap), pageLabel(m_page, m_totalPages));
    }

    static QString scoreText(double score)
    {
        return score < 0 ? QStringLiteral("n/a") : QString::number(score, 'f', 0) + QLatin1Char('%');
    }
    static QColor scoreColor(double score)
    {
        if (score < 0)
            return statusStyle(ControlStatus::Unknown).fill;
        if (score >= 90)
            return statusStyle(ControlStatus::Pass).fill;
        if (score >= 70)
            return QColor(0xb2, 0x6a, 0x00);
        return statusStyle(ControlStatus::Fail).fill;
    }

    // ---- contents -------------------------------------------------------------------------------
    void tableOfContents()
    {
        newPage();
        if (painting()) {
            m_p->setFont(fontFor(FontRole::H1));
            m_p->setPen(kAccent);
            m_p->drawText(QPointF(m_content.left(), m_y + 18), QStringLiteral("Contents"));
            m_p->setPen(QPen(kAccent, 1.2));
            m_p->drawLine(QPointF(m_content.left(), m_y + 25), QPointF(m_content.right(), m_y + 25));
        }
        m_y += 40;
        // The entries are known before layout (planned), so the contents' own length never changes
        // the page numbers it lists: pass one and pass two agree.
        for (const auto& e : plannedToc()) {
            const qreal lh = e.level == 0 ? 17 : 13;
            ensure(lh);
            if (painting()) {
                const QFont f = fontFor(e.level == 0 ? FontRole::Bold : FontRole::Body);
                m_p->setFont(f);
                m_p->setPen(e.level == 0 ? kInk : kMuted);
                const qreal x = m_content.left() + (e.level == 0 ? 0 : 16);
                const QFontMetricsF fm(f);
                const QString pageText = QString::number(tocPage(e.title, e.level));
                const qreal pw = fm.horizontalAdvance(pageText);
                const QString title = fm.elidedText(e.title, Qt::ElideRight, m_content.right() - x - pw - 40);
                const qreal tw = fm.horizontalAdvance(title);
                m_p->drawText(QPointF(x, m_y + fm.ascent()), title);
                m_p->drawText(QPointF(m_content.right() - pw, m_y + fm.ascent()), pageText);
                // Dot leaders guide the eye from title to page number.
                m_p->setPen(QPen(kRule, 0.8, Qt::DotLine));
                m_p->drawLine(QPointF(x + tw + 6, m_y + fm.ascent()), QPointF(m_content.right() - pw - 6, m_y + fm.ascent()));
            }
            m_y += lh;
        }
    }

    QList<TocEntry> plannedToc() const
    {
        QList<TocEntry> t;
        t << TocEntry{QStringLiteral("1  Executive summary"), 0, 0} << TocEntry{QStringLiteral("2  Heatmap"), 0, 0}
          << TocEntry{QStringLiteral("3  Findings"), 0, 0};
        if (!d.fleetResults.isEmpty())
            t << TocEntry{QStringLiteral("Fleet-wide controls"), 1, 0};
        for (const auto& h : d.hosts)
            t << TocEntry{QStringLiteral("Host ") + h.name, 1, 0};
        t << TocEntry{QStringLiteral("4  Memory and log latency"), 0, 0} << TocEntry{QStringLiteral("5  Waivers"), 0, 0}
          << TocEntry{QStringLiteral("6  Remediations"), 0, 0}
          << TocEntry{QStringLiteral("Appendix: control semantics"), 0, 0};
        return t;
    }

    int tocPage(const QString& title, int level) const
    {
        for (const auto& e : m_toc)
            if (e.title == title && e.level == level)
                return e.page;
        return 0;
    }

    // ---- executive summary ----------------------------------------------------------------------
    void executiveSummary()
    {
        startSection(QStringLiteral("1  Executive summary"));
        const double score = d.totals.score();
        QString lead = QStringLiteral("The fleet \u201c%1\u201d was audited against %2 %3 at %4. ")
                           .arg(d.fleetName, d.policy.id, d.policy.version, formatTime(d.auditTime));
        lead += QStringLiteral("%1 of %2 hosts were scanned; %3 containers were evaluated against %4 controls. ")
                    .arg(d.hostsScanned).arg(d.hostsTotal).arg(d.containersTotal).arg(d.controls.size());
        lead += score < 0 ? QStringLiteral("No control could be evaluated.")
                          : QStringLiteral("The compliance score is %1 (passed or waived verdicts among all evaluated "
                                           "ones; unknown verdicts count against it).")
                                .arg(scoreText(score));
        paragraph(lead);
        kpis();

        subsection(QStringLiteral("Top risks"), false);
        if (d.topRisks.isEmpty()) {
            paragraph(QStringLiteral("No control failed."));
        } else {
            QList<Row> rows;
            int rank = 1;
            for (const auto& r : d.topRisks) {
                rows << Row{{text(QString::number(rank++)), bold(r.control.id), severity(r.control.severity),
                             text(r.control.title), text(QString::number(r.failing)),
                             muted(r.examples.join(QStringLiteral(", ")))},
                            false};
            }
            table({{QStringLiteral("#"), {16, 0}},
                   {QStringLiteral("Control"), {72, 0}},
                   {QStringLiteral("Severity"), {52, 0}},
                   {QStringLiteral("Title"), {100, 2}},
                   {QStringLiteral("Failing"), {46, 0}, true},
                   {QStringLiteral("Examples"), {100, 2}}},
                  rows);
        }

        subsection(QStringLiteral("Verdicts per control"), false);
        QList<Row> rows;
        for (const auto& c : d.controls) {
            rows << Row{{bold(c.definition.id), text(c.definition.title), severity(c.definition.severity),
                         number(c.counts.pass), number(c.counts.fail), number(c.counts.waived),
                         number(c.counts.unknown), number(c.counts.notApplicable)},
                        false};
        }
        table(countColumns(QStringLiteral("Control"), QStringLiteral("Title"), QStringLiteral("Severity")), rows);

        subsection(QStringLiteral("Verdicts per host"), false);
        rows.clear();
        for (const auto& h : d.hosts) {
            rows << Row{{bold(h.name), text(hostStatusText(h.status)), text(QString::number(h.containerCount)),
                         number(h.counts.pass), number(h.counts.fail), number(h.counts.waived),
                         number(h.counts.unknown), text(scoreText(h.counts.score()))},
                        false};
        }
        table({{QStringLiteral("Host"), {90, 2}},
               {QStringLiteral("Scan"), {70, 1}},
               {QStringLiteral("Containers"), {62, 0}, true},
               {QStringLiteral("Pass"), {36, 0}, true},
               {QStringLiteral("Fail"), {36, 0}, true},
               {QStringLiteral("Waived"), {44, 0}, true},
               {QStringLiteral("Unknown"), {50, 0}, true},
               {QStringLiteral("Score"), {40, 0}, true}},
              rows);
    }

    static QList<Column> countColumns(const QString& a, const QString& b, const QString& c)
    {
        return {{a, {72, 0}},
                {b, {110, 3}},
                {c, {52, 0}},
                {QStringLiteral("Pass"), {32, 0}, true},
                {QStringLiteral("Fail"), {32, 0}, true},
                {QStringLiteral("Waived"), {44, 0}, true},
                {QStringLiteral("Unknown"), {50, 0}, true},
                {QStringLiteral("N/A"), {30, 0}, true}};
    }

    void kpis()
    {
        struct Kpi {
            QString value, label;
            QColor color;
        };
        const QList<Kpi> kpis{
            {scoreText(d.totals.score()), QStringLiteral("score"), scoreColor(d.totals.score())},
            {QStringLiteral("%1/%2").arg(d.hostsScanned).arg(d.hostsTotal), QStringLiteral("hosts scanned"),
             d.hostsScanned == d.hostsTotal ? kAccent : statusStyle(ControlStatus::Unknown).fill},
            {QString::number(d.containersTotal), QStringLiteral("containers"), kAccent},
            {QString::number(d.totals.fail), QStringLiteral("failing verdicts"), statusStyle(ControlStatus::Fail).fill},
            {QString::number(d.totals.waived), QStringLiteral("waived"), statusStyle(ControlStatus::Waived).text},
            {QString::number(d.totals.unknown), QStringLiteral("unknown"), statusStyle(ControlStatus::Unknown).fill},
        };
        const qreal h = 46, gap = 6;
        ensure(h + 8);
        const qreal w = (m_content.width() - gap * (kpis.size() - 1)) / kpis.size();
        if (painting()) {
            for (int i = 0; i < kpis.size(); ++i) {
                const QRectF box(m_content.left() + i * (w + gap), m_y, w, h);
                m_p->setPen(QPen(kRule, 0.6));
                m_p->setBrush(QColor(0xfa, 0xfb, 0xfc));
                m_p->drawRect(box);
                m_p->fillRect(QRectF(box.left(), box.top(), 3, box.height()), kpis[i].color);
                m_p->setBrush(Qt::NoBrush);
                m_p->setPen(kpis[i].color);
                m_p->setFont(fontFor(FontRole::H2));
                m_p->drawText(QPointF(box.left() + 10, box.top() + 22), kpis[i].value);
                m_p->setPen(kMuted);
                m_p->setFont(fontFor(FontRole::Tiny));
                m_p->drawText(QPointF(box.left() + 10, box.top() + 37), kpis[i].label);
            }
        }
        m_y += h + 8;
    }

    // ---- heatmap --------------------------------------------------------------------------------
    void heatmap()
    {
        startSection(QStringLiteral("2  Heatmap"));
        paragraph(QStringLiteral("One row per subject (the fleet, each host, each container), one column per control "
                                 "in policy order. A cell shows the worst verdict for that subject and control; colour "
                                 "and glyph carry the same meaning, so the figure reads in greyscale."));
        legend();
        const int columns = static_cast<int>(d.controls.size());
        if (d.heatmap.isEmpty() || columns == 0) {
            paragraph(QStringLiteral("Nothing was evaluated."));
            return;
        }
        // At least a few rows under the column header, or the figure starts on a fresh page.
        ensure(62 + 3 * 11);
        const HeatmapLayout hl = heatmapLayout(columns, m_content.width(), remaining(), m_content.height());
        const int rows = static_cast<int>(d.heatmap.size());
        int lastPage = -1;
        qreal originY = m_y;
        for (int r = 0; r < rows; ++r) {
            const int page = hl.pageOfRow(r);
            if (page != lastPage) {
                if (page > 0)
                    newPage();
                originY = m_y;
                if (painting())
                    drawHeatmapHeader(hl, originY);
                lastPage = page;
            }
            const int slot = hl.slotOfRow(r);
            if (painting())
                drawHeatmapRow(hl, originY, slot, d.heatmap[r]);
            m_y = originY + hl.cellRect(slot, 0).bottom();
        }
        m_y += 10;
    }

    void legend()
    {
        const qreal h = 14;
        ensure(h + 6);
        if (painting()) {
            qreal x = m_content.left();
            QList<std::pair<StatusStyle, QString>> items;
            for (auto s : {ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived, ControlStatus::Unknown,
                           ControlStatus::NotApplicable})
                items.append({statusStyle(s), statusStyle(s).word});
            items.append({noResultStyle(), noResultStyle().word});
            for (const auto& [st, word] : items) {
                const QRectF box(x, m_y + 1, 11, 11);
                m_p->setPen(QPen(kRule, 0.4));
                m_p->setBrush(st.fill);
                m_p->drawRect(box);
                m_p->setBrush(Qt::NoBrush);
                m_p->setFont(fontFor(FontRole::Tiny));
                m_p->setPen(st.ink);
                m_p->drawText(box, Qt::AlignCenter, st.glyph);
                m_p->setFont(fontFor(FontRole::Small));
                m_p->setPen(kInk);
                m_p->drawText(QPointF(x + 15, m_y + 10), word);
                x += 15 + QFontMetricsF(fontFor(FontRole::Small)).horizontalAdvance(word) + 16;
            }
        }
        m_y += h + 6;
    }

    void drawHeatmapHeader(const HeatmapLayout& hl, qreal originY)
    {
        m_p->setFont(fontFor(FontRole::SmallBold));
        m_p->setPen(kInk);
        const QFontMetricsF fm(m_p->font());
        for (int c = 0; c < hl.columns && c < d.controls.size(); ++c) {
            const QRectF r = hl.headerRect(c).translated(m_content.left(), originY);
            m_p->save();
            // Rotated ids keep the columns narrow; they read bottom-up like a spreadsheet header.
            m_p->translate(r.center().x() + (fm.ascent() - fm.descent()) / 2, r.bottom() - 3);
            m_p->rotate(-90);
            m_p->drawText(QPointF(0, 0), d.controls[c].definition.id);
            m_p->restore();
        }
        m_p->setFont(fontFor(FontRole::SmallBold));
        m_p->setPen(kMuted);
        m_p->drawText(QPointF(m_content.left(), originY + hl.headerHeight - 4), QStringLiteral("Subject"));
    }

    void drawHeatmapRow(const HeatmapLayout& hl, qreal originY, int slot, const HeatmapRow& row)
    {
        const QRectF label = hl.labelRect(slot).translated(m_content.left(), originY);
        const bool strong = row.kind != HeatmapRow::Kind::Container;
        if (strong)
            m_p->fillRect(QRectF(label.left(), label.top(), hl.labelWidth + hl.cellWidth * hl.columns, label.height()),
                          kGroup);
        m_p->setFont(fontFor(strong ? FontRole::SmallBold : FontRole::Small));
        m_p->setPen(strong ? kAccent : kInk);
        const QFontMetricsF fm(m_p->font());
        const qreal indent = strong ? 2 : 10;
        const QString text = fm.elidedText(row.label, Qt::ElideMiddle, hl.labelWidth - indent - 4);
        m_p->drawText(QPointF(label.left() + indent, label.top() + (label.height() + fm.ascent() - fm.descent()) / 2),
                      text);
        m_p->setFont(fontFor(FontRole::Tiny));
        for (int c = 0; c < hl.columns && c < row.cells.size(); ++c) {
            const QRectF cell = hl.cellRect(slot, c).translated(m_content.left(), originY).adjusted(0.5, 0.5, -0.5, -0.5);
            const StatusStyle st = row.hasResult[c] ? statusStyle(row.cells[c]) : noResultStyle();
            m_p->fillRect(cell, st.fill);
            m_p->setPen(st.ink);
            m_p->drawText(cell, Qt::AlignCenter, st.glyph);
        }
    }

    // ---- findings -------------------------------------------------------------------------------
    void findings()
    {
        startSection(QStringLiteral("3  Findings"));
        paragraph(QStringLiteral("For every host: how it was scanned, its host-level verdicts, and every container "
                                 "verdict that did not pass, with the evidence read from the engine and the "
                                 "remediation the policy prescribes. Containers that passed every evaluated control "
                                 "are listed by name."));
        if (!d.fleetResults.isEmpty()) {
            subsection(QStringLiteral("Fleet-wide controls"), true);
            QList<Row> rows;
            for (const auto& r : d.fleetResults)
                rows << findingRow(r, QString());
            table(findingColumns(QStringLiteral("Scope")), rows);
        }
        for (const auto& h : d.hosts)
            hostFindings(h);
    }

    static QList<Column> findingColumns(const QString& subjectHeader)
    {
        return {{subjectHeader, {72, 0}},
                {QStringLiteral("Control"), {70, 0}},
                {QStringLiteral("Verdict"), {58, 0}},
                {QStringLiteral("Evidence"), {120, 3}},
                {QStringLiteral("Reason and remediation"), {120, 3}}};
    }

    Row findingRow(const ControlResult& r, const QString& subject) const
    {
        QString reason = r.reason;
        if (!r.remediation.isEmpty())
            reason += (reason.isEmpty() ? QString() : QStringLiteral("\n")) + QStringLiteral("Fix: ") + r.remediation;
        if (!r.waiverReason.isEmpty())
            reason += QStringLiteral("\nWaiver: ") + r.waiverReason
                      + (r.waiverExpires.isValid() ? QStringLiteral(" (expires ") + formatTime(r.waiverExpires) + QLatin1Char(')')
                                                   : QString());
        if (!r.note.isEmpty())
            reason += QStringLiteral("\nNote: ") + r.note;
        return Row{{text(subject.isEmpty() ? controlScopeName(r.scope) : subject),
                    bold(r.controlId + QLatin1Char('\n') + severityText(r.severity)), status(r.status),
                    mono(r.evidence.isEmpty() ? QStringLiteral("(none recorded)") : r.evidence), text(reason)},
                   false};
    }

    void hostFindings(const HostSummary& h)
    {
        subsection(QStringLiteral("Host ") + h.name, true);
        QString facts = QStringLiteral("Scan: %1.").arg(hostStatusText(h.status));
        if (!h.engine.serverVersion.isEmpty())
            facts += QStringLiteral(" Docker %1 (API %2) on %3, kernel %4, %5, cgroup v%6.")
                         .arg(h.engine.serverVersion, h.engine.apiVersion, h.engine.os, h.engine.kernelVersion,
                              h.engine.architecture, h.engine.cgroupVersion);
        facts += QStringLiteral(" %1 containers; %2 pass, %3 fail, %4 waived, %5 unknown.")
                     .arg(h.containerCount).arg(h.counts.pass).arg(h.counts.fail).arg(h.counts.waived)
                     .arg(h.counts.unknown);
        paragraph(facts, FontRole::Body, kInk);
        if (h.status != HostStatus::Ok && !h.error.isEmpty())
            paragraph(QStringLiteral("Not scanned: ") + h.error, FontRole::Bold, statusStyle(ControlStatus::Fail).text);

        if (!h.hostResults.isEmpty()) {
            heading3(QStringLiteral("Host-level controls"));
            QList<Row> rows;
            for (const auto& r : h.hostResults)
                rows << findingRow(r, h.name);
            table(findingColumns(QStringLiteral("Host")), rows);
        }

        QList<Row> rows;
        QStringList clean;
        for (const auto& c : h.containers) {
            QList<Row> own;
            for (const auto& r : c.results)
                if (r.status != ControlStatus::Pass && r.status != ControlStatus::NotApplicable)
                    own << findingRow(r, c.name);
            if (own.isEmpty()) {
                clean << (c.name.isEmpty() ? c.id.left(12) : c.name);
                continue;
            }
            QString title = c.name.isEmpty() ? c.id.left(12) : c.name;
            if (!c.image.isEmpty())
                title += QStringLiteral("  \u00b7  ") + c.image;
            if (!c.state.isEmpty())
                title += QStringLiteral("  \u00b7  ") + c.state;
            title += QStringLiteral("  \u00b7  %1 pass, %2 fail, %3 waived, %4 unknown")
                         .arg(c.counts.pass).arg(c.counts.fail).arg(c.counts.waived).arg(c.counts.unknown);
            rows << Row{{text(title)}, true};
            rows << own;
        }
        if (!rows.isEmpty()) {
            heading3(QStringLiteral("Container findings"));
            table(findingColumns(QStringLiteral("Container")), rows);
        }
        if (!clean.isEmpty())
            paragraph(QStringLiteral("Passing every evaluated control (%1): ").arg(clean.size())
                          + clean.join(QStringLiteral(", ")),
                      FontRole::Small, kMuted);
    }

    // ---- telemetry ------------------------------------------------------------------------------
    void telemetry()
    {
        startSection(QStringLiteral("4  Memory and log latency"));
        paragraph(QStringLiteral("Period: %1 \u2013 %2.").arg(formatTime(d.periodStart), formatTime(d.periodEnd)));
        subsection(QStringLiteral("Memory"), false);
        const MemoryChart mc = memoryChart(d);
        if (mc.series.isEmpty()) {
            paragraph(QStringLiteral("No memory samples were recorded in the period."), FontRole::Body, kMuted);
        } else {
            paragraph(QStringLiteral("Memory in use per host (sum of its containers, page cache excluded as docker stats "
                                     "reports it). REQ-HARD-02 bounds idle infrastructure memory to 20% of the host's."),
                      FontRole::Small, kMuted);
            memoryChartFigure(mc);
            QList<Row> rows;
            for (const auto& p : topMemoryContainers(d.memoryHistory)) {
                const QString share = p.limitBytes > 0
                                          ? QString::number(100.0 * static_cast<double>(p.peakBytes) / static_cast<double>(p.limitBytes), 'f', 0) + QLatin1Char('%')
                                          : QStringLiteral("no limit");
                rows << Row{{text(p.hostName), text(p.containerName), text(formatBytes(p.peakBytes)),
                             text(p.limitBytes > 0 ? formatBytes(p.limitBytes) : QStringLiteral("none")), text(share)},
                            false};
            }
            heading3(QStringLiteral("Highest memory peaks"));
            table({{QStringLiteral("Host"), {80, 1}},
                   {QStringLiteral("Container"), {120, 2}},
                   {QStringLiteral("Peak"), {60, 0}, true},
                   {QStringLiteral("Limit"), {60, 0}, true},
                   {QStringLiteral("Of limit"), {50, 0}, true}},
                  rows);
        }

        ensure(270); // heading, caption, chart and figures stay on one page
        subsection(QStringLiteral("Log ingestion latency"), false);
        const LatencyStats st = latencyStats(d.latencyHistory);
        if (d.latencyHistory.isEmpty()) {
            paragraph(QStringLiteral("No log-latency probes were recorded in the period."), FontRole::Body, kMuted);
            return;
        }
        paragraph(QStringLiteral("Canary log lines searched for in Loki. NFR-OBS-01 requires p95 < 2 s; AC-HARD-03 "
                                 "requires every event to be searchable within 5 s. Missed probes are marked \u2717 at "
                                 "the top."),
                  FontRole::Small, kMuted);
        latencyChartFigure();
        table({{QStringLiteral("Probes"), {60, 1}, true},
               {QStringLiteral("Missed"), {60, 1}, true},
               {QStringLiteral("p50"), {60, 1}, true},
               {QStringLiteral("p95"), {60, 1}, true},
               {QStringLiteral("Max"), {60, 1}, true}},
              {Row{{text(QString::number(st.samples + st.misses)), text(QString::number(st.misses)),
                    text(seconds(st.p50Ms)), text(seconds(st.p95Ms)), text(seconds(st.maxMs))},
                   false}});
    }

    static QString seconds(double ms) { return QString::number(ms / 1000.0, 'f', 2) + QStringLiteral(" s"); }

    // A framed plot area with y ticks, x time ticks and a caption-free legend below.
    ChartFrame chartFrame(qreal height, double yMax, const QString& yUnit, double unitDiv, double xMin, double xMax)
    {
        ensure(height + 30);
        const Axis ay = niceAxis(0, yMax / unitDiv, 5);
        ChartFrame f;
        f.plot = QRectF(m_content.left() + 46, m_y + 6, m_content.width() - 56, height - 28);
        f.xMin = xMin;
        f.xMax = xMax;
        f.yMin = ay.min * unitDiv;
        f.yMax = ay.max * unitDiv;
        if (painting()) {
            m_p->setPen(QPen(kRule, 0.5));
            m_p->setFont(fontFor(FontRole::Tiny));
            const QFontMetricsF fm(m_p->font());
            for (double t : ay.ticks) {
                const QPointF a = f.map(xMin, t * unitDiv);
                m_p->setPen(QPen(kRule, 0.4));
                m_p->drawLine(a, QPointF(f.plot.right(), a.y()));
                m_p->setPen(kMuted);
                const QString label = QString::number(t, 'g', 4);
                m_p->drawText(QPointF(f.plot.left() - 4 - fm.horizontalAdvance(label), a.y() + 2.5), label);
            }
            m_p->save();
            m_p->translate(m_content.left() + 8, f.plot.center().y());
            m_p->rotate(-90);
            m_p->drawText(QPointF(-fm.horizontalAdvance(yUnit) / 2, 0), yUnit);
            m_p->restore();
            const int xt = 5;
            for (int i = 0; i <= xt; ++i) {
                const double x = xMin + (xMax - xMin) * i / xt;
                const QPointF a = f.map(x, f.yMin);
                m_p->setPen(QPen(kMuted, 0.5));
                m_p->drawLine(a, a + QPointF(0, 3));
                const QString label = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x), QTimeZone::utc())
                                          .toString(QStringLiteral("MM-dd HH:mm"));
                const qreal w = fm.horizontalAdvance(label);
                const qreal lx = std::clamp(a.x() - w / 2, f.plot.left() - 20, f.plot.right() - w);
                m_p->drawText(QPointF(lx, a.y() + 11), label);
            }
            m_p->setPen(QPen(kMuted, 0.7));
            m_p->drawLine(f.plot.bottomLeft(), f.plot.bottomRight());
            m_p->drawLine(f.plot.bottomLeft(), f.plot.topLeft());
        }
        return f;
    }

    void memoryChartFigure(const MemoryChart& mc)
    {
        constexpr double GiB = 1024.0 * 1024 * 1024;
        constexpr double MiB = 1024.0 * 1024;
        const bool gib = mc.yMax >= GiB;
        const qreal height = 190;
        const ChartFrame f = chartFrame(height, std::max(mc.yMax, 1.0), gib ? QStringLiteral("GiB") : QStringLiteral("MiB"),
                                        gib ? GiB : MiB, mc.xMin, mc.xMax);
        if (painting()) {
            m_p->save();
            m_p->setClipRect(f.plot.adjusted(-1, -1, 1, 1));
            m_p->setRenderHint(QPainter::Antialiasing);
            for (int i = 0; i < mc.series.size(); ++i) {
                QPainterPath path;
                const auto& pts = mc.series[i].points;
                for (int k = 0; k < pts.size(); ++k) {
                    const QPointF q = f.map(pts[k].x(), pts[k].y());
                    if (k == 0)
                        path.moveTo(q);
                    else
                        path.lineTo(q);
                }
                m_p->setPen(QPen(seriesColor(i), 1.3));
                m_p->drawPath(path);
            }
            m_p->restore();
        }
        m_y += height;
        QStringList names;
        for (const auto& s : mc.series)
            names << s.name;
        seriesLegend(names, mc.hiddenSeries > 0 ? QStringLiteral("%1 more hosts with lower peaks not drawn").arg(mc.hiddenSeries)
                                                : QString());
    }

    void seriesLegend(const QStringList& names, const QString& tail)
    {
        const QFont f = fontFor(FontRole::Small);
        const QFontMetricsF fm(f);
        qreal x = m_content.left() + 46;
        ensure(14);
        for (int i = 0; i < names.size(); ++i) {
            const qreal w = 16 + fm.horizontalAdvance(names[i]) + 12;
            if (x + w > m_content.right()) {
                x = m_content.left() + 46;
                m_y += 12;
                ensure(14);
            }
            if (painting()) {
                m_p->setPen(QPen(seriesColor(i), 2));
                m_p->drawLine(QPointF(x, m_y + 5), QPointF(x + 11, m_y + 5));
                m_p->setFont(f);
                m_p->setPen(kInk);
                m_p->drawText(QPointF(x + 15, m_y + 8), names[i]);
            }
            x += w;
        }
        m_y += 14;
        if (!tail.isEmpty())
            paragraph(tail, FontRole::Small, kMuted, 46);
        m_y += 4;
    }

    void latencyChartFigure()
    {
        double yMax = 6000;
        for (const auto& p : d.latencyHistory)
            if (!p.missed && p.latencyMs > 0)
                yMax = std::max(yMax, static_cast<double>(p.latencyMs));
        double xMin = d.periodStart.isValid() ? static_cast<double>(d.periodStart.toMSecsSinceEpoch()) : 0;
        double xMax = d.periodEnd.isValid() ? static_cast<double>(d.periodEnd.toMSecsSinceEpoch()) : 1;
        for (const auto& p : d.latencyHistory) {
            xMin = std::min(xMin, static_cast<double>(p.emittedMs));
            xMax = std::max(xMax, static_cast<double>(p.emittedMs));
        }
        const qreal height = 170;
        const ChartFrame f = chartFrame(height, yMax * 1.08, QStringLiteral("seconds"), 1000, xMin, std::max(xMax, xMin + 1));
        if (painting()) {
            m_p->save();
            m_p->setRenderHint(QPainter::Antialiasing);
            auto threshold = [&](double ms, const QString& label, const QColor& c) {
                const QPointF a = f.map(f.xMin, ms);
                m_p->setPen(QPen(c, 0.8, Qt::DashLine));
                m_p->drawLine(a, QPointF(f.plot.right(), a.y()));
                m_p->setFont(fontFor(FontRole::Tiny));
                m_p->drawText(QPointF(f.plot.right() - QFontMetricsF(m_p->font()).horizontalAdvance(label) - 2, a.y() - 2),
                              label);
            };
            threshold(2000, QStringLiteral("NFR-OBS-01 p95 < 2 s"), severityColor(Severity::Medium));
            threshold(5000, QStringLiteral("AC-HARD-03 \u2264 5 s"), severityColor(Severity::High));
            m_p->setFont(fontFor(FontRole::Tiny));
            for (const auto& p : d.latencyHistory) {
                if (p.missed || p.latencyMs < 0) {
                    const QPointF q = f.map(static_cast<double>(p.emittedMs), f.yMax);
                    m_p->setPen(statusStyle(ControlStatus::Fail).fill);
                    m_p->drawText(QRectF(q.x() - 4, q.y(), 8, 8), Qt::AlignCenter, QStringLiteral("\u2717"));
                    continue;
                }
                const QPointF q = f.map(static_cast<double>(p.emittedMs), static_cast<double>(p.latencyMs));
                const bool push = p.mode == QLatin1String("push");
                m_p->setPen(Qt::NoPen);
                m_p->setBrush(seriesColor(push ? 0 : 1));
                m_p->drawEllipse(q, 1.8, 1.8);
            }
            m_p->restore();
        }
        m_y += height;
        seriesLegend({QStringLiteral("push probe"), QStringLiteral("end-to-end probe")}, QString());
    }

    // ---- waivers, remediations, appendix ------------------------------------------------------------
    void waivers()
    {
        startSection(QStringLiteral("5  Waivers"));
        if (d.waivers.isEmpty()) {
            paragraph(QStringLiteral("No verdict was waived."));
            return;
        }
        paragraph(QStringLiteral("%1 verdicts carry a waiver. An expired waiver no longer applies: its verdict is "
                                 "reported as it was evaluated.")
                      .arg(d.waivers.size()));
        QList<Row> rows;
        for (const auto& w : d.waivers) {
            rows << Row{{text(subjectLabel(w.result)), bold(w.result.controlId), status(w.result.status),
                         text(w.result.waiverReason.isEmpty() ? QStringLiteral("(no reason given)") : w.result.waiverReason),
                         text(w.result.waiverExpires.isValid() ? formatTime(w.result.waiverExpires) : QStringLiteral("never")),
                         w.expired ? bold(QStringLiteral("expired")) : text(QStringLiteral("active"))},
                        false};
        }
        table({{QStringLiteral("Subject"), {100, 2}},
               {QStringLiteral("Control"), {70, 0}},
               {QStringLiteral("Verdict"), {58, 0}},
               {QStringLiteral("Reason"), {120, 3}},
               {QStringLiteral("Expires"), {78, 0}},
               {QStringLiteral("State"), {42, 0}}},
              rows);
    }

    void remediations()
    {
        startSection(QStringLiteral("6  Remediations"));
        if (d.remediations.isEmpty()) {
            paragraph(QStringLiteral("No remediation was recorded in the period."));
            return;
        }
        paragraph(QStringLiteral("%1 changes were recorded between %2 and %3, from the remediation log.")
                      .arg(d.remediations.size()).arg(formatTime(d.periodStart), formatTime(d.periodEnd)));
        QList<Row> rows;
        for (const auto& r : d.remediations) {
            QString what = r.filePath;
            if (!r.project.isEmpty() || !r.service.isEmpty())
                what += QStringLiteral("\n") + r.project + QLatin1Char('/') + r.service;
            if (!r.message.isEmpty())
                what += QStringLiteral("\n") + r.message;
            QStringList diff = r.diff.split(QLatin1Char('\n'));
            while (!diff.isEmpty() && diff.last().isEmpty())
                diff.removeLast();
            constexpr int kMaxDiffLines = 24;
            if (diff.size() > kMaxDiffLines) {
                const auto more = diff.size() - kMaxDiffLines;
                diff.resize(kMaxDiffLines);
                diff << QStringLiteral("\u2026 %1 more lines in the remediation log (id %2)").arg(more).arg(r.id);
            }
            rows << Row{{text(formatTime(r.timestamp) + QStringLiteral("\n#") + QString::number(r.id) + QStringLiteral(" by ")
                              + r.user),
                         text(r.hostName), bold(r.controls.join(QStringLiteral(", "))), text(what),
                         bold(r.outcome), mono(diff.join(QLatin1Char('\n')))},
                        false};
        }
        table({{QStringLiteral("When, who"), {74, 0}},
               {QStringLiteral("Host"), {50, 0}},
               {QStringLiteral("Controls"), {66, 0}},
               {QStringLiteral("Change"), {80, 1}},
               {QStringLiteral("Outcome"), {62, 0}},
               {QStringLiteral("Diff"), {120, 2}}},
              rows);
    }

    void appendix()
    {
        startSection(QStringLiteral("Appendix: control semantics"));
        paragraph(QStringLiteral("What each control of %1 %2 checks, which evidence it cites, and how to fix a failure.")
                      .arg(d.policy.id, d.policy.version));
        for (const auto& c : d.controls) {
            const ControlDefinition& def = c.definition;
            heading3(def.id + QStringLiteral("  ") + def.title);
            paragraph(QStringLiteral("Scope: %1 \u00b7 Severity: %2").arg(controlScopeName(def.scope), severityText(def.severity)),
                      FontRole::Small, kMuted);
            auto field = [&](const QString& label, const QString& value) {
                if (!value.isEmpty())
                    paragraph(label + QStringLiteral(": ") + value, FontRole::Body, kInk, 10);
            };
            field(QStringLiteral("Requirement"), def.requirement);
            field(QStringLiteral("Semantics"), def.semantics);
            field(QStringLiteral("Evidence"), def.evidence);
            field(QStringLiteral("Remediation"), def.remediation);
            if (!def.parameters.isEmpty()) {
                QStringList params;
                for (auto it = def.parameters.cbegin(); it != def.parameters.cend(); ++it)
                    params << it.key() + QLatin1Char('=') + it.value().toString();
                field(QStringLiteral("Parameters"), params.join(QStringLiteral(", ")));
            }
        }
    }

    QStringList wrap(const QString& text, const QFont& font, qreal width) { return wrapCached(m_cache, text, font, width); }

    const ReportData& d;
    WrapCache& m_cache;
    QPdfWriter* m_writer;
    QPainter* m_p;
    QList<TocEntry> m_toc;
    int m_tocIndex = 0;
    int m_totalPages;
    const PageGeometry m_geo;
    const QRectF m_content;
    int m_page = 0;
    qreal m_y = 0;
};

QString xmlEscape(const QString& s)
{
    return s.toHtmlEscaped();
}

} // namespace

PdfReport::PdfReport(ReportData data)
    : m_data(std::move(data))
{
}

PdfReport::~PdfReport() = default;

QByteArray PdfReport::xmpMetadata() const
{
    const QString subject = QStringLiteral("Audit of %1 against %2 %3").arg(m_data.fleetName, m_data.policy.id, m_data.policy.version);
    const QString xmp = QStringLiteral(
        "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
        "   <dc:format>application/pdf</dc:format>\n"
        "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></dc:title>\n"
        "   <dc:creator><rdf:Seq><rdf:li>%2</rdf:li></rdf:Seq></dc:creator>\n"
        "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%3</rdf:li></rdf:Alt></dc:description>\n"
        "   <pdf:Keywords>%4</pdf:Keywords>\n"
        "   <xmp:CreatorTool>Bulwark %5</xmp:CreatorTool>\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end='w'?>")
                            .arg(xmlEscape(m_data.title), xmlEscape(m_data.author), xmlEscape(subject),
                                 xmlEscape(m_data.policy.id + QStringLiteral(", audit, docker, hardening")),
                                 QStringLiteral(BULWARK_VERSION));
    return xmp.toUtf8();
}

Result<int> PdfReport::write(QIODevice* device)
{
    // Pass one: measure where every section lands and how many pages there are.
    QList<TocEntry> toc;
    int pages = 0;
    WrapCache cache;
    {
        Pass measure(m_data, cache, nullptr, nullptr, {}, 0);
        measure.run();
        toc = measure.toc();
        pages = measure.pages();
    }

    QPdfWriter writer(device);
    writer.setResolution(kResolution);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    writer.setTitle(m_data.title);
    writer.setCreator(QStringLiteral("Bulwark %1").arg(QStringLiteral(BULWARK_VERSION)));
    // Qt 6.4 has no setAuthor(); the author goes into the XMP packet (dc:creator). A custom packet
    // also drops Qt's default one, which would stamp the current time twice more.
    writer.setDocumentXmpMetadata(xmpMetadata());

    QPainter painter;
    if (!painter.begin(&writer))
        return Error{QStringLiteral("cannot start the PDF writer (is the output writable?)")};
    painter.scale(kScale, kScale);
    Pass paint(m_data, cache, &writer, &painter, toc, pages);
    paint.run();
    if (!painter.end())
        return Error{QStringLiteral("the PDF writer failed while finishing the document")};
    if (paint.pages() != pages)
        return Error{QStringLiteral("internal layout error: %1 pages measured, %2 painted").arg(pages).arg(paint.pages())};
    return pages;
}

} // namespace bulwark::report
