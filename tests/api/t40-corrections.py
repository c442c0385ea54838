"""t40-corrections.py: corrections with history kept over the API — a check-in or weekly status
amended (PATCH) or retracted (DELETE) by its author or a leader until the next update day, the
key result, the objective and the roll-up following; a closed objective reopened with a reason;
criteria, initiatives and links removed; a draft objective or its KR deleted (If-Match). Each
refusal leaves everything as it was, each correction leaves an audit row keeping the original;
every answer is checked against docs/openapi.json by lib.py."""
import json
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, near  # noqa: E402

srv = Server(now="2026-11-25")  # a Wednesday, the update day
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
WHO = {h: srv.person(ada, h, role) for h, role in (("lee", "leader"), ("pat", "member"), ("sam", "member"),
                                                   ("val", "viewer"))}
lee, pat, sam, val = (WHO[h].bearer() for h in ("lee", "pat", "sam", "val"))
ref = srv.refused


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat", "sam"]},
                               auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=lee), 201)
O = ok("setup: an objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "plat", "dri": "pat",
                                                                   "title": "Ship it well"}, auth=pat), 201)["id"]
K = ok("setup: a metric KR 0 to 100", srv.req("POST", "/api/v1/key-results", {
    "objective": O, "title": "Faster", "dri": "pat", "unit": "ms", "start": 0, "target": 100}, auth=pat), 201)["id"]
KC = ok("setup: a criteria KR", srv.req("POST", "/api/v1/key-results", {
    "objective": O, "title": "Epics", "dri": "sam", "kind": "criteria"}, auth=pat), 201)["id"]
C1 = ok("setup: a 60% criterion", srv.req("POST", "/api/v1/criteria", {"key_result": KC, "ref": "g/p#1", "contribution": 60},
                                         auth=pat), 201)["criteria"][0]["id"]
ok("setup: a 40% criterion", srv.req("POST", "/api/v1/criteria", {"key_result": KC, "ref": "g/p#2", "contribution": 40},
                                     auth=pat), 201)
ok("setup: the 60% closes", srv.req("POST", "/api/v1/criteria/close", {"ref": "g/p#1"}, auth=pat), 200)
OBJ = "/api/v1/objectives/%d" % O


def objective():
    return srv.req("GET", OBJ, auth=pat).json


def kr(i):
    return next(k for k in objective()["key_results"] if k["id"] == i)


def audit(entity, i):
    return [a for (a,) in srv.sql("SELECT action FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id", entity, i)]


def before(entity, i, action):
    rows = srv.sql("SELECT before_json FROM audit WHERE entity = ? AND entity_id = ? AND action = ? ORDER BY id DESC",
                   entity, i, action)
    return json.loads(rows[0][0]) if rows and rows[0][0] else {}


CI = ok("pat checks in 40", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {"value": 40, "health": "on_track",
                                                                                    "note": "first"}, auth=pat), 201)["id"]
check("R10 the roll-up is (0.4 + 0.6) / 2", near(objective()["progress"], 0.5))

# --- a check-in amended ----------------------------------------------------------------------
CHK = "/api/v1/checkins/%d" % CI
ref("a member who did not write it may not amend it (403, saying who may)", 403, "PATCH", CHK, {"value": 60}, auth=sam,
    detail_has="only its author or a leader or admin may correct it")
ref("a viewer may not amend it", 403, "PATCH", CHK, {"value": 60}, auth=val)
ref("nothing to amend is a 400", 400, "PATCH", CHK, {}, auth=pat)
ref("a value and a progress both are a 422", 422, "PATCH", CHK, {"value": 1, "progress": 0.5}, auth=pat)
ref("a health that is not one is a 422", 422, "PATCH", CHK, {"health": "great"}, auth=pat)
ref("no such check-in is a 404", 404, "PATCH", "/api/v1/checkins/999", {"value": 1}, auth=pat)
ok("its author amends the value and the note (204)", srv.req("PATCH", CHK, {"value": 60, "note": "fixed"}, auth=pat), 204)
check("the KR's current value follows", kr(K)["current"] == 60, kr(K))
check("the KR's progress follows", near(kr(K)["progress"], 0.6))
check("R10 the roll-up follows: (0.6 + 0.6) / 2", near(objective()["progress"], 0.6))
hist = srv.req("GET", "/api/v1/key-results/%d/checkins" % K, auth=pat).json
check("the history shows the amended check-in", [(c["value"], c["note"]) for c in hist if c["id"] == CI] == [(60, "fixed")],
      hist)
