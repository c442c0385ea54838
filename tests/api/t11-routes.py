"""t11-routes.py: every route of the route table, src/http/routes.def (parsed at run time): 401 without valid credentials
on SIGNED_IN routes, never on PUBLIC ones, always on HOOK ones (the webhooks check their own secret), and on PAGE routes a 401 or a redirect to /login; 405 with Allow for the other methods; reachable with
credentials; and the role rules (R1, app.h) route by route for admin, leader, member, viewer. The table and
docs/openapi.json agree both ways (every row documented, every documented operation a row), and a row's JSON
body fields are the document's request schema (names, required, types)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Auth, Server, check, finish, openapi, route_rows, routes  # noqa: E402

ROUTES = routes()
check("the route table parses from src/http/routes.def", len(ROUTES) >= 40, ROUTES)
names = {(m, p) for m, p, _, _ in ROUTES}
check("the table has the API of DESIGN.md §4", all(x in names for x in [
    ("GET", "/api/v1/tree"), ("POST", "/api/v1/objectives"), ("POST", "/api/v1/key-results/{id}/checkins"),
    ("POST", "/api/v1/objectives/{id}/close"), ("GET", "/healthz"), ("GET", "/metrics")]), sorted(names))

doc = openapi()
for method, pattern, handler, access in ROUTES:
    check("docs/openapi.json documents %s %s" % (method, pattern), doc.operation(method, pattern) is not None
          and doc.operation(method, pattern)[0] == pattern, doc.error)

# --- the table and docs/openapi.json, both ways: every operation documented is a row ------------
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
for tpl in doc.doc.get("paths", {}):
    item, _ = doc.deref(doc.doc["paths"][tpl], "/paths/" + tpl)
    for m in (k for k in (item or {}) if k in METHODS):
        check("docs/openapi.json's %s %s is a row of the route table" % (m.upper(), tpl),
              (m.upper(), tpl) in names, sorted(names))


# --- a row's JSON body fields are the document's request schema: names, required, types ---------
TYPES = {"F_STRING": "string", "F_ID": "integer", "F_NUMBER": "number", "F_BOOL": "boolean",
         "F_STRINGS": "array", "F_OBJECTS": "array"}
ITEM_TYPES = {"F_STRINGS": "string", "F_OBJECTS": "object"}


def schema(node):
    """node with its $refs followed (to any depth of the document)."""
    return doc.deref(node, "")[0] if isinstance(node, dict) else node


def json_type(node):
    """The one JSON type a property schema allows besides null, or None."""
    node = schema(node) or {}
    alts = node.get("oneOf") or node.get("anyOf")
    if alts:
        types = {json_type(a) for a in alts} - {"null"}
        return types.pop() if len(types) == 1 else None
    t = node.get("type")
    if isinstance(t, list):
        t = [x for x in t if x != "null"]
        t = t[0] if len(t) == 1 else None
    if t is None and node.get("enum") and all(isinstance(x, str) for x in node["enum"] if x is not None):
        t = "string"
    return t


def check_fields(what, fields, node):
    node = schema(node) or {}
    props = node.get("properties") or {}
    check("%s: the row's fields are the schema's properties" % what,
          sorted(f[0] for f in fields) == sorted(props), (sorted(f[0] for f in fields), sorted(props)))
    check("%s: the row's required fields are the schema's" % what,
          sorted(f[0] for f in fields if f[2]) == sorted(node.get("required") or []),
          (sorted(f[0] for f in fields if f[2]), node.get("required")))
    for name, ftype, _, items in fields:
        p = schema(props.get(name)) or {}
        check("%s: %s is %s in both" % (what, name, TYPES[ftype]), json_type(p) == TYPES[ftype], p)
        if ftype in ITEM_TYPES:
            check("%s: %s's items are %s in both" % (what, name, ITEM_TYPES[ftype]),
                  json_type(p.get("items")) == ITEM_TYPES[ftype], p)
        if items:
            check_fields("%s.%s[]" % (what, name), items, p.get("items"))


for row in route_rows():
    if row["access"] == "HOOK":
        continue  # a forge's payload, parsed by its handler: no field list
    op = doc.operation(row["method"], row["pattern"])
    body = schema((op[1] if op else {}).get("requestBody")) or {}
    js = schema(((body.get("content") or {}).get("application/json") or {}).get("schema"))
    what = "%s %s" % (row["method"], row["pattern"])
    check("%s: a JSON body in the row (FIELDS) exactly when the document has one" % what,
          (row["fields"] is None) == (js is None), (row["fields"], js))
    if row["fields"] is not None and js is not None:
        check_fields(what, row["fields"], js)
    # The server keeps the answer of every signed-in POST under its Idempotency-Key (http/idem.c):
    # the document says so on each of them, and on no other.
    keyed = any("IdempotencyKey" in json.dumps(p) for p in (op[1] if op else {}).get("parameters") or [])
    check("%s: the Idempotency-Key header documented exactly when the server keeps it" % what,
          keyed == (row["method"] == "POST" and row["access"] in ("SIGNED_IN", "PAGE")), keyed)

srv = Server(now="2026-07-01T00:00")
admin = srv.token(srv.login("alex", ADMIN_PW))
lee = srv.person(admin, "lee", "leader")
pat = srv.person(admin, "pat", "member")
mo = srv.person(admin, "mo", "member")
val = srv.person(admin, "val", "viewer")
srv.person(admin, "zed", "member", password=None)
ROLES = {"admin": admin.bearer(), "leader": lee.bearer(), "member": pat.bearer(), "outsider": mo.bearer(),
         "viewer": val.bearer()}


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r


B = admin.bearer()
ok("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]}, auth=B), 201)
ok("setup: team web", srv.req("POST", "/api/v1/teams", {"slug": "web", "name": "Web", "members": ["mo"]}, auth=B), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=B), 201)
OC = ok("setup: a company objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "dri": "lee", "title": "Company goal"}, auth=B), 201).json["id"]
OT = ok("setup: a Platform objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "plat", "parent": OC, "dri": "pat", "title": "Platform goal"}, auth=B), 201).json["id"]
KT = ok("setup: a metric KR (DRI pat)", srv.req("POST", "/api/v1/key-results", {
    "objective": OT, "title": "Uptime", "dri": "pat", "unit": "%", "start": 99, "target": 99.9}, auth=B), 201).json["id"]
KM = ok("setup: a metric KR whose DRI (mo) is not in the team", srv.req("POST", "/api/v1/key-results", {
    "objective": OT, "title": "Latency", "dri": "mo", "unit": "ms", "start": 800, "target": 200}, auth=B), 201).json["id"]
KC = ok("setup: a criteria KR", srv.req("POST", "/api/v1/key-results", {
    "objective": OT, "title": "Automate", "dri": "pat", "kind": "criteria"}, auth=B), 201).json["id"]
spare = srv.token(admin.session(), "spare")
ok("setup: a source on the metric KR (so GET …/source finds one)", srv.req(
    "PUT", "/api/v1/key-results/%d/source" % KT, {"kind": "json", "url": "http://127.0.0.1:9/uptime", "query": "/v"},
    auth=B), 200)
# Things of their own for the correction routes' {id}s (an admin's DELETE takes them away).
OX = ok("setup: an objective to correct", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "To correct"}, auth=B), 201).json["id"]
KX = ok("setup: its metric KR", srv.req("POST", "/api/v1/key-results", {
    "objective": OX, "title": "X", "dri": "pat", "unit": "%", "start": 0, "target": 1}, auth=B), 201).json["id"]
KXC = ok("setup: its criteria KR", srv.req("POST", "/api/v1/key-results", {
    "objective": OX, "title": "XC", "dri": "pat", "kind": "criteria"}, auth=B), 201).json["id"]
CORRECT = {
    "checkins": ok("setup: a check-in", srv.req("POST", "/api/v1/key-results/%d/checkins" % KX, {
        "value": 0.5, "health": "on_track"}, auth=B), 201).json["id"],
    "status-updates": ok("setup: a status", srv.req("POST", "/api/v1/objectives/%d/status" % OX, {
        "health": "on_track", "lines": [{"key_result": KX, "line": "a"}, {"key_result": KXC, "line": "b"}]},
        auth=B), 201).json["id"],
    "criteria": ok("setup: a criterion", srv.req("POST", "/api/v1/criteria", {
        "key_result": KXC, "ref": "g/p#77", "contribution": 50}, auth=B), 201).json["criteria"][0]["id"],
    "initiatives": ok("setup: an initiative", srv.req("POST", "/api/v1/initiatives", {
        "key_result": KX, "title": "Try"}, auth=B), 201).json["initiatives"][0]["id"],
    "links": ok("setup: a link", srv.req("POST", "/api/v1/objectives/%d/links" % OX, {
        "ref": "g/p#78"}, auth=B), 201).json["links"][0]["id"],
    "comments": ok("setup: a comment", srv.req("POST", "/api/v1/comments", {
        "objective": OX, "body": "a comment"}, auth=B), 201).json["id"],
}

VALUES = {"id": None, "handle": "pat", "slug": "plat", "name": "FY2027-Q2"}


def concrete(method, pattern, ids=None):
    """A path for pattern with existing things in the placeholders."""
    ids = ids or {}
    out = pattern
    if pattern == "/static/{name}":
        return "/static/okra.css"
    if pattern == "/api/v1/comments" and method == "GET":
        return "/api/v1/comments?objective=%d" % OX  # a list of comments is of one thing
    if pattern in ("/api/v1/search", "/search"):
        return pattern + "?q=platform"  # q is required by the API
    if "{id}" in out:
        if pattern.startswith(("/api/v1/objectives", "/objectives")):
            v = ids.get("objective", OT)
        elif pattern.startswith(("/api/v1/key-results", "/key-results")):
            v = ids.get("key_result", KT)
        elif pattern.startswith("/comments/"):
            v = CORRECT["comments"]
        elif pattern.split("/")[3] in CORRECT:
            v = CORRECT[pattern.split("/")[3]]
        else:
            v = ids.get("token", spare.token_id)
        out = out.replace("{id}", str(v))
    if (pattern.startswith(("/api/v1/people/{handle}/", "/people/{handle}/")) and
            pattern.rsplit("/", 1)[1] in ("deactivate", "reactivate", "handover")) or \
            "/members/{handle}" in pattern:
        out = out.replace("{handle}", "zed")  # not pat: the role rules below sign in as pat
    for k, v in VALUES.items():
        out = out.replace("{%s}" % k, str(v))
    return out


def call(method, path, auth=None, headers=None):
    body = {} if method in ("POST", "PUT", "PATCH") else None
    return srv.req(method, path, body, auth=auth, headers=headers)


# --- no route reachable without credentials --------------------------------------------------
revoked = srv.token(srv.login("val", PW), "to revoke")
ok("setup: revoke a token", srv.req("DELETE", "/api/v1/tokens/%d" % revoked.token_id, auth=B), 204)
CREDS = [
    ("no credentials", None, {}),
    ("a garbage Bearer token", None, {"Authorization": "Bearer not-a-token"}),
    ("a revoked token", Auth("val", token=revoked.token), {}),
    ("an unknown session cookie", None, {"Cookie": "okra_session=" + "0123456789abcdef" * 4}),
]


def sweep(creds):
    before = srv.digest()
    for label, auth, hdrs in creds:
        for method, pattern, handler, access in ROUTES:
            path = concrete(method, pattern)
            r = call(method, path, auth, hdrs)
            if access == "SIGNED_IN":
                check("%s %s (SIGNED_IN) answers 401 with %s" % (method, pattern, label),
                      r.status == 401 and r.ctype.startswith("application/problem+json"), r)
            elif access == "PAGE":
                check("%s %s (PAGE) answers 401 or sends the browser to /login with %s" % (method, pattern, label),
                      r.status == 401 or (r.status == 303 and r.header("Location") == "/login"), r)
            elif access == "HOOK":
                # A webhook is public but checks its own secret (X-Gitlab-Token, X-Hub-Signature-256):
                # without it the answer is 401 by design, whatever session or token comes along.
                check("%s %s (HOOK) answers 401 without its webhook secret, with %s" % (method, pattern, label),
                      r.status == 401 and r.ctype.startswith("application/problem+json"), r)
            elif label in ("no credentials", "an unknown session cookie", "an expired session cookie"):
                check("%s %s (PUBLIC) does not answer 401 with %s" % (method, pattern, label),
                      r.status != 401 and r.status < 500, r)
    check("nothing changed after the requests without valid credentials (%s)" % ", ".join(c[0] for c in creds),
          srv.digest() == before)


sweep(CREDS)

# --- 405 with Allow, for every path of the table ---------------------------------------------
def matches(pattern, path):
    """The router's rule: segment by segment, {x} takes one non-empty segment."""
    a, b = pattern.split("/"), path.split("?")[0].split("/")
    return len(a) == len(b) and all(x == y or (x.startswith("{") and y) for x, y in zip(a, b))


