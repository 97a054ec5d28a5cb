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
    // True while the bar is too narrow for the full labels: chips show glyph and count, the status
    // name moves to their tooltip and accessible name, hosts and scan time stack on two lines.
    bool isCompact() const { return m_compact; }

signals:
    void statusFilterChanged(const std::optional<bulwark::ControlStatus>& status);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void restyle();
    void relabel();
    void updateCompact();

    QLabel* m_score = nullptr;
    QLabel* m_hosts = nullptr;
    QLabel* m_time = nullptr;
    std::array<QToolButton*, 5> m_chips{};
    int m_scorePercent = -1;
    std::array<int, 5> m_counts{};
    int m_fullWidth = 0; // what the bar needs with full labels
    bool m_compact = false;
};

} // namespace bulwark::ui
