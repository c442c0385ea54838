"""lib.py: what every API test shares: a real `okra serve` on a fresh database, a request helper
that checks the security headers and validates JSON bodies against docs/openapi.json, check()
and finish() (the last line is "N passed, N failed").

    srv = Server(now="2026-07-01")          # okra init, the first admin, serve on 127.0.0.1:0
    admin = srv.login("alex", ADMIN_PW)     # an Auth: session cookie + CSRF token
    r = srv.req("GET", "/api/v1/people", auth=admin)
    check("a name that says the rule", r.status == 200, r)
    srv.stop()                               # SIGTERM: exit 0, no sanitizer report
    finish()

The binary is $OKRA (default build/release/okra); OKRA_NOW is set in the server's environment.
"""
import atexit
import functools
import gzip
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

from jsonschema import Draft202012Validator

try:  # jsonschema >= 4.18
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012
except ImportError:  # Debian 12's 4.10: RefResolver
    Registry = None
    from jsonschema import RefResolver

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OKRA = os.environ.get("OKRA", "build/release/okra")
if not os.path.isabs(OKRA):
    OKRA = os.path.join(ROOT, OKRA)
OPENAPI_PATH = os.path.join(ROOT, "docs", "openapi.json")
ROUTES_DEF = os.path.join(ROOT, "src", "http", "routes.def")
ADMIN_PW = "alex-admin-password"
PW = "a long enough password"  # everyone else's, set over the API

_passed = 0
_failed = 0
_servers = []
_dirs = []  # temp directories: removed when everything passed, kept (and named) otherwise
_dbs = []  # PostgreSQL databases made by new_db: dropped at the end
PG_BASE = os.environ.get("OKRA_TEST_PG", "")  # a server's base URI: run on PostgreSQL (tests/pg)
PG_TOOL = os.path.join(ROOT, "tests", "pg")


def new_db(directory, name="okra"):
    """A new empty database: a SQLite path in directory, or a fresh PostgreSQL database."""
    if not PG_BASE:
        return os.path.join(directory, name + ".db")
    uri = subprocess.run([PG_TOOL, "newdb", PG_BASE], capture_output=True, text=True, check=True).stdout.strip()
    _dbs.append(uri)
    return uri


def connect(db):
    """A DB-API connection to db (either engine); queries use ? placeholders on both."""
    if db.startswith("postgres"):
        import psycopg2
        con = psycopg2.connect(db)
        con.autocommit = True
        return con
    return sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)


def sql(db, q, *args):
    """The rows of q on db; ? placeholders."""
    con = connect(db)
    try:
        if db.startswith("postgres"):
            cur = con.cursor()
            cur.execute(q.replace("%", "%%").replace("?", "%s"), args)
            return cur.fetchall() if cur.description else []
        return con.execute(q, args).fetchall()
    finally:
        con.close()


def _short(x, n=600):
    s = x if isinstance(x, str) else repr(x)
    return s if len(s) <= n else s[:n] + "…"


def check(name, cond, detail=None):
    """Count one check; on failure print its name and what was seen."""
    global _passed, _failed
    if cond:
        _passed += 1
        if os.environ.get("VERBOSE"):
            print("ok: " + name)
    else:
        _failed += 1
        print("FAIL: " + name)
        if detail is not None:
            for line in _short(detail if isinstance(detail, str) else repr(detail), 2000).split("\n"):
                print("  " + line)
    return bool(cond)


def _kill_leftovers():
    """A suite that dies of an exception must not leave its servers running."""
    for s in list(_servers):
        if s.proc is not None and s.proc.poll() is None:
            s.proc.kill()


atexit.register(_kill_leftovers)


def finish():
    """Stop servers still running, settle the per-response checks, print the count, exit."""
    for s in list(_servers):
        s.stop()
    _settle_response_checks()
    for d in _dirs:
        if _failed:
            print("kept for a look: " + d)
        else:
            shutil.rmtree(d, ignore_errors=True)
    for uri in _dbs:
        subprocess.run([PG_TOOL, "dropdb", uri], capture_output=True)
    print("%d passed, %d failed" % (_passed, _failed))
    sys.exit(1 if _failed else 0)


# --- routes, parsed from src/http/routes.def (the route table's rows) so that a new route cannot be forgotten

