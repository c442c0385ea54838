"""t14-errors.py: every error class (400 401 403 404 405 409 412 413 415 422 428) with nothing
changed after each refused write; pagination by Link; the tree's ETag and 304; the audit trail;
/metrics checked by promtool; /openapi.json."""
import os
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, near, next_link  # noqa: E402

srv = Server(now="2026-07-01")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
lee = srv.person(ada, "lee", "leader").bearer()
pat = srv.person(ada, "pat", "member").bearer()
val = srv.person(ada, "val", "viewer").bearer()
srv.person(ada, "nj", "member", joined="2026-06-01", password=None)


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat", "nj"]}, auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=lee), 201)
O = ok("setup: an objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat",
                                                                   "title": "Reliable platform"}, auth=pat), 201)["id"]
K = ok("setup: a metric KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Uptime", "dri": "pat", "unit": "%",
                                                                   "start": 99, "target": 99.9}, auth=pat), 201)["id"]
KC = ok("setup: a criteria KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Automate", "dri": "pat",
                                                                      "kind": "criteria"}, auth=pat), 201)["id"]
ok("setup: a 60% criterion", srv.req("POST", "/api/v1/criteria", {"key_result": KC, "ref": "g/p#1", "contribution": 60}, auth=pat), 201)
OBJ = "/api/v1/objectives/%d" % O
KR = "/api/v1/key-results/%d" % K
NEW = {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "Another"}
ref = srv.refused


def detail(r):
    return (r.json or {}).get("detail", "") if isinstance(r.json, dict) else ""


def field(r):
    return (r.json or {}).get("field") if isinstance(r.json, dict) else None


# --- 400 -------------------------------------------------------------------------------------
ref("400 a body that is not JSON", 400, "POST", "/api/v1/objectives", None, auth=pat, data="{not json", ctype="application/json")
ref("400 a JSON body that is not an object", 400, "POST", "/api/v1/objectives", None, auth=pat, data="[1,2]", ctype="application/json")
ref("400 a truncated JSON body", 400, "POST", "/api/v1/key-results/%d/checkins" % K, None, auth=pat, data='{"value": 1',
    ctype="application/json")
ref("400 duplicate keys in a JSON body", 400, "POST", "/api/v1/objectives", None, auth=pat,
    data='{"cycle":"FY2027-Q2","team":"plat","dri":"pat","title":"a","title":"b"}', ctype="application/json")
for q in ("limit=0", "limit=abc", "limit=201", "limit=-1", "cursor=abc", "cursor=0x10"):
    r = srv.req("GET", "/api/v1/objectives?" + q, auth=pat)
    check("400 a bad page query on objectives: %s" % q, r.status == 400 and field(r) in ("limit", "cursor"), r)
for path in ("/api/v1/key-results/%d/checkins?limit=0" % K, "/api/v1/audit?limit=abc"):
    check("400 a bad limit: %s" % path, srv.req("GET", path, auth=ada).status == 400)
check("400 due?date=not-a-date", srv.req("GET", "/api/v1/due?date=2026-13-45", auth=pat).status == 400)
check("400 audit?entity=bogus", srv.req("GET", "/api/v1/audit?entity=bogus", auth=ada).status == 400)
check("400 audit?id=abc", srv.req("GET", "/api/v1/audit?entity=objective&id=abc", auth=ada).status == 400)
r = srv.req("POST", "/login", data="handle=%ZZ&password=x", ctype="application/x-www-form-urlencoded")
check("400 a form that cannot be read", r.status == 400, r)

# --- 401 / 403 -------------------------------------------------------------------------------
ref("401 a write without credentials", 401, "POST", "/api/v1/objectives", NEW, snap_auth=ada)
ref("403 R1 a viewer writes nothing", 403, "POST", "/api/v1/objectives", NEW, auth=val, snap_auth=ada)
ref("403 R1 a member does not create company OKRs", 403, "POST", "/api/v1/objectives",
    {"cycle": "FY2027-Q2", "dri": "pat", "title": "Company"}, auth=pat)
ref("403 R1 a member does not plan cycles", 403, "POST", "/api/v1/cycles/years", {"name": "FY2030", "starts_on": "2029-02-01"}, auth=pat)

