#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Example standalone containers (the lab deploys them on lab-3): plain
# `docker run` / `docker create`, no Compose. The script talks to whatever
# engine DOCKER_HOST points at. BULWARK_LAB_DATA is the host directory for bind
# mounts (tests/lab/lab creates it), and INFRA_NET_SUBNET is the subnet of
# infra_net.
#
# Deviations from SPEC-INFRA-04 are on purpose, and each one is explained at
# the offending option with a "# DEVIATION <CONTROL-ID>: why" comment.
# resources/examples/expected-findings.tsv lists them.
set -euo pipefail

: "${DOCKER_HOST:?DOCKER_HOST must point at the target engine}"
data=${BULWARK_LAB_DATA:?BULWARK_LAB_DATA must name the host data directory}
subnet=${INFRA_NET_SUBNET:-172.23.8.0/22}
image=${BULWARK_LAB_IMAGE:-bulwark/busybox:lab}

docker network inspect infra_net >/dev/null 2>&1 ||
    docker network create \
        --driver bridge \
        --subnet "$subnet" \
        --opt com.docker.network.driver.mtu=1400 \
        --opt com.docker.network.bridge.enable_ip_masquerade=false \
        --label io.hy-home.network=infra \
        infra_net >/dev/null

# A compliant batch worker: exposes Prometheus metrics on 127.0.0.1:9103, and
# the lab Prometheus scrapes it.
reports_worker=(
    --name reports-worker
    --hostname reports-worker
    --init
    --restart unless-stopped
    --label io.hy-home.tier=app
    --label io.hy-home.service=reports-worker
    --label io.hy-home.owner=team-finance
    --label prometheus.io/scrape=true
    --label prometheus.io/port=9103
    --env TZ=UTC
    --env QUEUE_URL=amqp://mq:5672/reports
    --network infra_net
    --publish 127.0.0.1:9103:9103
    --mount "type=bind,source=$data/reports,target=/var/lib/reports"
    --read-only
    --tmpfs /tmp
    --cap-drop ALL
    --security-opt no-new-privileges:true
    --memory 128m
)
docker run -d "${reports_worker[@]}" "$image" sh -c '
    mkdir -p /tmp/www
    httpd -f -p 9103 -h /tmp/www &
    echo "level=info msg=\"worker started\" queue=reports concurrency=2"
    n=0
    while :; do
        n=$((n + 1))
        printf "# TYPE reports_jobs_processed_total counter\nreports_jobs_processed_total %s\n" "$n" > /tmp/www/metrics
        echo "level=info msg=\"job done\" job_id=$n duration_ms=$((RANDOM % 400 + 20))"
        sleep 4
    done' >/dev/null

# Someone's debugging container, left running.
debug_toolbox=(
    --name debug-toolbox
    --hostname debug-toolbox
    --init
    --label io.hy-home.tier=infra
    --label io.hy-home.service=debug-toolbox
    --label io.hy-home.owner=sre-oncall
    # DEVIATION OBS-01: a throwaway debug container: no metrics labels, no exporter, not scraped.
    --env TZ=UTC
    --network infra_net
    # DEVIATION REQ-HARD-01: joins the host PID namespace to strace host processes; no waiver label.
    --pid host
    --read-only
    --tmpfs /tmp
    --cap-drop ALL
    # DEVIATION NFR-SEC-01: SYS_PTRACE is a dangerous capability (with --pid host it can attach to any host process).
    --cap-add SYS_PTRACE
    --security-opt no-new-privileges:true
    --memory 64m
)
docker run -d "${debug_toolbox[@]}" "$image" sh -c '
    echo "debug shell parked; use docker exec"
    exec sleep 2147483647' >/dev/null

# A nightly job that ran once and exited.
legacy_cron=(
    --name legacy-cron
    --hostname legacy-cron
    --label io.hy-home.tier=infra
    --label io.hy-home.service=backup-cron
    --label io.hy-home.owner=platform-storage
    --label io.hy-home.metrics=otlp
    --env TZ=UTC
    --env BACKUP_TARGET=/backup
    --network infra_net
    --mount "type=bind,source=$data/backup,target=/backup"
    --read-only
    --tmpfs /tmp
    --cap-drop ALL
    # DEVIATION SEC-01: --security-opt no-new-privileges:true is missing (the job predates the policy); SEC-01 and AC-HARD-01 fail.
    --memory 64m
)
docker run -d "${legacy_cron[@]}" "$image" sh -c '
    echo "backup: starting nightly run"
    date -u > /backup/last-run
    echo "backup: finished, 0 errors"' >/dev/null
docker wait legacy-cron >/dev/null

# Created for a one-off kernel tuning run and never started (privileged
# containers cannot start in the lab anyway).
sysctl_tuner=(
    --name sysctl-tuner
    --hostname sysctl-tuner
    --label io.hy-home.tier=infra
    --label io.hy-home.service=sysctl-tuner
    --label io.hy-home.owner=platform-kernel
    --label io.hy-home.metrics=otlp
    --env TZ=UTC
    --network infra_net
    # DEVIATION NFR-SEC-01: privileged container, i.e. every capability and all host devices.
    --privileged
    --read-only
    --cap-drop ALL
    --security-opt no-new-privileges:true
    --memory 32m
)
docker create "${sysctl_tuner[@]}" "$image" \
    sh -c 'sysctl -w net.core.somaxconn=4096 vm.max_map_count=262144' >/dev/null
