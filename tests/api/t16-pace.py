"""t16-pace.py: pace (expected progress by date, the suggested health, the disagreement flag) and the
KR forecast in every objective and KR the API returns, the pace thresholds as settings, and the
final score at close: an optional body (none, empty, or {"score", "reason"}) and its refusals."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, near  # noqa: E402

# A quarter of exactly 100 days, 2026-07-01 .. 2026-10-08: 2026-08-19 is day 50, halfway.
srv = Server(now="2026-07-20")
alex = srv.login("alex", ADMIN_PW)
ada = srv.token(alex).bearer()
pat = srv.person(ada, "pat", "member").bearer()
mo = srv.person(ada, "mo", "member").bearer()


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


def get(path, auth=pat, **kw):
    return ok("GET " + path, srv.req("GET", path, auth=auth, **kw), 200)


ok("setup: team", srv.req("POST", "/api/v1/teams", {"slug": "web", "name": "Web", "members": ["pat"]}, auth=ada), 201)
ok("setup: the 100-day quarter", srv.req("POST", "/api/v1/cycles", {"name": "Q", "kind": "quarter", "starts_on": "2026-07-01",
                                                                    "ends_on": "2026-10-08"}, auth=ada), 201)


def objective(title):
    return ok("setup: objective " + title, srv.req("POST", "/api/v1/objectives", {"cycle": "Q", "team": "web", "dri": "pat",
                                                                                  "title": title}, auth=pat), 201)["id"]


def kr(o, title, start, target):
    return ok("setup: KR " + title, srv.req("POST", "/api/v1/key-results", {"objective": o, "title": title, "dri": "pat",
                                                                            "unit": "ms", "start": start, "target": target},
                                            auth=pat), 201)["id"]


def checkin(k, value, health="on_track"):
    return ok("check in %s on KR %d" % (value, k), srv.req("POST", "/api/v1/key-results/%d/checkins" % k,
                                                           {"value": value, "health": health}, auth=pat), 201)


O = objective("Fast pages")
K = kr(O, "p95 from 800 ms to 200 ms", 800, 200)
checkin(K, 680)  # day 20: progress 0.2
k = get("/api/v1/key-results/%d" % K)
check("one check-in: forecast null", "forecast" in k and k["forecast"] is None, k)
check("day 20: expected 0.2 (20 of 100 days)", near(k["pace"]["expected"], 0.2), k["pace"])

srv.restart("2026-08-19")
checkin(K, 500)  # day 50: progress 0.5
k = get("/api/v1/key-results/%d" % K)
p = k["pace"]
check("halfway: expected 0.5", near(p["expected"], 0.5), p)
check("halfway at 500 of 800 -> 200: gap 0", near(p["gap"], 0), p)
check("halfway: suggested on_track, no disagreement", p["suggested_health"] == "on_track" and p["disagrees"] is False, p)
check("forecast: least squares through (day 19, 0.2), (day 49, 0.5) read at the end of day 100 = 1.01",
      near(k["forecast"], 1.01), k)

srv.restart("2026-09-08")  # day 70, no new check-in
k = get("/api/v1/key-results/%d" % K)
p = k["pace"]
check("day 70: expected 0.7, gap -0.2", near(p["expected"], 0.7) and near(p["gap"], -0.2), p)
check("gap -0.2: needs_attention", p["suggested_health"] == "needs_attention", p)
check("the DRI's on_track is better than pace: disagrees", p["disagrees"] is True, p)
o = get("/api/v1/objectives/%d" % O)
check("the objective carries pace: expected 0.7, gap 0.5 - 0.7", near(o["pace"]["expected"], 0.7) and near(o["pace"]["gap"], -0.2), o["pace"])
check("no status yet: the objective does not disagree", o["pace"]["disagrees"] is False, o["pace"])
check("its KRs carry pace and forecast", near(o["key_results"][0]["forecast"], 1.01) and o["key_results"][0]["pace"]["disagrees"], o)
check("final_score and final_reason are null until closed", o["final_score"] is None and o["final_reason"] is None, o)
rows = get("/api/v1/objectives", query={"cycle": "Q"})
check("the objective list carries pace and the final score", rows and rows[0]["pace"]["suggested_health"] == "needs_attention"
      and rows[0]["final_score"] is None, rows)
t = get("/api/v1/tree", query={"cycle": "Q"})
check("the tree carries pace on objectives and KRs", t["objectives"][0]["pace"]["expected"] == o["pace"]["expected"]
      and near(t["objectives"][0]["key_results"][0]["forecast"], 1.01), t)

# --- the thresholds are settings ----------------------------------------------------------------
s = get("/api/v1/settings")
check("settings: the default thresholds 0.1 and 0.25", near(s["pace_attention"], 0.1) and near(s["pace_risk"], 0.25), s)
srv.refused("a member cannot change the pace thresholds: 403", 403, "PUT", "/api/v1/settings/pace_attention", {"value": "0.2"},
            auth=pat, cycle="Q")
srv.refused("pace_attention above pace_risk: 422", 422, "PUT", "/api/v1/settings/pace_attention", {"value": "0.3"},
            auth=ada, cycle="Q")
srv.refused("a threshold above 1: 422", 422, "PUT", "/api/v1/settings/pace_risk", {"value": "1.5"}, auth=ada, cycle="Q")
srv.refused("a threshold that is no number: 422", 422, "PUT", "/api/v1/settings/pace_risk", {"value": "lots"}, auth=ada, cycle="Q")
s = ok("pace_risk 0.5", srv.req("PUT", "/api/v1/settings/pace_risk", {"value": "0.5"}, auth=ada), 200)
s = ok("pace_attention 0.3", srv.req("PUT", "/api/v1/settings/pace_attention", {"value": "0.3"}, auth=ada), 200)
check("settings answer the new thresholds", near(s["pace_attention"], 0.3) and near(s["pace_risk"], 0.5), s)
p = get("/api/v1/key-results/%d" % K)["pace"]
check("with pace_attention 0.3, a gap of -0.2 is on_track and agrees", p["suggested_health"] == "on_track" and not p["disagrees"], p)
ok("pace_attention back to 0.1", srv.req("PUT", "/api/v1/settings/pace_attention", {"value": "0.1"}, auth=ada), 200)
ok("pace_risk back to 0.25", srv.req("PUT", "/api/v1/settings/pace_risk", {"value": "0.25"}, auth=ada), 200)

# --- the API's settings are the registry's (src/app/settings.c) -------------------------------
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "openapi.json")) as f:
    spec = json.load(f)
names = list(json.loads(srv.okra("--json", "setting", "list")))
put = spec["paths"]["/api/v1/settings/{name}"]["put"]["parameters"][0]["schema"]["enum"]
check("openapi's PUT /api/v1/settings/{name} names every setting of the registry, in its order", put == names, (put, names))
shown = sorted(get("/api/v1/settings"))
check("GET /api/v1/settings answers the Settings schema's properties, each a setting",
      shown == sorted(spec["components"]["schemas"]["Settings"]["properties"]) and set(shown) <= set(names), shown)

# --- the final score at close -------------------------------------------------------------------
RETRO = {"good": ["a", "b"], "bad": ["c", "d"], "try": ["e", "f"], "final": True}
ok("a final retro", srv.req("POST", "/api/v1/objectives/%d/retro" % O, RETRO, auth=pat), 200)
CLOSE = "/api/v1/objectives/%d/close" % O
srv.refused("a score above 1: 422", 422, "POST", CLOSE, {"score": 1.5}, auth=pat, cycle="Q", detail_has="fraction from 0 to 1")
srv.refused("a negative score: 422", 422, "POST", CLOSE, {"score": -0.01}, auth=pat, cycle="Q")
srv.refused("a score that is a string: 422", 422, "POST", CLOSE, {"score": "0.5"}, auth=pat, cycle="Q")
srv.refused("a reason over 500 bytes: 422", 422, "POST", CLOSE, {"score": 0.5, "reason": "é" * 251}, auth=pat, cycle="Q",
            detail_has="at most 500 bytes")
srv.refused("an unknown field: 422", 422, "POST", CLOSE, {"grade": "A"}, auth=pat, cycle="Q")
srv.refused("a body that is not JSON: 400", 400, "POST", CLOSE, data="{score", ctype="application/json", auth=pat, cycle="Q")
srv.refused("a body of another type: 415", 415, "POST", CLOSE, data="score=0.5", ctype="application/x-www-form-urlencoded",
            auth=pat, cycle="Q")
srv.refused("someone who may not close: 403", 403, "POST", CLOSE, {"score": 0.5}, auth=mo, cycle="Q")
o = ok("close with a score and a reason: 200", srv.req("POST", CLOSE, {"score": 0.8, "reason": "Halved p95 <script>"}, auth=pat), 200)
check("the closed objective says its final score and reason", o.get("state") == "closed" and near(o.get("final_score"), 0.8)
      and o.get("final_reason") == "Halved p95 <script>", o)
check("GET says the same", get("/api/v1/objectives/%d" % O)["final_score"] == o["final_score"])
audit = get("/api/v1/audit", auth=ada, query={"entity": "objective", "id": O})
check("the audit row of the close records the score", any(a["action"] == "close" and (a.get("after") or {}).get("final_score") == 0.8
                                                          for a in audit), audit)

# No body at all (no Content-Type either): the progress at close, clamped.
O2 = objective("Overshoot")
K2 = kr(O2, "Signups from 0 to 100", 0, 100)
checkin(K2, 150)
ok("its final retro", srv.req("POST", "/api/v1/objectives/%d/retro" % O2, RETRO, auth=pat), 200)
o = ok("close with no body and no Content-Type: 200", srv.req("POST", "/api/v1/objectives/%d/close" % O2, auth=pat), 200)
check("no score: the progress at close (1.5) clamped to 1", near(o.get("final_score"), 1) and o.get("final_reason") is None, o)

# An empty body with Content-Type: application/json is no body either.
O3 = objective("Halfway")
K3 = kr(O3, "p95 again", 800, 200)
checkin(K3, 650)
ok("its final retro", srv.req("POST", "/api/v1/objectives/%d/retro" % O3, RETRO, auth=pat), 200)
o = ok("close with an empty JSON-typed body: 200", srv.req("POST", "/api/v1/objectives/%d/close" % O3, data="",
                                                           ctype="application/json", auth=pat), 200)
check("no score: the progress at close (0.25)", near(o.get("final_score"), 0.25), o)
srv.refused("closing twice: 409", 409, "POST", "/api/v1/objectives/%d/close" % O3, {"score": 0.1}, auth=pat, cycle="Q")

finish()
