// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace bulwark {

// Imports Docker CLI contexts (<config>/contexts/meta/*/meta.json) and DOCKER_HOST as fleet entries,
// so a user's existing `docker context` setup becomes a fleet. Only unix:// and ssh:// endpoints are
// taken: tcp:// and others are listed as skipped with the reason (Bulwark never uses TCP to Docker).
namespace DockerContexts {

struct Imported {
    QList<HostEntry> hosts;
    QStringList skipped; // "context NAME: why", for the user
};

// dockerConfigDir: usually ~/.docker; dockerHost: the DOCKER_HOST value or empty.
Imported importFrom(const QString& dockerConfigDir, const QString& dockerHost);
// From $DOCKER_CONFIG (else ~/.docker) and $DOCKER_HOST.
Imported importDefault();

} // namespace DockerContexts
} // namespace bulwark
