"""t48-people.py: an admin runs people over the API. A person's role and join date change
(PATCH); a deactivated person cannot sign in by password, by an API token they held, nor by a
session they had (all refused), cannot be made a DRI, keeps their history (their check-in, their
audit rows, their page), and can be reactivated; what they own is handed over in one step with
an audit row per item, closed objectives left as they were; the last active admin is kept; every
one of these is refused to leaders, members and viewers (403, nothing changed). A team is
renamed (its slug stays) and a member taken out, by admins only. One's sessions are listed and
ended everywhere else (another person's by admins only)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-11-18")
alex = srv.token(srv.login("alex", ADMIN_PW))
A = alex.bearer()
who = {}
for handle, role, joined in (("lee", "leader", "2020-01-01"), ("pat", "member", "2021-01-01"),
                             ("rio", "member", "2021-01-01"), ("nj", "member", "2026-10-01"),
                             ("val", "viewer", "2021-01-01")):
    who[handle] = srv.person(A, handle, role, joined=joined)
B = {h: a.bearer() for h, a in who.items()}


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=A), 201)
objs, krs = [], []
for title in ("Ship it", "Keep it up"):
    o = ok("setup: pat's objective", srv.req("POST", "/api/v1/objectives", {
        "cycle": "FY2027-Q4", "dri": "pat", "title": title}, auth=A), 201)["id"]
    objs.append(o)
    for k in ("A", "B"):
        krs.append(ok("setup: pat's KR", srv.req("POST", "/api/v1/key-results", {
            "objective": o, "title": title + " " + k, "dri": "pat", "unit": "%", "start": 0, "target": 10},
            auth=A), 201)["id"])
ok("pat checks in (history to keep)", srv.req("POST", "/api/v1/key-results/%d/checkins" % krs[0],
                                              {"value": 5, "health": "on_track"}, auth=B["pat"]), 201)
# A closed objective of pat's: history, never handed over.
closed = ok("setup: pat's objective to close", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q4", "dri": "pat", "title": "Done already"}, auth=A), 201)["id"]
ok("setup: its final retro", srv.req("POST", "/api/v1/objectives/%d/retro" % closed, {
    "good": ["a", "b"], "bad": ["c", "d"], "try": ["e", "f"], "final": True}, auth=B["pat"]), 200)
ok("setup: closed", srv.req("POST", "/api/v1/objectives/%d/close" % closed, auth=B["pat"]), 200)

# --- role rules: admins only, each refusal changes nothing ---------------------------------
for role in ("lee", "pat", "val"):
    srv.refused("R1 %s may not change a person (403)" % role, 403, "PATCH", "/api/v1/people/rio",
                {"role": "leader"}, auth=B[role], snap_auth=A)
    srv.refused("R1 %s may not deactivate a person (403)" % role, 403, "POST",
                "/api/v1/people/rio/deactivate", auth=B[role], snap_auth=A)
    srv.refused("R1 %s may not hand over (403)" % role, 403, "POST", "/api/v1/people/pat/handover",
                {"to": "rio"}, auth=B[role], snap_auth=A)
ok("deactivate rio to test reactivation's rule", srv.req("POST", "/api/v1/people/rio/deactivate", auth=A), 200)
for role in ("lee", "pat", "val"):
    srv.refused("R1 %s may not reactivate a person (403)" % role, 403, "POST",
                "/api/v1/people/rio/reactivate", auth=B[role], snap_auth=A)
p = ok("an admin reactivates rio", srv.req("POST", "/api/v1/people/rio/reactivate", auth=A), 200)
check("rio is active again", p.get("active") is True, p)
srv.refused("reactivating someone active is 409", 409, "POST", "/api/v1/people/rio/reactivate", auth=A)

# --- change a role and a join date ------------------------------------------------------------
p = ok("an admin makes rio a leader who joined in 2026", srv.req("PATCH", "/api/v1/people/rio", {
    "role": "leader", "joined_on": "2026-09-01"}, auth=A), 200)
check("rio is a leader now, onboarding (R4)", p.get("role") == "leader" and p.get("joined_on") == "2026-09-01"
      and p.get("onboarding") is True, p)
ok("and back", srv.req("PATCH", "/api/v1/people/rio", {"role": "member", "joined_on": "2021-01-01"}, auth=A), 200)
srv.refused("a role that is none is 422", 422, "PATCH", "/api/v1/people/rio", {"role": "boss"}, auth=A)
srv.refused("a join date that is none is 422", 422, "PATCH", "/api/v1/people/rio", {"joined_on": "2026-02-30"}, auth=A)
srv.refused("an unknown person is 404", 404, "PATCH", "/api/v1/people/nobody", {"role": "member"}, auth=A)
srv.refused("the only active admin keeps the role (409)", 409, "PATCH", "/api/v1/people/alex", {"role": "member"}, auth=A)
srv.refused("the only active admin cannot be deactivated (409)", 409, "POST", "/api/v1/people/alex/deactivate", auth=A)

# --- deactivate pat: no sign-in of any kind, no DRI, history kept ---------------------------
pat_session = srv.login("pat", PW)
ok("pat's session works before", srv.req("GET", "/api/v1/session", auth=pat_session), 200)
p = ok("an admin deactivates pat", srv.req("POST", "/api/v1/people/pat/deactivate", auth=A), 200)
check("pat reads as not active", p.get("active") is False, p)
srv.refused("deactivating pat twice is 409", 409, "POST", "/api/v1/people/pat/deactivate", auth=A)
r = srv.req("POST", "/api/v1/session", {"handle": "pat", "password": PW})
check("pat cannot sign in with the right password (403, the wrong-password answer)", r.status == 403, r)
r = srv.req("GET", "/api/v1/tree", auth=B["pat"])
check("pat's API token is refused (401)", r.status == 401, r)
r = srv.req("GET", "/api/v1/session", auth=pat_session)
check("pat's session is refused (401)", r.status == 401, r)
r = srv.req("GET", "/", auth=pat_session)
check("pat's session no longer opens a page (sent to /login)", r.status == 303 and r.header("Location") == "/login", r)
srv.refused("pat cannot be made a DRI (422, saying why)", 422, "POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q4", "dri": "pat", "title": "New"}, auth=A, detail_has="deactivated")
srv.refused("nor a KR's DRI", 422, "PATCH", "/api/v1/key-results/%d" % krs[1], {"dri": "pat"}, auth=A,
            headers={"If-Match": srv.req("GET", "/api/v1/key-results/%d" % krs[1], auth=A).header("ETag")})
h = ok("pat's check-in is still there", srv.req("GET", "/api/v1/key-results/%d/checkins" % krs[0], auth=A), 200)
items = h.get("items", h) if isinstance(h, dict) else h
check("…by pat", any(c.get("author") == "pat" for c in items), h)
a = ok("the audit trail shows the deactivation", srv.req("GET", "/api/v1/audit", auth=A, query={"entity": "person"}), 200)
rows = a.get("items", a) if isinstance(a, dict) else a
check("…a deactivate row", any(x.get("action") == "deactivate" for x in rows), a)
people = ok("the people list", srv.req("GET", "/api/v1/people", auth=A), 200)
plist = people.get("items", people) if isinstance(people, dict) else people
check("lists pat as not active, everyone else active",
      all(x["active"] == (x["handle"] != "pat") for x in plist), plist)

# --- hand over: everything open of pat's goes to rio, in one step ------------------------------
srv.refused("to a viewer is 422", 422, "POST", "/api/v1/people/pat/handover", {"to": "val"}, auth=A)
srv.refused("to a new joiner is 422 (R4)", 422, "POST", "/api/v1/people/pat/handover", {"to": "nj"}, auth=A)
srv.refused("to nobody known is 422", 422, "POST", "/api/v1/people/pat/handover", {"to": "nobody"}, auth=A)
srv.refused("to themself is 422", 422, "POST", "/api/v1/people/pat/handover", {"to": "pat"}, auth=A)
r = ok("pat's 2 objectives and 4 KRs go to rio", srv.req("POST", "/api/v1/people/pat/handover", {"to": "rio"}, auth=A), 200)
check("6 moved", r.get("moved") == 6, r)
for o in objs:
    j = ok("objective %d" % o, srv.req("GET", "/api/v1/objectives/%d" % o, auth=A), 200)
    check("objective %d and its KRs are rio's" % o,
          j["dri"] == "rio" and all(k["dri"] == "rio" for k in j["key_results"]), j)
j = ok("the closed objective", srv.req("GET", "/api/v1/objectives/%d" % closed, auth=A), 200)
check("the closed objective stays pat's (history)", j["dri"] == "pat", j)
a = ok("the audit", srv.req("GET", "/api/v1/audit", auth=A, query={"entity": "key_result", "limit": 100}), 200)
rows = a.get("items", a) if isinstance(a, dict) else a
check("an audit row for each KR handed over",
      sorted(x["entity_id"] for x in rows if x.get("action") == "handover") == sorted(krs), rows)
r = ok("a second hand-over finds nothing", srv.req("POST", "/api/v1/people/pat/handover", {"to": "rio"}, auth=A), 200)
check("0 moved", r.get("moved") == 0, r)

# --- reactivate: pat signs in again ------------------------------------------------------------
ok("an admin reactivates pat", srv.req("POST", "/api/v1/people/pat/reactivate", auth=A), 200)
ok("pat signs in again", srv.req("POST", "/api/v1/session", {"handle": "pat", "password": PW}), 201)
ok("pat's token works again", srv.req("GET", "/api/v1/tree", auth=B["pat"]), 200)

# --- teams: rename, take a member out -----------------------------------------------------------
ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat", "rio"]},
                               auth=A), 201)
for role in ("lee", "pat", "val"):
    srv.refused("R1 %s may not rename a team (403)" % role, 403, "PATCH", "/api/v1/teams/plat", {"name": "X"},
                auth=B[role], snap_auth=A)
    srv.refused("R1 %s may not take a member out (403)" % role, 403, "DELETE", "/api/v1/teams/plat/members/rio",
                auth=B[role], snap_auth=A)
t = ok("an admin renames plat", srv.req("PATCH", "/api/v1/teams/plat", {"name": "Platform Engineering"}, auth=A), 200)
check("the new name, the same slug", t.get("slug") == "plat" and t.get("name") == "Platform Engineering", t)
srv.refused("an empty name is 422", 422, "PATCH", "/api/v1/teams/plat", {"name": ""}, auth=A)
srv.refused("an unknown team is 404", 404, "PATCH", "/api/v1/teams/nope", {"name": "X"}, auth=A)
t = ok("an admin takes pat out", srv.req("DELETE", "/api/v1/teams/plat/members/pat", auth=A), 200)
check("rio is the one member left", t.get("members") == ["rio"], t)
srv.refused("someone not in the team is 409", 409, "DELETE", "/api/v1/teams/plat/members/pat", auth=A)
srv.refused("an unknown person is 404", 404, "DELETE", "/api/v1/teams/plat/members/nobody", auth=A)
srv.refused("an unknown team is 404", 404, "DELETE", "/api/v1/teams/nope/members/rio", auth=A)

# --- sessions: list mine, sign out everywhere else ------------------------------------------------
s1, s2 = srv.login("rio", PW), srv.login("rio", PW)
v = ok("rio lists their sessions", srv.req("GET", "/api/v1/sessions", auth=s1), 200)
check("two or more, exactly one of them this one", len(v) >= 2 and sum(1 for x in v if x["current"]) == 1, v)
srv.refused("a member may not list another's sessions (403)", 403, "GET", "/api/v1/sessions", auth=s1,
            query={"handle": "lee"})
srv.refused("a member may not end another's sessions (403)", 403, "DELETE", "/api/v1/sessions", auth=B["lee"],
            query={"handle": "rio"}, snap_auth=A)
ok("an admin lists rio's", srv.req("GET", "/api/v1/sessions", auth=A, query={"handle": "rio"}), 200)
e = ok("rio signs out everywhere else", srv.req("DELETE", "/api/v1/sessions", auth=s1), 200)
check("at least the other one ended", e.get("ended", 0) >= 1, e)
check("the other session is over (401)", srv.req("GET", "/api/v1/session", auth=s2).status == 401)
ok("this one goes on", srv.req("GET", "/api/v1/session", auth=s1), 200)
v = ok("one session left", srv.req("GET", "/api/v1/sessions", auth=s1), 200)
check("…this one", len(v) == 1 and v[0]["current"] is True, v)

srv.stop()
finish()
