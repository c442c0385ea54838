"""t43-idempotency.py: retries that cannot duplicate (issue 16, item 20), over SQLite or PostgreSQL.

A write's reply is built inside the write's own transaction: with every read after a commit
made to fail (OKRA_FAULT_READ_AFTER_COMMIT, as a PostgreSQL connection lost right after its
COMMIT), a check-in, an objective, a status and a page's check-in are still answered 201/303
with the right body, and stored once. Then Idempotency-Key on POST: the same key and body twice
is one write and the same answer (Idempotent-Replayed: true); the same key with another body is
422; another person's or another token's same key is their own; two threads at once with one
key write once; a page's form carries its own key, so posting it twice saves one check-in; a
bad key is 400; a key a day old is swept and no longer replays; an API token's secret is never
kept (its retry is 409)."""
import os
import re
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Server, check, finish  # noqa: E402

NOW = "2026-11-18"  # a Wednesday, the update day
srv = Server(now=NOW)
alex = srv.token(srv.login("alex", ADMIN_PW))
ada = alex.bearer()
pat = srv.person(ada, "pat", "member", joined="2021-01-01")


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team saas", srv.req("POST", "/api/v1/teams", {"slug": "saas", "name": "SaaS", "members": ["pat"]}, auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ada), 201)
O = ok("setup: pat's objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "pat",
                                                                      "title": "Ship it"}, auth=ada), 201)["id"]
K = ok("setup: pat's KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Latency", "dri": "pat", "unit": "ms",
                                                                 "start": 800, "target": 200}, auth=ada), 201)["id"]


def count(table="checkins", where="key_result = ?", *args):
    return srv.sql("SELECT COUNT(*) FROM %s WHERE %s" % (table, where), *(args or (K,)))[0][0]


def checkin(value, key=None, auth=None, note="n"):
    h = {"Idempotency-Key": key} if key is not None else None
    return srv.req("POST", "/api/v1/key-results/%d/checkins" % K,
                   {"value": value, "health": "on_track", "note": note}, auth=auth or pat, headers=h)


# --- item 20a: the reply comes from the write's own transaction ---------------------------------
os.environ["OKRA_FAULT_READ_AFTER_COMMIT"] = "1"
try:
    srv.restart(NOW)
finally:
    del os.environ["OKRA_FAULT_READ_AFTER_COMMIT"]
n0 = count()
r = checkin(700)
c = ok("a read after the commit fails: the check-in is still 201", r, 201)
check("...with the check-in it made as its body", c.get("value") == 700 and c.get("key_result") == K and
      c.get("note") == "n", r)
check("...stored once", count() == n0 + 1, count())
r = srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "pat", "title": "Faulty"}, auth=pat)
o = ok("a new objective is 201 too", r, 201)
check("...with its title and a Location", o.get("title") == "Faulty" and r.header("Location") == "/api/v1/objectives/%d" % o.get("id"), r)
check("...stored once", count("objectives", "title = ?", "Faulty") == 1)
r = srv.req("POST", "/api/v1/objectives/%d/status" % O, {"health": "on_track", "lines": [{"key_result": K, "line": "fine"}]}, auth=pat)
s = ok("a weekly status is 201 too", r, 201)
check("...stored once", count("status_updates", "objective = ?", O) == 1, s)
page = srv.req("GET", "/objectives/%d" % O, auth=pat.session())
form = re.search(r'<form[^>]*action="/key-results/%d/checkin"[^>]*>(.*?)</form>' % K, page.body.decode(), re.S)
check("the objective page draws the KR's check-in form", form is not None, page)
hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(1) if form else ""))
check("...with a _csrf and an _idem key", "_csrf" in hidden and re.fullmatch(r"[0-9a-f]{32}", hidden.get("_idem", "")), hidden)
body = urllib.parse.urlencode(list(hidden.items()) + [("value", "650"), ("health", "on_track"), ("note", "page")])


def page_post(auth=None):
    return srv.req("POST", "/key-results/%d/checkin" % K, data=body, ctype="application/x-www-form-urlencoded",
                   auth=auth or pat.session())


n1 = count()
r = page_post()
check("a page's check-in with a read failing after the commit: 303 back to the page", r.status == 303 and
      ("/objectives/%d" % O) in (r.header("Location") or ""), r)
check("...stored once", count() == n1 + 1)
srv.restart(NOW)

# --- the page's form posted twice (a double click, a reload that posts again) -------------------
r = page_post()
check("the same form posted again: the same 303", r.status == 303 and ("/objectives/%d" % O) in (r.header("Location") or "")
      and r.header("Idempotent-Replayed") == "true", r)
check("...and no second check-in", count() == n1 + 1)
page = srv.req("GET", "/objectives/%d" % O, auth=pat.session())
keys = re.findall(r'name="_idem" value="([0-9a-f]{32})"', page.body.decode())
check("every form drawn has a key of its own", len(keys) >= 2 and len(set(keys)) == len(keys), keys)

