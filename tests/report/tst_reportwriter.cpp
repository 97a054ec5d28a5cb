// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF and HTML reports of synthetic fleets, read back through poppler (pdftotext, pdfinfo,
// pdffonts, pdftoppm) the way an auditor's tools read them.
#include "report/reportwriter.h"

#include "reporttools.h"
#include "syntheticaudit.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;
using namespace bulwark::test;

namespace {

QString normalised(QString s)
{
    // pdftotext breaks lines where the layout does; facts are checked on whitespace-collapsed text.
    static const QRegularExpression ws(QStringLiteral("\\s+"));
    return s.replace(ws, QStringLiteral(" "));
}

} // namespace

class tst_ReportWriter final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pdfStatesEveryFact();
    void pdfHasPageNumbersContentsAndMetadata();
    void pdfEmbedsFonts();
    void pageCountGrowsWithFleet();
    void pdfIsDeterministic();
    void heatmapIsDrawnInColour();
    void htmlStatesTheSameFacts();
    void htmlIsSelfContainedEscapedAndDeterministic();
    void emptyRunStillRenders();
    void unwritablePathIsAnError();

private:
    QString render(const SyntheticAudit& audit, const QString& name);
    QTemporaryDir m_dir;
};

void tst_ReportWriter::initTestCase()
{
    if (!havePoppler())
        QSKIP("poppler-utils (pdftotext, pdfinfo, pdftoppm) not installed: see .ci/deps");
    QVERIFY(m_dir.isValid());
    // BULWARK_KEEP_REPORTS=1 keeps the rendered files for a look at the pages.
    if (qEnvironmentVariableIsSet("BULWARK_KEEP_REPORTS")) {
        m_dir.setAutoRemove(false);
        qInfo("reports kept in %s", qPrintable(m_dir.path()));
    }
}

QString tst_ReportWriter::render(const SyntheticAudit& audit, const QString& name)
{
    const QString path = m_dir.filePath(name);
    const auto r = report::writePdf(audit.run, path, audit.options);
    if (!r)
        qWarning() << r.errorMessage();
    return r ? path : QString();
}

void tst_ReportWriter::pdfStatesEveryFact()
{
    const auto audit = makeSyntheticAudit({4, 6, 1, 11});
    const QString pdf = render(audit, QStringLiteral("facts.pdf"));
    QVERIFY(!pdf.isEmpty());
    const QString text = normalised(pdfText(pdf));

    // Cover: fleet, policy id and version, audit time, author.
    QVERIFY(text.contains(QStringLiteral("synthetic-fleet.yaml")));
    QVERIFY(text.contains(QStringLiteral("SPEC-INFRA-04 version 1.0")));
    QVERIFY(text.contains(QStringLiteral("2026-12-03 16:00 UTC")));
    QVERIFY(text.contains(QStringLiteral("Alice Auditor")));

    // Every host, including the unreachable one with its error.
    for (const auto& h : audit.run.fleet.hosts) {
        QVERIFY2(text.contains(QStringLiteral("Host ") + h.hostName), qPrintable(h.hostName));
        if (!h.isOk())
            QVERIFY2(text.contains(normalised(h.error)), qPrintable(h.error));
    }
    // Every failing container and control, with its evidence cited.
    int failing = 0;
    for (const auto& r : audit.run.results) {
        if (r.status != ControlStatus::Fail)
            continue;
        ++failing;
        QVERIFY2(text.contains(r.controlId), qPrintable(r.controlId));
        if (!r.containerName.isEmpty())
            QVERIFY2(text.contains(r.containerName), qPrintable(r.containerName));
    }
    QVERIFY(failing > 5);
    QVERIFY(text.contains(QStringLiteral("no-new-privileges:false")));
    // Waivers with reasons and expiry, including the expired one.
    for (const auto& r : audit.run.results)
        if (r.status == ControlStatus::Waived)
            QVERIFY2(text.contains(QStringLiteral("OPS-%1").arg(r.waiverReason.section(QStringLiteral("OPS-"), 1))),
                     qPrintable(r.waiverReason));
    QVERIFY(text.contains(QStringLiteral("CAB-77")));
    QVERIFY(text.contains(QStringLiteral("expired")));
    // Remediations of the period, not the one before it.
    QVERIFY(text.contains(QStringLiteral("rolled_back")));
    QVERIFY(text.contains(QStringLiteral("verified by re-audit")));
    QVERIFY(!text.contains(QStringLiteral("outside-the-period-marker")));
    // Charts, latency figures and the appendix with every control's semantics.
    QVERIFY(text.contains(QStringLiteral("Memory and log latency")));
    QVERIFY(text.contains(QStringLiteral("NFR-OBS-01 p95 < 2 s")));
    for (const auto& c : audit.run.controls)
        QVERIFY2(text.contains(normalised(c.semantics)), qPrintable(c.id));
}

