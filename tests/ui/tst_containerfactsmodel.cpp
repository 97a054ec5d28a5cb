// SPDX-License-Identifier: GPL-3.0-or-later
#include "detail/containerfactsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bulwark;
using namespace bulwark::ui;

class TestContainerFactsModel final : public QObject {
    Q_OBJECT
private slots:
    void showsLabelsMountsNetworksAndPorts()
    {
        ContainerFactsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ContainerSnapshot c;
        c.id = QStringLiteral("0123456789abcdef0123");
        c.name = QStringLiteral("web");
        c.image = QStringLiteral("nginx:1.25");
        c.labels = {{QStringLiteral("com.docker.compose.project"), QStringLiteral("edge")}};
        c.mounts = {MountPoint{QStringLiteral("bind"), QStringLiteral("/srv/web"), QStringLiteral("/data"), {}, {}, false}};
        c.networks = {NetworkAttachment{QStringLiteral("infra_net"), {}, QStringLiteral("172.20.0.5"), {}}};
        c.publishedPorts = {PortBinding{QStringLiteral("443/tcp"), QStringLiteral("0.0.0.0"), QStringLiteral("443")}};
        model.setContainer(c);
        QCOMPARE(model.rowCount(), int(ContainerFactsModel::SectionCount));
        auto section = [&](ContainerFactsModel::Section s) { return model.index(int(s), 0); };
        auto value = [&](ContainerFactsModel::Section s, int row, int column) {
            return model.index(row, column, section(s)).data().toString();
        };
        QCOMPARE(value(ContainerFactsModel::LabelsSection, 0, 0), QStringLiteral("com.docker.compose.project"));
        QCOMPARE(value(ContainerFactsModel::LabelsSection, 0, 1), QStringLiteral("edge"));
        QCOMPARE(value(ContainerFactsModel::MountsSection, 0, 0), QStringLiteral("/data"));
        QCOMPARE(value(ContainerFactsModel::MountsSection, 0, 1), QStringLiteral("bind /srv/web (ro)"));
        QCOMPARE(value(ContainerFactsModel::NetworksSection, 0, 0), QStringLiteral("infra_net"));
        QCOMPARE(value(ContainerFactsModel::PortsSection, 0, 1), QStringLiteral("0.0.0.0:443"));
        QCOMPARE(value(ContainerFactsModel::RuntimeSection, 2, 1), QStringLiteral("0123456789ab"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestContainerFactsModel)
#include "tst_containerfactsmodel.moc"