check("the audit keeps the original", before("checkin", CI, "amend").get("value") == 40, audit("checkin", CI))
ok("a leader amends the health", srv.req("PATCH", CHK, {"health": "at_risk"}, auth=lee), 204)
check("the KR's health follows", kr(K)["health"] == "at_risk")

# --- a check-in retracted --------------------------------------------------------------------
ref("a member who did not write it may not retract it", 403, "DELETE", CHK, auth=sam)
ok("a leader retracts it (204)", srv.req("DELETE", CHK, auth=lee), 204)
check("the KR goes back to its start, no health", (kr(K)["current"], kr(K)["health"]) == (0, "none"), kr(K))
check("R10 the roll-up follows: (0 + 0.6) / 2", near(objective()["progress"], 0.3))
check("the audit has create, amend, amend, retract", audit("checkin", CI) == ["create", "amend", "amend", "retract"],
      audit("checkin", CI))
check("the audit keeps what was retracted", before("checkin", CI, "retract").get("value") == 60)
ref("a retracted check-in is a 404", 404, "DELETE", CHK, auth=pat)

# --- a status amended and retracted ----------------------------------------------------------
S = ok("pat posts a status", srv.req("POST", OBJ + "/status", {"health": "at_risk", "lines": [
    {"key_result": K, "line": "slow"}, {"key_result": KC, "line": "fine"}]}, auth=pat), 201)["id"]
ST = "/api/v1/status-updates/%d" % S
ref("a member who did not write it may not amend it", 403, "PATCH", ST, {"health": "on_track"}, auth=sam,
    detail_has="only its author")
ref("a line for a key result it has none for is a 422", 422, "PATCH", ST, {"lines": [{"key_result": 999, "line": "x"}]},
    auth=pat)
ok("pat amends the health and a line", srv.req("PATCH", ST, {"health": "on_track", "lines": [
    {"key_result": K, "line": "faster"}]}, auth=pat), 204)
check("the objective's health follows", objective()["health"] == "on_track")
lines = srv.req("GET", OBJ + "/status", auth=pat).json
check("the line is amended, the other kept", json.dumps(lines).count("faster") == 1 and "fine" in json.dumps(lines), lines)
check("the audit keeps the original status", before("status", S, "amend").get("health") == "at_risk")
ok("pat retracts it", srv.req("DELETE", ST, auth=pat), 204)
check("the objective's health goes back to none", objective()["health"] == "none")
check("the status is audited: create, amend, retract", audit("status", S) == ["create", "amend", "retract"])

# --- items removed ---------------------------------------------------------------------------
ref("a viewer may not remove a criterion", 403, "DELETE", "/api/v1/criteria/%d" % C1, auth=val)
ok("the 60% criterion is removed", srv.req("DELETE", "/api/v1/criteria/%d" % C1, auth=pat), 204)
check("the criteria KR's progress follows: 0 of the 40% left", near(kr(KC)["progress"], 0))
ok("the 40% closes", srv.req("POST", "/api/v1/criteria/close", {"ref": "g/p#2"}, auth=pat), 200)
check("R9 the criteria KR is at 40%", near(kr(KC)["progress"], 0.4))
check("R10 the roll-up follows: (0 + 0.4) / 2", near(objective()["progress"], 0.2))
check("the criterion's removal is audited with it", before("criterion", C1, "delete").get("ref") == "g/p#1")
I = ok("an initiative", srv.req("POST", "/api/v1/initiatives", {"key_result": K, "title": "Cache"}, auth=pat),
       201)["initiatives"][0]["id"]
