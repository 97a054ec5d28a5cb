// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <random>

namespace bulwark {

// How long watch mode waits before it tries a host again: exponential, capped, with jitter so that
// a fleet whose hosts all dropped at once (a VPN blip) does not reconnect in lockstep.
struct BackoffPolicy {
    int initialMs = 1000;
    int maxMs = 30000;
    double factor = 2.0;
    double jitter = 0.2; // each delay is drawn from [base * (1 - jitter), base]
    // A connection that stayed up this long counts as recovered: the next drop starts again at initialMs.
    int stableMs = 30000;
};

// The delay schedule of one host. Pure apart from its own random engine (seedable for tests).
class Backoff final {
public:
    explicit Backoff(BackoffPolicy policy = {}, quint32 seed = std::random_device{}());

    // The un-jittered delay before attempt `attempt` (0-based): initial * factor^attempt, capped.
    static int baseDelayMs(const BackoffPolicy& policy, int attempt);

    // The delay before the next attempt, then advances the schedule.
    int nextDelayMs();
    // Back to the first delay (after a connection that stayed up).
    void reset();
    int attempts() const { return m_attempt; }
    const BackoffPolicy& policy() const { return m_policy; }

private:
    BackoffPolicy m_policy;
    std::mt19937 m_random;
    int m_attempt = 0;
};

} // namespace bulwark
