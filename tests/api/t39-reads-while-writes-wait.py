"""t39-reads-while-writes-wait.py: a write never holds a worker thread (issue 22). The server runs
with 2 worker threads and 8 check-ins are sent at once; while they wait, reads (the tree, pages,
the API, health) are all answered, because the waiting writes sit suspended in the writer's queue,
not in the workers. Two ways for writes to wait, each proved by ordering, not by durations:

1. another process (sqlite3, BEGIN IMMEDIATE) holds the store's write lock: every read is answered
   while the 8 writes are still unanswered and the lock still held; once it is released each write
   is committed (201) or, past its one deadline, refused with 503 and Retry-After;
2. a group commit's batch waits for its COMMIT (the test's OKRA_FAULT_COMMIT_GATE holds the COMMIT
   while a file exists): the reads are answered, and see none of the batch's check-ins, while the 8
   writes wait; removing the file lets the commit go and every write is answered 201.

Every acknowledged check-in is in the store afterwards, read back after the server stopped. The
writer thread is SQLite's (group commit): on PostgreSQL each worker writes in its own transaction
(docs/decisions.md), so there is nothing of this to check there."""
import json
import os
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

if lib.PG_BASE:
    finish()

WRITES = 8
gate = os.path.join(tempfile.mkdtemp(prefix="okra-gate-"), "hold-commit")
os.environ["OKRA_FAULT_COMMIT_GATE"] = gate  # the server's COMMIT waits while this file exists
srv = Server(now="2026-07-01", serve_args=["--threads", "2"])
alex = srv.login("alex", ADMIN_PW)
tok = srv.token(alex).bearer()


def setup(what, r):
    if not check("setup: " + what, r.status == 201, r):
        raise SystemExit(finish())
    return r.json


setup("year", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=tok))
obj = setup("objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "alex",
                                                                 "title": "Goal"}, auth=tok))["id"]
kr = setup("key result", srv.req("POST", "/api/v1/key-results", {"objective": obj, "title": "KR", "dri": "alex",
                                                                  "start": 0, "target": 1000}, auth=tok))["id"]


def metric(name):
    r = srv.req("GET", "/metrics", auth=tok)
    for line in r.body.decode().splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


def wait_for_waiting(n):
    """Until the server has n writes handed to its writer and unanswered (a bound, not a timing)."""
    seen = None
    for _ in range(600):
        seen = metric("okra_writes_waiting")
        if seen == n:
            return True
        time.sleep(0.05)
    return check("the server holds the %d writes in its writer's queue" % n, False, seen)


def start_writes(tag):
    answers = {}

    def write(i):
        r = srv.req("POST", "/api/v1/key-results/%d/checkins" % kr,
                    {"value": i + 1, "health": "on_track", "note": "%s-%d" % (tag, i)}, auth=tok)
        answers[i] = r

    threads = [threading.Thread(target=write, args=(i,)) for i in range(WRITES)]
    for t in threads:
        t.start()
    return threads, answers


def reads(what):
    """The reads a person and a program make; each must be answered now, with 200."""
    got = [
        ("GET /api/v1/tree", srv.req("GET", "/api/v1/tree", auth=tok, query={"cycle": "FY2027-Q2"})),
        ("GET / (the tree page)", srv.req("GET", "/", auth=alex, query={"cycle": "FY2027-Q2"})),
        ("GET /objectives/{id} (a page)", srv.req("GET", "/objectives/%d" % obj, auth=alex)),
        ("GET /api/v1/objectives/{id}", srv.req("GET", "/api/v1/objectives/%d" % obj, auth=tok)),
        ("GET /api/v1/key-results/{id}/checkins",
         srv.req("GET", "/api/v1/key-results/%d/checkins" % kr, auth=tok)),
        ("GET /healthz", srv.req("GET", "/healthz")),
    ]
    for name, r in got:
        check("%s: %s answered 200" % (what, name), r.status == 200, r)
    return dict(got)


def stored_notes():
    return {row[0] for row in lib.sql(srv.db, "SELECT note FROM checkins WHERE key_result = ?", kr)}


# 1. Another process holds the write lock.
holder = sqlite3.connect(srv.db, timeout=1, isolation_level=None)
holder.execute("BEGIN IMMEDIATE")
threads, answers = start_writes("lock")
if wait_for_waiting(WRITES):
    reads("lock held, 8 writes waiting")
    check("lock held: no write was answered before every read was (they wait in the writer, not in a worker)",
          len(answers) == 0, {i: a.status for i, a in answers.items()})
    check("lock held: the 8 writes still wait after the reads", metric("okra_writes_waiting") == WRITES)
holder.execute("ROLLBACK")
holder.close()
for t in threads:
    t.join(60)
check("lock released: every write was answered", len(answers) == WRITES, answers)
lock_acked = set()
for i, a in sorted(answers.items()):
    if a.status == 201:
        lock_acked.add("lock-%d" % i)
    else:
        check("lock write %d: past its deadline, 503 with Retry-After" % i,
              a.status == 503 and (a.header("Retry-After") or "").isdigit(), a)
print("t39-reads-while-writes-wait: %d of %d writes committed after the lock was released"
      % (len(lock_acked), WRITES))

# 2. A batch waits for its COMMIT.
before_commits = metric("okra_group_commits_total")
before_notes = stored_notes()
open(gate, "w").close()
threads, answers = start_writes("batch")
if wait_for_waiting(WRITES):
    got = reads("commit held, 8 writes waiting")
    check("commit held: no write was answered before every read was", len(answers) == 0,
          {i: a.status for i, a in answers.items()})
    listed = got["GET /api/v1/key-results/{id}/checkins"].json or []
    listed = listed.get("items", []) if isinstance(listed, dict) else listed
    notes = {c.get("note") for c in listed}
    check("commit held: the reads see none of the uncommitted check-ins (and do see the committed ones)",
          not any(n and n.startswith("batch-") for n in notes) and lock_acked <= notes, notes)
    check("commit held: the 8 writes still wait after the reads", metric("okra_writes_waiting") == WRITES)
os.unlink(gate)
for t in threads:
    t.join(60)
check("commit let go: every write was answered", len(answers) == WRITES, answers)
batch_acked = set()
for i, a in sorted(answers.items()):
    if check("batch write %d: 201" % i, a.status == 201, a):
        batch_acked.add("batch-%d" % i)
commits = metric("okra_group_commits_total") - before_commits
check("the 8 writes shared their commits (%d commits)" % commits, 1 <= commits < WRITES, commits)

# Every acknowledged write is durable: read back from the file after the server stopped.
srv.stop()
notes = stored_notes()
check("every acknowledged check-in is in the store (%d)" % (len(lock_acked) + len(batch_acked)),
      (lock_acked | batch_acked) <= notes, sorted((lock_acked | batch_acked) - notes))
check("nothing unacknowledged was written", notes - before_notes <= batch_acked, sorted(notes - before_notes))
check("a check-in of the lock's writes is there exactly when it was acknowledged",
      {n for n in notes if n.startswith("lock-")} == lock_acked, sorted(notes))
finish()
