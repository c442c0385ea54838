"""t67-hooks-large.py: webhook bodies up to 25 MiB on every hook route (issue 21 item 3). GitLab
sends an issue's whole description (up to 1,048,576 characters, more once escaped) with every
event, and GitHub caps its deliveries at 25 MB: a 20 MiB GitLab issue close (secret token), the
same signed with a signing token, and a 20 MiB signed GitHub issues close are applied; a body of
26 MiB is 413 application/problem+json on each, and changes nothing.

Payloads: GitLab's documented Issue Hook (tests/fixtures/gitlab/issue-close.json) with
object_attributes.description padded, and octokit's issues example
(tests/fixtures/github/issues-closed.json) with issue.body padded (see the fixtures' READMEs)."""
import base64
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
KEY = bytes(range(32))
SIGNING = "whsec_" + base64.b64encode(KEY).decode()
FIX = os.path.join(ROOT, "tests", "fixtures")
MiB = 1024 * 1024


def load(*p):
    with open(os.path.join(FIX, *p), encoding="utf-8") as f:
        return json.load(f)


GL_CLOSE = load("gitlab", "issue-close.json")
GH_CLOSED = load("github", "issues-closed.json")

srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()


post = poster(srv.req, ada)


states = functools.partial(criteria_states, srv.req, ada)


def gitlab_issue(iid, size):
    e = copy.deepcopy(GL_CLOSE)
    e["object_attributes"]["iid"] = iid
    e["object_attributes"]["url"] = "http://example.com/diaspora/issues/%d" % iid
    e["object_attributes"]["description"] = ""
    raw = json.dumps(e).encode()
    e["object_attributes"]["description"] = "x" * (size - len(raw))
    raw = json.dumps(e).encode()
    assert len(raw) >= size
    return raw


def github_issue(number, size):
    e = copy.deepcopy(GH_CLOSED)
    e["issue"]["number"] = number
    e["issue"]["html_url"] = "https://github.com/Codertocat/Hello-World/issues/%d" % number
    e["issue"]["body"] = ""
    raw = json.dumps(e).encode()
    e["issue"]["body"] = "x" * (size - len(raw))
    raw = json.dumps(e).encode()
    assert len(raw) >= size
    return raw


def gitlab(raw, key):
    return srv.req("POST", "/hooks/gitlab", data=raw, headers={
        "Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook", "X-Gitlab-Token": GL_SECRET,
        "Idempotency-Key": key})


def gitlab_signed(raw, wid, ts="1765000000"):
    sig = "v1," + base64.b64encode(hmac.new(KEY, b"%s.%s." % (wid.encode(), ts.encode()) + raw,
                                            hashlib.sha256).digest()).decode()
    return srv.req("POST", "/hooks/gitlab", data=raw, headers={
        "Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook", "webhook-id": wid,
        "webhook-timestamp": ts, "webhook-signature": sig})


def github(raw, delivery):
    return srv.req("POST", "/hooks/github", data=raw, headers={
        "Content-Type": "application/json", "X-GitHub-Event": "issues", "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": "sha256=" + hmac.new(GH_SECRET.encode(), raw, hashlib.sha256).hexdigest()})


post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
O = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": "Large deliveries land"})["id"]
K = post("/api/v1/key-results", {"objective": O, "title": "Closed", "dri": "alex", "kind": "criteria"})["id"]
for ref in ("gitlabhq/gitlab-test#31", "gitlabhq/gitlab-test#32", "gitlabhq/gitlab-test#33",
            "https://github.com/Codertocat/Hello-World/issues/41", "https://github.com/Codertocat/Hello-World/issues/42"):
    post("/api/v1/criteria", {"key_result": K, "ref": ref, "contribution": 5})
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
srv.okra("setting", "set", "gitlab_webhook_signing_token", SIGNING)
srv.okra("setting", "set", "github_webhook_secret", GH_SECRET)

r = gitlab(gitlab_issue(31, 20 * MiB), "big-31")
check("GitLab: a 20 MiB issue close (description padded, secret token) is applied",
      r.status == 200 and r.json["status"] == "applied" and states()["gitlabhq/gitlab-test#31"] == "closed", r)
r = gitlab_signed(gitlab_issue(32, 20 * MiB), "big-32")
check("GitLab: a 20 MiB signed issue close (signing token) is applied",
      r.status == 200 and r.json["status"] == "applied" and states()["gitlabhq/gitlab-test#32"] == "closed", r)
r = github(github_issue(41, 20 * MiB), "big-41")
check("GitHub: a 20 MiB signed issues close (body padded) is applied",
      r.status == 200 and r.json["status"] == "applied" and states()["codertocat/hello-world#41"] == "closed", r)

before = srv.digest()
for name, r in (("GitLab (secret token)", gitlab(gitlab_issue(33, 26 * MiB), "huge-33")),
                ("GitLab (signed)", gitlab_signed(gitlab_issue(33, 26 * MiB), "huge-33s")),
                ("GitHub (signed)", github(github_issue(42, 26 * MiB), "huge-42"))):
    check("%s: a 26 MiB body is 413 problem+json" % name,
          r.status == 413 and (r.header("Content-Type") or "").startswith("application/problem+json")
          and "25 MiB" in r.json.get("detail", ""), r)
check("the refused bodies changed nothing", srv.digest() == before)
srv.stop()
finish()
