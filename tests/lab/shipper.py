#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ships the container logs of one Docker engine to Loki (the lab's log path).

It talks to the Docker Engine API over the engine's unix socket. It follows
every container's logs (GET /containers/{id}/logs?follow=1&timestamps=1),
splits the multiplexed stream when the container has no TTY, and watches
GET /events to pick up containers that start later. Each line is pushed to
Loki's POST /loki/api/v1/push with the labels {host, container} and the
timestamp Docker recorded, so the end-to-end latency of the log path (container
writes a line -> line is queryable in Loki) can be measured against it.
python3 standard library only.
"""

import argparse
import base64
import calendar
import collections
import gzip
import http.client
import json
import re
import signal
import socket
import sys
import threading
import time
from urllib.parse import quote, urlsplit

TS_RE = re.compile(rb"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) ?")
MAX_QUEUE = 200_000
MAX_BATCH_LINES = 2000
MAX_BATCH_BYTES = 1 << 20


def log(msg):
    sys.stderr.write("%s shipper: %s\n" % (time.strftime("%H:%M:%S", time.gmtime()), msg))
    sys.stderr.flush()


def rfc3339_to_ns(m):
    """Nanoseconds since the epoch from a TS_RE match (Docker writes UTC, Z)."""
    base = time.strptime(m.group(1).decode(), "%Y-%m-%dT%H:%M:%S")
    secs = calendar.timegm(base)
    tz = m.group(3).decode()
    if tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        secs -= sign * (int(tz[1:3]) * 3600 + int(tz[4:6]) * 60)
    frac = (m.group(2) or b"").decode().ljust(9, "0")
    return secs * 10**9 + int(frac or 0)


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=None):
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if self.timeout is not None:
            s.settimeout(self.timeout)
        s.connect(self.unix_path)
        self.sock = s


class Docker:
    def __init__(self, path):
        self.path = path

    def get(self, url, timeout=10.0):
        """Returns (connection, response); the caller closes the connection."""
        conn = UnixHTTPConnection(self.path, timeout=timeout)
        conn.request("GET", url, headers={"Host": "docker"})
        return conn, conn.getresponse()

    def get_json(self, url):
        conn, resp = self.get(url)
        try:
            body = resp.read()
            if resp.status != 200:
                raise RuntimeError("%s -> %s %s" % (url, resp.status, body[:200]))
            return json.loads(body)
        finally:
            conn.close()


class Pusher(threading.Thread):
    """Pushes queued lines to Loki as soon as there are any, retrying failures."""

    def __init__(self, url, tenant, basic_auth, use_gzip):
        super().__init__(name="pusher", daemon=True)
        u = urlsplit(url)
        if u.scheme != "http":
            raise SystemExit("only http:// Loki URLs are supported")
        self.host, self.port = u.hostname, u.port or 80
        self.path = (u.path.rstrip("/") or "") + "/loki/api/v1/push"
        self.headers = {"Content-Type": "application/json"}
        if tenant:
            self.headers["X-Scope-OrgID"] = tenant
        if basic_auth:
            self.headers["Authorization"] = "Basic " + base64.b64encode(basic_auth.encode()).decode()
        if use_gzip:
            self.headers["Content-Encoding"] = "gzip"
        self.use_gzip = use_gzip
        self.queue = collections.deque()
        self.cond = threading.Condition()
        self.conn = None
        self.pushed = 0
        self.dropped = 0

    def put(self, labels, ts_ns, line):
        with self.cond:
            if len(self.queue) >= MAX_QUEUE:
                self.queue.popleft()
                self.dropped += 1
                if self.dropped % 1000 == 1:
                    log("queue full, dropped %d lines so far" % self.dropped)
            self.queue.append((labels, ts_ns, line))
            self.cond.notify()

    def _take_batch(self):
        with self.cond:
            while not self.queue:
                self.cond.wait()
            batch, size = [], 0
            while self.queue and len(batch) < MAX_BATCH_LINES and size < MAX_BATCH_BYTES:
                item = self.queue.popleft()
                batch.append(item)
                size += len(item[2]) + 64
            return batch

    @staticmethod
    def _body(batch):
        streams = collections.OrderedDict()
        for labels, ts_ns, line in batch:
            streams.setdefault(labels, []).append([str(ts_ns), line])
        return json.dumps({"streams": [{"stream": dict(k), "values": v} for k, v in streams.items()]},
                          separators=(",", ":")).encode()

    def _post(self, body):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            self.conn.request("POST", self.path, body=body, headers=self.headers)
            resp = self.conn.getresponse()
            text = resp.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        return resp.status, text

    def run(self):
        while True:
            batch = self._take_batch()
            body = self._body(batch)
            if self.use_gzip:
                body = gzip.compress(body, compresslevel=1)
            delay = 0.05
            while True:
                try:
                    status, text = self._post(body)
                except (OSError, http.client.HTTPException) as e:
                    status, text = None, str(e).encode()
                if status is not None and 200 <= status < 300:
                    self.pushed += len(batch)
                    break
                if status is not None and 400 <= status < 500 and status != 429:
                    log("push rejected (%s): %s; dropping %d lines" % (status, text[:200], len(batch)))
                    break
                log("push failed (%s): %s; retrying in %.2f s" % (status, text[:120].strip(), delay))
                time.sleep(delay)
                delay = min(delay * 2, 2.0)


class Follower(threading.Thread):
    """Follows one container's log stream, reconnecting while it runs."""

    def __init__(self, manager, cid):
        super().__init__(name="follow-" + cid[:12], daemon=True)
        self.m = manager
        self.cid = cid
        self.pending = False  # a start event arrived while we were following

    def run(self):
        try:
            self._run()
        except Exception as e:  # keep the shipper alive whatever one container does
            log("follower %s crashed: %r" % (self.cid[:12], e))
            with self.m.lock:
                self.m.followers.pop(self.cid, None)

    def _run(self):
        while True:
            try:
                info = self.m.docker.get_json("/containers/%s/json" % self.cid)
            except Exception as e:
                log("inspect %s failed: %s" % (self.cid[:12], e))
                info = None
            if info is not None:
                name = info["Name"].lstrip("/")
                labels = tuple(sorted({"host": self.m.host, "container": name}.items()))
                try:
                    self._stream(labels, bool(info["Config"].get("Tty")))
                except (OSError, http.client.HTTPException) as e:
                    log("log stream of %s broke: %s" % (name, e))
                    time.sleep(0.5)
            with self.m.lock:
                if self.pending:
                    self.pending = False
                    continue
                try:
                    running = self.m.docker.get_json("/containers/%s/json" % self.cid)["State"]["Running"]
                except Exception:
                    running = False
                if not running:
                    self.m.followers.pop(self.cid, None)
                    return

    def _stream(self, labels, tty):
        last = self.m.last_ts.get(self.cid, (0, set()))
        since = "%d.%09d" % divmod(last[0], 10**9)
        url = ("/containers/%s/logs?follow=1&stdout=1&stderr=1&timestamps=1&since=%s"
               % (quote(self.cid), since))
        conn, resp = self.m.docker.get(url, timeout=None)
        try:
            if resp.status in (404, 409):  # removed, or being removed: nothing to follow
                return
            if resp.status != 200:
                raise OSError("logs: %s %s" % (resp.status, resp.read()[:200]))
            partial = {}
            if tty:
                buf = b""
                while True:
                    chunk = resp.read1(65536)
                    if not chunk:
                        break
                    buf += chunk
                    *lines, buf = buf.split(b"\n")
                    for raw in lines:
                        self._emit(labels, raw)
                if buf:
                    self._emit(labels, buf)
                return
            while True:
                header = resp.read(8)
                if len(header) < 8:
                    break
                size = int.from_bytes(header[4:8], "big")
                payload = resp.read(size)
                if len(payload) < size:
                    break
                stream = header[0]
                # Docker splits long lines into 16 KiB messages that each carry a
                # timestamp; only the last one ends with a newline.
                if not payload.endswith(b"\n"):
                    partial[stream] = partial.get(stream, b"") + (
                        payload if stream not in partial else TS_RE.sub(b"", payload, count=1))
                    continue
                if stream in partial:
                    payload = partial.pop(stream) + TS_RE.sub(b"", payload, count=1)
                self._emit(labels, payload[:-1])
            for payload in partial.values():
                self._emit(labels, payload)
        finally:
            conn.close()

    def _emit(self, labels, raw):
        m = TS_RE.match(raw)
        if m:
            ts = rfc3339_to_ns(m)
            raw = raw[m.end():]
        else:
            ts = time.time_ns()
        line = raw.rstrip(b"\r").decode("utf-8", "replace")
        last_ts, seen = self.m.last_ts.get(self.cid, (0, set()))
        if ts < last_ts or (ts == last_ts and line in seen):
            return  # already shipped before a reconnect (since= is inclusive)
        if ts == last_ts:
            seen.add(line)
        else:
            seen = {line}
        self.m.last_ts[self.cid] = (ts, seen)
        self.m.pusher.put(labels, ts, line)


