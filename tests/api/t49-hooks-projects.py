"""t49-hooks-projects.py: GitLab issues closed because they moved or as a duplicate (issue 21
item 5): such a close is "not planned" and follows the setting github_not_planned (ignore by
default, or done), as GitHub's closes as not planned do.

Payload: GitLab's documented Issue Hook, closed (tests/fixtures/gitlab/issue-close.json), with
object_attributes.moved_to_id or duplicated_to_id set (the documented example has both null), and
the iid and updated_at changed where the test says."""
import copy
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, ROOT, Server, check, finish  # noqa: E402

GL_SECRET = "gl-hook-secret-0123456789"
with open(os.path.join(ROOT, "tests", "fixtures", "gitlab", "issue-close.json"), encoding="utf-8") as f:
    CLOSE = json.load(f)

srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()


def post(path, body):
    r = srv.req("POST", path, body, auth=ada)
    check("setup: POST %s" % path, r.status == 201, r)
    return r.json


def gitlab(body, key):
    return srv.req("POST", "/hooks/gitlab", data=json.dumps(body).encode(),
                   headers={"Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook",
                            "X-Gitlab-Token": GL_SECRET, "Idempotency-Key": key})


def states():
    t = srv.req("GET", "/api/v1/tree", auth=ada, query={"cycle": "FY2027-Q3"}).json
    return {c["ref"]: c["state"] for o in t["objectives"] for k in o["key_results"] for c in k["criteria"]}


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
for iid in (31, 32, 33):
    post("/api/v1/criteria", {"key_result": K, "ref": "gitlabhq/gitlab-test#%d" % iid, "contribution": 10})
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)

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
finish()
