"""t38-reliability.py: what the fault run found in the server's own behaviour: a drain that waited
out idle connections and let keep-alive clients start new requests, 5xx answers with no cause in the
log, and a descriptor limit below --max-connections that flooded the log."""
import http.client
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ADMIN_PW, Server, check, finish  # noqa: E402


def log_of(srv):
    srv.errfile.flush()
    return open(srv.errpath, "rb").read().decode("utf-8", "replace")


# --- draining: answers say Connection: close, and the server ends once nothing is in flight --
srv = Server(now="2026-07-01", quiet=False)
alex = srv.login("alex", ADMIN_PW)
ada = srv.token(alex).bearer()
idle = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
idle.request("GET", "/healthz")
r = idle.getresponse()
r.read()
check("a keep-alive connection is open and idle", r.status == 200 and (r.getheader("Connection") or "") != "close")
# Hold SQLite's write lock from outside, so a write through okra stays in flight.
holder = sqlite3.connect(srv.db, timeout=1, isolation_level=None)
holder.execute("BEGIN IMMEDIATE")
answers = []


def write():
    c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    c.request("POST", "/api/v1/teams", body='{"slug": "plat", "name": "Platform"}',
              headers={"Authorization": "Bearer " + ada.token, "Content-Type": "application/json"})
    resp = c.getresponse()
    resp.read()
    answers.append(resp.status)


t = threading.Thread(target=write)
t.start()
time.sleep(0.5)  # the write reaches the server and waits for the lock
srv.proc.send_signal(15)
time.sleep(0.3)  # the server begins to drain
try:
    idle.request("GET", "/healthz")
    r = idle.getresponse()
    r.read()
    check("while draining, an answer on a keep-alive connection says Connection: close",
          (r.getheader("Connection") or "").lower() == "close", r.getheaders())
except (OSError, http.client.HTTPException) as e:
    check("while draining, the keep-alive connection still gets its answer", False, repr(e))
holder.execute("ROLLBACK")
holder.close()
t.join(60)
check("the write in flight got its answer (201, or 503 past the busy timeout)", answers and answers[0] in (201, 503), answers)
rc = srv.proc.wait(timeout=30)
check("and the server exited 0 when nothing was in flight", rc == 0, rc)
srv.proc = None
srv.errfile.close()

# --- every 5xx says its cause once in the log ---------------------------------------------------
srv = Server(now="2026-07-01")
with open(srv.db, "r+b") as f:  # the workers have not opened the store yet: damage its header
    f.write(b"this is not a database file at all" * 3)
r = srv.req("GET", "/healthz")
check("a store that cannot be opened is 503", r.status == 503, r)
log = log_of(srv)
check("and the log says why, once", sum(1 for line in log.splitlines() if "/healthz: 503" in line) == 1, log[-2000:])
srv.kill()

# --- the descriptor limit: --max-connections fits it, the log is not flooded -------------------
wrapper = os.path.join(tempfile.mkdtemp(prefix="okra-nofile-"), "okra")
with open(wrapper, "w") as f:
    f.write("#!/bin/sh\nulimit -n 128 || exit 1\nexec \"%s\" \"$@\"\n" % os.path.abspath(lib.OKRA))
os.chmod(wrapper, stat.S_IRWXU)
real, lib.OKRA = lib.OKRA, wrapper
srv = Server(now="2026-07-01", serve_args=["--max-connections", "1000"])
lib.OKRA = real
log = log_of(srv)
check("under ulimit -n 128, --max-connections 1000 is lowered and the log says so",
      "--max-connections lowered" in log, log[-1000:])
socks = []
for i in range(300):
    try:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=2)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # headers never finished: held open
        socks.append(s)
    except OSError:
        break
time.sleep(1)
for s in socks:
    s.close()
time.sleep(0.5)
r = srv.req("GET", "/healthz")
check("after 300 clients on 128 descriptors the server answers: 200", r.status == 200, r)
log = log_of(srv)
check("and its log stayed small (%d lines, %d bytes)" % (log.count("\n"), len(log)), len(log) < 64 * 1024, log[-1500:])
srv.stop()

finish()
