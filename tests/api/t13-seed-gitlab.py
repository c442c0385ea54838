"""t13-seed-gitlab.py: seed 001 end to end over the API alone (tests/cli/t02-gitlab-process.sh's
process): handbook descriptions (R6, R7), links, scoring criteria closed and reopened by hand (R9),
initiatives (R5), Wednesday check-ins and status lines (R8), retro and close (R11)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, near, poster  # noqa: E402

srv = Server(now="2026-08-03")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()


post = poster(srv.req, label="POST %s")


def show(i):
    return srv.req("GET", "/api/v1/objectives/%d" % i, auth=ada).json


def kr(i):
    return srv.req("GET", "/api/v1/key-results/%d" % i, auth=ada).json


def checkins(i):
    return srv.req("GET", "/api/v1/key-results/%d/checkins" % i, auth=ada).json


lee = srv.person(ada, "lee", "leader", "2020-01-01", "Lee Leader").bearer()
pat = srv.person(ada, "pat", "member", "2023-01-01", "Pat Platforms").bearer()
sam = srv.person(ada, "sam", "member", "2023-01-01", "Sam SRE").bearer()
kim = srv.person(ada, "kim", "member", "2023-01-01", "Kim Kube").bearer()
post(ada, "/api/v1/teams", {"slug": "saas", "name": "SaaS Platforms", "members": ["pat", "sam"]}, what="the SaaS Platforms team")
t = post(ada, "/api/v1/teams/saas/members", {"handle": "kim"}, 200, what="a member joins the team")
check("the team lists its members", sorted(t.get("members", [])) == ["kim", "pat", "sam"], t)
post(lee, "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, what="the year")

# --- R6: the objective's description in the handbook format ----------------------------------
ctx = "Customers wait two weeks for a Dedicated instance.\n\nProvisioning is manual."
o = post(pat, "/api/v1/objectives", {"cycle": "FY2027-Q3", "team": "saas", "dri": "pat", "title": "Make GitLab Dedicated self-serve",
                                     "context": ctx, "links": ["gitlab-org/saas-platforms&7",
                                                               "https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/12"]},
         what="R6 an objective with context and linked epics")
O = o["id"]
r = srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "pat", "title": "x"}, auth=pat)
check("201 gives Location and ETag", r.status == 201 and r.header("Location") == "/api/v1/objectives/%d" % r.json["id"]
      and r.header("ETag") == '"o%d-v%d"' % (r.json["id"], r.json["version"]), r.headers)
o = post(pat, "/api/v1/objectives/%d/links" % O, {"ref": "gitlab-org/saas-platforms/dedicated#40", "title": "Self-serve signup"},
         what="R6 a link appends to Linked Epics and Issues")
check("R6 description: ### Context, then ### Linked Epics and Issues as a numbered list", show(O)["description"] ==
      "### Context\n\n" + ctx + "\n\n### Linked Epics and Issues\n\n1. gitlab-org/saas-platforms&7\n"
      "2. gitlab-org/saas-platforms/dedicated#12\n3. gitlab-org/saas-platforms/dedicated#40 — Self-serve signup\n", show(O))
check("R6 links are kept with their canonical refs", [(x["ref"], x["title"], x["state"]) for x in show(O)["links"]] == [
    ("gitlab-org/saas-platforms&7", "", "open"), ("gitlab-org/saas-platforms/dedicated#12", "", "open"),
    ("gitlab-org/saas-platforms/dedicated#40", "Self-serve signup", "open")])
check("R6 the context is kept as typed", show(O)["context"] == ctx)
srv.refused("R6 a ref that is not one is refused (422)", 422, "POST", "/api/v1/objectives/%d/links" % O, {"ref": "not a ref"}, auth=pat)

# --- R7: a criteria KR with Scoring Criteria 50/30/20 -----------------------------------------
KA = post(pat, "/api/v1/key-results", {"objective": O, "title": "Provisioning is fully automated", "dri": "sam", "kind": "criteria",
                                       "context": "Automation removes the two-week wait."}, what="R7 a criteria KR")["id"]
KB = post(pat, "/api/v1/key-results", {"objective": O, "title": "Cut provisioning time from 14 days to 1", "dri": "kim", "unit": "days",
                                       "start": 14, "target": 1}, what="R2 a metric KR: provisioning time")["id"]
KC = post(pat, "/api/v1/key-results", {"objective": O, "title": "Get 20 customers through self-serve signup", "dri": "pat",
                                       "unit": "customers", "start": 0, "target": 20}, what="R2 a metric KR: signups")["id"]
k = post(pat, "/api/v1/criteria", {"key_result": KA, "ref": "gitlab-org/saas-platforms/dedicated#101", "contribution": 50,
                                   "title": "Terraform the tenant"}, what="R7 criterion 1 of 3: 50%")
check("a criterion answers with its KR", k.get("id") == KA and len(k.get("criteria", [])) == 1, k)
post(sam, "/api/v1/criteria", {"key_result": KA, "ref": "gitlab-org/saas-platforms/dedicated#102", "contribution": 30,
                               "title": "Automate DNS"}, what="R7 criterion 2 of 3: 30%")
srv.refused("R7 contributions over 100 in total are refused (422)", 422, "POST", "/api/v1/criteria",
            {"key_result": KA, "ref": "gitlab-org/saas-platforms/dedicated#199", "contribution": 21}, auth=pat)
post(pat, "/api/v1/criteria", {"key_result": KA, "ref": "https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/103",
                               "contribution": 20}, what="R7 criterion 3 of 3: 20%")
check("R7 the criteria are kept with refs, contributions and state", [(c["ref"], c["contribution"], c["state"]) for c in kr(KA)["criteria"]] == [
    ("gitlab-org/saas-platforms/dedicated#101", 50, "open"), ("gitlab-org/saas-platforms/dedicated#102", 30, "open"),
    ("gitlab-org/saas-platforms/dedicated#103", 20, "open")], kr(KA))
post(sam, "/api/v1/initiatives", {"key_result": KA, "title": "Provisioning pipeline", "ref": "gitlab-org/saas-platforms&9"},
     what="R5 an initiative under the KR, tied to an epic")
check("R5 the initiative is kept on the KR", [(i["title"], i["ref"], i["state"]) for i in kr(KA)["initiatives"]] ==
      [("Provisioning pipeline", "gitlab-org/saas-platforms&9", "open")])
post(pat, "/api/v1/initiatives", {"key_result": KB, "title": "Pre-warm a pool of instances"}, what="R5 an initiative without a ref")
check("R5 an initiative without a ref has ref null", kr(KB)["initiatives"][0]["ref"] is None)
check("R7 KR description: ### Context, then ### Scoring Criteria with a numbered list and percentages", kr(KA)["description"] ==
      "### Context\n\nAutomation removes the two-week wait.\n\n### Scoring Criteria\n\n"
      "1. gitlab-org/saas-platforms/dedicated#101 — Terraform the tenant — 50%\n2. gitlab-org/saas-platforms/dedicated#102 — Automate DNS — 30%\n"
      "3. gitlab-org/saas-platforms/dedicated#103 — 20%\n\n### Initiatives\n\n- Provisioning pipeline — gitlab-org/saas-platforms&9\n", kr(KA))
check("R7 a metric KR's scoring criteria is its metric, 100%", kr(KB)["description"] ==
      "### Context\n\n### Scoring Criteria\n\n1. Cut provisioning time from 14 days to 1: from 14 to 1 days — 100%\n\n"
      "### Initiatives\n\n- Pre-warm a pool of instances\n", kr(KB))
r = srv.req("GET", "/api/v1/lint", auth=pat, query={"cycle": "FY2027-Q3"})
check("R7 lint is clean: every criteria KR totals 100", r.status == 200 and r.json == [], r)
check("R9 no criterion closed: the KR is at 0", kr(KA)["progress"] == 0)

# --- R9: closing criteria moves the KR by exactly its contribution ----------------------------
srv.restart("2026-08-05")
r = post(sam, "/api/v1/criteria/close", {"ref": "gitlab-org/saas-platforms/dedicated#101"}, 200, what="R9 close the 50% issue by hand")
check("R9 close reports one item changed", r.get("changed") == 1 and r.get("state") == "closed", r)
check("R9 the KR moves by 50%", kr(KA)["progress"] == 0.5, kr(KA))
check("R9 the criterion is closed", kr(KA)["criteria"][0]["state"] == "closed")
check("R10 the objective rolls up: (0.5 + 0 + 0)/3", near(show(O)["progress"], 0.5 / 3))
c = checkins(KA)[-1]
check("R9 a close is recorded in the KR's history", (c["author"], c["progress"], c["note"], c["source"]) ==
      ("sam", 0.5, "closed gitlab-org/saas-platforms/dedicated#101", "manual"), c)
r = post(sam, "/api/v1/criteria/close", {"ref": "gitlab-org/saas-platforms/dedicated#101"}, 200, what="R9 closing it again")
check("R9 a second close reports 0 changed", r.get("changed") == 0, r)
check("R9 the KR stays at 50%", kr(KA)["progress"] == 0.5)
srv.refused("R9 closing a ref nothing uses is 404", 404, "POST", "/api/v1/criteria/close", {"ref": "gitlab-org/other#1"}, auth=sam)
post(sam, "/api/v1/criteria/close", {"ref": "https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/102"}, 200,
     what="R9 close the 30% issue (the ref written as a URL)")
check("R9 the KR moves to 80%", near(kr(KA)["progress"], 0.8))
post(sam, "/api/v1/key-results/%d/checkins" % KA, {"health": "needs_attention", "note": "DNS automation slipped a week"},
     what="R8 a check-in on a criteria KR: health and a note, no value")
c = checkins(KA)[-1]
check("R8 the criteria check-in keeps the KR's progress and records no value",
      (c["value"], c["health"], c["note"]) == (None, "needs_attention", "DNS automation slipped a week") and near(c["progress"], 0.8), c)
check("R12 the KR takes the check-in's health", kr(KA)["health"] == "needs_attention")
srv.refused("R10 a criteria KR's progress is not set by a check-in (422)", 422, "POST", "/api/v1/key-results/%d/checkins" % KA,
            {"progress": 1, "health": "on_track"}, auth=sam)
post(kim, "/api/v1/key-results/%d/checkins" % KB, {"value": 10, "health": "on_track", "note": "pool of 3"}, what="R8 the time KR's DRI")
post(pat, "/api/v1/key-results/%d/checkins" % KC, {"value": 2, "health": "at_risk"}, what="R8 the signup KR's DRI")
check("R10 the objective is the mean of the three KRs", near(show(O)["progress"], (0.8 + 4 / 13 + 0.1) / 3), show(O))
s1 = post(pat, "/api/v1/objectives/%d/status" % O, {"health": "needs_attention", "lines": [
    {"key_result": KA, "line": "DNS slipped, Terraform done"}, {"key_result": KB, "line": "10 days now"},
    {"key_result": KC, "line": "first two customers in"}]}, what="R8 the objective DRI's weekly status")
check("R8 the status takes the objective's health", show(O)["health"] == "needs_attention")
srv.refused("R12 a status with a bad health is refused (422)", 422, "POST", "/api/v1/objectives/%d/status" % O,
            {"health": "fine", "lines": [{"key_result": KA, "line": "a"}, {"key_result": KB, "line": "b"},
                                          {"key_result": KC, "line": "c"}]}, auth=pat)

# --- week 2 ----------------------------------------------------------------------------------
srv.restart("2026-08-12")
post(pat, "/api/v1/criteria/close", {"ref": "gitlab-org/saas-platforms/dedicated#103"}, 200, what="R9 close the 20% issue")
check("R9 all criteria closed: the KR is at 100%", near(kr(KA)["progress"], 1))
r = post(sam, "/api/v1/criteria/reopen", {"ref": "gitlab-org/saas-platforms/dedicated#102"}, 200, what="R9 reopen the 30% issue")
check("R9 reopen reports how many items changed", r.get("changed") == 1 and r.get("state") == "open", r)
check("R9 reopening takes its 30% back", near(kr(KA)["progress"], 0.7))
check("R9 the reopened criterion is open", kr(KA)["criteria"][1]["state"] == "open")
check("R9 reopen is recorded in the history", checkins(KA)[-1]["note"] == "reopened gitlab-org/saas-platforms/dedicated#102")
post(sam, "/api/v1/criteria/close", {"ref": "gitlab-org/saas-platforms/dedicated#102"}, 200, what="R9 close it again")
check("R9 the KR is back at 100%", near(kr(KA)["progress"], 1))
check("R9 the closed criteria show as closed in the Scoring Criteria",
      [x for x in kr(KA)["description"].split("\n") if x[:3] in ("1. ", "2. ", "3. ")] == [
          "1. gitlab-org/saas-platforms/dedicated#101 — Terraform the tenant — 50% (closed)",
          "2. gitlab-org/saas-platforms/dedicated#102 — Automate DNS — 30% (closed)",
          "3. gitlab-org/saas-platforms/dedicated#103 — 20% (closed)"], kr(KA)["description"])
post(pat, "/api/v1/criteria/close", {"ref": "gitlab-org/saas-platforms&7"}, 200, what="R6 a linked epic closes")
check("R6 a closed link shows as closed in the description",
      "1. gitlab-org/saas-platforms&7 (closed)" in show(O)["description"].split("\n"), show(O)["description"])
check("R6 a closed link does not move progress", near(show(O)["progress"], (1 + 4 / 13 + 0.1) / 3))
post(kim, "/api/v1/key-results/%d/checkins" % KB, {"value": 1, "health": "on_track"}, what="R8 check-in week 2 (time)")
post(pat, "/api/v1/key-results/%d/checkins" % KC, {"progress": 0.5, "health": "needs_attention"}, what="R8 check-in week 2 (signups)")
check("R8 a progress check-in sets current", kr(KC)["current"] == 10)
check("R10 week 2: (1 + 1 + 0.5)/3", near(show(O)["progress"], 2.5 / 3))
post(pat, "/api/v1/objectives/%d/status" % O, {"health": "on_track", "lines": [
    {"key_result": KB, "line": "1 day: done"}, {"key_result": KA, "line": "all three issues closed"},
    {"key_result": KC, "line": "10 of 20"}]}, what="R8 the second weekly status")
hist = srv.req("GET", "/api/v1/objectives/%d/status" % O, auth=pat).json
check("R8 status history keeps both weeks", [(s["health"], s["at"][:10], len(s["lines"])) for s in hist] ==
      [("needs_attention", "2026-08-05", 3), ("on_track", "2026-08-12", 3)], hist)
check("R8 the first status is the one posted", hist[0]["id"] == s1.get("id"))
check("R8 the latest status is the objective's health", show(O)["health"] == "on_track")
check("R8 the lines are kept per KR", [x["line"] for x in hist[1]["lines"] if x["key_result"] == KC] == ["10 of 20"])
check("R8 last_status_at is the latest Wednesday", (show(O)["last_status_at"] or "")[:10] == "2026-08-12")
et = srv.req("GET", "/api/v1/objectives/%d" % O, auth=pat).header("ETag")
r = srv.req("PATCH", "/api/v1/objectives/%d" % O, {"sections": "### Risks\n\n- AWS quotas"}, auth=pat, headers={"If-Match": et})
check("R6 other sections follow the R6 block (PATCH sections)", r.status == 200, r)
check("R6 the objective keeps its shape with a further section", show(O)["description"] ==
      "### Context\n\n" + ctx + "\n\n### Linked Epics and Issues\n\n1. gitlab-org/saas-platforms&7 (closed)\n"
      "2. gitlab-org/saas-platforms/dedicated#12\n3. gitlab-org/saas-platforms/dedicated#40 — Self-serve signup\n\n### Risks\n\n- AWS quotas\n",
      show(O)["description"])

# --- R11: the retro, appended once final; then close ----------------------------------------
srv.restart("2026-10-28")
post(pat, "/api/v1/objectives/%d/retro" % O, {"good": ["Terraform module reused by two teams"], "bad": ["DNS automation slipped"]}, 200,
     what="R11 a draft retro")
check("R11 a draft is not in the description", "### Retro" not in show(O)["description"])
rt = show(O)["retro"]
check("R11 a draft is kept", (rt["final"], len(rt["good"]), len(rt["bad"]), len(rt["try"])) == (False, 1, 1, 0), rt)
srv.refused("R11 a final retro with 4 bullets is refused (422)", 422, "POST", "/api/v1/objectives/%d/retro" % O,
            {"good": ["a", "b", "c", "d"], "bad": ["x", "y"], "try": ["z", "w"], "final": True}, auth=pat)
post(pat, "/api/v1/objectives/%d/retro" % O, {
    "good": ["Terraform module reused by two teams", "Provisioning down to a day"],
    "bad": ["DNS automation slipped", "Signup lagged behind"],
    "try": ["Split big issues before the quarter", "Check in on Wednesdays without fail", "Pair on DNS"], "final": True}, 200,
    what="R11 the final retro, 2–3 bullets each")
rt = show(O)["retro"]
check("R11 the final retro is kept", (rt["final"], (rt["final_at"] or "")[:10]) == (True, "2026-10-28"), rt)
check("R11 the retro is appended as ### Retro with #### Good, #### Bad, #### Try", show(O)["description"].endswith(
    "### Risks\n\n- AWS quotas\n\n### Retro\n\n#### Good\n\n- Terraform module reused by two teams\n- Provisioning down to a day\n\n"
    "#### Bad\n\n- DNS automation slipped\n- Signup lagged behind\n\n#### Try\n\n- Split big issues before the quarter\n"
    "- Check in on Wednesdays without fail\n- Pair on DNS\n"), show(O)["description"])
o = post(pat, "/api/v1/objectives/%d/close" % O, None, 200, what="R11 the objective closes after a final retro")
check("R11 the objective is closed", o.get("state") == "closed", o)
lines = [{"key_result": KA, "line": "a"}, {"key_result": KB, "line": "b"}, {"key_result": KC, "line": "c"}]
srv.refused("R11 a closed objective takes no status (409)", 409, "POST", "/api/v1/objectives/%d/status" % O,
            {"health": "on_track", "lines": lines}, auth=pat, detail_has="closed and read-only")
srv.refused("R11 a closed objective takes no criterion (409)", 409, "POST", "/api/v1/criteria",
            {"key_result": KA, "ref": "gitlab-org/saas-platforms/dedicated#104", "contribution": 1}, auth=pat)
srv.refused("R11 a closed objective takes no link (409)", 409, "POST", "/api/v1/objectives/%d/links" % O,
            {"ref": "gitlab-org/saas-platforms#5"}, auth=pat)
srv.refused("R11 a closed objective takes no initiative (409)", 409, "POST", "/api/v1/initiatives",
            {"key_result": KA, "title": "Late idea"}, auth=pat)
srv.refused("R11 a closed objective's retro is final (409)", 409, "POST", "/api/v1/objectives/%d/retro" % O,
            {"good": ["x", "y"], "bad": ["z", "w"], "try": ["v", "u"], "final": True}, auth=pat)
et = srv.req("GET", "/api/v1/key-results/%d" % KB, auth=pat).header("ETag")
srv.refused("R11 a closed objective's KR cannot be edited (409)", 409, "PATCH", "/api/v1/key-results/%d" % KB,
            {"title": "Renamed"}, auth=pat, headers={"If-Match": et})
r = srv.req("GET", "/api/v1/objectives/%d/status" % O, auth=pat)
check("R11 the closed objective keeps its history", r.status == 200 and len(r.json) == 2, r)

srv.stop()
finish()
