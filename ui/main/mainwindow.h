// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "model/fleetconfig.h"

#include <QMainWindow>

#include <memory>

class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTreeView;

namespace bulwark {

class HistoryService;
class RemediationLogView;

namespace ui {
class AuditController;
class ContainerDetailPane;
class FleetTreeModel;
class HeatmapFilterModel;
class HeatmapModel;
class LogLatencyView;
class MemoryTrendsView;
enum class ExportFormat;
class ServiceMemoryHistory;
class SessionMemoryHistory;
class SummaryBar;
} // namespace ui

// The dashboard: fleet panel (left), compliance heatmap with summary and filters (centre, first
// tab), memory trends and log latency (further tabs), container detail (right), scan progress
// with cancel (status bar). It only wires: models and views live in their own files.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class Page { Compliance, Memory, Latency, Remediation };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads a fleet file; shows the error in a dialog and returns false when it cannot be read.
    bool openFleet(const QString& path);
    void setFleet(const FleetConfig& fleet);
    const FleetConfig& fleet() const { return m_fleet; }

    // Shows an audit (from the Auditor, or synthetic for demos and tests).
    void showRun(const AuditRun& run);
    const std::shared_ptr<const AuditRun>& run() const { return m_run; }
    ui::SessionMemoryHistory* history() const { return m_history.get(); }
    // Reads and records memory history in the telemetry database at `path`, on the history's own
    // thread; the memory trends view then answers its ranges (1 h … 30 d) from it and each audit's
    // readings are added to it. Without it (demos, tests) the view shows this session's readings.
    // historyOpened() tells the outcome; a file that cannot be opened keeps the session's readings.
    void openHistory(const QString& path);

    void showPage(Page page);
    void selectContainer(const QString& hostName, const QString& containerIdOrName);
    // Grabs each view into DIR as PNG (for the README); returns the files written.
    QStringList saveScreenshots(const QString& dir);

    ui::HeatmapModel* heatmapModel() const { return m_heatmap; }
    ui::HeatmapFilterModel* heatmapFilter() const { return m_filter; }
    QTableView* heatmapView() const { return m_heatmapView; }
    ui::FleetTreeModel* fleetModel() const { return m_tree; }
    QTreeView* fleetView() const { return m_fleetView; }
    ui::ContainerDetailPane* detailPane() const { return m_detail; }
    ui::MemoryTrendsView* memoryView() const { return m_memoryView; }
    ui::LogLatencyView* latencyView() const { return m_latencyView; }
    RemediationLogView* remediationView() const { return m_remediationView; } // nullptr without remediation
    ui::SummaryBar* summaryBar() const { return m_summary; }
    ui::AuditController* auditController() const { return m_audit; }

    // Writes the shown run as `format` to `path` on the thread pool (atomically); exported() tells how it went.
    void exportRun(ui::ExportFormat format, const QString& path);

public slots:
    void startAudit();
    void cancelAudit();

signals:
    void runShown();
    void historyOpened(bool ok, const QString& message);
    void exported(const QString& path, const QString& error); // error empty: written

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QWidget* createCompliancePage();
    void createDocks();
    void createActions();
    void createStatusBar();
    void applySettings();
    void chooseFleetFile();
    void openSettings();
    void exportReport();
    static QString exportFilter(ui::ExportFormat format);
    void showAbout();
    void showFix(const QString& hostName, const QString& containerId, const QStringList& controlIds);
    void onFleetSelection();
    void onHeatmapCurrent(const QModelIndex& current);
    void fillFilterChoices();
    void syncCurrentPage();
    int scoreColumnWidth() const;
    void setBusy(bool busy, int total);

    FleetConfig m_fleet;
    std::shared_ptr<const AuditRun> m_run;
    std::unique_ptr<ui::SessionMemoryHistory> m_history;
    HistoryService* m_historyService = nullptr;
    std::unique_ptr<ui::ServiceMemoryHistory> m_serviceHistory;
    bool m_historyWritable = false;
    bool m_memoryStale = false;  // the memory page has not seen the current run yet
    bool m_latencyStale = false; // nor the latency page

    ui::AuditController* m_audit = nullptr;
    ui::FleetTreeModel* m_tree = nullptr;
    ui::HeatmapModel* m_heatmap = nullptr;
    ui::HeatmapFilterModel* m_filter = nullptr;

    QTabWidget* m_tabs = nullptr;
    ui::SummaryBar* m_summary = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_hostFilter = nullptr;
    QComboBox* m_statusFilter = nullptr;
    QComboBox* m_controlFilter = nullptr;
    QTableView* m_heatmapView = nullptr;
    QTreeView* m_fleetView = nullptr;
    QDockWidget* m_fleetDock = nullptr;
    QDockWidget* m_detailDock = nullptr;
    ui::ContainerDetailPane* m_detail = nullptr;
    ui::MemoryTrendsView* m_memoryView = nullptr;
    ui::LogLatencyView* m_latencyView = nullptr;
    RemediationLogView* m_remediationView = nullptr;
    QLabel* m_statusText = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_watchAction = nullptr;
};

} // namespace bulwark
