"""t66-hooks-jira.py: Jira (issue 21 item 8): refs PROJ-123 and …/browse/PROJ-123 as criteria, and
POST /hooks/jira — signed as Jira Cloud signs an admin webhook with a secret (X-Hub-Signature:
sha256= and the hex HMAC-SHA256 of the body), acting on jira:issue_updated when the status category
becomes or leaves done, in the order of the events' own timestamp, once per
X-Atlassian-Webhook-Identifier.

Payload: Atlassian's documented issue-update callback (tests/fixtures/jira/issue-updated.json),
posted as published and otherwise changed only in the fields each event names below."""
import copy
import functools
import hashlib
import hmac
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, ROOT, Recorder, Server, check, criteria_states, finish, poster  # noqa: E402

SECRET = "jira-hook-secret-0123456789"
SITE = "https://your-domain.atlassian.net"
with open(os.path.join(ROOT, "tests", "fixtures", "jira", "issue-updated.json"), encoding="utf-8") as f:
    RAW = f.read()
DOC = json.loads(RAW)

# Jira's documented signature: the page's own example (secret, payload, header) is what this test signs with.
check("the test signs as Jira documents it (its example's secret and payload give its header)",
      hmac.new(b"It's a Secret to Everybody", b"Hello World!", hashlib.sha256).hexdigest()
      == "a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9")

# Statuses as Jira's REST API gives them (issue.fields.status): a status and its category.
DONE = {"self": SITE + "/rest/api/2/status/10001", "name": "Done", "id": "10001",
        "statusCategory": {"self": SITE + "/rest/api/2/statuscategory/3", "id": 3, "key": "done",
                           "colorName": "green", "name": "Done"}}
IN_PROGRESS = {"self": SITE + "/rest/api/2/status/3", "name": "In Progress", "id": "3",
               "statusCategory": {"self": SITE + "/rest/api/2/statuscategory/4", "id": 4, "key": "indeterminate",
                                  "colorName": "yellow", "name": "In Progress"}}


def event(key, status, resolution, timestamp, site=SITE, webhook="jira:issue_updated"):
    """The documented callback with: issue.key, issue.self's site, issue.fields.status and .resolution,
    changelog.items (one status change to the new status), timestamp and webhookEvent."""
    e = copy.deepcopy(DOC)
    e["issue"]["key"] = key
    e["issue"]["self"] = site + "/rest/api/2/issue/99291"
    e["issue"]["fields"]["status"] = status
    e["issue"]["fields"]["resolution"] = {"name": resolution} if resolution else None
    old = IN_PROGRESS if status is DONE else DONE
    e["changelog"]["items"] = [{"field": "status", "fieldtype": "jira", "fieldId": "status", "from": old["id"],
                                "fromString": old["name"], "to": status["id"], "toString": status["name"]}]
    e["timestamp"] = timestamp
    e["webhookEvent"] = webhook
    return e


srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
req = Recorder(srv)
post = poster(req, ada)


def jira(body, ident=None, secret=SECRET, sig=None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    h = {"Content-Type": "application/json"}
    if ident:
        h["X-Atlassian-Webhook-Identifier"] = ident
    if sig is None and secret is not None:
        sig = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    if sig is not None:
        h["X-Hub-Signature"] = sig
    return req("POST", "/hooks/jira", data=raw, headers=h)


states = functools.partial(criteria_states, req, ada)


def problem(what, r, status):
    check(what, r.status == status and r.ctype == "application/problem+json", r)


post("/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"})
O = post("/api/v1/objectives", {"cycle": "FY2027-Q3", "dri": "alex", "title": "Jira moves it"})["id"]
K = post("/api/v1/key-results", {"objective": O, "title": "Issues done", "dri": "alex", "kind": "criteria"})["id"]

# --- refs: PROJ-123 and Jira addresses, through the API and the CLI ------------------------------
refs = {}
for given in ["jra-20002", SITE + "/browse/PROJ-7", "https://jira.example.com/jira/browse/PROJ-8/", "PROJ-9"]:
    c = post("/api/v1/criteria", {"key_result": K, "ref": given, "contribution": 10})
    refs[given] = c
check("a typed key is kept in upper case and an address becomes its key",
      set(states()) == {"JRA-20002", "PROJ-7", "PROJ-8", "PROJ-9"}, states())
