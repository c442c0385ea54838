"""t60-oidc.py: single sign-on against a real OpenID Provider (npm oidc-provider on 127.0.0.1,
tests/oidc/provider.mjs). The sign-in page offers it; a first sign-in links the person by their
verified e-mail and the groups claim puts them in their team (and a leader group makes a leader);
a second one reuses the link (the e-mail changed at the provider); a rotated key is fetched; an
ES256 token is taken. Each refusal is its own page (never a 5xx) with no session and one log
line: wrong aud, azp, iss, expired, issued in the future, bad signature, another key, unknown
kid, alg none, HS256 keyed with the public key, wrong or missing nonce, a replayed state, a state
from another browser, a cancelled sign-in, a deactivated person, an unverified e-mail, an
unknown person with creation off (and created as a member joining today with it on), the
provider down, a wrong client secret. oidc_only refuses passwords but the break-glass admin's;
tokens still work. Signing out ends the session and goes to the provider's end-session endpoint.
The client secret is never in GET /api/v1/settings, the audit trail, the log or /metrics."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Server, check, finish  # noqa: E402
from oidc_lib import ANSWERS, Agent, Provider, okra_session, sign_in  # noqa: E402

srv = Server(now="2026-11-18")
prov = Provider(srv)
alex = srv.token(srv.login("alex", ADMIN_PW))
A = alex.bearer()
BASE = "http://127.0.0.1:%d" % srv.port


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


def setting(name, value):
    ok("set %s" % name, srv.req("PUT", "/api/v1/settings/" + name, {"value": value}, auth=A), 200, 204)


def add(handle, email, role="member"):
    ok("add %s" % handle, srv.req("POST", "/api/v1/people", {
        "handle": handle, "name": handle.title(), "email": email, "role": role,
        "joined_on": "2021-01-01"}, auth=A), 201)


# --- set up: people, a team, the provider -----------------------------------------------------
add("pat", "Pat@Example.com")
add("sam", "sam@example.com")
add("gone", "gone@example.com")
ok("gone is deactivated", srv.req("POST", "/api/v1/people/gone/deactivate", auth=A), 200)
ok("the platform team", srv.req("POST", "/api/v1/teams", {"slug": "platform", "name": "Platform"}, auth=A), 201)
r = srv.req("GET", "/login")
check("signed out, the sign-in page has no single sign-on button yet", "/login/oidc" not in r.body.decode(), r)
s, _, body, _ = sign_in(srv, prov, "pat")
check("single sign-on off: /login/oidc is a page saying so (409)", s == 409 and "Single sign-on is off" in body, s)

setting("base_url", BASE)
setting("oidc_issuer", prov.issuer)
setting("oidc_client_id", prov.client_id)
setting("oidc_client_secret", prov.secret)
setting("oidc_provider_name", "Test IdP")
setting("oidc_scopes", "openid profile email groups")
setting("oidc_groups_claim", "groups")
setting("oidc_group_teams", "platform-eng=platform, other=nowhere")
setting("oidc_leader_groups", "okr-leaders")

r = srv.req("GET", "/login")
page = r.body.decode()
check("the sign-in page says 'Sign in with Test IdP' above the password form",
      "Sign in with Test IdP" in page and page.index("Sign in with Test IdP") < page.index('name="password"'), r)


def members(slug):
    teams = ok("teams", srv.req("GET", "/api/v1/teams", auth=A), 200)
    items = teams.get("items", teams) if isinstance(teams, dict) else teams
    return next((t.get("members", []) for t in items if t.get("slug") == slug), [])


def links():
    return srv.sql("SELECT sub, person FROM oidc_links ORDER BY sub")


def who(agent):
    cookie = okra_session(agent, srv)
    if not cookie:
        return None
    r = srv.req("GET", "/api/v1/session", headers={"Cookie": "okra_session=" + cookie})
    return r.json["person"]["handle"] if r.status == 200 and isinstance(r.json, dict) else None


# --- the first sign-in links by e-mail; the groups claim gives the team ----------------------
s, loc, body, pat_agent = sign_in(srv, prov, "pat")
check("pat signs in through the provider: 303 to /", s == 303 and loc == BASE + "/", (s, loc, body[:300]))
check("…and okra's session is pat's", who(pat_agent) == "pat", pat_agent.jar)
pat_id = srv.sql("SELECT id FROM people WHERE handle = 'pat'")[0][0]
check("…the provider's subject is linked to pat (matched by e-mail, case aside)",
      [tuple(x) for x in links()] == [("sub-pat", pat_id)], links())
check("…the groups claim put pat in the platform team", "pat" in members("platform"), members("platform"))
rows = ok("the audit trail", srv.req("GET", "/api/v1/audit", auth=A, query={"limit": "200"}), 200)
check("…the link and the team change are in the audit trail",
      any(x.get("action") == "link" for x in rows) and any(x.get("action") == "join" for x in rows), rows[:5])

# --- a second sign-in reuses the link (the e-mail at the provider changed meanwhile) ---------
prov.account("pat", {"email": "pat.renamed@example.com", "email_verified": True, "name": "Pat",
                     "preferred_username": "pat", "groups": []})
s, loc, _, agent = sign_in(srv, prov, "pat")
check("a second sign-in reuses the link: pat again though the e-mail changed", s == 303 and who(agent) == "pat", s)
check("…still one link", len(links()) == 1, links())
check("…and pat left the platform team with the group (the claim is followed)", "pat" not in members("platform"),
      members("platform"))

# --- groups only in the userinfo answer (GitLab's groups claim): fetched for the same subject --
prov.account("pat", {"email": "pat.renamed@example.com", "email_verified": True, "name": "Pat",
                     "preferred_username": "pat", "groups": ["platform-eng"]})
s, _, _, agent = sign_in(srv, prov, "pat", mode="groups_userinfo")
check("groups missing from the ID token are read from userinfo: pat is back in platform",
      s == 303 and who(agent) == "pat" and "pat" in members("platform"), (s, members("platform")))

# --- a leader group makes a leader; rotation; ES256 -------------------------------------------
s, _, _, agent = sign_in(srv, prov, "sam", mode="rotate")
check("a token signed with a new key (kid k2) is taken once the key set is fetched again", s == 303 and who(agent) == "sam", s)
role = srv.sql("SELECT role FROM people WHERE handle = 'sam'")[0][0]
check("…and sam's leader group made sam a leader", role == "leader", role)
s, _, _, agent = sign_in(srv, prov, "sam", mode="es256")
check("an ES256 ID token signed by the provider's EC key is taken", s == 303 and who(agent) == "sam", s)

# --- refusals: each its page, no session, never a 5xx ------------------------------------------
refusals = [
    ("wrong_aud", 403, "could not be trusted", "audience"),
    ("azp_other", 403, "could not be trusted", "audience"),
    ("wrong_iss", 403, "could not be trusted", "issuer"),
    ("expired", 403, "took too long", "expired"),
    ("future_iat", 403, "clocks disagree", "clock"),
    ("bad_signature", 403, "could not be trusted", "signature"),
    ("other_key", 403, "could not be trusted", "signature"),
    ("unknown_kid", 403, "could not be trusted", "kid"),
    ("alg_none", 403, "could not be trusted", "alg"),
    ("hs256", 403, "could not be trusted", "alg"),
    ("wrong_nonce", 403, "could not be trusted", "nonce"),
    ("no_nonce", 403, "could not be trusted", "nonce"),
]
sessions_before = srv.sql("SELECT count(*) FROM sessions")[0][0]
for mode, status, words, logged in refusals:
    s, loc, body, agent = sign_in(srv, prov, "sam", mode=mode)
    check("%s: refused with its page (%d, '%s')" % (mode, status, words), s == status and words in body, (s, body[-400:]))
    check("%s: nobody signed in" % mode, okra_session(agent, srv) is None, agent.jar)
    err = open(srv.errpath, "rb").read().decode("utf-8", "replace")
    check("%s: one log line says why (%s)" % (mode, logged), "single sign-on refused (%s)" % logged in err, err[-600:])
check("no session was made by any refused token", srv.sql("SELECT count(*) FROM sessions")[0][0] == sessions_before)

# A replayed state: the callback of a finished sign-in, again, with its cookie.
s, loc, body, agent = sign_in(srv, prov, "sam")
callback = [u for (_, u, _) in agent.seen if u.startswith(BASE + "/login/oidc/callback")][-1]
state = dict(x.split("=", 1) for x in callback.split("?", 1)[1].split("&"))["state"]
replay = Agent()
replay.cookies(BASE)["okra_oidc_state"] = state
s, _, body = replay.go(callback)
check("a replayed state is refused: 'This sign-in has expired' (400), no session",
      s == 400 and "has expired" in body and okra_session(replay, srv) is None, (s, body[-300:]))

# A state begun in another browser: the callback reaches a browser without its cookie.
a1 = Agent()
prov.mode("ok")
st, loc, _ = a1.follow(BASE + "/login/oidc", stop_at=BASE)
form_url = a1.seen[-1][1]
st, loc, _ = a1.follow(form_url + "/login", "POST", {"login": "sam"}, stop_at=BASE)
s, _, body = Agent().go(loc)
check("a callback in a browser that did not begin the sign-in is refused (400)", s == 400 and "has expired" in body, s)

s, _, body, agent = sign_in(srv, prov, "sam", cancel=True)
check("a sign-in cancelled at the provider: 'Sign-in cancelled' (400), no session",
      s == 400 and "Sign-in cancelled" in body and okra_session(agent, srv) is None, (s, body[-300:]))
s, _, body, agent = sign_in(srv, prov, "gone")
check("a deactivated person is refused: 'Your account is deactivated' (403)",
      s == 403 and "deactivated" in body and okra_session(agent, srv) is None, (s, body[-300:]))
s, _, body, agent = sign_in(srv, prov, "unverified")
check("an e-mail the provider does not vouch for is refused (403)", s == 403 and "not verified" in body, (s, body[-300:]))
setting("oidc_email_verified", "trusted")
s, _, body, agent = sign_in(srv, prov, "unverified")
check("with oidc_email_verified trusted (Entra ID sends no email_verified), the e-mail matches pat",
      s == 303 and who(agent) == "pat", (s, body[-300:]))
setting("oidc_email_verified", "required")
before = srv.sql("SELECT count(*) FROM people")[0][0]
s, _, body, agent = sign_in(srv, prov, "newbie")
check("an unknown person with creation off is refused: 'No account here for you' (403)",
      s == 403 and "No account here" in body and okra_session(agent, srv) is None, (s, body[-300:]))
check("…and nobody was added", srv.sql("SELECT count(*) FROM people")[0][0] == before)
setting("oidc_create_people", "on")
s, _, body, agent = sign_in(srv, prov, "newbie")
check("with oidc_create_people on, the unknown person is added and signed in", s == 303 and who(agent) == "newbie", s)
row = srv.sql("SELECT role, joined_on, email FROM people WHERE handle = 'newbie'")
check("…as a member who joins today (R4: a new joiner), with the verified e-mail",
      [tuple(x) for x in row] == [("member", "2026-11-18", "newbie@example.com")], row)
check("…and in the platform team by the groups claim", "newbie" in members("platform"), members("platform"))

# --- the provider down; a wrong client secret ---------------------------------------------------
setting("oidc_issuer", "http://127.0.0.1:9")
s, _, body, agent = sign_in(srv, prov, "sam")
check("the provider down: 'The identity provider did not answer' (400, not a 5xx)",
      s == 400 and "did not answer" in body, (s, body[-300:]))
setting("oidc_issuer", prov.issuer)
setting("oidc_client_secret", "not-the-secret")
s, _, body, agent = sign_in(srv, prov, "sam")
check("a wrong client secret: 'The identity provider refused okra' (400)",
      s == 400 and "refused okra" in body and okra_session(agent, srv) is None, (s, body[-300:]))
setting("oidc_client_secret", prov.secret)

# --- oidc_only: passwords refused but the break-glass admin's; tokens still work -----------------
pat = srv.req("PUT", "/api/v1/people/pat/password", {"password": PW}, auth=A)
pat_token = srv.token(srv.login("pat", PW))
setting("oidc_only", "on")
setting("oidc_break_glass", "alex")
r = srv.req("POST", "/api/v1/session", {"handle": "pat", "password": PW})
check("oidc_only on: pat's password is refused (403)", r.status == 403, r)
r = srv.req("POST", "/login", data="handle=pat&password=" + PW.replace(" ", "+"),
            ctype="application/x-www-form-urlencoded")
check("…and on the form, saying passwords are off", r.status == 403 and b"Passwords are turned off" in r.body, r)
r = srv.req("POST", "/api/v1/session", {"handle": "alex", "password": ADMIN_PW})
check("…the break-glass admin still signs in with a password", r.status == 201, r)
r = srv.req("GET", "/api/v1/people", auth=pat_token.__class__(token=pat_token.token))
check("…pat's API token still works", r.status == 200, r)
s, _, _, pat_agent = sign_in(srv, prov, "pat")
check("…and pat signs in through the provider", s == 303 and who(pat_agent) == "pat", s)
setting("oidc_only", "off")

# --- sign-out: okra's session ends, the browser goes to the provider's end-session endpoint ------
cookie = okra_session(pat_agent, srv)
csrf = srv.req("GET", "/api/v1/session", headers={"Cookie": "okra_session=" + cookie}).json["csrf_token"]
s, loc, body = pat_agent.go(BASE + "/logout", "POST", {"_csrf": csrf})
refresh = pat_agent.last_headers.get("refresh", "")
check("signing out sends the browser to the provider's end-session endpoint (Refresh and a link)",
      s == 200 and refresh.startswith("0; url=" + prov.issuer) and "post_logout_redirect_uri" in refresh
      and "signed out of okra" in body, (s, refresh, body[-300:]))
r = srv.req("GET", "/api/v1/session", headers={"Cookie": "okra_session=" + cookie})
check("…and okra's session is over", r.status == 401, r)

# --- the secret is never shown ------------------------------------------------------------------
secret = prov.secret
r = srv.req("GET", "/api/v1/settings", auth=A)
check("the client secret is not in GET /api/v1/settings", secret.encode() not in r.body, r)
r = srv.req("GET", "/api/v1/audit", auth=A, query={"limit": "500"})
check("…nor in the audit trail", secret.encode() not in r.body and b"not-the-secret" not in r.body, r)
r = srv.req("GET", "/metrics", auth=A)
check("…nor in /metrics", r.status == 200 and secret.encode() not in r.body, r)
err = open(srv.errpath, "rb").read()
check("…nor in the log (nor a code or an ID token)", secret.encode() not in err and b"eyJ" not in err, err[-500:])

fives = [a for a in ANSWERS if a[2] >= 500]
check("no answer of any sign-in (okra's or the provider's) was a 5xx", not fives, fives[:5])
prov.stop()
srv.stop()
finish()
