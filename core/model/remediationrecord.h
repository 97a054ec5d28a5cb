// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bulwark {

// One entry of the remediation log: who changed which compose file on which host, how, and what came of it.
struct RemediationRecord {
    qint64 id = 0;
    QDateTime timestamp;
    QString user;
    QString hostName;
    QString filePath;
    QString project;
    QString service;
    QStringList controls;
    QString diff;
    QString outcome;  // "applied", "rolled_back", "failed", "refused"
    QString message;
    QString backupPath;
};

} // namespace bulwark

Q_DECLARE_METATYPE(bulwark::RemediationRecord)
