#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Self-test of loki_testd.py against the documented Loki HTTP API (no lab needed)."""

import base64
import gzip
import json
import os
import subprocess
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "loki_testd.py")


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen([sys.executable, SERVER, "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        if not line.startswith("LISTENING 127.0.0.1:"):
            self.proc.kill()
            raise RuntimeError("unexpected first line %r" % line)
        self.base = "http://" + line.split()[1]

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()

    def request(self, path, data=None, headers=None):
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def push(self, streams, tenant="t1", gz=False, headers=None):
        body = json.dumps({"streams": streams}).encode()
        h = {"Content-Type": "application/json", **(headers or {})}
        if tenant:
            h["X-Scope-OrgID"] = tenant
        if gz:
            body = gzip.compress(body)
            h["Content-Encoding"] = "gzip"
        return self.request("/loki/api/v1/push", body, h)

    def get(self, path, tenant="t1", headers=None, **params):
        h = dict(headers or {})
        if tenant:
            h["X-Scope-OrgID"] = tenant
        status, body = self.request(path + "?" + urllib.parse.urlencode(params), headers=h)
        return status, (json.loads(body) if status == 200 else body)


def lines(answer):
    return [v[1] for s in answer["data"]["result"] for v in s["values"]]


class ApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = Server("--require-tenant")
        cls.now = now = time.time_ns()
        assert cls.srv.push([{"stream": {"host": "lab-1", "container": "a"},
                              "values": [[str(now - 3000), "hello error x"], [str(now - 2000), "world"]]}])[0] == 204
        assert cls.srv.push([{"stream": {"host": "lab-2", "container": "b"},
                              "values": [[str(now - 1000), "error two"]]}], gz=True)[0] == 204
        assert cls.srv.push([{"stream": {"host": "x"}, "values": [[str(now), "other tenant"]]}], tenant="t2")[0] == 204

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def test_ready(self):
        self.assertEqual(self.srv.request("/ready"), (200, "ready\n"))

    def test_missing_tenant_is_rejected(self):
        self.assertEqual(self.srv.push([{"stream": {"a": "b"}, "values": [["1", "x"]]}], tenant=None),
                         (401, "no org id\n"))
        self.assertEqual(self.srv.get("/loki/api/v1/query_range", tenant=None, query='{a="b"}')[0], 401)

    def test_query_range_shape_and_order(self):
        status, ans = self.srv.get("/loki/api/v1/query_range", query='{host=~"lab-.*"}', limit=10)
        self.assertEqual(status, 200)
        self.assertEqual(ans["status"], "success")
        self.assertEqual(ans["data"]["resultType"], "streams")
        first = next(s for s in ans["data"]["result"] if s["stream"]["container"] == "a")
        self.assertEqual(first["values"], [[str(self.now - 2000), "world"], [str(self.now - 3000), "hello error x"]])

    def test_limit_applies_across_streams_newest_first(self):
        _, ans = self.srv.get("/loki/api/v1/query_range", query='{host=~"lab-.*"}', limit=1)
        self.assertEqual(ans["data"]["result"],
                         [{"stream": {"host": "lab-2", "container": "b"}, "values": [[str(self.now - 1000), "error two"]]}])

    def test_line_filters_and_forward(self):
        _, ans = self.srv.get("/loki/api/v1/query_range", query='{host=~"lab-.*"} |= "error"', direction="forward")
        self.assertEqual(lines(ans), ["hello error x", "error two"])
        _, ans = self.srv.get("/loki/api/v1/query_range", query='{host="lab-1", container!="b"} != "hello"')
        self.assertEqual(lines(ans), ["world"])
        _, ans = self.srv.get("/loki/api/v1/query_range", query='{container=~"a|b"} |~ "^err"')
        self.assertEqual(lines(ans), ["error two"])

    def test_time_formats(self):
        end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.now // 10**9 + 5))
        for start in (str(self.now - 10**10), str(self.now // 10**9 - 10), "%.3f" % (self.now / 1e9 - 10)):
            _, ans = self.srv.get("/loki/api/v1/query_range", query='{host="lab-1"}', start=start, end=end)
            self.assertEqual(len(lines(ans)), 2, start)
        _, ans = self.srv.get("/loki/api/v1/query_range", query='{host="lab-1"}', end=str(self.now - 2500))
        self.assertEqual(lines(ans), ["hello error x"])  # end is exclusive of later entries

    def test_instant_query(self):
        _, ans = self.srv.get("/loki/api/v1/query", query='{container="a"}')
        self.assertEqual(ans["data"]["resultType"], "streams")
        self.assertEqual(len(lines(ans)), 2)

    def test_tenants_are_separate(self):
        _, ans = self.srv.get("/loki/api/v1/query_range", tenant="t2", query='{host=~".+"}')
        self.assertEqual(lines(ans), ["other tenant"])

    def test_labels_and_values(self):
        self.assertEqual(self.srv.get("/loki/api/v1/labels")[1], {"status": "success", "data": ["container", "host"]})
        self.assertEqual(self.srv.get("/loki/api/v1/label/host/values")[1]["data"], ["lab-1", "lab-2"])

    def test_bad_requests(self):
        for q in ('{host=~".*"}', 'rate({host="a"}[1m])', '{host="a"', '{host="a"} | json'):
            status, body = self.srv.get("/loki/api/v1/query_range", query=q)
            self.assertEqual(status, 400, q)
        self.assertEqual(self.srv.get("/loki/api/v1/query_range", query='{a="b"}', limit="100000")[0], 400)
        self.assertEqual(self.srv.push([{"stream": {}, "values": [["1", "x"]]}])[0], 400)
        self.assertEqual(self.srv.push([{"stream": {"a": "b"}, "values": [[1, "x"]]}])[0], 400)


class FaultTest(unittest.TestCase):
    def test_delay_fail_rate_and_basic_auth(self):
        srv = Server("--ingest-delay-ms", "300", "--jitter-ms", "200", "--fail-rate", "0.5", "--seed", "7",
                     "--basic-auth", "u:pw")
        try:
            auth = {"Authorization": "Basic " + base64.b64encode(b"u:pw").decode()}
            self.assertEqual(srv.push([{"stream": {"a": "b"}, "values": [["1", "x"]]}])[0], 401)
            codes = [srv.push([{"stream": {"a": "b"}, "values": [[str(time.time_ns()), "l%d" % i]]}],
                              headers=auth)[0] for i in range(40)]
            ok = codes.count(204)
            self.assertEqual(ok + codes.count(500), 40)
            self.assertTrue(5 < ok < 35, codes)

            def visible():
                return len(lines(srv.get("/loki/api/v1/query_range", headers=auth, query='{a="b"}')[1]))

            pushed_at = time.time()
            self.assertLess(visible(), ok, "lines must not be visible before the ingestion delay")
            deadline = pushed_at + 5
            while visible() < ok:
                self.assertLess(time.time(), deadline, "lines never became visible")
                time.sleep(0.02)
        finally:
            srv.close()


if __name__ == "__main__":
    unittest.main(verbosity=1)