# --- item 20b: Idempotency-Key on the API ------------------------------------------------------
n = count()
a = checkin(600, key="k-1")
b = checkin(600, key="k-1")
check("a new key: 201", a.status == 201 and a.header("Idempotent-Replayed") is None, a)
check("the same key and body again: the same status and body", b.status == 201 and b.body == a.body, b)
check("...said to be a replay", b.header("Idempotent-Replayed") == "true", b)
check("...and one check-in written", count() == n + 1, count())
r = checkin(601, key="k-1")
check("the same key with another body: 422 problem+json naming the header",
      r.status == 422 and r.ctype.startswith("application/problem+json") and
      (r.json or {}).get("field") == "Idempotency-Key", r)
r = srv.req("POST", "/api/v1/objectives/%d/status" % O, {"health": "on_track", "lines": [{"key_result": K, "line": "x"}]},
            auth=pat, headers={"Idempotency-Key": "k-1"})
check("the same key on another path: 422", r.status == 422, r)
check("...nothing written", count() == n + 1)
r = checkin(600, key='"k-1"')
check("the key as a structured-field string is the same key", r.status == 201 and r.body == a.body, r)
pat2 = srv.token(srv.login("pat", PW), name="second")
r = checkin(600, key="k-1", auth=pat2)
check("another token of the same person: a key of its own (a new check-in)", r.status == 201 and r.body != a.body
      and count() == n + 2, r)
r = checkin(600, key="k-1", auth=alex)
check("another person's same key: theirs (a new check-in)", r.status == 201 and r.json.get("id") not in
      (a.json.get("id"),) and count() == n + 3, r)
for bad, why in (("x" * 256, "256 characters"), ("", "empty"), ("a b", "a space"), ("é", "not ASCII"), ('"', "a lone quote")):
    before = count()
    r = checkin(600, key=bad)
    check("a bad key (%s): 400" % why, r.status == 400 and (r.json or {}).get("field") == "Idempotency-Key", r)
    check("...nothing written (%s)" % why, count() == before)
r = checkin(600, key="x" * 255)
check("a key of 255 characters is taken", r.status == 201, r)
r = srv.refused("a refused write keeps no answer", 422, "POST", "/api/v1/key-results/%d/checkins" % K,
                {"value": 600, "health": "green"}, auth=pat, headers={"Idempotency-Key": "k-refused"})
r = checkin(600, key="k-refused")
check("...so the key serves the corrected request", r.status == 201, r)

# two threads at once with one key: one write, the same answer twice
for round_ in range(4):
    before = count()
    key = "race-%d" % round_
    out = [None, None]
    go = threading.Barrier(2)

    def post(i):
        go.wait()
        out[i] = checkin(500 + round_, key=key)

    ts = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    check("round %d: two requests with one key at once both 201 with one body" % round_,
          all(x is not None and x.status == 201 for x in out) and out[0].body == out[1].body, out)
    check("round %d: one check-in written" % round_, count() == before + 1, count())

# an API token's secret is shown once: a retry of its POST says so
tokens = count("api_tokens", "person = ?", srv.sql("SELECT id FROM people WHERE handle = 'pat'")[0][0])
r1 = srv.req("POST", "/api/v1/tokens", {"name": "ci"}, auth=pat, headers={"Idempotency-Key": "tok-1"})
r2 = srv.req("POST", "/api/v1/tokens", {"name": "ci"}, auth=pat, headers={"Idempotency-Key": "tok-1"})
check("a token made with a key: 201 with its secret", r1.status == 201 and "token" in (r1.json or {}), r1)
check("...its retry: 409, without the secret", r2.status == 409 and b"token\"" not in r2.body.replace(b"API token", b""), r2)
check("...one token made", count("api_tokens", "person = ?", srv.sql("SELECT id FROM people WHERE handle = 'pat'")[0][0]) ==
      tokens + 1)
check("no secret is kept in the answers", srv.sql("SELECT COUNT(*) FROM idempotency_keys WHERE body LIKE ?",
                                                    "%" + r1.json.get("token", "none") + "%")[0][0] == 0)

# keys live a day: past it the key is swept and a request with it is new
srv.restart("2026-11-20")
before = count()
r = checkin(600, key="k-1")
check("two days later the key is free again: a new check-in", r.status == 201 and r.json.get("id") != a.json.get("id")
      and r.header("Idempotent-Replayed") is None and count() == before + 1, r)
check("...and the day-old answers were swept", srv.sql("SELECT COUNT(*) FROM idempotency_keys WHERE created_at < ?",
                                                      srv.sql("SELECT MAX(created_at) FROM idempotency_keys")[0][0] - 86400)[0][0] == 0)

srv.stop()
finish()
