// SPDX-License-Identifier: GPL-3.0-or-later
#include "detail/resultlistmodel.h"
#include "sample/samplerun.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestResultListModel final : public QObject {
    Q_OBJECT
private slots:
    void listsWorstFirstInPolicyOrder()
    {
        ResultListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto r = [](const char* id, ControlStatus s) {
            ControlResult c;
            c.controlId = QString::fromLatin1(id);
            c.status = s;
            c.evidence = QStringLiteral("evidence of %1").arg(c.controlId);
            c.reason = QStringLiteral("because");
            c.remediation = QStringLiteral("do this");
            return c;
        };
        model.setResults({r("SEC-01", ControlStatus::Pass), r("INF-02", ControlStatus::Fail), r("REQ-HARD-01", ControlStatus::Fail),
                          r("ST-01", ControlStatus::Unknown)},
                         sample::specControls());
        QCOMPARE(model.rowCount(), 4);
        QStringList order;
        for (int i = 0; i < model.rowCount(); ++i)
            order << model.index(i, ResultListModel::ControlColumn).data().toString();
        QCOMPARE(order, (QStringList{QStringLiteral("REQ-HARD-01"), QStringLiteral("INF-02"), QStringLiteral("ST-01"),
                                     QStringLiteral("SEC-01")}));
        QCOMPARE(model.index(0, ResultListModel::EvidenceColumn).data().toString(), QStringLiteral("evidence of REQ-HARD-01"));
        QVERIFY(model.index(0, ResultListModel::ReasonColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("do this")));
        QVERIFY(!model.index(0, ResultListModel::StatusColumn).data(Qt::DecorationRole).isNull());
        QVERIFY(!model.index(0, ResultListModel::ControlColumn).data(Qt::ToolTipRole).toString().isEmpty()); // the title
        model.setResults({}, {});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestResultListModel)
#include "tst_resultlistmodel.moc"
