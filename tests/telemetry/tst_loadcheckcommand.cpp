// SPDX-License-Identifier: GPL-3.0-or-later
// `bulwark-cli load-check` in the lab, and its measurement feeding the next audit: a growing load
// OOM-kills a throwaway template-infra-high container; the check is recorded in the history, and
// `audit --history` then fails AC-HARD-02 for that container with the measured peak as evidence.
#include "../common/labenv.h"
#include "../common/processrun.h"
#include "../common/throwawaycontainer.h"

#include "fleet/fleetfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace bulwark;
using bulwark::test::ProcessRun;
using bulwark::test::runCli;

namespace {

QJsonObject resultFor(const QJsonObject& report, const QString& container, const QString& control)
{
    for (const auto& h : report.value(QStringLiteral("hosts")).toArray())
        for (const auto& c : h.toObject().value(QStringLiteral("containers")).toArray())
            if (c.toObject().value(QStringLiteral("name")).toString() == container)
                for (const auto& r : c.toObject().value(QStringLiteral("results")).toArray())
                    if (r.toObject().value(QStringLiteral("control")).toString() == control)
                        return r.toObject();
    return {};
}

} // namespace

class TestLoadCheckCommand final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(test::bulwarkCli()))
            QSKIP("bulwark-cli is not built in this build tree");
    }

    void usageErrors()
    {
        const ProcessRun r = runCli({QStringLiteral("load-check"), QStringLiteral("--fleet"), QStringLiteral("/nonexistent.yaml"),
                                QStringLiteral("--host"), QStringLiteral("h"), QStringLiteral("--container"), QStringLiteral("c")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("exactly one load"), r.err.constData());
    }

    void oomUnderLoadFailsAcHard02InTheNextAudit()
    {
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

        // Only lab-3 in the audited fleet: the check is about one container.
        QTemporaryDir dir;
        FleetConfig one = *fleet;
        one.hosts = {*sshHost};
        const QString fleetPath = dir.filePath(QStringLiteral("fleet.yaml"));
        QVERIFY(FleetFile::save(one, fleetPath));
        const QString history = dir.filePath(QStringLiteral("history.sqlite"));

        const QString name = QStringLiteral("bulwark-loadcli-%1").arg(QCoreApplication::applicationPid());
        test::ThrowawayContainer container(localHost->url, name, {QStringLiteral("io.hy-home.template=template-infra-high")});
        QVERIFY2(container.error().isEmpty(), qPrintable(container.error()));

        // Grows by 1 MiB a second, past the 6 MiB test ceiling, until the 16m limit's OOM killer ends it.
        const ProcessRun check = runCli({QStringLiteral("load-check"), QStringLiteral("--fleet"), fleetPath, QStringLiteral("--host"),
                                    QStringLiteral("lab-3"), QStringLiteral("--container"), name, QStringLiteral("--exec"),
                                    QStringLiteral("x=; while :; do x=\"$x$(head -c 1048576 /dev/zero | tr '\\0' a)\"; sleep 1; done"),
                                    QStringLiteral("--duration"), QStringLiteral("30"), QStringLiteral("--ceiling"), QStringLiteral("6MiB"),
                                    QStringLiteral("--json"), QStringLiteral("--history"), history});
        QVERIFY2(check.exitCode == 1, check.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(check.out).object();
        QCOMPARE(result.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QCOMPARE(result.value(QStringLiteral("control")).toString(), QStringLiteral("AC-HARD-02"));
        QCOMPARE(result.value(QStringLiteral("container")).toString(), name);
        QVERIFY(result.value(QStringLiteral("oomKilled")).toBool());
        QCOMPARE(qint64(result.value(QStringLiteral("ceilingBytes")).toDouble()), qint64(6) * 1024 * 1024);
        QVERIFY(result.value(QStringLiteral("peakUsageBytes")).toDouble() > 6.0 * 1024 * 1024);
        QVERIFY(QFileInfo::exists(history));

        // Without the history the audit judges the container on its 16 MiB limit: pass ...
        const ProcessRun before = runCli({QStringLiteral("audit"), QStringLiteral("--fleet"), fleetPath, QStringLiteral("--history"),
                                     dir.filePath(QStringLiteral("none.sqlite"))});
        const QJsonObject unmeasured = resultFor(QJsonDocument::fromJson(before.out).object(), name, QStringLiteral("AC-HARD-02"));
        QCOMPARE(unmeasured.value(QStringLiteral("status")).toString(), QStringLiteral("pass"));
        // ... with it, on the OOM kill measured under load: fail, with the peak as evidence.
        const ProcessRun after = runCli({QStringLiteral("audit"), QStringLiteral("--fleet"), fleetPath, QStringLiteral("--history"), history});
        const QJsonObject measured = resultFor(QJsonDocument::fromJson(after.out).object(), name, QStringLiteral("AC-HARD-02"));
        QCOMPARE(measured.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QVERIFY2(measured.value(QStringLiteral("evidence")).toString().contains(QLatin1String("peak under load")),
                 qPrintable(measured.value(QStringLiteral("evidence")).toString()));
        QVERIFY2(measured.value(QStringLiteral("reason")).toString().contains(QLatin1String("OOM-killed")),
                 qPrintable(measured.value(QStringLiteral("reason")).toString()));
    }
};

QTEST_GUILESS_MAIN(TestLoadCheckCommand)
#include "tst_loadcheckcommand.moc"
