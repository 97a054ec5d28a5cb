// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"

#include <QWidget>

#include <array>
#include <optional>

class QLabel;
class QToolButton;

namespace bulwark::ui {

// The fleet at a glance: score, verdict counts by status (each a toggle that filters the heatmap),
// reachable hosts and the time of the last scan.
class SummaryBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryBar)
public:
    explicit SummaryBar(QWidget* parent = nullptr);

    void setRun(const AuditRun* run); // nullptr: nothing audited yet
    void setStatusFilter(const std::optional<ControlStatus>& status);

    QString scoreText() const;
    QString countText(ControlStatus status) const;

signals:
    void statusFilterChanged(const std::optional<bulwark::ControlStatus>& status);

protected:
    void changeEvent(QEvent* event) override;

private:
    void restyle();

    QLabel* m_score = nullptr;
    QLabel* m_hosts = nullptr;
    QLabel* m_time = nullptr;
    std::array<QToolButton*, 5> m_chips{};
    int m_scorePercent = -1;
};

} // namespace bulwark::ui
