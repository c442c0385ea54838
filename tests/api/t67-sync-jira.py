"""t67-sync-jira.py: okra sync for Jira (issue 21 item 8): the open items named by Jira keys are
asked of Jira's REST API v3 (POST /rest/api/3/search/jql, jql "key in (…)", fields status,
resolution, updated), with Basic authentication (jira_api_email:jira_api_token), page after page
by nextPageToken, waiting out a 429's Retry-After; a close no webhook delivered is applied as the
webhook would (status category done; Won't Do is not planned), and a second run changes nothing.

Jira cannot run here: a local HTTP server on 127.0.0.1 (forge_server.py) answers in the
documented shape of the enhanced search (SearchAndReconcileResults: issues, nextPageToken —
absent or null on the last page — and isLast), each issue as Jira's REST API gives one (id, key,
self, fields with status and its statusCategory, resolution, updated). Jira refuses a whole query that names a key it does
not have (400 with errorMessages): okra then asks the keys one by one."""
import base64
import functools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from forge_server import ForgeServer, criteria_kr  # noqa: E402
from forge_server import sync as okra_sync  # noqa: E402
from lib import ADMIN_PW, Server, check, criteria_states, finish, poster  # noqa: E402

EMAIL = "okra-bot@example.com"
TOKEN = "ATATT3xFfGF0-test-token-0123456789"
SEARCH = "/jira/rest/api/3/search/jql"
SITE = "https://your-domain.atlassian.net"
CAT = {"done": {"id": 3, "key": "done", "colorName": "green", "name": "Done"},
       "indeterminate": {"id": 4, "key": "indeterminate", "colorName": "yellow", "name": "In Progress"}}


def issue(key, status, category, resolution=None, updated="2026-08-04T10:00:00.000+0000"):
    n = int(key.split("-")[1])
    cat = dict(CAT[category], self=SITE + "/rest/api/3/statuscategory/%d" % CAT[category]["id"])
    return {"expand": "", "id": str(10000 + n), "key": key, "self": SITE + "/rest/api/3/issue/%d" % (10000 + n),
            "fields": {"status": {"self": SITE + "/rest/api/3/status/1", "name": status, "id": "1",
                                  "statusCategory": cat},
                       "resolution": {"self": SITE + "/rest/api/3/resolution/1", "id": "1", "name": resolution,
                                      "description": ""} if resolution else None,
                       "updated": updated}}


JIRA = {
    "PROJ-1": issue("PROJ-1", "Done", "done", "Done"),
    "PROJ-2": issue("PROJ-2", "In Progress", "indeterminate"),
    "PROJ-3": issue("PROJ-3", "Done", "done", "Won't Do"),
    "OPS-4": issue("OPS-4", "Closed", "done", "Done"),
    "GONE-10": issue("GONE-10", "Done", "done", "Done"),
}


class Jira(ForgeServer):
    """The enhanced search: PROJ's answer comes in two pages; a query naming an unknown key is a
    400."""

    def answer(self, path, body):
        if path != SEARCH:
            return 404, {}, {"errorMessages": ["not found"]}
        jql = body.get("jql", "")
        keys = [k.strip() for k in jql[jql.index("(") + 1:jql.rindex(")")].split(",")]
        for k in keys:
            if k not in JIRA:
                return 400, {}, {"errorMessages": ["An issue with key '%s' does not exist for field 'key'." % k],
                                 "warningMessages": []}
        found = [JIRA[k] for k in keys]
        if keys and keys[0].startswith("PROJ-") and len(found) > 1:
            if body.get("nextPageToken") == "EgQIlMIC":
                return 200, {}, {"issues": found[2:], "isLast": True}
            return 200, {}, {"issues": found[:2], "nextPageToken": "EgQIlMIC", "isLast": False}
        return 200, {}, {"issues": found, "nextPageToken": None, "isLast": True}

    def base(self, prefix="/jira"):
        return super().base(prefix)


jira = Jira()
srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
post = poster(srv.req, ada)
states = functools.partial(criteria_states, srv.req, ada)
sync = functools.partial(okra_sync, srv)
K = criteria_kr(post, "Jira and okra agree", "Issues done")
for ref in ("PROJ-1", "proj-2", "PROJ-3", jira.base() + "/browse/OPS-4", "GONE-9", "GONE-10",
            "https://elsewhere.atlassian.net/browse/FAR-5"):
    post("/api/v1/criteria", {"key_result": K, "ref": ref, "contribution": 5})
