// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Starts tests/loki/loki_testd.py on an ephemeral 127.0.0.1 port for one test, and stops it.

#include <QDeadlineTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <memory>

namespace bulwark::test {

class LokiTestServer final {
public:
    LokiTestServer() = default;
    ~LokiTestServer() { stop(); }
    LokiTestServer(const LokiTestServer&) = delete;
    LokiTestServer& operator=(const LokiTestServer&) = delete;

    static QString script() { return QStringLiteral(BULWARK_SOURCE_DIR "/tests/loki/loki_testd.py"); }

    // Returns an error text, empty on success. Waits (on readiness, not a sleep) for "LISTENING host:port".
    QString start(const QStringList& extraArgs)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (python.isEmpty())
            return QStringLiteral("python3 not found");
        m_process->start(python, QStringList{script(), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")} + extraArgs);
        if (!m_process->waitForStarted(10000))
            return QStringLiteral("cannot start %1: %2").arg(script(), m_process->errorString());
        static const QRegularExpression re(QStringLiteral("LISTENING ([0-9.]+):([0-9]+)"));
        QByteArray seen;
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired()) {
            if (!m_process->canReadLine() && !m_process->waitForReadyRead(int(deadline.remainingTime())))
                break;
            seen += m_process->readAll();
            const auto m = re.match(QString::fromUtf8(seen));
            if (m.hasMatch()) {
                m_url = QStringLiteral("http://%1:%2").arg(m.captured(1), m.captured(2));
                return {};
            }
        }
        return QStringLiteral("loki_testd did not report LISTENING: %1 %2")
            .arg(QString::fromUtf8(seen), QString::fromUtf8(m_process->readAllStandardError()));
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(2000);
            }
        }
        m_process.reset();
    }

    QString url() const { return m_url; }

private:
    std::unique_ptr<QProcess> m_process;
    QString m_url;
};

} // namespace bulwark::test