# --- 404 -------------------------------------------------------------------------------------
for path in ("/api/v1/objectives/999", "/api/v1/key-results/999", "/api/v1/people/nobody", "/api/v1/teams/nope",
             "/api/v1/cycles/nope", "/api/v1/objectives/999/status", "/api/v1/key-results/999/checkins",
             "/api/v1/tree?cycle=nope", "/api/v1/lint?cycle=nope"):
    r = srv.req("GET", path, auth=pat)
    check("404 an unknown id or name: GET %s" % path, r.status == 404 and r.ctype.startswith("application/problem+json"), r)
for path in ("/api/v1/objectives/abc", "/api/v1/objectives/0", "/api/v1/objectives/-1", "/api/v1/key-results/1.5",
             "/api/v1/objectives/99999999999999999999999", "/api/v1/key-results/abc/checkins"):
    check("404 a non-numeric or non-positive id: GET %s" % path, srv.req("GET", path, auth=pat).status == 404)
for path in ("/api/v1/nope", "/nope", "/api/v1/objectives/1/nope", "/api/v2/objectives", "/api/v1/objectives/"):
    r = srv.req("GET", path, auth=pat)
    check("404 an unknown path: %s" % path, r.status == 404 and r.ctype.startswith("application/problem+json"), r)
ref("404 a status for an unknown objective", 404, "POST", "/api/v1/objectives/999/status",
    {"health": "on_track", "lines": []}, auth=pat)
ref("404 a check-in on an unknown KR", 404, "POST", "/api/v1/key-results/999/checkins", {"value": 1, "health": "on_track"}, auth=pat)
ref("404 a retro for an unknown objective", 404, "POST", "/api/v1/objectives/999/retro", {"good": ["a"]}, auth=pat)
ref("404 closing an unknown objective", 404, "POST", "/api/v1/objectives/999/close", None, auth=pat)
ref("404 a link on an unknown objective", 404, "POST", "/api/v1/objectives/999/links", {"ref": "g/p#9"}, auth=pat)
ref("404 a PATCH of an unknown objective", 404, "PATCH", "/api/v1/objectives/999", {"title": "x"}, auth=pat,
    headers={"If-Match": '"o999-v1"'})
ref("404 a PATCH of an unknown KR", 404, "PATCH", "/api/v1/key-results/999", {"title": "x"}, auth=pat,
    headers={"If-Match": '"k999-v1"'})
ref("404 joining an unknown team", 404, "POST", "/api/v1/teams/nope/members", {"handle": "pat"}, auth=ada)
ref("404 revoking an unknown token", 404, "DELETE", "/api/v1/tokens/999", auth=ada)
ref("404 a password for an unknown person", 404, "PUT", "/api/v1/people/nobody/password", {"password": "long enough pw"}, auth=ada)

# --- 405 -------------------------------------------------------------------------------------
r = ref("405 PUT on an objective", 405, "PUT", OBJ, {"title": "x"}, auth=ada)
check("405 Allow lists the methods of the path", {m.strip() for m in (r.header("Allow") or "").split(",")} == {"GET", "HEAD", "PATCH", "DELETE"},
      r.header("Allow"))
r = ref("405 PUT on the objectives collection", 405, "PUT", "/api/v1/objectives", NEW, auth=ada)
check("405 Allow on the collection", {m.strip() for m in (r.header("Allow") or "").split(",")} == {"GET", "HEAD", "POST"},
      r.header("Allow"))

# --- 409 -------------------------------------------------------------------------------------
ref("409 a duplicate handle", 409, "POST", "/api/v1/people", {"handle": "pat", "name": "Another Pat"}, auth=ada)
ref("409 a duplicate team slug", 409, "POST", "/api/v1/teams", {"slug": "plat", "name": "Platform 2"}, auth=ada)
ref("409 a duplicate cycle name", 409, "POST", "/api/v1/cycles",
    {"name": "FY2027-Q2", "kind": "quarter", "starts_on": "2026-05-01", "ends_on": "2026-07-31"}, auth=lee)
