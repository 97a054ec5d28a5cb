// SPDX-License-Identifier: GPL-3.0-or-later
// AC-HARD-02 in the lab: a load that pushes a throwaway container past a small test ceiling is
// detected (peak over the ceiling) and its OOM kill reported; a light load is not.
#include "../common/labenv.h"
#include "../common/throwawaycontainer.h"

#include "fleet/fleetfile.h"
#include "model/metatypes.h"
#include "telemetry/loadcheck.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace bulwark;

namespace {

constexpr qint64 MiB = 1024 * 1024;

} // namespace

class TestLoadCheck final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { registerMetaTypes(); }

    void needsExactlyOneLoad()
    {
        HostEntry host;
        host.name = QStringLiteral("nowhere");
        const auto r = LoadCheck::runBlocking(host, QStringLiteral("c"), LoadCheckOptions{});
        QVERIFY(r.error.contains(QLatin1String("exactly one load")));
    }

    void overCeilingAndOomKillDetected_data()
    {
        QTest::addColumn<QStringList>("load");
        QTest::addColumn<qint64>("ceiling");
        QTest::addColumn<bool>("expectOom");
        QTest::addColumn<bool>("expectOverCeiling");
        // A shell string that grows by 1 MiB a second: crosses a 6 MiB test ceiling while sampled (steady state ~half the transient peak), then the
        // 16m limit, where the kernel's OOM killer ends it.
        QTest::newRow("growing load past 16m") << QStringList{QStringLiteral("sh"), QStringLiteral("-c"),
                                                              QStringLiteral("x=; while :; do x=\"$x$(head -c 1048576 /dev/zero | tr '\\0' a)\"; sleep 1; done")}
                                               << 6 * MiB << true << true;
        QTest::newRow("light load") << QStringList{QStringLiteral("sleep"), QStringLiteral("3")} << 16 * MiB << false << false;
    }
    void overCeilingAndOomKillDetected()
    {
        QFETCH(QStringList, load);
        QFETCH(qint64, ceiling);
        QFETCH(bool, expectOom);
        QFETCH(bool, expectOverCeiling);
        const auto lab = test::LabEnv::load();
        if (!lab)
            QSKIP(qPrintable(test::LabEnv::skipReason()));
        auto local = FleetFile::load(lab->value(QStringLiteral("BULWARK_LAB_FLEET_LOCAL")));
        QVERIFY2(local, qPrintable(local.errorMessage()));
        auto fleet = FleetFile::load(lab->fleet);
        QVERIFY2(fleet, qPrintable(fleet.errorMessage()));
        const HostEntry* localHost = local->findHost(QStringLiteral("lab-3"));
        const HostEntry* sshHost = fleet->findHost(QStringLiteral("lab-3"));
        QVERIFY(localHost && sshHost);
        const QString name = QStringLiteral("bulwark-tele-load-%1").arg(QCoreApplication::applicationPid());
        test::ThrowawayContainer container(localHost->url, name);
        QVERIFY2(container.ok(), qPrintable(container.error()));

        LoadCheck check;
        QSignalSpy sampled(&check, &LoadCheck::sampled);
        QSignalSpy finished(&check, &LoadCheck::finished);
        LoadCheckOptions options;
        options.execCommand = load;
        options.durationMs = 25000;
        options.ceilingBytes = ceiling;
        check.run(*sshHost, name, options);
        QVERIFY(finished.wait(90000));
        const auto result = finished.first().at(0).value<LoadCheckResult>();
        for (const auto& s : std::as_const(sampled))
            qInfo("t=%lld ms usage=%lld", s.at(1).toLongLong(), s.at(0).toLongLong());
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.containerName, name);
        QCOMPARE(result.limitBytes, 16 * MiB);
        QCOMPARE(result.ceilingBytes, ceiling);
        QVERIFY(result.samples >= 2);
        QCOMPARE(sampled.size(), result.samples);
        QCOMPARE(result.oomKilled, expectOom);
        QCOMPARE(result.peakUsageBytes > result.ceilingBytes, expectOverCeiling);
        QVERIFY(result.peakUsageBytes > 0);
        QVERIFY(result.finishedAt > result.startedAt);
    }
};

QTEST_GUILESS_MAIN(TestLoadCheck)
#include "tst_loadcheck.moc"
