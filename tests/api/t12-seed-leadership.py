"""t12-seed-leadership.py: seed 000 end to end over the API alone (tests/cli/t01-leadership.sh's
process): Leadership Team OKRs, a Platform workstream aligned to them, Wednesday check-ins, roll-up,
due, lint, R4 new joiners, retro and close. The clock moves by restarting on the same database."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, near, poster  # noqa: E402

srv = Server(now="2026-01-15")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()


def week(day):
    srv.restart(day)


post = poster(srv.req, label="POST %s")


def show(i):
    return srv.req("GET", "/api/v1/objectives/%d" % i, auth=ada).json


def kr(i):
    return srv.req("GET", "/api/v1/key-results/%d" % i, auth=ada).json


def checkins(i):
    return srv.req("GET", "/api/v1/key-results/%d/checkins" % i, auth=ada, query={"limit": 200}).json


def get(path, **q):
    return srv.req("GET", path, auth=ada, query=q or None).json


# --- setup: people, teams, the year -----------------------------------------------------------
lee = srv.person(ada, "lee", "leader", "2021-05-10", "Lee Leader").bearer()
pat = srv.person(ada, "pat", "member", "2022-01-03", "Pat Platform").bearer()
sam = srv.person(ada, "sam", "member", "2023-06-01", "Sam SRE").bearer()
kim = srv.person(ada, "kim", "member", "2024-09-15", "Kim Migrations").bearer()
val = srv.person(ada, "val", "viewer", "2024-01-01", "Val Viewer").bearer()
nj = post(ada, "/api/v1/people", {"handle": "nj", "name": "New Joiner", "joined_on": "2026-01-20"},
          what="the admin adds a new joiner")
check("R4 a new joiner is onboarding for 3 calendar months",
      (nj.get("onboarding"), nj.get("onboarding_until")) == (True, "2026-04-20"), nj)
check("R4 a long-time member is not onboarding", get("/api/v1/people/sam")["onboarding"] is False)
check("people list everyone with their role", sorted((p["handle"], p["role"]) for p in get("/api/v1/people")) == [
    ("alex", "admin"), ("kim", "member"), ("lee", "leader"), ("nj", "member"), ("pat", "member"), ("sam", "member"),
    ("val", "viewer")])
srv.refused("R1 a member does not add people (403)", 403, "POST", "/api/v1/people", {"handle": "zed", "name": "Zed"},
            auth=pat, snap_auth=ada)
post(ada, "/api/v1/teams", {"slug": "platform", "name": "Platform", "members": ["pat", "sam", "kim", "nj"]},
     what="the admin adds the Platform team")
post(ada, "/api/v1/teams", {"slug": "leadership", "name": "Leadership Team", "members": ["lee", "alex"]},
     what="the admin adds the Leadership Team")
check("teams keep their members", sorted(get("/api/v1/teams/platform")["members"]) == ["kim", "nj", "pat", "sam"])

post(lee, "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"},
     what="a leader makes FY2027 and its four quarters")
cycles = get("/api/v1/cycles")
byname = {c["name"]: c for c in cycles}
check("cycle year makes 5 cycles", len(cycles) == 5, cycles)
check("FY2027 runs 2026-02-01 to 2027-01-31", (byname["FY2027"]["kind"], byname["FY2027"]["starts_on"],
      byname["FY2027"]["ends_on"], byname["FY2027"]["parent"]) == ("year", "2026-02-01", "2027-01-31", None), cycles)
check("FY2027-Q1..Q4 follow the fiscal year", [(c["name"], c["starts_on"], c["ends_on"]) for c in cycles if c["kind"] == "quarter"] == [
    ("FY2027-Q1", "2026-02-01", "2026-04-30"), ("FY2027-Q2", "2026-05-01", "2026-07-31"),
    ("FY2027-Q3", "2026-08-01", "2026-10-31"), ("FY2027-Q4", "2026-11-01", "2027-01-31")], cycles)
check("the quarters belong to the year", all(c["parent"] == byname["FY2027"]["id"] for c in cycles if c["kind"] == "quarter"))
check("GET /api/v1/cycles/{name} finds a quarter", get("/api/v1/cycles/FY2027-Q3")["starts_on"] == "2026-08-01")

# --- the Leadership Team sets the company OKRs -----------------------------------------------
o1 = post(lee, "/api/v1/objectives", {"cycle": "FY2027", "dri": "lee",
                                      "title": "Improve customer satisfaction ratings and feedback scores by 15%",
                                      "context": "Customers stay when the platform is reliable and fast."},
          what="R1 a leader sets the annual company objective")
O1 = o1["id"]
A1 = post(lee, "/api/v1/key-results", {"objective": O1, "title": "Raise CSAT from 7 to 8.05", "dri": "lee", "unit": "pts",
                                       "start": 7, "target": 8.05}, what="R2 annual KR: CSAT from 7 to 8.05")["id"]
A2 = post(lee, "/api/v1/key-results", {"objective": O1, "title": "Cut monthly churn from 5% to 3%", "dri": "lee", "unit": "%",
                                       "start": 5, "target": 3}, what="R2 annual KR: churn down from 5% to 3%")["id"]
A3 = post(lee, "/api/v1/key-results", {"objective": O1, "title": "Grow ARR from 10 to 12 M", "dri": "alex", "unit": "M",
                                       "start": 10, "target": 12, "weight": 2}, what="R10 annual KR with weight 2")["id"]
o = show(O1)
check("the annual objective is company-level, in the year", (o["cycle"], o["team"], o["level"], o["parent"], len(o["key_results"]))
      == ("FY2027", None, "company annual", None, 3), o)
check("R10 an objective with KRs but no check-ins is at 0", o["progress"] == 0, o)
O2 = post(lee, "/api/v1/objectives", {"cycle": "FY2027-Q1", "parent": O1, "dri": "lee",
                                      "title": "Make the platform the reason customers stay"},
          what="R1 a leader sets a company quarterly objective aligned to the annual one")["id"]
o = show(O2)
check("R1 the quarterly objective aligns to the annual one", (o["parent"], o["level"], o["team"]) == (O1, "company quarterly", None), o)
L = post(lee, "/api/v1/key-results", {"objective": O2, "title": "Reduce p95 latency from 800 ms to 200 ms", "dri": "pat",
                                      "unit": "ms", "start": 800, "target": 200}, what="R2 a decrease KR: p95 latency")["id"]
N = post(lee, "/api/v1/key-results", {"objective": O2, "title": "Raise NPS from 30 to 40", "dri": "lee", "unit": "pts",
                                      "start": 30, "target": 40}, what="R2 quarterly KR: NPS from 30 to 40")["id"]

week("2026-02-04")
r = srv.refused("R4 a new joiner cannot be DRI of an objective (422 naming the date)", 422, "POST", "/api/v1/objectives",
                {"cycle": "FY2027-Q1", "team": "platform", "dri": "nj", "title": "Onboard myself"}, auth=pat,
                detail_has="nj joined 2026-01-20 and can be a DRI from 2026-04-20")
check("R4 the refusal names the field dri", (r.json or {}).get("field") == "dri", r)
O3 = post(pat, "/api/v1/objectives", {"cycle": "FY2027-Q1", "team": "platform", "parent": O2, "dri": "pat",
                                      "title": "Enhance the reliability and performance of our web hosting platform"},
          what="R1 the Platform lead sets the workstream objective aligned to the company quarterly one")["id"]
o = show(O3)
check("R1 the workstream objective is quarterly, Platform's, aligned to O2",
      (o["cycle"], o["team"], o["level"], o["parent"], o["dri"]) == ("FY2027-Q1", "platform", "workstream quarterly", O2, "pat"), o)
K1 = post(pat, "/api/v1/key-results", {"objective": O3, "title": "Achieve 99.99% uptime for all hosting services by the end of Q3",
                                       "dri": "pat", "unit": "%", "start": 99.9, "target": 99.99}, what="R2 seed KR: uptime")["id"]
K2 = post(pat, "/api/v1/key-results", {"objective": O3, "title": "Increase customer satisfaction score related to reliability from 8 to 9.5 out of 10",
                                       "dri": "sam", "unit": "/10", "start": 8, "target": 9.5}, what="R2 seed KR: satisfaction")["id"]
srv.refused("R4 a new joiner cannot be DRI of a KR (422)", 422, "POST", "/api/v1/key-results",
            {"objective": O3, "title": "Migrate customers", "dri": "nj", "unit": "%", "start": 0, "target": 95}, auth=pat,
            detail_has="can be a DRI from 2026-04-20")
K3 = post(pat, "/api/v1/key-results", {"objective": O3, "title": "Successfully migrate 95% of customers to the new high-performance server infrastructure",
                                       "dri": "kim", "unit": "%", "start": 0, "target": 95}, what="R2 seed KR: migration")["id"]
k = kr(K1)
check("R2 the KR keeps unit, start, target; current = start before any check-in",
      (k["kind"], k["unit"], k["start"], k["target"], k["current"], k["progress"], k["dri"]) == ("metric", "%", 99.9, 99.99, 99.9, 0, "pat"), k)
check("R2 the decrease KR keeps target below start", (kr(L)["start"], kr(L)["target"]) == (800, 200))
O4 = post(pat, "/api/v1/objectives", {"cycle": "FY2027-Q1", "team": "platform", "dri": "pat", "title": "Make on-call humane"},
          what="the Platform lead adds a second objective")["id"]
P1 = post(pat, "/api/v1/key-results", {"objective": O4, "title": "Cut pages from 40 to 10 a month", "dri": "pat", "unit": "pages",
                                       "start": 40, "target": 10}, what="with one KR")["id"]
lint = get("/api/v1/lint")
check("R2 lint names the objective with 1 KR", [(f["objective"], f["rule"]) for f in lint] == [(O4, "R2")], lint)
check("R2 lint says what R2 expects", "has 1 key result; R2 expects 2–5" in (lint[0]["message"] if lint else ""), lint)


def checkin_week(day, k1, k2, k3p, l_, n_):
    week(day)
    post(pat, "/api/v1/key-results/%d/checkins" % K1, {"value": k1, "health": "on_track", "note": "week of " + day},
         what="R8 %s: the uptime DRI checks in" % day)
    post(sam, "/api/v1/key-results/%d/checkins" % K2, {"value": k2, "health": "needs_attention"},
         what="R8 %s: the reliability DRI checks in" % day)
    post(kim, "/api/v1/key-results/%d/checkins" % K3, {"progress": k3p, "health": "on_track"},
         what="R8 %s: the migration DRI checks in with progress" % day)
    post(pat, "/api/v1/key-results/%d/checkins" % L, {"value": l_, "health": "at_risk"},
         what="R8 %s: the latency DRI checks in" % day)
    post(lee, "/api/v1/key-results/%d/checkins" % N, {"value": n_, "health": "on_track"},
         what="R8 %s: the NPS DRI checks in" % day)


srv.refused("R8 a viewer does not check in (403)", 403, "POST", "/api/v1/key-results/%d/checkins" % K1,
            {"value": 99.95, "health": "on_track"}, auth=val, snap_auth=ada)
checkin_week("2026-02-04", 99.91, 8.0, 0.1, 820, 30)
checkin_week("2026-02-11", 99.92, 8.1, 0.2, 860, 31)
check("R2 a decrease KR that got worse shows negative progress", near(kr(L)["progress"], -0.1), kr(L))
check("R2 the check-in stores the value as current", kr(L)["current"] == 860)
e3 = (0.02 / 0.09 + 0.1 / 1.5 + 0.2) / 3
check("R10 the workstream objective is the mean of its KRs (week 2)", near(show(O3)["progress"], e3), show(O3))
check("R10 the roll-up clamps a negative KR to 0 (week 2)", near(show(O2)["progress"], (0 + 0.1 + e3) / 3), show(O2))
checkin_week("2026-02-18", 99.93, 8.2, 0.3, 650, 32)
checkin_week("2026-02-25", 99.945, 8.3, 0.4, 500, 33)
post(lee, "/api/v1/key-results/%d/checkins" % A2, {"value": 4.5, "health": "on_track"}, what="R8 the churn DRI checks in")
check("R2 KR progress = (current - start)/(target - start): 99.945 of 99.9→99.99 is 0.5", near(kr(K1)["progress"], 0.5), kr(K1))
check("R2 8.3 of 8→9.5 is 0.2", near(kr(K2)["progress"], 0.2))
check("R8 a progress check-in sets current = start + p × (target − start)", near(kr(K3)["current"], 38) and near(kr(K3)["progress"], 0.4), kr(K3))
check("R2 a decrease KR: 500 ms of 800→200 is 0.5", near(kr(L)["progress"], 0.5))
check("R2 churn 4.5 of 5→3 is 0.25", near(kr(A2)["progress"], 0.25))
check("R12 the KR keeps the latest health", kr(L)["health"] == "at_risk")
h = checkins(K1)
check("R8 check-ins are kept as history", len(h) == 4, h)
check("R8 a check-in records its author, value, note and source", (h[-1]["author"], h[-1]["value"], h[-1]["note"], h[-1]["source"])
      == ("pat", 99.945, "week of 2026-02-25", "manual"), h)
check("R8 the KR says where its current value came from", kr(K1)["source"]["author"] == "pat", kr(K1))
e3 = (0.5 + 0.2 + 0.4) / 3
e2 = (0.5 + 0.3 + e3) / 3
e1 = (0 + 0.25 + 0 * 2 + e2) / 5
check("R10 workstream progress (week 4)", near(show(O3)["progress"], e3))
check("R10 company quarterly = mean of its KRs and the aligned objective", near(show(O2)["progress"], e2))
check("R10 annual = weighted mean (ARR weighs 2) of its KRs and O2", near(show(O1)["progress"], e1), show(O1))
check("R3 not achieved while KRs are open", show(O3)["achieved"] is False)
tree = get("/api/v1/tree", cycle="FY2027")
check("R10 tree: the annual objective is the root, its progress rolled up",
      len(tree["objectives"]) == 2 and near(tree["objectives"][0]["progress"], e1), tree)
check("R1 tree: O2 hangs under O1, O3 under O2", (tree["objectives"][0]["id"], tree["objectives"][0]["children"][0]["id"],
      tree["objectives"][0]["children"][0]["children"][0]["id"]) == (O1, O2, O3))
check("R10 tree: the nested objectives carry the same numbers", near(tree["objectives"][0]["children"][0]["progress"], e2)
      and near(tree["objectives"][0]["children"][0]["children"][0]["progress"], e3))
tq = get("/api/v1/tree", cycle="FY2027-Q1")
check("R10 tree of the quarter: O2 and O4 are its roots, O3 under O2", (tq["cycle"]["name"], [x["id"] for x in tq["objectives"]],
      tq["objectives"][0]["children"][0]["id"]) == ("FY2027-Q1", [O2, O4], O3), tq)
check("R10 a KR in the tree carries its own progress",
      near([k["progress"] for k in tq["objectives"][0]["children"][0]["key_results"] if k["id"] == K1][0], 0.5))

# --- due on Wednesday 2026-03-04, before and after the updates --------------------------------
week("2026-03-04")
due = get("/api/v1/due", date="2026-03-04")
check("R8 due is for the week of Wednesday 2026-03-04", (due["date"], due["update_day"]) == ("2026-03-04", "2026-03-04"), due)
check("R8 sam owes the reliability check-in", [(d["kind"], d["key_result"]) for d in due["due"] if d["dri"] == "sam"] == [("checkin", K2)], due)
check("R8 pat owes KR check-ins and the workstream statuses", sorted(d["kind"] for d in due["due"] if d["dri"] == "pat")
      == ["checkin", "checkin", "checkin", "status", "status"], due)
check("R8 every active objective's DRI owes a status, every KR's DRI a check-in",
      (sum(d["kind"] == "checkin" for d in due["due"]), sum(d["kind"] == "status" for d in due["due"])) == (9, 4), due)
check("R4 the new joiner owes nothing", not [d for d in due["due"] if d["dri"] == "nj"])
check("R8 due without a date is today's", get("/api/v1/due") == due)
post(sam, "/api/v1/key-results/%d/checkins" % K2, {"value": 8.45, "health": "on_track", "note": "survey results in"},
     what="R8 sam checks in")
srv.refused("R8 a status needs a line for every KR (422)", 422, "POST", "/api/v1/objectives/%d/status" % O3,
            {"health": "on_track", "lines": [{"key_result": K1, "line": "only one"}]}, auth=pat)
st = post(pat, "/api/v1/objectives/%d/status" % O3, {"health": "on_track", "lines": [
    {"key_result": K1, "line": "99.95 this week"}, {"key_result": K2, "line": "survey in"},
    {"key_result": K3, "line": "half way soon"}]}, what="R8 pat posts the workstream status")
check("R8 the status answer has author, health and one line per KR", (st.get("author"), st.get("health"), len(st.get("lines", [])))
      == ("pat", "on_track", 3), st)
hist = get("/api/v1/objectives/%d/status" % O3)
check("R8 GET .../status lists the status history", [s["id"] for s in hist] == [st.get("id")], hist)
due = get("/api/v1/due", date="2026-03-04")
check("R8 due leaves out who already checked in", not [d for d in due["due"] if d["dri"] == "sam"], due)
check("R8 due leaves out the status already posted", not [d for d in due["due"] if d["kind"] == "status" and d["objective"] == O3])
check("R8 the others still owe theirs", len(due["due"]) == 11, due)
post(pat, "/api/v1/key-results/%d/checkins" % K1, {"value": 99.95, "health": "on_track"}, what="R8 pat checks in on uptime")
check("R8 a new week: sam owes again", len([d for d in get("/api/v1/due", date="2026-03-11")["due"] if d["dri"] == "sam"]) == 1)
d = get("/api/v1/due", date="2026-03-06")
check("R8 Friday 2026-03-06 belongs to Wednesday 2026-03-04", (d["update_day"], len([x for x in d["due"] if x["dri"] == "sam"]))
      == ("2026-03-04", 0), d)

# --- R4 after onboarding, then the end of the quarter -----------------------------------------
week("2026-04-22")
P2 = post(pat, "/api/v1/key-results", {"objective": O4, "title": "Write 10 runbooks", "dri": "nj", "unit": "runbooks",
                                       "start": 0, "target": 10}, what="R4 after onboarding the new joiner can be DRI")["id"]
check("R4 due leaves out a new joiner (2026-04-15)", not [d for d in get("/api/v1/due", date="2026-04-15")["due"] if d["dri"] == "nj"])
check("R4 once onboarded they are reminded (2026-04-22)",
      [d["key_result"] for d in get("/api/v1/due", date="2026-04-22")["due"] if d["dri"] == "nj"] == [P2])
check("R2 lint is clean once every objective has 2–5 KRs", get("/api/v1/lint") == [])
checkin_week("2026-04-22", 99.99, 9.5, 0.9, 220, 39)
check("R3 not achieved while one KR is below 1", show(O3)["achieved"] is False)
check("R10 (1 + 1 + 0.9)/3 with two KRs complete", near(show(O3)["progress"], 2.9 / 3), show(O3))

week("2026-04-29")
post(kim, "/api/v1/key-results/%d/checkins" % K3, {"value": 100, "health": "on_track"},
     what="R8 overshoot: 100% of customers migrated against a target of 95")
check("R2 an overshot KR shows progress above 1 (100/95)", near(kr(K3)["progress"], 100 / 95), kr(K3))
check("R3 achieved when every KR is ≥ 1", show(O3)["achieved"] is True)
check("R10 the roll-up clamps an overshot KR: the objective is exactly 1", show(O3)["progress"] == 1)
post(pat, "/api/v1/key-results/%d/checkins" % L, {"value": 190, "health": "on_track"}, what="R2 latency reaches 190 ms")
check("R2 a decrease KR past its target is above 1", near(kr(L)["progress"], 610 / 600))
check("R3 O2 is not achieved while NPS is short", show(O2)["achieved"] is False)
check("R10 O2 = (latency clamped to 1 + NPS 0.9 + O3 1)/3", near(show(O2)["progress"], 2.9 / 3))
post(lee, "/api/v1/key-results/%d/checkins" % N, {"value": 40, "health": "on_track"}, what="R8 NPS reaches 40")
check("R3 O2 is achieved: its own KRs are complete", (show(O2)["achieved"], show(O2)["progress"]) == (True, 1), show(O2))
check("R10 the annual objective picks up the quarter", near(show(O1)["progress"], 1.25 / 5))
check("R3 the annual objective is not achieved", show(O1)["achieved"] is False)
post(pat, "/api/v1/key-results/%d/checkins" % K1, {"value": 99.991, "health": "on_track"}, what="R8 the final uptime check-in")
check("R8 seven Wednesdays of uptime check-ins", len({c["at"][:10] for c in checkins(K1)}) == 7, checkins(K1))

# --- end of quarter: retro, close, read-only -------------------------------------------------
week("2026-04-30")
post(pat, "/api/v1/objectives/%d/retro" % O3, {"good": ["Uptime held at 99.99%"]}, 200, what="R11 a draft retro may be partial")
o = show(O3)
check("R11 a draft retro is stored, not final", (o["retro"]["final"], len(o["retro"]["good"])) == (False, 1), o["retro"])
check("R11 a draft retro is not yet in the description", "### Retro" not in o["description"])
r = srv.refused("R11 closing needs a final retro (409, docs/decisions.md: the state forbids it)", 409, "POST",
                "/api/v1/objectives/%d/close" % O3, None, auth=pat, detail_has="has no final retro")
check("R11 the refusal names its rule in \"rule\"", isinstance(r.json, dict) and r.json.get("rule") == "R11", r)
srv.refused("R11 a final retro needs 2–3 bullets each (422)", 422, "POST", "/api/v1/objectives/%d/retro" % O3,
            {"good": ["one"], "bad": ["x", "y"], "try": ["z", "w"], "final": True}, auth=pat)
post(pat, "/api/v1/objectives/%d/retro" % O3, {
    "good": ["Uptime held at 99.99%", "Migration finished early"],
    "bad": ["Survey came late", "Latency regressed in February", "Too many pages"],
    "try": ["Survey monthly", "Load-test before each release"], "final": True}, 200,
    what="R11 the final retro has 2–3 bullets each")
check("R11 the final retro is appended to the description", show(O3)["description"].rstrip("\n") ==
      "### Context\n\n### Linked Epics and Issues\n\n### Retro\n\n#### Good\n\n- Uptime held at 99.99%\n- Migration finished early\n\n"
      "#### Bad\n\n- Survey came late\n- Latency regressed in February\n- Too many pages\n\n#### Try\n\n- Survey monthly\n"
      "- Load-test before each release", show(O3)["description"])
o = post(pat, "/api/v1/objectives/%d/close" % O3, None, 200, what="R11 with a final retro the objective closes")
check("R11 the objective is closed", o.get("state") == "closed", o)
before = (show(O3)["progress"], show(O3)["achieved"])
srv.refused("R11 a closed objective takes no check-in (409)", 409, "POST", "/api/v1/key-results/%d/checkins" % K1,
            {"value": 99.5, "health": "at_risk"}, auth=pat, detail_has="closed and read-only")
et = srv.req("GET", "/api/v1/objectives/%d" % O3, auth=pat).header("ETag")
srv.refused("R11 a closed objective cannot be edited (409)", 409, "PATCH", "/api/v1/objectives/%d" % O3,
            {"title": "Something else"}, auth=pat, headers={"If-Match": et})
srv.refused("R11 a closed objective takes no new KR (409)", 409, "POST", "/api/v1/key-results",
            {"objective": O3, "title": "One more", "dri": "pat", "unit": "x", "start": 0, "target": 1}, auth=pat)
srv.refused("R11 a closed objective cannot close twice (409)", 409, "POST", "/api/v1/objectives/%d/close" % O3, None,
            auth=pat, detail_has="already closed")
check("R11 a closed objective keeps its numbers", (show(O3)["progress"], show(O3)["achieved"]) == before)
check("R10 the closed objective still counts in O2's roll-up", show(O2)["progress"] == 1)

srv.stop()
finish()
