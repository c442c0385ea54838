"""t43-plan-team-copy.py: POST /api/v1/teams/{slug}/copy carries a team's quarter over into the
next (201 with the new drafts, parents first, each aligned to its parent's copy and linking
back), leaves drafts and what was copied already, and refuses as the CLI does (another team's
member 403, a cycle of another kind 422, nothing left to copy 409, no such team 404), each
refusal leaving everything as it was; every answer is checked against docs/openapi.json."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-11-25")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
WHO = {h: srv.person(ada, h, role) for h, role in (("lee", "leader"), ("pat", "member"), ("gus", "member"))}
lee, pat, gus = WHO["lee"].bearer(), WHO["pat"].bearer(), WHO["gus"].bearer()


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]},
                               auth=ada), 201)
ok("setup: team grow", srv.req("POST", "/api/v1/teams", {"slug": "grow", "name": "Growth", "members": ["gus"]},
                               auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=lee), 201)


def objective(title, auth, **kw):
    body = {"cycle": "FY2027-Q3", "dri": kw.pop("dri", "pat"), "title": title}
    body.update(kw)
    return ok("setup: " + title, srv.req("POST", "/api/v1/objectives", body, auth=auth), 201)["id"]


C = objective("Company", lee, dri="lee")
A = objective("Reliable", pat, team="plat", parent=C)
B = objective("Fast", pat, team="plat", parent=A)
objective("Someday", pat, team="plat", draft=True)
objective("Grow", gus, team="grow", dri="gus", parent=C)
ok("setup: a KR", srv.req("POST", "/api/v1/key-results", {
    "objective": B, "title": "Latency", "dri": "pat", "unit": "ms", "start": 800, "target": 200}, auth=pat), 201)
CC = ok("setup: the company objective carried over", srv.req("POST", "/api/v1/objectives/%d/copy" % C,
                                                              {"cycle": "FY2027-Q4"}, auth=lee), 201)["id"]
before = srv.req("GET", "/api/v1/tree?cycle=FY2027-Q3", auth=pat).json

COPY = "/api/v1/teams/%s/copy"
srv.refused("R1 another team's member does not carry it over", 403, "POST", COPY % "plat",
            {"from": "FY2027-Q3", "cycle": "FY2027-Q4"}, auth=gus, detail_has="gus is not in team plat")
srv.refused("to a cycle of its kind", 422, "POST", COPY % "plat", {"from": "FY2027-Q3", "cycle": "FY2027"}, auth=pat,
            detail_has="copied to another quarter, not to FY2027")
srv.refused("no such team", 404, "POST", COPY % "nobody", {"from": "FY2027-Q3", "cycle": "FY2027-Q4"}, auth=pat)
srv.refused("no such cycle", 422, "POST", COPY % "plat", {"from": "FY2027-Q3", "cycle": "FY2099"}, auth=pat,
            detail_has="FY2099")
srv.refused("both cycles are required", 422, "POST", COPY % "plat", {"cycle": "FY2027-Q4"}, auth=pat)

v = ok("pat carries platform's quarter over", srv.req("POST", COPY % "plat", {"from": "FY2027-Q3", "cycle": "FY2027-Q4"},
                                                      auth=pat), 201)
check("201 with the two drafts, parent first",
      [(o.get("title"), o.get("state"), o.get("cycle"), o.get("team")) for o in v] ==
      [("Reliable", "draft", "FY2027-Q4", "plat"), ("Fast", "draft", "FY2027-Q4", "plat")], v)
check("the first aligns to the company objective's copy, the second to the first's copy",
      len(v) == 2 and v[0].get("parent") == CC and v[1].get("parent") == v[0].get("id"), v)
check("each links back", len(v) == 2 and "From objective #%d in FY2027-Q3." % B in v[1].get("description", ""), v)
check("with its open KR", len(v) == 2 and [k["title"] for k in v[1].get("key_results", [])] == ["Latency"], v)
check("nothing of the old quarter changed", srv.req("GET", "/api/v1/tree?cycle=FY2027-Q3", auth=pat).json == before)
srv.refused("what was copied is not copied again", 409, "POST", COPY % "plat",
            {"from": "FY2027-Q3", "cycle": "FY2027-Q4"}, auth=pat,
            detail_has="team plat has nothing in FY2027-Q3 to carry over to FY2027-Q4")
srv.stop()
finish()
