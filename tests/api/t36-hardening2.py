"""t36-hardening2.py: what an outside attack and fault run found (SECURITY.md, second round),
each proved on a real server: a Markdown table that would render megabytes renders bounded,
closing a ref touches only what the caller may edit, and more below."""
import json
import os
import re
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-07-01")
alex = srv.login("alex", ADMIN_PW)
ada = srv.token(alex).bearer()
pat = srv.person(ada, "pat", "member")
patb = pat.bearer()


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]}, auth=ada), 201)
ok("setup: year", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ada), 201)

# --- Markdown table amplification ------------------------------------------------------------
# 1,000 header cells over 2,000 one-character rows: 8 KB that cmark-gfm filled in to 20 MB of cells.
attack = "|a" * 1000 + "|\n" + "|-" * 1000 + "|\n" + "x\n" * 2000
O = ok("a member's objective with a 1,000-column table in its context",
       srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat",
                                              "title": "Wide", "context": attack}, auth=patb), 201)["id"]
for i in range(2):
    r = srv.req("GET", "/objectives/%d" % O, auth=pat)
    check("view %d of its page: 200 and bounded (under 64 KB more than the text, no table)" % (i + 1),
          r.status == 200 and len(r.body) < len(attack) + 65536 and b"<table" not in r.body,
          "%d bytes" % len(r.body))
O2 = ok("a small table still renders",
        srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "Small",
                                               "context": "| KR | DRI |\n|---|---|\n| uptime | pat |\n"}, auth=patb), 201)["id"]
r = srv.req("GET", "/objectives/%d" % O2, auth=pat)
check("as a table", r.status == 200 and b"<table>" in r.body and b"<td>uptime</td>" in r.body, r)

# --- closing a ref by hand moves only what the caller may move --------------------------------
rio = srv.person(ada, "rio", "member")
riob = rio.bearer()
ok("setup: team saas", srv.req("POST", "/api/v1/teams", {"slug": "saas", "name": "SaaS", "members": ["rio"]}, auth=ada), 201)
S = ok("setup: a saas objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "saas", "dri": "rio",
                                                                         "title": "Self-serve"}, auth=riob), 201)["id"]
SK = ok("setup: its KR", srv.req("POST", "/api/v1/key-results", {"objective": S, "title": "Signup", "dri": "rio",
                                                                 "kind": "criteria"}, auth=riob), 201)["id"]
ok("setup: saas links g/shared#5", srv.req("POST", "/api/v1/objectives/%d/links" % S, {"ref": "g/shared#5"}, auth=riob), 201)
ok("setup: and has an initiative on it", srv.req("POST", "/api/v1/initiatives", {"key_result": SK, "title": "Shared",
                                                                                   "ref": "g/shared#5"}, auth=riob), 201)
PK = ok("setup: a platform criteria KR", srv.req("POST", "/api/v1/key-results", {"objective": O2, "title": "Ship", "dri": "pat",
                                                                                 "kind": "criteria"}, auth=patb), 201)["id"]
ok("setup: platform scores by g/shared#5", srv.req("POST", "/api/v1/criteria", {"key_result": PK, "ref": "g/shared#5",
                                                                                "contribution": 100}, auth=patb), 201)
srv.refused("a platform member closing g/shared#5 by hand, which saas items name too: 403, nothing moves", 403,
            "POST", "/api/v1/criteria/close", {"ref": "g/shared#5"}, auth=patb)
check("the saas link and initiative are still open",
      srv.sql("SELECT count(*) FROM links WHERE ref = 'g/shared#5' AND state = 'open'")[0][0] == 1 and
      srv.sql("SELECT count(*) FROM initiatives WHERE ref = 'g/shared#5' AND state = 'open'")[0][0] == 1)
ok("a leader may close it: 200", srv.req("POST", "/api/v1/criteria/close", {"ref": "g/shared#5"}, auth=ada), 200)
check("then every item is closed",
      srv.sql("SELECT count(*) FROM links WHERE ref = 'g/shared#5' AND state = 'closed'")[0][0] == 1 and
      srv.sql("SELECT count(*) FROM criteria WHERE ref = 'g/shared#5' AND state = 'closed'")[0][0] == 1)
srv.refused("and a saas member may not reopen the platform's criterion with it: 403", 403,
            "POST", "/api/v1/criteria/reopen", {"ref": "g/shared#5"}, auth=riob)

