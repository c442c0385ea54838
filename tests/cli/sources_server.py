"""sources_server.py: the outside things a KR source test reads, on 127.0.0.1 (t21-sources.sh):
/metrics, a scrape target in Prometheus's text format (probe_success 1), for a real Prometheus;
/status.json, a JSON status page; /down, a 503; and POST /chat, a chat incoming webhook that
appends each post's text to the file given. Writes its port to the ready file, then serves."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

READY, CHAT = sys.argv[1], sys.argv[2]
STATUS = {"service": "hosting", "uptime": {"ratio": "99.95", "window": "28d"}, "checks": [12, 99.5]}


class H(BaseHTTPRequestHandler):
    def answer(self, status, ctype, body):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.path = self.path.split("?")[0]
        if self.path == "/metrics":
            self.answer(200, "text/plain; version=0.0.4",
                        b"# HELP probe_success Whether the probe succeeded.\n"
                        b"# TYPE probe_success gauge\nprobe_success 1\n")
        elif self.path == "/status.json":
            self.answer(200, "application/json", json.dumps(STATUS).encode())
        elif self.path == "/down":
            self.answer(503, "text/plain", b"down for maintenance\n")
        else:
            self.answer(404, "text/plain", b"no such page\n")

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        text = json.loads(self.rfile.read(n)).get("text", "")
        with open(CHAT, "a") as f:
            f.write(json.dumps(text) + "\n")
        self.answer(200, "text/plain", b"ok")

    def log_message(self, *a):
        pass


srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
with open(READY + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os  # noqa: E402
os.rename(READY + ".tmp", READY)
srv.serve_forever()
