"""t30-crash.py: crash safety. Threads storm `okra serve` with check-ins over keep-alive
connections while the server is killed with SIGKILL at random moments (at least 50 times) and
restarted on the same database. After every restart: every check-in that got a 2xx is there
with its value and note, nothing is half-written (each check-in has its audit row and its KR
update; a KR's current value is its latest check-in and its version counts its writes), and
`sqlite3 DB 'PRAGMA integrity_check'` says ok. At the end the tree's roll-up is checked too.

OKRA_CRASH_SEED replays a run's random delays (the seed is printed); OKRA_CRASH_KILLS sets how
many kills (default 50)."""
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, near  # noqa: E402

SEED = int(os.environ.get("OKRA_CRASH_SEED", "20261123"))
KILLS = int(os.environ.get("OKRA_CRASH_KILLS", "50"))
WRITERS = 8
print("t30-crash: seed %d, %d kills, %d writers (OKRA_CRASH_SEED=%d replays the delays)" % (SEED, KILLS, WRITERS, SEED))
rng = random.Random(SEED)

srv = Server(now="2026-07-01")
alex = srv.login("alex", ADMIN_PW)
ada = srv.token(alex).bearer()


def setup(what, r, status=201):
    if not check("setup: " + what, r.status == status, r):
        raise SystemExit(finish())
    return r.json


setup("year", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ada))
top = setup("company objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "alex",
                                                                       "title": "Top"}, auth=ada))["id"]
objectives = [top]
krs = []
for i in range(2):
    o = setup("objective %d" % i, srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "alex", "parent": top,
                                                                         "title": "Child %d" % i}, auth=ada))["id"]
    objectives.append(o)
    for j in range(3):
        krs.append(setup("KR %d.%d" % (i, j), srv.req("POST", "/api/v1/key-results", {
            "objective": o, "title": "KR %d.%d" % (i, j), "dri": "alex", "start": 0, "target": 1000000}, auth=ada))["id"])

acked = {}        # check-in id -> (kr, value, note)
in_doubt = 0      # requests whose answer was lost to a kill
refused = []      # any 2xx-less answer that is not a kill's doing
lock = threading.Lock()
up = threading.Event()
up.set()
stop = threading.Event()
busy = [threading.Lock() for _ in range(WRITERS)]


