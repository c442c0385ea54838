"""forge_server.py: a forge's REST API played on 127.0.0.1 for the okra sync suites (t65-sync:
GitLab and GitHub; t67-sync-jira: Jira), and what those suites share around it (okra sync run,
the criteria's states).

Every request is recorded as (path, what it asked, headers): the query parsed (parse_qs) for a
GET, the JSON body for a POST. It is answered by the next answer queued for its path, else by
answer(path, asked): the function `answers[path]` of what was asked, or `missing` where there is
none. An answer is (status, headers, body): the body is sent as JSON, bytes as they are. A suite
whose forge answers by rule (Jira's search) subclasses and overrides answer()."""
import json
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from lib import OKRA


class ForgeServer:
    missing = (404, {}, {"message": "404 Not Found"})

    def __init__(self):
        self.answers = {}
        self.queued = {}
        self.seen = []
        self.lock = threading.Lock()
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                u = urlsplit(self.path)
                outer._serve(self, u.path, parse_qs(u.query))

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer._serve(self, urlsplit(self.path).path, json.loads(raw or b"{}"))

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def _serve(self, h, path, asked):
        with self.lock:
            self.seen.append((path, asked, dict(h.headers)))
            queued = self.queued.get(path)
            ans = queued.pop(0) if queued else None
        status, headers, body = ans or self.answer(path, asked)
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(raw)))
        h.end_headers()
        h.wfile.write(raw)

    def answer(self, path, asked):
        f = self.answers.get(path)
        return f(asked) if f else self.missing

    def base(self, prefix=""):
        return "http://127.0.0.1:%d%s" % (self.port, prefix)

    def queue(self, path, *answers):
        """Answers (status, headers, body) for path's next requests, before its usual ones."""
        with self.lock:
            self.queued.setdefault(path, []).extend(answers)

    def asked(self, path):
        with self.lock:
            return [q for (p, q, _) in self.seen if p == path]

    def headers_of(self, path):
        with self.lock:
            return [h for (p, _, h) in self.seen if p == path]


def criteria_kr(post, objective, kr):
    """The year FY2027, an objective of FY2027-Q3 and its criteria KR (alex the DRI of both),
    made through post (lib.poster): the KR's id."""
    post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
    o = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": objective})["id"]
    return post("/api/v1/key-results", {"objective": o, "title": kr, "dri": "alex", "kind": "criteria"})["id"]


def sync(srv, *args):
    """okra sync on srv's database at srv's now: (exit code, stdout, stderr)."""
    env = dict(os.environ, OKRA_NOW=srv.now)
    p = subprocess.run([OKRA, "--db", srv.db, "sync"] + list(args), capture_output=True, text=True,
                       env=env, timeout=120)
    return p.returncode, p.stdout, p.stderr
