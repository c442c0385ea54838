"""t43-plan-move.py: POST /api/v1/key-results/{id}/move — a key result reordered (a position, or
up and down) and moved to another objective of the same team and cycle with its check-ins, in
the CLI's words when refused (another team's or cycle's objective, past the last place, a closed
objective, who may not edit), each refusal leaving everything as it was; the answer is the
objective holding the KR, checked against docs/openapi.json by lib.py."""
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


def titles(o):
    return ",".join(k["title"] for k in o.get("key_results", []))


ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]},
                               auth=ada), 201)
ok("setup: team grow", srv.req("POST", "/api/v1/teams", {"slug": "grow", "name": "Growth", "members": ["gus"]},
                               auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=lee), 201)


def objective(team, title, cycle="FY2027-Q3", auth=pat, dri="pat"):
    return ok("setup: " + title, srv.req("POST", "/api/v1/objectives", {
        "cycle": cycle, "team": team, "dri": dri, "title": title}, auth=auth), 201)["id"]


def kr(obj, title, auth=pat, dri="pat"):
    return ok("setup: KR " + title, srv.req("POST", "/api/v1/key-results", {
        "objective": obj, "title": title, "dri": dri, "unit": "x", "start": 0, "target": 10}, auth=auth), 201)["id"]


O1, O2 = objective("plat", "One"), objective("plat", "Two")
OG = objective("grow", "Growth", auth=gus, dri="gus")
OQ4 = objective("plat", "Later", cycle="FY2027-Q4")
A, B, C = kr(O1, "A"), kr(O1, "B"), kr(O1, "C")
D = kr(O2, "D")
ok("setup: a check-in on A", srv.req("POST", "/api/v1/key-results/%d/checkins" % A,
                                     {"value": 4, "health": "on_track"}, auth=pat), 201)
MOVE = "/api/v1/key-results/%d/move"

r = ok("C to the first place", srv.req("POST", MOVE % C, {"position": 1}, auth=pat), 200)
check("the answer is the objective, its KRs in their new order", (r.get("id"), titles(r)) == (O1, "C,A,B"), r)
r = ok("A down", srv.req("POST", MOVE % A, {"direction": "down"}, auth=pat), 200)
check("A is last", titles(r) == "C,B,A", r)
r = ok("B up", srv.req("POST", MOVE % B, {"direction": "up"}, auth=pat), 200)
check("B is first", titles(r) == "B,C,A", r)
r = ok("GET reads the same order", srv.req("GET", "/api/v1/objectives/%d" % O1, auth=pat), 200)
check("in the objective's key_results", titles(r) == "B,C,A", r)

srv.refused("the first does not go up", 409, "POST", MOVE % B, {"direction": "up"}, auth=pat,
            detail_has="key result %d is already the first of its objective" % B)
srv.refused("past the last place", 422, "POST", MOVE % B, {"position": 4}, auth=pat,
            detail_has="position 4 is past the last: objective %d has 3 key results" % O1)
srv.refused("a direction is up or down", 422, "POST", MOVE % B, {"direction": "sideways"}, auth=pat)
srv.refused("a position and a direction", 422, "POST", MOVE % B, {"position": 1, "direction": "down"}, auth=pat,
            detail_has="not both")
srv.refused("say where", 422, "POST", MOVE % B, {}, auth=pat, detail_has="say where to")
srv.refused("a position is a whole number from 1", 422, "POST", MOVE % B, {"position": 0}, auth=pat)
srv.refused("R1 another team's member may not", 403, "POST", MOVE % B, {"position": 2}, auth=gus,
            detail_has="gus is not in team plat")
srv.refused("no such key result", 404, "POST", MOVE % 999, {"position": 1}, auth=pat)

r = ok("A to the second objective, first", srv.req("POST", MOVE % A, {"objective": O2, "position": 1}, auth=pat), 200)
check("the answer is the objective it is in now", (r.get("id"), titles(r)) == (O2, "A,D"), r)
k = ok("A read back", srv.req("GET", "/api/v1/key-results/%d" % A, auth=pat), 200)
check("its check-in went with it", (k.get("objective"), k.get("current")) == (O2, 4), k)
r = ok("the first objective", srv.req("GET", "/api/v1/objectives/%d" % O1, auth=pat), 200)
check("A left it", titles(r) == "B,C", r)
r = ok("C to the second, at its end", srv.req("POST", MOVE % C, {"objective": O2}, auth=pat), 200)
check("C is last there", titles(r) == "A,D,C", r)
srv.refused("not to another team's objective", 422, "POST", MOVE % B, {"objective": OG}, auth=pat,
            detail_has="key result %d moves only between objectives of the same team and cycle: objective %d is "
            "plat's in FY2027-Q3, objective %d is grow's in FY2027-Q3" % (B, O1, OG))
srv.refused("not to another cycle's", 422, "POST", MOVE % B, {"objective": OQ4}, auth=pat,
            detail_has="objective %d is plat's in FY2027-Q4" % OQ4)
srv.refused("no direction with another objective", 422, "POST", MOVE % B, {"objective": O2, "direction": "up"},
            auth=pat, detail_has="up and down move a key result within its objective")
srv.refused("no such objective (a body field: 422)", 422, "POST", MOVE % B, {"objective": 999}, auth=pat,
            detail_has="no objective with id 999")
srv.stop()
finish()
