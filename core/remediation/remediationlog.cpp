// SPDX-License-Identifier: GPL-3.0-or-later
#include "remediationlog.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace bulwark {

struct RemediationLog::Private {
    QString connection;
    QString path;
    bool open = false;
};

namespace {
QAtomicInt g_connections;
}

RemediationLog::RemediationLog() : d(std::make_unique<Private>())
{
    d->connection = QStringLiteral("bulwark-remediation-log-%1").arg(g_connections.fetchAndAddRelaxed(1));
}

RemediationLog::~RemediationLog() { close(); }

QString RemediationLog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/remediation.sqlite");
}

void RemediationLog::close()
{
    if (!d->open)
        return;
    QSqlDatabase::database(d->connection, false).close();
    d->open = false;
    QSqlDatabase::removeDatabase(d->connection);
}

Result<void> RemediationLog::open(const QString& path)
{
    close();
    d->path = path;
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return Result<void>::failure(QStringLiteral("cannot create the directory %1 for the remediation log").arg(dir));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->connection);
        db.setDatabaseName(path);
        if (!db.open())
            return Result<void>::failure(QStringLiteral("cannot open the remediation log %1: %2").arg(path, db.lastError().text()));
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS remediation ("
                                   "id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, user TEXT, host TEXT NOT NULL, "
                                   "file TEXT, project TEXT, service TEXT, controls TEXT, diff TEXT, outcome TEXT NOT NULL, "
                                   "message TEXT, backup TEXT)"))
            || !q.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS remediation_host_ts ON remediation(host, ts)"))) {
            const QString err = q.lastError().text();
            db.close();
            return Result<void>::failure(QStringLiteral("%1 is not a usable remediation log: %2").arg(path, err));
        }
    }
    d->open = true;
    return {};
}

Result<qint64> RemediationLog::add(const RemediationRecord& r)
{
    if (!d->open)
        return Result<qint64>::failure(QStringLiteral("the remediation log is not open"));
    QSqlQuery q(QSqlDatabase::database(d->connection, false));
    q.prepare(QStringLiteral("INSERT INTO remediation (ts, user, host, file, project, service, controls, diff, outcome, "
                             "message, backup) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue((r.timestamp.isValid() ? r.timestamp : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs));
    q.addBindValue(r.user);
    q.addBindValue(r.hostName);
    q.addBindValue(r.filePath);
    q.addBindValue(r.project);
    q.addBindValue(r.service);
    q.addBindValue(r.controls.join(QLatin1Char(',')));
    q.addBindValue(r.diff);
    q.addBindValue(r.outcome);
    q.addBindValue(r.message);
    q.addBindValue(r.backupPath);
    if (!q.exec())
        return Result<qint64>::failure(QStringLiteral("cannot write to the remediation log %1: %2").arg(d->path, q.lastError().text()));
    return q.lastInsertId().toLongLong();
}

Result<QList<RemediationRecord>> RemediationLog::records(const QString& hostName, int limit)
{
    if (!d->open)
        return Result<QList<RemediationRecord>>::failure(QStringLiteral("the remediation log is not open"));
    QSqlQuery q(QSqlDatabase::database(d->connection, false));
    QString sql = QStringLiteral("SELECT id, ts, user, host, file, project, service, controls, diff, outcome, message, backup "
                                 "FROM remediation");
    if (!hostName.isEmpty())
        sql += QStringLiteral(" WHERE host = ?");
    sql += QStringLiteral(" ORDER BY ts DESC, id DESC");
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    q.prepare(sql);
    if (!hostName.isEmpty())
        q.addBindValue(hostName);
    if (!q.exec())
        return Result<QList<RemediationRecord>>::failure(
            QStringLiteral("cannot read the remediation log %1: %2").arg(d->path, q.lastError().text()));
    QList<RemediationRecord> out;
    while (q.next()) {
        RemediationRecord r;
        r.id = q.value(0).toLongLong();
        r.timestamp = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
        r.user = q.value(2).toString();
        r.hostName = q.value(3).toString();
        r.filePath = q.value(4).toString();
        r.project = q.value(5).toString();
        r.service = q.value(6).toString();
        r.controls = q.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        r.diff = q.value(8).toString();
        r.outcome = q.value(9).toString();
        r.message = q.value(10).toString();
        r.backupPath = q.value(11).toString();
        out << r;
    }
    return out;
}

} // namespace bulwark
