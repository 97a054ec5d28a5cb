// SPDX-License-Identifier: GPL-3.0-or-later
// The example stacks as the lab's engines report them (tests/data/inspect, recorded), evaluated
// against the embedded policy: exactly the documented deviations of
// resources/examples/expected-findings.tsv fail, nothing else does.
#include "../common/expectedfindings.h"

#include "docker/snapshotparser.h"
#include "policy/evaluator.h"
#include "policy/policy.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

using namespace bulwark;

namespace {

struct LabData {
    FleetSnapshot fleet;
    EvaluationContext context;
    QSet<QString> expectedFails; // host|container|control
};

const LabData& lab()
{
    static const LabData data = [] {
        LabData d;
        const QDir dir(QStringLiteral(BULWARK_TEST_DATA "/inspect"));
        QMap<QString, HostSnapshot> hosts;
        for (const QString& file : dir.entryList({QStringLiteral("lab-*_*.json")}, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(file));
            if (!f.open(QIODevice::ReadOnly))
                qFatal("cannot read %s", qPrintable(file));
            auto c = SnapshotParser::parseContainerInspect(f.readAll());
            if (!c)
                qFatal("%s: %s", qPrintable(file), qPrintable(c.errorMessage()));
            const QString host = file.section(QLatin1Char('_'), 0, 0);
            HostSnapshot& h = hosts[host];
            h.hostName = host;
            h.status = HostStatus::Ok;
            h.engine.memTotalBytes = 25276071936; // the lab machine's MemTotal when recorded
            h.engine.securityOptions = {QStringLiteral("name=seccomp,profile=default")};
            h.containers.append(*c);
        }
        d.fleet.hosts = hosts.values();
        // Owner-only evidence as recorded on the hosts.
        QFile st(dir.filePath(QStringLiteral("stat.tsv")));
        if (!st.open(QIODevice::ReadOnly))
            qFatal("no stat.tsv");
        for (const QByteArray& line : st.readAll().split('\n')) {
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            const qsizetype tab = line.indexOf('\t');
            const QString host = QString::fromUtf8(line.left(tab));
            for (const PathStat& s : parseStatOutput(line.mid(tab + 1)))
                d.context.pathStats.insert(pathStatKey(host, s.path), s);
        }
        // The lab Prometheus scrapes these targets (all up when recorded).
        PrometheusEvidence prom;
        prom.url = QStringLiteral("http://127.0.0.1:29190");
        prom.reachable = true;
        const auto targets = test::readTsvRecords(QStringLiteral(BULWARK_SOURCE_DIR "/resources/examples/prometheus-targets.tsv"));
        if (!targets)
            qFatal("cannot read prometheus-targets.tsv");
        for (const QStringList& row : *targets) {
            PrometheusTarget t;
            t.labels = {{QStringLiteral("host"), row.value(0)}, {QStringLiteral("container"), row.value(1)}, {QStringLiteral("job"), QStringLiteral("containers")}};
            t.scrapeUrl = QLatin1String("http://") + row.value(2) + row.value(3);
            t.health = QStringLiteral("up");
            prom.targets.append(t);
        }
        prom.buildIndex();
        d.context.prometheus = prom;
        d.expectedFails = test::expectedFailures();
        return d;
    }();
    return data;
}

const Policy& policy()
{
    static const Policy p = *PolicyFile::embedded();
    return p;
}

} // namespace

class TestLabFixtures final : public QObject {
    Q_OBJECT
private slots:
    void verdict_data();
    void verdict();
    void everyExpectedFindingIsRecorded();
    void waivedAndInheritedCases();
};

void TestLabFixtures::verdict_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("control");
    QTest::addColumn<bool>("expectFail");
    for (const HostSnapshot& h : lab().fleet.hosts)
        for (const ContainerSnapshot& c : h.containers)
            for (const ControlDefinition& def : policy().controls) {
                if (def.scope != ControlScope::Container)
                    continue;
                const QString key = h.hostName + QLatin1Char('|') + c.name + QLatin1Char('|') + def.id;
                QTest::newRow(qPrintable(key)) << h.hostName << c.name << def.id << lab().expectedFails.contains(key);
            }
}

void TestLabFixtures::verdict()
{
    QFETCH(QString, host);
    QFETCH(QString, container);
    QFETCH(QString, control);
    QFETCH(bool, expectFail);
    const HostSnapshot* h = nullptr;
    for (const auto& x : lab().fleet.hosts)
        if (x.hostName == host)
            h = &x;
    QVERIFY(h);
    const ContainerSnapshot* c = h->findContainer(container);
    QVERIFY(c);
    const auto r = Evaluator::evaluateContainerControl(control, *c, *h, policy(), lab().context);
    QVERIFY(r);
    const QString why = controlStatusName(r->status) + QLatin1String(": ") + r->reason + QLatin1String(" | ") + r->evidence;
    if (expectFail)
        QVERIFY2(r->status == ControlStatus::Fail, qPrintable(why));
    else
        QVERIFY2(r->status != ControlStatus::Fail, qPrintable(why));
    // With Prometheus, stat and recorded inspect data there is nothing left to guess.
    QVERIFY2(r->status != ControlStatus::Unknown, qPrintable(why));
}

void TestLabFixtures::everyExpectedFindingIsRecorded()
{
    for (const QString& key : lab().expectedFails) {
        const QStringList k = key.split(QLatin1Char('|'));
        bool found = false;
        for (const auto& h : lab().fleet.hosts)
            if (h.hostName == k[0] && h.findContainer(k[1]))
                found = true;
        QVERIFY2(found, qPrintable(key));
    }
}

void TestLabFixtures::waivedAndInheritedCases()
{
    const auto results = Evaluator::evaluateAll(lab().fleet, policy(), lab().context);
    const auto find = [&](const QString& container, const QString& control) -> const ControlResult* {
        for (const auto& r : results)
            if (r.containerName == container && r.controlId == control)
                return &r;
        return nullptr;
    };
    const ControlResult* ne = find(QStringLiteral("infra-node-exporter"), QStringLiteral("REQ-HARD-01"));
    QVERIFY(ne);
    QCOMPARE(ne->status, ControlStatus::Waived);
    QVERIFY(ne->waiverReason.contains(QLatin1String("OPS-412")));
    const ControlResult* ee = find(QStringLiteral("edge-exporter"), QStringLiteral("REQ-HARD-01"));
    QCOMPARE(ee->status, ControlStatus::Fail);
    QVERIFY2(ee->note.contains(QLatin1String("empty reason")), qPrintable(ee->note));
    const ControlResult* am = find(QStringLiteral("infra-app-metrics"), QStringLiteral("INF-01"));
    QCOMPARE(am->status, ControlStatus::Pass);
    QVERIFY2(am->evidence.contains(QLatin1String("inherited from infra-app")), qPrintable(am->evidence));
    const ControlResult* st = find(QStringLiteral("sysctl-tuner"), QStringLiteral("SEC-02"));
    QCOMPARE(st->status, ControlStatus::NotApplicable);
    QVERIFY(st->note.contains(QLatin1String("created")));
    const ControlResult* app = find(QStringLiteral("infra-app"), QStringLiteral("ST-02"));
    QVERIFY2(app->evidence.contains(QLatin1String("orders-api/secrets 755")), qPrintable(app->evidence));
}

QTEST_GUILESS_MAIN(TestLabFixtures)
#include "tst_labfixtures.moc"
