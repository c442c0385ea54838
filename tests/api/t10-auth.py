"""t10-auth.py: sessions (rotation, logout, expiry), CSRF, API tokens (revocation, owner-or-admin),
passwords over the API, the login rate limit, the HTML sign-in form, /healthz."""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Auth, Server, check, cookie_of, finish  # noqa: E402

srv = Server(now="2026-07-01T00:00")

# --- /healthz and the session of the first admin ---------------------------------------------
r = srv.req("GET", "/healthz")
check("/healthz answers 200 JSON without credentials", r.status == 200 and r.ctype.startswith("application/json")
      and isinstance(r.json, dict) and r.json.get("status") == "ok", r)
r = srv.req("HEAD", "/healthz")
check("HEAD /healthz answers 200 with no body", r.status == 200 and r.body == b"", r)

r = srv.req("POST", "/api/v1/session", {"handle": "alex", "password": ADMIN_PW})
check("POST /api/v1/session signs in: 201", r.status == 201, r)
c1 = cookie_of(r)
check("the session cookie is 64 hex characters", bool(c1 and re.fullmatch(r"[0-9a-f]{64}", c1)), r.headers)
sc = r.header("Set-Cookie") or ""
check("the session cookie is HttpOnly, SameSite=Lax, Path=/", "HttpOnly" in sc and "SameSite=Lax" in sc and "Path=/" in sc, sc)
csrf1 = r.json.get("csrf_token")
check("the login answer carries a 64-hex CSRF token and the person",
      bool(re.fullmatch(r"[0-9a-f]{64}", csrf1 or "")) and r.json["person"]["handle"] == "alex", r)
a1 = Auth("alex", cookie=c1, csrf=csrf1)
r = srv.req("GET", "/api/v1/session", auth=a1)
check("GET /api/v1/session with the cookie: who and the same CSRF token",
      r.status == 200 and r.json["person"]["handle"] == "alex" and r.json["csrf_token"] == csrf1, r)

# --- session rotation ------------------------------------------------------------------------
a2 = srv.login("alex", ADMIN_PW)
check("session rotation: two logins give different cookies", a2.cookie != a1.cookie, (a1.cookie, a2.cookie))
check("session rotation: two logins give different CSRF tokens", a2.csrf != a1.csrf)
check("both sessions work", srv.req("GET", "/api/v1/session", auth=a1).status == 200
      and srv.req("GET", "/api/v1/session", auth=a2).status == 200)
r = srv.req("DELETE", "/api/v1/session", auth=a1)
check("DELETE /api/v1/session logs out: 204", r.status == 204, r)
check("logout clears the cookie (Max-Age=0)", "Max-Age=0" in (r.header("Set-Cookie") or ""), r.headers)
r = srv.req("GET", "/api/v1/session", auth=a1)
check("after logout the old cookie is refused: 401", r.status == 401, r)
check("the other session still works", srv.req("GET", "/api/v1/session", auth=a2).status == 200)
a3 = srv.login("alex", ADMIN_PW)
check("a new login after logout gives a new id", a3.cookie not in (a1.cookie, a2.cookie))
admin = srv.token(a3)
check("POST /api/v1/tokens gives a 64-hex token", bool(re.fullmatch(r"[0-9a-f]{64}", admin.token or "")))

# --- people for the rest ---------------------------------------------------------------------
pat = srv.person(admin, "pat", "member")
mo = srv.person(admin, "mo", "member")
lee = srv.person(admin, "lee", "leader")
val = srv.person(admin, "val", "viewer")

r = srv.req("GET", "/api/v1/session", auth=pat.bearer())
check("GET /api/v1/session with a Bearer token: who, and no CSRF token",
      r.status == 200 and r.json["person"]["handle"] == "pat" and r.json["csrf_token"] is None, r)

