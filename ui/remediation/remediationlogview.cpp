// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediationlogview.h"

#include "diffhighlighter.h"
#include "remediationlogmodel.h"

#include "remediation/remediationlog.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace bulwark {

namespace {
constexpr int kRecordLimit = 2000; // years of applies; the table stays quick to reset
}

RemediationLogView::RemediationLogView(QWidget* parent)
    : QWidget(parent)
    , m_model(new RemediationLogModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_diff(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    setAccessibleName(tr("Remediation log"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(RemediationLogModel::TimestampRole);

    m_filter->setPlaceholderText(tr("Filter by host, file, user, control or result"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Remediation log filter"));
    auto* reloadButton = new QPushButton(tr("&Reload"), this);
    reloadButton->setToolTip(tr("Read the remediation log again"));

    m_table->setObjectName(QStringLiteral("remediationLog"));
    m_table->setAccessibleName(tr("Remediations applied"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RemediationLogModel::WhenColumn, Qt::DescendingOrder);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(RemediationLogModel::FileColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RemediationLogModel::ControlsColumn, QHeaderView::Stretch);
    for (int c : {int(RemediationLogModel::WhenColumn), int(RemediationLogModel::UserColumn), int(RemediationLogModel::HostColumn),
                  int(RemediationLogModel::OutcomeColumn)})
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);

    m_diff->setObjectName(QStringLiteral("remediationDiff"));
    m_diff->setAccessibleName(tr("Diff of the selected remediation"));
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_diff->setPlaceholderText(tr("Select an entry to see the change it made."));
    new DiffHighlighter(m_diff->document());

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(reloadButton);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_diff);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(reloadButton, &QPushButton::clicked, this, &RemediationLogView::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &RemediationLogView::showCurrent);
}

QString RemediationLogView::statusText() const
{
    return m_status->text();
}

void RemediationLogView::setLogPath(const QString& path)
{
    m_path = path;
    reload();
}

void RemediationLogView::showRecords(const QList<RemediationRecord>& records, const QString& origin)
{
    ++m_generation; // an earlier reload must not replace these
    m_loading = false;
    m_path.clear();
    m_model->setRecords(records);
    m_status->setText(tr("%n remediation(s) from %1.", nullptr, int(records.size())).arg(origin));
    if (m_proxy->rowCount() > 0)
        m_table->setCurrentIndex(m_proxy->index(0, 0));
    showCurrent();
    emit loaded(int(records.size()));
}

Result<QList<RemediationRecord>> RemediationLogView::readLog(const QString& path, int limit)
{
    // RemediationLog::open creates a missing file; a viewer must not.
    if (path.isEmpty() || !QFileInfo::exists(path))
        return QList<RemediationRecord>{};
    RemediationLog log;
    if (auto r = log.open(path); !r)
        return r.error();
    return log.records({}, limit);
}

void RemediationLogView::reload()
{
    const quint64 generation = ++m_generation;
    const QString path = m_path;
    m_loading = true;
    auto* watcher = new QFutureWatcher<Result<QList<RemediationRecord>>>(this);
    connect(watcher, &QFutureWatcher<Result<QList<RemediationRecord>>>::finished, this, [this, watcher, generation, path] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer reload is under way
        m_loading = false;
        const Result<QList<RemediationRecord>> r = watcher->result();
        if (!r) {
            m_status->setText(tr("Cannot read the remediation log: %1").arg(r.errorMessage()));
            emit loaded(0);
            return;
        }
        const qint64 current = m_table->currentIndex().data(RemediationLogModel::RecordIdRole).toLongLong();
        m_model->setRecords(*r);
        m_status->setText(r->isEmpty() ? tr("No remediation has been recorded yet (%1).").arg(path)
                                       : tr("%n remediation(s) in %1.", nullptr, int(r->size())).arg(path));
        // Keep the entry the user was reading.
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            if (m_proxy->index(row, 0).data(RemediationLogModel::RecordIdRole).toLongLong() == current && current != 0)
                m_table->setCurrentIndex(m_proxy->index(row, 0));
        showCurrent();
        emit loaded(int(r->size()));
    });
    watcher->setFuture(QtConcurrent::run([path] { return readLog(path, kRecordLimit); }));
}

void RemediationLogView::showCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_diff->clear();
        return;
    }
    const int row = m_proxy->mapToSource(current).row();
    const RemediationRecord* r = m_model->recordAt(row);
    if (!r) {
        m_diff->clear();
        return;
    }
    QStringList header;
    header << QStringLiteral("# %1 · %2 · %3").arg(RemediationLogModel::outcomeText(r->outcome), r->hostName, r->filePath);
    if (!r->message.isEmpty())
        header << QStringLiteral("# %1").arg(r->message);
    if (!r->backupPath.isEmpty())
        header << QStringLiteral("# ") + tr("backup: %1").arg(r->backupPath);
    m_diff->setPlainText(header.join(QLatin1Char('\n')) + QLatin1Char('\n')
                         + (r->diff.isEmpty() ? tr("(no diff recorded)") : r->diff));
}

} // namespace bulwark
