// SPDX-License-Identifier: GPL-3.0-or-later
#include "summarybar.h"

#include "model/statuscounts.h"
#include "style/statusstyle.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace bulwark::ui {
namespace {
constexpr std::array kOrder{ControlStatus::Fail, ControlStatus::Unknown, ControlStatus::Waived, ControlStatus::Pass,
                            ControlStatus::NotApplicable};
} // namespace

SummaryBar::SummaryBar(QWidget* parent)
    : QWidget(parent)
    , m_score(new QLabel(this))
    , m_hosts(new QLabel(this))
    , m_time(new QLabel(this))
{
    setAccessibleName(tr("Fleet summary"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_score->setAccessibleName(tr("Fleet score"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_score->setFont(big);
    layout->addWidget(m_score);
    layout->addSpacing(16);
    for (std::size_t i = 0; i < kOrder.size(); ++i) {
        auto* chip = new QToolButton(this);
        chip->setCheckable(true);
        chip->setAutoRaise(true);
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setIconSize(QSize(16, 16));
        const ControlStatus s = kOrder[i];
        connect(chip, &QToolButton::toggled, this, [this, s, chip](bool on) {
            if (on) {
                for (QToolButton* other : m_chips)
                    if (other != chip) {
                        const QSignalBlocker block(other);
                        other->setChecked(false);
                    }
                emit statusFilterChanged(s);
            } else {
                emit statusFilterChanged(std::nullopt);
            }
        });
        m_chips[i] = chip;
        layout->addWidget(chip);
    }
    // Reachability above the scan time, right-aligned: half the width of one line. On a window
    // narrower still they may clip rather than force the window wider than the screen.
    m_hosts->setMinimumWidth(1);
    m_time->setMinimumWidth(1);
    m_hosts->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* facts = new QVBoxLayout;
    facts->setSpacing(0);
    facts->addWidget(m_hosts);
    facts->addWidget(m_time);
    layout->addStretch(1);
    layout->addLayout(facts);
    restyle();
    setRun(nullptr);
}

void SummaryBar::setRun(const AuditRun* run)
{
    StatusCounts counts;
    if (run)
        counts = countStatuses(run->results);
    m_scorePercent = run ? scorePercent(counts) : -1;
    m_score->setText(m_scorePercent < 0 ? tr("Score —") : tr("Score %1 %").arg(m_scorePercent));
    for (std::size_t i = 0; i < kOrder.size(); ++i) {
        m_counts[i] = counts.of(kOrder[i]);
        m_chips[i]->setAccessibleName(tr("%1: %2").arg(statusText(kOrder[i])).arg(m_counts[i]));
        m_chips[i]->setEnabled(run != nullptr);
    }
    if (!run) {
        m_hosts->setText(tr("No audit yet"));
        m_time->clear();
    } else {
        int ok = 0;
        for (const HostSnapshot& h : run->fleet.hosts)
            ok += h.isOk() ? 1 : 0;
        m_hosts->setText(tr("%1 of %n host(s) reachable", nullptr, int(run->fleet.hosts.size())).arg(ok));
        const QDateTime when = run->fleet.finishedAt.isValid() ? run->fleet.finishedAt : run->generatedAt;
        m_time->setText(tr("Last scan %1").arg(QLocale().toString(when.toLocalTime(), QLocale::ShortFormat)));
        m_time->setToolTip(when.toUTC().toString(Qt::ISODate));
    }
    restyle();
    // Measure with the full labels, then pick the form that fits.
    m_compact = false;
    relabel();
    // Every (nested) layout still caches the previous labels' hint.
    const QList<QLayout*> nested = findChildren<QLayout*>();
    for (QLayout* l : nested)
        l->invalidate();
    layout()->invalidate();
    m_fullWidth = layout()->sizeHint().width();
    updateCompact();
}

void SummaryBar::relabel()
{
    for (std::size_t i = 0; i < kOrder.size(); ++i) {
        const ControlStatus s = kOrder[i];
        const QString count = QLocale().toString(m_counts[i]);
        m_chips[i]->setText(m_compact ? count : QStringLiteral("%1 %2").arg(count, statusText(s)));
        const QString filter = tr("Show only containers with a “%1” verdict").arg(statusText(s));
        m_chips[i]->setToolTip(m_compact ? tr("%1 %2 — %3").arg(count, statusText(s), filter) : filter);
    }
}

void SummaryBar::updateCompact()
{
    const bool compact = m_fullWidth > 0 && width() < m_fullWidth;
    if (compact == m_compact)
        return;
    m_compact = compact;
    relabel();
}

void SummaryBar::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateCompact();
}

void SummaryBar::setStatusFilter(const std::optional<ControlStatus>& status)
{
    for (std::size_t i = 0; i < kOrder.size(); ++i) {
        const QSignalBlocker block(m_chips[i]);
        m_chips[i]->setChecked(status && *status == kOrder[i]);
    }
}

QString SummaryBar::scoreText() const
{
    return m_score->text();
}

QString SummaryBar::countText(ControlStatus status) const
{
    for (std::size_t i = 0; i < kOrder.size(); ++i)
        if (kOrder[i] == status)
            return m_chips[i]->text();
    return {};
}

void SummaryBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        restyle();
}

void SummaryBar::restyle()
{
    const bool dark = isDarkPalette(palette().color(QPalette::Window));
    for (std::size_t i = 0; i < kOrder.size(); ++i)
        m_chips[i]->setIcon(statusIcon(kOrder[i], dark));
    QPalette p = m_score->palette();
    p.setColor(QPalette::WindowText, scoreColor(m_scorePercent, dark));
    m_score->setPalette(p);
}

} // namespace bulwark::ui
