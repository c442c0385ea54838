"""t37-r14.py: R14, who writes which update, over the API and the objective page: a non-DRI team
member, a new joiner and a viewer are refused every update (403, a detail naming who may, no rule
code); a leader's or admin's update on the DRI's behalf is recorded as such ("on_behalf_of"); the
objective page draws only the forms the signed-in person may use, for each role; the tree's
"Update due" mark names who still owes; R15: a check-in on the day before the update day counts
for it, at both edges of the window, and due and the tree agree."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-11-18")  # a Wednesday, the update day
alex = srv.token(srv.login("alex", ADMIN_PW))
ada = alex.bearer()
who = {"alex": alex}
for handle, role, joined in (("lee", "leader", "2020-01-01"), ("pat", "member", "2021-01-01"),
                             ("rio", "member", "2021-01-01"), ("mo", "member", "2021-01-01"),
                             ("nj", "member", "2026-10-01"), ("val", "viewer", "2021-01-01")):
    who[handle] = srv.person(ada, handle, role, joined=joined)


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


B = {h: a.bearer() for h, a in who.items()}
ok("setup: team saas", srv.req("POST", "/api/v1/teams", {"slug": "saas", "name": "SaaS",
                                                         "members": ["pat", "rio", "mo", "nj"]}, auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=B["lee"]), 201)
O = ok("setup: pat's objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "pat",
                                                                      "title": "Ship it"}, auth=B["pat"]), 201)["id"]
K1 = ok("setup: rio's KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Uptime", "dri": "rio", "unit": "%",
                                                                  "start": 99, "target": 100}, auth=B["pat"]), 201)["id"]
K2 = ok("setup: pat's KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Latency", "dri": "pat", "unit": "ms",
                                                                  "start": 800, "target": 200}, auth=B["pat"]), 201)["id"]
OBJ = "/api/v1/objectives/%d" % O
STATUS = {"health": "on_track", "lines": [{"key_result": K1, "line": "a"}, {"key_result": K2, "line": "b"}]}
RETRO = {"good": ["a", "b"], "bad": ["c", "d"], "try": ["e", "f"], "final": True}

# --- every update refused for the team member, the new joiner and the viewer, naming who may ---------
WHO_MAY = {
    "check-in on rio's KR": ("POST", "/api/v1/key-results/%d/checkins" % K1, {"value": 99.5, "health": "on_track"},
                             "made by its DRI rio or the objective's DRI pat, or by a leader or admin on their behalf"),
    "check-in on pat's KR": ("POST", "/api/v1/key-results/%d/checkins" % K2, {"value": 700, "health": "on_track"},
                             "made by its DRI pat, or by a leader or admin on their behalf"),
    "weekly status": ("POST", OBJ + "/status", STATUS,
                      "written by its DRI pat, or by a leader or admin on their behalf"),
    "retro": ("POST", OBJ + "/retro", RETRO, "the retro of objective %d is written by its DRI pat, a leader or an admin" % O),
    "close": ("POST", OBJ + "/close", None, "objective %d is closed by its DRI pat, a leader or an admin" % O),
}
for h in ("mo", "nj", "val"):
    for what, (method, path, body, says) in WHO_MAY.items():
        r = srv.refused("R14 %s may not write the %s: 403 naming who may" % (h, what), 403, method, path, body,
                        auth=B[h], snap_auth=ada, detail_has=says)
        d = r.json.get("detail", "") if isinstance(r.json, dict) else ""
        check("R14 %s's refusal of the %s has no rule code" % (h, what), not re.search(r"\(R\d+\)", d), d)
r = srv.req("POST", "/api/v1/key-results/%d/checkins" % K1, {"value": 99.5, "health": "on_track"}, auth=B["nj"])
check("R14 R4 the new joiner is told when they start writing updates",
      "nj joined on 2026-10-01 and writes updates from 2027-01-01" in r.json.get("detail", ""), r)
r = srv.req("POST", OBJ + "/status", STATUS, auth=B["rio"])
check("R14 a KR's DRI does not write the objective's status", r.status == 403 and
      "rio is not this objective's DRI" in r.json.get("detail", ""), r)

# --- the tree's mark names who still owes --------------------------------------------------------------


def due_mark():
    r = srv.req("GET", "/", auth=who["alex"].session())
    m = re.search(r'<span class="tag due">Update due: ([^<]*)</span>', r.body.decode())
    return m.group(1) if m else None


check("the tree marks the objective with everyone who owes", due_mark() == "pat, rio", due_mark())

# --- on behalf, recorded as such ------------------------------------------------------------------------
c = ok("R14 the KR's DRI checks in", srv.req("POST", "/api/v1/key-results/%d/checkins" % K1,
                                              {"value": 99.5, "health": "on_track"}, auth=B["rio"]), 201)
check("R14 their own check-in has no on_behalf_of", "on_behalf_of" not in c and c.get("author") == "rio", c)
check("the tree's mark drops rio once rio is done", due_mark() == "pat", due_mark())
c = ok("R14 a leader checks in on pat's KR", srv.req("POST", "/api/v1/key-results/%d/checkins" % K2,
                                                       {"value": 700, "health": "needs_attention"}, auth=B["lee"]), 201)
check("R14 recorded as by lee for pat", (c.get("author"), c.get("on_behalf_of")) == ("lee", "pat"), c)
h = ok("the check-ins of pat's KR", srv.req("GET", "/api/v1/key-results/%d/checkins" % K2, auth=ada), 200)
check("R14 the history keeps by lee for pat", [(x["author"], x.get("on_behalf_of")) for x in h] == [("lee", "pat")], h)
c = ok("R14 the objective's DRI checks in on rio's KR", srv.req("POST", "/api/v1/key-results/%d/checkins" % K1,
                                                                  {"value": 99.6, "health": "on_track"}, auth=B["pat"]), 201)
check("R14 recorded as by pat for rio", (c.get("author"), c.get("on_behalf_of")) == ("pat", "rio"), c)
s = ok("R14 an admin writes the status on pat's behalf", srv.req("POST", OBJ + "/status", STATUS, auth=ada), 201)
check("R14 the status is by alex for pat", (s.get("author"), s.get("on_behalf_of")) == ("alex", "pat"), s)
due = ok("due", srv.req("GET", "/api/v1/due", auth=ada), 200)
check("R14 updates made on the DRIs' behalf count as theirs: nothing due on this objective",
      [d for d in due["due"] if d["objective"] == O] == [], due)
check("the tree's mark is gone once everyone is done", due_mark() is None, due_mark())

# --- the objective page draws only the forms the person may use -------------------------------------------
FORMS = {"status": r'<form[^>]*id="status"', "retro": r'<form[^>]*id="retro"', "close": r'<form[^>]*id="close"',
         "K1": r'action="/key-results/%d/checkin"' % K1, "K2": r'action="/key-results/%d/checkin"' % K2}
MAY = {"alex": set(FORMS), "lee": set(FORMS), "pat": set(FORMS), "rio": {"K1"}, "mo": set(), "nj": set(), "val": set()}
for h, expected in MAY.items():
    r = srv.req("GET", "/objectives/%d" % O, auth=who[h].session())
    html = r.body.decode()
    shown = {f for f, pat in FORMS.items() if re.search(pat, html)}
    check("R14 /objectives/%d as %s: the forms drawn are %s" % (O, h, sorted(expected) or "none"),
          r.status == 200 and shown == expected, "shown %s" % sorted(shown))
r = srv.req("GET", "/objectives/%d" % O, auth=who["mo"].session())
check("R14 the history shows the leader's check-in as by lee for pat", "lee for pat" in r.body.decode(), r.body[-3000:])

ok("R14 a leader writes the final retro", srv.req("POST", OBJ + "/retro", RETRO, auth=B["lee"]), 200, 201)
ok("R14 the objective's DRI closes it", srv.req("POST", OBJ + "/close", None, auth=B["pat"]), 200)
r = srv.req("GET", "/objectives/%d" % O, auth=who["alex"].session())
check("R14 a closed objective draws no update form, even for an admin",
      not any(re.search(p, r.body.decode()) for p in FORMS.values()), r)

# --- R15: an update counts for the nearest update day; due and the tree's marks agree ------------------------
O2 = ok("setup: another objective of pat's", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas",
                                                                                  "dri": "pat", "title": "Next"}, auth=B["pat"]), 201)["id"]
K3 = ok("setup: rio's KR on it", srv.req("POST", "/api/v1/key-results", {"objective": O2, "title": "Speed", "dri": "rio", "unit": "s",
                                                                       "start": 4, "target": 2}, auth=B["pat"]), 201)["id"]


def owes(date, handle, kr=None):
    d = ok("due on %s" % date, srv.req("GET", "/api/v1/due", auth=ada, query={"date": date}), 200)
    return d["update_day"], any(x["dri"] == handle and x["objective"] == O2 and (x["key_result"] or None) == kr
                                for x in d["due"])


def tree_mark():
    r = srv.req("GET", "/", auth=srv.login("alex", ADMIN_PW))
    m = re.search(r'href="/objectives/%d"[^\0]*?</div>\s*<div class="meta">(.*?)</div>' % O2, r.body.decode(), re.S)
    t = re.search(r'Update due: ([^<]*)', m.group(1)) if m else None
    return t.group(1) if t else None


srv.restart("2026-11-24")  # Tuesday, the day before Wednesday 11-25
check("R15 before rio's check-in the tree names rio and pat", tree_mark() == "pat, rio", tree_mark())
ok("R15 rio checks in on the Tuesday", srv.req("POST", "/api/v1/key-results/%d/checkins" % K3,
                                             {"value": 3.5, "health": "on_track"}, auth=B["rio"]), 201)
check("R15 on the Tuesday, due is for Wednesday 11-25 and rio owes nothing",
      owes("2026-11-24", "rio", K3) == ("2026-11-25", False), owes("2026-11-24", "rio", K3))
check("R15 the tree agrees: only pat still owes on it", tree_mark() == "pat", tree_mark())
check("R15 on the update day rio still owes nothing", owes("2026-11-25", "rio", K3) == ("2026-11-25", False))
check("R15 nor on Saturday 11-28, the window's last day", owes("2026-11-28", "rio", K3) == ("2026-11-25", False))
check("R15 on Sunday 11-29 the next window opens: due for Wednesday 12-02",
      owes("2026-11-29", "rio", K3) == ("2026-12-02", True), owes("2026-11-29", "rio", K3))
srv.restart("2026-11-29")  # Sunday, the first day of Wednesday 12-02's window
check("R15 on the Sunday the tree names rio again", tree_mark() == "pat, rio", tree_mark())
ok("R15 rio checks in on the Sunday", srv.req("POST", "/api/v1/key-results/%d/checkins" % K3,
                                            {"value": 3.0, "health": "on_track"}, auth=B["rio"]), 201)
check("R15 a Sunday check-in counts for the Wednesday after", owes("2026-12-02", "rio", K3) == ("2026-12-02", False))
check("R15 the tree agrees with due", tree_mark() == "pat", tree_mark())
r = srv.req("GET", "/checkin", auth=srv.login("pat", PW))
check("R15 /checkin names the update day it counts for and its window",
      "What you write from Sunday 2026-11-29 to Saturday 2026-12-05 counts for Wednesday 2026-12-02." in r.body.decode(),
      r.body[:1500])

# --- alignment: a child's weight in a parent's roll-up is the parent's owners' decision ---------------------
who["kit"] = srv.person(ada, "kit", "member", joined="2021-01-01")
B["kit"] = who["kit"].bearer()
ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["kit"]}, auth=ada), 201)
C = ok("setup: a company objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "dri": "lee",
                                                                          "title": "Grow"}, auth=B["lee"]), 201)["id"]
KC = ok("setup: its KR", srv.req("POST", "/api/v1/key-results", {"objective": C, "title": "Revenue", "dri": "lee", "unit": "k",
                                                               "start": 0, "target": 100}, auth=B["lee"]), 201)["id"]
ok("setup: its check-in at 54%", srv.req("POST", "/api/v1/key-results/%d/checkins" % KC,
                                         {"value": 54, "health": "on_track"}, auth=B["lee"]), 201)
COBJ = "/api/v1/objectives/%d" % C


def progress(oid):
    return ok("objective %d" % oid, srv.req("GET", "/api/v1/objectives/%d" % oid, auth=ada), 200).get("progress")


def patch(oid, body, auth):
    g = srv.req("GET", "/api/v1/objectives/%d" % oid, auth=ada)
    etag = {k.lower(): v for k, v in g.headers.items()}.get("etag")
    return srv.req("PATCH", "/api/v1/objectives/%d" % oid, body, auth=auth, headers={"If-Match": etag})


def child(title, parent, team="saas", auth="pat", **extra):
    body = {"cycle": "FY2027-Q4", "team": team, "dri": auth, "title": title}
    if parent:
        body["parent"] = parent
    body.update(extra)
    return srv.req("POST", "/api/v1/objectives", body, auth=B[auth])


check("the company objective is at 54%", progress(C) == 0.54, progress(C))
r = srv.refused("R14 a member may not give weight 100 under a company objective: 403 naming who may", 403, "POST",
                "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "pat", "title": "Drag", "parent": C,
                                       "weight": 100}, auth=B["pat"], snap_auth=ada,
                detail_has="pat may not edit objective %d: an objective aligned under it weighs 1 in its roll-up "
                           "unless another weight is given by a leader or an admin" % C)
check("R14 the alignment refusal has no rule code", not re.search(r"\(R\d+\)", r.json.get("detail", "")), r)
check("R14 the company objective is still at 54%", progress(C) == 0.54, progress(C))
A1 = ok("R14 a member aligns under a company objective with weight 1", child("Aligned", C, weight=1), 201)["id"]
a2 = ok("R14 or with no weight given", child("Aligned 2", C), 201)
A2 = a2["id"]
check("R14 no weight given is 1", a2.get("weight") == 1, a2)
check("R14 the parent moves by a child's weight of 1 only: 0.54/3", progress(C) == 0.18, progress(C))
r = patch(A1, {"weight": 100}, B["pat"])
check("R14 re-weighing it by PATCH is refused too", r.status == 403 and "a leader or an admin" in r.json.get("detail", ""), r)
ok("R14 a leader weighs it", patch(A1, {"weight": 2}, B["lee"]), 200)
o = ok("R14 the member edits its title: the leader's weight stays", patch(A1, {"title": "Aligned, retitled"}, B["pat"]), 200)
check("R14 still 2", o.get("weight") == 2, o)
P = ok("setup: a workstream objective of plat", child("Plat goal", None, team="plat", auth="kit"), 201)["id"]
srv.refused("R14 aligning under another team's objective needs the right to edit it", 403, "POST", "/api/v1/objectives",
            {"cycle": "FY2027-Q4", "team": "saas", "dri": "pat", "title": "Under plat", "parent": P}, auth=B["pat"],
            snap_auth=ada, detail_has="pat may not edit objective %d of team plat: an objective is aligned under it by "
                                      "a member of team plat, its DRI kit, a leader or an admin" % P)
r = patch(A2, {"parent": P}, B["pat"])
check("R14 re-parenting under another team's objective by PATCH too",
      r.status == 403 and "its DRI kit" in r.json.get("detail", ""), r)
ok("R14 that team's member may, with a weight", child("Under plat", P, team="plat", auth="kit", weight=4), 201)

srv.stop()
finish()
