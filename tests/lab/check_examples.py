#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the running lab deviates exactly as expected-findings.tsv says.

This is a small, independent reference reading of the conventions in
resources/examples/README.md, applied to `docker inspect` of every lab
container and to the lab Prometheus targets. It is not Bulwark's evaluator. It
exists so that whoever edits the example stacks notices when the lab and
expected-findings.tsv drift apart. Exit 0 when they match, 1 otherwise.
"""

import argparse
import json
import os
import subprocess
import sys
import urllib.request

DANGEROUS_CAPS = {"SYS_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "NET_ADMIN", "SYS_RAWIO",
                  "SYS_BOOT", "SYS_TIME", "BPF", "PERFMON", "ALL"}
WILDCARD = {"", "0.0.0.0", "::"}
TWO_GIB = 2 * 1024**3


def cap(name):
    name = name.upper()
    return name[4:] if name.startswith("CAP_") else name


def failures(host, c, by_id, targets):
    hc, labels = c["HostConfig"], c["Config"]["Labels"] or {}
    name = c["Name"].lstrip("/")
    out = set()
    host_ns = "host" in (hc.get("PidMode"), hc.get("IpcMode"), hc.get("NetworkMode"))
    if host_ns and not labels.get("io.hy-home.waive.REQ-HARD-01", "").strip():
        out.add("REQ-HARD-01")
    if not hc.get("ReadonlyRootfs"):
        out.add("REQ-HARD-03")
    if hc.get("Privileged") or {cap(x) for x in hc.get("CapAdd") or []} & DANGEROUS_CAPS:
        out.add("NFR-SEC-01")
    if "ALL" not in {cap(x) for x in hc.get("CapDrop") or []} and not hc.get("Privileged"):
        out.add("SEC-02")
    if "no-new-privileges:true" not in (hc.get("SecurityOpt") or []):
        out.update(("SEC-01", "AC-HARD-01"))
    mode = hc.get("NetworkMode", "")
    owner = by_id.get(mode.split(":", 1)[1], c) if mode.startswith("container:") else c
    if set((owner["NetworkSettings"].get("Networks") or {}).keys()) != {"infra_net"}:
        out.add("INF-01")
    if any(b.get("HostIp", "") in WILDCARD for bs in (hc.get("PortBindings") or {}).values() for b in bs or []):
        out.add("INF-02")
    if any(m["Type"] == "volume" for m in c["Mounts"]):
        out.add("ST-01")
    if labels.get("io.hy-home.sensitive") == "true":
        if any(m["Type"] == "bind" and os.stat(m["Source"]).st_mode & 0o077 for m in c["Mounts"]):
            out.add("ST-02")
    if labels.get("io.hy-home.template") == "template-infra-high" and not 0 < (hc.get("Memory") or 0) <= TWO_GIB:
        out.add("AC-HARD-02")
    observable = (labels.get("prometheus.io/scrape") == "true" and labels.get("prometheus.io/port")) \
        or labels.get("io.hy-home.metrics") == "otlp" or (host, name) in targets
    if not observable:
        out.add("OBS-01")
    return {(host, name, ctrl) for ctrl in out}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=os.environ.get("BULWARK_LAB_DIR", "/tmp/bulwark-lab"))
    ap.add_argument("--prometheus", default=os.environ.get("BULWARK_LAB_PROMETHEUS_URL", "http://127.0.0.1:29090"))
    ap.add_argument("--expected", default=os.path.join(root, "resources/examples/expected-findings.tsv"))
    ap.add_argument("-v", "--verbose", action="store_true", help="print every container's relevant settings")
    opts = ap.parse_args()

    with open(os.path.join(opts.dir, "hosts"), encoding="ascii") as f:
        n = int(f.read())
    with urllib.request.urlopen(opts.prometheus + "/api/v1/targets?state=active", timeout=10) as resp:
        active = json.load(resp)["data"]["activeTargets"]
    targets = {(t["labels"].get("host"), t["labels"].get("container")) for t in active if t["health"] == "up"}

    found = set()
    for i in range(1, n + 1):
        docker = ["docker", "-H", "unix://%s/h%d/docker.sock" % (opts.dir, i)]
        ids = subprocess.check_output(docker + ["ps", "-aq", "--no-trunc"], text=True).split()
        containers = json.loads(subprocess.check_output(docker + ["inspect", *ids], text=True)) if ids else []
        by_id = {c["Id"]: c for c in containers}
        for c in containers:
            found |= failures("lab-%d" % i, c, by_id, targets)
            if opts.verbose:
                hc = c["HostConfig"]
                print("lab-%d %-22s %-8s SecurityOpt=%s CapDrop=%s CapAdd=%s Pid=%r Net=%s RO=%s Mem=%s Priv=%s"
                      % (i, c["Name"].lstrip("/"), c["State"]["Status"], hc.get("SecurityOpt"), hc.get("CapDrop"),
                         hc.get("CapAdd"), hc.get("PidMode"), hc.get("NetworkMode"), hc.get("ReadonlyRootfs"),
                         hc.get("Memory"), hc.get("Privileged")))

    expected = set()
    with open(opts.expected, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["host", "container", "control", "status"]:
            sys.exit("unexpected header in %s: %r" % (opts.expected, header))
        for line in f:
            host, container, control, status = line.rstrip("\n").split("\t")
            if status == "fail" and int(host.split("-")[1]) <= n:
                expected.add((host, container, control))

    missing, extra = sorted(expected - found), sorted(found - expected)
    for m in missing:
        print("expected but not failing: %s %s %s" % m)
    for e in extra:
        print("failing but not expected: %s %s %s" % e)
    print("%d failures as expected%s" % (len(found & expected), "" if not (missing or extra) else "; MISMATCH"))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())
