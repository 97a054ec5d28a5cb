// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs a program to its end for a test, the way a user or a pipeline would: arguments, optional
// standard input, then exit code and both outputs.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace bulwark::test {

struct ProcessRun {
    int exitCode = -1; // -1: did not finish in time or did not start
    QByteArray out;
    QByteArray err;
    QByteArray all() const { return out + err; }
};

// `stdinData` is written and the channel closed; a null array leaves standard input empty too.
inline ProcessRun runProcess(const QString& program, const QStringList& args, const QByteArray& stdinData = {},
                             int timeoutMs = 180000)
{
    QProcess p;
    p.start(program, args);
    if (!stdinData.isNull())
        p.write(stdinData);
    p.closeWriteChannel();
    ProcessRun r;
    if (!p.waitForFinished(timeoutMs))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// bulwark-cli of this build tree.
inline QString bulwarkCli()
{
    return QStringLiteral(BULWARK_BINARY_DIR "/app/cli/bulwark-cli");
}

inline ProcessRun runCli(const QStringList& args, const QByteArray& stdinData = {})
{
    return runProcess(bulwarkCli(), args, stdinData);
}

} // namespace bulwark::test
