// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QFutureWatcher>

namespace bulwark::cli {

// `bulwark-cli remediate --fleet FILE --host NAME [--container NAME] [--control ID]... (--diff | --apply [--yes])`:
// shows the compose patch that fixes a container's failing controls, or applies it with backup,
// validation, verification and roll back. The work runs in a worker thread.
class RemediateCommand final : public Command {
    Q_OBJECT
public:
    explicit RemediateCommand(QObject* parent = nullptr);
    ~RemediateCommand() override;
    QString name() const override { return QStringLiteral("remediate"); }
    QString summary() const override { return QStringLiteral("Show or apply compose fixes for failing controls"); }
    QString usage() const override;
    void addOptions(QCommandLineParser& parser) override;
    void start(const QCommandLineParser& parser) override;

private:
    QFutureWatcher<int> m_watcher;
};

} // namespace bulwark::cli