# --- CSRF ------------------------------------------------------------------------------------
ses = admin.session()
srv.refused("CSRF: a cookie-authenticated POST without X-CSRF-Token is 403", 403, "POST", "/api/v1/teams",
            {"slug": "web", "name": "Web"}, auth=ses, csrf=False, extra=("/api/v1/teams",))
srv.refused("CSRF: a cookie-authenticated POST with a wrong X-CSRF-Token is 403", 403, "POST", "/api/v1/teams",
            {"slug": "web", "name": "Web"}, auth=ses, csrf="0" * 64, extra=("/api/v1/teams",))
srv.refused("CSRF: another session's token does not do", 403, "POST", "/api/v1/teams",
            {"slug": "web", "name": "Web"}, auth=ses, csrf=a2.csrf, extra=("/api/v1/teams",))
r = srv.req("POST", "/api/v1/teams", {"slug": "web", "name": "Web", "members": ["pat"]}, auth=ses)
check("CSRF: with the right X-CSRF-Token the POST is done: 201", r.status == 201, r)
r = srv.req("POST", "/api/v1/teams", {"slug": "ops", "name": "Ops"}, auth=admin.bearer())
check("CSRF: a Bearer POST needs no CSRF token: 201", r.status == 201, r)

r = srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ses)
check("a leader/admin makes the year over the API", r.status == 201, r)
r = srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "web", "dri": "pat", "title": "Ship the web app"},
            auth=ses)
check("an objective to PATCH", r.status == 201, r)
oid, etag = r.json["id"], r.header("ETag")
srv.refused("CSRF: a cookie-authenticated PATCH without X-CSRF-Token is 403", 403, "PATCH", "/api/v1/objectives/%d" % oid,
            {"title": "Hijacked"}, auth=ses, csrf=False, headers={"If-Match": etag})
srv.refused("CSRF: a cookie-authenticated PATCH with a wrong X-CSRF-Token is 403", 403, "PATCH",
            "/api/v1/objectives/%d" % oid, {"title": "Hijacked"}, auth=ses, csrf="x", headers={"If-Match": etag})
r = srv.req("PATCH", "/api/v1/objectives/%d" % oid, {"title": "Ship the web app, fast"}, auth=ses,
            headers={"If-Match": etag})
check("CSRF: a PATCH with the right token is done: 200", r.status == 200 and r.json["title"] == "Ship the web app, fast", r)
tmp = srv.token(ses, "to revoke")
srv.refused("CSRF: a cookie-authenticated DELETE without X-CSRF-Token is 403", 403, "DELETE",
            "/api/v1/tokens/%d" % tmp.token_id, auth=ses, csrf=False)
srv.refused("CSRF: a cookie-authenticated DELETE with a wrong X-CSRF-Token is 403", 403, "DELETE",
            "/api/v1/tokens/%d" % tmp.token_id, auth=ses, csrf="f" * 64)
check("the token is still live after the refused DELETEs", srv.req("GET", "/api/v1/session", auth=tmp.bearer()).status == 200)
r = srv.req("DELETE", "/api/v1/tokens/%d" % tmp.token_id, auth=ses)
check("CSRF: a DELETE with the right token is done: 204", r.status == 204, r)
srv.refused("CSRF: a cookie-authenticated PUT without X-CSRF-Token is 403", 403, "PUT", "/api/v1/people/mo/password",
            {"password": "hijacked password"}, auth=ses, csrf=False)
r = srv.req("DELETE", "/api/v1/session", auth=a2, csrf=False)
check("CSRF: logout (DELETE /api/v1/session) without the token is 403", r.status == 403, r)
check("CSRF: the refused logout left the session live", srv.req("GET", "/api/v1/session", auth=a2).status == 200)

# --- token revocation ------------------------------------------------------------------------
pat2 = srv.token(pat.bearer(), "second")
check("a second token for pat works", srv.req("GET", "/api/v1/people", auth=pat2.bearer()).status == 200)
srv.refused("token revocation: a member cannot revoke another's token (403)", 403, "DELETE",
            "/api/v1/tokens/%d" % pat2.token_id, auth=mo.bearer(), snap_auth=admin.bearer())
