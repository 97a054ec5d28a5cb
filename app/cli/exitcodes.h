// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace bulwark::cli {

// The exit codes bulwark-cli documents in --help and README; CI pipelines depend on them.
enum ExitCode : int {
    ExitOk = 0,          // everything passed or was waived
    ExitFindings = 1,    // at least one control failed
    ExitUsage = 2,       // bad arguments, unreadable fleet/policy/waiver file
    ExitHostsFailed = 3, // at least one host could not be scanned; the others are still reported
};

} // namespace bulwark::cli
