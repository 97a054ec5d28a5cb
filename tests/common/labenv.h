// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared loader for the lab's environment (header-only, include as "../common/labenv.h" or add
// tests/common to the include path). LAB tests call LabEnv::load() and QSKIP when it returns nullopt.
//
// Order: the process environment (BULWARK_LAB_FLEET set, e.g. after `set -a; . lab.env`), then
// ${BULWARK_LAB_ENV:-$BULWARK_LAB_DIR/lab.env or /tmp/bulwark-lab/lab.env}, then /tmp/bulwark-shared-lab.env.

#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace bulwark::test {

struct LabEnv {
    QString dir;           // BULWARK_LAB_DIR
    QString fleet;         // BULWARK_LAB_FLEET: the lab's fleet file
    QStringList hosts;     // BULWARK_LAB_HOSTS: host names, space or comma separated in the file
    QString prometheusUrl; // BULWARK_LAB_PROMETHEUS_URL
    QString lokiUrl;       // BULWARK_LAB_LOKI_URL
    QString sshKey;        // BULWARK_LAB_SSH_KEY
    QString knownHosts;    // BULWARK_LAB_KNOWN_HOSTS
    QString sourceFile;    // which file the values came from ("environment" when from the process env)
    QMap<QString, QString> all; // every BULWARK_LAB_* variable read, for lab extras

    // Why load() found nothing: for QSKIP messages.
    static QString skipReason()
    {
        return QStringLiteral("lab not available: set BULWARK_LAB_ENV or start the lab "
                              "(tests/lab/lab up writes $BULWARK_LAB_DIR/lab.env; the shared lab writes "
                              "/tmp/bulwark-shared-lab.env)");
    }

    static std::optional<LabEnv> load()
    {
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        QStringList candidates;
        if (env.contains(QStringLiteral("BULWARK_LAB_ENV")))
            candidates << env.value(QStringLiteral("BULWARK_LAB_ENV"));
        const QString dir = env.value(QStringLiteral("BULWARK_LAB_DIR"));
        if (!dir.isEmpty())
            candidates << dir + QStringLiteral("/lab.env");
        candidates << QStringLiteral("/tmp/bulwark-lab/lab.env") << QStringLiteral("/tmp/bulwark-shared-lab.env");

        for (const QString& path : std::as_const(candidates)) {
            if (auto lab = fromFile(path))
                return lab;
        }
        // Variables exported into the environment directly (no file).
        QMap<QString, QString> vars;
        for (const QString& key : env.keys())
            if (key.startsWith(QLatin1String("BULWARK_LAB_")))
                vars.insert(key, env.value(key));
        if (auto lab = fromVars(vars, QStringLiteral("environment")))
            return lab;
        return std::nullopt;
    }

    // Parses shell lines KEY=value, KEY="value", KEY='value', `export KEY=value`; ignores the rest.
    static std::optional<LabEnv> fromFile(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return std::nullopt;
        QMap<QString, QString> vars;
        const auto lines = file.readAll().split('\n');
        for (QByteArray line : lines) {
            line = line.trimmed();
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            if (line.startsWith("export "))
                line = line.mid(7).trimmed();
            const int eq = line.indexOf('=');
            if (eq <= 0)
                continue;
            const QString key = QString::fromUtf8(line.left(eq));
            QByteArray value = line.mid(eq + 1);
            if (value.size() >= 2 && ((value.startsWith('"') && value.endsWith('"'))
                                      || (value.startsWith('\'') && value.endsWith('\''))))
                value = value.mid(1, value.size() - 2);
            vars.insert(key, QString::fromUtf8(value));
        }
        return fromVars(vars, QFileInfo(path).absoluteFilePath());
    }

    static std::optional<LabEnv> fromVars(const QMap<QString, QString>& vars, const QString& source)
    {
        LabEnv lab;
        lab.fleet = vars.value(QStringLiteral("BULWARK_LAB_FLEET"));
        if (lab.fleet.isEmpty() || !QFileInfo::exists(lab.fleet))
            return std::nullopt;
        lab.dir = vars.value(QStringLiteral("BULWARK_LAB_DIR"));
        const QString hosts = vars.value(QStringLiteral("BULWARK_LAB_HOSTS"));
        static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
        lab.hosts = hosts.split(separators, Qt::SkipEmptyParts);
        lab.prometheusUrl = vars.value(QStringLiteral("BULWARK_LAB_PROMETHEUS_URL"));
        lab.lokiUrl = vars.value(QStringLiteral("BULWARK_LAB_LOKI_URL"));
        lab.sshKey = vars.value(QStringLiteral("BULWARK_LAB_SSH_KEY"));
        lab.knownHosts = vars.value(QStringLiteral("BULWARK_LAB_KNOWN_HOSTS"));
        lab.sourceFile = source;
        lab.all = vars;
        return lab;
    }

    QString value(const QString& key) const { return all.value(key); }
};

} // namespace bulwark::test
