// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/control.h"

#include <QList>

namespace bulwark::ui {

struct StatusCounts {
    int pass = 0;
    int fail = 0;
    int waived = 0;
    int notApplicable = 0;
    int unknown = 0;

    void add(ControlStatus status);
    int total() const { return pass + fail + waived + notApplicable + unknown; }
    int of(ControlStatus status) const;
};

StatusCounts countStatuses(const QList<ControlResult>& results);

// Share of decided verdicts that hold, in percent: (pass + waived) / (pass + waived + fail + unknown).
// Not-applicable results do not count either way; an unknown counts against the score because an
// auditor cannot claim what it could not check. -1 when nothing was evaluated.
int scorePercent(const StatusCounts& counts);

} // namespace bulwark::ui
