// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/htmlreport.h"

#include "report/reportlayout.h"

#include <QTimeZone>

#include <cmath>

namespace bulwark::report {

namespace {

using namespace layout;

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString num(double v, int prec = 1)
{
    return QString::number(v, 'f', prec);
}

QString scoreText(double score)
{
    return score < 0 ? QStringLiteral("n/a") : QString::number(score, 'f', 0) + QLatin1Char('%');
}

QString statusClass(ControlStatus s)
{
    return QStringLiteral("st-") + controlStatusName(s);
}

QString statusBadge(ControlStatus s)
{
    const StatusStyle st = statusStyle(s);
    return QStringLiteral("<span class=\"badge %1\"><span class=\"glyph\" aria-hidden=\"true\">%2</span> %3</span>")
        .arg(statusClass(s), esc(st.glyph), esc(st.word));
}

QString css()
{
    QString c = QStringLiteral(
        "body{font-family:'DejaVu Sans',Verdana,sans-serif;color:#212121;margin:0;background:#fff;font-size:10pt;line-height:1.4}"
        "main{max-width:60rem;margin:0 auto;padding:1.5rem}"
        "header.cover{background:#263238;color:#fff;padding:2rem 1.5rem}"
        "header.cover .kicker{color:#b0bec5;font-weight:bold;letter-spacing:.05em}"
        "header.cover h1{font-size:2rem;margin:.4rem 0}"
        "h2{color:#263238;border-bottom:2px solid #263238;padding-bottom:.2rem;margin-top:2.2rem}"
        "h3{color:#263238;margin-top:1.6rem}"
        ".cover-facts{max-width:60rem;margin:0 auto;padding:1.5rem}"
        "dl.facts{display:grid;grid-template-columns:10rem 1fr;gap:.3rem 1rem}"
        "dl.facts dt{font-weight:bold;color:#616161;text-transform:uppercase;font-size:.8em}"
        "dl.facts dd{margin:0}"
        ".kpis{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}"
        ".kpi{border:1px solid #cfd8dc;border-left:4px solid #263238;padding:.4rem .8rem;min-width:7rem}"
        ".kpi b{display:block;font-size:1.4em}"
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.85em}"
        "caption{text-align:left;font-weight:bold;padding:.2rem 0;color:#263238}"
        "th{background:#263238;color:#fff;text-align:left;padding:.3rem .4rem;font-weight:bold}"
        "td{padding:.25rem .4rem;border-bottom:1px solid #cfd8dc;vertical-align:top}"
        "tbody tr:nth-child(even) td{background:#f5f7f8}"
        "tr.group td{background:#e3eaee;font-weight:bold;color:#263238}"
        "td.num,th.num{text-align:right}"
        "pre,code,.mono{font-family:'DejaVu Sans Mono',monospace;font-size:.9em;white-space:pre-wrap;word-break:break-all;margin:0}"
        ".muted{color:#616161}"
        ".badge{font-weight:bold;white-space:nowrap}"
        ".badge .glyph{display:inline-block;width:1.1em;text-align:center;border-radius:2px}"
        "table.heatmap{width:auto;font-size:.75em}"
        "table.heatmap th.ctl{writing-mode:vertical-rl;transform:rotate(180deg);padding:.3rem .1rem;font-weight:bold}"
        "table.heatmap td.cell{width:1.6em;text-align:center;padding:0;border:1px solid #fff}"
        "table.heatmap tr.subject-host th,table.heatmap tr.subject-fleet th{background:#e3eaee;color:#263238}"
        "table.heatmap th[scope=row]{background:#fff;color:#212121;font-weight:normal;white-space:nowrap}"
        "ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}"
        "ul.legend .glyph{display:inline-block;width:1.2em;text-align:center}"
        "svg{max-width:100%;height:auto}"
        "nav.toc ol{padding-left:1.2rem}"
        "@media print{header.cover{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
        "h2{break-before:page}thead{display:table-header-group}tr{break-inside:avoid}"
        "td,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}main{max-width:none;padding:0}}");
    for (auto s : {ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived, ControlStatus::Unknown,
                   ControlStatus::NotApplicable}) {
        const StatusStyle st = statusStyle(s);
        c += QStringLiteral(".%1 .glyph,td.cell.%1{background:%2;color:%3}.%1{color:%4}")
                 .arg(statusClass(s), colorHex(st.fill), colorHex(st.ink), colorHex(st.text));
    }
    const StatusStyle none = noResultStyle();
    c += QStringLiteral("td.cell.st-none,.st-none .glyph{background:%1;color:%2}").arg(colorHex(none.fill), colorHex(none.ink));
    for (auto s : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
        c += QStringLiteral(".sev-%1{color:%2;font-weight:bold}").arg(severityName(s), colorHex(severityColor(s)));
    return c;
}

class Html final {
public:
    explicit Html(const ReportData& data)
        : d(data)
    {
    }