def writer(n):
    global in_doubt
    wrng = random.Random(SEED * 100 + n)
    conn, port, seq = None, None, 0
    while not stop.is_set():
        up.wait()
        if stop.is_set():
            break
        with busy[n]:
            if conn is None or port != srv.port:
                if conn:
                    conn.close()
                port = srv.port
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            seq += 1
            kr = wrng.choice(krs)
            value = n * 1000 + seq % 1000 + seq // 1000 * 0.5  # unique per writer and sequence
            note = "w%d-%d" % (n, seq)
            body = json.dumps({"value": value, "health": wrng.choice(["on_track", "needs_attention", "at_risk"]),
                               "note": note})
            try:
                conn.request("POST", "/api/v1/key-results/%d/checkins" % kr, body=body, headers={
                    "Authorization": "Bearer " + ada.token, "Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException):
                with lock:
                    in_doubt += 1
                conn.close()
                conn = None
                continue
            if 200 <= resp.status < 300:
                j = json.loads(data)
                with lock:
                    acked[j["id"]] = (kr, value, note)
            else:
                with lock:
                    refused.append("%d %s" % (resp.status, data[:200]))


def all_pages(path):
    """Every item of a paged list (follows the cursor, keeping the query)."""
    out, cursor = [], None
    while True:
        sep = "&" if "?" in path else "?"
        r = srv.req("GET", path + sep + "limit=200" + ("&cursor=%d" % cursor if cursor else ""), auth=ada)
        if r.status != 200:
            raise RuntimeError(repr(r))
        out += r.json
        if not r.header("Link"):
            return out
        cursor = out[-1]["id"]


problems = []


def verify(round_no):
    """The database after a restart: acknowledged writes there, nothing half-written, integrity ok."""
    with lock:
        expected = dict(acked)
    # SQLite's own check of the file; on PostgreSQL the file is the server's, which okra's kill
    # does not touch (the checks below still hold the acknowledged writes to account).
    if not srv.db.startswith("postgres"):
        p = subprocess.run(["sqlite3", srv.db, "PRAGMA integrity_check"], capture_output=True, text=True,
                           timeout=60)
        if p.stdout.strip() != "ok":
            problems.append("round %d: integrity_check: %r %r" % (round_no, p.stdout[:300], p.stderr[:300]))
    seen = {}
    for kr in krs:
        r = srv.req("GET", "/api/v1/key-results/%d" % kr, auth=ada)
        rows = all_pages("/api/v1/key-results/%d/checkins" % kr)
        for c in rows:
            seen[c["id"]] = (kr, c["value"], c["note"])
        if rows:
            latest = max(rows, key=lambda c: c["id"])
            if not near(r.json["current"], latest["value"]):
                problems.append("round %d: KR %d current %r but its latest check-in says %r" % (
                    round_no, kr, r.json["current"], latest["value"]))
        if r.json["version"] != 1 + len(rows):
            problems.append("round %d: KR %d is at version %d with %d check-ins (each check-in is one write)" % (
                round_no, kr, r.json["version"], len(rows)))
        updates = [a for a in all_pages("/api/v1/audit?entity=key_result&id=%d" % kr) if a["action"] == "update"]
        if len(updates) != len(rows):
            problems.append("round %d: KR %d has %d check-ins but %d audit updates" % (round_no, kr, len(rows), len(updates)))
    audited = {a["entity_id"] for a in all_pages("/api/v1/audit?entity=checkin") if a["action"] == "create"}
    missing_audit = set(seen) - audited
    if missing_audit or audited - set(seen):
        problems.append("round %d: check-ins without audit rows %s, audit rows without check-ins %s" % (
            round_no, sorted(missing_audit)[:5], sorted(audited - set(seen))[:5]))
    lost = [cid for cid, want in expected.items() if cid not in seen or seen[cid][0] != want[0]
            or not near(seen[cid][1], want[1]) or seen[cid][2] != want[2]]
    if lost:
        problems.append("round %d: %d acknowledged check-ins lost or changed, e.g. %s" % (
            round_no, len(lost), [(c, expected[c], seen.get(c)) for c in lost[:3]]))
    return len(seen)


threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(WRITERS)]
for t in threads:
    t.start()
rows = 0
t0 = time.time()
for k in range(KILLS):
    time.sleep(rng.uniform(0.05, 0.3))
    up.clear()
    srv.kill()
    for b in busy:  # every writer has finished (or lost) the request it was on
        b.acquire()
        b.release()
    srv.start()
    rows = verify(k + 1)
    up.set()
stop.set()
up.set()
for t in threads:
    t.join(timeout=60)
rows = verify(KILLS + 1)

print("t30-crash: %d kills in %.0f s; %d check-ins acknowledged, %d stored, %d answers lost to a kill" % (
    KILLS, time.time() - t0, len(acked), rows, in_doubt))
check("the storm wrote (at least %d check-ins acknowledged)" % (KILLS * 2), len(acked) >= KILLS * 2, len(acked))
check("every answer that was not lost to a kill was a 2xx", not refused, refused[:5])
check("after each of %d SIGKILLs: every acknowledged check-in there with its value and note, none half-written, "
      "integrity_check ok" % KILLS, not problems, "\n".join(problems[:10]))
check("a lost answer may or may not have been written, but nothing else is there (%d stored <= %d acked + %d lost)" % (
    rows, len(acked), in_doubt), len(acked) <= rows <= len(acked) + in_doubt)

# The roll-up (R10) over what survived: each objective is the mean of its KRs' and children's clamped progress.
r = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2", auth=ada)
check("the tree reads after the storm: 200", r.status == 200, r)


def walk(nodes, bad):
    for o in nodes:
        parts = [min(1, max(0, k["progress"])) for k in o["key_results"]]
        parts += [min(1, max(0, c["progress"])) for c in o["children"]]
        want = sum(parts) / len(parts) if parts else 0
        if not near(o["progress"], want, 1e-9):
            bad.append("objective %d: progress %r, its parts give %r" % (o["id"], o["progress"], want))
        for k in o["key_results"]:
            if not near(k["progress"], k["current"] / 1000000, 1e-9):
                bad.append("KR %d: progress %r for current %r" % (k["id"], k["progress"], k["current"]))
        walk(o["children"], bad)


bad = []
roots = r.json if isinstance(r.json, list) else r.json.get("objectives", [])
walk(roots, bad)
check("the roll-up is consistent with the surviving check-ins (R10)", not bad and roots, bad[:5] or r)
srv.stop()
finish()
