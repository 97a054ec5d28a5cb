#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A Loki-compatible HTTP test server (python3 standard library only).

It follows Grafana Loki's documented HTTP API closely enough for the Bulwark
lab and tests: push (JSON, optionally gzip), query_range and query on log
streams, labels, label values, series, ready, buildinfo and metrics. Data lives
in memory, separately for each tenant (X-Scope-OrgID). Options inject the
faults a real deployment shows: ingestion delay with jitter, failing pushes,
required tenant, basic auth. See tests/loki/README.md.
"""

import argparse
import base64
import gzip
import json
import math
import os
import random
import re
import signal
import sys
import threading
import time
from bisect import insort
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_LIMIT = 100
DEFAULT_SINCE_NS = 3600 * 10**9  # query_range and query look back 1 h
LABELS_SINCE_NS = 6 * 3600 * 10**9  # labels and series look back 6 h
MAX_BODY = 64 * 1024 * 1024
VERSION = "2.9.4-bulwark-testd"


class BadRequest(Exception):
    """A client error answered with 400 and the message as the body."""


# --------------------------------------------------------------------------
# Time parsing, as in Loki's pkg/loghttp/params.go parseTimestamp.


def parse_time_ns(value, default_ns):
    if value is None or value == "":
        return default_ns
    if "." in value:
        try:
            t = float(value)
        except ValueError:
            pass
        else:
            frac, whole = math.modf(t)
            return int(whole) * 10**9 + int(round(frac * 1000) / 1000 * 10**9)
    if re.fullmatch(r"[+-]?\d+", value):
        n = int(value)
        return n * 10**9 if len(value) <= 10 else n
    try:
        return parse_rfc3339_ns(value)
    except ValueError:
        raise BadRequest(f'cannot parse "{value}" to a valid timestamp') from None


def parse_rfc3339_ns(value):
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})", value)
    if not m:
        raise ValueError(value)
    tz = "+00:00" if m.group(3) in ("Z", "z") else m.group(3)
    base = datetime.fromisoformat(m.group(1).replace("t", "T") + tz)
    frac = (m.group(2) or "").ljust(9, "0")
    return int(base.timestamp()) * 10**9 + int(frac or 0)


def parse_duration_ns(value):
    """Prometheus-style durations ("1h30m", "5s") or plain seconds."""
    try:
        return int(float(value) * 10**9)
    except ValueError:
        pass
    units = {"ms": 10**6, "s": 10**9, "m": 60 * 10**9, "h": 3600 * 10**9, "d": 86400 * 10**9,
             "w": 7 * 86400 * 10**9, "y": 365 * 86400 * 10**9}
    parts = re.findall(r"(\d+)(ms|s|m|h|d|w|y)", value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise BadRequest(f'cannot parse "{value}" to a valid duration')
    return sum(int(n) * units[u] for n, u in parts)


# --------------------------------------------------------------------------
# LogQL subset: a stream selector with =, !=, =~, !~ matchers, followed by any
# number of line filters |= "x", != "x", |~ "re", !~ "re".

_TOKEN = re.compile(r"""
    \s*(?:
      (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<str>"(?:[^"\\]|\\.)*"|`[^`]*`)
    | (?P<op>\|=|\|~|!=|!~|=~|=|\{|\}|,|\|)
    )""", re.VERBOSE)


def _unquote(tok):
    if tok.startswith("`"):
        return tok[1:-1]
    try:
        return json.loads(tok)  # Go and JSON escapes agree for common cases
    except json.JSONDecodeError:
        raise BadRequest(f"parse error : invalid string {tok}") from None


def _tokens(query):
    pos, out = 0, []
    while pos < len(query):
        if query[pos:].strip() == "":
            break
        m = _TOKEN.match(query, pos)
        if not m or m.end() == pos:
            raise BadRequest(f"parse error at line 1, col {pos + 1}: syntax error: unexpected {query[pos:pos + 10]!r}")
        kind = m.lastgroup
        out.append((kind, m.group(kind), pos + 1))
        pos = m.end()
    return out


class Matcher:
    def __init__(self, name, op, value):
        self.name, self.op, self.value = name, op, value
        if op in ("=~", "!~"):
            try:
                self.regex = re.compile(value, re.DOTALL)
            except re.error as e:
                raise BadRequest(f"parse error : invalid regex {value!r}: {e}") from None

    def matches(self, labels):
        v = labels.get(self.name, "")
        if self.op == "=":
            return v == self.value
        if self.op == "!=":
            return v != self.value
        hit = self.regex.fullmatch(v) is not None  # label regexes are anchored
        return hit if self.op == "=~" else not hit

    def matches_empty(self):
        return self.matches({})


class LineFilter:
    def __init__(self, op, value):
        self.op, self.value = op, value
        if op in ("|~", "!~"):
            try:
                self.regex = re.compile(value)
            except re.error as e:
                raise BadRequest(f"parse error : invalid regex {value!r}: {e}") from None

    def matches(self, line):
        if self.op == "|=":
            return self.value in line
        if self.op == "!=":
            return self.value not in line
        hit = self.regex.search(line) is not None  # line regexes are not anchored
        return hit if self.op == "|~" else not hit


def parse_selector(toks, i, query):
    def expect(kind, what):
        nonlocal i
        if i >= len(toks) or toks[i][0] != kind or (kind == "op" and toks[i][1] != what):
            col = toks[i][2] if i < len(toks) else len(query) + 1
            raise BadRequest(f"parse error at line 1, col {col}: syntax error: expected {what}")
        i += 1
        return toks[i - 1][1]

    matchers = []
    expect("op", "{")
    while i < len(toks) and toks[i][1] != "}":
        name = expect("ident", "label name")
        if i >= len(toks) or toks[i][1] not in ("=", "!=", "=~", "!~"):
            raise BadRequest(f"parse error : expected one of =, !=, =~, !~ after {name}")
        op = toks[i][1]
        i += 1
        value = _unquote(expect("str", "quoted string"))
        matchers.append(Matcher(name, op, value))
        if i < len(toks) and toks[i][1] == ",":
            i += 1
    expect("op", "}")
    return matchers, i


def parse_query(query):
    """Returns (matchers, line_filters) or raises BadRequest like Loki does."""
    if not query or not query.strip():
        raise BadRequest("query must not be empty")
    toks = _tokens(query)
    if not toks or toks[0][1] != "{":
        raise BadRequest("parse error : only log stream selectors with line filters are supported by this "
                         "test server (metric queries and parsers such as | json are not)")
    matchers, i = parse_selector(toks, 0, query)
    if not matchers or all(m.matches_empty() for m in matchers):
        raise BadRequest("parse error : queries require at least one regexp or equality matcher that does "
                         "not have an empty-compatible value. For instance, app=~\".*\" does not meet this "
                         "requirement, but app=~\".+\" will")
    filters = []
    while i < len(toks):
        op = toks[i][1]
        if op not in ("|=", "!=", "|~", "!~") or i + 1 >= len(toks) or toks[i + 1][0] != "str":
            raise BadRequest(f"parse error at line 1, col {toks[i][2]}: this test server supports only "
                             f"line filters (|=, !=, |~, !~) after the selector")
        filters.append(LineFilter(op, _unquote(toks[i + 1][1])))
        i += 2
    return matchers, filters


# --------------------------------------------------------------------------
# Storage


class Stream:
    __slots__ = ("labels", "entries")

    def __init__(self, labels):
        self.labels = labels
        self.entries = []  # sorted (ts_ns, seq, line, visible_at)


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.tenants = {}  # tenant -> {frozenset(labels.items()): Stream}
        self.seq = 0
        self.stats = {"push_requests": 0, "push_failures_injected": 0, "entries": 0, "queries": 0}

    def count(self, key):
        with self.lock:
            self.stats[key] += 1

    def push(self, tenant, streams, visible_at_fn):
        with self.lock:
            by_key = self.tenants.setdefault(tenant, {})
            for labels, values in streams:
                key = frozenset(labels.items())
                stream = by_key.get(key)
                if stream is None:
                    stream = by_key[key] = Stream(labels)
                for ts, line in values:
                    self.seq += 1
                    insort(stream.entries, (ts, self.seq, line, visible_at_fn()))
                    self.stats["entries"] += 1

    def streams(self, tenant, matchers):
        with self.lock:
            return [s for s in self.tenants.get(tenant, {}).values()
                    if all(m.matches(s.labels) for m in matchers)]

    def select(self, tenant, matchers, filters, start, end, now):
        """Visible entries with start <= ts < end, as [(labels, [(ts, seq, line)])]."""
        out = []
        for s in self.streams(tenant, matchers):
            with self.lock:
                entries = list(s.entries)
            lo = _bisect_ts(entries, start)
            hits = [(ts, seq, line) for ts, seq, line, vis in entries[lo:]
                    if ts < end and vis <= now and all(f.matches(line) for f in filters)]
            if hits:
                out.append((s.labels, hits))
        return out


def _bisect_ts(entries, ts):
    lo, hi = 0, len(entries)
    while lo < hi:
        mid = (lo + hi) // 2
        if entries[mid][0] < ts:
            lo = mid + 1
        else:
            hi = mid
    return lo


# --------------------------------------------------------------------------
# HTTP


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "loki-testd/" + VERSION

    # Set on the class by main().
    store = None
    opts = None

    def log_message(self, fmt, *args):
        if self.opts.verbose:
            sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    # -- plumbing ----------------------------------------------------------

    def _send(self, status, body=b"", content_type="text/plain; charset=utf-8", headers=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        if status != HTTPStatus.NO_CONTENT:  # a 204 carries neither body nor Content-Length
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, obj, status=HTTPStatus.OK):
        self._send(status, json.dumps(obj, separators=(",", ":")), "application/json; charset=utf-8")

    def _error(self, status, message):
        self._send(status, message.rstrip("\n") + "\n")

    def _read_body(self):
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            body = b"".join(chunks)
        else:
            n = int(length or 0)
            if n > MAX_BODY:
                raise BadRequest("request body too large")
            body = self.rfile.read(n)
        encoding = self.headers.get("Content-Encoding", "").lower().strip()
        if encoding == "gzip":
            try:
                body = gzip.decompress(body)
            except (OSError, EOFError) as e:
                raise BadRequest(f"invalid gzip body: {e}") from None
        elif encoding not in ("", "identity"):
            raise BadRequest(f"unsupported Content-Encoding {encoding}")
        return body

    def _params(self, body=b""):
        split = urlsplit(self.path)
        params = parse_qs(split.query, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "")
        if body and ctype.startswith("application/x-www-form-urlencoded"):
            for k, v in parse_qs(body.decode(), keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        return split.path, params

    def _authorized(self):
        """Basic auth (if configured) for the API; returns False after answering 401."""
        if not self.opts.basic_auth:
            return True
        want = "Basic " + base64.b64encode(self.opts.basic_auth.encode()).decode()
        if self.headers.get("Authorization", "") == want:
            return True
        self._send(HTTPStatus.UNAUTHORIZED, "unauthorized\n",
                   headers={"WWW-Authenticate": 'Basic realm="loki"'})
        return False

    def _tenant(self):
        """The tenant, or None after answering 401 (like Loki with auth_enabled)."""
        tenant = self.headers.get("X-Scope-OrgID", "").strip()
        if tenant:
            if "|" in tenant:
                raise BadRequest("multi-tenant queries are not supported by this test server")
            return tenant
        if self.opts.require_tenant:
            self._error(HTTPStatus.UNAUTHORIZED, "no org id")
            return None
        return "fake"  # Loki's tenant when auth_enabled is false

    # -- routing -----------------------------------------------------------

    def do_GET(self):
        self._dispatch(b"")

    def do_HEAD(self):
        self._dispatch(b"")

    def do_POST(self):
        try:
            body = self._read_body()
        except BadRequest as e:
            self.close_connection = True
            return self._error(HTTPStatus.BAD_REQUEST, str(e))
        self._dispatch(body)

    def _dispatch(self, body):
        is_push = urlsplit(self.path).path.endswith("/push")
        path, params = self._params(body if self.command == "POST" and not is_push else b"")
        try:
            if path == "/ready":
                return self._send(HTTPStatus.OK, "ready\n")
            if path == "/metrics":
                return self._metrics()
            if path == "/loki/api/v1/status/buildinfo":
                return self._json({"version": VERSION, "revision": "testd", "branch": "HEAD",
                                   "goVersion": "python" + sys.version.split()[0]})
            if not path.startswith("/loki/api/v1/"):
                return self._error(HTTPStatus.NOT_FOUND, "404 page not found")
            if not self._authorized():
                return None
            tenant = self._tenant()
            if tenant is None:
                return None
            route = path[len("/loki/api/v1/"):]
            if route == "push":
                if self.command != "POST":
                    return self._error(HTTPStatus.METHOD_NOT_ALLOWED, "push requires POST")
                return self._push(tenant, body)
            if self.command == "POST" and route not in ("query", "query_range", "labels", "series") \
                    and not route.startswith("label/"):
                return self._error(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed")
            if route == "query_range":
                return self._query_range(tenant, params)
            if route == "query":
                return self._query(tenant, params)
            if route == "labels":
                return self._labels(tenant, params)
            m = re.fullmatch(r"label/([^/]+)/values", route)
            if m:
                return self._label_values(tenant, unquote(m.group(1)), params)
            if route == "series":
                return self._series(tenant, params)
            return self._error(HTTPStatus.NOT_FOUND, "404 page not found")
        except BadRequest as e:
            return self._error(HTTPStatus.BAD_REQUEST, str(e))

    # -- endpoints ---------------------------------------------------------

    def _push(self, tenant, body):
        self.store.count("push_requests")
        ctype = self.headers.get("Content-Type", "application/json").split(";")[0].strip()
        if ctype == "application/x-protobuf":
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "this test server accepts only JSON pushes (Content-Type: application/json)")
        if self.opts.fail_rate > 0 and random.random() < self.opts.fail_rate:
            self.store.count("push_failures_injected")
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "injected failure (--fail-rate)")
        try:
            doc = json.loads(body or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise BadRequest(f"error parsing push request: {e}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("streams"), list):
            raise BadRequest('push body must be {"streams": [...]}')
        parsed = []
        for s in doc["streams"]:
            labels = s.get("stream") if isinstance(s, dict) else None
            values = s.get("values") if isinstance(s, dict) else None
            if not isinstance(labels, dict) or not labels:
                raise BadRequest("error at least one label pair is required per stream")
            if not all(isinstance(k, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", k) and isinstance(v, str)
                       for k, v in labels.items()):
                raise BadRequest(f"error parsing labels {labels!r}: invalid label name or value")
            if not isinstance(values, list):
                raise BadRequest("stream values must be a list of [\"<unix ns>\", \"<line>\"]")
            entries = []
            for v in values:
                # A third element (structured metadata) is accepted and ignored.
                if not isinstance(v, list) or len(v) not in (2, 3) or not isinstance(v[1], str):
                    raise BadRequest(f"invalid entry {v!r}: expected [\"<unix ns>\", \"<line>\"]")
                ts = v[0]
                if not isinstance(ts, str) or not re.fullmatch(r"\d+", ts):
                    raise BadRequest(f"invalid timestamp {ts!r}: expected a string of unix nanoseconds")
                entries.append((int(ts), v[1]))
            parsed.append((dict(labels), entries))
        received = time.time()
        delay = self.opts.ingest_delay_ms / 1000.0
        jitter = self.opts.jitter_ms / 1000.0
        self.store.push(tenant, parsed, lambda: received + delay + (random.uniform(0, jitter) if jitter else 0))
        return self._send(HTTPStatus.NO_CONTENT)

    def _limit_direction(self, params):
        try:
            limit = int(_one(params, "limit") or DEFAULT_LIMIT)
        except ValueError:
            raise BadRequest("invalid limit") from None
        if limit <= 0:
            raise BadRequest("limit must be a positive value")
        if limit > self.opts.max_entries_limit:
            raise BadRequest(f"max entries limit per query exceeded, limit > max_entries_limit "
                             f"({limit} > {self.opts.max_entries_limit})")
        direction = (_one(params, "direction") or "backward").lower()
        if direction not in ("backward", "forward"):
            raise BadRequest(f"invalid direction '{direction}'")
        return limit, direction

    def _streams_result(self, tenant, query, start, end, limit, direction):
        self.store.count("queries")
        matchers, filters = parse_query(query)
        t0 = time.time()
        selected = self.store.select(tenant, matchers, filters, start, end, time.time())
        # The limit applies to the whole result, in query direction (as Loki does).
        flat = [(ts, seq, i) for i, (_, hits) in enumerate(selected) for ts, seq, _ in hits]
        flat.sort(reverse=(direction == "backward"))
        keep = {(i, seq) for _, seq, i in flat[:limit]}
        result = []
        for i, (labels, hits) in enumerate(selected):
            vals = [[str(ts), line] for ts, seq, line in hits if (i, seq) in keep]
            if direction == "backward":
                vals.reverse()
            if vals:
                result.append({"stream": labels, "values": vals})
        stats = {"summary": {"execTime": time.time() - t0, "totalEntriesReturned": len(keep)}}
        return {"status": "success", "data": {"resultType": "streams", "result": result, "stats": stats}}

    def _query_range(self, tenant, params):
        now = time.time_ns()
        end = parse_time_ns(_one(params, "end"), now)
        since = _one(params, "since")
        default_start = end - (parse_duration_ns(since) if since else DEFAULT_SINCE_NS)
        start = parse_time_ns(_one(params, "start"), default_start)
        if end < start:
            raise BadRequest("end timestamp must not be before or equal to start time")
        limit, direction = self._limit_direction(params)
        self._json(self._streams_result(tenant, _one(params, "query"), start, end, limit, direction))

    def _query(self, tenant, params):
        # Instant log query: entries up to "time" (default now), looking back
        # "since" (default 1 h); the response has the same shape as query_range.
        t = parse_time_ns(_one(params, "time"), time.time_ns())
        since = _one(params, "since")
        start = t - (parse_duration_ns(since) if since else DEFAULT_SINCE_NS)
        limit, direction = self._limit_direction(params)
        self._json(self._streams_result(tenant, _one(params, "query"), start, t + 1, limit, direction))

    def _visible_streams(self, tenant, params, matchers=()):
        now = time.time_ns()
        end = parse_time_ns(_one(params, "end"), now)
        start = parse_time_ns(_one(params, "start"), end - LABELS_SINCE_NS)
        return [labels for labels, _ in self.store.select(tenant, list(matchers), [], start, end + 1, time.time())]

    def _labels(self, tenant, params):
        names = sorted({k for labels in self._visible_streams(tenant, params) for k in labels})
        self._json({"status": "success", "data": names})

    def _label_values(self, tenant, name, params):
        matchers = []
        if _one(params, "query"):
            matchers, _ = parse_query(_one(params, "query"))
        values = sorted({labels[name] for labels in self._visible_streams(tenant, params, matchers)
                         if name in labels})
        self._json({"status": "success", "data": values})

    def _series(self, tenant, params):
        groups = params.get("match[]") or params.get("match") or []
        if not groups:
            raise BadRequest("0 matcher groups supplied")
        seen, data = set(), []
        for g in groups:
            matchers, _ = parse_query(g)
            for labels in self._visible_streams(tenant, params, matchers):
                key = frozenset(labels.items())
                if key not in seen:
                    seen.add(key)
                    data.append(labels)
        self._json({"status": "success", "data": data})

    def _metrics(self):
        st = self.store.stats
        lines = [
            "# TYPE loki_testd_push_requests_total counter",
            f"loki_testd_push_requests_total {st['push_requests']}",
            "# TYPE loki_testd_push_failures_injected_total counter",
            f"loki_testd_push_failures_injected_total {st['push_failures_injected']}",
            "# TYPE loki_testd_entries_total counter",
            f"loki_testd_entries_total {st['entries']}",
            "# TYPE loki_testd_queries_total counter",
            f"loki_testd_queries_total {st['queries']}",
        ]
        self._send(HTTPStatus.OK, "\n".join(lines) + "\n", "text/plain; version=0.0.4")


def _one(params, key):
    v = params.get(key)
    return v[-1] if v else None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listen", default="127.0.0.1:3100",
                    help="HOST:PORT to listen on; port 0 picks a free port (default 127.0.0.1:3100)")
    ap.add_argument("--ingest-delay-ms", type=float, default=0.0,
                    help="a pushed line becomes visible to queries this long after it was received")
    ap.add_argument("--jitter-ms", type=float, default=0.0,
                    help="extra random visibility delay, uniform in [0, JITTER]")
    ap.add_argument("--fail-rate", type=float, default=0.0,
                    help="probability (0..1) that a push is answered 500 and dropped")
    ap.add_argument("--require-tenant", action="store_true",
                    help="answer 401 'no org id' when X-Scope-OrgID is missing (else tenant 'fake')")
    ap.add_argument("--basic-auth", metavar="USER:PASS", help="require HTTP basic auth on /loki/api/v1/*")
    ap.add_argument("--max-entries-limit", type=int, default=5000,
                    help="largest accepted query limit, as Loki's max_entries_limit_per_query (default 5000)")
    ap.add_argument("--pid-file", help="write the process id to this file")
    ap.add_argument("--seed", type=int, help="seed for jitter and failure injection (reproducible runs)")
    ap.add_argument("--verbose", action="store_true", help="log every request to stderr")
    opts = ap.parse_args(argv)
    if not 0.0 <= opts.fail_rate <= 1.0:
        ap.error("--fail-rate must be between 0 and 1")
    if opts.ingest_delay_ms < 0 or opts.jitter_ms < 0:
        ap.error("--ingest-delay-ms and --jitter-ms must not be negative")
    if opts.basic_auth is not None and ":" not in opts.basic_auth:
        ap.error("--basic-auth must be USER:PASS")
    if opts.seed is not None:
        random.seed(opts.seed)
    host, _, port = opts.listen.rpartition(":")
    if not host or not port.isdigit():
        ap.error("--listen must be HOST:PORT")

    Handler.store = Store()
    Handler.opts = opts
    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer.request_queue_size = 128  # the default 5 drops bursts of connections
    server = ThreadingHTTPServer((host.strip("[]"), int(port)), Handler)
    server.daemon_threads = True
    if opts.pid_file:
        with open(opts.pid_file, "w", encoding="ascii") as f:
            f.write(f"{os.getpid()}\n")

    def stop(signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    bound_host, bound_port = server.server_address[:2]
    print(f"LISTENING {bound_host}:{bound_port}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
