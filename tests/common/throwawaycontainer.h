// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A container a lab test starts on a lab engine (through its local socket, with the docker CLI) and
// removes when the test ends, even on failure. Runs `bulwark/busybox:lab sleep 600` with a 16 MiB
// limit (swap included) plus whatever labels the test adds.

#include "processrun.h"

#include <QString>
#include <QStringList>

namespace bulwark::test {

class ThrowawayContainer final {
public:
    ThrowawayContainer(QString socketUrl, QString name, const QStringList& labels = {})
        : m_url(std::move(socketUrl)), m_name(std::move(name))
    {
        docker({QStringLiteral("rm"), QStringLiteral("-f"), m_name});
        QStringList args{QStringLiteral("run"),    QStringLiteral("-d"),          QStringLiteral("--name"),
                         m_name,                   QStringLiteral("--memory"),    QStringLiteral("16m"),
                         QStringLiteral("--memory-swap"), QStringLiteral("16m"), QStringLiteral("--label"),
                         QStringLiteral("io.bulwark.test=throwaway")};
        for (const QString& l : labels)
            args << QStringLiteral("--label") << l;
        args << QStringLiteral("bulwark/busybox:lab") << QStringLiteral("sleep") << QStringLiteral("600");
        const ProcessRun r = docker(args);
        if (r.exitCode != 0)
            m_error = QStringLiteral("docker run %1 failed: %2").arg(m_name, QString::fromUtf8(r.err));
    }
    ~ThrowawayContainer() { docker({QStringLiteral("rm"), QStringLiteral("-f"), m_name}); }
    ThrowawayContainer(const ThrowawayContainer&) = delete;
    ThrowawayContainer& operator=(const ThrowawayContainer&) = delete;

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    ProcessRun docker(const QStringList& args)
    {
        return runProcess(QStringLiteral("docker"), QStringList{QStringLiteral("-H"), m_url} + args, {}, 60000);
    }

    QString m_url;
    QString m_name;
    QString m_error;
};

} // namespace bulwark::test
