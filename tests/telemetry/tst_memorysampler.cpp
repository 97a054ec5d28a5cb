// SPDX-License-Identifier: GPL-3.0-or-later
// Memory ceilings and the idle rule (pure), and, in the lab, readings that agree with `docker stats`.
#include "../common/labenv.h"

#include "fleet/fleetfile.h"
#include "model/metatypes.h"
#include "telemetry/memorysampler.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace bulwark;

namespace {

constexpr qint64 MiB = 1024 * 1024;

// "12.5MiB / 1GiB" -> bytes of the first figure, as docker's units.BytesSize prints them.
qint64 parseDockerSize(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*([0-9.]+)\\s*([KMGT]?i?B)"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return -1;
    const double v = m.captured(1).toDouble();
    const QString unit = m.captured(2);
    double mult = 1;
    if (unit.startsWith(QLatin1Char('K')))
        mult = 1024;
    else if (unit.startsWith(QLatin1Char('M')))
        mult = MiB;
    else if (unit.startsWith(QLatin1Char('G')))
        mult = 1024.0 * MiB;
    else if (unit.startsWith(QLatin1Char('T')))
        mult = 1024.0 * 1024 * MiB;
    return qint64(v * mult);
}

} // namespace

class TestMemorySampler final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        registerMetaTypes();
        qRegisterMetaType<HostMemoryStatus>();
    }

    void ceilings_data()
    {
        QTest::addColumn<QString>("template_");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<qint64>("templateCeiling");
        QTest::addColumn<qint64>("effective");
        QTest::newRow("infra-high, no limit: 2 GiB") << QStringLiteral("template-infra-high") << 0LL << 2048 * MiB << 2048 * MiB;
        QTest::newRow("infra-high, 1g limit: the limit") << QStringLiteral("template-infra-high") << 1024 * MiB << 2048 * MiB
                                                         << 1024 * MiB;
        QTest::newRow("infra-high, 3g limit: still 2 GiB") << QStringLiteral("template-infra-high") << 3072 * MiB
                                                           << 2048 * MiB << 2048 * MiB;
        QTest::newRow("other template: the limit") << QStringLiteral("template-edge") << 256 * MiB << 0LL << 256 * MiB;
        QTest::newRow("nothing: none") << QString() << 0LL << 0LL << 0LL;
    }
    void ceilings()
    {
        QFETCH(QString, template_);
        QFETCH(qint64, limit);
        QFETCH(qint64, templateCeiling);
        QFETCH(qint64, effective);
        QMap<QString, QString> labels;
        if (!template_.isEmpty())
            labels.insert(QStringLiteral("io.hy-home.template"), template_);
        QCOMPARE(MemoryCeilings::templateCeiling(labels), templateCeiling);
        QCOMPARE(MemoryCeilings::effectiveCeiling(limit, templateCeiling), effective);
    }

    void hostShareIsTwentyPercent()
    {
        QCOMPARE(MemoryCeilings::hostShare(10 * 1024 * MiB), 2 * 1024 * MiB);
        QCOMPARE(MemoryCeilings::hostShare(0), 0);
        HostMemoryStatus h;
        h.hostName = QStringLiteral("lab-1");
        h.sampledAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
        h.shareBytes = 100;
        h.totalUsageBytes = 101;
        QVERIFY(h.overShare());
        const auto samples = h.samples();
        QCOMPARE(samples.size(), 1);
        QCOMPARE(samples.first().containerId, QString());
        QCOMPARE(samples.first().limitBytes, 100);
        h.error = QStringLiteral("unreachable");
        QVERIFY(h.samples().isEmpty()); // a failed host stores nothing rather than a zero total
    }

    void cpuPercentAsDockerStats()
    {
        // cpu delta 0.5 s of 2 s system time on 2 CPUs -> 50 % (100 = one CPU), as docker stats shows.
        const QByteArray json = R"({"cpu_stats":{"cpu_usage":{"total_usage":1500000000},"system_cpu_usage":4000000000,"online_cpus":2},
            "precpu_stats":{"cpu_usage":{"total_usage":1000000000},"system_cpu_usage":2000000000}})";
        QCOMPARE(MemoryCeilings::cpuPercentFromStats(json), 50.0);
        // one-shot stats have no previous reading
        QCOMPARE(MemoryCeilings::cpuPercentFromStats(R"({"cpu_stats":{"cpu_usage":{"total_usage":5}},"precpu_stats":{}})"), 0.0);
        QCOMPARE(MemoryCeilings::cpuPercentFromStats("not json"), 0.0);
    }

    void idleRule()
    {
        IdleDetector idle(10.0, 3);
        idle.add(1);
        idle.add(2);
        QVERIFY(!idle.isIdle()); // window not full: never judged from too few readings
        idle.add(3);
        QVERIFY(idle.isIdle());
        idle.add(50);
        QVERIFY(!idle.isIdle()); // one busy reading in the window
        idle.add(1);
        idle.add(1);
        QVERIFY(!idle.isIdle());
        idle.add(1);
        QVERIFY(idle.isIdle()); // the busy one has left the window
    }

    // AC: memory readings agree with `docker stats --no-stream` within 5 %.
    void agreesWithDockerStats()
    {
        const auto lab = test::LabEnv::load();
        if (!lab)
            QSKIP(qPrintable(test::LabEnv::skipReason()));
        const QString localFleet = lab->value(QStringLiteral("BULWARK_LAB_FLEET_LOCAL"));
        auto fleet = FleetFile::load(lab->fleet); // through ssh, as a user's fleet
        QVERIFY2(fleet, qPrintable(fleet.errorMessage()));
        auto local = FleetFile::load(localFleet);
        QVERIFY2(local, qPrintable(local.errorMessage()));
        const HostEntry* sshHost = fleet->findHost(QStringLiteral("lab-1"));
        const HostEntry* localHost = local->findHost(QStringLiteral("lab-1"));
        QVERIFY(sshHost && localHost);

        // A container's memory moves between two readings (the log-shipping sidecars most), so
        // docker stats is read just before and just after Bulwark's sample: Bulwark must agree with
        // the range the engine itself reported around that moment.
        auto dockerStats = [&]() -> QMap<QString, qint64> {
            QProcess docker;
            docker.start(QStringLiteral("docker"), {QStringLiteral("-H"), localHost->url, QStringLiteral("stats"),
                                                    QStringLiteral("--no-stream"), QStringLiteral("--no-trunc"),
                                                    QStringLiteral("--format"), QStringLiteral("{{.ID}}\t{{.MemUsage}}")});
            if (!docker.waitForFinished(60000) || docker.exitCode() != 0)
                return {};
            QMap<QString, qint64> usage;
            const QString text = QString::fromUtf8(docker.readAllStandardOutput());
            for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                const auto parts = line.split(QLatin1Char('\t'));
                if (parts.size() == 2)
                    usage.insert(parts[0], parseDockerSize(parts[1]));
            }
            return usage;
        };
        // A busybox httpd forks for every Prometheus scrape, so a container can be caught mid-spike
        // by Bulwark and not by either docker stats around it. Up to three rounds are taken; each
        // container must agree in at least one of them, and a disagreement that persists fails.
        FleetConfig one;
        one.hosts = {*sshHost};
        QMap<QString, QString> disagreement; // container id -> the last mismatch
        QSet<QString> agreed;
        for (int attempt = 0; attempt < 3; ++attempt) {
            const QMap<QString, qint64> before = dockerStats();
            QVERIFY2(!before.isEmpty(), "docker stats gave no readings");

            MemorySampler sampler;
            QSignalSpy spy(&sampler, &MemorySampler::hostSampled);
            QSignalSpy round(&sampler, &MemorySampler::roundFinished);
            sampler.sampleOnce(one);
            QVERIFY(round.wait(60000));
            QCOMPARE(spy.size(), 1);
            const auto status = spy.first().at(0).value<HostMemoryStatus>();
            QVERIFY2(status.ok(), qPrintable(status.error));
            QVERIFY(status.memTotalBytes > 0);
            QCOMPARE(status.shareBytes, status.memTotalBytes / 5);
            QVERIFY(!status.containers.isEmpty());

            const QMap<QString, qint64> after = dockerStats();
            QVERIFY2(!after.isEmpty(), "docker stats gave no readings");
            qint64 total = 0;
            for (const ContainerMemoryStatus& c : status.containers) {
                total += c.sample.usageBytes;
                QCOMPARE(c.templateCeilingBytes, MemoryCeilings::templateCeiling(c.labels));
                const QString& id = c.sample.containerId;
                if (agreed.contains(id) || !before.contains(id) || !after.contains(id))
                    continue;
                const qint64 low = std::min(before.value(id), after.value(id));
                const qint64 high = std::max(before.value(id), after.value(id));
                const qint64 got = c.sample.usageBytes;
                // 5 %, with a floor of 256 KiB: docker prints 4 significant digits, and tiny idle
                // containers move by a few pages between readings.
                const double tolerance = std::max(0.05 * double(high), 256.0 * 1024);
                if (double(got) >= double(low) - tolerance && double(got) <= double(high) + tolerance) {
                    agreed.insert(id);
                    disagreement.remove(id);
                } else {
                    disagreement.insert(id, QStringLiteral("%1: bulwark %2 vs docker stats %3..%4")
                                                .arg(c.sample.containerName).arg(got).arg(low).arg(high));
                }
            }
            QCOMPARE(status.totalUsageBytes, total);
            if (disagreement.isEmpty())
                break;
        }
        QVERIFY2(disagreement.isEmpty(), qPrintable(QStringList(disagreement.values()).join(QLatin1String("; "))));
        QVERIFY2(agreed.size() >= 2, "too few containers in common with docker stats");
    }

    // The running sampler keeps sampling each interval, and stop() ends it at once.
    void samplesAtInterval()
    {
        const auto lab = test::LabEnv::load();
        if (!lab)
            QSKIP(qPrintable(test::LabEnv::skipReason()));
        auto local = FleetFile::load(lab->value(QStringLiteral("BULWARK_LAB_FLEET_LOCAL")));
        QVERIFY2(local, qPrintable(local.errorMessage()));
        MemorySampler sampler;
        MemorySamplerOptions options;
        options.intervalMs = 1500;
        sampler.setOptions(options);
        QSignalSpy spy(&sampler, &MemorySampler::samplesReady);
        sampler.start(*local);
        QVERIFY(sampler.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(spy.size() >= 2 * local->hosts.size(), 60000);
        sampler.stop();
        QVERIFY(!sampler.isRunning());
        const auto samples = spy.first().at(0).value<QList<MemorySample>>();
        QVERIFY(!samples.isEmpty());
        QCOMPARE(samples.last().containerId, QString()); // the host total closes each host's batch
    }
};

QTEST_GUILESS_MAIN(TestMemorySampler)
#include "tst_memorysampler.moc"