check("the token survives another member's attempt", srv.req("GET", "/api/v1/people", auth=pat2.bearer()).status == 200)
srv.refused("a member cannot make a token for another person (403)", 403, "POST", "/api/v1/tokens",
            {"handle": "pat", "name": "stolen"}, auth=mo.bearer(), snap_auth=admin.bearer())
r = srv.req("DELETE", "/api/v1/tokens/%d" % pat2.token_id, auth=pat.bearer())
check("token revocation: the owner revokes their token: 204", r.status == 204, r)
r = srv.req("GET", "/api/v1/people", auth=pat2.bearer())
check("token revocation: a revoked token is 401", r.status == 401, r)
check("a 401 for a token says Bearer in WWW-Authenticate", "Bearer" in (r.header("WWW-Authenticate") or ""), r.headers)
srv.refused("revoking a revoked token is refused (409)", 409, "DELETE", "/api/v1/tokens/%d" % pat2.token_id,
            auth=pat.bearer())
r = srv.req("DELETE", "/api/v1/tokens/%d" % mo.token_id, auth=admin.bearer())
check("an admin revokes anyone's token: 204", r.status == 204, r)
check("mo's revoked token is 401", srv.req("GET", "/api/v1/people", auth=mo.bearer()).status == 401)
mo = srv.token(srv.login("mo", PW))
r = srv.req("POST", "/api/v1/tokens", {"handle": "val", "name": "for val"}, auth=admin.bearer())
check("an admin makes a token for another person: 201", r.status == 201 and r.json["handle"] == "val", r)
check("an unknown token id is 404", srv.req("DELETE", "/api/v1/tokens/999", auth=admin.bearer()).status == 404)
check("a token id that is not a number is 404", srv.req("DELETE", "/api/v1/tokens/abc", auth=admin.bearer()).status == 404)

# --- listing tokens: what exists, never the secret -------------------------------------------
SECRETS = [t.token for t in (admin, pat, pat2, mo, tmp)]
SECRETS += [hashlib.sha256(t.encode()).hexdigest() for t in SECRETS]
FIELDS = {"id", "handle", "name", "created_at", "last_used_at", "revoked_at"}


def no_secret(r):
    """No secret (nor its hash) anywhere in the body, no "token" field in any entry."""
    body = r.body.decode("utf-8", "replace")
    return (isinstance(r.json, list) and not any(s in body for s in SECRETS)
            and all(set(t) == FIELDS for t in r.json))


r = srv.req("GET", "/api/v1/tokens", auth=pat.bearer())
check("GET /api/v1/tokens lists the caller's own tokens: 200",
      r.status == 200 and isinstance(r.json, list) and {t["handle"] for t in r.json} == {"pat"}, r)
mine = {t["id"]: t for t in (r.json if isinstance(r.json, list) else [])}
check("pat's list has both their tokens", {pat.token_id, pat2.token_id} <= set(mine), r)
ids = [t["id"] for t in r.json or []]
check("the list is newest first", ids == sorted(ids, reverse=True), ids)
check("a revoked token shows revoked_at", bool(mine.get(pat2.token_id, {}).get("revoked_at")), r)
check("a live token has revoked_at null", pat.token_id in mine and mine[pat.token_id]["revoked_at"] is None, r)
check("a used token shows last_used_at", bool(mine.get(pat.token_id, {}).get("last_used_at")), r)
check("the names are listed", mine.get(pat2.token_id, {}).get("name") == "second", r)
check("the listing never carries a token secret, its hash, or a \"token\" field", no_secret(r), r)
check("the listing is not cached (Cache-Control: no-store)", r.header("Cache-Control") == "no-store", r.headers)
r = srv.req("GET", "/api/v1/tokens", auth=pat.bearer(), query={"handle": "pat"})
check("?handle= one's own handle is the same list", r.status == 200 and [t["id"] for t in r.json] == ids, r)
r = srv.req("GET", "/api/v1/tokens", auth=mo.bearer(), query={"handle": "pat"})
check("a member cannot list another's tokens: 403", r.status == 403, r)
r = srv.req("GET", "/api/v1/tokens", auth=lee.bearer(), query={"handle": "pat"})
check("a leader cannot list another's tokens either: 403", r.status == 403, r)
r = srv.req("GET", "/api/v1/tokens", auth=mo.bearer(), query={"all": "1"})
check("a member cannot list everyone's tokens: 403", r.status == 403, r)
r = srv.req("GET", "/api/v1/tokens", auth=admin.bearer(), query={"handle": "pat"})
check("an admin lists another person's tokens", r.status == 200 and [t["id"] for t in r.json] == ids, r)
r = srv.req("GET", "/api/v1/tokens", auth=admin.bearer(), query={"all": "1"})
check("an admin lists everyone's tokens (?all=1)", r.status == 200
      and {"alex", "pat", "mo", "val"} <= {t["handle"] for t in r.json}, r)
