#!/usr/bin/env python3
"""t35-scaleout: two okra serve instances on one database, as behind a load balancer.

A sign-in made through A works on B; a write through A is read through B at once, even when
B had the tree cached (its cache is keyed on the store revision, which B checks on every
request); optimistic concurrency (If-Match) holds across instances: of two edits made from the
same version, one on each instance, exactly one wins; and two schedulers starting at the same
moment send each reminder exactly once; failed sign-ins spread over both count as one
guesser's. Runs on SQLite and, under tests/run's PostgreSQL pass,
on PostgreSQL, which is what several servers use in production.
"""
import http.client
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Server, check, finish, ADMIN_PW, PW  # noqa: E402

os.environ["OKRA_SCHEDULER_TICK_MS"] = "100"
NOW = "2026-10-07T08:30"  # a Wednesday, after remind_at


class Chat:
    """An incoming-webhook receiver that records every post."""

    def __init__(self):
        self.texts = []
        self.lock = threading.Lock()
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with outer.lock:
                    outer.texts.append(json.loads(body).get("text", ""))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d/hook" % self.httpd.server_address[1]


chat = Chat()

# --- one database, set up through the CLI while no server runs ------------------------------
a = Server(now=NOW)
a.stop("SIGTERM: the setup server exits 0")
a.okra("cycle", "add", "FY2027-Q1", "--kind", "quarter", "--start", "2026-10-01", "--end", "2026-12-31")
a.okra("person", "add", "pat", "--name", "Pat Lee", "--joined", "2021-01-01")
a.okra("person", "add", "sam", "--name", "Sam Rivera", "--role", "leader", "--joined", "2021-01-01")
O1 = int(a.okra("objective", "add", "--cycle", "FY2027-Q1", "--dri", "sam", "--title", "Ship the fast path").strip())
K1 = int(a.okra("kr", "add", str(O1), "--title", "p95 latency", "--dri", "pat", "--unit", "ms",
                "--start", "800", "--target", "200").strip())
a.okra("setting", "set", "chat_webhook", chat.url)
a.okra("setting", "set", "remind_at", "08:00")
a.okra("setting", "set", "remind_tz", "UTC")

# --- both instances start at the same moment, after the reminder time ------------------------
threads = [threading.Thread(target=a.start, args=(NOW,))]
b_box = []
threads.append(threading.Thread(target=lambda: b_box.append(Server(now=NOW, init=False, db=a.db))))
for t in threads:
    t.start()
for t in threads:
    t.join()
b = b_box[0]
check("two instances serve one database", a.port and b.port and a.port != b.port, (a.port, b.port))

# --- reminders: once across instances ----------------------------------------------------------
deadline = time.time() + 15
while time.time() < deadline and len(chat.texts) < 2:
    time.sleep(0.05)
time.sleep(1.5)  # both schedulers tick many times more: nothing else may arrive
who = sorted(h for t in chat.texts for h in ("pat", "sam") if "(@%s)" % h in t)
check("each DRI owing an update got exactly one reminder from the two schedulers",
      who == ["pat", "sam"] and len(chat.texts) == 2, chat.texts)
rows = a.sql("SELECT count(*) FROM notifications WHERE channel = 'webhook'")
check("the ledger holds one claimed reminder per DRI", rows[0][0] == 2, rows)

# --- sessions: sign in through A, use it on B --------------------------------------------------
alex = a.login("alex", ADMIN_PW)
r = b.req("GET", "/api/v1/session", auth=alex)
check("a session made by A is valid on B", r.status == 200 and r.json["person"]["handle"] == "alex", r)

# --- a write through A is read through B at once, cached or not --------------------------------
q = {"cycle": "FY2027-Q1"}
t0 = b.req("GET", "/api/v1/tree", auth=alex, query=q)
check("B serves the tree", t0.status == 200, t0)
t0b = b.req("GET", "/api/v1/tree", auth=alex, query=q, headers={"If-None-Match": t0.header("ETag")})
check("B has it cached: a revalidation is a 304", t0b.status == 304, t0b)

r = a.req("POST", "/api/v1/key-results/%d/checkins" % K1, {"value": 500, "health": "on_track"}, auth=alex)
check("a check-in through A", r.status == 201, r)
t1 = b.req("GET", "/api/v1/tree", auth=alex, query=q, headers={"If-None-Match": t0.header("ETag")})
check("B's cached tree is not served after A's write (200, a new ETag)",
      t1.status == 200 and t1.header("ETag") != t0.header("ETag"), t1)
