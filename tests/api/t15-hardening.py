"""t15-hardening.py: what a review of the server asked for: cross-site requests refused, If-Match
and If-None-Match as RFC 9110 has them, bodies capped before they are read, no Location for
items without a URL, secrets never cached, and credentials a public route cannot use ignored."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

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
O = ok("setup: objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat",
                                                                 "title": "Reliable"}, auth=patb), 201)["id"]
KC = ok("setup: criteria KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Automate", "dri": "pat",
                                                                     "kind": "criteria"}, auth=patb), 201)["id"]
OBJ = "/api/v1/objectives/%d" % O

# --- cross-site requests ---------------------------------------------------------------------
srv.refused("a cross-site sign-in is refused (login CSRF): 403", 403, "POST", "/api/v1/session",
            {"handle": "pat", "password": "x" * 12}, headers={"Origin": "https://evil.example"})
r = srv.req("POST", "/login", data="handle=alex&password=" + ADMIN_PW.replace(" ", "+"),
            ctype="application/x-www-form-urlencoded", headers={"Sec-Fetch-Site": "cross-site"})
check("a cross-site /login form post is refused and sets no cookie: 403", r.status == 403 and not r.header("Set-Cookie"), r)
srv.refused("a cookie request from another site is refused even with the CSRF token: 403", 403, "POST", OBJ + "/links",
            {"ref": "g/p#9"}, auth=alex, headers={"Origin": "http://evil.example"})
r = srv.req("POST", OBJ + "/links", {"ref": "g/p#8"}, auth=alex,
            headers={"Origin": "http://127.0.0.1:%d" % srv.port, "Sec-Fetch-Site": "same-origin"})
check("the same site's own request passes: 201", r.status == 201, r)
check("a 201 that adds a link has no Location (the link has no URL of its own)", not r.header("Location"), r)
r = srv.req("POST", "/api/v1/criteria", {"key_result": KC, "ref": "g/p#1", "contribution": 50}, auth=patb)
check("a 201 that adds a criterion has no Location", r.status == 201 and not r.header("Location"), r)
r = srv.req("POST", "/api/v1/initiatives", {"key_result": KC, "title": "Epic"}, auth=patb)
check("a 201 that adds an initiative has no Location", r.status == 201 and not r.header("Location"), r)

# --- If-Match --------------------------------------------------------------------------------
r = srv.req("PATCH", OBJ, {"title": "Any version"}, auth=patb, headers={"If-Match": "*"})
check("If-Match: * matches the current version (RFC 9110 13.1.1): 200", r.status == 200 and r.json["title"] == "Any version", r)
tag = srv.req("GET", OBJ, auth=patb).header("ETag")
r = srv.req("PATCH", OBJ, {"title": "From a list"}, auth=patb, headers={"If-Match": '"o%d-v1", %s' % (O, tag)})
check("If-Match with a list matches when one tag is current: 200", r.status == 200, r)
srv.refused("If-Match with only stale tags: 412", 412, "PATCH", OBJ, {"title": "Stale"}, auth=patb,
            headers={"If-Match": '"o%d-v1", "o%d-v2"' % (O, O)})

# --- If-None-Match on the tree ---------------------------------------------------------------
r = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2", auth=patb)
etag = r.header("ETag")
for inm, why in (("W/" + etag, "a weak tag"), ('"x", ' + etag, "a list"), ("*", "*")):
    r = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2", auth=patb, headers={"If-None-Match": inm})
    check("If-None-Match with %s gives 304" % why, r.status == 304, r)
r = srv.req("GET", "/api/v1/tree?cycle=%22quoted%22", auth=patb, headers={"If-None-Match": "*"})
check("an unknown cycle is 404 even when If-None-Match would match", r.status == 404, r)
r = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2", auth=patb)
check("the tree's ETag is one quoted token", r.header("ETag").count('"') == 2, r.header("ETag"))

# --- bodies are capped before they are read --------------------------------------------------
r = srv.req("POST", "/api/v1/session", None, data='{"handle":"pat","password":"' + "p" * 70000 + '"}',
            ctype="application/json")
check("a public route takes at most 64 KiB: 413", r.status == 413, r)
r = srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "pat", "title": "x"})
check("a signed-in route asked without credentials is 401, body unread", r.status == 401, r)

# --- secrets are never cached ----------------------------------------------------------------
r = srv.req("POST", "/api/v1/session", {"handle": "pat", "password": "a long password"})
r = srv.req("GET", "/api/v1/session", auth=alex)
check("the session (with its CSRF token) is Cache-Control: no-store", "no-store" in (r.header("Cache-Control") or ""), r)
r = srv.req("POST", "/api/v1/tokens", {"name": "x"}, auth=alex)
check("a new token is Cache-Control: no-store", r.status == 201 and "no-store" in (r.header("Cache-Control") or ""), r)

# --- credentials a public route cannot use are ignored; schemes are case-insensitive -------
r = srv.req("GET", "/healthz", headers={"Authorization": "Basic dXNlcjpwYXNz"})
check("/healthz answers a request with Basic credentials: 200", r.status == 200, r)
r = srv.req("GET", "/healthz", headers={"Authorization": "Bearer " + "0" * 64})
check("/healthz answers a request with an unknown token: 200", r.status == 200, r)
r = srv.req("GET", "/api/v1/session", headers={"Authorization": "bearer " + ada.token})
check("the Bearer scheme is case-insensitive (RFC 9110 11.1)", r.status == 200, r)

srv.stop()
finish()
