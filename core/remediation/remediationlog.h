// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/remediationrecord.h"
#include "model/result.h"

#include <QList>
#include <QString>

#include <memory>

namespace bulwark {

// The remediation log: who changed which compose file on which host, the diff, and the outcome.
// SQLite (QtSql) in the application data directory beside the telemetry history
// (remediation.sqlite), so GUI and reports can read what the CLI did and the other way round.
// Blocking and confined to the thread that opened it (its own connection name).
class RemediationLog final {
public:
    RemediationLog();
    ~RemediationLog();
    RemediationLog(const RemediationLog&) = delete;
    RemediationLog& operator=(const RemediationLog&) = delete;

    static QString defaultPath();

    Result<void> open(const QString& path = defaultPath());
    void close();

    // Stores the record and returns its id.
    Result<qint64> add(const RemediationRecord& record);
    // Newest first; `hostName` empty for every host; `limit` <= 0 for all.
    Result<QList<RemediationRecord>> records(const QString& hostName = {}, int limit = 0);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