before = srv.digest()
for pattern in dict.fromkeys(p for _, p, _, _ in ROUTES):
    path = concrete("GET", pattern)
    methods = {m for m, p, _, _ in ROUTES if matches(p, path)}
    allowed = methods | ({"HEAD"} if "GET" in methods else set())
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        if method in allowed:
            continue
        r = call(method, path, B)
        got = {m.strip() for m in (r.header("Allow") or "").split(",") if m.strip()}
        check("405 for %s %s with Allow: %s" % (method, pattern, ", ".join(sorted(allowed))),
              r.status == 405 and got == allowed, (r, r.header("Allow")))
check("nothing changed after the 405s", srv.digest() == before)

# --- every route answers with credentials (no 401/404/405, no 5xx) ---------------------------
for method, pattern, handler, access in ROUTES:
    r = call(method, concrete(method, pattern), B)
    if access == "HOOK":
        # An admin token is no webhook secret: HOOK routes still answer 401 (t19-hooks.py signs them).
        check("%s %s (HOOK) answers 401 to an admin token without the webhook secret" % (method, pattern),
              r.status == 401, r)
        continue
    if pattern == "/setup/{token}" and method == "GET":
        # The first run's page: a company that is set up has no link that works (t58 uses one).
        check("GET /setup/{token} of a company set up: the refusal page (404)", r.status == 404, r)
        continue
    check("%s %s is reachable with an admin token (%s)" % (method, pattern, handler),
          r.status not in (401, 404, 405) and r.status < 500, r)

