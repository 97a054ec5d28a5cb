// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/fleetconfig.h"
#include "model/telemetry.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace bulwark {

struct LokiProbeOptions {
    int count = 5;              // probes per run (per host in end-to-end mode)
    int intervalMs = 500;       // between the start of two probes; probes overlap, each polls on its own
    int timeoutMs = 10000;      // a canary not visible by then is a miss
    int pollIntervalMs = 25;    // query_range polling; bounds the measurement error (one probe polls at a time, mostly)
    int requestTimeoutMs = 5000;
    // End-to-end mode: the canary container that echoes the line to stdout on every host.
    QString canaryImage = QStringLiteral("bulwark/busybox:lab");
    qint64 canaryMemoryBytes = 16 * 1024 * 1024;
    // The LogQL stream selector the canary is searched under. Empty: {bulwark_probe="canary"} for a
    // direct push; for end-to-end, {container="<canary name>"} (what the lab's shipper labels streams with).
    QString selector;
    // Optional HTTP basic auth for Loki. The caller reads the secret from the keychain (core/secrets)
    // and hands it over in memory only: it is never written to a file, argv, env or a log.
    QString username;
    QString password;
};

// Pure helpers, tested on their own.
// p50/p95/max over the probes that were seen, misses counted; window = first..last emission.
LogLatencySummary summarizeLatency(const QList<LatencyProbe>& probes);
// NFR-OBS-01: p95 < 2 s over at least one probe, a miss counted as infinitely late (judgedP95Ms).
bool nfrObs01Passes(const LogLatencySummary& summary);
// AC-HARD-03: every probe searchable within 5 s (no miss, max <= 5000 ms), at least one probe.
bool acHard03Passes(const LogLatencySummary& summary);

// Measures log-ingestion latency into Loki (NFR-OBS-01, AC-HARD-03): pushes (or, end to end, has a
// hardened short-lived container on each host print) a uniquely marked level=critical canary line,
// then polls /loki/api/v1/query_range until it is visible. latency = visible - emitted, where emitted
// is just before the push (or when the canary container started) and visible is the midpoint of the
// first query that finds the line; the error is bounded by pollIntervalMs plus half a round trip. A
// timeout is a miss. Fully asynchronous (QNetworkAccessManager; the container work runs on a worker thread),
// safe to call from the UI thread. One run at a time; run() while running is ignored.
class LokiProbe final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LokiProbe)
public:
    explicit LokiProbe(QObject* parent = nullptr);
    ~LokiProbe() override;

    void setOptions(const LokiProbeOptions& options);
    LokiProbeOptions options() const;
    bool isRunning() const;

public slots:
    // Direct push: `count` canaries pushed to the endpoint (count <= 0: options().count).
    void run(const bulwark::LokiEndpoint& endpoint, int count = 0);
    // End to end: on each host of the fleet, `count` canary containers; the fleet's loki section is
    // where they are searched. Emits failed() when the fleet has no loki section.
    void runEndToEnd(const bulwark::FleetConfig& fleet, int count = 0);
    // Stops polling; finished() follows with what was measured, the rest counted as misses.
    void cancel();

signals:
    void probeFinished(const bulwark::LatencyProbe& probe);
    void finished(const bulwark::LogLatencySummary& summary);
    // A configuration problem (no loki section, bad URL): no summary follows.
    void failed(const QString& message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bulwark
