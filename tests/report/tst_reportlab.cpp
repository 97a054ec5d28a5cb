// SPDX-License-Identifier: GPL-3.0-or-later
// LAB: the report of a real audit of the lab, made by `bulwark-cli audit --format pdf`, read back
// through pdftotext and pdftoppm: every lab host, every expected failing container and control.
#include "../common/expectedfindings.h"
#include "../common/labenv.h"
#include "reporttools.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark::test;

class tst_ReportLab final : public QObject {
    Q_OBJECT
private slots:
    void labReportThroughPoppler();
};

void tst_ReportLab::labReportThroughPoppler()
{
    if (!havePoppler())
        QSKIP("poppler-utils not installed");
    const auto lab = LabEnv::load();
    if (!lab)
        QSKIP(qPrintable(LabEnv::skipReason()));
    const QString cli = QStringLiteral(BULWARK_CLI);
    const ToolRun help = runTool(cli, {QStringLiteral("audit"), QStringLiteral("--help")});
    const QString helpText = QString::fromUtf8(help.out + help.err);
    if (help.exitCode != 0 || !helpText.contains(QStringLiteral("pdf")))
        QSKIP("bulwark-cli has no `audit --format pdf` yet (the spec engineer's audit command): nothing to check");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pdf = dir.filePath(QStringLiteral("lab-report.pdf"));
    // Follow the command's documented options rather than guessing a fixed spelling.
    QStringList args{QStringLiteral("audit")};
    if (helpText.contains(QStringLiteral("--fleet")))
        args << QStringLiteral("--fleet") << lab->fleet;
    else
        args << lab->fleet;
    args << QStringLiteral("--format") << QStringLiteral("pdf");
    bool toStdout = false;
    if (helpText.contains(QStringLiteral("--output")))
        args << QStringLiteral("--output") << pdf;
    else if (helpText.contains(QStringLiteral("--out ")) || helpText.contains(QStringLiteral("--out=")))
        args << QStringLiteral("--out") << pdf;
    else
        toStdout = true;
    const ToolRun audit = runTool(cli, args, 300000);
    // 0 all pass, 1 findings (the lab has deliberate ones), 3 a host not scanned: all still report.
    QVERIFY2(audit.exitCode == 0 || audit.exitCode == 1 || audit.exitCode == 3,
             qPrintable(QStringLiteral("exit %1: %2").arg(audit.exitCode).arg(QString::fromUtf8(audit.err))));
    if (toStdout) {
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(audit.out);
    }
    const int pages = pdfPages(pdf);
    QVERIFY2(pages >= 6, qPrintable(QString::number(pages)));
    static const QRegularExpression ws(QStringLiteral("\\s+"));
    const QString text = pdfText(pdf).replace(ws, QStringLiteral(" "));
    QVERIFY(text.contains(QStringLiteral("SPEC-INFRA-04")));
    QVERIFY(text.contains(QStringLiteral("Page 1 of %1").arg(pages)));
    for (const QString& host : lab->hosts)
        QVERIFY2(text.contains(QStringLiteral("Host ") + host), qPrintable(host));

    // The lab's deliberate findings (resources/examples/expected-findings.tsv) are all in the report.
    const bulwark::test::ExpectedFindings expected = bulwark::test::readExpectedFindings();
    QVERIFY(expected.readable);
    for (const bulwark::test::ExpectedFinding& f : expected.rows) {
        if (f.status != QLatin1String("fail"))
            continue;
        if (!lab->hosts.isEmpty() && !lab->hosts.contains(f.host))
            continue;
        QVERIFY2(text.contains(f.container), qPrintable(f.container));
        QVERIFY2(text.contains(f.control), qPrintable(f.control));
    }

    // And it renders: the cover page rasterises to a real image.
    const QString prefix = dir.filePath(QStringLiteral("cover"));
    const ToolRun ppm = runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("40"),
                                                             QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                             QStringLiteral("1"), QStringLiteral("-singlefile"), pdf, prefix});
    QCOMPARE(ppm.exitCode, 0);
    QVERIFY(!QImage(prefix + QStringLiteral(".png")).isNull());
}

QTEST_GUILESS_MAIN(tst_ReportLab)
#include "tst_reportlab.moc"