# --- the role rules, route by route ----------------------------------------------------------
n = [0]


def uniq(prefix):
    n[0] += 1
    return "%s%d" % (prefix, n[0])


def etag(kind, i):
    return srv.req("GET", "/api/v1/%s/%d" % (kind, i), auth=B).header("ETag")


def matrix(what, method, path, body, expect, headers=None):
    """expect: role -> status; 403s must leave everything as it was. path/body/headers may be
    functions of the role (for unique names and fresh ETags)."""
    for role, status in expect.items():
        p = path(role) if callable(path) else path
        b = body(role) if callable(body) else body
        h = headers(role) if callable(headers) else headers
        name = "R1 %s: %s %s" % (role, what, "is refused (403)" if status == 403 else "is allowed (%d)" % status)
        if status == 403:
            srv.refused(name, 403, method, p, b, auth=ROLES[role], snap_auth=B, headers=h)
        else:
            r = srv.req(method, p, b, auth=ROLES[role], headers=h)
            check(name, r.status == status, r)


ADMIN_ONLY = {"admin": 0, "leader": 403, "member": 403, "outsider": 403, "viewer": 403}
PLANNERS = {"admin": 0, "leader": 0, "member": 403, "outsider": 403, "viewer": 403}
EDITORS = {"admin": 0, "leader": 0, "member": 0, "outsider": 403, "viewer": 403}