class Manager:
    def __init__(self, docker, host, pusher):
        self.docker = docker
        self.host = host
        self.pusher = pusher
        self.lock = threading.Lock()
        self.followers = {}
        self.last_ts = {}

    def ensure(self, cid):
        with self.lock:
            f = self.followers.get(cid)
            if f is not None:
                f.pending = True
                return
            f = self.followers[cid] = Follower(self, cid)
        f.start()

    def watch(self):
        """Watches start events and (re)lists containers; reconnects forever."""
        delay = 0.2
        filters = quote(json.dumps({"type": ["container"], "event": ["start", "restart", "unpause"]}))
        while True:
            try:
                conn, resp = self.docker.get("/events?filters=" + filters, timeout=None)
            except OSError as e:
                log("docker %s unreachable: %s" % (self.docker.path, e))
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
                continue
            try:
                if resp.status != 200:
                    raise OSError("events: %s" % resp.status)
                # Listing after subscribing means no start can slip between the two.
                for c in self.docker.get_json("/containers/json?all=1"):
                    self.ensure(c["Id"])
                log("watching %s (%d containers) as host %s" % (self.docker.path, len(self.followers), self.host))
                delay = 0.2
                while True:
                    line = resp.readline()
                    if not line:
                        break
                    try:
                        ev = json.loads(line)
                    except ValueError:
                        continue
                    cid = ev.get("id") or ev.get("Actor", {}).get("ID")
                    if cid:
                        self.ensure(cid)
                log("event stream ended; reconnecting")
            except (OSError, http.client.HTTPException, RuntimeError) as e:
                log("event stream failed: %s; reconnecting" % e)
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
            finally:
                conn.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docker-socket", required=True, help="path of the engine's unix socket")
    ap.add_argument("--host", required=True, help='value of the "host" label, e.g. lab-1')
    ap.add_argument("--loki-url", required=True, help="base URL, e.g. http://127.0.0.1:23100")
    ap.add_argument("--tenant", default="", help="X-Scope-OrgID to send (none if empty)")
    ap.add_argument("--basic-auth", metavar="USER:PASS", help="HTTP basic auth for Loki")
    ap.add_argument("--gzip", action="store_true", help="gzip push bodies")
    opts = ap.parse_args(argv)

    pusher = Pusher(opts.loki_url, opts.tenant, opts.basic_auth, opts.gzip)
    pusher.start()
    manager = Manager(Docker(opts.docker_socket), opts.host, pusher)

    def stop(signum, _frame):
        # Give queued lines a moment to leave, then go.
        deadline = time.time() + 1.0
        while pusher.queue and time.time() < deadline:
            time.sleep(0.05)
        log("stopping (pushed %d lines, dropped %d)" % (pusher.pushed, pusher.dropped))
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    manager.watch()


if __name__ == "__main__":
    main()
