// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"
#include "model/fleetconfig.h"
#include "scan/fleetscanner.h"

#include <QObject>

#include <memory>

namespace bulwark {

struct AuditOptions {
    QString policyPath;   // empty: the embedded SPEC-INFRA-04 policy
    QString waiversPath;  // empty: no waiver file
    ScanOptions scan;
    bool probeLogs = false; // run the Loki latency probe when the fleet has a loki section
    int logProbeCount = 5;
    // Remediations recorded for the fleet's hosts in the last `remediationDays` days go into the run,
    // so every report says what was fixed. Empty path: the default log; a missing file is skipped.
    QString remediationLogPath;
    int remediationDays = 30;
    // AC-HARD-02 judges a template-infra-high container on its peak under load when a load check
    // (bulwark-cli load-check, or the GUI) measured it in the last `loadCheckDays` days; the newest
    // check per container counts. Empty path: the default history; a missing file is skipped.
    QString historyPath;
    int loadCheckDays = 30;
};

// One audit, end to end: scan the fleet, gather the extra evidence the controls need (Prometheus
// targets, owner-only checks of sensitive bind sources over SSH, log latency), evaluate the policy.
// The GUI and bulwark-cli both drive this one class.
class Auditor final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Auditor)
public:
    explicit Auditor(QObject* parent = nullptr);
    ~Auditor() override;

    bool isRunning() const;

public slots:
    void run(const bulwark::FleetConfig& fleet, const bulwark::AuditOptions& options);
    void cancel();

signals:
    void hostStarted(const QString& hostName);
    void hostFinished(const bulwark::HostSnapshot& snapshot);
    void progress(int hostsDone, int hostsTotal);
    void finished(const bulwark::AuditRun& run);
    // A configuration problem (unreadable policy or waiver file): no run is produced.
    void failed(const QString& message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::AuditOptions)
