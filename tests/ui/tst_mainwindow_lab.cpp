// SPDX-License-Identifier: GPL-3.0-or-later
// Drives the real window against the lab fleet: a real audit over SSH, then the heatmap cells of the
// containers whose deviations resources/examples/expected-findings.tsv documents.
#include "../common/expectedfindings.h"
#include "../common/labenv.h"

#include "heatmap/heatmapmodel.h"
#include "live/auditcontroller.h"
#include "main/mainwindow.h"
#include "model/fleettreemodel.h"
#include "model/metatypes.h"

#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace bulwark;
using namespace bulwark::ui;

class TestMainWindowLab final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        registerMetaTypes();
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    }

    void heatmapShowsTheLabsKnownDeviations()
    {
        const auto lab = test::LabEnv::load();
        if (!lab)
            QSKIP(qPrintable(test::LabEnv::skipReason()));
        if (!AuditController::isAvailable())
            QSKIP("this build has no audit engine yet");

        MainWindow w;
        w.show();
        QVERIFY(w.openFleet(lab->fleet));
        QSignalSpy shown(&w, &MainWindow::runShown);

        // The UI thread must stay responsive during the scan: a 10 ms timer measures its lateness.
        QElapsedTimer clock;
        qint64 last = -1;
        qint64 worst = 0;
        QTimer probe;
        probe.setInterval(10);
        QObject::connect(&probe, &QTimer::timeout, &w, [&] {
            const qint64 now = clock.elapsed();
            if (last >= 0)
                worst = std::max(worst, now - last - 10);
            last = now;
        });
        clock.start();
        probe.start();
        w.startAudit();
        QVERIFY(shown.wait(180000));
        probe.stop();
        qInfo("UI thread: worst timer lateness during the audit %lld ms", worst);

        for (const QString& host : lab->hosts)
            QCOMPARE(w.fleetModel()->hostIndex(host).data(FleetTreeModel::HostStatusRole).toInt(), int(HostStatus::Ok));

        const test::ExpectedFindings findings = test::readExpectedFindings();
        QVERIFY(findings.readable);
        QVERIFY2(findings.malformed.isEmpty(), qPrintable(findings.malformed.join(QLatin1Char('\n'))));
        int checked = 0;
        const int documented = int(findings.rows.size());
        for (const test::ExpectedFinding& f : findings.rows) {
            const QString& host = f.host;
            const QString& container = f.container;
            const QString& control = f.control;
            const auto expected = controlStatusFromName(f.status);
            QVERIFY(expected);
            const int row = w.heatmapModel()->rowOfContainer(host, container);
            QVERIFY2(row >= 0, qPrintable(QStringLiteral("%1 on %2 not in the heatmap").arg(container, host)));
            const int column = w.heatmapModel()->columnOfControl(control);
            QVERIFY2(column >= 0, qPrintable(control));
            const QModelIndex cell = w.heatmapModel()->index(row, column);
            QCOMPARE(cell.data(HeatmapModel::StatusRole).toInt(), int(*expected));
            // The tooltip explains the verdict with evidence.
            QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(control));
            ++checked;
        }
        QCOMPARE(checked, documented); // every documented finding, not a sample of them
        QVERIFY(checked >= 10);
    }
};

QTEST_MAIN(TestMainWindowLab)
#include "tst_mainwindow_lab.moc"