def _closing(s, i):
    """s[i] opens a bracket: the index just after the one that closes it."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] in "({":
            depth += 1
        elif s[j] in ")}":
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError("unbalanced in routes.def: " + s[i:i + 60])


def _fields(s):
    """The inside of FIELDS(...): [(name, type, required, items or None)]."""
    out, i = [], 0
    while (i := s.find("{", i)) >= 0:
        j = _closing(s, i)
        m = re.match(r'\s*"([^"]+)"\s*,\s*(F_\w+)\s*,\s*([01])\s*(?:,\s*FIELDS\((.*)\))?\s*$', s[i + 1:j - 1], re.S)
        if not m:
            raise ValueError("a field of routes.def does not parse: " + s[i:j])
        out.append((m.group(1), m.group(2), m.group(3) == "1", _fields(m.group(4)) if m.group(4) else None))
        i = j
    return out


def route_rows():
    """Every ROUTE(...) row of routes.def as a dict: method, pattern, handler, access, cap, guard,
    fields (None for NO_BODY), in table order."""
    text = re.sub(r"/\*.*?\*/", "", open(ROUTES_DEF, encoding="utf-8").read(), flags=re.S)
    rows = []
    for m in re.finditer(r"^ROUTE\(", text, re.M):
        args = text[m.end():_closing(text, m.end() - 1) - 1]
        a = re.match(r'\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*(\w+)\s*,\s*(PUBLIC|SIGNED_IN|PAGE|HOOK)\s*,\s*(\w+)\s*,'
                     r'\s*(\w+)\s*,\s*(.*)$', args, re.S)
        if not a:
            raise ValueError("a row of routes.def does not parse: " + args[:80])
        body = a.group(7).strip()
        rows.append({"method": a.group(1), "pattern": a.group(2), "handler": a.group(3), "access": a.group(4),
                     "cap": a.group(5), "guard": a.group(6),
                     "fields": _fields(body[len("FIELDS("):-1]) if body.startswith("FIELDS(") else None})
    return rows


def routes():
    """[(method, pattern, handler, access)] in table order."""
    return [(r["method"], r["pattern"], r["handler"], r["access"]) for r in route_rows()]


# --- the OpenAPI document -------------------------------------------------------------------

DOC_URI = "https://okra.invalid/openapi.json"


class OpenAPI:
    """docs/openapi.json as it is at run time: find an operation, validate a response body."""

    def __init__(self, path=OPENAPI_PATH):
        self.error = None
        try:
            with open(path, encoding="utf-8") as f:
                self.doc = json.load(f)
        except (OSError, ValueError) as e:
            self.doc = {"paths": {}}
            self.error = "%s: %s" % (path, e)
        if Registry is not None:
            self.refs = {"registry": Registry().with_resource(DOC_URI, DRAFT202012.create_resource(self.doc))}
        else:
            self.refs = {"resolver": RefResolver(DOC_URI, self.doc, store={DOC_URI: self.doc})}
        self.validators = {}
        prefixes = [""]
        for s in self.doc.get("servers") or []:
            p = urllib.parse.urlsplit(s.get("url", "")).path.rstrip("/")
            if p:
                prefixes.append(p)
        self.templates = []  # (regex, template, literal segment count)
        for tpl in (self.doc.get("paths") or {}):
            for pre in prefixes:
                full = pre + tpl
                rx = "^" + re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(full)) + "$"
                lits = sum(1 for seg in full.split("/") if seg and not seg.startswith("{"))
                self.templates.append((re.compile(rx), tpl, lits))

    @staticmethod
    def _esc(s):
        return s.replace("~", "~0").replace("/", "~1")

    def deref(self, obj, ptr):
        """Follow OpenAPI-level $refs (path items, responses, media types) within the document."""
        seen = 0
        while isinstance(obj, dict) and "$ref" in obj and seen < 20:
            ref = obj["$ref"]
            if not ref.startswith("#/"):
                return None, ref
            ptr = ref[1:]
            obj = self.doc
            for part in ptr[1:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if isinstance(obj, list):
                    obj = obj[int(part)]
                else:
                    obj = obj.get(part) if isinstance(obj, dict) else None
                if obj is None:
                    return None, ref
            seen += 1
        return obj, ptr

    def operation(self, method, path):
        """(template, operation, pointer) or None."""
        if method != method.upper():  # methods are case-sensitive: "get" is no operation's
            return None
        m = "get" if method == "HEAD" else method.lower()
        best = None
        for rx, tpl, lits in self.templates:
            if rx.match(path):
                item, iptr = self.deref(self.doc["paths"][tpl], "/paths/" + self._esc(tpl))
                if isinstance(item, dict) and m in item and (best is None or lits > best[2]):
                    best = (tpl, item[m], lits, iptr + "/" + m)
        if best is None:
            return None
        return best[0], best[1], best[3]

    def problem_schema_ptr(self):
        schemas = (self.doc.get("components") or {}).get("schemas") or {}
        for name in schemas:
            if "problem" in name.lower():
                return "/components/schemas/" + self._esc(name)
        return None

    def validate_ptr(self, ptr, body):
        """Error text, or None when body is valid against the schema at ptr."""
        v = self.validators.get(ptr)
        if v is None:
            v = Draft202012Validator({"$ref": DOC_URI + "#" + ptr}, **self.refs)
            self.validators[ptr] = v
        try:
            errs = sorted(v.iter_errors(body), key=lambda e: list(e.absolute_path))
        except Exception as e:  # an unresolvable $ref is the document's fault
            return "the schema cannot be used: %s: %s" % (type(e).__name__, e)
        if not errs:
            return None
        return "; ".join("%s at %s" % (e.message[:300], "/".join(str(p) for p in e.absolute_path) or "(root)")
                         for e in errs[:3])

    def check_response(self, method, path, status, ctype, body):
        """(key, error or None) for one response."""
        if self.error:
            return "openapi: docs/openapi.json is readable JSON", self.error
        mtype = (ctype or "").split(";")[0].strip().lower()
        found = self.operation(method, path)
        if found is None:
            key = "openapi: a %d %s outside any operation (%s) matches the document's problem schema" % (
                status, mtype, "unknown path or method")
            if mtype != "application/problem+json":
                return key, "not a problem+json body"
            ptr = self.problem_schema_ptr()
            if ptr is None:
                return key, "the document has no components.schemas entry named like Problem"
            return key, self.validate_ptr(ptr, body)
        tpl, op, optr = found
        key = "openapi: %s %s %d %s matches the document" % (
            "GET" if method == "HEAD" else method, tpl, status, mtype or "(no body)")
        responses, rptr = op.get("responses"), optr + "/responses"
        if not isinstance(responses, dict):
            return key, "the operation has no responses"
        code = str(status)
        if code in responses:
            name = code
        elif ("%dXX" % (status // 100)) in responses:
            name = "%dXX" % (status // 100)
        elif "default" in responses:
            name = "default"
        else:
            return key, "status %d is not documented for %s %s (documented: %s)" % (
                status, method, tpl, ", ".join(sorted(responses)))
        resp, resp_ptr = self.deref(responses[name], rptr + "/" + self._esc(name))
        if not isinstance(resp, dict):
            return key, "response %s cannot be resolved" % name
        if body is None:  # no body to validate: documenting the status is enough
            return key, None
        content = resp.get("content") or {}
        media = None
        for cand in (mtype, mtype.split("/")[0] + "/*", "*/*"):
            if cand in content:
                media = cand
                break
        if media is None:
            return key, "response %s has no content for %s (has: %s)" % (name, mtype, ", ".join(content) or "none")
        mobj, mptr = self.deref(content[media], resp_ptr + "/content/" + self._esc(media))
        if not isinstance(mobj, dict) or "schema" not in mobj:
            return key, "response %s %s has no schema" % (name, media)
        return key, self.validate_ptr(mptr + "/schema", body)


_openapi = None
_resp_checks = {}  # key -> [count, first failure]
_sec = {"n": 0, "bad": []}


def openapi():
    global _openapi
    if _openapi is None:
        _openapi = OpenAPI()
    return _openapi


def _settle_response_checks():
    for key in sorted(_resp_checks):
        n, bad = _resp_checks[key]
        check(key, bad is None, bad)
    _resp_checks.clear()
    if _sec["n"]:
        check("security headers (CSP default-src 'self' and frame-ancestors 'none', nosniff, "
              "Referrer-Policy) on every response (%d)" % _sec["n"], not _sec["bad"], "\n".join(_sec["bad"][:5]))
    _sec["n"] = 0
    _sec["bad"] = []


def _note_response(key, err, what):
    entry = _resp_checks.setdefault(key, [0, None])
    entry[0] += 1
    if err and entry[1] is None:
        entry[1] = "%s\n%s" % (what, err)


# --- requests -------------------------------------------------------------------------------

class Auth:
    """Credentials: a session cookie with its CSRF token, or a Bearer token, or both absent."""

    def __init__(self, handle=None, cookie=None, csrf=None, token=None, token_id=None):
        self.handle, self.cookie, self.csrf, self.token, self.token_id = handle, cookie, csrf, token, token_id

    def bearer(self):
        return Auth(self.handle, token=self.token, token_id=self.token_id)

    def session(self):
        return Auth(self.handle, cookie=self.cookie, csrf=self.csrf)

    def __repr__(self):
        return "Auth(%s%s%s)" % (self.handle, " cookie" if self.cookie else "", " token" if self.token else "")


class Response:
    def __init__(self, method, path, status, headers, body):
        self.method, self.path, self.status, self.headers, self.body = method, path, status, headers, body
        # A gzip body is checked as what it decodes to; the bytes sent stay in raw.
        self.raw = body
        if (headers.get("Content-Encoding") or "").lower() == "gzip" and body:
            try:
                self.body = gzip.decompress(body)
            except (OSError, EOFError) as e:
                self.body = ("not gzip: %s" % e).encode()
        body = self.body
        self.ctype = headers.get("Content-Type") or ""
        self.json = None
        mtype = self.ctype.split(";")[0].strip().lower()
        if mtype in ("application/json", "application/problem+json") and body:
            try:
                self.json = json.loads(body)
            except ValueError:
                self.json = ValueError("not JSON: %r" % body[:200])

    def header(self, name):
        return self.headers.get(name)

    def __repr__(self):
        return "%s %s -> %d %s %s" % (self.method, self.path, self.status, self.ctype,
                                      _short(self.body.decode("utf-8", "replace"), 500))


class Server:
    """A real okra serve on 127.0.0.1 (a free port) over a fresh database in a temp directory."""

    def __init__(self, now="2026-07-01", init=True, db=None, serve_args=(), quiet=True):
        self.dir = tempfile.mkdtemp(prefix="okra-api-")
        self.serve_args = list(serve_args)  # more `okra serve` flags (--timeout, --max-connections)
        self.quiet = quiet  # False: the access log goes to the stderr file too
        _dirs.append(self.dir)
        self.db = db or new_db(self.dir)
        self.now = now
        self.proc = None
        self.port = None
        self.source = "127.0.0.1"
        if init:
            self.okra("init")
            self.okra("person", "add", "alex", "--name", "Alex Admin", "--role", "admin", "--joined", "2020-01-01")
            self.okra("user", "passwd", "alex", stdin=ADMIN_PW + "\n")
        self.start(now)

    def okra(self, *args, stdin=None):
        """The CLI, for what only it can do (init, the first admin and their password)."""
        env = dict(os.environ, OKRA_NOW=self.now)
        p = subprocess.run([OKRA, "--db", self.db] + list(args), input=stdin, capture_output=True,
                           text=True, env=env, timeout=60)
        if p.returncode != 0:
            raise RuntimeError("okra %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
        return p.stdout

    def start(self, now=None):
        if now:
            self.now = now
        ready = os.path.join(self.dir, "port")
        if os.path.exists(ready):
            os.unlink(ready)
        self.errpath = os.path.join(self.dir, "stderr.%d" % len(os.listdir(self.dir)))
        env = dict(os.environ, OKRA_NOW=self.now)
        self.errfile = open(self.errpath, "wb")
        self.proc = subprocess.Popen([OKRA, "--db", self.db, "serve", "--listen", "127.0.0.1:0",
                                      "--ready-file", ready, "--threads", "4"] + (["--quiet"] if self.quiet else []) +
                                     self.serve_args,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=self.errfile, env=env)
        _servers.append(self)
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(ready):
                txt = open(ready).read().strip()
                if txt.isdigit():
                    self.port = int(txt)
                    return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError("okra serve did not start: %s" % open(self.errpath, "rb").read()[-2000:])

    def stop(self, name="SIGTERM: the server finishes and exits 0"):
        """SIGTERM; the exit status must be 0 and stderr free of sanitizer reports."""
        if self.proc is None:
            return None
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.errfile.close()
        err = open(self.errpath, "rb").read().decode("utf-8", "replace")
        check(name, rc == 0, "exit %s; stderr: %s" % (rc, err[-2000:]))
        bad = [m for m in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:") if m in err]
        check("no sanitizer report in the server's stderr", not bad, err[-4000:])
        self.proc = None
        if self in _servers:
            _servers.remove(self)
        return rc

    def kill(self):
        """SIGKILL: no chance to finish anything (crash-safety tests); start() brings it back."""
        if self.proc is None:
            return
        self.proc.kill()
        self.proc.wait()
        self.errfile.close()
        self.proc = None
        if self in _servers:
            _servers.remove(self)

    def restart(self, now):
        self.stop()
        self.start(now)

    # --- HTTP ---

    def req(self, method, path, json_body=None, auth=None, headers=None, data=None, ctype=None,
            csrf=True, source=None, query=None):
        """One request on a fresh connection. json_body is sent as application/json; data as is.
        With a session, unsafe methods carry X-CSRF-Token unless csrf=False (or a string: that
        value). Every response is checked for the security headers and, with a JSON type,
        validated against the OpenAPI document."""
        h = {}
        body = None
        if json_body is not None:
            body = json.dumps(json_body).encode()
            h["Content-Type"] = "application/json"
        if data is not None:
            body = data if isinstance(data, bytes) else data.encode()
        if ctype is not None:
            if ctype is False:
                h.pop("Content-Type", None)
            else:
                h["Content-Type"] = ctype
        if query:
            path = path + "?" + urllib.parse.urlencode(query)
        if auth is not None:
            if auth.token:
                h["Authorization"] = "Bearer " + auth.token
            if auth.cookie:
                h["Cookie"] = "okra_session=" + auth.cookie
                if method not in ("GET", "HEAD", "OPTIONS") and csrf:
                    h["X-CSRF-Token"] = csrf if isinstance(csrf, str) else (auth.csrf or "")
        h.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                          source_address=(source or self.source, 0))
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in h.items():
                conn.putheader(k, v)
            if body is not None or method in ("POST", "PUT", "PATCH"):
                conn.putheader("Content-Length", str(len(body or b"")))
            conn.endheaders(body)
            resp = conn.getresponse()
            rbody = resp.read()
            r = Response(method, path, resp.status, resp.headers, rbody)
        finally:
            conn.close()
        self._inspect(r)
        return r

    def _inspect(self, r):
        _sec["n"] += 1
        csp = r.header("Content-Security-Policy") or ""
        missing = []
        if "default-src 'self'" not in csp:
            missing.append("CSP default-src 'self'")
        if "frame-ancestors 'none'" not in csp:
            missing.append("CSP frame-ancestors 'none'")
        if (r.header("X-Content-Type-Options") or "").lower() != "nosniff":
            missing.append("X-Content-Type-Options: nosniff")
        if not r.header("Referrer-Policy"):
            missing.append("Referrer-Policy")
        if missing:
            _sec["bad"].append("%s %s -> %d lacks %s" % (r.method, r.path, r.status, ", ".join(missing)))
        if r.method == "HEAD":
            return
        path = urllib.parse.urlsplit(r.path).path
        mtype = r.ctype.split(";")[0].strip().lower()
        what = "%s %s -> %d %s: %s" % (r.method, r.path, r.status, r.ctype,
                                       _short(r.body.decode("utf-8", "replace"), 300))
        if mtype in ("application/json", "application/problem+json"):
            if isinstance(r.json, ValueError) or r.json is None:
                _note_response("JSON bodies parse: %s" % path, "%s" % r.json, what)
                return
            key, err = openapi().check_response(r.method, path, r.status, r.ctype, r.json)
            _note_response(key, err, what)
        elif path.startswith("/api/") and r.status in (204, 304) and r.method != "HEAD":
            # No body, but the status must still be one the operation documents.
            key, err = openapi().check_response(r.method, path, r.status, "", None)
            _note_response(key, err, what)

    # --- sign-in helpers ---

    def login(self, handle, password, source=None):
        r = self.req("POST", "/api/v1/session", {"handle": handle, "password": password}, source=source)
        if r.status != 201:
            raise RuntimeError("login %s: %r" % (handle, r))
        return Auth(handle, cookie=cookie_of(r), csrf=r.json["csrf_token"])

    def token(self, auth, name="tests"):
        """A Bearer token for auth's person, made over the API."""
        r = self.req("POST", "/api/v1/tokens", {"name": name}, auth=auth)
        if r.status != 201:
            raise RuntimeError("token for %s: %r" % (auth.handle, r))
        return Auth(auth.handle, cookie=auth.cookie, csrf=auth.csrf, token=r.json["token"], token_id=r.json["id"])

    def person(self, admin, handle, role="member", joined="2021-01-01", name=None, password=PW):
        """Add a person (as admin), set their password, sign them in: session + token."""
        r = self.req("POST", "/api/v1/people", {"handle": handle, "name": name or handle.title(),
                                               "role": role, "joined_on": joined}, auth=admin)
        if r.status != 201:
            raise RuntimeError("person %s: %r" % (handle, r))
        if password is None:
            return None
        r = self.req("PUT", "/api/v1/people/%s/password" % handle, {"password": password}, auth=admin)
        if r.status != 204:
            raise RuntimeError("password %s: %r" % (handle, r))
        return self.token(self.login(handle, password))

    # --- what "nothing changed" means ---

    def digest(self, skip=("sessions", "api_tokens", "login_failures")):
        """A digest of every row of every table but the sign-in bookkeeping (seen_at, last_used_at,
        failed sign-ins)."""
        if self.db.startswith("postgres"):
            listing = ("SELECT table_name FROM information_schema.tables"
                       " WHERE table_schema = 'public' ORDER BY table_name")
        else:
            listing = "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        h = hashlib.sha256()
        for (t,) in sql(self.db, listing):
            if t in skip:
                continue
            h.update(("\0table %s\0" % t).encode())
            # Ordered by every column: where an engine keeps a row is not part of the state.
            for row in sorted(repr(r) for r in sql(self.db, 'SELECT * FROM "%s"' % t.replace('"', '""'))):
                h.update(row.encode())
        return h.hexdigest()

    def sql(self, q, *args):
        """The rows of q on this server's database; ? placeholders."""
        return sql(self.db, q, *args)

    def snapshot(self, auth, cycle=None, extra=()):
        """The database digest, the tree (body and ETag) and any extra GETs: compare before/after."""
        q = {"cycle": cycle} if cycle else None
        t = self.req("GET", "/api/v1/tree", auth=auth, query=q)
        gets = tuple((p, self.req("GET", p, auth=auth).body) for p in extra)
        return (self.digest(), t.status, t.header("ETag"), t.body, gets)

    def refused(self, name, status, method, path, body=None, auth=None, snap_auth=None, cycle=None,
                extra=(), detail_has=None, **kw):
        """A write that must be refused with status, and leave everything as it was."""
        before = self.snapshot(snap_auth or auth, cycle, extra)
        r = self.req(method, path, body, auth=auth, **kw)
        after = self.snapshot(snap_auth or auth, cycle, extra)
        ok = r.status in status if isinstance(status, tuple) else r.status == status
        if ok and detail_has:
            d = (r.json or {}).get("detail", "") if isinstance(r.json, dict) else ""
            ok = detail_has in d
        check(name, ok, r)
        check(name + " (nothing changed)", before == after,
              "the database or the tree changed on a refused %s %s" % (method, path))
        return r


