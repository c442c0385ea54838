"""t46-hooks-requests.py: merge and pull requests as criteria (issue 21 item 6). A criterion may be
a GitLab merge request (group/project!12, or its .../-/merge_requests/12 URL) or a GitHub pull
request (owner/repo#12, or its .../pull/12 URL: GitHub numbers pull requests with the issues). A
merge is done; closed without a merge is "not planned", which follows the setting
github_not_planned (ignore by default, or done); a reopen opens it again; events keep their own
time's order.

Payloads: GitLab's documented Merge Request Hook (tests/fixtures/gitlab/mr-*.json, the example
with the named fields changed, see its README) and octokit's published pull_request examples read
from @octokit/webhooks-examples in node_modules as they are (closed without a merge, reopened),
the merged close derived from the closed one by the fields named where it is made."""
import copy
import functools
import hashlib
import hmac
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, ROOT, Server, check, criteria_states, finish, poster  # noqa: E402

GL_SECRET = "gl-hook-secret-0123456789"
GH_SECRET = "gh-hook-secret-abcdefghij"
FIX = os.path.join(ROOT, "tests", "fixtures", "gitlab")
OCTOKIT = os.path.join(ROOT, "node_modules", "@octokit", "webhooks-examples", "api.github.com", "index.json")


def load(name):
    with open(os.path.join(FIX, name), encoding="utf-8") as f:
        return json.load(f)


def octokit(action):
    """The published pull_request example of this action (the first one, without organization)."""
    with open(OCTOKIT, encoding="utf-8") as f:
        events = json.load(f)
    examples = [e for e in events if e["name"] == "pull_request"][0]["examples"]
    return [x for x in examples if x["action"] == action and "organization" not in x][0]


MR_MERGE, MR_CLOSE, MR_REOPEN = load("mr-merge.json"), load("mr-close.json"), load("mr-reopen.json")
PR_CLOSED, PR_REOPENED = octokit("closed"), octokit("reopened")

srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()


post = poster(srv.req, ada)


def gitlab(body, key):
    return srv.req("POST", "/hooks/gitlab", data=json.dumps(body).encode(),
                   headers={"Content-Type": "application/json", "X-Gitlab-Event": "Merge Request Hook",
                            "X-Gitlab-Token": GL_SECRET, "Idempotency-Key": key})


def github(body, delivery):
    raw = json.dumps(body).encode()
    return srv.req("POST", "/hooks/github", data=raw, headers={
        "Content-Type": "application/json", "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": "sha256=" + hmac.new(GH_SECRET.encode(), raw, hashlib.sha256).hexdigest()})


states = functools.partial(criteria_states, srv.req, ada)


def mr(base, iid, updated_at=None):
    e = copy.deepcopy(base)
    e["object_attributes"]["iid"] = iid
    if updated_at:
        e["object_attributes"]["updated_at"] = updated_at
    return e


post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
O = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": "Reviews land"})["id"]
K = post("/api/v1/key-results", {"objective": O, "title": "Requests merged", "dri": "alex", "kind": "criteria"})["id"]

# --- the refs --------------------------------------------------------------------------------------
MR1 = "gitlabhq/gitlab-test!1"
MR2 = "gitlabhq/gitlab-test!2"
PR = "codertocat/hello-world#2"
r = srv.req("POST", "/api/v1/criteria", {"key_result": K, "ref": "GitlabHQ/Gitlab-Test!1", "contribution": 20}, auth=ada)
check("a merge request group/project!1 is a criterion's ref (kept in lower case)",
      r.status == 201 and MR1 in [c["ref"] for c in r.json["criteria"]], r)
r = srv.req("POST", "/api/v1/criteria", {"key_result": K, "ref": "https://gitlab.example.com/gitlabhq/gitlab-test/-/merge_requests/2",
                                         "contribution": 20}, auth=ada)
check("a merge request's URL becomes group/project!2", r.status == 201 and MR2 in [c["ref"] for c in r.json["criteria"]], r)
r = srv.req("POST", "/api/v1/criteria", {"key_result": K, "ref": "https://github.com/Codertocat/Hello-World/pull/2",
                                         "contribution": 20}, auth=ada)
