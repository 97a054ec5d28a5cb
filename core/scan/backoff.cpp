// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

#include <algorithm>
#include <cmath>

namespace bulwark {

Backoff::Backoff(BackoffPolicy policy, quint32 seed) : m_policy(policy), m_random(seed) {}

int Backoff::baseDelayMs(const BackoffPolicy& policy, int attempt)
{
    const double initial = std::max(1, policy.initialMs);
    const double cap = std::max(policy.initialMs, policy.maxMs);
    const double factor = std::max(1.0, policy.factor);
    // pow overflows to inf for large attempts, which the cap absorbs.
    const double base = initial * std::pow(factor, std::max(0, attempt));
    return static_cast<int>(std::min(base, cap));
}

int Backoff::nextDelayMs()
{
    const int base = baseDelayMs(m_policy, m_attempt);
    if (m_attempt < 1000) // stays far from overflow; the cap was reached long before
        ++m_attempt;
    const double jitter = std::clamp(m_policy.jitter, 0.0, 1.0);
    if (jitter <= 0.0)
        return base;
    std::uniform_real_distribution<double> draw(1.0 - jitter, 1.0);
    return std::max(1, static_cast<int>(std::lround(base * draw(m_random))));
}

void Backoff::reset()
{
    m_attempt = 0;
}

} // namespace bulwark
