// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace bulwark {
class Auditor;
}

namespace bulwark::cli {

// `bulwark-cli audit --fleet FILE [--policy FILE] [--waivers FILE] [--format F] [--output FILE]`:
// scans the fleet, evaluates SPEC-INFRA-04 and writes one report. Exit code: 2 usage/config,
// 3 some host not scanned, 1 some control failed, 0 otherwise (in that order of precedence).
class AuditCommand final : public Command {
    Q_OBJECT
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("audit"); }
    QString summary() const override { return QStringLiteral("Audit the fleet against SPEC-INFRA-04 and write a report"); }
    QString usage() const override;
    void addOptions(QCommandLineParser& parser) override;
    void start(const QCommandLineParser& parser) override;

private:
    void finish(int code);

    Auditor* m_auditor = nullptr;
};

} // namespace bulwark::cli