srv.okra("setting", "set", "jira_api_url", jira.base())

rc, out, err = sync("--forge", "jira")
check("--forge jira without jira_api_token: one line on stderr, exit 1",
      rc == 1 and "jira_api_token" in err and len(err.strip().splitlines()) == 1, (rc, out, err))
srv.okra("setting", "set", "jira_api_token", TOKEN)
rc, out, err = sync()
check("a token without jira_api_email: one line naming it, exit 1, Jira not asked",
      rc == 1 and "jira_api_email" in err and len(err.strip().splitlines()) == 1 and not jira.seen, (rc, out, err))
srv.okra("setting", "set", "jira_api_email", EMAIL)
srv.okra("setting", "set", "jira_api_url", "")
rc, out, err = sync()
check("a token without jira_api_url (Jira has no default site): one line naming it, exit 1",
      rc == 1 and "jira_api_url" in err and len(err.strip().splitlines()) == 1 and not jira.seen, (rc, out, err))
srv.okra("setting", "set", "jira_api_url", jira.base())

before = srv.digest()
rc, out, err = sync("--dry-run")
check("--dry-run says it would close PROJ-1 and changes nothing",
      rc == 0 and "would close PROJ-1" in out and srv.digest() == before, (rc, out, err))

jira.queue(SEARCH, (429, {"Retry-After": "1"}, {"errorMessages": ["Rate limit exceeded."]}))
n0 = len(jira.seen)
rc, out, err = sync()
s = states()
check("okra sync exits 0", rc == 0, (rc, out, err))
check("PROJ-1, Done in Jira with no webhook, is closed", s["PROJ-1"] == "closed" and "closed PROJ-1 (jira: Done)" in out,
      (s, out))
check("PROJ-2, In Progress, stays open", s["PROJ-2"] == "open", s)
check("PROJ-3 on the second page (nextPageToken) is resolved Won't Do: not planned, left open and said",
      s["PROJ-3"] == "open" and "left open PROJ-3" in out, (s, out))
proj = [b for (p, b, h) in jira.seen[n0:] if "PROJ-1" in b.get("jql", "")]
check("PROJ's keys are asked in one query, its second page with the token",
      len(proj) >= 2 and proj[0]["jql"] == "key in (PROJ-1,PROJ-2,PROJ-3)"
      and proj[-1].get("nextPageToken") == "EgQIlMIC"
      and sorted(proj[0]["fields"]) == ["resolution", "status", "updated"], proj)
check("OPS-4, given as an address on the configured site (with its context path), is closed after the 429",
      s["OPS-4"] == "closed", (s, out))
check("a query naming a key Jira does not have (400) is asked key by key: GONE-10 is closed",
      s["GONE-10"] == "closed", (s, out))
check("... and GONE-9 is reported as not found, left as it is",
      s["GONE-9"] == "open" and "not found GONE-9" in out, (s, out))
check("an item given on another Jira site is not asked", "not asked FAR-5" in out and s["FAR-5"] == "open", out)
check("the summary counts three closes", "3 closed" in out.splitlines()[-1], out)
auth = jira.seen[-1][2].get("Authorization", "")
check("Jira is asked with Basic authentication of email:token",
      auth == "Basic " + base64.b64encode(("%s:%s" % (EMAIL, TOKEN)).encode()).decode(), auth)
check("... and JSON bodies", jira.seen[-1][2].get("Content-Type") == "application/json", jira.seen[-1][2])

rc, out, err = sync()
check("a second run changes nothing", rc == 0 and "0 closed" in out.splitlines()[-1] and states() == s, (rc, out))

jira.queue(SEARCH, (500, {}, {"errorMessages": ["Internal server error"]}))
srv.okra("criterion", "reopen", "PROJ-1")
rc, out, err = sync()
check("a 500 from Jira: one line on stderr, exit 1, nothing changed",
      rc == 1 and "jira" in err and len(err.strip().splitlines()) == 1 and states()["PROJ-1"] == "open", (rc, out, err))

srv.stop()
finish()
