// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace bulwark::cli {

// `bulwark-cli list --fleet FILE`: reaches every host and lists its containers.
class ListCommand final : public Command {
    Q_OBJECT
public:
    using Command::Command;
    QString name() const override { return QStringLiteral("list"); }
    QString summary() const override { return QStringLiteral("List every host's containers (name, image, state)"); }
    void addOptions(QCommandLineParser& parser) override;
    void start(const QCommandLineParser& parser) override;
};

} // namespace bulwark::cli
