// SPDX-License-Identifier: GPL-3.0-or-later
#include "control.h"
#include "snapshot.h"

#include <array>
#include <utility>

namespace bulwark {
namespace {

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
{
    for (const auto& [e, name] : table)
        if (e == value)
            return QString::fromLatin1(name);
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char*>, N>& table, const QString& name)
{
    for (const auto& [e, n] : table)
        if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0)
            return e;
    return std::nullopt;
}

constexpr std::array kHostStatusNames{
    std::pair{HostStatus::Pending, "pending"},
    std::pair{HostStatus::Ok, "ok"},
    std::pair{HostStatus::Unreachable, "unreachable"},
    std::pair{HostStatus::AuthFailed, "auth_failed"},
    std::pair{HostStatus::HostKeyUnknown, "hostkey_unknown"},
    std::pair{HostStatus::HostKeyChanged, "hostkey_changed"},
    std::pair{HostStatus::ApiError, "api_error"},
    std::pair{HostStatus::Timeout, "timeout"},
    std::pair{HostStatus::Cancelled, "cancelled"},
};

constexpr std::array kControlStatusNames{
    std::pair{ControlStatus::Pass, "pass"},
    std::pair{ControlStatus::Fail, "fail"},
    std::pair{ControlStatus::Waived, "waived"},
    std::pair{ControlStatus::NotApplicable, "not_applicable"},
    std::pair{ControlStatus::Unknown, "unknown"},
};

constexpr std::array kScopeNames{
    std::pair{ControlScope::Container, "container"},
    std::pair{ControlScope::Host, "host"},
    std::pair{ControlScope::Fleet, "fleet"},
};

constexpr std::array kSeverityNames{
    std::pair{Severity::Low, "low"},
    std::pair{Severity::Medium, "medium"},
    std::pair{Severity::High, "high"},
    std::pair{Severity::Critical, "critical"},
};

} // namespace

QString hostStatusName(HostStatus status) { return nameOf(kHostStatusNames, status); }
std::optional<HostStatus> hostStatusFromName(const QString& name) { return valueOf(kHostStatusNames, name); }
QString controlStatusName(ControlStatus status) { return nameOf(kControlStatusNames, status); }
std::optional<ControlStatus> controlStatusFromName(const QString& name) { return valueOf(kControlStatusNames, name); }
QString controlScopeName(ControlScope scope) { return nameOf(kScopeNames, scope); }
std::optional<ControlScope> controlScopeFromName(const QString& name) { return valueOf(kScopeNames, name); }
QString severityName(Severity severity) { return nameOf(kSeverityNames, severity); }
std::optional<Severity> severityFromName(const QString& name) { return valueOf(kSeverityNames, name); }

int statusBadness(ControlStatus status)
{
    switch (status) {
    case ControlStatus::Fail:
        return 4;
    case ControlStatus::Unknown:
        return 3;
    case ControlStatus::Waived:
        return 2;
    case ControlStatus::Pass:
        return 1;
    case ControlStatus::NotApplicable:
        return 0;
    }
    return 0;
}

} // namespace bulwark
