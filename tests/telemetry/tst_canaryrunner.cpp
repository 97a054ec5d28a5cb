// SPDX-License-Identifier: GPL-3.0-or-later
// The end-to-end probe's canary containers: hardened by construction, and in the lab the canary
// travels the host's real shipping path (the lab's shipper) into Loki.
#include "../common/labenv.h"

#include "fleet/fleetfile.h"
#include "model/metatypes.h"
#include "telemetry/canaryrunner.h"
#include "telemetry/lokiprobe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace bulwark;

class TestCanaryRunner final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { registerMetaTypes(); }

    void canaryIsHardened()
    {
        CanaryRunner::Options options;
        options.image = QStringLiteral("example/busybox:1");
        options.memoryBytes = 8 * 1024 * 1024;
        const QString line = CanaryRunner::lineFor(QStringLiteral("m-123"));
        QVERIFY(line.contains(QLatin1String("level=critical")));
        QVERIFY(line.contains(QLatin1String("m-123")));
        const auto body = QJsonDocument::fromJson(CanaryRunner::createBody(line, options)).object();
        QCOMPARE(body.value(QStringLiteral("Image")).toString(), options.image);
        const auto hc = body.value(QStringLiteral("HostConfig")).toObject();
        QCOMPARE(hc.value(QStringLiteral("ReadonlyRootfs")).toBool(), true);
        QCOMPARE(hc.value(QStringLiteral("CapDrop")).toArray(), QJsonArray{QStringLiteral("ALL")});
        QCOMPARE(hc.value(QStringLiteral("SecurityOpt")).toArray(), QJsonArray{QStringLiteral("no-new-privileges:true")});
        QCOMPARE(hc.value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("none"));
        QCOMPARE(hc.value(QStringLiteral("Memory")).toInteger(), options.memoryBytes);
        QCOMPARE(hc.value(QStringLiteral("AutoRemove")).toBool(), true);
        QCOMPARE(hc.value(QStringLiteral("Privileged")).toBool(false), false);
        QVERIFY(!body.value(QStringLiteral("User")).toString().startsWith(QLatin1String("0")));
        // The line is an argument, never spliced into the shell script.
        const auto cmd = body.value(QStringLiteral("Cmd")).toArray();
        QVERIFY(cmd.contains(line));
        QVERIFY(!cmd.at(2).toString().contains(QLatin1String("m-123")));
    }

    // AC: the end-to-end probe goes through the lab's shipper, on every host, and leaves no canary behind.
    void endToEndThroughShipper()
    {
        const auto lab = test::LabEnv::load();
        if (!lab)
            QSKIP(qPrintable(test::LabEnv::skipReason()));
        auto fleet = FleetFile::load(lab->fleet);
        QVERIFY2(fleet, qPrintable(fleet.errorMessage()));
        QVERIFY2(fleet->loki, "the lab fleet has no loki section");
        LokiProbe probe;
        LokiProbeOptions options;
        options.intervalMs = 300;
        options.timeoutMs = 20000;
        probe.setOptions(options);
        QSignalSpy finished(&probe, &LokiProbe::finished);
        QSignalSpy failed(&probe, &LokiProbe::failed);
        probe.runEndToEnd(*fleet, 2);
        QVERIFY(finished.wait(120000));
        QCOMPARE(failed.size(), 0);
        const auto summary = finished.first().at(0).value<LogLatencySummary>();
        QCOMPARE(summary.probes.size(), 2 * fleet->hosts.size());
        QStringList hosts;
        for (const auto& p : summary.probes) {
            QVERIFY2(!p.missed, qPrintable(p.hostName + QStringLiteral(": ") + p.error));
            QCOMPARE(p.mode, QStringLiteral("end-to-end"));
            QVERIFY(p.latencyMs >= 0 && p.latencyMs < options.timeoutMs);
            hosts << p.hostName;
        }
        for (const auto& h : fleet->hosts)
            QVERIFY(hosts.contains(h.name));
        qInfo("end-to-end: p50 %.0f ms, p95 %.0f ms, max %.0f ms", summary.p50Ms, summary.p95Ms, summary.maxMs);

        // The canaries are removed when done (force-removed, or AutoRemove as the backstop).
        auto local = FleetFile::load(lab->value(QStringLiteral("BULWARK_LAB_FLEET_LOCAL")));
        QVERIFY(local);
        for (const HostEntry& h : local->hosts) {
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    QProcess ps;
                    ps.start(QStringLiteral("docker"), {QStringLiteral("-H"), h.url, QStringLiteral("ps"), QStringLiteral("-a"),
                                                        QStringLiteral("-q"), QStringLiteral("--filter"),
                                                        QStringLiteral("label=io.bulwark.role=log-canary")});
                    return ps.waitForFinished(30000) && ps.readAllStandardOutput().trimmed().isEmpty();
                }(),
                30000);
        }
    }
};

QTEST_GUILESS_MAIN(TestCanaryRunner)
#include "tst_canaryrunner.moc"
