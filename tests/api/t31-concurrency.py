"""t31-concurrency.py: 16 writers at once, each on its own keep-alive connection, mixing
check-ins, PATCH edits with If-Match (a 412 for a tag another writer made stale is right: the
writer reads again and retries, and 412s are counted apart), and reads (the tree, objective
pages as HTML and JSON). Zero 5xx and zero transport errors are allowed, and at the end the
database holds exactly the acknowledged writes: every check-in, each KR's version = 1 + its
check-ins + its edits, each title the one of its newest acknowledged edit.

OKRA_CONCURRENCY_SECONDS (default 10) and OKRA_CONCURRENCY_WRITERS (default 16) set the run;
bench/concurrency runs it for 60 s and prints the figures."""
import http.client
import json
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, near  # noqa: E402

SECONDS = float(os.environ.get("OKRA_CONCURRENCY_SECONDS", "10"))
WRITERS = int(os.environ.get("OKRA_CONCURRENCY_WRITERS", "16"))
SEED = int(os.environ.get("OKRA_CONCURRENCY_SEED", "31"))

srv = Server(now="2026-07-01")
alex = srv.login("alex", ADMIN_PW)
ada = srv.token(alex).bearer()


def setup(what, r, status=201):
    if not check("setup: " + what, r.status == status, r):
        raise SystemExit(finish())
    return r.json


setup("year", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ada))
objectives, krs = [], []
for i in range(4):
    o = setup("objective %d" % i, srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "alex",
                                                                         "title": "Objective %d" % i}, auth=ada))["id"]
    objectives.append(o)
    for j in range(3):
        krs.append(setup("KR %d.%d" % (i, j), srv.req("POST", "/api/v1/key-results", {
            "objective": o, "title": "KR %d.%d" % (i, j), "dri": "alex", "start": 0, "target": 100}, auth=ada))["id"])

lock = threading.Lock()
counts = {}              # kind -> requests answered
stale = {"412": 0}       # If-Match tags another writer made stale
errors = []              # transport errors and unexpected statuses
fivexx = []
checkins = {}            # check-in id -> (kr, value)
edits = {}               # ("o"|"k", id) -> [(version, title)]


def count(kind):
    with lock:
        counts[kind] = counts.get(kind, 0) + 1


class Client:
    """One writer's keep-alive connection; a transport error is recorded and the connection renewed."""

    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)

    def req(self, kind, method, path, body=None, headers=None, cookie=False):
        h = {"Authorization": "Bearer " + ada.token} if not cookie else {"Cookie": "okra_session=" + alex.cookie}
        if body is not None:
            h["Content-Type"] = "application/json"
            body = json.dumps(body)
        h.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=h)
            resp = self.conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException) as e:
            with lock:
                errors.append("%s %s: %s: %s" % (method, path, type(e).__name__, e))
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
            return None, None, None
        count(kind)
        if resp.status >= 500:
            with lock:
                fivexx.append("%s %s -> %d %s" % (method, path, resp.status, data[:200]))
        return resp.status, resp.getheader("ETag"), data


def edit(c, rng, n, seq):
    """Read, PATCH with the ETag; on 412 read again and retry (another writer got there first)."""
    kind, target = ("o", rng.choice(objectives)) if rng.random() < 0.5 else ("k", rng.choice(krs))
    path = "/api/v1/%s/%d" % ("objectives" if kind == "o" else "key-results", target)
    title = "Edited by %d #%d" % (n, seq)
    for _ in range(50):
        status, tag, _ = c.req("read json", "GET", path)
        if status != 200:
            if status is not None and status < 500:
                errors.append("GET %s -> %d" % (path, status))
            return
        status, _, data = c.req("edit", "PATCH", path, {"title": title}, {"If-Match": tag})
        if status == 200:
            with lock:
                edits.setdefault((kind, target), []).append((json.loads(data)["version"], title))
            return
        if status == 412:
            with lock:
                stale["412"] += 1
            continue
        if status is not None and status < 500:
            errors.append("PATCH %s -> %d %s" % (path, status, data[:200]))
        return
    errors.append("PATCH %s: still stale after 50 tries" % path)


def writer(n, deadline):
    rng = random.Random(SEED * 1000 + n)
    c = Client()
    seq = 0
    while time.time() < deadline:
        seq += 1
        roll = rng.random()
        if roll < 0.45:
            kr = rng.choice(krs)
            value = round(rng.uniform(0, 100), 3)
            status, _, data = c.req("check-in", "POST", "/api/v1/key-results/%d/checkins" % kr,
                                    {"value": value, "health": "on_track", "note": "w%d #%d" % (n, seq)})
            if status == 201:
                with lock:
                    checkins[json.loads(data)["id"]] = (kr, value)
            elif status is not None and status < 500:
                errors.append("check-in -> %d %s" % (status, data[:200]))
        elif roll < 0.65:
            edit(c, rng, n, seq)
        elif roll < 0.75:
            status, _, _ = c.req("tree", "GET", "/api/v1/tree?cycle=FY2027-Q2")
        elif roll < 0.88:
            status, _, _ = c.req("page", "GET", "/objectives/%d" % rng.choice(objectives), cookie=True)
            if status not in (None, 200) and status < 500:
                errors.append("page -> %d" % status)
        else:
            status, _, _ = c.req("read json", "GET", "/api/v1/objectives/%d" % rng.choice(objectives))


