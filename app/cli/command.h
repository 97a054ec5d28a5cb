// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QObject>
#include <QString>

namespace bulwark::cli {

// One bulwark-cli subcommand. start() returns at once; the work runs on the event loop
// (ssh, sockets and HTTP are asynchronous) and ends with exactly one finished(exitCode).
class Command : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString name() const = 0;
    virtual QString summary() const = 0;       // one line for the command list
    virtual QString usage() const { return {}; } // extra lines for "bulwark-cli help NAME"
    virtual void addOptions(QCommandLineParser& parser) = 0;
    virtual void start(const QCommandLineParser& parser) = 0;

signals:
    void finished(int exitCode);
};

} // namespace bulwark::cli
