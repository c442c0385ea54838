"""receivers.py: the real receivers of okra's messages, run in the test's own process on 127.0.0.1:
a chat incoming webhook (an http.server that records every POST) and a minimal SMTP relay that
records every mail. Either can go down and come back up on the same port."""
import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Webhook:
    """A Slack/Mattermost-like incoming webhook: records {"text"} posts; can go down and up."""

    def __init__(self, path="/hooks/T000/B000/s3cr3t-token-never-logged"):
        self.path = path
        self.posts = []  # (path, json)
        self.lock = threading.Lock()
        self.port = None
        self.httpd = None
        self.up()

    def up(self):
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                try:
                    j = json.loads(body)
                except ValueError:
                    j = {"unparsable": body.decode("utf-8", "replace")}
                with outer.lock:
                    outer.posts.append((self.path, j, self.headers.get("Content-Type")))
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *a):
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port or 0), H)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def down(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.httpd = None

    def url(self):
        return "http://127.0.0.1:%d%s" % (self.port, self.path)

    def texts(self):
        with self.lock:
            return [j.get("text", "") for (_, j, _) in self.posts]


class SMTP:
    """A minimal SMTP relay (RFC 5321 happy path): records (from, [rcpt], data)."""

    def __init__(self):
        self.mails = []
        self.lock = threading.Lock()
        self.port = None
        self.server = None
        self.up()

    def up(self):
        outer = self

        class H(socketserver.StreamRequestHandler):
            def reply(self, s):
                self.wfile.write((s + "\r\n").encode())
                self.wfile.flush()

            def handle(self):
                self.reply("220 test-smtp ready")
                frm, rcpt = None, []
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    cmd = line.decode("utf-8", "replace").strip()
                    up = cmd.upper()
                    if up.startswith("EHLO"):
                        self.wfile.write(b"250-test-smtp\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n")
                        self.wfile.flush()
                    elif up.startswith("HELO"):
                        self.reply("250 test-smtp")
                    elif up.startswith("MAIL FROM:"):
                        frm, rcpt = cmd[10:].strip(), []
                        self.reply("250 ok")
                    elif up.startswith("RCPT TO:"):
                        rcpt.append(cmd[8:].strip().strip("<>"))
                        self.reply("250 ok")
                    elif up == "DATA":
                        self.reply("354 go ahead")
                        data = []
                        while True:
                            l = self.rfile.readline()
                            if not l or l in (b".\r\n", b".\n"):
                                break
                            data.append(l[1:] if l.startswith(b"..") else l)
                        with outer.lock:
                            outer.mails.append((frm, rcpt, b"".join(data).decode("utf-8", "replace")))
                        self.reply("250 queued")
                    elif up == "QUIT":
                        self.reply("221 bye")
                        return
                    elif up in ("RSET", "NOOP"):
                        self.reply("250 ok")
                    else:
                        self.reply("502 not implemented")

        class S(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = S(("127.0.0.1", self.port or 0), H)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def down(self):
        self.server.shutdown()
        self.server.server_close()
        self.server = None

    def url(self):
        return "smtp://127.0.0.1:%d" % self.port

    def recipients(self):
        with self.lock:
            return [r for (_, rs, _) in self.mails for r in rs]
