"""t17-history.py: GET /api/v1/tree?as_of=D — the tree as it stood at the end of a day, rebuilt from the
check-in and status history (R8, R10, R11): values and roll-up of the day, KRs created later absent, an
objective closed later still active, the cache and ETag keyed on as_of, and 400 / 422 / 404 for a bad day."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402


def near(a, b):
    return isinstance(a, (int, float)) and abs(a - b) < 1e-9


def ok(what, r, *status):
    check(what, r.status in (status or (200, 201)), r)
    return r


def find(tree, key, ident):
    """The objective (key "key_results") or KR (key "target") with id ident, anywhere in tree."""
    stack = [tree]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            if key in x and x.get("id") == ident:
                return x
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return None


# --- FY2027-Q3 (2026-08-01 … 2026-10-31): writes on three Wednesdays, the server restarted each day --
srv = Server(now="2026-08-03T09:00")
B = srv.token(srv.login("alex", ADMIN_PW)).bearer()
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=B))
A = ok("setup: objective A", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q3", "dri": "alex", "title": "Ship the platform"}, auth=B)).json["id"]
K1 = ok("setup: KR1 0 → 100", srv.req("POST", "/api/v1/key-results", {
    "objective": A, "title": "Adoption", "dri": "alex", "unit": "%", "start": 0, "target": 100}, auth=B)).json["id"]
K2 = ok("setup: KR2 criteria", srv.req("POST", "/api/v1/key-results", {
    "objective": A, "title": "Automate", "dri": "alex", "kind": "criteria"}, auth=B)).json["id"]
ok("setup: KR2 criterion 60%", srv.req("POST", "/api/v1/criteria", {
    "key_result": K2, "ref": "plat/infra#1", "contribution": 60}, auth=B))
ok("setup: KR2 criterion 40%", srv.req("POST", "/api/v1/criteria", {
    "key_result": K2, "ref": "plat/infra#2", "contribution": 40}, auth=B))
OB = ok("setup: objective B aligned to A", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q3", "parent": A, "dri": "alex", "title": "Faster pages"}, auth=B)).json["id"]
K3 = ok("setup: KR3 800 → 200 ms", srv.req("POST", "/api/v1/key-results", {
    "objective": OB, "title": "p95", "dri": "alex", "unit": "ms", "start": 800, "target": 200}, auth=B)).json["id"]

srv.restart("2026-08-05T10:00")
ok("R8 Wed 1: KR1 at 20", srv.req("POST", "/api/v1/key-results/%d/checkins" % K1, {"value": 20, "health": "on_track"}, auth=B))
ok("R8 Wed 1: KR3 at 650", srv.req("POST", "/api/v1/key-results/%d/checkins" % K3, {"value": 650, "health": "at_risk"}, auth=B))
ok("R9 Wed 1: the 60% criterion closes", srv.req("POST", "/api/v1/criteria/close", {"ref": "plat/infra#1"}, auth=B))

srv.restart("2026-08-12T10:00")
ok("R8 Wed 2: KR1 at 50", srv.req("POST", "/api/v1/key-results/%d/checkins" % K1, {"value": 50, "health": "needs_attention"}, auth=B))
ok("R8 Wed 2: KR3 at 500", srv.req("POST", "/api/v1/key-results/%d/checkins" % K3, {"value": 500, "health": "on_track"}, auth=B))
ok("R8 Wed 2: A's status", srv.req("POST", "/api/v1/objectives/%d/status" % A, {"health": "needs_attention", "lines": [
    {"key_result": K1, "line": "slower"}, {"key_result": K2, "line": "waiting"}]}, auth=B))

srv.restart("2026-08-19T10:00")
K4 = ok("KR4 added on the third Wednesday", srv.req("POST", "/api/v1/key-results", {
    "objective": A, "title": "Docs", "dri": "alex", "unit": "pages", "start": 0, "target": 10}, auth=B)).json["id"]
ok("R9 Wed 3: the 40% criterion closes", srv.req("POST", "/api/v1/criteria/close", {"ref": "plat/infra#2"}, auth=B))
ok("R11 B's final retro", srv.req("POST", "/api/v1/objectives/%d/retro" % OB, {
    "good": ["a", "b"], "bad": ["c", "d"], "try": ["e", "f"], "final": True}, auth=B))
ok("R11 B closes on 2026-08-19", srv.req("POST", "/api/v1/objectives/%d/close" % OB, auth=B))

srv.restart("2026-09-01T10:00")


def tree(as_of=None, cycle="FY2027-Q3", **kw):
    q = {}
    if cycle:
        q["cycle"] = cycle
    if as_of is not None:
        q["as_of"] = as_of
    return srv.req("GET", "/api/v1/tree", auth=B, query=q, **kw)


now = ok("the tree now", tree())
check("now: as_of is null", now.json.get("as_of", "missing") is None, now.json)
check("R10 now: A = (0.5 + 1 + 0 + 0.5) / 4", near(find(now.json, "key_results", A)["progress"], 0.5), now.json)

t = ok("the tree as of 2026-08-04", tree("2026-08-04"))
check("2026-08-04: as_of echoed, cycle named", (t.json["as_of"], t.json["cycle"]["name"]) == ("2026-08-04", "FY2027-Q3"), t.json)
check("R2 2026-08-04: KR1 and KR3 at their starts", (find(t.json, "target", K1)["current"], find(t.json, "target", K3)["current"]) == (0, 800), t.json)
check("R9 2026-08-04: KR2 at 0 though both criteria are closed now", near(find(t.json, "target", K2)["progress"], 0), t.json)
check("R10 2026-08-04: A at 0", near(find(t.json, "key_results", A)["progress"], 0), t.json)

t5 = ok("the tree as of 2026-08-05", tree("2026-08-05"))
k1 = find(t5.json, "target", K1)
check("R2 2026-08-05: KR1 at 20, progress 0.2, on track", (k1["current"], k1["health"]) == (20, "on_track") and near(k1["progress"], 0.2), k1)
check("R9 2026-08-05: KR2 at the recorded 0.6", near(find(t5.json, "target", K2)["progress"], 0.6), t5.json)
check("R10 2026-08-05: B = 0.25", near(find(t5.json, "key_results", OB)["progress"], 0.25), t5.json)
check("R10 2026-08-05: A = (0.2 + 0.6 + 0.25) / 3 = 0.35", near(find(t5.json, "key_results", A)["progress"], 0.35), t5.json)
check("R8 2026-08-05: A has no status yet", find(t5.json, "key_results", A)["health"] == "none", t5.json)
check("R11 2026-08-05: B, closed on 2026-08-19, is active", find(t5.json, "key_results", OB)["state"] == "active", t5.json)

t18 = ok("the tree as of 2026-08-18", tree("2026-08-18"))
a18 = find(t18.json, "key_results", A)
check("2026-08-18: KR4 (created 2026-08-19) is absent", [k["id"] for k in a18["key_results"]] == [K1, K2], a18)
check("R8 2026-08-18: A's health from the 2026-08-12 status", a18["health"] == "needs_attention", a18)
check("R10 2026-08-18: A = (0.5 + 0.6 + 0.5) / 3", near(a18["progress"], 1.6 / 3), a18)
check("R11 2026-08-18: B is active", find(t18.json, "key_results", OB)["state"] == "active", t18.json)

t19 = ok("the tree as of 2026-08-19", tree("2026-08-19"))
a19 = find(t19.json, "key_results", A)
check("2026-08-19: KR4 is there", [k["id"] for k in a19["key_results"]] == [K1, K2, K4], a19)
check("R11 2026-08-19: B is closed", find(t19.json, "key_results", OB)["state"] == "closed", t19.json)
check("R10 2026-08-19: A = (0.5 + 1 + 0 + 0.5) / 4, as now", near(a19["progress"], 0.5), a19)

# --- the cache and the ETag are per as_of ------------------------------------------------------
again = ok("as of 2026-08-05 again (from the cache)", tree("2026-08-05"))
check("the cached body is the same as the first", again.body == t5.body)
check("different days give different bodies", t5.body != t18.body and t5.body != now.body)
e5, e18, en = t5.header("ETag"), t18.header("ETag"), now.header("ETag")
check("the ETag differs per as_of and from now's", e5 and len({e5, e18, en}) == 3, (e5, e18, en))
ok("If-None-Match with the same as_of is 304", tree("2026-08-05", headers={"If-None-Match": e5}), 304)
ok("If-None-Match with another as_of's ETag is 200", tree("2026-08-18", headers={"If-None-Match": e5}), 200)
ok("If-None-Match with now's ETag on an as_of tree is 200", tree("2026-08-05", headers={"If-None-Match": en}), 200)

# --- the day picks the quarter; bad days --------------------------------------------------------
d = ok("as_of without cycle: the quarter containing the day", tree("2026-08-05", cycle=None))
check("the quarter of 2026-08-05 is FY2027-Q3, as it stood then", d.json["cycle"]["name"] == "FY2027-Q3" and d.body == t5.body, d.json)
d = ok("as_of 2026-07-15 without cycle: FY2027-Q2, empty", tree("2026-07-15", cycle=None))
check("FY2027-Q2 has no objectives", (d.json["cycle"]["name"], d.json["objectives"]) == ("FY2027-Q2", []), d.json)
r = ok("a date that is not one is 400", tree("2026-02-30"), 400)
check("the 400 names as_of", "as_of" in (r.json or {}).get("detail", ""), r)
ok("an empty as_of is 400", tree(""), 400)
ok("a date in another shape is 400", tree("08/05/2026"), 400)
r = ok("a day after today is 422", tree("2026-09-02"), 422)
check("the 422 says it is in the future", "in the future" in (r.json or {}).get("detail", ""), r)
r = ok("a day before the cycle is 422", tree("2026-07-31"), 422)
check("the 422 names the cycle's start", "before FY2027-Q3 starts (2026-08-01)" in (r.json or {}).get("detail", ""), r)
ok("a day in no quarter is 404", tree("2025-01-01", cycle=None), 404)
ok("as_of today is 200", tree("2026-09-01"))

srv.stop()
finish()