r = req("POST", "/api/v1/criteria", {"key_result": K, "ref": "P-1", "contribution": 5}, auth=ada)
check("a one-letter project key is refused (422) naming the Jira form",
      r.status == 422 and "PROJ-123" in r.json.get("detail", ""), r)
r = req("POST", "/api/v1/criteria", {"key_result": K, "ref": "PROJ-1-2", "contribution": 5}, auth=ada)
check("a malformed key is refused (422)", r.status == 422, r)
srv.okra("criterion", "add", str(K), "--ref", "cli-10", "--contribution", "5")
check("the CLI takes a key too (cli-10 -> CLI-10)", states().get("CLI-10") == "open", states())

# --- the webhook is off until its secret is set --------------------------------------------------
problem("with jira_webhook_secret unset the webhook is 401 problem+json",
        jira(event("JRA-20002", DONE, "Done", 1606480436302), "off-1"), 401)
srv.okra("setting", "set", "jira_webhook_secret", SECRET)

# --- the documented example: a summary and type change, no status: nothing to do ---------------
r = jira(RAW.encode(), "doc-1")
check("Atlassian's documented issue-update callback, as published, is 202 ignored (no status change)",
      r.status == 202 and r.json["status"] == "ignored" and "status" in r.json["note"], r)
check("... and the criterion stays open", states()["JRA-20002"] == "open", states())

# --- close, retry, reopen, stale -----------------------------------------------------------------
T = 1606480436302
r = jira(event("JRA-20002", DONE, "Done", T + 60000), "d-close-1")
check("moved to Done (status category done) closes JRA-20002 (200 applied)",
      r.status == 200 and r.json["status"] == "applied" and r.json["changed"] >= 1
      and r.json["delivery"] == "jira:d-close-1" and states()["JRA-20002"] == "closed", (r, states()))
r = jira(event("JRA-20002", DONE, "Done", T + 60000), "d-close-1")
check("Jira's retry (same X-Atlassian-Webhook-Identifier) is 200 replay, nothing changed",
      r.status == 200 and r.json["status"] == "replay" and r.json["changed"] == 0, r)
r = jira(event("JRA-20002", IN_PROGRESS, None, T + 120000), "d-reopen-1")
check("moved back to In Progress (leaves done) reopens it (200 applied)",
      r.status == 200 and r.json["status"] == "applied" and states()["JRA-20002"] == "open", (r, states()))
r = jira(event("JRA-20002", DONE, "Done", T + 90000), "d-close-late")
check("a close older than the reopen, delivered late, is 200 stale",
      r.status == 200 and r.json["status"] == "stale" and r.json["changed"] == 0, r)
check("... and the criterion stays open", states()["JRA-20002"] == "open", states())
r = jira(event("JRA-20002", IN_PROGRESS, None, T + 180000), "d-open-again")
check("a status change that stays out of done leaves an open item as it is (applied, 0 changed)",
      r.status == 200 and r.json["changed"] == 0 and states()["JRA-20002"] == "open", r)

# --- not planned follows the forges' setting ----------------------------------------------------
r = jira(event("PROJ-9", DONE, "Won't Do", T), "np-1")
check("resolved as Won't Do: 202 ignored while github_not_planned is ignore",
      r.status == 202 and "github_not_planned" in r.json["note"] and states()["PROJ-9"] == "open", (r, states()))
srv.okra("setting", "set", "github_not_planned", "done")
r = jira(event("PROJ-9", DONE, "Duplicate", T + 1000), "np-2")
check("resolved as Duplicate with github_not_planned done: closed",
      r.status == 200 and states()["PROJ-9"] == "closed", (r, states()))
srv.okra("setting", "set", "github_not_planned", "ignore")

# --- the site: an item given as an address is its site's ---------------------------------------
r = jira(event("PROJ-7", DONE, "Done", T, site="https://other.atlassian.net"), "site-1")
check("PROJ-7 (given on your-domain.atlassian.net) is not closed by another site's event (202)",
      r.status == 202 and "another" in r.json["note"] and states()["PROJ-7"] == "open", (r, states()))
r = jira(event("PROJ-7", DONE, "Done", T), "site-2")
check("... its own site's event closes it", r.status == 200 and states()["PROJ-7"] == "closed", (r, states()))
r = jira(event("PROJ-8", DONE, "Done", T, site="https://jira.example.com/jira"), "site-3")
check("a self-hosted site under a context path (jira.example.com/jira) closes its PROJ-8",
      r.status == 200 and states()["PROJ-8"] == "closed", (r, states()))
