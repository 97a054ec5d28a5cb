// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's export: every format from the file name, written atomically, same bytes as core/export.
#include "main/reportexport.h"
#include "sample/samplerun.h"

#include "export/exporters.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

Q_DECLARE_METATYPE(std::optional<bulwark::ui::ExportFormat>)

class TestReportExport final : public QObject {
    Q_OBJECT
private slots:
    void formatFromTheFileName_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<std::optional<ExportFormat>>("format");
        QTest::newRow("pdf") << QStringLiteral("/tmp/r.pdf") << std::optional(ExportFormat::Pdf);
        QTest::newRow("PDF upper case") << QStringLiteral("R.PDF") << std::optional(ExportFormat::Pdf);
        QTest::newRow("html") << QStringLiteral("r.html") << std::optional(ExportFormat::Html);
        QTest::newRow("htm") << QStringLiteral("r.htm") << std::optional(ExportFormat::Html);
        QTest::newRow("json") << QStringLiteral("audit.json") << std::optional(ExportFormat::Json);
        QTest::newRow("sarif") << QStringLiteral("audit.sarif") << std::optional(ExportFormat::Sarif);
        QTest::newRow("sarif.json is SARIF") << QStringLiteral("audit.sarif.json") << std::optional(ExportFormat::Sarif);
        QTest::newRow("junit") << QStringLiteral("junit.xml") << std::optional(ExportFormat::JUnit);
        QTest::newRow("csv") << QStringLiteral("a.b/audit.csv") << std::optional(ExportFormat::Csv);
        QTest::newRow("no suffix") << QStringLiteral("report") << std::optional<ExportFormat>();
        QTest::newRow("unknown") << QStringLiteral("report.docx") << std::optional<ExportFormat>();
    }
    void formatFromTheFileName()
    {
        QFETCH(QString, path);
        QFETCH(std::optional<ExportFormat>, format);
        QCOMPARE(exportFormatForPath(path), format);
    }

    void machineFormatsAreTheCoreBytes_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("json") << int(ExportFormat::Json);
        QTest::newRow("sarif") << int(ExportFormat::Sarif);
        QTest::newRow("junit") << int(ExportFormat::JUnit);
        QTest::newRow("csv") << int(ExportFormat::Csv);
    }
    void machineFormatsAreTheCoreBytes()
    {
        QFETCH(int, format);
        const AuditRun run = sample::makeAuditRun({});
        QTemporaryDir dir;
        const ExportFormat f = ExportFormat(format);
        const QString path = dir.filePath(QStringLiteral("report.") + exportSuffix(f));
        QVERIFY(writeExport(run, f, path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const QByteArray expected = f == ExportFormat::Json    ? Export::toJson(run)
                                    : f == ExportFormat::Sarif ? Export::toSarif(run)
                                    : f == ExportFormat::JUnit ? Export::toJUnit(run)
                                                               : Export::toCsv(run);
        QCOMPARE(bytes, expected);
        QVERIFY(!bytes.isEmpty());
        // Nothing else is left beside it (no temporary file).
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()});
    }

    void jsonIsTheAuditSchema()
    {
        const AuditRun run = sample::makeAuditRun({});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.json"));
        QVERIFY(writeExport(run, ExportFormat::Json, path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        QCOMPARE(doc.object().value(QStringLiteral("schema")).toString(), QStringLiteral("bulwark.audit/v1"));
    }

    void aFailedWriteNamesTheFileAndKeepsTheOldOne()
    {
        const AuditRun run = sample::makeAuditRun({});
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("no/such/dir/a.csv"));
        const Result<void> r = writeExport(run, ExportFormat::Csv, missing);
        QVERIFY(!r);
        QVERIFY2(r.errorMessage().contains(QStringLiteral("a.csv")), qPrintable(r.errorMessage()));

        // A read-only directory: the earlier report stays byte for byte.
        const QString sub = dir.filePath(QStringLiteral("ro"));
        QVERIFY(QDir().mkpath(sub));
        const QString path = sub + QStringLiteral("/a.csv");
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("earlier report\n");
        old.close();
        QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        if (QFileInfo(sub).isWritable())
            QSKIP("running as a user who can write a read-only directory (root)");
        QVERIFY(!writeExport(run, ExportFormat::Csv, path));
        QFile::setPermissions(sub, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("earlier report\n"));
    }

    void everyFormatIsOffered()
    {
        const QList<ExportFormat> formats = availableExportFormats();
        for (const ExportFormat f : {ExportFormat::Json, ExportFormat::Sarif, ExportFormat::JUnit, ExportFormat::Csv})
            QVERIFY(formats.contains(f));
        for (const ExportFormat f : formats)
            QCOMPARE(exportFormatForPath(QStringLiteral("x.") + exportSuffix(f)), std::optional(f));
    }
};

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
