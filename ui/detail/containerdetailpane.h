// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QTableView;
class QTreeView;

namespace bulwark::ui {

class ContainerFactsModel;
class MemoryChartView;
class MemoryHistory;
class ResultListModel;

// Everything about one container: each verdict with its evidence, its labels, mounts, networks
// and ports, its memory over the last 24 h against its ceilings, and "Show fix".
class ContainerDetailPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerDetailPane)
public:
    explicit ContainerDetailPane(QWidget* parent = nullptr);

    void setHistory(MemoryHistory* history); // not owned
    void showContainer(const std::shared_ptr<const AuditRun>& run, const QString& hostName, const QString& containerId);
    void clear();

    QString hostName() const { return m_host; }
    QString containerId() const { return m_containerId; }
    ResultListModel* results() const { return m_results; }
    ContainerFactsModel* facts() const { return m_facts; }
    QPushButton* showFixButton() const { return m_fix; }

signals:
    // The failing controls of the shown container; the window opens the patch preview.
    void showFixRequested(const QString& hostName, const QString& containerId, const QStringList& controlIds);
    void memoryShown();

private:
    std::shared_ptr<const AuditRun> m_run;
    QString m_host;
    QString m_containerId;
    MemoryHistory* m_history = nullptr;
    quint64 m_generation = 0;
    QLabel* m_title = nullptr;
    ResultListModel* m_results = nullptr;
    ContainerFactsModel* m_facts = nullptr;
    QTableView* m_resultView = nullptr;
    QTreeView* m_factView = nullptr;
    MemoryChartView* m_memory = nullptr;
    QPushButton* m_fix = nullptr;
};

} // namespace bulwark::ui
