// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"

#include <QMainWindow>

class QTableView;

namespace bulwark {

class HostListModel;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a fleet file; shows the error in a dialog and returns false when it cannot be read.
    bool openFleet(const QString& path);
    const FleetConfig& fleet() const { return m_fleet; }
    HostListModel* hostModel() const { return m_hosts; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void chooseFleetFile();

    FleetConfig m_fleet;
    HostListModel* m_hosts = nullptr;
    QTableView* m_hostView = nullptr;
};

} // namespace bulwark
