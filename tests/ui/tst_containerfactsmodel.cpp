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

    void emptySettingsReadAsWhatTheyMean()
    {
        // The engine leaves PidMode empty for a private namespace; a blank cell reads as "unknown".
        ContainerFactsModel model;
        ContainerSnapshot c;
        c.name = QStringLiteral("plain");
        model.setContainer(c);
        QCOMPARE(runtimeValue(model, QStringLiteral("PID / IPC / network mode")), QStringLiteral("private / private / default"));
        QCOMPARE(runtimeValue(model, QStringLiteral("Security options")), QStringLiteral("none"));
        QCOMPARE(runtimeValue(model, QStringLiteral("Capabilities dropped")), QStringLiteral("none"));
        QCOMPARE(runtimeValue(model, QStringLiteral("Capabilities added")), QStringLiteral("none"));

        c.pidMode = QStringLiteral("host");
        c.ipcMode = QStringLiteral("shareable");
        c.networkMode = QStringLiteral("container:4f1d");
        c.capDrop = {QStringLiteral("ALL")};
        model.setContainer(c);
        QCOMPARE(runtimeValue(model, QStringLiteral("PID / IPC / network mode")), QStringLiteral("host / shareable / container:4f1d"));
        QCOMPARE(runtimeValue(model, QStringLiteral("Capabilities dropped")), QStringLiteral("ALL"));
    }

private:
    static QString runtimeValue(const ContainerFactsModel& model, const QString& property)
    {
        const QModelIndex section = model.index(int(ContainerFactsModel::RuntimeSection), 0);
        for (int r = 0; r < model.rowCount(section); ++r)
            if (model.index(r, 0, section).data().toString() == property)
                return model.index(r, 1, section).data().toString();
        return QStringLiteral("<no row %1>").arg(property);
    }
};

QTEST_MAIN(TestContainerFactsModel)
#include "tst_containerfactsmodel.moc"
