// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: every Engine API reply parser and the ssh error classifier get arbitrary bytes. They
// must never crash, hang or throw; each either parses or returns an error with a message.
#include "docker/snapshotparser.h"
#include "ssh/sshdiagnostics.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace bulwark;
    const QByteArray input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    auto check = [](const auto& result) {
        if (!result.ok() && result.errorMessage().isEmpty())
            std::abort(); // every failure must say why
    };
    check(SnapshotParser::parseContainerInspect(input));
    check(SnapshotParser::parseStats(input));
    check(SnapshotParser::parseContainerList(input));
    check(SnapshotParser::parseNetworks(input));
    check(SnapshotParser::parseEvent(input));
    // Split the input so info and version differ.
    const qsizetype half = input.size() / 2;
    check(SnapshotParser::parseEngineInfo(input.left(half), input.mid(half)));
    (void)SnapshotParser::engineErrorMessage(input);
    (void)SnapshotParser::describeJsonError(input, "fuzz");

    if (auto c = SnapshotParser::parseContainerInspect(input); c.ok()) {
        // What we keep must itself parse back to the same container.
        auto again = SnapshotParser::parseContainerInspect(c->rawInspect);
        if (!again.ok() || again->id != c->id || again->privileged != c->privileged || again->capAdd != c->capAdd)
            std::abort();
    }
    if (auto m = SnapshotParser::parseStats(input); m.ok()) {
        if (m->usageBytes < 0 || m->usageBytes > m->rawUsageBytes)
            std::abort(); // the cache correction only ever subtracts
    }

    const SessionFailure f = SshDiagnostics::classify(input, 255, QStringLiteral("fuzz"));
    if (f.message.isEmpty())
        std::abort();
    (void)SshDiagnostics::isForwardFailure(input);
    (void)SshDiagnostics::shellQuote(QString::fromUtf8(input));
    return 0;
}
