// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: the batched cgroup memory read's output comes from the audited host. Whatever it
// prints, the parser must not crash or hang, and every reading it keeps must be sane.
#include "scan/cgroupmemory.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace bulwark;
    const QByteArray input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    // The ids of the seeds (tests/data/cgroup) and a few synthetic ones.
    static const QStringList ids{QStringLiteral("30d42dd522eaf516813d7a3e90a955f15bc9f5c620fb79f36164e59b8071ef4b"),
                                 QStringLiteral("7a31e5cc23879dfd82db71726d9cb40a6895f93af4637b1b38c46ab5d5bf07a3"),
                                 QStringLiteral("ab33cedf3f6d2a507d84623d7e60b677f6f35b8c7ebc3ab41c21b2ac14337ecf"),
                                 QString(64, QLatin1Char('a')), QString(64, QLatin1Char('b')), QString(64, QLatin1Char('c'))};
    for (auto v : {CgroupMemory::Version::V1, CgroupMemory::Version::V2}) {
        const CgroupMemory::Parsed p = CgroupMemory::parse(input, v, ids, {});
        if (p.problems.size() > 5 || (!p.complete && !p.readings.isEmpty()))
            std::abort();
        for (auto it = p.readings.cbegin(); it != p.readings.cend(); ++it) {
            const MemoryReading& m = it.value();
            if (!ids.contains(it.key()) || m.usageBytes < 0 || m.usageBytes > m.rawUsageBytes || m.limitBytes < 0)
                std::abort();
        }
    }
    return 0;
}
