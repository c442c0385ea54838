"""t45-stop-under-load.py: SIGTERM while clients keep writing, again and again. The server stops
taking connections, finishes what is in flight and exits 0 every time (it once aborted inside the
HTTP library: "Failed to remove listen FD from epoll set", a race between stopping the listening
socket and a worker at its connection limit), and every write it answered 201 is in the database
when it starts again.

The connection limit is small (8 over 4 workers) and clients from 18 addresses (127.0.0.10-21
write, 127.0.0.40-45 read) open a new connection for each request, so the workers keep reaching
their limit and leaving it: the listening socket is taken out of and put back into their wait
sets all the time, as under a real load. The server runs with slow_epoll_del.c preloaded (built
here with cc): a worker that takes a descriptor out of an epoll set pauses 50 ms after it, as a
descheduled thread would on a busy machine, so the race that once took thousands of stops shows
in about half the rounds (before the fix it aborted in 11 and 9 of two runs of 20 rounds).
Nothing is timed: each round waits for a number of acknowledged writes."""
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ADMIN_PW, Server, check, finish, sql  # noqa: E402

ROUNDS = int(os.environ.get("T45_ROUNDS", "20"))
CLIENTS = 12
READERS = 6
PER_ROUND = 40  # acknowledged writes before the SIGTERM

# The preloaded shim: the servers this script starts inherit the environment.
shim_dir = tempfile.mkdtemp(prefix="okra-t45-")
lib._dirs.append(shim_dir)
shim = os.path.join(shim_dir, "slow_epoll_del.so")
cc = shutil.which("cc") or shutil.which("gcc")
built = cc and subprocess.run([cc, "-shared", "-fPIC", "-O2", "-o", shim,
                               os.path.join(os.path.dirname(os.path.abspath(__file__)), "slow_epoll_del.c"),
                               "-ldl"], capture_output=True).returncode == 0
check("the epoll shim builds (cc)", built)
if built:
    os.environ["LD_PRELOAD"] = shim
    # An ASan build wants its runtime first in the list; the shim touches no memory it tracks.
    os.environ["ASAN_OPTIONS"] = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"),
                                                        "verify_asan_link_order=0"]))

srv = Server(now="2026-07-01", serve_args=["--max-connections", "8"])
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
acked = []  # slugs answered 201
lock = threading.Lock()
enough = threading.Event()


def client(rnd, i, port):
    """Writes teams, a new connection for each, until the server refuses to connect; records each
    slug answered 201."""
    n = 0
    while True:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                          source_address=("127.0.0.%d" % (10 + i), 0))
        slug = "r%d-c%d-%d" % (rnd, i, n)
        n += 1
        try:
            conn.request("POST", "/api/v1/teams", body=json.dumps({"slug": slug, "name": "Team " + slug}),
                         headers={"Authorization": "Bearer " + ada.token, "Content-Type": "application/json",
                                  "Connection": "close"})
            resp = conn.getresponse()
            resp.read()
        except (OSError, http.client.HTTPException):
            # Refused: the server has stopped listening. Anything else: try again.
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                probe.connect()
                probe.close()
                continue
            except OSError:
                return
        finally:
            conn.close()
        if resp.status == 201:
            with lock:
                acked.append(slug)
                if len(acked) >= PER_ROUND * (rnd + 1):
                    enough.set()


def reader(i, port):
    """Reads /healthz, a new connection each time, as fast as answers come, so that the workers
    keep reaching their limit and leaving it, until the server refuses to connect."""
    while True:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                          source_address=("127.0.0.%d" % (40 + i), 0))
        try:
            conn.request("GET", "/healthz", headers={"Connection": "close"})
            conn.getresponse().read()
        except (OSError, http.client.HTTPException):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                probe.connect()
                probe.close()
            except OSError:
                return
        finally:
            conn.close()


for rnd in range(ROUNDS):
    enough.clear()
    threads = [threading.Thread(target=client, args=(rnd, i, srv.port), daemon=True) for i in range(CLIENTS)]
    threads += [threading.Thread(target=reader, args=(i, srv.port), daemon=True) for i in range(READERS)]
    for t in threads:
        t.start()
    enough.wait(300)
    check("round %d: the clients had %d writes answered 201" % (rnd, PER_ROUND * (rnd + 1)),
          len(acked) >= PER_ROUND * (rnd + 1), len(acked))
    err_before = srv.errpath
    rc = srv.stop("round %d: SIGTERM under load: the server exits 0" % rnd)
    log = open(err_before, "rb").read().decode("utf-8", "replace")
    check("round %d: nothing aborted in the HTTP library" % rnd, "Failed to remove" not in log, log[-1500:])
    for t in threads:
        t.join(120)
    check("round %d: every client saw the server stop" % rnd, not any(t.is_alive() for t in threads))
    srv.start()

have = {r[0] for r in sql(srv.db, "SELECT slug FROM teams")}
lost = [s for s in acked if s not in have]
check("every write answered 201 is in the database (%d of them)" % len(acked), not lost, lost[:20])
r = srv.req("GET", "/api/v1/teams?limit=1", auth=ada)
check("the server answers after the last start", r.status == 200, r)
finish()