    QString render()
    {
        o += QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        o += QStringLiteral("<title>%1</title>\n").arg(esc(d.title + QStringLiteral(" \u2014 ") + d.fleetName));
        o += QStringLiteral("<meta name=\"author\" content=\"%1\">\n<meta name=\"generator\" content=\"Bulwark %2\">\n")
                 .arg(esc(d.author), QStringLiteral(BULWARK_VERSION));
        o += QStringLiteral("<style>") + css() + QStringLiteral("</style>\n</head>\n<body>\n");
        cover();
        o += QStringLiteral("<main>\n");
        toc();
        summary();
        heatmap();
        findings();
        telemetry();
        waivers();
        remediations();
        appendix();
        o += QStringLiteral("</main>\n</body>\n</html>\n");
        return o;
    }

private:
    void cover()
    {
        o += QStringLiteral("<header class=\"cover\">\n<div class=\"kicker\">BULWARK \u00b7 DOCKER FLEET HARDENING</div>\n");
        o += QStringLiteral("<h1>%1</h1>\n<p>%2 %3%4</p>\n</header>\n")
                 .arg(esc(d.title), esc(d.policy.id), esc(d.policy.version),
                      d.policy.title.isEmpty() ? QString() : QStringLiteral(" \u2014 ") + esc(d.policy.title));
        o += QStringLiteral("<section class=\"cover-facts\" aria-label=\"About this report\"><dl class=\"facts\">\n");
        auto fact = [&](const QString& k, const QString& v) {
            o += QStringLiteral("<dt>%1</dt><dd>%2</dd>\n").arg(esc(k), esc(v));
        };
        fact(QStringLiteral("Fleet"), d.fleetName);
        fact(QStringLiteral("Policy"), d.policy.id + QStringLiteral(" version ") + d.policy.version);
        fact(QStringLiteral("Policy source"), d.policy.source.isEmpty() ? QStringLiteral("embedded") : d.policy.source);
        fact(QStringLiteral("Audit time"), formatTime(d.auditTime));
        fact(QStringLiteral("Period"), formatTime(d.periodStart) + QStringLiteral(" \u2013 ") + formatTime(d.periodEnd));
        fact(QStringLiteral("Prepared by"), d.author);
        fact(QStringLiteral("Hosts"), QStringLiteral("%1 in the fleet, %2 scanned").arg(d.hostsTotal).arg(d.hostsScanned));
        fact(QStringLiteral("Containers"), QString::number(d.containersTotal));
        fact(QStringLiteral("Compliance score"), scoreText(d.totals.score()));
        o += QStringLiteral("</dl></section>\n");
    }

    void toc()
    {
        o += QStringLiteral("<nav class=\"toc\" aria-label=\"Contents\"><h2 id=\"contents\">Contents</h2><ol>\n"
                            "<li><a href=\"#summary\">Executive summary</a></li>\n"
                            "<li><a href=\"#heatmap\">Heatmap</a></li>\n"
                            "<li><a href=\"#findings\">Findings</a><ol>\n");
        if (!d.fleetResults.isEmpty())
            o += QStringLiteral("<li><a href=\"#fleet\">Fleet-wide controls</a></li>\n");
        for (int i = 0; i < d.hosts.size(); ++i)
            o += QStringLiteral("<li><a href=\"#host-%1\">Host %2</a></li>\n").arg(i).arg(esc(d.hosts[i].name));
        o += QStringLiteral("</ol></li>\n<li><a href=\"#telemetry\">Memory and log latency</a></li>\n"
                            "<li><a href=\"#waivers\">Waivers</a></li>\n<li><a href=\"#remediations\">Remediations</a></li>\n"
                            "<li><a href=\"#appendix\">Appendix: control semantics</a></li>\n</ol></nav>\n");
    }

    void tableStart(const QString& caption, const QStringList& headers, const QList<bool>& numeric = {},
                    const QString& cls = {})
    {
        o += QStringLiteral("<table%1><caption>%2</caption><thead><tr>")
                 .arg(cls.isEmpty() ? QString() : QStringLiteral(" class=\"") + cls + QLatin1Char('"'), esc(caption));
        for (int i = 0; i < headers.size(); ++i)
            o += QStringLiteral("<th scope=\"col\"%1>%2</th>")
                     .arg(numeric.value(i) ? QStringLiteral(" class=\"num\"") : QString(), esc(headers[i]));
        o += QStringLiteral("</tr></thead><tbody>\n");
    }
    void tableEnd() { o += QStringLiteral("</tbody></table>\n"); }