def with_ok(table, status):
    return {k: (status if v == 0 else v) for k, v in table.items()}


matrix("add a person", "POST", "/api/v1/people", lambda r: {"handle": uniq("p"), "name": "P"}, with_ok(ADMIN_ONLY, 201))
matrix("set another person's password", "PUT", "/api/v1/people/zed/password", {"password": "zed's long password"},
       with_ok(ADMIN_ONLY, 204))
matrix("change a person", "PATCH", "/api/v1/people/zed", {"name": "Zed"}, with_ok(ADMIN_ONLY, 200))
matrix("deactivate a person", "POST", "/api/v1/people/zed/deactivate", None, with_ok(ADMIN_ONLY, 200))
matrix("reactivate a person", "POST", "/api/v1/people/zed/reactivate", None, with_ok(ADMIN_ONLY, 200))
matrix("hand over what a person owns", "POST", "/api/v1/people/zed/handover", {"to": "lee"},
       with_ok(ADMIN_ONLY, 200))
matrix("add a team", "POST", "/api/v1/teams", lambda r: {"slug": uniq("t"), "name": "T"}, with_ok(ADMIN_ONLY, 201))
matrix("add a team member", "POST", "/api/v1/teams/web/members", {"handle": "zed"}, with_ok(ADMIN_ONLY, 200))
matrix("take a team member out", "DELETE", "/api/v1/teams/web/members/zed", None, with_ok(ADMIN_ONLY, 200))
matrix("rename a team", "PATCH", "/api/v1/teams/web", lambda r: {"name": uniq("Web ")}, with_ok(ADMIN_ONLY, 200))
years = iter(range(2031, 2060))
matrix("add a cycle", "POST", "/api/v1/cycles",
       lambda r: (lambda y: {"name": "Y%d" % y, "kind": "year", "starts_on": "%d-01-01" % y, "ends_on": "%d-12-31" % y})(next(years)),
       with_ok(PLANNERS, 201))
