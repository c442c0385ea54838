"""t50-sdnotify.py: okra serve under a service manager (issue 23): the sd_notify protocol on a
real unix datagram socket — READY=1 once listening, WATCHDOG=1 when $WATCHDOG_USEC asks for it,
READY=1 again after a SIGHUP's reload, STOPPING=1 on SIGTERM — at a path and in the abstract
namespace ("@name"), as systemd's Type=notify expects."""
import os
import signal
import socket
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import Server, check, finish  # noqa: E402

TMP = tempfile.mkdtemp(prefix="okra-notify-")


def receive(sock, want, limit=60):
    """The datagrams received until one equals want (or the socket times out): (found, all)."""
    seen = []
    sock.settimeout(30)
    for _ in range(limit):
        try:
            msg = sock.recv(4096).decode()
        except socket.timeout:
            return False, seen
        seen.append(msg)
        if want in msg.split("\n"):
            return True, seen
    return False, seen


def run(address, label):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(address)
    name = address if isinstance(address, str) else "@" + address[1:].decode()
    os.environ["NOTIFY_SOCKET"] = name
    os.environ["WATCHDOG_USEC"] = "400000"  # WATCHDOG=1 every 0.2 s
    os.environ.pop("WATCHDOG_PID", None)
    srv = Server()
    found, seen = receive(sock, "READY=1")
    check("%s: READY=1 once listening" % label, found, seen)
    check("%s: it answers when it said ready" % label, srv.req("GET", "/healthz").status == 200)
    found, seen = receive(sock, "WATCHDOG=1")
    check("%s: WATCHDOG=1 while $WATCHDOG_USEC is set" % label, found, seen)
    srv.proc.send_signal(signal.SIGHUP)
    found, seen = receive(sock, "READY=1")
    check("%s: READY=1 again after SIGHUP's reload" % label, found, seen)
    check("%s: still answering after SIGHUP" % label, srv.req("GET", "/healthz").status == 200)
    srv.proc.send_signal(signal.SIGTERM)
    found, seen = receive(sock, "STOPPING=1")
    check("%s: STOPPING=1 on SIGTERM" % label, found, seen)
    srv.stop()
    sock.close()
    for k in ("NOTIFY_SOCKET", "WATCHDOG_USEC"):
        del os.environ[k]


run(os.path.join(TMP, "notify"), "a socket at a path")
run(b"\0okra-test-notify-%d" % os.getpid(), "an abstract socket")

# A watchdog meant for another process is not fed by this one.
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(os.path.join(TMP, "other"))
os.environ.update(NOTIFY_SOCKET=os.path.join(TMP, "other"), WATCHDOG_USEC="200000",
                  WATCHDOG_PID="1")
srv = Server()
found, seen = receive(sock, "READY=1")
check("WATCHDOG_PID of another process: READY=1 still", found, seen)
srv.proc.send_signal(signal.SIGTERM)
found, seen = receive(sock, "STOPPING=1")
check("WATCHDOG_PID of another process: no WATCHDOG=1 before STOPPING=1",
      found and "WATCHDOG=1" not in seen, seen)
srv.stop()
sock.close()
for k in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
    del os.environ[k]
os.unlink(os.path.join(TMP, "notify"))
os.unlink(os.path.join(TMP, "other"))
os.rmdir(TMP)
finish()