    static QString countCell(int n)
    {
        return QStringLiteral("<td class=\"num\">%1</td>").arg(n == 0 ? QStringLiteral("\u2013") : QString::number(n));
    }

    void summary()
    {
        o += QStringLiteral("<section id=\"summary\"><h2>1 Executive summary</h2>\n");
        const double score = d.totals.score();
        o += QStringLiteral("<p>The fleet \u201c%1\u201d was audited against %2 %3 at %4. %5 of %6 hosts were scanned; "
                            "%7 containers were evaluated against %8 controls. ")
                 .arg(esc(d.fleetName), esc(d.policy.id), esc(d.policy.version), esc(formatTime(d.auditTime)))
                 .arg(d.hostsScanned).arg(d.hostsTotal).arg(d.containersTotal).arg(d.controls.size());
        o += score < 0 ? QStringLiteral("No control could be evaluated.</p>\n")
                       : QStringLiteral("The compliance score is %1 (passed or waived verdicts among all evaluated ones; "
                                        "unknown verdicts count against it).</p>\n")
                             .arg(scoreText(score));
        o += QStringLiteral("<div class=\"kpis\">");
        auto kpi = [&](const QString& v, const QString& l) {
            o += QStringLiteral("<div class=\"kpi\"><b>%1</b>%2</div>").arg(esc(v), esc(l));
        };
        kpi(scoreText(score), QStringLiteral("score"));
        kpi(QStringLiteral("%1/%2").arg(d.hostsScanned).arg(d.hostsTotal), QStringLiteral("hosts scanned"));
        kpi(QString::number(d.containersTotal), QStringLiteral("containers"));
        kpi(QString::number(d.totals.fail), QStringLiteral("failing verdicts"));
        kpi(QString::number(d.totals.waived), QStringLiteral("waived"));
        kpi(QString::number(d.totals.unknown), QStringLiteral("unknown"));
        o += QStringLiteral("</div>\n<h3>Top risks</h3>\n");
        if (d.topRisks.isEmpty()) {
            o += QStringLiteral("<p>No control failed.</p>\n");
        } else {
            tableStart(QStringLiteral("Failing controls, worst first"),
                       {QStringLiteral("#"), QStringLiteral("Control"), QStringLiteral("Severity"), QStringLiteral("Title"),
                        QStringLiteral("Failing"), QStringLiteral("Examples")},
                       {false, false, false, false, true, false});
            int rank = 1;
            for (const auto& r : d.topRisks)
                o += QStringLiteral("<tr><td>%1</td><th scope=\"row\">%2</th><td class=\"sev-%3\">%4</td><td>%5</td>"
                                    "<td class=\"num\">%6</td><td class=\"muted\">%7</td></tr>\n")
                         .arg(rank++)
                         .arg(esc(r.control.id), severityName(r.control.severity), severityText(r.control.severity),
                              esc(r.control.title))
                         .arg(r.failing)
                         .arg(esc(r.examples.join(QStringLiteral(", "))));
            tableEnd();
        }
        tableStart(QStringLiteral("Verdicts per control"),
                   {QStringLiteral("Control"), QStringLiteral("Title"), QStringLiteral("Severity"), QStringLiteral("Pass"),
                    QStringLiteral("Fail"), QStringLiteral("Waived"), QStringLiteral("Unknown"), QStringLiteral("N/A")},
                   {false, false, false, true, true, true, true, true});
        for (const auto& c : d.controls)
            o += QStringLiteral("<tr><th scope=\"row\">%1</th><td>%2</td><td class=\"sev-%3\">%4</td>")
                     .arg(esc(c.definition.id), esc(c.definition.title), severityName(c.definition.severity),
                          severityText(c.definition.severity))
                 + countCell(c.counts.pass) + countCell(c.counts.fail) + countCell(c.counts.waived)
                 + countCell(c.counts.unknown) + countCell(c.counts.notApplicable) + QStringLiteral("</tr>\n");
        tableEnd();
        tableStart(QStringLiteral("Verdicts per host"),
                   {QStringLiteral("Host"), QStringLiteral("Scan"), QStringLiteral("Containers"), QStringLiteral("Pass"),
                    QStringLiteral("Fail"), QStringLiteral("Waived"), QStringLiteral("Unknown"), QStringLiteral("Score")},
                   {false, false, true, true, true, true, true, true});
        for (const auto& h : d.hosts)
            o += QStringLiteral("<tr><th scope=\"row\">%1</th><td>%2</td><td class=\"num\">%3</td>")
                     .arg(esc(h.name), esc(hostStatusText(h.status)))
                     .arg(h.containerCount)
                 + countCell(h.counts.pass) + countCell(h.counts.fail) + countCell(h.counts.waived)
                 + countCell(h.counts.unknown)
                 + QStringLiteral("<td class=\"num\">%1</td></tr>\n").arg(scoreText(h.counts.score()));
        tableEnd();
        o += QStringLiteral("</section>\n");
    }

