"""t19-hooks.py: the GitLab and GitHub webhooks (POST /hooks/gitlab, /hooks/github; R9, R10):
the forges' published payloads close and reopen criteria, links and initiatives as the system
with check-ins of source integration; each delivery is applied once; bad or missing secrets
are 401, malformed bodies 400, unknown refs and events 202; never a 5xx.

Payloads: GitLab's documented Issue Hook (tests/fixtures/gitlab/, see its README.md) and
GitHub's published examples (npm @octokit/webhooks-examples, read from node_modules).

"Nothing changed" is the database digest. For a 202 the delivery is recorded (so a replay is
recognised): there the digest leaves out the deliveries table and the test checks that exactly
one delivery row was added; for 401, 400 and replays the full digest must not move."""
import copy
import hashlib
import hmac
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, ROOT, Recorder, Server, check, finish, near, poster  # noqa: E402

GL_SECRET = "gl-hook-secret-0123456789"
GH_SECRET = "gh-hook-secret-abcdefghij"
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "gitlab")
EXAMPLES = os.path.join(ROOT, "node_modules", "@octokit", "webhooks-examples", "api.github.com", "index.json")

srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
req = Recorder(srv)
post = poster(req, ada)


def deliveries():
    return srv.sql("SELECT count(*) FROM deliveries")[0][0]


def digest(with_deliveries=True):
    skip = ("sessions", "api_tokens", "login_failures")
    return srv.digest(skip if with_deliveries else skip + ("deliveries",))


def tree_kr(kid):
    t = req("GET", "/api/v1/tree", auth=ada, query={"cycle": "FY2027-Q3"}).json
    for o in t["objectives"]:
        for k in o["key_results"]:
            if k["id"] == kid:
                return o, k
    return None, None


def crit_state(kid, ref):
    _, k = tree_kr(kid)
    return [c["state"] for c in k["criteria"] if c["ref"] == ref]


def last_checkin(kid):
    cs = req("GET", "/api/v1/key-results/%d/checkins" % kid, auth=ada).json
    return max(cs, key=lambda c: c["id"]) if cs else None


# --- an objective with a criteria KR whose refs are the fixtures' items --------------------------
post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
O = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": "Ship the file API",
                                "links": ["gitlabhq/gitlab-test#23", "gitlabhq&45"]})["id"]
K = post("/api/v1/key-results", {"objective": O, "title": "File API done", "dri": "alex", "kind": "criteria"})["id"]
GL_REF = "gitlabhq/gitlab-test#23"        # GitLab's documented Issue Hook: project gitlabhq/gitlab-test, iid 23
GH_REF = "codertocat/hello-world#1"       # GitHub's examples: Codertocat/Hello-World, issue 1 (paths lower-cased)
post("/api/v1/criteria", {"key_result": K, "ref": GL_REF, "contribution": 40, "title": "API"})
post("/api/v1/criteria", {"key_result": K, "ref": "https://github.com/Codertocat/Hello-World/issues/1", "contribution": 25})
post("/api/v1/criteria", {"key_result": K, "ref": "someone/else#9", "contribution": 35})
post("/api/v1/initiatives", {"key_result": K, "title": "Write the endpoint", "ref": GL_REF})
check("the criteria KR starts at 0", near(tree_kr(K)[1]["progress"], 0.0), tree_kr(K))

# --- secrets through the settings mechanism: never shown --------------------------------------
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
srv.okra("setting", "set", "github_webhook_secret", GH_SECRET)
s = req("GET", "/api/v1/settings", auth=ada)
check("GET /api/v1/settings does not reveal the webhook secrets", s.status == 200 and GL_SECRET.encode() not in s.body
      and GH_SECRET.encode() not in s.body and b"webhook_secret" not in s.body, s)
a = req("GET", "/api/v1/audit", auth=ada)
check("the audit trail records the secrets were set, not their values", a.status == 200
      and GL_SECRET.encode() not in a.body and GH_SECRET.encode() not in a.body and b"gitlab_webhook_secret" in a.body, a)
r = req("PUT", "/api/v1/settings/github_not_planned", {"value": "sometimes"}, auth=ada)
check("github_not_planned is done or ignore (422 otherwise)", r.status == 422, r)
r = req("PUT", "/api/v1/settings/gitlab_webhook_secret", {"value": "short"}, auth=ada)
check("a webhook secret of under 8 characters is refused (422)", r.status == 422, r)


def gitlab(body, token=GL_SECRET, uuid=None, extra=None):
    h = {"Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook"}
    if token is not None:
        h["X-Gitlab-Token"] = token
    if uuid:
        h["X-Gitlab-Event-UUID"] = uuid
    h.update(extra or {})
    return req("POST", "/hooks/gitlab", data=body if isinstance(body, bytes) else json.dumps(body).encode(), headers=h)