kr = t1.json["objectives"][0]["key_results"][0] if t1.status == 200 else {}
check("B shows A's check-in at once: 800 → 500 of 800 → 200 is 50%",
      kr.get("current") == 500 and abs(kr.get("progress", 0) - 0.5) < 1e-12, kr)
r = b.req("GET", "/api/v1/key-results/%d" % K1, auth=alex)
check("and B reads the KR's new value", r.status == 200 and r.json.get("current") == 500, r)

# --- If-Match across instances: one of two edits from the same version wins ---------------------
r = a.req("GET", "/api/v1/objectives/%d" % O1, auth=alex)
etag = r.header("ETag")
check("A gives the objective's ETag", r.status == 200 and etag, r)
results = {}


def edit(name, srv, title):
    results[name] = srv.req("PATCH", "/api/v1/objectives/%d" % O1, {"title": title}, auth=alex,
                            headers={"If-Match": etag})


ts = [threading.Thread(target=edit, args=("a", a, "Ship the fast path (A)")),
      threading.Thread(target=edit, args=("b", b, "Ship the fast path (B)"))]
for t in ts:
    t.start()
for t in ts:
    t.join()
codes = sorted(r.status for r in results.values())
check("two concurrent edits from one version on two instances: one 200, one 412", codes == [200, 412],
      results)
winner = "a" if results["a"].status == 200 else "b"
title = "Ship the fast path (%s)" % winner.upper()
for name, srv in (("A", a), ("B", b)):
    r = srv.req("GET", "/api/v1/objectives/%d" % O1, auth=alex)
    check("%s reads the winner's title and version" % name,
          r.status == 200 and r.json.get("title") == title and r.header("ETag") != etag, r)
r = b.req("PATCH", "/api/v1/objectives/%d" % O1, {"title": "stale"}, auth=alex, headers={"If-Match": etag})
check("the old version is stale on either instance", r.status == 412, r)

# --- the login rate limit is shared: a guesser gains nothing by spreading over instances --------
r = b.req("PUT", "/api/v1/people/pat/password", {"password": PW}, auth=alex)
check("pat gets a password through B", r.status == 204, r)
for i in range(5):
    srv = (a, b)[i % 2]
    r = srv.req("POST", "/api/v1/session", {"handle": "pat", "password": "guess %d" % i},
                source="127.0.0.%d" % (10 + i))
    check("failed sign-in %d for pat through %s is 403" % (i + 1, "AB"[i % 2]), r.status == 403, r)
# The handle holds back the addresses that guessed (an address with no failure, the owner's,
# still passes: SECURITY.md); .11 guessed through B and .10 through A, each is asked on the other.
for name, srv, source in (("A", a, "127.0.0.11"), ("B", b, "127.0.0.10")):
    r = srv.req("POST", "/api/v1/session", {"handle": "pat", "password": PW}, source=source)
    check("the 6th sign-in for pat within 300 s from a guessing address is 429 on %s, whichever instance took the five"
          % name, r.status == 429 and r.header("Retry-After"), r)
r = b.req("POST", "/api/v1/session", {"handle": "sam", "password": "no such password"}, source="127.0.0.30")
check("another handle is not held back", r.status == 403, r)

# --- /readyz: a load balancer takes an instance out before it stops ---------------------------
conn = http.client.HTTPConnection("127.0.0.1", b.port, timeout=10)
conn.request("GET", "/readyz")
r = conn.getresponse()
body = json.loads(r.read())
check("/readyz: 200 while B serves", r.status == 200 and body.get("status") == "ok", (r.status, body))
b.proc.send_signal(signal.SIGTERM)
time.sleep(0.3)
# The same keep-alive connection: B drains it before exiting, and says it is going.
conn.request("GET", "/readyz")
r = conn.getresponse()
body = r.read()
check("/readyz: 503 problem once B got SIGTERM (the connection still open)",
      r.status == 503 and r.getheader("Content-Type", "").startswith("application/problem+json")
      and b"shutting down" in body, (r.status, body))
r = a.req("GET", "/readyz")
check("A is still ready", r.status == 200, r)
conn.close()
b.stop("SIGTERM: B exits 0")
a.stop("SIGTERM: A exits 0")
finish()