ok("the initiative is removed", srv.req("DELETE", "/api/v1/initiatives/%d" % I, auth=sam), 204)
check("the initiative is gone", kr(K)["initiatives"] == [])
L = ok("a link", srv.req("POST", OBJ + "/links", {"ref": "g/p#9"}, auth=pat), 201)["links"][0]["id"]
ref("a viewer may not remove a link", 403, "DELETE", "/api/v1/links/%d" % L, auth=val)
ok("the link is removed", srv.req("DELETE", "/api/v1/links/%d" % L, auth=pat), 204)
check("the link is gone", objective()["links"] == [])
check("the link's removal is audited", audit("link", L) == ["create", "delete"])
ref("a removed link is a 404", 404, "DELETE", "/api/v1/links/%d" % L, auth=pat)

# --- drafts deleted --------------------------------------------------------------------------
D = ok("a draft objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "plat", "dri": "pat",
                                                                 "title": "Maybe", "draft": True}, auth=pat), 201)["id"]
DK = ok("a KR on the draft", srv.req("POST", "/api/v1/key-results", {"objective": D, "title": "One", "dri": "pat",
                                                                   "unit": "x", "start": 0, "target": 1}, auth=pat), 201)["id"]


def etag(path):
    return srv.req("GET", path, auth=pat).header("ETag")


DKP = "/api/v1/key-results/%d" % DK
ref("deleting a KR needs If-Match (428)", 428, "DELETE", DKP, auth=pat)
ref("a stale If-Match is a 412", 412, "DELETE", DKP, auth=pat, headers={"If-Match": '"k%d-v99"' % DK})
ref("a viewer may not delete it", 403, "DELETE", DKP, auth=val, headers={"If-Match": etag(DKP)})
ok("the draft's KR is deleted", srv.req("DELETE", DKP, auth=pat, headers={"If-Match": etag(DKP)}), 204)
check("the KR is gone", srv.req("GET", DKP, auth=pat).status == 404)
ref("an active objective is not deleted (409)", 409, "DELETE", OBJ, auth=pat, headers={"If-Match": etag(OBJ)},
    detail_has="only while it is a draft")
ok("the draft is deleted", srv.req("DELETE", "/api/v1/objectives/%d" % D, auth=pat,
                                   headers={"If-Match": etag("/api/v1/objectives/%d" % D)}), 204)
check("the draft is gone", srv.req("GET", "/api/v1/objectives/%d" % D, auth=pat).status == 404)
check("the deletion is audited with the original", before("objective", D, "delete").get("title") == "Maybe")

# --- a closed objective reopened -------------------------------------------------------------
ok("a final retro", srv.req("POST", OBJ + "/retro", {"good": ["a", "b"], "bad": ["c", "d"], "try": ["e", "f"],
                                                     "final": True}, auth=pat), 200)
ok("the objective closes with a score", srv.req("POST", OBJ + "/close", {"score": 0.5, "reason": "half"}, auth=pat), 200)
ref("a member may not reopen it (403, saying who may)", 403, "POST", OBJ + "/reopen", {"reason": "wrong"}, auth=pat,
    detail_has="only leaders and admins reopen a closed objective")
ref("a reason is required (422)", 422, "POST", OBJ + "/reopen", {}, auth=lee)
ref("an empty reason is refused (422)", 422, "POST", OBJ + "/reopen", {"reason": ""}, auth=lee)
o = ok("a leader reopens it with a reason (200, the objective)", srv.req("POST", OBJ + "/reopen",
                                                                        {"reason": "closed too early"}, auth=lee), 200)
check("it is active again, without a final score", (o.get("state"), o.get("final_score")) == ("active", None), o)
rows = srv.sql("SELECT after_json FROM audit WHERE entity = 'objective' AND entity_id = ? AND action = 'reopen'", O)
check("the reopening is audited with the reason", rows and json.loads(rows[0][0])["reason"] == "closed too early", rows)
check("the audit keeps it as it was closed", before("objective", O, "reopen").get("state") == "closed")
ref("an active objective is not reopened (409)", 409, "POST", OBJ + "/reopen", {"reason": "again"}, auth=lee)