# --- HTTP framing: what a proxy and okra could read differently is refused, the connection closed
def raw(data, wait=2.0):
    """Send raw bytes on one connection; every byte the server sends until it closes (or wait runs out)."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=wait)
    s.sendall(data)
    got = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except socket.timeout:
        pass
    s.close()
    return got


smuggle = (b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
           b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
got = raw(smuggle)
check("Content-Length with Transfer-Encoding: 400, and the bytes after it never run as a request",
      got.startswith(b"HTTP/1.1 400") and got.count(b"HTTP/1.1 ") == 1, got[:300])
got = raw(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          b"Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
check("two different Content-Lengths: 400, one answer only", got.startswith(b"HTTP/1.1 400") and got.count(b"HTTP/1.1 ") == 1,
      got[:300])
got = raw(b"GET /healthz HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n")
check("two Host headers: 400", got.startswith(b"HTTP/1.1 400"), got[:300])
got = raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
check("one Host, no body: still 200", got.startswith(b"HTTP/1.1 200"), got[:300])

# --- %00 does not cut a path short ------------------------------------------------------------
r = srv.req("GET", "/objectives/%d%%00.json" % O2, auth=pat)
check("/objectives/N%00… is not the page of objective N (4xx)", 400 <= r.status < 500, r)
r = srv.req("GET", "/api/v1/objectives/%d%%00x" % O2, auth=patb)
check("/api/v1/objectives/N%00x is not objective N (4xx)", 400 <= r.status < 500, r)

# --- what a signed-in person was shown is not cached ---------------------------------------------
for path, who in (("/", pat), ("/objectives/%d" % O2, pat), ("/api/v1/objectives/%d" % O2, patb),
                  ("/api/v1/people", patb)):
    r = srv.req("GET", path, auth=who)
    cc = r.header("Cache-Control") or ""
    check("GET %s signed in: Cache-Control keeps it out of shared caches (%s)" % (path, cc),
          r.status == 200 and ("no-store" in cc or "private" in cc), r.headers)

# --- the OpenAPI document marks public exactly the routes the table makes public ---------------
table = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../src/http/routes.def")).read()
doc = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../docs/openapi.json")))
for method, path, access in re.findall(r'^ROUTE\("(\w+)", "([^"]+)", \w+, (\w+)', table, re.M):
    op = doc["paths"].get(path, {}).get(method.lower())
    if op is None:
        continue
    public = op.get("security", doc.get("security")) == []
    check("openapi: %s %s is %s as the route table says" % (method, path, "public" if access in ("PUBLIC", "HOOK") else "signed in"),
          public == (access in ("PUBLIC", "HOOK")), op.get("security"))

# --- sign-in limits behind a trusted proxy ------------------------------------------------------
def login(handle, password, xff=None, source=None):
    return srv.req("POST", "/api/v1/session", {"handle": handle, "password": password},
                   headers={"X-Forwarded-For": xff} if xff else None, source=source)


srv.refused("trusted_proxies must be addresses or prefixes: 422", 422, "PUT", "/api/v1/settings/trusted_proxies",
            {"value": "proxy.example"}, auth=ada)
ok("trusted_proxies = 127.0.0.1 (okra behind nginx on this host)",
   srv.req("PUT", "/api/v1/settings/trusted_proxies", {"value": "127.0.0.1, 10.0.0.0/8"}, auth=ada), 200, 204)
for i in range(5):
    r = login("ghost%d" % i, "wrong password", xff="203.0.113.5")
    check("behind the proxy, failure %d from client 203.0.113.5: 403" % (i + 1), r.status == 403, r)
r = login("rio", PW, xff="203.0.113.5")
check("client 203.0.113.5 is held back after five failures: 429", r.status == 429, r)
r = login("rio", PW, xff="203.0.113.6")
check("another client behind the same proxy signs in: 201 (before, the proxy's one address locked everyone out)",
      r.status == 201, r)
r = login("rio", PW, xff="1.2.3.4, 203.0.113.5")
check("a client cannot pick its address by sending its own X-Forwarded-For: still 429", r.status == 429, r)
for i in range(5):
    login("ghost%d" % i, "wrong password", xff="198.51.100.%d" % i, source="127.0.0.40")
r = login("rio", PW, xff="198.51.100.99", source="127.0.0.40")
check("X-Forwarded-For from a peer that is not a trusted proxy is not believed: 429", r.status == 429, r)
ok("trusted_proxies back to empty", srv.req("PUT", "/api/v1/settings/trusted_proxies", {"value": ""}, auth=ada), 200, 204)

# --- password changes: the current password for everyone, guesses limited like sign-ins ------
srv.refused("an admin changing their own password must give the current one too: 422", 422,
            "PUT", "/api/v1/people/alex/password", {"password": "a brand new admin password"}, auth=ada)
for i in range(5):
    r = srv.req("PUT", "/api/v1/people/pat/password", {"password": "pat's next password", "current_password": "guess %d" % i},
                auth=patb, source="127.0.0.30")
    check("wrong current_password %d: 403" % (i + 1), r.status == 403, r)
r = srv.req("PUT", "/api/v1/people/pat/password", {"password": "pat's next password", "current_password": "a-password"},
            auth=patb, source="127.0.0.30")
check("the 6th guess at current_password within 5 minutes is 429 with Retry-After",
      r.status == 429 and (r.header("Retry-After") or "").isdigit(), r)
r = srv.req("PUT", "/api/v1/people/alex/password", {"password": "a brand new admin password", "current_password": ADMIN_PW},
            auth=ada)
check("the admin with the current password changes their own: 204", r.status == 204, r)
check("and the admin's API token survives (tokens are for scripts: revoke them with okra token revoke)",
      srv.req("GET", "/api/v1/session", auth=ada).status == 200)

srv.stop()
finish()
