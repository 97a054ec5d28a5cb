// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretcommand.h"

#include "exitcodes.h"
#include "output.h"

#include "secrets/secretstore.h"

#include <QFile>
#include <QTimer>

#include <termios.h>
#include <unistd.h>

namespace bulwark::cli {
namespace {

// Reads one secret from standard input. On a terminal the echo is off while typing; from a pipe
// (`pass show x | bulwark-cli secret set KEY`) a single trailing newline is dropped.
QString readSecretFromStdin()
{
    const bool tty = isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        err() << "Secret (not echoed): ";
        err().flush();
        if (tcgetattr(STDIN_FILENO, &saved) == 0) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
    }
    QFile in;
    QByteArray bytes;
    if (in.open(stdin, QIODevice::ReadOnly))
        bytes = tty ? in.readLine() : in.readAll();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        err() << '\n';
    }
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

bool isKnownKey(const QString& key)
{
    const auto rest = [&](QLatin1String prefix) { return key.startsWith(prefix) && key.size() > prefix.size(); };
    return rest(QLatin1String("http-token:")) || rest(QLatin1String("ssh-passphrase:"));
}

} // namespace

SecretCommand::SecretCommand(QObject* parent) : Command(parent) {}

SecretCommand::~SecretCommand() = default;

QString SecretCommand::usage() const
{
    return QStringLiteral(
        "  bulwark-cli secret set KEY      reads the secret from standard input and stores it\n"
        "  bulwark-cli secret check KEY    exit 0 when the keychain holds KEY (never prints it)\n"
        "  bulwark-cli secret delete KEY\n"
        "KEY is http-token:URL (the password of the fleet file's loki username at that url) or\n"
        "ssh-passphrase:/absolute/path/to/identity (the passphrase ssh asks for through bulwark-askpass).\n"
        "The keychain is the desktop's Secret Service (gnome-keyring, KWallet); Bulwark never keeps a\n"
        "secret anywhere else.");
}

void SecretCommand::addOptions(QCommandLineParser& parser)
{
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("set, check or delete"));
    parser.addPositionalArgument(QStringLiteral("key"), QStringLiteral("http-token:URL or ssh-passphrase:PATH"));
}

void SecretCommand::finishLater(int exitCode)
{
    QTimer::singleShot(0, this, [this, exitCode] { emit finished(exitCode); });
}

void SecretCommand::start(const QCommandLineParser& parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) {
        err() << "bulwark-cli secret: give an action and a key: secret set|check|delete KEY\n";
        return finishLater(ExitUsage);
    }
    const QString& action = args.at(0);
    const QString& key = args.at(1);
    if (!isKnownKey(key)) {
        err() << "bulwark-cli secret: '" << key << "' is not a Bulwark key (http-token:URL or ssh-passphrase:PATH)\n";
        return finishLater(ExitUsage);
    }
    m_store = std::make_unique<SecretStore>();
    const auto reportDone = [this, action, key](const Result<void>& r) {
        if (!r) {
            err() << "bulwark-cli secret: " << r.errorMessage() << '\n';
            return finishLater(ExitUsage);
        }
        err() << (action == QLatin1String("set") ? "Stored " : "Deleted ") << key << '\n';
        finishLater(ExitOk);
    };
    if (action == QLatin1String("set")) {
        const QString secret = readSecretFromStdin();
        if (secret.isEmpty()) {
            err() << "bulwark-cli secret: no secret on standard input; nothing stored\n";
            return finishLater(ExitUsage);
        }
        m_store->write(key, secret, reportDone);
    } else if (action == QLatin1String("delete")) {
        m_store->remove(key, reportDone);
    } else if (action == QLatin1String("check")) {
        m_store->read(key, [this, key](const Result<QString>& r) {
            if (r) {
                out() << key << ": stored\n";
                return finishLater(ExitOk);
            }
            if (r.error().code == SecretStore::ErrorNotFound) {
                out() << key << ": not stored\n";
                return finishLater(ExitFindings);
            }
            err() << "bulwark-cli secret: " << r.errorMessage() << '\n';
            finishLater(ExitUsage);
        });
    } else {
        err() << "bulwark-cli secret: unknown action '" << action << "' (set, check or delete)\n";
        finishLater(ExitUsage);
    }
}

} // namespace bulwark::cli
