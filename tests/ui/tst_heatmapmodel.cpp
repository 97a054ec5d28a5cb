// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmap/heatmapmodel.h"
#include "sample/samplerun.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

namespace {

ControlResult result(const QString& control, const QString& host, const QString& id, ControlStatus s,
                     ControlScope scope = ControlScope::Container)
{
    ControlResult r;
    r.controlId = control;
    r.hostName = host;
    r.containerId = id;
    r.status = s;
    r.scope = scope;
    r.evidence = QStringLiteral("HostConfig.SecurityOpt = [] <b>");
    r.reason = QStringLiteral("reason for %1").arg(control);
    return r;
}

// Two hosts: "a" with web (project shop), db (project shop), tool (no project); "b" unreachable.
AuditRun smallRun()
{
    AuditRun run;
    for (const char* id : {"SEC-01", "INF-02", "NFR-OBS-01"}) {
        ControlDefinition d;
        d.id = QString::fromLatin1(id);
        d.title = QStringLiteral("title of %1").arg(d.id);
        d.scope = d.id == QLatin1String("NFR-OBS-01") ? ControlScope::Fleet : ControlScope::Container;
        run.controls.append(d);
    }
    HostSnapshot a;
    a.hostName = QStringLiteral("a");
    a.status = HostStatus::Ok;
    auto container = [](const char* id, const char* name, const char* project) {
        ContainerSnapshot c;
        c.id = QString::fromLatin1(id);
        c.name = QString::fromLatin1(name);
        c.state = QStringLiteral("running");
        if (*project)
            c.labels.insert(QStringLiteral("com.docker.compose.project"), QString::fromLatin1(project));
        return c;
    };
    a.containers = {container("t1", "tool", ""), container("w1", "web", "shop"), container("d1", "db", "shop")};
    HostSnapshot b;
    b.hostName = QStringLiteral("b");
    b.status = HostStatus::Unreachable;
    b.error = QStringLiteral("connection refused");
    run.fleet.hosts = {a, b};
    run.results = {
        result(QStringLiteral("SEC-01"), QStringLiteral("a"), QStringLiteral("w1"), ControlStatus::Fail),
        result(QStringLiteral("INF-02"), QStringLiteral("a"), QStringLiteral("w1"), ControlStatus::Pass),
        result(QStringLiteral("SEC-01"), QStringLiteral("a"), QStringLiteral("d1"), ControlStatus::Pass),
        result(QStringLiteral("INF-02"), QStringLiteral("a"), QStringLiteral("d1"), ControlStatus::Waived),
        result(QStringLiteral("SEC-01"), QStringLiteral("a"), QStringLiteral("t1"), ControlStatus::NotApplicable),
        result(QStringLiteral("NFR-OBS-01"), {}, {}, ControlStatus::Pass, ControlScope::Fleet),
        result(QStringLiteral("SEC-01"), QStringLiteral("a"), QStringLiteral("gone"), ControlStatus::Fail), // unknown container: ignored
        result(QStringLiteral("NOPE-99"), QStringLiteral("a"), QStringLiteral("w1"), ControlStatus::Fail),  // unknown control: ignored
    };
    return run;
}

} // namespace

