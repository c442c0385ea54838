"""t40-wal.py: SQLite's WAL shrinks while the server runs. A reader that stays (a long export, a
backup, a person's sqlite3 shell) keeps every later commit in the WAL; once it has gone, the next
write's checkpoint must give the space back instead of leaving the file at its largest until the
server stops. PostgreSQL has no such file: nothing to check there."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

WAL_SIZE_LIMIT = 8 * 1024 * 1024  # src/store/db_sqlite.c

if lib.PG_BASE:
    finish()

srv = Server(now="2026-07-01")
alex = srv.login("alex", ADMIN_PW)
tok = srv.token(alex).bearer()
wal = srv.db + "-wal"
r = srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=tok)
check("a year", r.status == 201, r)
r = srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "alex", "title": "Company goal"}, auth=tok)
check("an objective to write to", r.status == 201, r)
obj = "/api/v1/objectives/%d" % r.json["id"]
etag = [r.header("ETag")]


def patch(context):
    """PATCH the objective's context with the ETag of the last answer (If-Match is required)."""
    r = srv.req("PATCH", obj, json_body={"context": context}, auth=tok, headers={"If-Match": etag[0] or "*"})
    etag[0] = r.header("ETag") or etag[0]
    return r


# A reader that stays: one read transaction, its snapshot held.
reader = sqlite3.connect(srv.db, isolation_level=None)
reader.execute("BEGIN")
reader.execute("SELECT count(*) FROM teams").fetchall()

# Writes with a large text each (the objective's context), so the WAL grows past the limit quickly.
text = "x" * 19000
n = 0
while os.path.getsize(wal) < 2 * WAL_SIZE_LIMIT and n < 2000:
    r = patch(text + str(n))
    if r.status != 200:
        break
    n += 1
check("the writes went through while the reader stayed", r.status == 200, r)
grown = os.path.getsize(wal)
check("the WAL grew past the limit while the reader held it (%d bytes after %d writes)" % (grown, n),
      grown > WAL_SIZE_LIMIT, grown)

reader.execute("COMMIT")
reader.close()
r = patch("short again")
check("the next write after the reader ended", r.status == 200, r)
size = os.path.getsize(wal) if os.path.exists(wal) else 0
check("and the WAL is back under the limit while the server runs (%d bytes)" % size, size <= WAL_SIZE_LIMIT, size)
r = srv.req("GET", obj, auth=tok)
check("nothing was lost", r.status == 200 and r.json.get("context") == "short again", r)
srv.stop()
finish()