r = jira(event("PROJ-8", IN_PROGRESS, None, T + 1000, site="https://jira.example.com"), "site-4")
check("... but not the same host without the context path (202)",
      r.status == 202 and states()["PROJ-8"] == "closed", (r, states()))

# --- created, deleted and other events -----------------------------------------------------------
r = jira(event("CLI-10", DONE, "Done", T, webhook="jira:issue_created"), "created-1")
check("jira:issue_created already done closes it", r.status == 200 and states()["CLI-10"] == "closed", (r, states()))
r = jira(event("CLI-10", IN_PROGRESS, None, T + 5000, webhook="jira:issue_deleted"), "deleted-1")
check("jira:issue_deleted is 202 ignored", r.status == 202 and r.json["status"] == "ignored"
      and states()["CLI-10"] == "closed", (r, states()))
other = copy.deepcopy(DOC)
other["webhookEvent"] = "comment_created"
r = jira(other, "comment-1")
check("another event (comment_created) is 202 ignored", r.status == 202 and r.json["status"] == "ignored", r)
r = jira(event("NOPE-1", DONE, "Done", T), "unknown-1")
check("an issue no criterion names is 202 ignored", r.status == 202 and "no criterion" in r.json["note"], r)
r = jira(event("grp/proj/-/issues/2", DONE, "Done", T), "not-a-key-1")
check("an issue.key that is no key (a GitLab issue's path) names nothing, not a GitLab address (fuzz_jira)",
      r.status == 202 and "no criterion" in r.json["note"], r)
r = jira(event("PROJ-9", IN_PROGRESS, None, T + 9000))
check("without X-Atlassian-Webhook-Identifier the delivery is the body's hash",
      r.status == 200 and r.json["delivery"].startswith("jira:sha256:") and states()["PROJ-9"] == "open", r)

# --- refusals ------------------------------------------------------------------------------------
body = json.dumps(event("PROJ-9", DONE, "Done", T + 20000)).encode()
problem("a wrong secret is 401 problem+json", jira(body, "bad-1", secret="not-the-secret-at-all"), 401)
problem("no X-Hub-Signature is 401 problem+json", jira(body, "bad-2", secret=None), 401)
problem("GitHub's header form without sha256= is 401",
        jira(body, "bad-3", sig=hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()), 401)
problem("a signature of another body is 401",
        jira(body, "bad-4", sig="sha256=" + hmac.new(SECRET.encode(), body + b" ", hashlib.sha256).hexdigest()), 401)
check("... and none of them changed anything", states()["PROJ-9"] == "open", states())
problem("a signed body that is not JSON is 400 problem+json", jira(b'{"webhookEvent": "jira:issue_up', "bad-5"), 400)
problem("a signed JSON array is 400", jira(b"[1, 2]", "bad-6"), 400)
nokey = event("PROJ-9", DONE, "Done", T + 20000)
del nokey["issue"]["key"]
problem("an issue event without issue.key is 400", jira(nokey, "bad-7"), 400)
badts = event("PROJ-9", DONE, "Done", "yesterday")
problem("a timestamp that is not milliseconds is 400", jira(badts, "bad-8"), 400)
r = jira(event("PROJ-9", DONE, "Done", T + 20000), "bad-5")
check("a delivery refused before (400) is applied when it comes right", r.status == 200
      and states()["PROJ-9"] == "closed", (r, states()))

# --- large legal payloads ------------------------------------------------------------------------
big = event("PROJ-9", IN_PROGRESS, None, T + 30000)
big["issue"]["fields"]["description"] = "\u00e9\"" * (1024 * 1024)
r = jira(big, "big-1")
check("a signed payload over 4 MiB is taken", r.status == 200 and states()["PROJ-9"] == "open", r)

# --- pages link a key to its site ------------------------------------------------------------------
srv.okra("setting", "set", "jira_api_url", "https://acme.atlassian.net/")
page = req("GET", "/objectives/%d" % O, auth=ada)
html = page.body.decode()
check("the objective page links PROJ-7 to the site it was given on",
      'href="https://your-domain.atlassian.net/browse/PROJ-7"' in html, html[:200])
check("... PROJ-8 to its self-hosted site and context path",
      'href="https://jira.example.com/jira/browse/PROJ-8"' in html, html[:200])
check("... and a typed key under jira_api_url", 'href="https://acme.atlassian.net/browse/JRA-20002"' in html,
      html[:200])

srv.stop()
req.check_no_5xx()
finish()
