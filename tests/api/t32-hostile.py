"""t32-hostile.py: a corpus of bad requests (tests/fixtures/hostile/*.jsonl) — each one a 4xx
problem+json (pages: a 4xx HTML page or problem+json) that changes nothing; requests the HTTP
layer refuses before okra sees them (oversized headers and URLs, broken request lines); slow
clients closed after --timeout; connections past --max-connections and the per-address share
never held; and hostile text stored through the API shown escaped on every page."""
import csv
import hashlib
import hmac
import html.parser
import io
import json
import os
import re
import secrets
import socket
import sys
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, ROOT, Server, check, finish  # noqa: E402

CORPUS = os.path.join(ROOT, "tests", "fixtures", "hostile")
GL_SECRET = "gl-hook-secret-0123456789"
GH_SECRET = "gh-hook-secret-abcdefghij"
TIMEOUT = 2          # okra serve --timeout for this suite
MAX_CONNS = 40       # okra serve --max-connections: 10 per address
PER_IP = MAX_CONNS // 4

srv = Server(now="2026-07-01", serve_args=["--timeout", str(TIMEOUT), "--max-connections", str(MAX_CONNS)])
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
srv.okra("setting", "set", "github_webhook_secret", GH_SECRET)
alex = srv.login("alex", ADMIN_PW)
ada = srv.token(alex).bearer()
pat = srv.person(ada, "pat", "member")
quinn = srv.person(ada, "quinn", "member")  # not in pat's team
vic = srv.person(ada, "vic", "viewer")


def ok(what, r, *status):
    if not check("setup: " + what, r.status in status, r):
        raise SystemExit(finish())
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("team", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]}, auth=ada), 201)
ok("year", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ada), 201)
O = ok("objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat",
                                                          "title": "Reliable"}, auth=pat.bearer()), 201)["id"]
OC = ok("company objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "alex",
                                                                   "title": "Company"}, auth=ada), 201)["id"]
K = ok("metric KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Uptime", "dri": "pat",
                                                           "unit": "%", "start": 0, "target": 100}, auth=pat.bearer()), 201)["id"]
KC = ok("criteria KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Automate", "dri": "pat",
                                                              "kind": "criteria"}, auth=pat.bearer()), 201)["id"]
ok("criterion", srv.req("POST", "/api/v1/criteria", {"key_result": KC, "ref": "g/p#1", "contribution": 50},
                        auth=pat.bearer()), 201)
ok("a first check-in", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {"value": 40, "health": "on_track"},
                               auth=pat.bearer()), 201)

PLACES = {"@O@": str(O), "@K@": str(K), "@KC@": str(KC), "@OC@": str(OC)}


def load_corpus():
    entries = []
    for name in sorted(os.listdir(CORPUS)):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(CORPUS, name), encoding="ascii") as f:
            for n, line in enumerate(f, 1):
                for k, v in PLACES.items():
                    line = line.replace(k, v)
                line = re.sub(r"@fill:(.):(\d+)@", lambda m: m.group(1) * int(m.group(2)), line)
                e = json.loads(line)
                e["where"] = "%s:%d" % (name, n)
                entries.append(e)
    return entries


def credentials(mode):
    """(auth, csrf, extra headers) for an entry's auth mode."""
    if mode == "none":
        return None, True, {}
    if mode == "admin":
        return ada, True, {}
    if mode == "member":
        return pat.bearer(), True, {}
    if mode == "other":
        return quinn.bearer(), True, {}
    if mode == "viewer":
        return vic.bearer(), True, {}
    if mode == "session":
        return pat.session(), True, {}
    if mode == "session-nocsrf":
        return pat.session(), False, {}
    if mode == "session-badcsrf":
        return pat.session(), "0" * 64, {}
    if mode == "forged-bearer":
        return None, True, {"Authorization": "Bearer " + secrets.token_hex(32)}
    if mode == "forged-cookie":
        return None, True, {"Cookie": "okra_session=" + secrets.token_hex(32), "X-CSRF-Token": secrets.token_hex(32)}
    raise ValueError("unknown auth mode " + mode)


