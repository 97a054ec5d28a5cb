// SPDX-License-Identifier: GPL-3.0-or-later
#include "patchpreviewdialog.h"

#include "diffhighlighter.h"

#include "remediation/linediff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace bulwark {

struct PatchPreviewDialog::Private {
    HostEntry host;
    ContainerSnapshot container;
    PreviewRequest request;
    RemediationPlan plan;
    bool haveContainer = false;
    bool updatingModel = false;
    std::function<bool(const QString&)> confirm;

    RemediationJob* job = nullptr;
    QLabel* header = nullptr;
    QLabel* status = nullptr;
    QListView* fixView = nullptr;
    QStandardItemModel* fixes = nullptr;
    QPlainTextEdit* diff = nullptr;
    QPlainTextEdit* advice = nullptr;
    QProgressBar* progress = nullptr;
    QTableView* verdictView = nullptr;
    QStandardItemModel* verdicts = nullptr;
    QPushButton* applyButton = nullptr;
    QPushButton* bindButton = nullptr;
    QPushButton* refreshButton = nullptr;
};

PatchPreviewDialog::PatchPreviewDialog(QWidget* parent) : QDialog(parent), d(std::make_unique<Private>())
{
    d->job = new RemediationJob(this);
    d->confirm = [this](const QString& question) {
        return QMessageBox::question(this, tr("Apply fix"), question, QMessageBox::Apply | QMessageBox::Cancel,
                                     QMessageBox::Cancel)
               == QMessageBox::Apply;
    };
    buildUi();
    connect(d->job, &RemediationJob::previewReady, this, [this](const RemediationPlan& plan) {
        setBusy(false, tr("Preview ready: nothing has been changed on %1.").arg(d->host.name));
        showPlan(plan);
    });
    connect(d->job, &RemediationJob::previewFailed, this, [this](const QString& message) {
        setBusy(false, tr("No preview: %1").arg(message));
        d->diff->clear();
    });
    connect(d->job, &RemediationJob::progress, this, [this](ApplyStep step, const QString& message) {
        d->progress->setValue(static_cast<int>(step) + 1);
        d->status->setText(QStringLiteral("%1: %2").arg(applyStepName(step), message));
    });
    connect(d->job, &RemediationJob::applied, this, [this](const ApplyResult& result) {
        setBusy(false, result.message);
        showResult(result);
        emit remediationFinished(result);
    });
}

PatchPreviewDialog::~PatchPreviewDialog() = default;

