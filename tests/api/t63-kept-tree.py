"""t63-kept-tree.py: the server keeps the tree of now and patches it after each write (issue 22,
item 2). After every one of many random writes — check-ins, status updates, objective and KR
edits, alignments, KR moves, closes, some made by another process (the CLI) — the tree's JSON
and the home page's <main> from the long-running server are byte for byte those of a server
started afresh on the same database, which builds everything whole. The long-running server
sends every body as the kept parts it is made of (OKRA_PARTS_MIN_BYTES=1: the way L's 28 MB tree
and 17 MB page go out), the fresh one joined in one piece; their gzip replies decode to the same
bytes. OKRA_TEST_SEED replays a run; the seed is printed. Both engines (OKRA_TEST_PG)."""
import gzip
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import OKRA, PG_BASE, Server, check, finish, new_db  # noqa: E402

DEMO_PW = "okra-demo-password"
NOW = "2026-11-23T10:00"
WRITES = int(os.environ.get("OKRA_TEST_WRITES", "60" if PG_BASE else "120"))
seed = int(os.environ.get("OKRA_TEST_SEED") or time.time())
rnd = random.Random(seed)
print("t63-kept-tree: seed %d (OKRA_TEST_SEED to replay), %d writes" % (seed, WRITES))

d = tempfile.mkdtemp(prefix="okra-api-")
lib._dirs.append(d)
db = new_db(d)
subprocess.run([OKRA, "--db", db, "demo", "--password", DEMO_PW], check=True, capture_output=True,
               env=dict(os.environ, OKRA_NOW=NOW), timeout=120)
os.environ["OKRA_PARTS_MIN_BYTES"] = "1"
a = Server(now=NOW, init=False, db=db)
del os.environ["OKRA_PARTS_MIN_BYTES"]
A = a.token(a.login("alex", DEMO_PW)).bearer()


def ok(r):
    return r.status in (200, 201, 204)


def main_of(html):
    m = re.search(rb'<main id="main">(.*)</main>', html, re.S)
    return m.group(1) if m else b""


def one_use_free(html):
    return re.sub(rb'name="_(idem|csrf)" value="[^"]*"', b'name="_\\1"', html)


# The demo grown: objectives in this quarter aligned at random, each with metric and criteria KRs.
cycle = a.req("GET", "/api/v1/tree", auth=A).json["cycle"]["name"]
year = cycle.split("-")[0]
ids = []
for i in range(40):
    body = {"cycle": rnd.choice([cycle, cycle, year]), "dri": rnd.choice(["pat", "rio", "sam"]),
            "title": "Grown objective %d" % i}
    if ids and rnd.random() < 0.7:
        body["parent"] = rnd.choice(ids)
    r = a.req("POST", "/api/v1/objectives", body, auth=A)
    if not ok(r):
        body.pop("parent", None)
        r = a.req("POST", "/api/v1/objectives", body, auth=A)
    if ok(r):
        ids.append(r.json["id"])
        for k in range(rnd.randint(1, 4)):
            kind = "criteria" if rnd.random() < 0.25 else "metric"
            kr = {"objective": ids[-1], "title": "KR %d.%d" % (i, k), "dri": "rio", "kind": kind}
            if kind == "metric":
                kr.update(unit="%", start=0, target=100)
            a.req("POST", "/api/v1/key-results", kr, auth=A)
check("setup: the demo grown by %d objectives" % len(ids), len(ids) > 20, ids)


def objectives():
    out = []

    def walk(o):
        out.append(o)
        for c in o["children"]:
            walk(c)
    for c in (cycle, year):
        for o in a.req("GET", "/api/v1/tree?cycle=" + c, auth=A).json["objectives"]:
            walk(o)
    return [o for o in out if o["state"] != "closed"]


def cli(*args):
    p = subprocess.run([OKRA, "--db", db, "--as", "alex"] + list(args), capture_output=True, text=True,
                       env=dict(os.environ, OKRA_NOW=NOW), timeout=60)
    return p.returncode == 0


