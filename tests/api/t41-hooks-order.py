"""t41-hooks-order.py: the webhooks against the forges' real behaviour (issue 16 item 8, issue 21
items 1-3): an item is changed only by the forge it belongs to; events are applied in the order
of their own time per item (an older one is 200 "stale"); GitLab deliveries are told apart by
Idempotency-Key, not X-Gitlab-Event-UUID; and legal payloads as large as the forges send are
taken.

Payloads: GitLab's documented Issue Hook (tests/fixtures/gitlab/) and octokit's published
issues.reopened example with its close (tests/fixtures/github/), changed only in the named
fields each check says."""
import copy
import functools
import hashlib
import hmac
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, ROOT, Recorder, Server, check, criteria_states, finish, poster  # noqa: E402

GL_SECRET = "gl-hook-secret-0123456789"
GH_SECRET = "gh-hook-secret-abcdefghij"
FIX = os.path.join(ROOT, "tests", "fixtures")


def load(*p):
    with open(os.path.join(FIX, *p), encoding="utf-8") as f:
        return json.load(f)


GL_CLOSE, GL_REOPEN = load("gitlab", "issue-close.json"), load("gitlab", "issue-reopen.json")
GH_CLOSED, GH_REOPENED = load("github", "issues-closed.json"), load("github", "issues-reopened.json")

srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
req = Recorder(srv)
post = poster(req, ada)


def gitlab(body, key=None, uuid=None, token=GL_SECRET):
    h = {"Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook"}
    if token is not None:
        h["X-Gitlab-Token"] = token
    if key:
        h["Idempotency-Key"] = key
    if uuid:
        h["X-Gitlab-Event-UUID"] = uuid
    return req("POST", "/hooks/gitlab", data=body if isinstance(body, bytes) else json.dumps(body).encode(), headers=h)


def github(body, delivery):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    h = {"Content-Type": "application/json", "X-GitHub-Event": "issues", "X-GitHub-Delivery": delivery,
         "X-Hub-Signature-256": "sha256=" + hmac.new(GH_SECRET.encode(), raw, hashlib.sha256).hexdigest()}
    return req("POST", "/hooks/github", data=raw, headers=h)


states = functools.partial(criteria_states, req, ada)


def gl_event(base, path, iid, url, updated_at=None):
    e = copy.deepcopy(base)
    e["project"]["path_with_namespace"] = path
    e["object_attributes"]["iid"] = iid
    e["object_attributes"]["url"] = url
    if updated_at:
        e["object_attributes"]["updated_at"] = updated_at
    return e


def gh_event(base, full_name, number, updated_at=None):
    e = copy.deepcopy(base)
    e["repository"]["full_name"] = full_name
    e["issue"]["number"] = number
    e["issue"]["html_url"] = "https://github.com/%s/issues/%d" % (full_name, number)
    if updated_at:
        e["issue"]["updated_at"] = updated_at
    return e


post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
O = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": "Integrations hold up"})["id"]
K = post("/api/v1/key-results", {"objective": O, "title": "Forges move it", "dri": "alex", "kind": "criteria"})["id"]
GL_URL = "https://gitlab.example.com/gitlabhq/gitlab-test/-/issues/23"
GL = "gitlabhq/gitlab-test#23"          # given as a GitLab URL: GitLab's, host gitlab.example.com
GH = "codertocat/hello-world#1"         # given as a GitHub URL: GitHub's
SHORT = "team/tool#5"                   # typed: both forges write it so
for ref in [GL_URL, "https://github.com/Codertocat/Hello-World/issues/1", SHORT, "gitlabhq/gitlab-test#7",
            "gitlabhq/gitlab-test#8", "gitlabhq/gitlab-test#9", "gitlabhq/gitlab-test#10"]:
    post("/api/v1/criteria", {"key_result": K, "ref": ref, "contribution": 10})
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
srv.okra("setting", "set", "github_webhook_secret", GH_SECRET)
check("setup: every criterion starts open", set(states().values()) == {"open"}, states())

# --- 1. an item is changed only by the forge it belongs to (issue 16 item 8) -------------------
r = github(gh_event(GH_CLOSED, "gitlabhq/gitlab-test", 23), "gh-cross-1")
check("a GitHub-signed close of gitlabhq/gitlab-test#23 does not close GitLab's criterion (202)",
      r.status == 202 and r.json["status"] == "ignored" and states()[GL] == "open", (r, states()))
