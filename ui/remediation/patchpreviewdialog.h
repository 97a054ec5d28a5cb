// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remediation/remediationjob.h"

#include "model/fleetconfig.h"
#include "model/snapshot.h"

#include <QDialog>

#include <functional>
#include <memory>

class QStandardItemModel;

namespace bulwark {

// "Show fix" for one container: the compose patch as a coloured unified diff (all fixes, or the
// selected fix alone), a checkbox per fix, advice Bulwark cannot apply (chmod, docker run flags),
// and Apply: confirmation, progress through the steps, and the verdicts before and after. Preview
// and apply run off the UI thread (RemediationJob).
class PatchPreviewDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PatchPreviewDialog)
public:
    enum FixRole { KindRole = Qt::UserRole + 1, ServiceRole, ControlsRole };

    explicit PatchPreviewDialog(QWidget* parent = nullptr);
    ~PatchPreviewDialog() override;

    // Reads the container's compose files on the host and shows the patch for `failingControls`
    // (empty: whatever the container fails now).
    void previewContainer(const bulwark::HostEntry& host, const bulwark::ContainerSnapshot& container,
                          const QStringList& failingControls = {});
    // Shows a plan made elsewhere.
    void setPlan(const bulwark::HostEntry& host, const bulwark::RemediationPlan& plan);

    const RemediationPlan& plan() const;
    QString diffText() const;
    QString adviceText() const;
    QStandardItemModel* fixModel() const;
    QStandardItemModel* verdictModel() const;
    RemediationJob* job() const;
    // The question before applying; tests replace the message box.
    void setConfirmation(std::function<bool(const QString& question)> confirm);
    void setLogPath(const QString& path);

public slots:
    void apply();

signals:
    void previewShown(const bulwark::RemediationPlan& plan);
    void remediationFinished(const bulwark::ApplyResult& result);

private:
    void buildUi();
    void startPreview();
    void showPlan(const RemediationPlan& plan);
    void showSelectedDiff();
    void onFixToggled();
    void askBindPaths();
    void setBusy(bool busy, const QString& status);
    void showResult(const ApplyResult& result);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
