// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace bulwark {
class HostListModel;
}

namespace bulwark::ui {

// Everything an operator configures: hosts (written to the fleet file), their credentials (in the
// keychain, never in a file), the Loki and Prometheus endpoints (fleet file), the policy and waiver
// files and the live options (QSettings).
class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(const FleetConfig& fleet, QWidget* parent = nullptr);

    FleetConfig fleet() const { return m_fleet; }
    // Saves the fleet file (FleetFile::save) and QSettings; shows what went wrong and returns false otherwise.
    bool save();

    HostListModel* hostModel() const { return m_hostModel; }
    void selectHost(int row);
    int currentHost() const { return m_current; }

public slots:
    void addHost();
    void removeHost();
    void testConnection();

private:
    void loadHost(int row);
    void storeHost();
    void storeCredential();
    void handleHostKey(const QString& hostName, const QString& fingerprint, const QString& line, bool changed);
    QWidget* hostsTab();
    QWidget* endpointsTab();
    QWidget* policyTab();
    QWidget* liveTab();

    FleetConfig m_fleet;
    int m_current = -1;
    HostListModel* m_hostModel = nullptr;
    QTableView* m_hostView = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_url = nullptr;
    QLineEdit* m_socket = nullptr;
    QLineEdit* m_identity = nullptr;
    QLineEdit* m_knownHosts = nullptr;
    QLineEdit* m_labels = nullptr;
    QLineEdit* m_secret = nullptr;
    QLabel* m_testResult = nullptr;
    QPushButton* m_test = nullptr;
    QLineEdit* m_lokiUrl = nullptr;
    QLineEdit* m_lokiTenant = nullptr;
    QLineEdit* m_lokiUser = nullptr;
    QLineEdit* m_lokiPassword = nullptr;
    QLineEdit* m_promUrl = nullptr;
    QLineEdit* m_policy = nullptr;
    QLineEdit* m_waivers = nullptr;
    QSpinBox* m_refresh = nullptr;
    QCheckBox* m_watch = nullptr;
};

// "a=b, c=d" <-> labels.
QMap<QString, QString> parseLabels(const QString& text);
QString formatLabels(const QMap<QString, QString>& labels);

} // namespace bulwark::ui