check("... and says it belongs to another forge", "another forge" in r.json.get("note", ""), r)
r = gitlab(gl_event(GL_CLOSE, "codertocat/hello-world", 1, "https://github.com/Codertocat/Hello-World/issues/1"),
           key="gl-cross-1")
check("a GitLab event naming a GitHub URL does not close GitHub's criterion (202)",
      r.status == 202 and states()[GH] == "open", (r, states()))
r = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 23, "https://gitlab.other.example/gitlabhq/gitlab-test/-/issues/23"),
           key="gl-host-1")
check("a GitLab event from another GitLab host does not close the item given with gitlab.example.com (202)",
      r.status == 202 and states()[GL] == "open", (r, states()))
r = github(gh_event(GH_CLOSED, "team/tool", 5), "gh-short-1")
check("with both webhooks set, a typed owner/repo#N is GitLab's (hook_short_refs auto): GitHub's close is 202",
      r.status == 202 and states()[SHORT] == "open", (r, states()))
r = gitlab(gl_event(GL_CLOSE, "team/tool", 5, "http://example.com/team/tool/issues/5"), key="gl-short-1")
check("... and GitLab's close applies", r.status == 200 and states()[SHORT] == "closed", (r, states()))
srv.okra("setting", "set", "hook_short_refs", "github")
r = github(gh_event(GH_REOPENED, "team/tool", 5), "gh-short-2")
check("hook_short_refs github: GitHub's reopen of the typed ref applies", r.status == 200 and states()[SHORT] == "open",
      (r, states()))
r = gitlab(gl_event(GL_REOPEN, "team/tool", 5, "http://example.com/team/tool/issues/5", "2013-12-06T09:00:00Z"),
           key="gl-short-2")
check("... and GitLab's events of it no longer do (202)", r.status == 202, r)
r = github(gh_event(GH_CLOSED, "gitlabhq/gitlab-test", 23), "gh-cross-2")
check("... but the item given as a GitLab URL stays GitLab's whatever the setting", r.status == 202
      and states()[GL] == "open", (r, states()))
srv.okra("setting", "set", "hook_short_refs", "auto")
r = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 23, GL_URL), key="gl-own-1")
check("GitLab's own close of its item (its host) applies", r.status == 200 and r.json["status"] == "applied"
      and states()[GL] == "closed", (r, states()))

# A criterion given with the wrong forge's URL, removed and added again with the right one, is
# the right forge's; while another item carries the ref, the forge first recorded stays.
C = [c["id"] for c in post("/api/v1/criteria", {"key_result": K, "ref": "https://gitlab.example.com/acme/moved/-/issues/3",
                                                "contribution": 5})["criteria"] if c["ref"] == "acme/moved#3"][0]
r = req("DELETE", "/api/v1/criteria/%d" % C, auth=ada)
check("setup: the criterion given as a GitLab URL is removed", r.status == 204, r)
post("/api/v1/criteria", {"key_result": K, "ref": "https://github.com/acme/moved/issues/3", "contribution": 5})
r = github(gh_event(GH_CLOSED, "acme/moved", 3), "gh-moved-1")
check("added again as a GitHub URL, GitHub's close applies", r.status == 200 and states()["acme/moved#3"] == "closed",
      (r, states()))
K2 = post("/api/v1/key-results", {"objective": O, "title": "Another", "dri": "alex", "kind": "criteria"})["id"]
post("/api/v1/criteria", {"key_result": K2, "ref": "https://gitlab.example.com/acme/moved/-/issues/3",
                          "contribution": 5})
r = github(gh_event(GH_REOPENED, "acme/moved", 3), "gh-moved-2")
check("another item given the same ref as a GitLab URL does not take it from GitHub", r.status == 200
      and states()["acme/moved#3"] == "open", (r, states()))

# --- 2. events in the order of their own time, per item -----------------------------------------
r = gitlab(gl_event(GL_REOPEN, "gitlabhq/gitlab-test", 23, GL_URL), key="gl-own-2")
check("GitLab: the reopen (later updated_at) applies", r.status == 200 and states()[GL] == "open", (r, states()))
r = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 23, GL_URL), key="gl-own-late")
check("GitLab: the close delivered late, after the reopen that followed it, is 200 stale",
      r.status == 200 and r.json["status"] == "stale" and r.json["changed"] == 0, r)
check("... and the criterion stays open", states()[GL] == "open", states())

