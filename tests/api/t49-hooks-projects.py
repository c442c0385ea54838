"""t49-hooks-projects.py: renamed and moved projects, and issues that moved (issue 21 item 5).
okra remembers the forge's own id of an item's project (GitLab's project.id, GitHub's
repository.id) from the first event that names it; an event after the project was renamed or
moved (a new path, the same id) still finds the item, whose ref becomes the new path (audited).
A GitLab issue closed because it moved or as a duplicate is "not planned" and follows the
setting github_not_planned (ignore by default, or done), as GitHub's closes as not planned do.

Payloads: GitLab's documented Issue Hook (tests/fixtures/gitlab/issue-close.json,
issue-reopen.json) and octokit's issues example (tests/fixtures/github/), with the fields named
where the test changes them (iid, project path, updated_at, moved_to_id, duplicated_to_id; the
documented examples have both of the last null)."""
import copy
import functools
import hashlib
import hmac
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, ROOT, Server, check, criteria_states, finish, poster, sql  # noqa: E402

GL_SECRET = "gl-hook-secret-0123456789"
FIX = os.path.join(ROOT, "tests", "fixtures")
GH_SECRET = "gh-hook-secret-abcdefghij"


def load(*p):
    with open(os.path.join(FIX, *p), encoding="utf-8") as f:
        return json.load(f)


CLOSE, REOPEN = load("gitlab", "issue-close.json"), load("gitlab", "issue-reopen.json")
GH_CLOSED, GH_REOPENED = load("github", "issues-closed.json"), load("github", "issues-reopened.json")

srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()


post = poster(srv.req, ada)


def gitlab(body, key):
    return srv.req("POST", "/hooks/gitlab", data=json.dumps(body).encode(),
                   headers={"Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook",
                            "X-Gitlab-Token": GL_SECRET, "Idempotency-Key": key})


def github(body, delivery):
    raw = json.dumps(body).encode()
    return srv.req("POST", "/hooks/github", data=raw, headers={
        "Content-Type": "application/json", "X-GitHub-Event": "issues", "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": "sha256=" + hmac.new(GH_SECRET.encode(), raw, hashlib.sha256).hexdigest()})


def renames():
    return [r[0] for r in sql(srv.db, "SELECT after_json FROM audit WHERE action = 'rename' ORDER BY id")]


states = functools.partial(criteria_states, srv.req, ada)


def close(iid, updated_at=None, **attrs):
    e = copy.deepcopy(CLOSE)
    e["object_attributes"]["iid"] = iid
    e["object_attributes"].update(attrs)
    if updated_at:
        e["object_attributes"]["updated_at"] = updated_at
    return e


post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
O = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": "Projects move"})["id"]
K = post("/api/v1/key-results", {"objective": O, "title": "Issues closed", "dri": "alex", "kind": "criteria"})["id"]
for iid in (31, 32, 33, 41, 42):
    post("/api/v1/criteria", {"key_result": K, "ref": "gitlabhq/gitlab-test#%d" % iid, "contribution": 10})
post("/api/v1/criteria", {"key_result": K, "ref": "https://github.com/Codertocat/Hello-World/issues/1", "contribution": 10})
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
srv.okra("setting", "set", "github_webhook_secret", GH_SECRET)

check("setup: the documented close has moved_to_id and duplicated_to_id null",
      CLOSE["object_attributes"]["moved_to_id"] is None and CLOSE["object_attributes"]["duplicated_to_id"] is None)
r = gitlab(close(31, moved_to_id=302), "moved-31")
check("an issue closed because it moved is not planned: ignored by default (202), the criterion stays open",
      r.status == 202 and "moved or duplicate" in r.json["note"] and states()["gitlabhq/gitlab-test#31"] == "open",
      (r, states()))
r = gitlab(close(32, duplicated_to_id=7), "dup-32")
check("an issue closed as a duplicate likewise (202)", r.status == 202
      and states()["gitlabhq/gitlab-test#32"] == "open", (r, states()))
r = gitlab(close(33), "plain-33")
check("a plain close (both null) is done", r.status == 200 and states()["gitlabhq/gitlab-test#33"] == "closed",
      (r, states()))
srv.okra("setting", "set", "github_not_planned", "done")
r = gitlab(close(31, "2013-12-04T11:00:00Z", moved_to_id=302), "moved-31-again")
check("with github_not_planned done, the moved issue's close closes it",
      r.status == 200 and states()["gitlabhq/gitlab-test#31"] == "closed", (r, states()))
srv.okra("setting", "set", "github_not_planned", "ignore")

# --- a renamed or moved project: the forge's project id finds the item ---------------------------
check("setup: the documented project's id is 1", CLOSE["project"]["id"] == 1, CLOSE["project"])
r = gitlab(close(41), "p-41-close")
check("GitLab: gitlabhq/gitlab-test#41 closes (and its project's id is remembered)",
      r.status == 200 and states()["gitlabhq/gitlab-test#41"] == "closed", (r, states()))
moved = copy.deepcopy(REOPEN)
moved["project"]["path_with_namespace"] = "platform/gitlab-test-renamed"
moved["object_attributes"]["iid"] = 41
moved["object_attributes"]["url"] = "https://gitlab.example.com/platform/gitlab-test-renamed/-/issues/41"
r = gitlab(moved, "p-41-reopen-after-move")
st = states()
check("after the project moved to platform/gitlab-test-renamed (same project.id), its reopen finds the item",
      r.status == 200 and r.json["status"] == "applied" and st.get("platform/gitlab-test-renamed#41") == "open", (r, st))
check("... the criterion's ref shown is the new path, the old one is gone", "gitlabhq/gitlab-test#41" not in st, st)
check("... and the rename is audited", any('"from":"gitlabhq/gitlab-test#41"' in (a or "").replace(" ", "")
                                           and "platform/gitlab-test-renamed#41" in a for a in renames()), renames())
r = gitlab(dict(close(42, "2013-12-07T00:00:00Z"), project=dict(CLOSE["project"], id=77,
                                                               path_with_namespace="other/unknown")), "p-42-other")
check("another project (another id) with an unknown path is not taken for it (202, nothing renamed)",
      r.status == 202 and states()["gitlabhq/gitlab-test#42"] == "open" and len(renames()) == 1, (r, states()))
r = gitlab(dict(close(42, "2013-12-07T00:00:00Z"), project=dict(moved["project"])), "p-42-new-path")
check("an item of the same project not renamed yet is found by the new path on its own first event",
      r.status == 200 and states().get("platform/gitlab-test-renamed#42") == "closed", (r, states()))

r = github(GH_CLOSED, "gh-1-close")
check("GitHub: codertocat/hello-world#1 closes (repository.id remembered)", r.status == 200
      and states()["codertocat/hello-world#1"] == "closed", (r, states()))
ren = copy.deepcopy(GH_REOPENED)
ren["repository"]["full_name"] = "Codertocat/Hello-World-2"
ren["issue"]["html_url"] = "https://github.com/Codertocat/Hello-World-2/issues/1"
r = github(ren, "gh-1-reopen-renamed")
check("GitHub: after the repository was renamed (same repository.id), its reopen finds the item",
      r.status == 200 and states().get("codertocat/hello-world-2#1") == "open", (r, states()))
finish()
