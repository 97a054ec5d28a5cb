// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include "model/telemetry.h"

#include <memory>

namespace bulwark {
class LoadCheck;
}

namespace bulwark::cli {

// `bulwark-cli load-check --fleet FILE --host NAME --container NAME (--exec CMD | --external CMD)`:
// AC-HARD-02 under load. Runs the synthetic load, samples the container's memory every second,
// prints the peak against the ceiling and any OOM kill, and records the check in the history so
// the next audit judges AC-HARD-02 on the measured peak.
class LoadCheckCommand final : public Command {
    Q_OBJECT
public:
    explicit LoadCheckCommand(QObject* parent = nullptr);
    ~LoadCheckCommand() override;
    QString name() const override { return QStringLiteral("load-check"); }
    QString summary() const override { return QStringLiteral("Measure a container's peak memory under load (AC-HARD-02)"); }
    QString usage() const override;
    void addOptions(QCommandLineParser& parser) override;
    void start(const QCommandLineParser& parser) override;

private:
    void report(const bulwark::LoadCheckResult& result);

    std::unique_ptr<LoadCheck> m_check;
    bool m_json = false;
    QString m_historyPath; // empty: do not record
};

} // namespace bulwark::cli
