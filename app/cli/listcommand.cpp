// SPDX-License-Identifier: GPL-3.0-or-later
#include "listcommand.h"

#include "exitcodes.h"
#include "output.h"

#include "fleet/fleetfile.h"

#include <QTimer>

namespace bulwark::cli {

void ListCommand::addOptions(QCommandLineParser& parser)
{
    parser.addOption({{QStringLiteral("f"), QStringLiteral("fleet")}, QStringLiteral("The fleet file."),
                      QStringLiteral("FILE")});
}

void ListCommand::start(const QCommandLineParser& parser)
{
    auto finish = [this](int code) { QTimer::singleShot(0, this, [this, code] { emit finished(code); }); };
    const QString fleetPath = parser.value(QStringLiteral("fleet"));
    if (fleetPath.isEmpty()) {
        err() << "bulwark-cli list: --fleet FILE is required\n";
        return finish(ExitUsage);
    }
    auto fleet = FleetFile::load(fleetPath);
    if (!fleet) {
        err() << "bulwark-cli list: " << fleet.errorMessage() << '\n';
        return finish(ExitUsage);
    }
    // Placeholder until the scanner lands: lists the hosts only.
    QList<QStringList> rows{{QStringLiteral("HOST"), QStringLiteral("URL")}};
    for (const auto& h : fleet->hosts)
        rows.append({h.name, h.url});
    out() << formatTable(rows);
    finish(ExitOk);
}

} // namespace bulwark::cli