    void heatmap()
    {
        o += QStringLiteral("<section id=\"heatmap\"><h2>2 Heatmap</h2>\n<p>One row per subject (the fleet, each host, "
                            "each container), one column per control in policy order. A cell shows the worst verdict "
                            "for that subject and control; glyph and colour carry the same meaning.</p>\n"
                            "<ul class=\"legend\">");
        for (auto s : {ControlStatus::Pass, ControlStatus::Fail, ControlStatus::Waived, ControlStatus::Unknown,
                       ControlStatus::NotApplicable})
            o += QStringLiteral("<li class=\"%1\">").arg(statusClass(s)) + statusBadge(s) + QStringLiteral("</li>");
        o += QStringLiteral("<li class=\"st-none\"><span class=\"glyph\" aria-hidden=\"true\">%1</span> %2</li></ul>\n")
                 .arg(esc(noResultStyle().glyph), esc(noResultStyle().word));
        o += QStringLiteral("<table class=\"heatmap\"><caption>Worst verdict per subject and control</caption><thead><tr>"
                            "<th scope=\"col\">Subject</th>");
        for (const auto& c : d.controls)
            o += QStringLiteral("<th scope=\"col\" class=\"ctl\">%1</th>").arg(esc(c.definition.id));
        o += QStringLiteral("</tr></thead><tbody>\n");
        for (const auto& row : d.heatmap) {
            const QString kind = row.kind == HeatmapRow::Kind::Fleet  ? QStringLiteral("fleet")
                                 : row.kind == HeatmapRow::Kind::Host ? QStringLiteral("host")
                                                                      : QStringLiteral("container");
            const QString label = row.kind == HeatmapRow::Kind::Container ? row.hostName + QLatin1Char('/') + row.label : row.label;
            o += QStringLiteral("<tr class=\"subject-%1\"><th scope=\"row\">%2</th>").arg(kind, esc(label));
            for (int i = 0; i < row.cells.size(); ++i) {
                const QString id = d.controls.value(i).definition.id;
                if (!row.hasResult[i]) {
                    o += QStringLiteral("<td class=\"cell st-none\" title=\"%1: no verdict\">%2</td>")
                             .arg(esc(id), esc(noResultStyle().glyph));
                    continue;
                }
                const StatusStyle st = statusStyle(row.cells[i]);
                o += QStringLiteral("<td class=\"cell %1\" title=\"%2: %3\">%4</td>")
                         .arg(statusClass(row.cells[i]), esc(id), esc(st.word), esc(st.glyph));
            }
            o += QStringLiteral("</tr>\n");
        }
        o += QStringLiteral("</tbody></table>\n</section>\n");
    }

    QString findingRow(const ControlResult& r, const QString& subject)
    {
        QString reason = esc(r.reason);
        if (!r.remediation.isEmpty())
            reason += QStringLiteral("<br><b>Fix:</b> ") + esc(r.remediation);
        if (!r.waiverReason.isEmpty())
            reason += QStringLiteral("<br><b>Waiver:</b> ") + esc(r.waiverReason)
                      + (r.waiverExpires.isValid() ? QStringLiteral(" (expires ") + esc(formatTime(r.waiverExpires)) + QLatin1Char(')')
                                                   : QString());
        if (!r.note.isEmpty())
            reason += QStringLiteral("<br><b>Note:</b> ") + esc(r.note);
        return QStringLiteral("<tr><td>%1</td><th scope=\"row\">%2<br><span class=\"sev-%3\">%4</span></th><td>%5</td>"
                              "<td><pre>%6</pre></td><td>%7</td></tr>\n")
            .arg(esc(subject), esc(r.controlId), severityName(r.severity), severityText(r.severity), statusBadge(r.status),
                 esc(r.evidence.isEmpty() ? QStringLiteral("(none recorded)") : r.evidence), reason);
    }

    QStringList findingHeaders(const QString& subject)
    {
        return {subject, QStringLiteral("Control"), QStringLiteral("Verdict"), QStringLiteral("Evidence"),
                QStringLiteral("Reason and remediation")};
    }