ref("409 a duplicate year", 409, "POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=lee)
ref("409 a year overlapping one planned (named with its dates)", 409, "POST", "/api/v1/cycles/years",
    {"name": "Y2027", "starts_on": "2026-07-01"}, auth=lee, detail_has="overlap the year FY2027 (2026-02-01 to 2027-01-31)")
r = srv.req("POST", "/api/v1/teams/plat/members", {"handle": "pat"}, auth=ada)
check("joining a team twice is harmless: 200, one membership", r.status == 200 and r.json["members"].count("pat") == 1, r)
OX = ok("setup: an objective to close", srv.req("POST", "/api/v1/objectives", dict(NEW, title="Closing"), auth=pat), 201)["id"]
ok("setup: its final retro", srv.req("POST", "/api/v1/objectives/%d/retro" % OX, {"good": ["a", "b"], "bad": ["c", "d"],
                                     "try": ["e", "f"], "final": True}, auth=pat), 200)
ok("setup: close it", srv.req("POST", "/api/v1/objectives/%d/close" % OX, auth=pat), 200)
ref("409 closing a closed objective", 409, "POST", "/api/v1/objectives/%d/close" % OX, None, auth=pat)
r = ref("R11 closing without a final retro is refused (409: the state forbids it, docs/decisions.md)", 409, "POST",
        OBJ + "/close", None, auth=pat, detail_has="no final retro")
check("R11 the refusal's rule is R11", r.json.get("rule") == "R11", r)

# --- 428 / 412: ETag and If-Match ------------------------------------------------------------
r = srv.req("GET", OBJ, auth=pat)
et1 = r.header("ETag")
check("GET an objective gives its ETag", et1 == '"o%d-v%d"' % (O, r.json["version"]), (et1, r.json.get("version")))
ref("428 a PATCH without If-Match", 428, "PATCH", OBJ, {"title": "New title"}, auth=pat, extra=(OBJ,))
ref("428 a KR PATCH without If-Match", 428, "PATCH", KR, {"title": "New title"}, auth=pat, extra=(KR,))
r = srv.req("PATCH", OBJ, {"title": "Reliable platform, v2"}, auth=pat, headers={"If-Match": et1})
check("a PATCH with the current ETag: 200 and a new ETag", r.status == 200 and r.header("ETag") not in (None, et1)
      and r.json["title"] == "Reliable platform, v2", r)
ref("412 a PATCH with a stale If-Match", 412, "PATCH", OBJ, {"title": "Lost update"}, auth=pat, headers={"If-Match": et1}, extra=(OBJ,))
ref("412 a PATCH with another object's ETag", 412, "PATCH", OBJ, {"title": "x"}, auth=pat,
    headers={"If-Match": '"k%d-v1"' % K}, extra=(OBJ,))
ref("412 a PATCH with a garbage If-Match", 412, "PATCH", OBJ, {"title": "x"}, auth=pat, headers={"If-Match": "garbage"}, extra=(OBJ,))
# Found by fuzz/fuzz_headers.c: a version past int64 was read as the largest one, a tag nobody sent.
ref("412 an If-Match version too large to be one names no version", 412, "PATCH", OBJ, {"title": "x"}, auth=pat,
    headers={"If-Match": '"o%d-v99999999999999999999"' % O}, extra=(OBJ,), detail_has="does not name a version")
ket = srv.req("GET", KR, auth=pat).header("ETag")
r = srv.req("PATCH", KR, {"title": "Uptime 99.9"}, auth=pat, headers={"If-Match": ket})
check("a KR PATCH with the current ETag: 200", r.status == 200 and r.json["title"] == "Uptime 99.9", r)
ref("412 a KR PATCH with a stale If-Match", 412, "PATCH", KR, {"title": "Lost"}, auth=pat, headers={"If-Match": ket}, extra=(KR,))

# --- 413 / 415 -------------------------------------------------------------------------------
big = '{"cycle":"FY2027-Q2","team":"plat","dri":"pat","title":"big","context":"' + "x" * (1024 * 1024) + '"}'
ref("413 a body over 1 MiB", 413, "POST", "/api/v1/objectives", None, auth=pat, data=big, ctype="application/json")
ref("413 a PATCH body over 1 MiB", 413, "PATCH", OBJ, None, auth=pat, data=big, ctype="application/json",
    headers={"If-Match": srv.req("GET", OBJ, auth=pat).header("ETag")})
import json as _json  # noqa: E402
ref("415 a POST without application/json (text/plain)", 415, "POST", "/api/v1/objectives", None, auth=pat,
    data=_json.dumps(NEW), ctype="text/plain")
ref("415 a POST without a Content-Type", 415, "POST", "/api/v1/objectives", None, auth=pat, data=_json.dumps(NEW))
ref("415 a POST with application/jsonx", 415, "POST", "/api/v1/objectives", None, auth=pat, data=_json.dumps(NEW),
    ctype="application/jsonx")
r = srv.req("POST", "/api/v1/teams", {"slug": "ok", "name": "OK"}, auth=ada, ctype="application/json; charset=utf-8")
check("application/json; charset=utf-8 is JSON", r.status == 201, r)

# --- 422 -------------------------------------------------------------------------------------
r = ref("422 an unknown field", 422, "POST", "/api/v1/objectives", dict(NEW, colour="red"), auth=pat)
check("422 names the unknown field", field(r) == "colour" and "field" in detail(r), r)
r = ref("422 an unknown field in a PATCH", 422, "PATCH", OBJ, {"titel": "x"}, auth=pat,
        headers={"If-Match": srv.req("GET", OBJ, auth=pat).header("ETag")})
check("422 names the misspelt field", field(r) == "titel", r)
r = ref("422 a wrong type", 422, "POST", "/api/v1/objectives", dict(NEW, title=5), auth=pat)
check("422 a wrong type names the field", field(r) == "title", r)
r = ref("422 a wrong type (string for a number)", 422, "POST", "/api/v1/key-results/%d/checkins" % K,
        {"value": "99.5", "health": "on_track"}, auth=pat)
check("422 names value", field(r) == "value", r)
r = ref("422 a missing required field", 422, "POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "dri": "pat"}, auth=pat)
check("422 names the missing field", field(r) == "title", r)
ref("422 an unknown cycle named in the body", 422, "POST", "/api/v1/objectives", dict(NEW, cycle="FY1999"), auth=pat)
ref("422 an unknown DRI named in the body", 422, "POST", "/api/v1/objectives", dict(NEW, dri="nobody"), auth=pat)
ref("422 a KR for an unknown objective", 422, "POST", "/api/v1/key-results",
    {"objective": 999, "title": "x", "dri": "pat", "unit": "x", "start": 0, "target": 1}, auth=pat)
r = ref("422 R2 a metric KR whose target = start", 422, "POST", "/api/v1/key-results",
        {"objective": O, "title": "Flat", "dri": "pat", "unit": "x", "start": 5, "target": 5}, auth=pat)
ref("422 R2 a PATCH making target = start", 422, "PATCH", KR, {"target": 99}, auth=pat,
    headers={"If-Match": srv.req("GET", KR, auth=pat).header("ETag")}, extra=(KR,))
ref("422 R2 a metric KR without a target", 422, "POST", "/api/v1/key-results",
    {"objective": O, "title": "No target", "dri": "pat", "unit": "x", "start": 5}, auth=pat)
r = ref("422 R4 a new joiner as DRI", 422, "POST", "/api/v1/key-results",
        {"objective": O, "title": "New", "dri": "nj", "unit": "x", "start": 0, "target": 1}, auth=pat, detail_has="can be a DRI from 2026-09-01")
r = ref("422 R7 criteria over 100 in total", 422, "POST", "/api/v1/criteria", {"key_result": KC, "ref": "g/p#2", "contribution": 41},
        auth=pat, extra=("/api/v1/key-results/%d" % KC,))
check("R7 the refusal says what is left", "40%" in detail(r), r)
ref("422 R7 a negative contribution", 422, "POST", "/api/v1/criteria", {"key_result": KC, "ref": "g/p#3", "contribution": -5}, auth=pat)
r = ref("422 R10 objective progress is never set by hand", 422, "PATCH", OBJ, {"progress": 0.5}, auth=pat, extra=(OBJ,))
check("R10 the refusal names R10 in \"rule\", and says it in words",
      r.json.get("rule") == "R10" and "never set by hand" in detail(r) and "(R10)" not in detail(r), r)
ref("422 R11 a final retro with 1 bullet", 422, "POST", OBJ + "/retro", {"good": ["a"], "bad": ["b", "c"], "try": ["d", "e"],
                                                                        "final": True}, auth=pat, extra=(OBJ,))
r = ref("422 R12 a check-in with a bad health", 422, "POST", "/api/v1/key-results/%d/checkins" % K, {"value": 99.5, "health": "green"},
        auth=pat, extra=(KR,))
check("R12 names the field health", field(r) == "health", r)
ref("422 R12 a status with a bad health", 422, "POST", OBJ + "/status",
    {"health": "ok", "lines": [{"key_result": K, "line": "a"}, {"key_result": KC, "line": "b"}]}, auth=pat)
ref("422 R8 a check-in with both value and progress", 422, "POST", "/api/v1/key-results/%d/checkins" % K,
    {"value": 99.5, "progress": 0.5, "health": "on_track"}, auth=pat)
ref("422 a status line for a KR of another objective", 422, "POST", OBJ + "/status",
    {"health": "on_track", "lines": [{"key_result": K, "line": "a"}, {"key_result": 999, "line": "b"}]}, auth=pat)
ref("422 a status line with an unknown field", 422, "POST", OBJ + "/status",
    {"health": "on_track", "lines": [{"key_result": K, "line": "a", "extra": 1}, {"key_result": KC, "line": "b"}]}, auth=pat)
ref("422 a bad role", 422, "POST", "/api/v1/people", {"handle": "zz", "name": "Z", "role": "root"}, auth=ada)
ref("422 a bad joined_on date", 422, "POST", "/api/v1/people", {"handle": "zz", "name": "Z", "joined_on": "yesterday"}, auth=ada)
ref("422 a cycle with a bad kind", 422, "POST", "/api/v1/cycles",
    {"name": "X", "kind": "month", "starts_on": "2030-01-01", "ends_on": "2030-01-31"}, auth=lee)
ref("422 a weight of 0", 422, "POST", "/api/v1/objectives", dict(NEW, weight=0), auth=pat)
ref("422 a self-alignment", 422, "PATCH", OBJ, {"parent": O}, auth=pat, headers={"If-Match": srv.req("GET", OBJ, auth=pat).header("ETag")})
ref("422 a bad ref", 422, "POST", "/api/v1/criteria/close", {"ref": "not a ref at all"}, auth=pat)

# --- pagination: objectives, check-ins, audit ------------------------------------------------
for i in range(3):
    et = srv.req("GET", OBJ, auth=pat).header("ETag")
    ok("setup: edit %d of the objective (audit rows)" % i, srv.req("PATCH", OBJ, {"context": "edit %d" % i}, auth=pat,
                                                                    headers={"If-Match": et}), 200)
for i in range(6):
    ok("setup: objective %d for paging" % i, srv.req("POST", "/api/v1/objectives", dict(NEW, title="Page %d" % i), auth=pat), 201)
for v in (99.1, 99.2, 99.3, 99.4, 99.5):
    ok("setup: check-in %s" % v, srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {"value": v, "health": "on_track"}, auth=pat), 201)


def walk(path, auth=ada, limit=2):
    """Follow rel="next" from path with limit; the items in order and the pages fetched."""
    items, pages, url = [], 0, path + ("&" if "?" in path else "?") + "limit=%d" % limit
    while url and pages < 100:
        r = srv.req("GET", url, auth=auth)
        if r.status != 200:
            check("a page answers 200: %s" % url, False, r)
            break
        check("a page holds at most limit items: %s" % url, len(r.json) <= limit, r)
        items += r.json
        pages += 1
        url = next_link(r)
    return items, pages


def paged(name, path, key="id", auth=ada):
    everything = srv.req("GET", path + ("&" if "?" in path else "?") + "limit=200", auth=auth).json
    items, pages = walk(path, auth)
    ids = [x[key] for x in items]
    check("pagination: %s with limit=2 sees every item exactly once by Link" % name,
          sorted(ids) == sorted(x[key] for x in everything) and len(ids) == len(set(ids)) and len(ids) > 2,
          (ids, [x[key] for x in everything]))
    check("pagination: %s takes ceil(n/2) pages" % name, pages == (len(everything) + 1) // 2, (pages, len(everything)))
    return everything


objs = paged("objectives", "/api/v1/objectives")
check("the objectives list is the current quarter's, by id", [o["id"] for o in objs] == sorted(o["id"] for o in objs) and len(objs) == 8, objs)
paged("objectives of one cycle (the Link keeps ?cycle=)", "/api/v1/objectives?cycle=FY2027-Q2")
paged("objectives of one team (the Link keeps ?team=)", "/api/v1/objectives?team=plat")
cis = paged("check-ins", "/api/v1/key-results/%d/checkins" % K)
check("check-ins come oldest first", [c["value"] for c in cis] == [99.1, 99.2, 99.3, 99.4, 99.5], cis)
aud = paged("the audit trail", "/api/v1/audit")
check("the audit trail is newest first", [a["id"] for a in aud] == sorted((a["id"] for a in aud), reverse=True))
paged("the audit trail of one objective (the Link keeps ?entity=&id=)", "/api/v1/audit?entity=objective&id=%d" % O)
r = srv.req("GET", "/api/v1/objectives?limit=200", auth=ada)
check("no Link on the last page", r.header("Link") is None, r.headers)

# --- the tree: ETag, 304, and a write shows ---------------------------------------------------
t1 = srv.req("GET", "/api/v1/tree", auth=pat)
et = t1.header("ETag")
check("the tree has an ETag", t1.status == 200 and bool(et), t1.headers)
r = srv.req("GET", "/api/v1/tree", auth=pat, headers={"If-None-Match": et})
check("the tree with If-None-Match of its ETag: 304 without a body", r.status == 304 and r.body == b"", r)
r = srv.req("GET", "/api/v1/tree", auth=val, headers={"If-None-Match": '"t0-nope"'})
check("a stale If-None-Match gets the tree: 200", r.status == 200 and r.body == t1.body, r)
r = srv.req("GET", "/api/v1/tree?cycle=FY2027", auth=pat)
check("another cycle's tree has another ETag", r.status == 200 and r.header("ETag") != et, r.headers)
ok("a check-in (a write)", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {"value": 99.9, "health": "on_track"}, auth=pat), 201)
t2 = srv.req("GET", "/api/v1/tree", auth=pat, headers={"If-None-Match": et})
check("after a write the tree's ETag changes: 200, not 304", t2.status == 200 and t2.header("ETag") != et, t2)


def find(objs, i):
    for o in objs:
        if o["id"] == i:
            return o
        f = find(o["children"], i)
        if f:
            return f
    return None


k2 = [k for k in find(t2.json["objectives"], O)["key_results"] if k["id"] == K]
check("after a write the tree's body reflects it", k2 and k2[0]["current"] == 99.9 and near(k2[0]["progress"], 1), k2)
r = srv.req("GET", "/api/v1/tree", auth=pat, headers={"If-None-Match": t2.header("ETag")})
check("the new ETag gives 304 again", r.status == 304, r)

# --- the audit trail -------------------------------------------------------------------------
for who, auth in (("an admin", ada), ("a leader", lee)):
    r = srv.req("GET", "/api/v1/audit?entity=objective&id=%d" % O, auth=auth)
    rows = r.json if r.status == 200 else []
    check("audit: %s reads who changed objective %d" % (who, O), r.status == 200 and rows and
          all(a["entity"] == "objective" and a["entity_id"] == O for a in rows), r)
    upd = [a for a in rows if a["action"] == "update" and (a["before"] or {}).get("title") == "Reliable platform"]
    check("audit: %s sees the PATCH with before and after" % who, upd and upd[0]["actor"] == "pat"
          and upd[0]["after"]["title"] == "Reliable platform, v2", rows)
    check("audit: %s sees the creation with no before" % who,
          [(a["action"], a["before"], a["actor"]) for a in rows if a["action"] == "create"] == [("create", None, "pat")], rows)
for who, auth in (("a member", pat), ("a viewer", val)):
    r = srv.req("GET", "/api/v1/audit?entity=objective&id=%d" % O, auth=auth)
    check("audit: %s gets 403" % who, r.status == 403, r)
r = srv.req("GET", "/api/v1/audit?entity=api_token", auth=ada)
check("audit: token events are listed under the entity they are recorded as (api_token)", r.status == 200 and len(r.json) >= 4, r)
check("audit: a token's secret is never in the trail", all(t not in r.body.decode() for t in (pat.token, ada.token)))

# --- /metrics --------------------------------------------------------------------------------
r = srv.req("GET", "/metrics")
check("/metrics needs credentials: 401", r.status == 401, r)


def metrics():
    r = srv.req("GET", "/metrics", auth=val)
    check("/metrics with a token: 200 Prometheus text", r.status == 200 and r.ctype.startswith("text/plain"), r)
    return r.body.decode()


def series(text, name, **labels):
    want = ",".join('%s="%s"' % kv for kv in sorted(labels.items()))
    total = 0.0
    for line in text.splitlines():
        m = re.match(r'^(\w+)(?:\{(.*)\})? (\S+)$', line)
        if not m or m.group(1) != name:
            continue
        got = ",".join(sorted(x for x in (m.group(2) or "").split(",") if x))
        if all(p in got.split(",") for p in want.split(",") if p):
            total += float(m.group(3))
    return total


m1 = metrics()
p = subprocess.run(["promtool", "check", "metrics"], input=m1, capture_output=True, text=True)
check("promtool check metrics accepts /metrics (exit 0)", p.returncode == 0, p.stdout + p.stderr)
before = series(m1, "okra_http_requests_total", method="POST", route="/api/v1/key-results/{id}/checkins", status="201")
hist_before = series(m1, "okra_http_request_duration_seconds_count")
ok("one more check-in", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {"value": 99.8, "health": "on_track"}, auth=pat), 201)
srv.req("GET", "/api/v1/nope", auth=pat)
m2 = metrics()
check("metrics: the request counter for the route and status moved by 1", series(
    m2, "okra_http_requests_total", method="POST", route="/api/v1/key-results/{id}/checkins", status="201") == before + 1, (before, m2))