check("a pull request's URL becomes owner/repo#2", r.status == 201 and PR in [c["ref"] for c in r.json["criteria"]], r)
for bad in ("gitlab-test!1", "g/p!0", "g/p!1!2", "g/p#1!2"):
    r = srv.req("POST", "/api/v1/criteria", {"key_result": K, "ref": bad, "contribution": 5}, auth=ada)
    check("%s is refused (422)" % bad, r.status == 422, r)
r = srv.req("GET", "/api/v1/objectives/%d" % O, auth=ada)
check("setup: three open criteria", sorted(states().items()) == [(PR, "open"), (MR1, "open"), (MR2, "open")], states())
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
srv.okra("setting", "set", "github_webhook_secret", GH_SECRET)

# --- GitLab: merged is done, closed without a merge is not planned ----------------------------------
r = gitlab(MR_MERGE, "mr-1-merge")
check("GitLab: the documented merge request, merged, closes group/project!1 (200 applied)",
      r.status == 200 and r.json["status"] == "applied" and states()[MR1] == "closed", (r, states()))
r = gitlab(mr(MR_CLOSE, 2), "mr-2-close")
check("GitLab: closed without a merge is not planned: ignored by default (202), the criterion stays open",
      r.status == 202 and r.json["status"] == "ignored" and "without a merge" in r.json["note"]
      and states()[MR2] == "open", (r, states()))
srv.okra("setting", "set", "github_not_planned", "done")
r = gitlab(mr(MR_CLOSE, 2), "mr-2-close-again")
check("GitLab: with github_not_planned done, the close without a merge closes it",
      r.status == 200 and states()[MR2] == "closed", (r, states()))
r = gitlab(mr(MR_REOPEN, 2), "mr-2-reopen")
check("GitLab: the reopen (later) opens it again", r.status == 200 and states()[MR2] == "open", (r, states()))
r = gitlab(mr(MR_CLOSE, 2), "mr-2-close-late")
check("GitLab: the close delivered after the reopen that followed it is stale",
      r.status == 200 and r.json["status"] == "stale" and states()[MR2] == "open", (r, states()))
srv.okra("setting", "set", "github_not_planned", "ignore")

# --- GitHub: the published closed-without-merge, then a merge -----------------------------------------
check("setup: octokit's closed example is not merged", PR_CLOSED["pull_request"]["merged"] is False, PR_CLOSED)
r = github(PR_CLOSED, "pr-closed-unmerged")
check("GitHub: a pull request closed without a merge is not planned: ignored by default (202)",
      r.status == 202 and r.json["status"] == "ignored" and states()[PR] == "open", (r, states()))
merged = copy.deepcopy(PR_CLOSED)
merged["pull_request"]["merged"] = True
merged["pull_request"]["merged_at"] = merged["pull_request"]["closed_at"]
r = github(merged, "pr-merged")
check("GitHub: the same close with merged true (merged_at = closed_at) is done (200 applied)",
      r.status == 200 and r.json["status"] == "applied" and states()[PR] == "closed", (r, states()))
r = github(PR_REOPENED, "pr-reopened-old")
check("GitHub: the published reopen, older than the merge, is stale and changes nothing",
      r.status == 200 and r.json["status"] == "stale" and states()[PR] == "closed", (r, states()))
later = copy.deepcopy(PR_REOPENED)
later["pull_request"]["updated_at"] = "2019-05-16T09:00:00Z"
r = github(later, "pr-reopened-new")
check("GitHub: a reopen after it opens the criterion again", r.status == 200 and states()[PR] == "open", (r, states()))
r = github(dict(PR_CLOSED, pull_request=dict(PR_CLOSED["pull_request"], number=None)), "pr-bad")
check("GitHub: a pull_request event without a number is 400", r.status == 400, r)
r = github(dict(PR_CLOSED, action="labeled"), "pr-labeled")
check("GitHub: another pull_request action is ignored (202)", r.status == 202, r)
finish()