matrix("add a year and its quarters", "POST", "/api/v1/cycles/years",
       lambda r: (lambda y: {"name": "FY%d" % y, "starts_on": "%d-01-01" % y})(next(years)), with_ok(PLANNERS, 201))
matrix("add a company objective", "POST", "/api/v1/objectives",
       lambda r: {"cycle": "FY2027-Q2", "dri": "lee", "title": uniq("Company ")}, with_ok(PLANNERS, 201))
matrix("add an objective for team plat", "POST", "/api/v1/objectives",
       lambda r: {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": uniq("Plat ")}, with_ok(EDITORS, 201))
matrix("edit the team objective", "PATCH", "/api/v1/objectives/%d" % OT, lambda r: {"title": uniq("Platform goal ")},
       with_ok(EDITORS, 200), headers=lambda r: {"If-Match": etag("objectives", OT)})
matrix("edit a company objective", "PATCH", "/api/v1/objectives/%d" % OC, lambda r: {"title": uniq("Company goal ")},
       with_ok(PLANNERS, 200), headers=lambda r: {"If-Match": etag("objectives", OC)})
matrix("link an epic to the team objective", "POST", "/api/v1/objectives/%d/links" % OT,
       lambda r: {"ref": "gitlab-org/platform&%d" % n[0], "title": uniq("epic ")}, with_ok(EDITORS, 201))
matrix("add a KR to the team objective", "POST", "/api/v1/key-results",
       lambda r: {"objective": OT, "title": uniq("KR "), "dri": "pat", "unit": "x", "start": 0, "target": 10},
       with_ok(EDITORS, 201))
matrix("edit a KR", "PATCH", "/api/v1/key-results/%d" % KT, lambda r: {"title": uniq("Uptime ")},
       with_ok(EDITORS, 200), headers=lambda r: {"If-Match": etag("key-results", KT)})
matrix("check in on a KR pat is DRI of", "POST", "/api/v1/key-results/%d/checkins" % KT,
       {"value": 99.5, "health": "on_track"}, with_ok(EDITORS, 201))
matrix("check in on a KR mo is DRI of (R8: the KR's DRI)", "POST", "/api/v1/key-results/%d/checkins" % KM,
       {"value": 700, "health": "on_track"},
       {"admin": 201, "leader": 201, "member": 201, "outsider": 201, "viewer": 403})
SRC = {"kind": "json", "url": "http://127.0.0.1:9/uptime", "query": "/v", "every": 600}
matrix("set a KR's source (who may check in on it)", "PUT", "/api/v1/key-results/%d/source" % KT, SRC,
       with_ok(EDITORS, 200))
matrix("read a KR's source", "GET", "/api/v1/key-results/%d/source" % KT, None,
       {"admin": 200, "leader": 200, "member": 200, "outsider": 200, "viewer": 200})
matrix("clear a KR's source", "DELETE", "/api/v1/key-results/%d/source" % KT, None,
       {"outsider": 403, "viewer": 403, "member": 204, "admin": 404})
ok("setup: the source set again (every role reads it below)",
   srv.req("PUT", "/api/v1/key-results/%d/source" % KT, SRC, auth=B), 200)
refs = {}
matrix("add a criterion", "POST", "/api/v1/criteria",
       lambda r: {"key_result": KC, "ref": refs.setdefault(r, "gitlab-org/platform#%d" % (100 + len(refs))),
                  "contribution": 10}, with_ok(EDITORS, 201))
# The refused roles aim at refs whose state would change: one open, one closed.
for ref in ("gitlab-org/platform#198", "gitlab-org/platform#199"):
    ok("setup: " + ref, srv.req("POST", "/api/v1/criteria", {"key_result": KC, "ref": ref, "contribution": 5}, auth=B), 201)
ok("setup: close #198", srv.req("POST", "/api/v1/criteria/close", {"ref": "gitlab-org/platform#198"}, auth=B), 200)
refs["outsider"] = refs["viewer"] = "gitlab-org/platform#199"
matrix("close a criterion by hand", "POST", "/api/v1/criteria/close", lambda r: {"ref": refs[r]}, with_ok(EDITORS, 200))
refs["outsider"] = refs["viewer"] = "gitlab-org/platform#198"
matrix("reopen a criterion by hand", "POST", "/api/v1/criteria/reopen", lambda r: {"ref": refs[r]}, with_ok(EDITORS, 200))
matrix("add an initiative", "POST", "/api/v1/initiatives", lambda r: {"key_result": KT, "title": uniq("init ")},
       with_ok(EDITORS, 201))


def status_body(role):
    o = srv.req("GET", "/api/v1/objectives/%d" % OT, auth=B).json
    return {"health": "on_track", "lines": [{"key_result": k["id"], "line": "fine"} for k in o["key_results"]]}


matrix("post the team objective's weekly status", "POST", "/api/v1/objectives/%d/status" % OT, status_body,
       with_ok(EDITORS, 201))
matrix("write a draft retro", "POST", "/api/v1/objectives/%d/retro" % OT, {"good": ["it went"]}, with_ok(EDITORS, 200))
RETRO = {"good": ["a", "b"], "bad": ["c", "d"], "try": ["e", "f"], "final": True}
closable = {}
for role in ("admin", "leader", "member", "outsider"):
    o = srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat",
                                                "title": "To close " + role}, auth=B).json["id"]
    srv.req("POST", "/api/v1/objectives/%d/retro" % o, RETRO, auth=B)
    closable[role] = o
