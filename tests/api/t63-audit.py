"""t63-audit.py: GET /api/v1/audit filtered as the /audit page filters: by actor, by entity and
id (or a person's handle, a team's slug, a cycle's name), by an objective and its key results, and
by dates (from and to, UTC days, both included), together, newest first, paged by id with the
Link keeping the filters. A filter that is not one is 400 (problem+json naming it); members and
viewers get 403 whatever they ask."""
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-11-02")
alex = srv.token(srv.login("alex", ADMIN_PW))
A = alex.bearer()
lee = srv.person(A, "lee", "leader", joined="2020-01-01").bearer()
pat = srv.person(A, "pat", "member").bearer()
val = srv.person(A, "val", "viewer").bearer()


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


def audit(query, auth=A):
    return srv.req("GET", "/api/v1/audit?" + urllib.parse.urlencode(query), auth=auth)


ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=A), 201)
ok("setup: a team", srv.req("POST", "/api/v1/teams", {"slug": "core", "name": "Core"}, auth=A), 201)
O = ok("setup: an objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q4", "dri": "pat", "title": "Ship it"}, auth=A), 201)["id"]
O2 = ok("setup: another objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q4", "dri": "pat", "title": "Keep it"}, auth=A), 201)["id"]
K = ok("setup: its KR", srv.req("POST", "/api/v1/key-results", {
    "objective": O, "title": "Ten", "dri": "pat", "unit": "%", "start": 0, "target": 10}, auth=lee), 201)["id"]
ok("setup: pat checks in", srv.req("POST", "/api/v1/key-results/%d/checkins" % K,
                                                  {"value": 3, "health": "on_track"}, auth=pat), 201)

# By actor: only lee's.
rows = ok("audit?actor=lee", audit({"actor": "lee"}), 200)
check("actor=lee: only lee's rows, the KR's creation among them", rows and all(a["actor"] == "lee" for a in rows)
      and any(a["entity"] == "key_result" and a["entity_id"] == K for a in rows), rows)
# By entity and a name.
rows = ok("audit?entity=person&id=pat", audit({"entity": "person", "id": "pat"}), 200)
pid = rows[0]["entity_id"] if rows else None
check("a person by handle: pat's rows only", rows and all(a["entity"] == "person" and a["entity_id"] == pid for a in rows)
      and any(a["action"] == "create" for a in rows), rows)
check("…the same as by id", audit({"entity": "person", "id": pid}).json == rows)
rows = ok("audit?entity=team&id=core", audit({"entity": "team", "id": "core"}), 200)
check("a team by slug", len(rows) == 1 and rows[0]["action"] == "create", rows)
rows = ok("audit?entity=cycle&id=FY2027-Q4", audit({"entity": "cycle", "id": "FY2027-Q4"}), 200)
check("a cycle by name", len(rows) == 1 and rows[0]["after"]["name"] == "FY2027-Q4", rows)
# By objective: it and its key results, not the other objective nor the check-in.
rows = ok("audit?objective=O", audit({"objective": O}), 200)
check("objective=O: the objective and its KR only", rows and all(
    (a["entity"], a["entity_id"]) in (("objective", O), ("key_result", K)) for a in rows)
    and {a["entity"] for a in rows} == {"objective", "key_result"}, rows)
# By date: the objectives were made on 2026-11-02; nothing before, everything that day.
rows = ok("audit?from=to=2026-11-02", audit({"from": "2026-11-02", "to": "2026-11-02", "entity": "objective"}), 200)
check("that day: both objectives", {a["entity_id"] for a in rows} == {O, O2}, rows)
check("both days included, UTC", all(a["at"].startswith("2026-11-02") for a in rows), rows)
rows = ok("audit?to=2026-11-01", audit({"to": "2026-11-01"}), 200)
check("before that day: nothing", rows == [], rows)
rows = ok("audit?from=2026-11-03", audit({"from": "2026-11-03"}), 200)
check("from the next day: nothing yet", rows == [], rows)
# Together, and paged with the filters kept.
rows = ok("audit?actor=alex&entity=objective", audit({"actor": "alex", "entity": "objective"}), 200)
check("actor and entity together", len(rows) == 2 and all(a["actor"] == "alex" for a in rows), rows)
r = audit({"actor": "alex", "entity": "objective", "limit": 1})
link = r.header("Link") or ""
check("the Link keeps the filters", "actor=alex" in link and "entity=objective" in link and 'rel="next"' in link, link)
nxt = link[link.index("<") + 1:link.index(">")] if "<" in link else ""
r2 = srv.req("GET", nxt, auth=A) if nxt else None
check("the next page is the older one, still filtered", r2 and r2.status == 200 and len(r2.json) == 1 and
      r2.json[0]["id"] < r.json[0]["id"] and r2.json[0]["entity"] == "objective", r2)

# Refusals: 400 naming the filter; 403 first for who may not read it.
for query, field in (({"actor": "nobody"}, "actor"), ({"from": "2026-13-01"}, "from"), ({"to": "yesterday"}, "to"),
                     ({"from": "2026-11-03", "to": "2026-11-02"}, "to"), ({"objective": "abc"}, "objective"),
                     ({"entity": "objective", "id": "ship"}, "id"), ({"id": "pat"}, "id"),
                     ({"entity": "person", "id": "nobody"}, "id"), ({"entity": "bogus"}, "entity")):
    r = audit(query)
    check("400 audit?%s names %s" % (urllib.parse.urlencode(query), field), r.status == 400 and
          r.header("Content-Type").startswith("application/problem+json") and r.json.get("field") == field, r)
for who, auth in (("pat", pat), ("val", val)):
    for query in ({}, {"actor": "nobody"}, {"objective": O}):
        r = audit(query, auth=auth)
        check("403 %s audit?%s" % (who, urllib.parse.urlencode(query)), r.status == 403 and
              r.header("Content-Type").startswith("application/problem+json"), r)
check("a leader reads it", audit({"objective": O}, auth=lee).status == 200)

srv.stop()
finish()