every = {t["id"]: t for t in (r.json if isinstance(r.json, list) else [])}
check("everyone's list has the revoked ones with revoked_at", all(
    every.get(i, {}).get("revoked_at") for i in (pat2.token_id, tmp.token_id)), r)
check("everyone's list never carries a token secret or its hash", no_secret(r), r)
r = srv.req("GET", "/api/v1/tokens", auth=admin.bearer())
check("without ?all an admin lists only their own", r.status == 200 and {t["handle"] for t in r.json} == {"alex"}, r)
for label, q in (("an empty handle", {"handle": ""}), ("handle *", {"handle": "*"}),
                 ("a handle and all=1 together", {"handle": "pat", "all": "1"}), ("all=yes", {"all": "yes"})):
    r = srv.req("GET", "/api/v1/tokens", auth=admin.bearer(), query=q)
    check("listing tokens with %s is 400" % label, r.status == 400, r)
r = srv.req("GET", "/api/v1/tokens", auth=admin.bearer(), query={"handle": "nobody"})
check("listing an unknown person's tokens is 404", r.status == 404, r)
r = srv.req("GET", "/api/v1/tokens")
check("listing tokens without credentials is 401", r.status == 401, r)

# --- bad credentials -------------------------------------------------------------------------
for name, hdr in (("no credentials", None), ("a garbage Bearer token", "Bearer garbage"),
                  ("a well-formed unknown Bearer token", "Bearer " + "ab" * 32),
                  ("a Basic authorization", "Basic YWxleDpwdw=="),
                  ("an upper-case hex token of the right length", "Bearer " + pat.token.upper())):
    r = srv.req("GET", "/api/v1/people", headers={"Authorization": hdr} if hdr else None)
    check("401 with %s" % name, r.status == 401 and r.ctype.startswith("application/problem+json"), r)
r = srv.req("GET", "/api/v1/people", headers={"Cookie": "okra_session=" + "cd" * 32})
check("401 with an unknown session cookie", r.status == 401, r)
r = srv.req("GET", "/api/v1/people", headers={"Cookie": "okra_session="})
check("401 with an empty session cookie", r.status == 401, r)

# --- passwords over the API ------------------------------------------------------------------
srv.refused("a member does not set another's password (403)", 403, "PUT", "/api/v1/people/mo/password",
            {"password": "a new long password"}, auth=pat.bearer())
srv.refused("a leader does not set another's password (403)", 403, "PUT", "/api/v1/people/mo/password",
            {"password": "a new long password"}, auth=lee.bearer())
srv.refused("a short password is refused (422)", 422, "PUT", "/api/v1/people/pat/password", {"password": "short"},
            auth=pat.bearer())
# jansson refuses \u0000 while parsing (400); the handler's own NUL check would say 422.
srv.refused("a password with a NUL is refused (400/422)", (400, 422), "PUT", "/api/v1/people/pat/password",
            {"password": "long enough\u0000tail"}, auth=pat.bearer())
