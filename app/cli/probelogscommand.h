// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include "model/telemetry.h"

#include <memory>

namespace bulwark {
class LokiProbe;
class SecretStore;
}

namespace bulwark::cli {

// `bulwark-cli probe-logs --fleet FILE [--count N] [--end-to-end] [--json]`: measures log-ingestion
// latency into the fleet's Loki (NFR-OBS-01, AC-HARD-03) and prints p50/p95/max and the verdicts.
class ProbeLogsCommand final : public Command {
    Q_OBJECT
public:
    explicit ProbeLogsCommand(QObject* parent = nullptr);
    ~ProbeLogsCommand() override;
    QString name() const override { return QStringLiteral("probe-logs"); }
    QString summary() const override { return QStringLiteral("Measure log-ingestion latency into Loki (NFR-OBS-01, AC-HARD-03)"); }
    QString usage() const override;
    void addOptions(QCommandLineParser& parser) override;
    void start(const QCommandLineParser& parser) override;

private:
    void report(const bulwark::LogLatencySummary& summary);
    void finishLater(int exitCode);

    std::unique_ptr<LokiProbe> m_probe;
    std::unique_ptr<SecretStore> m_secrets;
    bool m_json = false;
    QString m_historyPath; // empty: do not record
};

} // namespace bulwark::cli