def sign(raw, secret=GH_SECRET):
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def github(body, event="issues", delivery=None, sig=True, extra=None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    h = {"Content-Type": "application/json", "X-GitHub-Event": event}
    if sig is True:
        h["X-Hub-Signature-256"] = sign(raw)
    elif sig:
        h["X-Hub-Signature-256"] = sig
    if delivery:
        h["X-GitHub-Delivery"] = delivery
    h.update(extra or {})
    return req("POST", "/hooks/github", data=raw, headers=h)


def unchanged(what, r, status, with_deliveries=True, before=None):
    ok = check(what, r.status == status, r)
    check(what + " (nothing changed)", digest(with_deliveries) == before)
    return ok


def ignored(what, send, detail=None):
    """A 202: nothing changed but one delivery row; a replay of it is a 200 replay."""
    before, n = digest(False), deliveries()
    r = send()
    check(what + " is 202", r.status == 202 and r.json.get("status") == "ignored", r)
    check(what + " changes nothing but the delivery record", digest(False) == before and deliveries() == n + 1,
          (deliveries(), n))
    full = digest()
    r = send()
    check(what + ": its replay is 200 replay and changes nothing", r.status == 200 and r.json.get("status") == "replay"
          and digest() == full, r)


GL_CLOSE = open(os.path.join(FIXTURES, "issue-close.json"), "rb").read()
GL_REOPEN = open(os.path.join(FIXTURES, "issue-reopen.json"), "rb").read()
check("the GitLab fixtures are the documented Issue Hook for gitlabhq/gitlab-test#23",
      json.loads(GL_CLOSE)["object_kind"] == "issue" and json.loads(GL_CLOSE)["object_attributes"]["action"] == "close"
      and json.loads(GL_REOPEN)["object_attributes"]["action"] == "reopen")

# --- GitLab: secrets first -------------------------------------------------------------------
for label, tok in [("no X-Gitlab-Token", None), ("a wrong token", "gl-hook-secret-0123456780"),
                   ("a token of another length", GL_SECRET + "x"), ("an empty token", ""),
                   ("the GitHub secret", GH_SECRET)]:
    before = digest()
    unchanged("GitLab with %s is 401" % label, gitlab(GL_CLOSE, tok, uuid="bad-" + label), 401, before=before)
before = digest()
unchanged("GitLab: a wrong token with a malformed body is still 401", gitlab(b"{not json", "nope-nope-nope"), 401,
          before=before)
for label, body in [("not JSON", b"{not json"), ("a JSON array", b"[1,2]"), ("empty", b""),
                    ("an issue without object_attributes", {"object_kind": "issue"}),
                    ("an issue without iid", {"object_kind": "issue", "object_attributes": {"action": "close"}}),
                    ("an issue naming no item", {"object_kind": "issue", "object_attributes": {"iid": 3, "action": "close"}}),
                    ("no object_kind", {"object_attributes": {"iid": 3}})]:
    before = digest()
    unchanged("GitLab: a body that is %s is 400" % label, gitlab(body, uuid="malformed-" + label), 400, before=before)

# --- GitLab: close, replay, reopen ----------------------------------------------------------
o0, k0 = tree_kr(K)
r = gitlab(GL_CLOSE, uuid="9f7c2a10-0000-4000-8000-000000000001")
check("GitLab issue close is 200 applied", r.status == 200 and r.json["status"] == "applied" and r.json["changed"] >= 1, r)
o1, k1 = tree_kr(K)
check("closing moves the KR's progress by exactly the criterion's 40%", near(k1["progress"] - k0["progress"], 0.40), (k0, k1))
check("the tree shows the criterion closed", crit_state(K, GL_REF) == ["closed"], k1)
check("the objective's progress follows (R10)", near(o1["progress"] - o0["progress"], 0.40), (o0["progress"], o1["progress"]))
check("the initiative with that ref is closed", [i["state"] for i in k1["initiatives"]] == ["closed"], k1["initiatives"])
check("the objective's link with that ref is closed", [x["state"] for x in o1["links"] if x["ref"] == GL_REF] == ["closed"],
      o1["links"])
c = last_checkin(K)
check("the check-in has source integration, by the system", c and c["source"] == "integration" and c["author"] is None
      and near(c["progress"], k1["progress"]), c)
check("the tree's KR shows its source as integration", k1.get("source", {}).get("kind") == "integration", k1.get("source"))
au = req("GET", "/api/v1/audit", auth=ada, query={"limit": 5}).json
check("the audit says the system applied the delivery", any(e["action"] == "apply" and e["entity"] == "delivery"
                                                            and e["actor"] is None for e in au), au)
before = digest()
r = gitlab(GL_CLOSE, uuid="9f7c2a10-0000-4000-8000-000000000001")
unchanged("GitLab: a replay of the close is 200", r, 200, before=before)
check("GitLab: the replay says so", r.json.get("status") == "replay" and "before" in r.json.get("note", ""), r)

# No X-Gitlab-Event-UUID: the body's hash is the delivery id.
r = gitlab(GL_REOPEN)
k2 = tree_kr(K)[1]
check("GitLab issue reopen (no UUID header) is 200 applied", r.status == 200 and r.json["status"] == "applied", r)
check("reopening reverses the 40% exactly", near(k2["progress"], k0["progress"]) and crit_state(K, GL_REF) == ["open"], k2)
check("the reopen's check-in has source integration", last_checkin(K)["source"] == "integration", last_checkin(K))
before = digest()
r = gitlab(GL_REOPEN)
unchanged("GitLab: the same body again without a UUID is a replay (200)", r, 200, before=before)
check("GitLab: ... and says replay", r.json.get("status") == "replay", r)

# --- GitLab: 202s -------------------------------------------------------------------------
unknown = json.loads(GL_CLOSE)
unknown["project"]["path_with_namespace"] = "nobody/knows-this"
unknown["project"]["id"] = 4242  # another project: the same id under a new path is a rename (t49)
unknown["object_attributes"]["url"] = "https://gitlab.example.com/nobody/knows-this/-/issues/23"
ignored("GitLab: an issue okra does not know", lambda: gitlab(unknown, uuid="unknown-ref-1"))
push = {"object_kind": "push", "event_name": "push", "ref": "refs/heads/master", "project": {"path_with_namespace": "gitlabhq/gitlab-test"}}
ignored("GitLab: a push event", lambda: gitlab(push, uuid="push-1", extra={"X-Gitlab-Event": "Push Hook"}))
upd = json.loads(GL_CLOSE)
upd["object_attributes"]["action"] = "update"
ignored("GitLab: an issue update (not close or reopen)", lambda: gitlab(upd, uuid="update-1"))

# An epic as a work item (group webhook): the URL names group&iid.
epic = {"object_kind": "work_item", "event_type": "work_item",
        "object_attributes": {"iid": 45, "type": "Epic", "action": "close", "state": "closed",
                              "url": "https://gitlab.example.com/groups/gitlabhq/-/work_items/45"}}
r = gitlab(epic, uuid="epic-1")
o3 = tree_kr(K)[0]
check("GitLab: a work-item epic close closes the link gitlabhq&45", r.status == 200
      and [x["state"] for x in o3["links"] if x["ref"] == "gitlabhq&45"] == ["closed"], (r, o3["links"]))

# --- GitHub ---------------------------------------------------------------------------------
examples = {}
for ev in json.load(open(EXAMPLES, encoding="utf-8")):
    for ex in ev["examples"]:
        examples.setdefault((ev["name"], ex.get("action")), ex)
GH_REOPENED = examples[("issues", "reopened")]
# The package (7.x) has no issues.closed example: the closed payload is its issues.reopened one
# as a close makes it (action closed, state closed, state_reason completed, closed_at set).
GH_CLOSED = copy.deepcopy(GH_REOPENED)
GH_CLOSED["action"] = "closed"
GH_CLOSED["issue"].update({"state": "closed", "state_reason": "completed", "closed_at": "2026-08-05T10:00:00Z"})
check("the GitHub examples name Codertocat/Hello-World#1", GH_REOPENED["repository"]["full_name"] == "Codertocat/Hello-World"
      and GH_REOPENED["issue"]["number"] == 1, GH_REOPENED["repository"]["full_name"])
CLOSED_RAW = json.dumps(GH_CLOSED).encode()

for label, sig in [("no X-Hub-Signature-256", None), ("a signature with another secret", sign(CLOSED_RAW, "wrong-secret-123")),
                   ("a signature of another body", sign(CLOSED_RAW + b" ")), ("a sha1 signature",
                                                                            "sha1=" + hmac.new(GH_SECRET.encode(), CLOSED_RAW, hashlib.sha1).hexdigest()),
                   ("a signature that is not hex", "sha256=" + "zz" * 32), ("a truncated signature", sign(CLOSED_RAW)[:-2]),
                   ("the GitLab token as a signature", GL_SECRET)]:
    before = digest()
    unchanged("GitHub with %s is 401" % label, github(CLOSED_RAW, delivery="bad-sig", sig=sig or False), 401, before=before)
before = digest()
r = github(examples[("ping", None)], event="ping", delivery="ping-1")
unchanged("GitHub ping (the package's example) is 200", r, 200, before=before)
before = digest()
r = github(examples[("ping", None)], event="ping", delivery="ping-2",
           extra={"Origin": "https://github.com", "Sec-Fetch-Site": "cross-site"})
unchanged("GitHub: no same-origin or CSRF rule on webhooks (a cross-site Origin is fine)", r, 200, before=before)
for label, raw in [("not JSON", b"{"), ("a JSON string", b'"x"'), ("an issues event without issue.number",
                                                                   json.dumps({"action": "closed", "repository": {"full_name": "a/b"}}).encode()),
                   ("an issues event without repository", json.dumps({"action": "closed", "issue": {"number": 1}}).encode())]:
    before = digest()
    unchanged("GitHub: a body that is %s is 400" % label, github(raw, delivery="malformed"), 400, before=before)
before = digest()
unchanged("GitHub: no X-GitHub-Event is 400", github(CLOSED_RAW, event="", delivery="noevent"), 400, before=before)

k0 = tree_kr(K)[1]
r = github(CLOSED_RAW, delivery="72d3162e-cc78-11e3-81ab-4c9367dc0958")
k1 = tree_kr(K)[1]
check("GitHub issues closed (completed) is 200 applied", r.status == 200 and r.json["status"] == "applied", r)
check("closing moves the KR's progress by exactly the criterion's 25%", near(k1["progress"] - k0["progress"], 0.25), (k0, k1))
check("the tree shows the GitHub criterion closed", crit_state(K, GH_REF) == ["closed"], k1["criteria"])
check("the GitHub check-in has source integration", last_checkin(K)["source"] == "integration", last_checkin(K))
before = digest()
r = github(CLOSED_RAW, delivery="72d3162e-cc78-11e3-81ab-4c9367dc0958")
unchanged("GitHub: a replay (same X-GitHub-Delivery) is 200", r, 200, before=before)
check("GitHub: the replay says so", r.json.get("status") == "replay", r)
r = github(GH_REOPENED, delivery="gh-reopen-1")
k2 = tree_kr(K)[1]
check("GitHub issues reopened (the package's example) is 200 and reverses the 25% exactly", r.status == 200
      and near(k2["progress"], k0["progress"]) and crit_state(K, GH_REF) == ["open"], (r, k2))

np = copy.deepcopy(GH_CLOSED)
np["issue"]["state_reason"] = "not_planned"
ignored("GitHub: closed as not planned (github_not_planned unset = ignore)", lambda: github(np, delivery="np-1"))
srv.okra("setting", "set", "github_not_planned", "done")
r = github(np, delivery="np-2")
check("GitHub: with github_not_planned = done, not planned counts as done (+25%)", r.status == 200
      and near(tree_kr(K)[1]["progress"] - k2["progress"], 0.25), (r, tree_kr(K)[1]))
r = github(GH_REOPENED, delivery="gh-reopen-2")
check("GitHub: reopened again", r.status == 200 and near(tree_kr(K)[1]["progress"], k2["progress"]), r)

ignored("GitHub: a push event", lambda: github({"ref": "refs/heads/main"}, event="push", delivery="push-1"))
ignored("GitHub: an issues event okra does not act on (labeled)",
        lambda: github(examples[("issues", "labeled")], delivery="labeled-1"))
other = copy.deepcopy(GH_CLOSED)
other["repository"]["full_name"] = "Codertocat/Unknown"
other["repository"]["id"] = 4242  # another repository: the same id under a new name is a rename (t49)
other["issue"]["html_url"] = "https://github.com/Codertocat/Unknown/issues/1"
ignored("GitHub: an issue okra does not know", lambda: github(other, delivery="unknown-1"))

# --- bodies: hooks take what the forges send (25 MiB; t41-hooks-order.py, t67-hooks-large.py) ---
big = copy.deepcopy(GH_CLOSED)
big["issue"]["body"] = "x" * (300 * 1024)
r = github(big, delivery="big-1")
check("GitHub: a 300 KiB payload is accepted (not 413)", r.status == 200 and r.json["status"] == "applied", r)
check("... and closed the item", crit_state(K, GH_REF) == ["closed"])
huge = copy.deepcopy(GH_REOPENED)
huge["issue"]["body"] = "x" * (25 * 1024 * 1024 + 10)
before = digest()
unchanged("GitHub: a payload over 25 MiB is 413", github(huge, delivery="huge-1"), 413, before=before)

# --- the secrets never show up; never a 5xx -----------------------------------------------------
srv.stop()
err = open(srv.errpath, "rb").read()
check("the server's log does not contain the secrets", GL_SECRET.encode() not in err and GH_SECRET.encode() not in err)
req.check_no_5xx("no webhook request answered 5xx")
finish()
