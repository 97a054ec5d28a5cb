// SPDX-License-Identifier: GPL-3.0-or-later
// The batched cgroup memory read: cgroup paths per layout, the parser of the command's (untrusted)
// output, and the real shell script run against fake cgroup trees, including the search for cgroups
// that are not where the layout puts them (a daemon started with --cgroup-parent).
#include "scan/cgroupmemory.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;
using namespace bulwark::CgroupMemory;

namespace {

QString hexId(char c)
{
    return QString(64, QLatin1Char(c));
}

QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(BULWARK_TEST_DATA "/cgroup/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(f.fileName()));
    return f.readAll();
}

bool writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

// Runs command() locally, as HostSession::run does for unix:// hosts.
QByteArray runScript(const QStringList& argv)
{
    QProcess p;
    p.start(argv.first(), argv.mid(1));
    if (!p.waitForFinished(10000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

const QDateTime kAt = QDateTime(QDate(2026, 12, 3), QTime(20, 0), Qt::UTC);

} // namespace

class TestCgroupMemory final : public QObject {
    Q_OBJECT

private slots:
    void expectedPath_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<QString>("parent");
        QTest::addColumn<QString>("path");
        const QString id = hexId('a');
        QTest::newRow("cgroupfs default") << "cgroupfs" << "" << QStringLiteral("/docker/") + id;
        QTest::newRow("cgroupfs parent") << "cgroupfs" << "/ci/jobs" << QStringLiteral("/ci/jobs/") + id;
        QTest::newRow("cgroupfs relative parent") << "cgroupfs" << "ci/" << QStringLiteral("/ci/") + id;
        QTest::newRow("cgroupfs root parent") << "cgroupfs" << "/" << QStringLiteral("/") + id;
        QTest::newRow("systemd default") << "systemd" << "" << QStringLiteral("/system.slice/docker-%1.scope").arg(id);
        QTest::newRow("systemd nested slice") << "systemd" << "ci-jobs.slice"
                                              << QStringLiteral("/ci.slice/ci-jobs.slice/docker-%1.scope").arg(id);
        QTest::newRow("systemd root slice") << "systemd" << "-.slice" << QStringLiteral("/docker-%1.scope").arg(id);
    }
    void expectedPath()
    {
        QFETCH(QString, driver);
        QFETCH(QString, parent);
        QFETCH(QString, path);
        QCOMPARE(CgroupMemory::expectedPath(hexId('a'), parent, driver), path);
    }

    void versionFromInfo()
    {
        QCOMPARE(CgroupMemory::versionFromInfo(QStringLiteral("1")), Version::V1);
        QCOMPARE(CgroupMemory::versionFromInfo(QStringLiteral("2")), Version::V2);
        QVERIFY(!CgroupMemory::versionFromInfo(QString()));
        QVERIFY(!CgroupMemory::versionFromInfo(QStringLiteral("3")));
    }

    // Recorded in the lab (cgroup v1, cgroupfs, dockerd --cgroup-parent): paths found by the search.
    void parseLabV1()
    {
        const QStringList ids{QStringLiteral("30d42dd522eaf516813d7a3e90a955f15bc9f5c620fb79f36164e59b8071ef4b"),
                              QStringLiteral("7a31e5cc23879dfd82db71726d9cb40a6895f93af4637b1b38c46ab5d5bf07a3"),
                              QStringLiteral("ab33cedf3f6d2a507d84623d7e60b677f6f35b8c7ebc3ab41c21b2ac14337ecf"), hexId('0')};
        const Parsed p = parse(fixture(QStringLiteral("v1-cgroupfs-lab.txt")), Version::V1, ids, kAt);
        QVERIFY(p.complete);
        QCOMPARE(p.badLines, 0);
        QCOMPARE(p.readings.size(), 3);
        const MemoryReading m = p.readings.value(ids[0]);
        QCOMPARE(m.rawUsageBytes, qint64(466944));
        QCOMPARE(m.usageBytes, qint64(466944)); // total_inactive_file 0
        QCOMPARE(m.limitBytes, qint64(32) << 20);
        QCOMPARE(m.sampledAt, kAt);
        QVERIFY(!p.readings.contains(hexId('0'))); // no cgroup found: the API answers for it
    }

    // cgroup v2 with the systemd driver: "max" is no limit, usage excludes inactive_file, a
    // container whose memory.stat is missing gets no reading.
    void parseV2()
    {
        const QStringList ids{hexId('a'), hexId('b'), hexId('c')};
        const Parsed p = parse(fixture(QStringLiteral("v2-systemd.txt")), Version::V2, ids, kAt);
        QVERIFY(p.complete);
        QCOMPARE(p.badLines, 0);
        QCOMPARE(p.readings.keys(), QList<QString>{hexId('a')});
        const MemoryReading m = p.readings.value(hexId('a'));
        QCOMPARE(m.rawUsageBytes, qint64(50) << 20);
        QCOMPARE(m.usageBytes, qint64(40) << 20);
        QCOMPARE(m.limitBytes, qint64(0));
    }

    void parseHostile_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<int>("readings"); // of container 'a'
        QTest::addColumn<int>("badLines");
        const QByteArray a = hexId('a').toLatin1();
        const QByteArray dir = "/cg/" + a;
        const QByteArray head = "C " + a + " " + dir + "\n";
        const QByteArray good = dir + "/memory.usage_in_bytes:1000\n" + dir + "/memory.limit_in_bytes:4096\n" + dir
            + "/memory.stat:total_inactive_file 100\n";
        QTest::newRow("good") << head + good + "END\n" << 1 << 0;
        QTest::newRow("no end marker") << head + good << 0 << 0;
        QTest::newRow("cut mid-line") << head + good.left(good.size() - 5) << 0 << 1;
        QTest::newRow("text after end") << head + good + "END\n" + dir + "/memory.usage_in_bytes:1\n" << 1 << 1;
        QTest::newRow("garbage lines") << head + "hello\n\x01\x02\n" + good + "END\n" << 1 << 2;
        QTest::newRow("value twice") << head + good + dir + "/memory.usage_in_bytes:5\nEND\n" << 0 << 1;
        QTest::newRow("negative") << head + QByteArray(good).replace(":1000", ":-1000") + "END\n" << 0 << 1;
        QTest::newRow("overflow") << head + QByteArray(good).replace(":1000", ":99999999999999999999") + "END\n" << 0 << 1;
        QTest::newRow("not a number") << head + QByteArray(good).replace(":4096", ":lots") + "END\n" << 0 << 1;
        QTest::newRow("max is v2 only") << head + QByteArray(good).replace(":4096", ":max") + "END\n" << 0 << 1;
        QTest::newRow("unknown file") << head + good + dir + "/memory.evil:1\nEND\n" << 1 << 1;
        QTest::newRow("file of an unlisted dir") << head + good + "/cg/other/memory.usage_in_bytes:1\nEND\n" << 1 << 1;
        QTest::newRow("id not asked for") << "C " + hexId('f').toLatin1() + " /cg/f\n" + head + good + "END\n" << 1 << 1;
        QTest::newRow("id not hex") << "C ../../x /cg/x\n" + head + good + "END\n" << 1 << 1;
        QTest::newRow("relative dir") << "C " + a + " cg/" + a + "\nEND\n" << 0 << 1;
        QTest::newRow("container listed twice") << head + head + good + "END\n" << 0 << 1;
        QTest::newRow("missing inactive") << head + dir + "/memory.usage_in_bytes:1000\n" + dir
                + "/memory.limit_in_bytes:4096\nEND\n"
                                          << 0 << 0;
        QTest::newRow("own inactive_file is not the figure") << head + dir + "/memory.usage_in_bytes:1000\n" + dir
                + "/memory.limit_in_bytes:4096\n" + dir + "/memory.stat:inactive_file 100\nEND\n"
                                                             << 0 << 0;
        QTest::newRow("empty") << QByteArray() << 0 << 0;
    }
    void parseHostile()
    {
        QFETCH(QByteArray, output);
        QFETCH(int, readings);
        QFETCH(int, badLines);
        const Parsed p = parse(output, Version::V1, {hexId('a'), hexId('b')}, kAt);
        QCOMPARE(p.readings.size(), readings);
        QCOMPARE(p.badLines, badLines);
        QVERIFY(p.problems.size() <= 5);
        if (readings) {
            const MemoryReading m = p.readings.value(hexId('a'));
            QCOMPARE(m.usageBytes, qint64(900));
            QCOMPARE(m.limitBytes, qint64(4096));
        }
    }

    // Two containers claiming one directory: neither reading can be attributed.
    void parseSharedDirectory()
    {
        const QByteArray out = "C " + hexId('a').toLatin1() + " /cg/x\nC " + hexId('b').toLatin1()
            + " /cg/x\n/cg/x/memory.usage_in_bytes:1\n/cg/x/memory.limit_in_bytes:2\n/cg/x/memory.stat:total_inactive_file 0\nEND\n";
        QVERIFY(parse(out, Version::V1, {hexId('a'), hexId('b')}, kAt).readings.isEmpty());
    }

    void cacheNotBelowUsageIsIgnored_data()
    {
        QTest::addColumn<qint64>("usage");
        QTest::addColumn<qint64>("inactive");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("below") << qint64(1000) << qint64(300) << qint64(700);
        QTest::newRow("equal") << qint64(1000) << qint64(1000) << qint64(1000);
        QTest::newRow("above") << qint64(1000) << qint64(5000) << qint64(1000);
    }
    void cacheNotBelowUsageIsIgnored()
    {
        QFETCH(qint64, usage);
        QFETCH(qint64, inactive);
        QFETCH(qint64, expected);
        const QByteArray d = "/cg/" + hexId('a').toLatin1();
        const QByteArray out = "C " + hexId('a').toLatin1() + " " + d + "\n" + d + "/memory.current:" + QByteArray::number(usage)
            + "\n" + d + "/memory.max:max\n" + d + "/memory.stat:inactive_file " + QByteArray::number(inactive) + "\nEND\n";
        const Parsed p = parse(out, Version::V2, {hexId('a')}, kAt);
        QCOMPARE(p.readings.value(hexId('a')).usageBytes, expected);
    }

    void noLimitV1()
    {
        const QByteArray d = "/cg/" + hexId('a').toLatin1();
        const QByteArray out = "C " + hexId('a').toLatin1() + " " + d + "\n" + d + "/memory.usage_in_bytes:10\n" + d
            + "/memory.limit_in_bytes:9223372036854771712\n" + d + "/memory.stat:total_inactive_file 0\nEND\n";
        QCOMPARE(parse(out, Version::V1, {hexId('a')}, kAt).readings.value(hexId('a')).limitBytes, qint64(0));
    }

    // The real script, against fake cgroup trees: a cgroup where the layout puts it, one found by
    // the search (a daemon's --cgroup-parent, a systemd scope under another slice), a missing
    // memory.stat, a container without a cgroup, and decoy directories the search must not take.
    void script_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v1") << 1;
        QTest::newRow("v2") << 2;
    }
    void script()
    {
        QFETCH(int, version);
        const Version v = version == 2 ? Version::V2 : Version::V1;
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QByteArray usageFile = v == Version::V2 ? "memory.current" : "memory.usage_in_bytes";
        const QByteArray limitFile = v == Version::V2 ? "memory.max" : "memory.limit_in_bytes";
        const QByteArray inactive = v == Version::V2 ? "inactive_file" : "total_inactive_file";
        const QByteArray stat = "anon 5\n" + inactive + " 200\nfile 9\n"
            + (v == Version::V1 ? QByteArray("inactive_file 7\n") : QByteArray());
        auto makeCgroup = [&](const QString& rel, bool withStat) {
            const QString d = root.path() + rel;
            QVERIFY(writeFile(d + QLatin1Char('/') + QString::fromLatin1(usageFile), "1200\n"));
            QVERIFY(writeFile(d + QLatin1Char('/') + QString::fromLatin1(limitFile), v == Version::V2 ? "max\n" : "8192\n"));
            if (withStat)
                QVERIFY(writeFile(d + QStringLiteral("/memory.stat"), stat));
        };
        makeCgroup(QStringLiteral("/docker/") + hexId('a'), true);                             // expected path
        makeCgroup(QStringLiteral("/docker/") + hexId('b'), false);                            // memory.stat missing
        makeCgroup(QStringLiteral("/lab/h1/") + hexId('e'), true);                             // daemon --cgroup-parent
        makeCgroup(QStringLiteral("/ci.slice/docker-%1.scope").arg(hexId('f')), true);         // another slice
        makeCgroup(QStringLiteral("/decoy/x") + hexId('9') + QStringLiteral("y"), true);       // not a container dir
        makeCgroup(QStringLiteral("/decoy/") + hexId('8'), true);                              // a container not asked for

        const QList<Target> targets{{hexId('a'), {}}, {hexId('b'), {}}, {hexId('c'), {}}, {hexId('e'), {}},
                                    {hexId('f'), {}}, {hexId('9'), {}}, {QStringLiteral("../../etc"), {}}};
        const QStringList argv = command(v, QStringLiteral("cgroupfs"), targets, root.path());
        QVERIFY(!argv.join(QLatin1Char(' ')).contains(QLatin1String("../../etc"))); // not an id: never sent
        const QByteArray out = runScript(argv);
        const Parsed p = parse(out, v, {hexId('a'), hexId('b'), hexId('c'), hexId('e'), hexId('f'), hexId('9')}, kAt);
        QVERIFY2(p.complete, out.constData());
        QCOMPARE(p.badLines, 0);
        QStringList got = p.readings.keys();
        got.sort();
        QCOMPARE(got, (QStringList{hexId('a'), hexId('e'), hexId('f')}));
        for (const QString& id : std::as_const(got)) {
            const MemoryReading m = p.readings.value(id);
            QCOMPARE(m.rawUsageBytes, qint64(1200));
            QCOMPARE(m.usageBytes, qint64(1000));
            QCOMPARE(m.limitBytes, v == Version::V2 ? qint64(0) : qint64(8192));
        }
    }
};

QTEST_GUILESS_MAIN(TestCgroupMemory)
#include "tst_cgroupmemory.moc"