srv.refused("an unknown person's password is 404", 404, "PUT", "/api/v1/people/nobody/password",
            {"password": "a new long password"}, auth=admin.bearer())
pat_ses = srv.login("pat", PW)
srv.refused("changing one's own password needs the current one: 422", 422, "PUT",
            "/api/v1/people/pat/password", {"password": "pat's new password"}, auth=pat.bearer())
srv.refused("a wrong current password is refused: 403", 403, "PUT", "/api/v1/people/pat/password",
            {"password": "pat's new password", "current_password": "not it at all"}, auth=pat.bearer())
r = srv.req("PUT", "/api/v1/people/pat/password",
            {"password": "pat's new password", "current_password": PW}, auth=pat.bearer())
check("a person sets their own password with the current one: 204", r.status == 204, r)
check("a new password signs the person out of their sessions",
      srv.req("GET", "/api/v1/session", auth=pat_ses).status == 401)
check("the person's API token survives the password change", srv.req("GET", "/api/v1/session", auth=pat.bearer()).status == 200)
r = srv.req("POST", "/api/v1/session", {"handle": "pat", "password": PW})
check("the old password no longer signs in: 403", r.status == 403, r)
pat_ses = srv.login("pat", "pat's new password")
check("the new password signs in", pat_ses.cookie is not None)

# --- the HTML sign-in form -------------------------------------------------------------------
r = srv.req("GET", "/login")
check("GET /login is an HTML form without credentials", r.status == 200 and "text/html" in r.ctype and b"<form" in r.body, r)
r = srv.req("POST", "/login", data="handle=lee&password=" + PW.replace(" ", "+"), ctype="application/x-www-form-urlencoded")
check("POST /login signs in: 303 to / with a cookie", r.status == 303 and r.header("Location") == "/" and cookie_of(r), r)
lee_form = Auth("lee", cookie=cookie_of(r))
r = srv.req("GET", "/", auth=lee_form)
check("the home page shows who is signed in", r.status == 200 and b"Lee" in r.body, r)
m = re.search(rb'name="_csrf" value="([0-9a-f]{64})"', r.body)
check("the home page's sign-out form carries _csrf", m is not None, r)
lee_form.csrf = m.group(1).decode() if m else ""
r = srv.req("POST", "/logout", data="_csrf=wrong", ctype="application/x-www-form-urlencoded", auth=lee_form, csrf=False)
check("CSRF: POST /logout with a wrong _csrf field is 403", r.status == 403, r)
check("the session survives the refused logout", srv.req("GET", "/api/v1/session", auth=lee_form).status == 200)
r = srv.req("POST", "/logout", data="_csrf=" + lee_form.csrf, ctype="application/x-www-form-urlencoded", auth=lee_form,
            csrf=False)
check("CSRF: POST /logout with the right _csrf field: 303 to /login", r.status == 303 and r.header("Location") == "/login", r)
check("after the form logout the cookie is refused", srv.req("GET", "/api/v1/session", auth=lee_form).status == 401)
r = srv.req("GET", "/")
check("/ without a session redirects to /login", r.status == 303 and r.header("Location") == "/login", r)
r = srv.req("POST", "/login", data="handle=lee&password=wrong", ctype="application/x-www-form-urlencoded",
            source="127.0.0.50")
check("POST /login with a wrong password shows the form again: 403 HTML", r.status == 403 and "text/html" in r.ctype, r)
r = srv.req("POST", "/login", json_body={"handle": "lee", "password": PW})
check("POST /login with JSON is 415", r.status == 415, r)