def send(e):
    auth, csrf, extra = credentials(e["auth"])
    headers = dict(extra)
    headers.update(e.get("headers") or {})
    body = None
    if "json" in e:
        body = json.dumps(e["json"]).encode()
        ctype = e.get("ctype", "application/json")
    elif "body_hex" in e:
        body = bytes.fromhex(e["body_hex"])
        ctype = e.get("ctype")
    elif "body" in e:
        body = e["body"].encode()
        ctype = e.get("ctype")
    else:
        ctype = e.get("ctype")
    if e.get("sign") == "gitlab":
        headers["X-Gitlab-Token"] = GL_SECRET
    elif e.get("sign") == "github":
        headers["X-Hub-Signature-256"] = "sha256=" + hmac.new(GH_SECRET.encode(), body or b"", hashlib.sha256).hexdigest()
    return srv.req(e["method"], e["path"], auth=auth, headers=headers, data=body,
                   ctype=ctype if ctype else False, csrf=csrf)


# --- the corpus ------------------------------------------------------------------------------
entries = load_corpus()
check("the corpus holds at least 200 bad requests (%d)" % len(entries), len(entries) >= 200)
bad_status, bad_type, changed = [], [], []
state = srv.digest()
kinds = {}
for e in entries:
    try:
        r = send(e)
    except Exception as x:  # a dropped connection is a failure of its own
        bad_status.append("%s %s: %s: %s" % (e["where"], e["name"], type(x).__name__, x))
        continue
    reply = e.get("reply", "problem")
    kinds[reply] = kinds.get(reply, 0) + 1
    mtype = r.ctype.split(";")[0].strip().lower()
    if r.status not in e["expect"] or not 400 <= r.status < 500:
        bad_status.append("%s %s: got %r" % (e["where"], e["name"], r))
    if reply == "problem":
        good = (mtype == "application/problem+json" and isinstance(r.json, dict) and r.json.get("status") == r.status)
    else:  # a page: a readable HTML error, or problem+json for a refusal made before the page
        good = mtype in ("text/html", "application/problem+json")
    if not good:
        bad_type.append("%s %s: %r" % (e["where"], e["name"], r))
    now = srv.digest()
    if now != state:
        changed.append("%s %s %s %s -> %d" % (e["where"], e["name"], e["method"], e["path"][:80], r.status))
        state = now
check("every corpus request gets the 4xx its entry names (%d requests)" % len(entries), not bad_status,
      "\n".join(bad_status[:15]) + ("\n… %d in all" % len(bad_status) if len(bad_status) > 15 else ""))
check("every API, hook and unknown-path refusal is application/problem+json with its status; pages a 4xx page "
      "(%s)" % ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items())), not bad_type, "\n".join(bad_type[:10]))
check("no corpus request changed the database", not changed, "\n".join(changed[:10]))

# Regression (found by this corpus): an infinite progress from a value far beyond a tiny span.
tiny = ok("a KR whose target is a hair from its start", srv.req("POST", "/api/v1/key-results", {
    "objective": O, "title": "Tiny span", "dri": "pat", "start": 0, "target": 1e-300}, auth=pat.bearer()), 201)["id"]
srv.refused("a check-in whose progress would be infinite is refused (R2): 422", 422, "POST",
            "/api/v1/key-results/%d/checkins" % tiny, {"value": 1e15, "health": "on_track"}, auth=pat.bearer(),
            detail_has="finite progress")
r = srv.req("POST", "/api/v1/key-results/%d/checkins" % tiny, {"value": 1e-301, "health": "on_track"}, auth=pat.bearer())
check("a check-in inside the tiny span is taken: 201, progress a number", r.status == 201 and r.json["progress"] == 0.1, r)
wide = ok("a KR from 0 to 10", srv.req("POST", "/api/v1/key-results", {
    "objective": O, "title": "Wide span", "dri": "pat", "start": 0, "target": 10}, auth=pat.bearer()), 201)["id"]
ok("a check-in of 1e15 on it", srv.req("POST", "/api/v1/key-results/%d/checkins" % wide, {"value": 1e15, "health": "on_track"},
                                       auth=pat.bearer()), 201)
