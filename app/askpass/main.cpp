// SPDX-License-Identifier: GPL-3.0-or-later
// bulwark-askpass: what ssh runs as SSH_ASKPASS. It forwards ssh's prompt to the Bulwark process
// that started ssh (AskpassServer, over a unix socket in the owner-only runtime directory) and prints
// the answer for ssh. It never logs, stores or echoes anything else; without an answer it exits 1,
// which ssh treats as "no passphrase".
#include <QCoreApplication>
#include <QLocalSocket>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QByteArray socketPath = qgetenv("BULWARK_ASKPASS_SOCKET");
    if (socketPath.isEmpty() || argc < 2)
        return 1;
    QByteArray prompt = QByteArray(argv[1]).replace('\n', ' ');
    QLocalSocket socket;
    socket.connectToServer(QString::fromLocal8Bit(socketPath));
    if (!socket.waitForConnected(5000))
        return 1;
    socket.write(prompt + '\n');
    if (!socket.waitForBytesWritten(5000))
        return 1;
    QByteArray answer;
    // The server writes one line and closes.
    while (!answer.contains('\n')) {
        if (!socket.waitForReadyRead(30000))
            break;
        answer += socket.readAll();
    }
    const int nl = answer.indexOf('\n');
    if (nl < 0)
        return 1;
    std::fwrite(answer.constData(), 1, static_cast<size_t>(nl) + 1, stdout);
    std::fflush(stdout);
    answer.fill('\0');
    return 0;
}
