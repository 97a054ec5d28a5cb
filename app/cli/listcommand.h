// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include "model/snapshot.h"

#include <memory>

namespace bulwark {
class FleetScanner;
}

namespace bulwark::cli {

// `bulwark-cli list --fleet FILE`: reaches every host and lists its containers. A host that fails
// shows its status and error; the others are still listed; exit 3 when any host failed.
class ListCommand final : public Command {
    Q_OBJECT
public:
    explicit ListCommand(QObject* parent = nullptr);
    ~ListCommand() override;
    QString name() const override { return QStringLiteral("list"); }
    QString summary() const override { return QStringLiteral("List every host's containers (name, image, state)"); }
    QString usage() const override;
    void addOptions(QCommandLineParser& parser) override;
    void start(const QCommandLineParser& parser) override;

    // The text printed on stdout, one table per host (pure, for tests).
    static QString render(const FleetSnapshot& fleet);

private:
    std::unique_ptr<FleetScanner> m_scanner;
};

} // namespace bulwark::cli
