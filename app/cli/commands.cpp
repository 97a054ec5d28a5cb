// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#ifdef BULWARK_HAVE_AUDIT
#include "auditcommand.h"
#endif
#include "listcommand.h"
#include "loadcheckcommand.h"
#include "probelogscommand.h"
#include "remediatecommand.h"
#include "secretcommand.h"

namespace bulwark::cli {

std::vector<std::unique_ptr<Command>> makeCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<ListCommand>());
#ifdef BULWARK_HAVE_AUDIT
    commands.push_back(std::make_unique<AuditCommand>());
#endif
    commands.push_back(std::make_unique<ProbeLogsCommand>());
    commands.push_back(std::make_unique<LoadCheckCommand>());
    commands.push_back(std::make_unique<RemediateCommand>());
    commands.push_back(std::make_unique<SecretCommand>());
    return commands;
}

} // namespace bulwark::cli