void tst_ReportWriter::pdfHasPageNumbersContentsAndMetadata()
{
    const auto audit = makeSyntheticAudit({3, 8, 1, 3});
    const QString pdf = render(audit, QStringLiteral("pages.pdf"));
    QVERIFY(!pdf.isEmpty());
    const int pages = pdfPages(pdf);
    QVERIFY(pages >= 8);
    for (int p = 1; p <= pages; ++p) {
        const QString t = pdfText(pdf, p, p);
        QVERIFY2(t.contains(QStringLiteral("Page %1 of %2").arg(p).arg(pages)), qPrintable(QString::number(p)));
    }
    // The contents list each section with the page it really starts on.
    const QString toc = pdfText(pdf, 2, 2, true);
    QVERIFY(toc.contains(QStringLiteral("Contents")));
    static const QRegularExpression entry(QStringLiteral("^\\s*(\\d)\\s+([A-Za-z][A-Za-z ]+?)[ .]*\\s(\\d+)\\s*$"),
                                          QRegularExpression::MultilineOption);
    int checked = 0;
    for (auto it = entry.globalMatch(toc); it.hasNext();) {
        const auto m = it.next();
        const int page = m.captured(3).toInt();
        QVERIFY(page > 2 && page <= pages);
        const QString heading = m.captured(1) + QLatin1Char(' ') + m.captured(2).trimmed();
        QVERIFY2(normalised(pdfText(pdf, page, page)).contains(normalised(heading)), qPrintable(heading));
        ++checked;
    }
    QVERIFY2(checked >= 5, qPrintable(toc)); // sections 1..6 with their pages
    for (const auto& h : audit.run.fleet.hosts)
        QVERIFY(toc.contains(QStringLiteral("Host ") + h.hostName));

    const QString info = pdfInfo(pdf);
    QVERIFY(info.contains(QStringLiteral("Hardening audit report")));
    QVERIFY(info.contains(QStringLiteral("Bulwark")));
    QVERIFY(info.contains(QStringLiteral("A4")) || info.contains(QStringLiteral("595.")));
    const QString meta = pdfInfo(pdf, true);
    QVERIFY2(meta.contains(QStringLiteral("Alice Auditor")), qPrintable(meta));
}

void tst_ReportWriter::pdfEmbedsFonts()
{
    const auto audit = makeSyntheticAudit({2, 2, 0, 5});
    const QString pdf = render(audit, QStringLiteral("fonts.pdf"));
    const QString fonts = QString::fromUtf8(runTool(QStringLiteral("pdffonts"), {pdf}).out);
    QVERIFY2(fonts.contains(QStringLiteral("DejaVu")), qPrintable(fonts));
    // Every font row says emb = yes: the report renders the same on a machine without DejaVu.
    const QStringList lines = fonts.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
    QVERIFY(!lines.isEmpty());
    for (const QString& line : lines)
        QVERIFY2(line.contains(QStringLiteral(" yes ")), qPrintable(line));
}

void tst_ReportWriter::pageCountGrowsWithFleet()
{
    int last = 0;
    for (const auto& [hosts, containers] : {std::pair{2, 3}, std::pair{6, 10}, std::pair{12, 25}}) {
        const auto audit = makeSyntheticAudit({hosts, containers, 1, 9});
        const QString pdf = render(audit, QStringLiteral("grow-%1.pdf").arg(hosts));
        const int pages = pdfPages(pdf);
        QVERIFY2(pages > last, qPrintable(QStringLiteral("%1 hosts: %2 pages after %3").arg(hosts).arg(pages).arg(last)));
        last = pages;
        // Every container of the big fleet is on the heatmap, even across heatmap pages.
        if (hosts == 12) {
            const QString text = pdfText(pdf);
            for (const auto& h : audit.run.fleet.hosts)
                for (const auto& c : h.containers)
                    QVERIFY2(text.contains(c.name), qPrintable(c.name));
        }
    }
}

void tst_ReportWriter::pdfIsDeterministic()
{
    const auto audit = makeSyntheticAudit({5, 7, 1, 21});
    const QString a = render(audit, QStringLiteral("det-a.pdf"));
    const QString b = render(audit, QStringLiteral("det-b.pdf"));
    QCOMPARE(pdfPages(a), pdfPages(b));
    QCOMPARE(pdfText(a), pdfText(b));
    // Byte for byte, the only difference QPdfWriter allows itself is /CreationDate (the clock).
    QFile fa(a), fb(b);
    QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
    static const QRegularExpression creation(QStringLiteral("/CreationDate \\([^)]*\\)"));
    QString sa = QString::fromLatin1(fa.readAll()), sb = QString::fromLatin1(fb.readAll());
    sa.replace(creation, QStringLiteral("/CreationDate ()"));
    sb.replace(creation, QStringLiteral("/CreationDate ()"));
    QCOMPARE(sa.size(), sb.size());
    QVERIFY2(sa == sb, "PDFs differ beyond /CreationDate");
}

