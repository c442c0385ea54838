"""t43-plan.py: planning over the API — POST /api/v1/objectives/{id}/publish turns a draft active,
POST /api/v1/objectives/{id}/copy carries an objective over into the next quarter as a draft (201
with Location), with the same refusals as the CLI and the pages (R1: a member neither publishes
nor copies a company objective; a copy goes to another cycle of its kind), each refusal leaving
everything as it was; every answer is checked against docs/openapi.json by lib.py."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-11-25")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
WHO = {h: srv.person(ada, h, role) for h, role in (("lee", "leader"), ("pat", "member"))}
lee, pat = WHO["lee"].bearer(), WHO["pat"].bearer()


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]},
                               auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=lee), 201)
C = ok("setup: a company draft", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q3", "dri": "lee", "title": "Company", "draft": True}, auth=lee), 201)["id"]
W = ok("setup: a workstream objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q3", "team": "plat", "dri": "pat", "title": "Ours", "parent": C}, auth=pat), 201)["id"]
ok("setup: its KR", srv.req("POST", "/api/v1/key-results", {
    "objective": W, "title": "Faster", "dri": "pat", "unit": "ms", "start": 800, "target": 200}, auth=pat), 201)

srv.refused("R1 a member does not publish a company draft", 403, "POST", "/api/v1/objectives/%d/publish" % C,
            auth=pat, detail_has="only leaders and admins")
r = ok("a leader publishes it", srv.req("POST", "/api/v1/objectives/%d/publish" % C, auth=lee), 200)
check("published: active", r.get("state") == "active", r)
srv.refused("R1 a member does not copy a company objective", 403, "POST", "/api/v1/objectives/%d/copy" % C,
            {"cycle": "FY2027-Q4"}, auth=pat, detail_has="only leaders and admins")
srv.refused("a copy goes to a cycle of its kind", 422, "POST", "/api/v1/objectives/%d/copy" % W,
            {"cycle": "FY2027"}, auth=pat, detail_has="copied to another quarter")
srv.refused("the cycle is required", 422, "POST", "/api/v1/objectives/%d/copy" % W, {}, auth=pat)
srv.refused("no such objective", 404, "POST", "/api/v1/objectives/999/copy", {"cycle": "FY2027-Q4"}, auth=pat)
r = srv.req("POST", "/api/v1/objectives/%d/copy" % W, {"cycle": "FY2027-Q4"}, auth=pat)
c = ok("the member carries their objective over", r, 201)
check("201 names the copy in Location", (r.header("Location") or "").endswith("/api/v1/objectives/%d" % c.get("id", 0)), r)
check("the copy is a Q4 draft of the team, not aligned (no Q4 company objective yet), with its KR",
      (c.get("state"), c.get("cycle"), c.get("team"), c.get("parent"), len(c.get("key_results", []))) ==
      ("draft", "FY2027-Q4", "plat", None, 1), c)
check("it links back", "From objective #%d in FY2027-Q3." % W in c.get("description", ""), c)
srv.stop()
finish()
