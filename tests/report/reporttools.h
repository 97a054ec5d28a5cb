// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Poppler's command-line tools as the auditor's reader: what pdftotext extracts is what a reader
// (and a search engine, and a diff) sees.

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace bulwark::test {

struct ToolRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline ToolRun runTool(const QString& program, const QStringList& args, int timeoutMs = 60000)
{
    ToolRun r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out or failed to start";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline bool havePoppler()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()
           && !QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty()
           && !QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty();
}

// The text of the whole document, or of pages [first, last].
inline QString pdfText(const QString& pdf, int first = 0, int last = 0, bool layout = false)
{
    QStringList args;
    if (layout)
        args << QStringLiteral("-layout");
    if (first > 0)
        args << QStringLiteral("-f") << QString::number(first);
    if (last > 0)
        args << QStringLiteral("-l") << QString::number(last);
    args << pdf << QStringLiteral("-");
    return QString::fromUtf8(runTool(QStringLiteral("pdftotext"), args).out);
}

inline QString pdfInfo(const QString& pdf, bool meta = false)
{
    QStringList args;
    if (meta)
        args << QStringLiteral("-meta");
    args << pdf;
    return QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), args).out);
}

inline int pdfPages(const QString& pdf)
{
    static const QRegularExpression re(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption);
    const auto m = re.match(pdfInfo(pdf));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

} // namespace bulwark::test