void tst_ReportWriter::heatmapIsDrawnInColour()
{
    const auto audit = makeSyntheticAudit({3, 6, 1, 4});
    const QString pdf = render(audit, QStringLiteral("heat.pdf"));
    // Find the heatmap's page from the text, then rasterise it.
    const int pages = pdfPages(pdf);
    int heatPage = 0;
    for (int p = 3; p <= pages && !heatPage; ++p)
        if (normalised(pdfText(pdf, p, p)).contains(QStringLiteral("2 Heatmap")))
            heatPage = p;
    QVERIFY(heatPage > 0);
    const QString prefix = m_dir.filePath(QStringLiteral("heat"));
    const auto r = runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("50"),
                                                        QStringLiteral("-f"), QString::number(heatPage), QStringLiteral("-l"),
                                                        QString::number(heatPage), QStringLiteral("-singlefile"), pdf, prefix});
    QCOMPARE(r.exitCode, 0);
    QImage img(prefix + QStringLiteral(".png"));
    QVERIFY(!img.isNull());
    int red = 0, green = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (c.red() > 170 && c.green() < 80 && c.blue() < 80)
                ++red;
            if (c.green() > 100 && c.red() < 80 && c.blue() < 80)
                ++green;
        }
    QVERIFY2(red > 50, "no failing (red) heatmap cells visible");
    QVERIFY2(green > 50, "no passing (green) heatmap cells visible");
}

void tst_ReportWriter::htmlStatesTheSameFacts()
{
    const auto audit = makeSyntheticAudit({4, 6, 1, 11});
    const QString html = QString::fromUtf8(report::renderHtml(audit.run, audit.options));
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(html.contains(QStringLiteral("SPEC-INFRA-04")));
    QVERIFY(html.contains(QStringLiteral("Alice Auditor")));
    for (const auto& h : audit.run.fleet.hosts) {
        QVERIFY(html.contains(QStringLiteral("Host ") + h.hostName));
        if (!h.isOk())
            QVERIFY(html.contains(h.error.toHtmlEscaped()));
    }
    for (const auto& r : audit.run.results) {
        if (r.status == ControlStatus::Fail && !r.containerName.isEmpty())
            QVERIFY(html.contains(r.containerName));
        if (r.status == ControlStatus::Waived)
            QVERIFY(html.contains(r.waiverReason.toHtmlEscaped()));
    }
    QVERIFY(html.contains(QStringLiteral("CAB-77")));
    QVERIFY(html.contains(QStringLiteral("rolled_back")));
    QVERIFY(!html.contains(QStringLiteral("outside-the-period-marker")));
    for (const auto& c : audit.run.controls)
        QVERIFY(html.contains(c.semantics.toHtmlEscaped()));
    // Accessible: tables have captions and scoped headers; status glyphs are paired with words.
    QVERIFY(html.count(QStringLiteral("<caption>")) >= 5);
    QVERIFY(html.contains(QStringLiteral("scope=\"col\"")));
    QVERIFY(html.contains(QStringLiteral("aria-hidden=\"true\">\u2717</span> Fail")));
    QVERIFY(html.contains(QStringLiteral("<svg role=\"img\"")));
    QVERIFY(html.contains(QStringLiteral("@media print")));
}

void tst_ReportWriter::htmlIsSelfContainedEscapedAndDeterministic()
{
    auto audit = makeSyntheticAudit({3, 4, 1, 2});
    audit.run.results[0].evidence = QStringLiteral("<script>alert(1)</script>");
    audit.run.results[0].status = ControlStatus::Fail; // findings show the evidence of what did not pass
    const QByteArray a = report::renderHtml(audit.run, audit.options);
    const QByteArray b = report::renderHtml(audit.run, audit.options);
    QCOMPARE(a, b);
    QVERIFY(!a.contains("<script>"));
    QVERIFY(a.contains("&lt;script&gt;"));
    QVERIFY(!a.contains("src=\"http"));
    QVERIFY(!a.contains("<link "));
    const QString path = m_dir.filePath(QStringLiteral("r.html"));
    QVERIFY(report::writeHtml(audit.run, path, audit.options).ok());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), a);
}

void tst_ReportWriter::emptyRunStillRenders()
{
    AuditRun run; // nothing scanned, no policy: the report says so rather than failing
    const QString pdf = m_dir.filePath(QStringLiteral("empty.pdf"));
    QVERIFY(report::writePdf(run, pdf).ok());
    const QString text = normalised(pdfText(pdf));
    QVERIFY(text.contains(QStringLiteral("Nothing was evaluated")));
    QVERIFY(text.contains(QStringLiteral("No verdict was waived")));
    QVERIFY(!report::renderHtml(run).isEmpty());
}

void tst_ReportWriter::unwritablePathIsAnError()
{
    const auto audit = makeSyntheticAudit({1, 1, 0, 1});
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/report.pdf"));
    const auto r = report::writePdf(audit.run, path, audit.options);
    QVERIFY(!r.ok());
    QVERIFY2(r.errorMessage().contains(QStringLiteral("report.pdf")), qPrintable(r.errorMessage()));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(tst_ReportWriter)
#include "tst_reportwriter.moc"
