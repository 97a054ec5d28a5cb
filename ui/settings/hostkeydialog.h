// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/result.h"

#include <QDialog>

namespace bulwark::ui {

// Asks the operator whether to trust a host key the fleet has not seen (or one that changed).
// Shows the SHA256 fingerprint to compare out of band; never accepts on its own. The default
// button is "Cancel", so Enter does not trust by accident.
class HostKeyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostKeyDialog)
public:
    HostKeyDialog(const QString& hostName, const QString& fingerprint, const QString& knownHostsPath, bool keyChanged,
                  QWidget* parent = nullptr);
};

// Appends one known_hosts line to the file (creating it 0600 when missing). Blocking: run it with
// QtConcurrent, never on the UI thread.
Result<void> appendKnownHostsLine(const QString& knownHostsPath, const QString& line);

} // namespace bulwark::ui
