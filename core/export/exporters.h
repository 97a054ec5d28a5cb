// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/auditrun.h"

#include <QByteArray>

namespace bulwark::Export {

// Machine-readable views of one AuditRun. Pure and deterministic: the same run gives the same bytes.

// The JSON report, schema "bulwark.audit/v1" (see README "Audit report"). Fields may be added,
// never renamed.
QByteArray toJson(const AuditRun& run);

// SARIF 2.1.0: control IDs are the ruleIds; kind/level from the status; waived results carry an
// accepted external suppression; locations are logical (host, host/container).
QByteArray toSarif(const AuditRun& run);

// JUnit XML: one testsuite per host (plus "fleet"), one testcase per (container, control).
// fail -> <failure>, waived/not_applicable/unknown -> <skipped message=...>, unscanned host -> <error>.
QByteArray toJUnit(const AuditRun& run);

// CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote, CR or LF; quotes doubled).
QByteArray toCsv(const AuditRun& run);

} // namespace bulwark::Export