def write(step, objs):
    o = rnd.choice(objs)
    krs = o["key_results"]
    what = rnd.random()
    h = rnd.choice(["on_track", "needs_attention", "at_risk"])
    if what < 0.40 and krs:
        kr = rnd.choice(krs)
        body = {"health": h, "note": "step %d" % step}
        if kr["kind"] == "metric":
            body["value"] = round(kr["start"] + (kr["target"] - kr["start"]) * rnd.random(), 3)
        if rnd.random() < 0.2:  # another process writes: the CLI
            args = ["checkin", str(kr["id"]), "--health", h]
            if "value" in body:
                args += ["--value", str(body["value"])]
            return cli(*args)
        return ok(a.req("POST", "/api/v1/key-results/%d/checkins" % kr["id"], body, auth=A))
    if what < 0.60 and krs:
        lines = [{"key_result": k["id"], "line": "moving"} for k in krs]
        return ok(a.req("POST", "/api/v1/objectives/%d/status" % o["id"], {"health": h, "lines": lines}, auth=A))
    if what < 0.75:
        body = rnd.choice([{"title": "Edited %d" % step}, {"weight": round(0.5 + rnd.random() * 2, 3)}])
        return ok(a.req("PATCH", "/api/v1/objectives/%d" % o["id"], body, auth=A))
    if what < 0.88 and krs:
        body = rnd.choice([{"title": "KR edited %d" % step}, {"weight": round(0.25 + rnd.random() * 3, 3)}])
        return ok(a.req("PATCH", "/api/v1/key-results/%d" % rnd.choice(krs)["id"], body, auth=A))
    if what < 0.93:
        return ok(a.req("PATCH", "/api/v1/objectives/%d" % o["id"], {"parent": rnd.choice(objs)["id"]}, auth=A))
    if what < 0.97 and len(krs) > 1:
        return ok(a.req("POST", "/api/v1/key-results/%d/move" % krs[-1]["id"], {"direction": "up"}, auth=A))
    a.req("POST", "/api/v1/objectives/%d/retro" % o["id"], {"good": ["g"], "bad": ["b"], "try": ["t"],
                                                              "final": True}, auth=A)
    return ok(a.req("POST", "/api/v1/objectives/%d/close" % o["id"], {}, auth=A))


def views(srv, auth):
    gz = {"Accept-Encoding": "gzip"}
    tree = srv.req("GET", "/api/v1/tree", auth=auth).body
    year_tree = srv.req("GET", "/api/v1/tree?cycle=" + year, auth=auth).body
    home = one_use_free(main_of(srv.req("GET", "/", auth=auth).body))
    tree_gz = gzip.decompress(srv.req("GET", "/api/v1/tree", auth=auth, headers=gz).raw)
    home_gz = one_use_free(main_of(gzip.decompress(srv.req("GET", "/", auth=auth, headers=gz).raw)))
    return tree, year_tree, home, tree_gz, home_gz


objs = objectives()
differ = []
written = 0
for step in range(WRITES):
    written += bool(write(step, objs))
    if step % 10 == 9:
        objs = objectives()
    kept = views(a, A)
    # A server started afresh builds the same from the database alone.
    b = Server(now=NOW, init=False, db=db)
    fresh = views(b, A)
    b.stop("the fresh server stops cleanly")
    for name, x, y in zip(("tree", "year's tree", "home page", "tree gzip", "home page gzip"), kept, fresh):
        if x != y:
            at = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
            differ.append("write %d, %s, byte %d: kept %r / fresh %r" % (step, name, at, x[at - 60:at + 60],
                                                                          y[at - 60:at + 60]))
    if differ:
        break
check("seed %d: after each of %d writes (%d applied) the kept tree, the year's tree and the home page "
      "are byte for byte a fresh server's" % (seed, step + 1, written), not differ, differ[:3])
check("most writes were applied", written > WRITES // 2, written)
a.stop()
finish()