r = github(GH_CLOSED, "72d3162e-cc78-11e3-81ab-4c9367dc0958")
check("GitHub: the published close applies", r.status == 200 and states()[GH] == "closed", (r, states()))
r = github(GH_REOPENED, "72d3162e-cc78-11e3-81ab-4c9367dc0959")
check("GitHub: the published reopen applies", r.status == 200 and states()[GH] == "open", (r, states()))
raw = json.dumps(GH_CLOSED).encode()
r = github(raw, "a-new-delivery-id-for-a-captured-body")
check("GitHub: the captured close resent with a new X-GitHub-Delivery is 200 stale",
      r.status == 200 and r.json["status"] == "stale", r)
check("... and the reopened item stays open", states()[GH] == "open", states())
r = github(gh_event(GH_CLOSED, "Codertocat/Hello-World", 1, "2021-10-11T16:40:56Z"), "gh-same-second")
check("GitHub: a close as recent as the last event applies", r.status == 200 and states()[GH] == "closed", (r, states()))

# --- 3. GitLab deliveries: Idempotency-Key, not X-Gitlab-Event-UUID (issue 21 item 1) ------------
UUID = "9f7c2a10-0000-4000-8000-00000000abcd"
r1 = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 7, "http://example.com/gitlabhq/gitlab-test/issues/7"),
            key="idem-7", uuid=UUID)
r2 = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 8, "http://example.com/gitlabhq/gitlab-test/issues/8"),
            key="idem-8", uuid=UUID)
check("two different closes with one X-Gitlab-Event-UUID are both applied", r1.status == 200 and r2.status == 200
      and r2.json["status"] == "applied" and states()["gitlabhq/gitlab-test#7"] == "closed"
      and states()["gitlabhq/gitlab-test#8"] == "closed", (r1, r2, states()))
r = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 8, "http://example.com/gitlabhq/gitlab-test/issues/8"),
           key="idem-8", uuid="another-uuid-for-the-resend")
check("a resend (same Idempotency-Key, new Event-UUID) is a replay", r.status == 200 and r.json["status"] == "replay"
      and r.json["delivery"] == "gitlab:idem-8", r)
r1 = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 9, "http://example.com/gitlabhq/gitlab-test/issues/9"), uuid=UUID + "1")
r2 = gitlab(gl_event(GL_CLOSE, "gitlabhq/gitlab-test", 10, "http://example.com/gitlabhq/gitlab-test/issues/10"), uuid=UUID + "1")
check("without Idempotency-Key (GitLab before 17.4), two closes with one Event-UUID are both applied (body hash)",
      r1.status == 200 and r2.status == 200 and r2.json["status"] == "applied"
      and r2.json["delivery"].startswith("gitlab:sha256:"), (r1, r2))

# --- 4. large legal payloads (issue 21 item 3) ----------------------------------------------------
big = gl_event(GL_REOPEN, "gitlabhq/gitlab-test", 7, "http://example.com/gitlabhq/gitlab-test/issues/7")
big["object_attributes"]["description"] = "\u00e9\"" * (1048576 // 2)   # 1,048,576 characters, escaped to 4 MiB
raw = json.dumps(big).encode()
check("setup: the description is GitLab's maximum and the body over 4 MiB", len(raw) > 4 * 1024 * 1024, len(raw))
r = gitlab(raw, key="big-7")
check("GitLab: an issue event with a 1,048,576-character description is applied (not 413)",
      r.status == 200 and r.json["status"] == "applied" and states()["gitlabhq/gitlab-test#7"] == "open", (r, len(raw)))
r = gitlab(raw, key="big-7-unsigned", token="not-the-secret")
check("... the same body with a wrong token is 401 (its body is not kept)", r.status == 401, r)
huge = dict(big)
huge["pad"] = "x" * (25 * 1024 * 1024)
r = gitlab(json.dumps(huge).encode(), key="huge-7")
check("GitLab: a body over 25 MiB is 413", r.status == 413, r)
gh = copy.deepcopy(GH_REOPENED)
gh["issue"]["body"] = "x" * (1024 * 1024 + 10)
r = github(gh, "gh-big-1")
check("GitHub: a payload over 1 MiB is taken", r.status == 200, r)
gh["issue"]["body"] = "x" * (25 * 1024 * 1024)
r = github(gh, "gh-huge-1")
check("GitHub: a payload over 25 MiB is 413", r.status == 413, r)

srv.stop()
req.check_no_5xx("no webhook request answered 5xx")
finish()
