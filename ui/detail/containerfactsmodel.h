// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/snapshot.h"

#include <QAbstractItemModel>

#include <vector>

namespace bulwark::ui {

// What a container is made of, as a two-level tree: sections (labels, mounts, networks, ports,
// runtime) with key/value rows under them.
class ContainerFactsModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerFactsModel)
public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };
    enum Section { RuntimeSection, LabelsSection, MountsSection, NetworksSection, PortsSection, SectionCount };

    explicit ContainerFactsModel(QObject* parent = nullptr);

    void setContainer(const ContainerSnapshot& container);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Fact {
        QString key;
        QString value;
    };
    std::vector<std::vector<Fact>> m_sections; // SectionCount entries once a container is set
};

} // namespace bulwark::ui