check("metrics: unmatched paths count under route none", series(m2, "okra_http_requests_total", route="none", status="404") >= 1)
check("metrics: the latency histogram counted the requests", series(m2, "okra_http_request_duration_seconds_count") >= hist_before + 3)
active = len([o for o in srv.req("GET", "/api/v1/objectives?limit=200&cycle=FY2027-Q2", auth=ada).json if o["state"] == "active"])
check("metrics: okra_objectives{state=active} counts the active objectives", series(m2, "okra_objectives", state="active") == active,
      (active, m2))
check("metrics: okra_objectives{state=closed} counts the closed one", series(m2, "okra_objectives", state="closed") == 1)
check("metrics: okra_key_results counts the KRs", series(m2, "okra_key_results") == 2)
srv.req("GET", "/api/v1/tree", auth=pat, query={"cycle": "FY2027-Q2"})
srv.req("GET", "/", auth=srv.login("alex", ADMIN_PW))
m2 = metrics()
for cache in ("tree", "page", "markdown"):
    held, cap = series(m2, "okra_cache_bytes", cache=cache), series(m2, "okra_cache_max_bytes", cache=cache)
    check("metrics: the %s cache shows its bytes under its bound" % cache,
          ('okra_cache_bytes{cache="%s"}' % cache) in m2 and 0 <= held <= cap and cap > 0, m2)
    check("metrics: the %s cache shows its entries" % cache, ('okra_cache_entries{cache="%s"}' % cache) in m2, m2)
check("metrics: the tree cache holds the tree just asked for", series(m2, "okra_cache_bytes", cache="tree") > 0 and
      series(m2, "okra_cache_entries", cache="tree") >= 1, m2)
check("metrics: the allocator's heap is shown", series(m2, "okra_malloc_bytes", state="in_use") > 0, m2)
p = subprocess.run(["promtool", "check", "metrics"], input=m2, capture_output=True, text=True)
check("promtool check metrics still accepts it after more traffic", p.returncode == 0, p.stdout + p.stderr)

# --- /openapi.json ---------------------------------------------------------------------------
r = srv.req("GET", "/openapi.json")
check("/openapi.json is public JSON", r.status == 200 and isinstance(r.json, dict), r)
check("/openapi.json is OpenAPI 3.1 with every /api/v1 route", isinstance(r.json, dict) and r.json.get("openapi", "").startswith("3.1")
      and all(urllib.parse.unquote(p) in r.json.get("paths", {}) for p in ("/api/v1/tree", "/api/v1/objectives/{id}")), r)

srv.stop()
finish()