# --- the objective page: the corrections drawn only for who may use them, and their POSTs ----
CP = ok("pat checks in 20", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {"value": 20, "health": "on_track"},
                                   auth=pat), 201)["id"]
L2 = ok("a link", srv.req("POST", OBJ + "/links", {"ref": "g/p#10"}, auth=pat), 201)["links"][0]["id"]
C2 = kr(KC)["criteria"][0]["id"]
PAGE = {"amend": 'action="/checkins/%d/amend"' % CP, "retract": 'action="/checkins/%d/retract"' % CP,
        "link": 'action="/links/%d/remove"' % L2, "criterion": 'action="/criteria/%d/remove"' % C2}
MAY = {"pat": set(PAGE), "lee": set(PAGE), "sam": {"link", "criterion"}, "val": set()}
for h, expected in MAY.items():
    r = srv.req("GET", "/objectives/%d" % O, auth=WHO[h].session())
    shown = {k for k, p in PAGE.items() if p in r.body.decode()}
    check("/objectives/%d as %s draws the corrections %s" % (O, h, sorted(expected) or "none"),
          r.status == 200 and shown == expected, "shown %s" % sorted(shown))


def form(h, path, **fields):
    s = WHO[h].session()
    fields = dict(fields, _csrf=s.csrf, objective=str(O))
    data = "&".join("%s=%s" % (k, urllib.parse.quote_plus(v)) for k, v in fields.items())
    return srv.req("POST", path, data=data, ctype="application/x-www-form-urlencoded", auth=s, csrf=False)


r = form("sam", "/checkins/%d/retract" % CP)
check("a page retract by who may not is the page again (403) saying who may", r.status == 403 and
      "only its author or a leader or admin" in r.body.decode(), r)
r = form("pat", "/checkins/%d/amend" % CP, value="25", health="needs_attention", note="typo")
check("the page's amend goes back to the history (303)", r.status == 303 and
      r.header("Location") == "/objectives/%d#history" % O, r)
check("the amend follows to the KR", (kr(K)["current"], kr(K)["health"]) == (25, "needs_attention"), kr(K))
r = form("pat", "/checkins/%d/amend" % CP, value="abc")
check("a value that is not a number is the page again (422), the form open with the message",
      r.status == 422 and re.search(r'<details open>', r.body.decode()) is not None, r)
r = form("pat", "/checkins/%d/retract" % CP)
check("the page's retract goes back (303)", r.status == 303, r)
check("the KR goes back to its start", kr(K)["current"] == 0, kr(K))
check("the page's corrections are audited", audit("checkin", CP) == ["create", "amend", "retract"], audit("checkin", CP))
r = form("val", "/links/%d/remove" % L2)
check("a viewer's remove is refused (403)", r.status == 403, r)
r = form("sam", "/links/%d/remove" % L2)
check("a team member removes the link from the page (303)", r.status == 303, r)
check("the link is gone", objective()["links"] == [])
r = form("pat", "/criteria/%d/remove" % C2)
check("the criterion is removed from the page (303)", r.status == 303, r)
check("R10 the roll-up follows: the criteria KR has none left", near(kr(KC)["progress"], 0) and
      near(objective()["progress"], 0), objective()["progress"])

# --- until the next update day ---------------------------------------------------------------
CW = ok("a check-in on the update day", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {
    "value": 10, "health": "on_track"}, auth=pat), 201)["id"]
srv.restart("2026-12-01")
ok("the day before the next update day it may still be amended",
   srv.req("PATCH", "/api/v1/checkins/%d" % CW, {"value": 11}, auth=pat), 204)
srv.restart("2026-12-02")
ref("on the next update day it may not (409)", 409, "PATCH", "/api/v1/checkins/%d" % CW, {"value": 12}, auth=pat,
    detail_has="could be corrected until the update day 2026-12-02")
ref("not by a leader either", 409, "DELETE", "/api/v1/checkins/%d" % CW, auth=lee)

finish()