class TestHeatmapModel final : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester()
    {
        HeatmapModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRun(std::make_shared<const AuditRun>(smallRun()));
        model.setRun(std::make_shared<const AuditRun>(sample::makeAuditRun({})));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void rowsAreGroupedByHostThenProjectThenName()
    {
        HeatmapModel model;
        model.setRun(std::make_shared<const AuditRun>(smallRun()));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), HeatmapModel::FirstControlColumn + 3);
        auto name = [&](int row) { return model.index(row, HeatmapModel::ContainerColumn).data().toString(); };
        QCOMPARE(name(0), QStringLiteral("db"));   // shop
        QCOMPARE(name(1), QStringLiteral("web"));  // shop
        QCOMPARE(name(2), QStringLiteral("tool")); // plain containers after projects
        QCOMPARE(model.index(3, HeatmapModel::HostColumn).data().toString(), QStringLiteral("b"));
        QCOMPARE(model.index(0, 0).data(HeatmapModel::ProjectRole).toString(), QStringLiteral("shop"));
    }

    void cellsCarryTheVerdictOfTheirContainerAndControl_data()
    {
        QTest::addColumn<QString>("container");
        QTest::addColumn<QString>("control");
        QTest::addColumn<int>("status"); // -1: no result
        QTest::newRow("web fails SEC-01") << "web" << "SEC-01" << int(ControlStatus::Fail);
        QTest::newRow("web passes INF-02") << "web" << "INF-02" << int(ControlStatus::Pass);
        QTest::newRow("db waived INF-02") << "db" << "INF-02" << int(ControlStatus::Waived);
        QTest::newRow("tool n/a SEC-01") << "tool" << "SEC-01" << int(ControlStatus::NotApplicable);
        QTest::newRow("tool has no INF-02") << "tool" << "INF-02" << -1;
        QTest::newRow("fleet verdict covers every row") << "tool" << "NFR-OBS-01" << int(ControlStatus::Pass);
    }
    void cellsCarryTheVerdictOfTheirContainerAndControl()
    {
        QFETCH(QString, container);
        QFETCH(QString, control);
        QFETCH(int, status);
        HeatmapModel model;
        model.setRun(std::make_shared<const AuditRun>(smallRun()));
        const int row = model.rowOfContainer(QStringLiteral("a"), container);
        QVERIFY(row >= 0);
        const QModelIndex cell = model.index(row, model.columnOfControl(control));
        const QVariant v = cell.data(HeatmapModel::StatusRole);
        QCOMPARE(v.isValid() ? v.toInt() : -1, status);
        QCOMPARE(cell.data(HeatmapModel::ControlIdRole).toString(), control);
        QVERIFY(!cell.data(Qt::DisplayRole).toString().isEmpty()); // readable for screen readers
    }

    void tooltipGivesEvidenceAndReasonEscaped()
    {
        HeatmapModel model;
        model.setRun(std::make_shared<const AuditRun>(smallRun()));
        const int row = model.rowOfContainer(QStringLiteral("a"), QStringLiteral("web"));
        const QString tip = model.index(row, model.columnOfControl(QStringLiteral("SEC-01"))).data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(QStringLiteral("HostConfig.SecurityOpt = [] &lt;b&gt;")));
        QVERIFY(tip.contains(QStringLiteral("reason for SEC-01")));
        QVERIFY(tip.contains(QStringLiteral("title of SEC-01")));
    }

    void unreachableHostShowsAsOneRowOfUnknowns()
    {
        HeatmapModel model;
        model.setRun(std::make_shared<const AuditRun>(smallRun()));
        const int row = 3;
        QCOMPARE(model.rowKind(row), HeatmapModel::RowKind::HostProblem);
        QCOMPARE(model.statusAt(row, 0), std::optional<ControlStatus>(ControlStatus::Unknown));
        QVERIFY(model.index(row, model.columnOfControl(QStringLiteral("SEC-01"))).data(Qt::ToolTipRole).toString()
                    .contains(QStringLiteral("connection refused")));
        QCOMPARE(model.index(row, HeatmapModel::ScoreColumn).data(HeatmapModel::ScoreRole).toInt(), 0);
    }

    void unreachableHostIsUnknownForHostControlsButInheritsNoFleetVerdict()
    {
        // REQ-HARD-02 is about the host itself: not scanned means not judged, shown as unknown like
        // its container controls. A fleet-wide verdict was not measured on it, so that cell stays empty.
        AuditRun run;
        for (const auto& [id, scope] : {std::pair{"SEC-01", ControlScope::Container}, std::pair{"REQ-HARD-02", ControlScope::Host},
                                        std::pair{"NFR-OBS-01", ControlScope::Fleet}}) {
            ControlDefinition d;
            d.id = QString::fromLatin1(id);
            d.scope = scope;
            run.controls.append(d);
        }
        HostSnapshot down;
        down.hostName = QStringLiteral("down");
        down.status = HostStatus::Unreachable;
        run.fleet.hosts = {down};
        run.results = {result(QStringLiteral("NFR-OBS-01"), {}, {}, ControlStatus::Pass, ControlScope::Fleet)};
        HeatmapModel model;
        model.setRun(std::make_shared<const AuditRun>(run));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.statusAt(0, 0), std::optional<ControlStatus>(ControlStatus::Unknown));
        QCOMPARE(model.statusAt(0, 1), std::optional<ControlStatus>(ControlStatus::Unknown));
        QCOMPARE(model.statusAt(0, 2), std::nullopt);
    }

    void rowScoreCountsOnlyDecidedVerdicts()
    {
        HeatmapModel model;
        model.setRun(std::make_shared<const AuditRun>(smallRun()));
        auto score = [&](const char* name) {
            return model.index(model.rowOfContainer(QStringLiteral("a"), QString::fromLatin1(name)), 0)
                .data(HeatmapModel::ScoreRole)
                .toInt();
        };
        QCOMPARE(score("web"), 66);  // fail, pass, pass(fleet)
        QCOMPARE(score("db"), 100);  // pass, waived, pass(fleet)
        QCOMPARE(score("tool"), 100); // n/a, pass(fleet)
    }

    void resetSignalsOnceAndIsFast()
    {
        sample::SampleOptions o;
        o.hosts = 10;
        o.containersPerHost = 500;
        auto run = std::make_shared<const AuditRun>(sample::makeAuditRun(o));
        HeatmapModel model;
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QElapsedTimer t;
        t.start();
        model.setRun(run);
        const qint64 ms = t.elapsed();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(model.controlCount(), 15);
        // A generous bound for debug builds on a loaded machine; the benchmark measures the real figure.
        QVERIFY2(ms < 2000, qPrintable(QStringLiteral("reset took %1 ms").arg(ms)));
    }
};

QTEST_MAIN(TestHeatmapModel)
#include "tst_heatmapmodel.moc"
