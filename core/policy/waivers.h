// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace bulwark {

// One entry of a waiver file: a documented, time-limited exception.
struct Waiver {
    QString hostPattern = QStringLiteral("*");      // wildcard on the fleet host name
    QString containerPattern = QStringLiteral("*"); // wildcard on the container name (no leading slash); "" for host scope
    QString control;                                // a control ID, exactly
    QString reason;                                 // never empty
    QDateTime expires;                              // invalid: never expires
    QString source;                                 // "FILE:LINE" for notes
};

namespace WaiverFile {

// The waiver file (YAML):
//   waivers:
//     - host: "lab-*"
//       container: "infra-node-exporter"
//       control: REQ-HARD-01
//       reason: "node_exporter needs the host PID namespace (OPS-412)"
//       expires: 2027-06-30            # a date (end of that day, UTC) or an ISO 8601 date-time
// Errors read "SOURCE:LINE:COLUMN: what is wrong".
Result<QList<Waiver>> parse(const QByteArray& text, const QString& sourceName);
Result<QList<Waiver>> load(const QString& path);

} // namespace WaiverFile

// The waiver matching (host, container, control), preferring one still valid at `now` over an
// expired one (so that a renewed waiver wins over the old entry); nullptr when none matches.
const Waiver* findWaiver(const QList<Waiver>& waivers, const QString& host, const QString& container,
                         const QString& control, const QDateTime& now);

} // namespace bulwark
