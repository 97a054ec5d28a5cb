// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"
#include "model/result.h"

#include <QByteArray>
#include <QString>

namespace bulwark {

// Reads and writes the fleet file (YAML). Pure: text in, value out; errors name line and column.
namespace FleetFile {

Result<FleetConfig> parse(const QByteArray& text, const QString& sourceName, const QString& baseDir = {});
Result<FleetConfig> load(const QString& path);

// Parses "unix:///path", "ssh://[user@]host[:port]" or "ssh://alias" into the entry's derived fields.
Result<void> resolveUrl(HostEntry& entry);

// The fleet as YAML, for the GUI's host editor. Comments of the original file are not kept.
QByteArray serialize(const FleetConfig& config);
Result<void> save(const FleetConfig& config, const QString& path);

} // namespace FleetFile
} // namespace bulwark