t0 = time.time()
threads = [threading.Thread(target=writer, args=(n, t0 + SECONDS)) for n in range(WRITERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.time() - t0
total = sum(counts.values())
print("t31-concurrency: %d writers for %.0f s: %d requests (%.0f/s): %s; %d stale If-Match retried (412); "
      "%d errors, %d 5xx" % (WRITERS, elapsed, total, total / elapsed,
                              ", ".join("%d %s" % (v, k) for k, v in sorted(counts.items())),
                              stale["412"], len(errors), len(fivexx)))
check("%d writers, %d requests: no 5xx" % (WRITERS, total), not fivexx, "\n".join(fivexx[:10]))
check("no transport errors and no unexpected status", not errors, "\n".join(errors[:10]))
check("every kind of request ran (check-ins, edits, reads, pages)",
      all(counts.get(k) for k in ("check-in", "edit", "tree", "page", "read json")), counts)

# The final state is the sum of the acknowledged writes. (A PATCH answers with the resource as
# read after its commit, so two edits close together may both answer with the newer version:
# the audit trail, written in each edit's own transaction, says which write made which version.)
def pages(path):
    out = []
    while True:
        sep = "&" if "?" in path else "?"
        r = srv.req("GET", path + sep + "limit=200" + ("&cursor=%d" % out[-1]["id"] if out else ""), auth=ada)
        out += r.json
        if not r.header("Link"):
            return out


wrong = []
for kr in krs:
    got = pages("/api/v1/key-results/%d/checkins" % kr)
    mine = {cid: v for cid, (k, v) in checkins.items() if k == kr}
    if {c["id"] for c in got} != set(mine):
        wrong.append("KR %d: %d check-ins stored, %d acknowledged" % (kr, len(got), len(mine)))
    k = srv.req("GET", "/api/v1/key-results/%d" % kr, auth=ada).json
    if mine and not near(k["current"], mine[max(mine)]):
        wrong.append("KR %d: current %r, the newest acknowledged check-in says %r" % (kr, k["current"], mine[max(mine)]))
    titles = [t for _, t in edits.get(("k", kr), [])]
    if k["version"] != 1 + len(mine) + len(titles):
        wrong.append("KR %d: version %d, but 1 + %d check-ins + %d edits" % (kr, k["version"], len(mine), len(titles)))
    updates = [a for a in pages("/api/v1/audit?entity=key_result&id=%d" % kr) if a["action"] == "update"]
    if len(updates) != len(mine) + len(titles):
        wrong.append("KR %d: %d audit updates for %d check-ins + %d edits" % (kr, len(updates), len(mine), len(titles)))
    if not set(titles) <= {a["after"]["title"] for a in updates}:
        wrong.append("KR %d: an acknowledged title is missing from its audit trail" % kr)
    if updates and k["title"] != max(updates, key=lambda a: a["id"])["after"]["title"]:
        wrong.append("KR %d: title %r is not its newest write's" % (kr, k["title"]))
for o in objectives:
    j = srv.req("GET", "/api/v1/objectives/%d" % o, auth=ada).json
    titles = [t for _, t in edits.get(("o", o), [])]
    if j["version"] != 1 + len(titles):
        wrong.append("objective %d: version %d, but 1 + %d edits" % (o, j["version"], len(titles)))
    updates = [a for a in pages("/api/v1/audit?entity=objective&id=%d" % o) if a["action"] == "update"]
    if sorted(a["after"]["title"] for a in updates) != sorted(titles):
        wrong.append("objective %d: the audit trail's edits are not the %d acknowledged ones" % (o, len(titles)))
    if sorted(a["after"]["version"] for a in updates) != list(range(2, 2 + len(titles))):
        wrong.append("objective %d: two edits made one version (a lost update)" % o)
    if updates and j["title"] != max(updates, key=lambda a: a["id"])["after"]["title"]:
        wrong.append("objective %d: title %r is not its newest edit's" % (o, j["title"]))
check("the final state equals the acknowledged writes (%d check-ins, %d edits)" % (
    len(checkins), sum(len(v) for v in edits.values())), not wrong, "\n".join(wrong[:10]))
srv.stop()
finish()