    void findings()
    {
        o += QStringLiteral("<section id=\"findings\"><h2>3 Findings</h2>\n<p>For every host: how it was scanned, its "
                            "host-level verdicts, and every container verdict that did not pass, with the evidence read "
                            "from the engine and the remediation the policy prescribes. Containers that passed every "
                            "evaluated control are listed by name.</p>\n");
        if (!d.fleetResults.isEmpty()) {
            o += QStringLiteral("<h3 id=\"fleet\">Fleet-wide controls</h3>\n");
            tableStart(QStringLiteral("Fleet-wide verdicts"), findingHeaders(QStringLiteral("Scope")));
            for (const auto& r : d.fleetResults)
                o += findingRow(r, controlScopeName(r.scope));
            tableEnd();
        }
        for (int i = 0; i < d.hosts.size(); ++i) {
            const HostSummary& h = d.hosts[i];
            o += QStringLiteral("<h3 id=\"host-%1\">Host %2</h3>\n<p>Scan: %3.").arg(i).arg(esc(h.name), esc(hostStatusText(h.status)));
            if (!h.engine.serverVersion.isEmpty())
                o += esc(QStringLiteral(" Docker %1 (API %2) on %3, kernel %4, %5, cgroup v%6.")
                             .arg(h.engine.serverVersion, h.engine.apiVersion, h.engine.os, h.engine.kernelVersion,
                                  h.engine.architecture, h.engine.cgroupVersion));
            o += esc(QStringLiteral(" %1 containers; %2 pass, %3 fail, %4 waived, %5 unknown.")
                         .arg(h.containerCount).arg(h.counts.pass).arg(h.counts.fail).arg(h.counts.waived)
                         .arg(h.counts.unknown))
                 + QStringLiteral("</p>\n");
            if (h.status != HostStatus::Ok && !h.error.isEmpty())
                o += QStringLiteral("<p class=\"st-fail\"><b>Not scanned:</b> %1</p>\n").arg(esc(h.error));
            if (!h.hostResults.isEmpty()) {
                tableStart(QStringLiteral("Host-level controls of ") + h.name, findingHeaders(QStringLiteral("Host")));
                for (const auto& r : h.hostResults)
                    o += findingRow(r, h.name);
                tableEnd();
            }
            QString rows;
            QStringList clean;
            for (const auto& c : h.containers) {
                QString own;
                const QString name = c.name.isEmpty() ? c.id.left(12) : c.name;
                for (const auto& r : c.results)
                    if (r.status != ControlStatus::Pass && r.status != ControlStatus::NotApplicable)
                        own += findingRow(r, name);
                if (own.isEmpty()) {
                    clean << name;
                    continue;
                }
                QString title = name;
                if (!c.image.isEmpty())
                    title += QStringLiteral(" \u00b7 ") + c.image;
                if (!c.state.isEmpty())
                    title += QStringLiteral(" \u00b7 ") + c.state;
                title += QStringLiteral(" \u00b7 %1 pass, %2 fail, %3 waived, %4 unknown")
                             .arg(c.counts.pass).arg(c.counts.fail).arg(c.counts.waived).arg(c.counts.unknown);
                rows += QStringLiteral("<tr class=\"group\"><td colspan=\"5\">%1</td></tr>\n").arg(esc(title)) + own;
            }
            if (!rows.isEmpty()) {
                tableStart(QStringLiteral("Container findings on ") + h.name, findingHeaders(QStringLiteral("Container")));
                o += rows;
                tableEnd();
            }
            if (!clean.isEmpty())
                o += QStringLiteral("<p class=\"muted\">Passing every evaluated control (%1): %2</p>\n")
                         .arg(clean.size())
                         .arg(esc(clean.join(QStringLiteral(", "))));
        }
        o += QStringLiteral("</section>\n");
    }

