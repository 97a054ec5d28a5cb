// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remediationengine.h"
#include "remediationplan.h"

#include "model/fleetconfig.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace bulwark {

struct PreviewRequest {
    QString container;        // id or name on the host
    QStringList controls;     // controls to fix; empty: every control the container fails now
    FixOptions options;
    bool wholeProject = false; // the same fixes for every service of the container's project
};

// Blocking building blocks shared by the CLI and the job below (worker threads only).
namespace RemediationService {

// Opens the host, inspects the container, works out which controls it fails (when none are given),
// reads and checks its compose files and plans the fixes.
Result<RemediationPlan> preview(const HostEntry& host, const PreviewRequest& request);

// Applies a plan made by preview() and records the outcome in the remediation log at `logPath`
// (empty: RemediationLog::defaultPath()). A log that cannot be written is reported in the message.
ApplyResult apply(const HostEntry& host, const RemediationPlan& plan, const ApplyOptions& options,
                  const std::function<void(ApplyStep, const QString&)>& progress = {}, const QString& logPath = {});

// The container-scope controls `container` fails, by the policy's evaluators.
QStringList failingControls(const ContainerSnapshot& container, const HostSnapshot& host, const QString& policyPath = {});

} // namespace RemediationService

// Preview and apply off the UI thread: one operation at a time, results by queued signals. The GUI's
// patch preview dialog drives this; destroying the job waits for a running operation to end
// (apply cannot be abandoned half way: it finishes or rolls back).
class RemediationJob final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemediationJob)
public:
    explicit RemediationJob(QObject* parent = nullptr);
    ~RemediationJob() override;

    bool isRunning() const;
    void setLogPath(const QString& path); // empty: RemediationLog::defaultPath()

public slots:
    void preview(const bulwark::HostEntry& host, const bulwark::PreviewRequest& request);
    void apply(const bulwark::HostEntry& host, const bulwark::RemediationPlan& plan, const bulwark::ApplyOptions& options);

signals:
    void previewReady(const bulwark::RemediationPlan& plan);
    void previewFailed(const QString& message);
    void progress(bulwark::ApplyStep step, const QString& message);
    void applied(const bulwark::ApplyResult& result);
    void busyChanged(bool busy);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::PreviewRequest)
