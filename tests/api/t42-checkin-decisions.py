"""t42-checkin-decisions.py: /checkin records only what the person decided (issue 15, item 3),
posting the page's form as a browser without JavaScript would: an item left as it was drawn
records no check-in (rows of the checkins table counted before and after); "No change this
week" records a real check-in at the same value and needs a health; one bad field saves
nothing of its item, keeps every typed value and says which items were saved; a submission
that decides nothing saves nothing; the page lists the items already updated this week."""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-11-18")  # a Wednesday, the update day
alex = srv.token(srv.login("alex", ADMIN_PW))
ada = alex.bearer()
srv.person(ada, "pat", "member", joined="2021-01-01")


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team saas", srv.req("POST", "/api/v1/teams", {"slug": "saas", "name": "SaaS", "members": ["pat"]}, auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ada), 201)
O = ok("setup: pat's objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "pat",
                                                                      "title": "Ship it"}, auth=ada), 201)["id"]
K = [ok("setup: pat's KR %s" % t, srv.req("POST", "/api/v1/key-results", {"objective": O, "title": t, "dri": "pat", "unit": "ms",
                                                                         "start": 800, "target": 200}, auth=ada), 201)["id"]
     for t in ("Latency A", "Latency B", "Latency C")]
A, B, C = K
pat = srv.login("pat", PW)


def count(kr=None):
    if kr is None:
        return srv.sql("SELECT COUNT(*) FROM checkins")[0][0]
    return srv.sql("SELECT COUNT(*) FROM checkins WHERE key_result = ?", kr)[0][0]


def page():
    r = srv.req("GET", "/checkin", auth=pat)
    check("GET /checkin is 200", r.status == 200, r)
    return r.body.decode()


def post(fields):
    body = urllib.parse.urlencode([("_csrf", pat.csrf)] + list(fields))
    return srv.req("POST", "/checkin", data=body, ctype="application/x-www-form-urlencoded", auth=pat)


def drawn(html):
    """Every field of the form as the page draws it: what a browser would send untouched."""
    out = []
    for m in re.finditer(r'<input type="text"([^>]*)>', html):
        name, value = re.search(r'\bname="([^"]+)"', m.group(1)), re.search(r'\bvalue="([^"]*)"', m.group(1))
        out.append((name.group(1), value.group(1) if value else ""))
    for m in re.finditer(r'<select[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        sel = re.search(r'<option value="([^"]*)" selected>', m.group(2))
        first = re.search(r'<option value="([^"]*)"', m.group(2))
        out.append((m.group(1), sel.group(1) if sel else first.group(1)))
    return out


def with_fields(base, **changes):
    d = dict(base)
    for k, v in changes.items():
        d[k.replace("_", "-")] = v
    return list(d.items())


html = page()
check("the page lists pat's three KRs and the status", all(("kr-%d-value" % k) in html for k in K) and
      ('name="obj-%d-health"' % O) in html, html)
check("a KR never updated has no health chosen for it", re.search(
    r'<select[^>]*name="kr-%d-health"[^>]*>\s*<option value="" selected>' % A, html) is not None, html)
check("each KR has a 'No change this week' box, unticked", all(
    re.search(r'name="kr-%d-same" value="1">' % k, html) for k in K), html)
untouched = drawn(html)
check("the form as drawn has every KR's value, health and note", len(untouched) >= 10, untouched)

# --- nothing decided: nothing saved -------------------------------------------------------------------------
n0 = count()
r = post(untouched)
check("the form sent untouched saves nothing (no check-in row)", count() == n0, (n0, count()))
check("...and the page says nothing was saved, not 'Saved'", r.status == 200 and "Nothing was saved" in r.body.decode() and
      "Saved. Thank you" not in r.body.decode(), r)

# --- one changed, one untouched, one bad: only the changed one is saved ---------------------------------------
fields = with_fields(untouched, **{"kr-%d-value" % A: "700", "kr-%d-health" % A: "on_track", "kr-%d-note" % A: "moved",
                                   "kr-%d-value" % C: "fifteen", "kr-%d-health" % C: "at_risk", "kr-%d-note" % C: "typed C"})
n0, na, nb, nc = count(), count(A), count(B), count(C)
r = post(fields)
body = r.body.decode()
check("a bad field: 422 and the page again", r.status == 422, r)
check("the changed KR A is saved: one check-in", count(A) == na + 1, (na, count(A)))
check("the untouched KR B records NO check-in", count(B) == nb, (nb, count(B)))
check("the refused KR C saves nothing", count(C) == nc, (nc, count(C)))
check("one row in all", count() == n0 + 1, (n0, count()))
check("the page names what was saved", re.search(r"Saved: <a[^>]*>Latency A</a>\.", body) is not None, body)
check("the page names what was not", re.search(r"Some items were not saved: <a[^>]*>Latency C</a>", body) is not None, body)
check("C's typed value and note are kept", 'value="fifteen"' in body and 'value="typed C"' in body, body)
check("C's error is beside its field", re.search(r'id="kr-%d-value"[^>]*aria-invalid="true"' % C, body) is not None, body)
check("B is said to be left alone", "Left alone: not saved." in body, body)
check("the status (untouched) records nothing", srv.sql("SELECT COUNT(*) FROM status_updates")[0][0] == 0)

# --- "No change this week": a real check-in with the same value; health required ------------------------------
html = page()
untouched = drawn(html)
nb = count(B)
r = post(with_fields(untouched, **{"kr-%d-same" % B: "1"}))
check("no change with no health: refused, nothing saved", r.status == 422 and count(B) == nb and
      "Choose the health" in r.body.decode(), r)
check("...and the ticked box stays ticked", re.search(r'name="kr-%d-same" value="1" checked' % B, r.body.decode()), r)
r = post(with_fields(untouched, **{"kr-%d-same" % B: "1", "kr-%d-health" % B: "needs_attention"}))
check("no change with a health: saved (303 to the summary)", r.status == 303 and count(B) == nb + 1, r)
v = srv.sql("SELECT value, health FROM checkins WHERE key_result = ? ORDER BY id DESC", B)[0]
check("...a check-in at the same value", tuple(v) == (800.0, "needs_attention"), v)
html = page()
check("A and B are listed under 'Updated this week' with this week's entry", "Updated this week" in html and
      html.index("Updated this week") < html.index("kr-%d-value" % A) and "This week: 700 ms" in html, html)
check("C (still due) comes first", html.index("kr-%d-value" % C) < html.index("Updated this week"), html)
r = srv.req("GET", "/checkin?saved=1", auth=pat)
check("after saving: a summary of what was recorded, with links", re.search(
    r'Recorded this week</h2>.*<a href="/objectives/%d">Latency A</a>: 700 ms' % O, r.body.decode(), re.S), r)

finish()