closable["viewer"] = closable["outsider"]
matrix("close an objective with a final retro", "POST", lambda r: "/api/v1/objectives/%d/close" % closable[r], None,
       with_ok(EDITORS, 200))
matrix("read the audit trail", "GET", "/api/v1/audit", None, with_ok(PLANNERS, 200))
others = {"admin": "zed", "leader": "zed", "member": "mo", "outsider": "pat", "viewer": "pat"}
matrix("make a token for another person", "POST", "/api/v1/tokens", lambda r: {"handle": others[r]},
       with_ok(ADMIN_ONLY, 201))
victims = {r: srv.token(ROLES["admin" if r != "admin" else "leader"], "victim").token_id for r in ROLES}
matrix("revoke another person's token", "DELETE", lambda r: "/api/v1/tokens/%d" % victims[r], None,
       with_ok(ADMIN_ONLY, 204))
matrix("make a token for oneself", "POST", "/api/v1/tokens", {"name": "mine"},
       {r: 201 for r in ROLES})
matrix("comment on an objective", "POST", "/api/v1/comments", {"objective": OT, "body": "Why?"},
       {"admin": 201, "leader": 201, "member": 201, "outsider": 201, "viewer": 403})
ADMINS_COMMENT = ok("setup: the admin's comment", srv.req("POST", "/api/v1/comments", {
    "objective": OT, "body": "mine"}, auth=B), 201).json["id"]
matrix("edit another's comment", "PATCH", "/api/v1/comments/%d" % ADMINS_COMMENT, {"body": "theirs"},
       {"leader": 403, "member": 403, "outsider": 403, "viewer": 403, "admin": 200})

for method, pattern, handler, access in ROUTES:
    if method != "GET" or access != "SIGNED_IN" or pattern == "/api/v1/audit":
        continue
    for role in ROLES:
        r = srv.req("GET", concrete(method, pattern), auth=ROLES[role])
        check("every role reads: %s GET %s is 200" % (role, pattern), r.status == 200, r)

# --- an expired session cookie (idle > 8 h) on every route -----------------------------------
sessions = srv.login("lee", PW)
srv.restart("2026-07-01T09:00")
sweep([("an expired session cookie", sessions, {})])
r = srv.req("GET", "/api/v1/people", auth=admin.bearer())
check("tokens still work after the restart", r.status == 200, r)

srv.stop()
finish()
