// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "control.h"

#include <QList>

namespace bulwark {

// Verdicts counted by status, and the compliance score computed from them: the one definition
// behind the dashboard (summary bar, fleet tree, heatmap rows, container detail) and the PDF/HTML
// reports, so a report never shows a different score from the window.
struct StatusCounts {
    int pass = 0;
    int fail = 0;
    int waived = 0;
    int notApplicable = 0;
    int unknown = 0;

    void add(ControlStatus status);
    int of(ControlStatus status) const;
    int total() const { return pass + fail + waived + notApplicable + unknown; }
    // The verdicts the score is taken over: all but not_applicable.
    int evaluated() const { return pass + fail + waived + unknown; }
    // (pass + waived) / (pass + fail + waived + unknown) in percent; -1 when nothing was evaluated.
    // Not-applicable verdicts count neither way; an unknown counts against the score, because an
    // auditor cannot accept what could not be checked.
    double score() const;
};

StatusCounts countStatuses(const QList<ControlResult>& results);

// score() rounded down to a whole percent, so a fleet with a single failure never shows 100;
// -1 when nothing was evaluated.
int scorePercent(const StatusCounts& counts);

} // namespace bulwark