void PatchPreviewDialog::buildUi()
{
    setWindowTitle(tr("Fix"));
    resize(960, 720);
    auto* layout = new QVBoxLayout(this);
    d->header = new QLabel(this);
    d->header->setTextFormat(Qt::PlainText);
    d->header->setWordWrap(true);
    layout->addWidget(d->header);

    auto* split = new QSplitter(Qt::Vertical, this);
    auto* top = new QSplitter(Qt::Horizontal, split);
    d->fixes = new QStandardItemModel(this);
    d->fixView = new QListView(top);
    d->fixView->setModel(d->fixes);
    d->fixView->setToolTip(tr("Select a fix to see its own diff; untick it to leave it out of the patch."));
    d->diff = new QPlainTextEdit(top);
    d->diff->setReadOnly(true);
    d->diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    d->diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new DiffHighlighter(d->diff->document());
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 3);
    // Room for the fixes' full titles beside the diff.
    top->setSizes({320, 640});
    d->advice = new QPlainTextEdit(split);
    d->advice->setReadOnly(true);
    d->advice->setPlaceholderText(tr("Notes and commands Bulwark cannot run for you appear here."));
    d->verdicts = new QStandardItemModel(0, 4, this);
    d->verdicts->setHorizontalHeaderLabels({tr("Container"), tr("Control"), tr("Before"), tr("After")});
    d->verdictView = new QTableView(split);
    d->verdictView->setModel(d->verdicts);
    d->verdictView->horizontalHeader()->setStretchLastSection(true);
    d->verdictView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The diff is what is reviewed: it takes most of the height. The notes and the before/after
    // verdicts (filled only by an apply) start small; the splitter gives them room on demand.
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setStretchFactor(2, 1);
    split->setSizes({480, 90, 110});
    layout->addWidget(split, 1);

    d->progress = new QProgressBar(this);
    d->progress->setRange(0, static_cast<int>(ApplyStep::Done) + 1);
    d->progress->setValue(0);
    d->progress->setFormat(tr("step %v of %m"));
    layout->addWidget(d->progress);
    d->status = new QLabel(this);
    d->status->setWordWrap(true);
    d->status->setTextFormat(Qt::PlainText);
    layout->addWidget(d->status);

    auto* buttons = new QDialogButtonBox(this);
    d->bindButton = buttons->addButton(tr("Bind paths…"), QDialogButtonBox::ActionRole);
    d->refreshButton = buttons->addButton(tr("Refresh"), QDialogButtonBox::ActionRole);
    d->applyButton = buttons->addButton(tr("Apply…"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(d->applyButton, &QPushButton::clicked, this, &PatchPreviewDialog::apply);
    connect(d->refreshButton, &QPushButton::clicked, this, &PatchPreviewDialog::startPreview);
    connect(d->bindButton, &QPushButton::clicked, this, &PatchPreviewDialog::askBindPaths);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(d->fixes, &QStandardItemModel::itemChanged, this, &PatchPreviewDialog::onFixToggled);
    connect(d->fixView->selectionModel(), &QItemSelectionModel::currentChanged, this, &PatchPreviewDialog::showSelectedDiff);
    d->applyButton->setEnabled(false);
}

void PatchPreviewDialog::previewContainer(const HostEntry& host, const ContainerSnapshot& container,
                                          const QStringList& failingControls)
{
    d->host = host;
    d->container = container;
    d->haveContainer = true;
    d->request = PreviewRequest{};
    d->request.container = container.id.isEmpty() ? container.name : container.id;
    d->request.controls = failingControls;
    d->header->setText(tr("%1 on %2").arg(container.name, host.name));
    startPreview();
}

void PatchPreviewDialog::setPlan(const HostEntry& host, const RemediationPlan& plan)
{
    d->host = host;
    d->header->setText(tr("%1 on %2").arg(plan.containerName, host.name));
    showPlan(plan);
}

const RemediationPlan& PatchPreviewDialog::plan() const { return d->plan; }
QString PatchPreviewDialog::diffText() const { return d->diff->toPlainText(); }
QString PatchPreviewDialog::adviceText() const { return d->advice->toPlainText(); }
QStandardItemModel* PatchPreviewDialog::fixModel() const { return d->fixes; }
QStandardItemModel* PatchPreviewDialog::verdictModel() const { return d->verdicts; }
RemediationJob* PatchPreviewDialog::job() const { return d->job; }
void PatchPreviewDialog::setConfirmation(std::function<bool(const QString&)> confirm) { d->confirm = std::move(confirm); }
void PatchPreviewDialog::setLogPath(const QString& path) { d->job->setLogPath(path); }

void PatchPreviewDialog::setBusy(bool busy, const QString& status)
{
    d->status->setText(status);
    d->refreshButton->setEnabled(!busy && d->haveContainer);
    d->bindButton->setEnabled(!busy && d->haveContainer);
    d->fixView->setEnabled(!busy);
    d->applyButton->setEnabled(!busy && d->plan.canApply());
}

void PatchPreviewDialog::startPreview()
{
    if (!d->haveContainer || d->job->isRunning())
        return;
    d->progress->setValue(0);
    setBusy(true, tr("Reading the compose files on %1…").arg(d->host.name));
    d->applyButton->setEnabled(false);
    d->job->preview(d->host, d->request);
}

void PatchPreviewDialog::showPlan(const RemediationPlan& plan)
{
    d->plan = plan;
    d->updatingModel = true;
    d->fixes->clear();
    for (const auto& f : plan.fixes) {
        QString text = QStringLiteral("%1 — %2").arg(f.controls.join(QLatin1Char('/')), fixKindDescription(f.kind));
        if (plan.services().size() > 1 || (plan.origin && f.service != plan.origin->service))
            text += QStringLiteral(" [%1]").arg(f.service);
        if (!f.error.isEmpty())
            text += tr(" — cannot: %1").arg(f.error);
        else if (f.alreadyCompliant)
            text += tr(" — already in the file");
        else if (!fixEditsFile(f.kind))
            text += tr(" — advice only");
        auto* item = new QStandardItem(text);
        item->setCheckable(true);
        item->setCheckState(Qt::Checked);
        item->setEditable(false);
        item->setData(static_cast<int>(f.kind), KindRole);
        item->setData(f.service, ServiceRole);
        item->setData(f.controls, ControlsRole);
        item->setToolTip(f.error.isEmpty() ? f.file : f.error);
        d->fixes->appendRow(item);
    }
    d->updatingModel = false;
    d->diff->setPlainText(plan.hasChanges() ? plan.diff() : tr("# No change to any compose file."));
    QStringList lines;
    for (const QString& e : plan.errors)
        lines << tr("Cannot fix: %1").arg(e);
    lines << plan.notes;
    for (const QString& a : plan.advice)
        lines << QStringLiteral("    ") + a;
    d->advice->setPlainText(lines.join(QLatin1Char('\n')));
    d->verdicts->removeRows(0, d->verdicts->rowCount());
    d->applyButton->setEnabled(plan.canApply());
    emit previewShown(plan);
}

void PatchPreviewDialog::showSelectedDiff()
{
    const QModelIndex current = d->fixView->currentIndex();
    if (!current.isValid()) {
        d->diff->setPlainText(d->plan.diff());
        return;
    }
    // The selected fix on its own, against the files as they were read.
    const auto kind = static_cast<FixKind>(current.data(KindRole).toInt());
    const QString service = current.data(ServiceRole).toString();
    QString text;
    for (const auto& p : std::as_const(d->plan.patches)) {
        if (!p.fixes.contains(kind) || !p.services.contains(service))
            continue;
        auto one = applyComposeFix(p.before, service, kind, d->request.options, p.path);
        if (one)
            text += unifiedDiff(p.before, *one, QStringLiteral("a") + p.path, QStringLiteral("b") + p.path);
    }
    d->diff->setPlainText(text.isEmpty() ? tr("# This fix changes no file.") : text);
}

void PatchPreviewDialog::onFixToggled()
{
    if (d->updatingModel)
        return;
    QStringList controls;
    for (int row = 0; row < d->fixes->rowCount(); ++row) {
        const QStandardItem* item = d->fixes->item(row);
        if (item->checkState() == Qt::Checked)
            for (const QString& c : item->data(ControlsRole).toStringList())
                if (!controls.contains(c))
                    controls << c;
    }
    if (controls.isEmpty()) {
        d->plan.patches.clear();
        d->diff->setPlainText(tr("# No fix selected."));
        d->applyButton->setEnabled(false);
        return;
    }
    // Keep the unchecked rows visible: only the failing controls that are still wanted are re-planned.
    QStringList failing;
    for (const QString& c : std::as_const(d->plan.controls))
        if (controls.contains(c))
            failing << c;
    d->request.controls = failing;
    if (d->haveContainer)
        startPreview();
}

void PatchPreviewDialog::askBindPaths()
{
    for (const auto& m : std::as_const(d->container.mounts)) {
        if (m.type != QLatin1String("volume"))
            continue;
        bool ok = false;
        const QString key = m.name.size() == 64 ? m.destination : m.name;
        const QString path = QInputDialog::getText(
            this, tr("Bind mount for %1").arg(key),
            tr("Host directory to bind at %1 instead of the volume %2 (it must hold the data already):").arg(m.destination, key),
            QLineEdit::Normal, d->request.options.bindSources.value(key), &ok);
        if (ok && !path.trimmed().isEmpty())
            d->request.options.bindSources.insert(key, path.trimmed());
    }
    startPreview();
}

void PatchPreviewDialog::apply()
{
    if (!d->plan.canApply() || d->job->isRunning())
        return;
    QStringList files;
    for (const auto& p : std::as_const(d->plan.patches))
        files << p.path;
    const QString question =
        tr("Apply the patch to %1 on %2?\n\nEach file is backed up beside itself first. Compose will recreate %3; "
           "if anything fails the original files and configuration are restored.")
            .arg(files.join(QLatin1String(", ")), d->host.name, d->plan.services().join(QLatin1String(", ")));
    if (!d->confirm(question))
        return;
    setBusy(true, tr("Applying…"));
    d->applyButton->setEnabled(false);
    d->progress->setValue(0);
    d->job->apply(d->host, d->plan, ApplyOptions{});
}

void PatchPreviewDialog::showResult(const ApplyResult& result)
{
    d->verdicts->removeRows(0, d->verdicts->rowCount());
    for (const auto& v : result.verdicts) {
        QList<QStandardItem*> row{new QStandardItem(v.containerName), new QStandardItem(v.controlId),
                                  new QStandardItem(controlStatusName(v.before)), new QStandardItem(controlStatusName(v.after))};
        row.last()->setToolTip(v.evidenceAfter);
        d->verdicts->appendRow(row);
    }
    d->progress->setValue(d->progress->maximum());
    // After an apply the plan is spent: a new preview reads the files again.
    d->plan.patches.clear();
    d->applyButton->setEnabled(false);
    d->advice->appendPlainText(QStringLiteral("\n") + result.steps.join(QLatin1Char('\n')));
}

} // namespace bulwark
