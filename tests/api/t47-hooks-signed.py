"""t47-hooks-signed.py: GitLab's signed webhooks (issue 21 item 4). With a signing token (the
setting gitlab_webhook_signing_token, whsec_ and a 32-byte key in base64, as GitLab gives it)
GitLab sends webhook-id (its Idempotency-Key), webhook-timestamp and webhook-signature: "v1," and
the base64 HMAC-SHA256 of "ID.TIMESTAMP.BODY" (the Standard Webhooks form). Either configured
credential authenticates a delivery: the secret token (X-Gitlab-Token) or a signature that holds;
a wrong, missing or replayed signature, or one over a changed body, changes nothing.

Payload: GitLab's documented Issue Hook (tests/fixtures/gitlab/issue-close.json, issue-reopen.json)."""
import base64
import hashlib
import hmac
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, ROOT, Server, check, criteria_states, finish, poster  # noqa: E402

KEY = bytes(range(32))
SIGNING = "whsec_" + base64.b64encode(KEY).decode()
GL_SECRET = "gl-hook-secret-0123456789"
FIX = os.path.join(ROOT, "tests", "fixtures", "gitlab")


def load(name):
    with open(os.path.join(FIX, name), encoding="utf-8") as f:
        return json.load(f)


CLOSE, REOPEN = load("issue-close.json"), load("issue-reopen.json")
REF = "gitlabhq/gitlab-test#23"

srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()


post = poster(srv.req, ada)


def sign(wid, ts, raw, key=KEY):
    return "v1," + base64.b64encode(hmac.new(key, b"%s.%s." % (wid.encode(), ts.encode()) + raw,
                                             hashlib.sha256).digest()).decode()


def signed(body, wid, ts="1765000000", signature=None, token=None, raw=None):
    raw = raw if raw is not None else json.dumps(body).encode()
    h = {"Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook", "webhook-id": wid,
         "webhook-timestamp": ts, "webhook-signature": signature if signature is not None else sign(wid, ts, raw)}
    if token:
        h["X-Gitlab-Token"] = token
    return srv.req("POST", "/hooks/gitlab", data=raw, headers=h)


def state():
    return criteria_states(srv.req, ada)[REF]


post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
O = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": "Signed hooks"})["id"]
K = post("/api/v1/key-results", {"objective": O, "title": "Issues closed", "dri": "alex", "kind": "criteria"})["id"]
post("/api/v1/criteria", {"key_result": K, "ref": REF, "contribution": 50})

r = signed(CLOSE, "wh-0")
check("no signing token set: a signed delivery is 401", r.status == 401 and state() == "open", r)
srv.okra("setting", "set", "gitlab_webhook_signing_token", SIGNING)
r = srv.req("GET", "/api/v1/settings", auth=ada)
check("the signing token is never shown", SIGNING not in r.body.decode() and KEY.hex() not in r.body.decode(), r)

r = signed(CLOSE, "wh-1", signature=sign("wh-1", "1765000000", b"{}"))
check("a signature over another body is 401, nothing changes", r.status == 401 and state() == "open", r)
r = signed(CLOSE, "wh-1", signature="v1," + base64.b64encode(b"\0" * 32).decode())
check("a wrong signature is 401", r.status == 401 and state() == "open", r)
r = signed(CLOSE, "wh-1", signature=sign("wh-1", "1765000000", json.dumps(CLOSE).encode(), key=b"another key"))
check("a signature with another key is 401", r.status == 401 and state() == "open", r)
r = signed(CLOSE, "wh-1", signature="v1,not base64!")
check("a signature that is not base64 is 401", r.status == 401, r)
r = signed(CLOSE, "wh-1", ts="1765000001", signature=sign("wh-1", "1765000000", json.dumps(CLOSE).encode()))
check("a signature made for another timestamp is 401", r.status == 401 and state() == "open", r)
r = srv.req("POST", "/hooks/gitlab", data=json.dumps(CLOSE).encode(),
            headers={"Content-Type": "application/json", "webhook-id": "wh-1"})
check("neither a token nor a signature is 401", r.status == 401, r)

raw = json.dumps(CLOSE).encode()
r = signed(CLOSE, "wh-1", signature="v1,AAAA " + sign("wh-1", "1765000000", raw))
check("a signed close (no X-Gitlab-Token) is applied; one of several signatures holding is enough",
      r.status == 200 and r.json["status"] == "applied" and state() == "closed", r)
check("... the delivery is its webhook-id (GitLab's Idempotency-Key)", r.json.get("delivery") == "gitlab:wh-1", r)
r = signed(CLOSE, "wh-1")
check("the same webhook-id again is a replay", r.status == 200 and r.json["status"] == "replay", r)
r = signed(REOPEN, "wh-2", token="not-the-secret")
check("a wrong X-Gitlab-Token beside a right signature: the signature authenticates",
      r.status == 200 and state() == "open", r)
srv.okra("setting", "set", "gitlab_webhook_secret", GL_SECRET)
LATER = dict(CLOSE, object_attributes=dict(CLOSE["object_attributes"], updated_at="2013-12-06T00:00:00Z"))
r = signed(LATER, "wh-3", signature="v1," + base64.b64encode(b"\0" * 32).decode(), token=GL_SECRET)
check("the right X-Gitlab-Token beside a wrong signature: the token authenticates (either one)",
      r.status == 200 and state() == "closed", r)
r = signed(REOPEN, "wh-4", signature="v1," + base64.b64encode(b"\0" * 32).decode(), token="nope")
check("both wrong: 401", r.status == 401 and state() == "closed", r)
big = dict(CLOSE, object_attributes=dict(CLOSE["object_attributes"], description="x" * (26 * 1024 * 1024)))
r = signed(big, "wh-big")
check("a signed body over 25 MiB (kept unauthenticated until checked) is 413", r.status == 413, r)
finish()
