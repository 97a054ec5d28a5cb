// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace bulwark {
// Registers the value types that cross threads through queued signals. Call once from main() and tests.
void registerMetaTypes();
} // namespace bulwark
