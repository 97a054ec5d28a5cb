// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandrunner.h"

#include <QProcess>

namespace bulwark {

Result<CommandOutput> LocalCommandRunner::run(const QStringList& argv, const QByteArray& stdinData, int timeoutMs)
{
    if (argv.isEmpty())
        return Result<CommandOutput>::failure(QStringLiteral("no command given"));
    QProcess process;
    process.setProgram(argv.constFirst());
    process.setArguments(argv.mid(1));
    process.start();
    // Blocking waits are fine here: the runner is only used from worker threads.
    if (!process.waitForStarted(10000))
        return Result<CommandOutput>::failure(
            QStringLiteral("cannot run %1: %2").arg(argv.constFirst(), process.errorString()));
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return Result<CommandOutput>::failure(
            QStringLiteral("%1 did not finish within %2 s").arg(argv.join(QLatin1Char(' '))).arg(timeoutMs / 1000));
    }
    CommandOutput out;
    out.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    out.stdOut = process.readAllStandardOutput();
    out.stdErr = process.readAllStandardError();
    return out;
}

} // namespace bulwark