# --- the login rate limit --------------------------------------------------------------------
wrong = srv.req("POST", "/api/v1/session", {"handle": "val", "password": "wrong password"}, source="127.0.0.2")
unknown = srv.req("POST", "/api/v1/session", {"handle": "nobody", "password": "wrong password"}, source="127.0.0.3")
check("a wrong password is 403", wrong.status == 403, wrong)
check("an unknown handle gets the same answer as a wrong password",
      unknown.status == 403 and unknown.json.get("detail") == wrong.json.get("detail"), (wrong, unknown))
# Failures for one handle from different addresses: the handle's count, not an address's.
for i in range(3, 7):
    r = srv.req("POST", "/api/v1/session", {"handle": "val", "password": "wrong %d" % i}, source="127.0.0.%d" % (i + 1))
    check("rate limit: failed login %d for val is 403" % (i - 1), r.status == 403, r)
# The handle is held back for the addresses that guessed (here 127.0.0.7, one of them) ...
r = srv.req("POST", "/api/v1/session", {"handle": "val", "password": PW}, source="127.0.0.7")
check("rate limit: the 6th login for a handle within 300 s, from an address that failed, is 429 even with the right password",
      r.status == 429, r)
ra = r.header("Retry-After") or ""
check("rate limit: 429 carries Retry-After in seconds (1..300)", ra.isdigit() and 0 < int(ra) <= 300, r.headers)
check("rate limit: no cookie on a 429", cookie_of(r) is None, r.headers)
r = srv.req("POST", "/login", data="handle=val&password=" + PW.replace(" ", "+"),
            ctype="application/x-www-form-urlencoded", source="127.0.0.7")
check("rate limit: the HTML form is limited too (429 with Retry-After)", r.status == 429 and r.header("Retry-After"), r)
r = srv.req("POST", "/api/v1/session", {"handle": "mo", "password": PW}, source="127.0.0.7")
check("rate limit: another handle from the same address still signs in", r.status == 201, r)
r = srv.req("POST", "/api/v1/session", {"handle": "val", "password": "still guessing"}, source="127.0.0.8")
check("rate limit: a new address's first guess at a held handle is answered (403) ...", r.status == 403, r)
r = srv.req("POST", "/api/v1/session", {"handle": "val", "password": PW}, source="127.0.0.8")
check("rate limit: ... and then that address is held back too, even with the right password: 429", r.status == 429, r)
# ... but not for the owner at an address with no failure: guessing does not lock the owner out.
r = srv.req("POST", "/api/v1/session", {"handle": "val", "password": PW}, source="127.0.0.9")
check("rate limit: the owner from an address with no failure still signs in with the right password: 201",
      r.status == 201, r)
# Failures from one address for different handles: the address's count.
for i in range(5):
    r = srv.req("POST", "/api/v1/session", {"handle": "ghost%d" % i, "password": "nope nope nope"}, source="127.0.0.20")
r = srv.req("POST", "/api/v1/session", {"handle": "mo", "password": PW}, source="127.0.0.20")
check("rate limit: the 6th login from an address within 300 s is 429, even with the right password", r.status == 429, r)
r = srv.req("POST", "/api/v1/session", {"handle": "mo", "password": PW}, source="127.0.0.21")
check("rate limit: the same handle from another address signs in", r.status == 201, r)

# --- expiry: an idle session ends (8 h), a token does not --------------------------------------
r = srv.req("GET", "/api/v1/session", auth=a2)
check("a2 is live before the clock moves", r.status == 200, r)
srv.restart("2026-07-01T09:00")
r = srv.req("GET", "/api/v1/session", auth=a2)
check("an expired (idle > 8 h) session cookie is 401", r.status == 401, r)
r = srv.req("GET", "/healthz", auth=a2)
check("an expired cookie on a PUBLIC route is no session, not a 401", r.status == 200, r)
check("a token outlives sessions", srv.req("GET", "/api/v1/session", auth=admin.bearer()).status == 200)
r = srv.req("POST", "/api/v1/session", {"handle": "val", "password": PW}, source="127.0.0.9")
check("a restart starts the rate limit afresh (the count is per process)", r.status == 201, r)

srv.stop()
finish()