srv.refused("moving that KR's target a hair from its start, so 1e15's progress is infinite, is refused: 422", 422, "PATCH",
            "/api/v1/key-results/%d" % wide, {"target": 1e-300}, auth=pat.bearer(), headers={"If-Match": "*"},
            detail_has="finite progress")
srv.refused("an API check-in beyond the CLI's 1e15 is refused too: 422", 422, "POST",
            "/api/v1/key-results/%d/checkins" % K, {"value": 1.5e15, "health": "on_track"}, auth=pat.bearer(),
            detail_has="1e15")


# --- requests the HTTP layer refuses before okra sees them ---------------------------------------
def raw(data, wait=10.0, source="127.0.0.1"):
    """Send bytes on a new connection; (status or None, whole reply, closed by the server)."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=wait, source_address=(source, 0))
    got = b""
    closed = False
    try:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        deadline = time.time() + wait
        while time.time() < deadline:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                closed = True
                break
            except socket.timeout:
                break
            if not chunk:
                closed = True
                break
            got += chunk
    finally:
        s.close()
    m = re.match(rb"HTTP/1\.[01] (\d{3})", got)
    return (int(m.group(1)) if m else None), got, closed


host = b"Host: 127.0.0.1\r\n"
for what, data, allowed in [
        ("a 70 KB header value", b"GET /healthz HTTP/1.1\r\n" + host + b"X-Big: " + b"a" * 70000 + b"\r\n\r\n", (431, 413, 400)),
        ("2000 headers", b"GET /healthz HTTP/1.1\r\n" + host + b"".join(b"X-H%d: %s\r\n" % (i, b"v" * 30) for i in range(2000)) + b"\r\n",
         (431, 413, 400)),
        ("a 70 KB URL", b"GET /api/v1/objectives?" + b"q" * 70000 + b" HTTP/1.1\r\n" + host + b"\r\n", (414, 431, 400)),
        ("a 70 KB cookie", b"GET /api/v1/session HTTP/1.1\r\n" + host + b"Cookie: okra_session=" + b"c" * 70000 + b"\r\n\r\n",
         (431, 413, 400)),
        ("a request line that is not HTTP", b"HELLO THERE\r\n\r\n", (400, 505)),
        ("HTTP/1.1 without Host", b"GET /healthz HTTP/1.1\r\n\r\n", (400,)),
        ("HTTP/9.9", b"GET /healthz HTTP/9.9\r\n" + host + b"\r\n", (400, 505)),
        ("a Content-Length that is not a number", b"POST /api/v1/session HTTP/1.1\r\n" + host +
         b"Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}", (400, 413)),
        ("a negative Content-Length", b"POST /api/v1/session HTTP/1.1\r\n" + host +
         b"Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}", (400, 413)),
        ("a Content-Length of 2^64", b"POST /api/v1/session HTTP/1.1\r\n" + host +
         b"Content-Type: application/json\r\nContent-Length: 18446744073709551616\r\n\r\n{}", (400, 413)),
        ("a chunk size of 2^64", b"POST /api/v1/session HTTP/1.1\r\n" + host +
         b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\nx\r\n", (400, 413)),
        ("a NUL in the request line", b"GET /heal\x00thz HTTP/1.1\r\n" + host + b"\r\n", (400, 404)),
]:
    status, got, closed = raw(data)
    check("raw: %s gets a 4xx (%s), not a crash or a 5xx" % (what, "/".join(map(str, allowed))), status in allowed,
          got[:300])
r = srv.req("GET", "/healthz")
check("the server still answers after the raw requests: 200", r.status == 200, r)

# A body declared too large is refused with 413 problem+json without being kept.
status, got, closed = raw(b"POST /api/v1/objectives HTTP/1.1\r\n" + host + b"Authorization: Bearer " + pat.token.encode() +
                          b"\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n" + b"x" * 2000000)
check("raw: a 2 MB body with its Content-Length is 413 problem+json", status == 413 and b"application/problem+json" in got, got[:400])
status, got, closed = raw(b"POST /api/v1/objectives HTTP/1.1\r\n" + host + b"Authorization: Bearer " + pat.token.encode() +
                          b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                          b"".join(b"10000\r\n" + b"y" * 0x10000 + b"\r\n" for _ in range(20)) + b"0\r\n\r\n")
check("raw: a chunked body past 1 MiB (no Content-Length) is 413 problem+json", status == 413 and
      b"application/problem+json" in got, got[:400])

# --- slow clients ----------------------------------------------------------------------------
for what, data in [("headers begun, never finished", b"GET /api/v1/objectives HTTP/1.1\r\n" + host + b"X-Slow: 1\r\n"),
                   ("a connection that sends nothing", b""),
                   ("a body promised and never sent", b"POST /api/v1/session HTTP/1.1\r\n" + host +
                    b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"handle\":")]:
    t0 = time.time()
    status, got, closed = raw(data, wait=TIMEOUT + 20)
    check("slow client (%s): the server closes the connection after --timeout %d" % (what, TIMEOUT),
          closed and status in (None, 408), "closed=%s after %.1f s, got %r" % (closed, time.time() - t0, got[:200]))


# --- connection limits -----------------------------------------------------------------------
def server_sockets():
    """The server's sockets on its own port (the listener and its clients' connections), not
    the ones it opened itself (a PostgreSQL store has one per worker thread)."""
    inodes = set()
    for fd in os.listdir("/proc/%d/fd" % srv.proc.pid):
        try:
            link = os.readlink("/proc/%d/fd/%s" % (srv.proc.pid, fd))
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[len("socket:["):-1])
    n = 0
    for table in ("tcp", "tcp6"):
        try:
            lines = open("/proc/%d/net/%s" % (srv.proc.pid, table)).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if int(f[1].split(":")[1], 16) == srv.port and f[9] in inodes:
                n += 1
    return n


def hold(n, source):
    out = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=5, source_address=(source, 0))
        s.sendall(b"GET /api/v1/objectives HTTP/1.1\r\n" + host)  # and stall
        out.append(s)
    return out


def closed_by_server(s):
    s.settimeout(0.5)
    try:
        return s.recv(100) == b""
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


held = hold(PER_IP + 6, "127.0.0.1")
time.sleep(0.5)
shut = sum(1 for s in held if closed_by_server(s))
check("one address holds at most its share (%d) of the connections: the rest are closed at once" % PER_IP,
      shut >= 6, "%d of %d closed" % (shut, len(held)))
for s in held:
    s.close()
time.sleep(TIMEOUT + 1)
held = []
for i in range(2, 2 + 6):
    held += hold(PER_IP, "127.0.0.%d" % i)  # 60 connections from 6 addresses, limit 40
time.sleep(1)
n = server_sockets()
check("past --max-connections %d the server holds no more (%d sockets open, the listener included)" % (MAX_CONNS, n),
      n <= MAX_CONNS + 1, n)
for s in held:
    s.close()
time.sleep(TIMEOUT + 1)
r = srv.req("GET", "/healthz")
check("after the flood the server answers again: 200", r.status == 200, r)

# --- hostile text through every page ---------------------------------------------------------
BIDI = "\u202e"
payloads = {
    "objective title": '<script>alert("t1")</script>',
    "objective context": "\"'><img src=x onerror=alert('t2')> [click](javascript:alert('t3')) <a href=\"javascript:x\">a</a>",
    "KR title": "javascript:alert('t4') \"><svg onload=alert(1)>",
    "KR unit": "<u>",
    "check-in note": "</textarea><script>alert('t6')</script> " + BIDI + "gnp.exe \u2028 \u0085".replace("\u0085", "ok"),
    "status line": "<iframe src=javascript:alert('t7')></iframe>",
    "retro bullet": "<b onmouseover=alert('t8')>hover</b>",
    "team name": "<img src=x onerror=alert('t9')>",
    "person name": "Eve \"><script>alert('t10')</script>",
    "link title": "<a href=javascript:alert(11)>x</a>",
    "comment body": "<script>alert('t12')</script> \"'><img src=x onerror=alert('t13')> @pat",
}
sp = pat.bearer()
ok("a hostile person", srv.req("POST", "/api/v1/people", {"handle": "eve", "name": payloads["person name"], "role": "member",
                                                         "joined_on": "2020-01-01"}, auth=ada), 201)
ok("a hostile team", srv.req("POST", "/api/v1/teams", {"slug": "evil", "name": payloads["team name"], "members": ["pat"]}, auth=ada), 201)
HO = ok("a hostile objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "evil", "dri": "pat", "title": payloads["objective title"],
    "context": payloads["objective context"]}, auth=sp), 201)["id"]
HK = ok("a hostile KR", srv.req("POST", "/api/v1/key-results", {"objective": HO, "title": payloads["KR title"], "dri": "pat",
                                                               "unit": payloads["KR unit"], "start": 0, "target": 10}, auth=sp), 201)["id"]
ok("a hostile check-in", srv.req("POST", "/api/v1/key-results/%d/checkins" % HK, {"value": 3, "health": "at_risk",
                                                                                  "note": payloads["check-in note"]}, auth=sp), 201)
ok("a hostile status", srv.req("POST", "/api/v1/objectives/%d/status" % HO, {"health": "at_risk", "lines": [
    {"key_result": HK, "line": payloads["status line"]}]}, auth=sp), 201)
ok("a hostile retro", srv.req("POST", "/api/v1/objectives/%d/retro" % HO, {"good": [payloads["retro bullet"]]}, auth=sp), 200)
ok("a hostile link", srv.req("POST", "/api/v1/objectives/%d/links" % HO, {"ref": "https://example.com/x",
                                                                          "title": payloads["link title"]}, auth=sp), 201)
hc = ok("a hostile comment naming pat", srv.req("POST", "/api/v1/comments", {"key_result": HK, "body": payloads["comment body"]},
                                                auth=ada), 201)
check("the hostile comment comes back as the text it is", hc.get("body") == payloads["comment body"], hc)


def bidi_open(text):
    """Direction marks (UAX #9 explicit embeddings and isolates) left open at the end of text."""
    stack = []
    for ch in text:
        if ch in "\u202a\u202b\u202d\u202e":
            stack.append("e")
        elif ch in "\u2066\u2067\u2068":
            stack.append("i")
        elif ch == "\u202c" and stack and stack[-1] == "e":
            stack.pop()
        elif ch == "\u2069" and "i" in stack:
            while stack.pop() != "i":
                pass
    return len(stack)


class Tags(html.parser.HTMLParser):
    """Every tag and attribute, unescaped, and the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


pages = ["/", "/cycles/FY2027-Q2", "/teams/evil", "/objectives/%d" % HO, "/checkin", "/people/pat", "/people/eve",
         "/me", "/cycles/FY2027-Q2?person=pat&health=at_risk&team=evil"]
ses = pat.session()
shown = {k: False for k in payloads}
bidi_pages = []
for path in pages:
    r = srv.req("GET", path, auth=ses)
    page = r.body.decode("utf-8", "replace")
    check("hostile page %s answers 200" % path, r.status == 200, r)
    raw_hits = [k for k, v in payloads.items() if ("<" in v or '"' in v) and v in page]
    check("hostile page %s: no payload comes back raw" % path, not raw_hits, raw_hits)
    p = Tags()
    p.feed(page)
    bad = []
    for tag, attrs in p.tags:
        if tag in ("iframe", "object", "embed", "img", "u"):
            bad.append("<%s>" % tag)
        if tag == "script" and not any(k == "src" and (v or "").startswith("/static/") for k, v in attrs):
            bad.append("an inline <script>")
        for k, v in attrs:
            if k.startswith("on"):
                bad.append("%s on <%s>" % (k, tag))
            if k in ("href", "src", "action", "formaction") and v:
                scheme = re.sub(r"[\x00-\x20]", "", v).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    bad.append('%s="%s" on <%s>' % (k, v, tag))
    check("hostile page %s: no element, handler or URL came from the payloads" % path, not bad, bad[:5])
    spill = [t[:80] for t in p.text if bidi_open(t)] + [v[:80] for _, attrs in p.tags for _, v in attrs if v and bidi_open(v)]
    check("hostile page %s: a direction mark (U+202E) never reaches past its own text" % path, not spill, spill[:3])
    if BIDI in page:
        bidi_pages.append(path)
    text = "".join(p.text)
    for k, v in payloads.items():
        if unicodedata.normalize("NFC", v.replace(BIDI, "")) in unicodedata.normalize("NFC", text.replace(BIDI, "")):
            shown[k] = True
check("the check-in note with U+202E is on a page (the direction check saw it): %s" % bidi_pages, bidi_pages)
check("the payloads are on the pages as text (the test sees them): %s" % ", ".join(k for k, v in shown.items() if not v),
      all(shown[k] for k in ("objective title", "KR title", "status line", "team name", "person name", "retro bullet",
                             "comment body")), shown)


# --- hostile titles in the tree's exports (issue 19): formulas neutralised, quotes kept in one cell
FORMULAS = ["=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(1,2)", "\uff1dfull-width", "a,b;\"c\"|d"]
for f in FORMULAS:
    ok("an objective titled %r" % f, srv.req("POST", "/api/v1/objectives", {
        "cycle": "FY2027-Q2", "team": "evil", "dri": "pat", "title": f}, auth=sp), 201)
r = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2&team=evil&format=csv", auth=sp)
check("the hostile view as CSV: 200, an attachment", r.status == 200 and r.ctype.startswith("text/csv") and
      (r.header("Content-Disposition") or "").startswith("attachment;"), r)
rows = list(csv.DictReader(io.StringIO(r.body.decode(), newline="")))
titles = [x["title"] for x in rows]
check("CSV: a title a spreadsheet would run is prefixed with an apostrophe, the others kept as they are",
      all(("'" + f if f[:1] in "=+-@\uff1d" else f) in titles for f in FORMULAS), titles)
check("CSV: the hostile titles and unit come back whole", payloads["objective title"] in titles and
      payloads["KR title"] in titles, titles)
check("CSV: no cell starts with a formula character", not any(
    v[:1] in "=+-@" for x in rows for k, v in x.items() if k in ("title", "dri", "team")), rows)
r = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2&format=md", auth=sp)
check("the hostile view as Markdown: exactly okra export's", r.status == 200 and
      r.body.decode() == srv.okra("export", "--format", "md", "--cycle", "FY2027-Q2"), r)
r = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2&format=json", auth=sp)
check("the hostile view as JSON: the titles as the strings they are", r.status == 200 and
      payloads["objective title"] in [o["title"] for o in r.json["objectives"]], r)

srv.stop()

# --- secrets never reach the log ---------------------------------------------------------------
logged = Server(now="2026-07-01", quiet=False)
logged.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
la = logged.login("alex", ADMIN_PW)
lt = logged.token(la)
logged.req("GET", "/api/v1/session?token=" + lt.token, auth=lt.bearer())
logged.req("POST", "/api/v1/people", {"handle": "pat", "name": "Pat"}, auth=la)
logged.req("PUT", "/api/v1/people/pat/password", {"password": PW}, auth=la)
logged.req("POST", "/api/v1/session", {"handle": "pat", "password": "a wrong password, logged?"})
logged.req("POST", "/hooks/gitlab", {"object_kind": "issue"}, headers={"X-Gitlab-Token": GL_SECRET})
logged.req("POST", "/hooks/gitlab", {"object_kind": "issue"}, headers={"X-Gitlab-Token": "a-wrong-secret-logged?"})
logged.stop()
log = open(logged.errpath, "rb").read().decode("utf-8", "replace")
check("the access log has its lines (the server logged)", log.count('"method"') >= 7, log[-1000:])
leaks = [name for name, v in (("admin password", ADMIN_PW), ("a set password", PW), ("a wrong password", "a wrong password"),
                              ("session cookie", la.cookie), ("CSRF token", la.csrf), ("API token", lt.token),
                              ("webhook secret", GL_SECRET), ("a wrong webhook secret", "a-wrong-secret")) if v in log]
check("no password, cookie, CSRF token, API token or webhook secret reaches the log", not leaks, leaks)
finish()