    // The SVG charts use the same chart data and axes as the PDF.
    QString svgFrame(const ChartFrame& f, const Axis& ay, double unitDiv, const QString& unit, double w, double h)
    {
        QString s = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %2\" width=\"%1\" height=\"%2\" "
                                   "font-family=\"DejaVu Sans,sans-serif\" font-size=\"8\">")
                        .arg(num(w, 0), num(h, 0));
        for (double t : ay.ticks) {
            const QPointF a = f.map(f.xMin, t * unitDiv);
            s += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"#cfd8dc\" stroke-width=\"0.5\"/>"
                                "<text x=\"%4\" y=\"%5\" text-anchor=\"end\" fill=\"#616161\">%6</text>")
                     .arg(num(a.x()), num(a.y()), num(f.plot.right()), num(a.x() - 4), num(a.y() + 3),
                          QString::number(t, 'g', 4));
        }
        for (int i = 0; i <= 5; ++i) {
            const double x = f.xMin + (f.xMax - f.xMin) * i / 5;
            const QPointF a = f.map(x, f.yMin);
            s += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"#616161\">%3</text>")
                     .arg(num(a.x()), num(a.y() + 12),
                          QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x), QTimeZone::utc()).toString(QStringLiteral("MM-dd HH:mm")));
        }
        s += QStringLiteral("<text x=\"10\" y=\"%1\" transform=\"rotate(-90 10 %1)\" text-anchor=\"middle\" fill=\"#616161\">%2</text>")
                 .arg(num(f.plot.center().y()), esc(unit));
        s += QStringLiteral("<polyline points=\"%1,%2 %1,%3 %4,%3\" fill=\"none\" stroke=\"#616161\" stroke-width=\"0.7\"/>")
                 .arg(num(f.plot.left()), num(f.plot.top()), num(f.plot.bottom()), num(f.plot.right()));
        return s;
    }

    void telemetry()
    {
        o += QStringLiteral("<section id=\"telemetry\"><h2>4 Memory and log latency</h2>\n<p>Period: %1 \u2013 %2.</p>\n")
                 .arg(esc(formatTime(d.periodStart)), esc(formatTime(d.periodEnd)));
        o += QStringLiteral("<h3>Memory</h3>\n");
        const MemoryChart mc = memoryChart(d);
        if (mc.series.isEmpty()) {
            o += QStringLiteral("<p class=\"muted\">No memory samples were recorded in the period.</p>\n");
        } else {
            constexpr double GiB = 1024.0 * 1024 * 1024;
            constexpr double MiB = 1024.0 * 1024;
            const bool gib = mc.yMax >= GiB;
            const double div = gib ? GiB : MiB;
            const Axis ay = niceAxis(0, std::max(mc.yMax, 1.0) / div, 5);
            ChartFrame f{QRectF(46, 6, 540, 170), mc.xMin, mc.xMax, ay.min * div, ay.max * div};
            QString svg = svgFrame(f, ay, div, gib ? QStringLiteral("GiB") : QStringLiteral("MiB"), 600, 200);
            svg.replace(QStringLiteral("<svg "), QStringLiteral("<svg role=\"img\" aria-label=\"Memory in use per host over the period\" "));
            for (int i = 0; i < mc.series.size(); ++i) {
                QStringList pts;
                for (const auto& p : mc.series[i].points) {
                    const QPointF q = f.map(p.x(), p.y());
                    pts << num(q.x()) + QLatin1Char(',') + num(q.y());
                }
                svg += QStringLiteral("<polyline points=\"%1\" fill=\"none\" stroke=\"%2\" stroke-width=\"1.3\"><title>%3</title></polyline>")
                           .arg(pts.join(QLatin1Char(' ')), colorHex(seriesColor(i)), esc(mc.series[i].name));
            }
            svg += QStringLiteral("</svg>");
            o += QStringLiteral("<figure>") + svg + QStringLiteral("<figcaption>");
            for (int i = 0; i < mc.series.size(); ++i)
                o += QStringLiteral("<span style=\"color:%1\">\u25ac</span> %2 (peak %3) ")
                         .arg(colorHex(seriesColor(i)), esc(mc.series[i].name), esc(formatBytes(static_cast<qint64>(mc.series[i].peak))));
            if (mc.hiddenSeries > 0)
                o += QStringLiteral("<span class=\"muted\">%1 more hosts with lower peaks not drawn</span>").arg(mc.hiddenSeries);
            o += QStringLiteral("</figcaption></figure>\n");
            tableStart(QStringLiteral("Highest memory peaks"),
                       {QStringLiteral("Host"), QStringLiteral("Container"), QStringLiteral("Peak"), QStringLiteral("Limit"),
                        QStringLiteral("Of limit")},
                       {false, false, true, true, true});
            for (const auto& p : topMemoryContainers(d.memoryHistory))
                o += QStringLiteral("<tr><td>%1</td><th scope=\"row\">%2</th><td class=\"num\">%3</td><td class=\"num\">%4</td>"
                                    "<td class=\"num\">%5</td></tr>\n")
                         .arg(esc(p.hostName), esc(p.containerName), esc(formatBytes(p.peakBytes)),
                              p.limitBytes > 0 ? esc(formatBytes(p.limitBytes)) : QStringLiteral("none"),
                              p.limitBytes > 0 ? num(100.0 * static_cast<double>(p.peakBytes) / static_cast<double>(p.limitBytes), 0) + QLatin1Char('%')
                                               : QStringLiteral("no limit"));
            tableEnd();
        }
        o += QStringLiteral("<h3>Log ingestion latency</h3>\n");
        if (d.latencyHistory.isEmpty()) {
            o += QStringLiteral("<p class=\"muted\">No log-latency probes were recorded in the period.</p>\n</section>\n");
            return;
        }
        double yMax = 6000;
        double xMin = d.periodStart.isValid() ? static_cast<double>(d.periodStart.toMSecsSinceEpoch()) : 0;
        double xMax = d.periodEnd.isValid() ? static_cast<double>(d.periodEnd.toMSecsSinceEpoch()) : 1;
        for (const auto& p : d.latencyHistory) {
            if (!p.missed && p.latencyMs > 0)
                yMax = std::max(yMax, static_cast<double>(p.latencyMs));
            xMin = std::min(xMin, static_cast<double>(p.emittedMs));
            xMax = std::max(xMax, static_cast<double>(p.emittedMs));
        }
        const Axis ay = niceAxis(0, yMax * 1.08 / 1000, 5);
        ChartFrame f{QRectF(46, 6, 540, 150), xMin, std::max(xMax, xMin + 1), ay.min * 1000, ay.max * 1000};
        QString svg = svgFrame(f, ay, 1000, QStringLiteral("seconds"), 600, 180);
        svg.replace(QStringLiteral("<svg "), QStringLiteral("<svg role=\"img\" aria-label=\"Log ingestion latency per probe\" "));
        for (const auto& [ms, label, color] : {std::tuple{2000.0, QStringLiteral("NFR-OBS-01 p95 < 2 s"), severityColor(Severity::Medium)},
                                               std::tuple{5000.0, QStringLiteral("AC-HARD-03 \u2264 5 s"), severityColor(Severity::High)}}) {
            const QPointF a = f.map(f.xMin, ms);
            svg += QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%2\" stroke=\"%4\" stroke-dasharray=\"4 3\" stroke-width=\"0.8\"/>"
                                  "<text x=\"%3\" y=\"%5\" text-anchor=\"end\" fill=\"%4\">%6</text>")
                       .arg(num(a.x()), num(a.y()), num(f.plot.right()), colorHex(color), num(a.y() - 2), esc(label));
        }
        for (const auto& p : d.latencyHistory) {
            if (p.missed || p.latencyMs < 0) {
                const QPointF q = f.map(static_cast<double>(p.emittedMs), f.yMax);
                svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"middle\" fill=\"%3\">\u2717<title>missed %4</title></text>")
                           .arg(num(q.x()), num(q.y() + 7), colorHex(statusStyle(ControlStatus::Fail).fill), esc(p.marker));
                continue;
            }
            const QPointF q = f.map(static_cast<double>(p.emittedMs), static_cast<double>(p.latencyMs));
            svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"1.8\" fill=\"%3\"/>")
                       .arg(num(q.x()), num(q.y()), colorHex(seriesColor(p.mode == QLatin1String("push") ? 0 : 1)));
        }
        svg += QStringLiteral("</svg>");
        o += QStringLiteral("<figure>") + svg
             + QStringLiteral("<figcaption><span style=\"color:%1\">\u25cf</span> push probe <span style=\"color:%2\">\u25cf</span> "
                              "end-to-end probe <span class=\"st-fail\">\u2717</span> missed</figcaption></figure>\n")
                   .arg(colorHex(seriesColor(0)), colorHex(seriesColor(1)));
        const LatencyStats st = latencyStats(d.latencyHistory);
        tableStart(QStringLiteral("Latency over the period"),
                   {QStringLiteral("Probes"), QStringLiteral("Missed"), QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("Max")},
                   {true, true, true, true, true});
        o += QStringLiteral("<tr><td class=\"num\">%1</td><td class=\"num\">%2</td><td class=\"num\">%3 s</td>"
                            "<td class=\"num\">%4 s</td><td class=\"num\">%5 s</td></tr>\n")
                 .arg(st.samples + st.misses)
                 .arg(st.misses)
                 .arg(num(st.p50Ms / 1000, 2), num(st.p95Ms / 1000, 2), num(st.maxMs / 1000, 2));
        tableEnd();
        o += QStringLiteral("</section>\n");
    }

    void waivers()
    {
        o += QStringLiteral("<section id=\"waivers\"><h2>5 Waivers</h2>\n");
        if (d.waivers.isEmpty()) {
            o += QStringLiteral("<p>No verdict was waived.</p>\n</section>\n");
            return;
        }
        o += QStringLiteral("<p>%1 verdicts carry a waiver. An expired waiver no longer applies: its verdict is reported "
                            "as it was evaluated.</p>\n")
                 .arg(d.waivers.size());
        tableStart(QStringLiteral("Waivers"), {QStringLiteral("Subject"), QStringLiteral("Control"), QStringLiteral("Verdict"),
                                               QStringLiteral("Reason"), QStringLiteral("Expires"), QStringLiteral("State")});
        for (const auto& w : d.waivers)
            o += QStringLiteral("<tr><td>%1</td><th scope=\"row\">%2</th><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>\n")
                     .arg(esc(subjectLabel(w.result)), esc(w.result.controlId), statusBadge(w.result.status),
                          esc(w.result.waiverReason.isEmpty() ? QStringLiteral("(no reason given)") : w.result.waiverReason),
                          esc(w.result.waiverExpires.isValid() ? formatTime(w.result.waiverExpires) : QStringLiteral("never")),
                          w.expired ? QStringLiteral("<b>expired</b>") : QStringLiteral("active"));
        tableEnd();
        o += QStringLiteral("</section>\n");
    }

    void remediations()
    {
        o += QStringLiteral("<section id=\"remediations\"><h2>6 Remediations</h2>\n");
        if (d.remediations.isEmpty()) {
            o += QStringLiteral("<p>No remediation was recorded in the period.</p>\n</section>\n");
            return;
        }
        o += QStringLiteral("<p>%1 changes were recorded between %2 and %3, from the remediation log.</p>\n")
                 .arg(d.remediations.size())
                 .arg(esc(formatTime(d.periodStart)), esc(formatTime(d.periodEnd)));
        tableStart(QStringLiteral("Remediations in the period"),
                   {QStringLiteral("When, who"), QStringLiteral("Host"), QStringLiteral("Controls"), QStringLiteral("Change"),
                    QStringLiteral("Outcome"), QStringLiteral("Diff")});
        for (const auto& r : d.remediations) {
            QString what = esc(r.filePath);
            if (!r.project.isEmpty() || !r.service.isEmpty())
                what += QStringLiteral("<br>") + esc(r.project + QLatin1Char('/') + r.service);
            if (!r.message.isEmpty())
                what += QStringLiteral("<br>") + esc(r.message);
            o += QStringLiteral("<tr><td>%1<br>#%2 by %3</td><td>%4</td><th scope=\"row\">%5</th><td>%6</td><td><b>%7</b></td>"
                                "<td><pre>%8</pre></td></tr>\n")
                     .arg(esc(formatTime(r.timestamp)))
                     .arg(r.id)
                     .arg(esc(r.user), esc(r.hostName), esc(r.controls.join(QStringLiteral(", "))), what, esc(r.outcome),
                          esc(r.diff));
        }
        tableEnd();
        o += QStringLiteral("</section>\n");
    }

    void appendix()
    {
        o += QStringLiteral("<section id=\"appendix\"><h2>Appendix: control semantics</h2>\n<p>What each control of %1 %2 "
                            "checks, which evidence it cites, and how to fix a failure.</p>\n")
                 .arg(esc(d.policy.id), esc(d.policy.version));
        for (const auto& c : d.controls) {
            const ControlDefinition& def = c.definition;
            o += QStringLiteral("<h3 id=\"control-%1\">%1 %2</h3>\n<p class=\"muted\">Scope: %3 \u00b7 Severity: %4</p>\n<dl class=\"facts\">")
                     .arg(esc(def.id), esc(def.title), controlScopeName(def.scope), severityText(def.severity));
            auto field = [&](const QString& k, const QString& v) {
                if (!v.isEmpty())
                    o += QStringLiteral("<dt>%1</dt><dd>%2</dd>").arg(esc(k), esc(v));
            };
            field(QStringLiteral("Requirement"), def.requirement);
            field(QStringLiteral("Semantics"), def.semantics);
            field(QStringLiteral("Evidence"), def.evidence);
            field(QStringLiteral("Remediation"), def.remediation);
            QStringList params;
            for (auto it = def.parameters.cbegin(); it != def.parameters.cend(); ++it)
                params << it.key() + QLatin1Char('=') + it.value().toString();
            field(QStringLiteral("Parameters"), params.join(QStringLiteral(", ")));
            o += QStringLiteral("</dl>\n");
        }
        o += QStringLiteral("</section>\n");
    }

    const ReportData& d;
    QString o;
};

} // namespace

QByteArray renderHtmlReport(const ReportData& data)
{
    return Html(data).render().toUtf8();
}

} // namespace bulwark::report
