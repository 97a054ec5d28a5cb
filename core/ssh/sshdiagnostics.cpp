// SPDX-License-Identifier: GPL-3.0-or-later
#include "sshdiagnostics.h"

#include <QRegularExpression>

namespace bulwark::SshDiagnostics {

namespace {

bool has(const QString& text, const char* needle)
{
    return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
}

// The last meaningful line, for messages that fit no known case.
QString lastLine(const QString& text)
{
    const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString l = it->trimmed();
        if (!l.isEmpty() && !l.startsWith(QLatin1Char('@')))
            return l;
    }
    return {};
}

} // namespace

SessionFailure classify(const QByteArray& stderrText, int exitCode, const QString& hostLabel)
{
    const QString text = QString::fromUtf8(stderrText);
    SessionFailure f;
    f.status = HostStatus::Unreachable;

    if (has(text, "REMOTE HOST IDENTIFICATION HAS CHANGED") || has(text, "has changed and you have requested strict")) {
        f.status = HostStatus::HostKeyChanged;
        static const QRegularExpression fp(QStringLiteral("(SHA256:[A-Za-z0-9+/=]+)"));
        const auto m = fp.match(text);
        if (m.hasMatch())
            f.fingerprint = m.captured(1);
        if (f.fingerprint.endsWith(QLatin1Char('.')))
            f.fingerprint.chop(1);
        static const QRegularExpression where(QStringLiteral("Offending \\S+ key in (\\S+):(\\d+)"));
        const auto w = where.match(text);
        f.message = QStringLiteral("%1: the host key has CHANGED since it was trusted (offered key %2). This may be a "
                                   "man-in-the-middle attack. Refusing to connect. If the host was really reinstalled, "
                                   "verify the new key out of band and replace the old entry%3.")
                        .arg(hostLabel, f.fingerprint.isEmpty() ? QStringLiteral("unknown") : f.fingerprint,
                             w.hasMatch() ? QStringLiteral(" (%1 line %2)").arg(w.captured(1), w.captured(2))
                                          : QString());
        return f;
    }
    // Checked after "changed": ssh ends both cases with "Host key verification failed."
    if (has(text, "host key is known for") || has(text, "Host key verification failed")) {
        f.status = HostStatus::HostKeyUnknown;
        f.message = QStringLiteral("%1: the host key is not in known_hosts. Check its fingerprint and trust it "
                                   "(bulwark-cli trust-host, or the GUI) before scanning; it is never accepted "
                                   "automatically.")
                        .arg(hostLabel);
        return f;
    }
    if (has(text, "Permission denied") || has(text, "Too many authentication failures")
        || has(text, "Authentication failed")) {
        f.status = HostStatus::AuthFailed;
        f.message = QStringLiteral("%1: ssh refused our credentials (%2). Check the identity file, ssh-agent and the "
                                   "remote authorized_keys; a passphrase-protected key needs its passphrase in the "
                                   "keychain.")
                        .arg(hostLabel, lastLine(text));
        return f;
    }
    if (has(text, "timed out") || has(text, "Timeout,") || has(text, "timeout")) {
        f.status = HostStatus::Timeout;
        f.message = QStringLiteral("%1: ssh timed out (%2)").arg(hostLabel, lastLine(text));
        return f;
    }
    if (has(text, "Connection refused")) {
        f.message = QStringLiteral("%1: connection refused (is sshd running and the port right?): %2")
                        .arg(hostLabel, lastLine(text));
        return f;
    }
    if (has(text, "Could not resolve hostname")) {
        f.message = QStringLiteral("%1: %2").arg(hostLabel, lastLine(text));
        return f;
    }
    const QString last = lastLine(text);
    f.message = last.isEmpty() ? QStringLiteral("%1: ssh failed with exit code %2").arg(hostLabel).arg(exitCode)
                               : QStringLiteral("%1: %2").arg(hostLabel, last);
    return f;
}

bool isForwardFailure(const QByteArray& stderrText)
{
    const QString text = QString::fromUtf8(stderrText);
    return has(text, "forwarding failed") || has(text, "Could not request local forwarding")
        || has(text, "unix_listener") || has(text, "cannot listen to path")
        || has(text, "administratively prohibited");
}

QString shellQuote(const QString& word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    QString out = word;
    out.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

QString shellJoin(const QStringList& argv)
{
    QStringList quoted;
    quoted.reserve(argv.size());
    for (const auto& a : argv)
        quoted << shellQuote(a);
    return quoted.join(QLatin1Char(' '));
}

QString knownHostsName(const QString& host, int port)
{
    if (port <= 0 || port == 22)
        return host;
    return QStringLiteral("[%1]:%2").arg(host).arg(port);
}

QString fingerprintFromKeygen(const QByteArray& output)
{
    static const QRegularExpression fp(QStringLiteral("(SHA256:[A-Za-z0-9+/=]+)"));
    const auto m = fp.match(QString::fromUtf8(output));
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace bulwark::SshDiagnostics