class Recorder:
    """A Server's req that keeps every answer's (status, method, path), for a suite's closing
    check that none was a 5xx."""

    def __init__(self, srv):
        self.srv = srv
        self.statuses = []

    def __call__(self, *a, **kw):
        r = self.srv.req(*a, **kw)
        self.statuses.append((r.status, r.method, r.path))
        return r

    def check_no_5xx(self, what="no request answered 5xx"):
        bad = [x for x in self.statuses if x[0] >= 500]
        check("%s (%d requests)" % (what, len(self.statuses)), not bad, bad)


def post_checked(req, auth, path, body, status=201, what=None, label="setup: POST %s"):
    """A suite's setup write: POST body to path as auth through req (a Server's req, or a suite's
    own that records every answer), checked to answer status; the JSON answer ({} if none)."""
    r = req("POST", path, body, auth=auth)
    check(what or label % path, r.status == status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


def poster(req, *auth, label="setup: POST %s"):
    """post_checked with its req (and its auth, when given) bound: post(path, body, status=201,
    what=None), or post(auth, path, body, ...) when the suite posts as several people."""
    return functools.partial(post_checked, req, *auth, label=label)


def criteria_states(req, auth, cycle="FY2027-Q3"):
    """Every criterion's state in cycle's tree, by its ref."""
    t = req("GET", "/api/v1/tree", auth=auth, query={"cycle": cycle}).json
    return {c["ref"]: c["state"] for o in t["objectives"] for k in o["key_results"] for c in k["criteria"]}


def cookie_of(r):
    """The okra_session value a response sets (or None)."""
    for k, v in r.headers.items():
        if k.lower() == "set-cookie":
            m = re.match(r"\s*okra_session=([^;]*)", v)
            if m:
                return m.group(1)
    return None


def next_link(r):
    """The rel="next" target of a Link header, or None."""
    link = r.header("Link")
    if not link:
        return None
    m = re.search(r'<([^>]+)>\s*;\s*rel="?next"?', link)
    return m.group(1) if m else None


def near(a, b, eps=1e-9):
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) < eps
