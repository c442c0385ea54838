"""t39-stuck-writer.py: a writer that holds the store's write lock and does not let go (another
process, a frozen instance) must not freeze this one: reads and health checks answer at once, a
write gets one deadline and past it a 503 with Retry-After, and /readyz says the store cannot take
writes until the lock is free again. On SQLite the lock is held with BEGIN IMMEDIATE from another
connection; on PostgreSQL (OKRA_TEST_PG) the writers' advisory lock from a psycopg2 session."""
import os
import sqlite3
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

# src/store/db_pg.c's WRITE_LOCK_KEY: "okra" in ASCII.
WRITE_LOCK_KEY = 0x6F6B7261


class Holder:
    """Holds the store's write lock from outside okra until release()."""

    def __init__(self, db):
        self.db = db
        if db.startswith("postgres"):
            import psycopg2
            self.con = psycopg2.connect(db)
            self.con.autocommit = True
            self.con.cursor().execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK_KEY,))
        else:
            self.con = sqlite3.connect(db, timeout=1, isolation_level=None)
            self.con.execute("BEGIN IMMEDIATE")

    def release(self):
        if self.db.startswith("postgres"):
            self.con.cursor().execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK_KEY,))
        else:
            self.con.execute("ROLLBACK")
        self.con.close()


srv = Server(now="2026-07-01")
alex = srv.login("alex", ADMIN_PW)
tok = srv.token(alex).bearer()
fresh = srv.token(alex, name="never used").bearer()  # its first use would record last_used_at

holder = Holder(srv.db)
answers = {}


def write(key, slug):
    answers[key] = srv.req("POST", "/api/v1/teams", json_body={"slug": slug, "name": slug}, auth=tok)


# Reads and health checks while the lock is held: they answer, and before it is released.
# (No write is in flight meanwhile: a worker thread blocked in a write still holds back the other
# connections the server gave that thread, which is the worker threads' issue, not the store's.)
r = srv.req("GET", "/healthz")
check("/healthz answers while another process holds the write lock", r.status == 200, r)
r = srv.req("GET", "/api/v1/people", auth=fresh)
check("a read with a token never used before answers (its bookkeeping does not wait for the lock)",
      r.status == 200, r)
r = srv.req("GET", "/api/v1/teams", auth=alex)
check("a read with a session answers", r.status == 200, r)
r = srv.req("GET", "/readyz")
check("/readyz: 200 while no write has failed (a held lock alone may be a long write)", r.status == 200, r)

# Several writes at once: each has the one deadline, none queues behind another's wait.
more = [threading.Thread(target=write, args=(k, "t%s" % k)) for k in ("first", 0, 1, 2)]
for t in more:
    t.start()
for t in more:
    t.join(60)
check("every write was answered while the lock was still held", len(answers) == 4, answers)
for key in ("first", 0, 1, 2):
    a = answers.get(key)
    check("write %s past its deadline: 503" % key, a is not None and a.status == 503, a)
    check("write %s: with Retry-After" % key, a is not None and (a.header("Retry-After") or "").isdigit(), a)
a = answers.get("first")
check("the problem says the store is busy, not that it failed",
      a is not None and "busy" in ((a.json or {}).get("detail") or ""), a)

r = srv.req("GET", "/readyz")
check("/readyz: 503 while the store cannot take writes", r.status == 503, r)
check("/readyz says why", r.json and "cannot take writes" in (r.json.get("detail") or ""), r)
r = srv.req("GET", "/healthz")
check("/healthz still answers 200 (the process and its reads are fine)", r.status == 200, r)
check("the lock was held all along (nothing above waited it out)", holder.con is not None)

holder.release()
r = srv.req("POST", "/api/v1/teams", json_body={"slug": "plat", "name": "Platform"}, auth=tok)
check("once the lock is free a write goes through", r.status == 201, r)
r = srv.req("GET", "/readyz")
check("and /readyz is 200 again", r.status == 200, r)
rows = srv.sql("SELECT slug FROM teams ORDER BY slug")
check("only that write is in the store", [x[0] for x in rows] == ["plat"], rows)

# /readyz recovers without a write too: it tries the lock without waiting.
holder = Holder(srv.db)
r = srv.req("POST", "/api/v1/teams", json_body={"slug": "saas", "name": "SaaS"}, auth=tok)
check("held again: a write is 503", r.status == 503, r)
check("/readyz is 503", srv.req("GET", "/readyz").status == 503)
holder.release()
r = srv.req("GET", "/readyz")
check("released: /readyz is 200 before any write", r.status == 200, r)
srv.stop()
finish()
