"""t65-sync.py: okra sync (issue 21 item 7) repairs the closes no webhook delivered, asking the
forges' REST APIs for every open item okra tracks and applying what changed as a webhook would
(the same audit, source integration, stale rule and not-planned setting).

GitLab and GitHub cannot run here: a local HTTP server on 127.0.0.1 (forge_server.py) answers
in their documented shapes (tests/fixtures/gitlab/api-*.json from GitLab's API documentation,
GitHub's issue object from tests/fixtures/github/issues-closed.json; see the fixtures' READMEs),
with the fields each case names changed. Cases: a GitLab issue closed, a GitLab merge request
merged, an epic closed, a GitHub issue closed, a GitHub pull request merged and one closed
without a merge (not planned: left open by default); a dry run first changes nothing; a second
run changes nothing; GitLab's pages (X-Next-Page, Link) are all read; a rate limit (GitLab 429
Retry-After, GitHub 403 with X-RateLimit-Remaining 0) is waited out; a 500 and a garbage answer
are one line on stderr, exit 1, nothing changed; an item given on another host is not asked;
the daily run inside okra serve."""
import copy
import functools
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from forge_server import ForgeServer, criteria_kr  # noqa: E402
from forge_server import sync as okra_sync  # noqa: E402
from lib import ADMIN_PW, ROOT, Server, check, criteria_states, finish, poster  # noqa: E402

FIX = os.path.join(ROOT, "tests", "fixtures")
GL_TOKEN = "glpat-test-token-0123456789"
GH_TOKEN = "ghp_test_token_abcdefghijklmnop"


def load(*path):
    with open(os.path.join(FIX, *path), encoding="utf-8") as f:
        return json.load(f)


GL_ISSUE = load("gitlab", "api-issues.json")[0]
GL_MR = load("gitlab", "api-merge-requests.json")[0]
GL_EPIC = load("gitlab", "api-epics.json")[0]
GH_ISSUE = load("github", "issues-closed.json")["issue"]


def gl_issue(iid, state, updated, moved=None):
    e = copy.deepcopy(GL_ISSUE)
    e.update(iid=iid, project_id=42, state=state, updated_at=updated, moved_to_id=moved,
             closed_at=updated if state == "closed" else None)
    return e


def gl_mr(iid, state, updated):
    e = copy.deepcopy(GL_MR)
    e.update(iid=iid, project_id=42, state=state, updated_at=updated,
             merged_at=updated if state == "merged" else None, closed_at=updated if state == "closed" else None)
    return e


def gl_epic(iid, state, updated):
    e = copy.deepcopy(GL_EPIC)
    e.update(iid=iid, state=state, updated_at=updated, closed_at=updated if state == "closed" else None)
    return e


NOT_PR = object()


def gh_issue(number, state, updated, reason=None, pr=NOT_PR):
    e = copy.deepcopy(GH_ISSUE)
    e.update(number=number, state=state, updated_at=updated, state_reason=reason,
             closed_at=updated if state == "closed" else None)
    if pr is not NOT_PR:
        base = "https://api.github.com/repos/Codertocat/Hello-World/pulls/%d" % number
        e["pull_request"] = {"url": base, "html_url": "https://github.com/Codertocat/Hello-World/pull/%d" % number,
                             "diff_url": base + ".diff", "patch_url": base + ".patch", "merged_at": pr}
    return e


forge = ForgeServer()
srv = Server(now="2026-08-05")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
post = poster(srv.req, ada)
states = functools.partial(criteria_states, srv.req, ada)
sync = functools.partial(okra_sync, srv)
K = criteria_kr(post, "Nothing lost between the forge and okra", "Work closed")

# GitLab's own notations (a subgroup's project, a merge request, an epic) are GitLab's; owner/repo#N
# is GitHub's by the setting hook_short_refs.
P = "gitlab-org/sub/gitlab-test"
GI23, GI24, GI25, GI26 = P + "#23", P + "#24", P + "#25", P + "#26"
GMR = P + "!1"
GEP = "gitlab-org&4"
HI1, HPR2, HPR3, HI4, HI9 = ("codertocat/hello-world#%d" % n for n in (1, 2, 3, 4, 9))
ELSEWHERE = "https://gitlab.example.com/other/thing/-/issues/7"
for ref in (GI23, GI24, GI25, GI26, GMR, GEP, HI1, HPR2, HPR3, HI9, ELSEWHERE):
    post("/api/v1/criteria", {"key_result": K, "ref": ref, "contribution": 5})
srv.okra("setting", "set", "hook_short_refs", "github")
srv.okra("setting", "set", "gitlab_api_url", forge.base("/api/v4"))
srv.okra("setting", "set", "github_api_url", forge.base("/gh"))

# --- the forges' state: what no webhook delivered ---------------------------------------------------
ISSUES = "/api/v4/projects/gitlab-org%2Fsub%2Fgitlab-test/issues"
MRS = "/api/v4/projects/gitlab-org%2Fsub%2Fgitlab-test/merge_requests"
EPICS = "/api/v4/groups/gitlab-org/epics"
T1 = "2026-08-04T10:00:00.000Z"


def issues_pages(q):
    """Page 1: #23 closed, #24 open; page 2: #25 closed; #26 closed as moved (X-Next-Page)."""
    page = (q.get("page") or ["1"])[0]
    if page == "1":
        return 200, {"X-Next-Page": "2", "X-Page": "1", "X-Total-Pages": "2"}, [gl_issue(23, "closed", T1), gl_issue(24, "opened", T1)]
    return 200, {"X-Next-Page": "", "X-Page": "2", "X-Total-Pages": "2"}, [gl_issue(25, "closed", T1), gl_issue(26, "closed", T1, moved=99)]


def epics_pages(q):
    """Paged by Link only: page 1 is empty of ours, page 2 has &4 closed."""
    page = (q.get("page") or ["1"])[0]
    if page == "1":
        nxt = forge.base(EPICS) + "?state=all&per_page=100&iids%5B%5D=4&page=2"
        return 200, {"Link": '<%s>; rel="next", <%s>; rel="last"' % (nxt, nxt)}, []
    return 200, {}, [gl_epic(4, "closed", T1)]


forge.answers[ISSUES] = issues_pages
forge.answers[MRS] = lambda q: (200, {}, [gl_mr(1, "merged", T1)])
forge.answers[EPICS] = epics_pages
GH = "/gh/repos/codertocat/hello-world/issues/"
forge.answers[GH + "1"] = lambda q: (200, {}, gh_issue(1, "closed", T1, reason="completed"))
forge.answers[GH + "2"] = lambda q: (200, {}, gh_issue(2, "closed", T1, pr=T1))
forge.answers[GH + "3"] = lambda q: (200, {}, gh_issue(3, "closed", T1, pr=None))
# #9 is unknown to GitHub: the default 404.

# --- no token: nothing to ask ------------------------------------------------------------------------
rc, out, err = sync()
check("without a token okra sync asks no forge and says so (exit 0)", rc == 0 and "0 forges" in out and not forge.seen,
      (rc, out, err))
rc, out, err = sync("--forge", "github")
check("--forge github without github_api_token: one line on stderr, exit 1",
      rc == 1 and "github_api_token" in err and len(err.strip().splitlines()) == 1, (rc, out, err))
rc, out, err = sync("--forge", "jirra")
check("an unknown forge is refused, one line", rc == 1 and "jirra" in err and len(err.strip().splitlines()) == 1, (rc, out, err))
srv.okra("setting", "set", "gitlab_api_token", GL_TOKEN)
srv.okra("setting", "set", "github_api_token", GH_TOKEN)

# --- a dry run says what would change and changes nothing --------------------------------------------
before = srv.digest()
rc, out, err = sync("--dry-run")
check("--dry-run: exit 0, says it would close the GitLab issue, merge request and the GitHub issue",
      rc == 0 and "would close %s" % GI23 in out and "would close %s" % GMR in out and "would close %s" % HI1 in out,
      (rc, out, err))
check("--dry-run changes nothing (every table as it was)", srv.digest() == before)
seen_dry = len(forge.seen)

# --- the run: a GitLab 429 and a GitHub primary rate limit first ---------------------------------------
forge.queue(MRS, (429, {"Retry-After": "1"}, {"message": "429 Too Many Requests"}))
forge.queue(GH + "1", (403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Limit": "5000",
                             "X-RateLimit-Reset": str(int(time.time()) + 1)},
                       {"message": "API rate limit exceeded", "documentation_url": "https://docs.github.com/rest"}))
rc, out, err = sync()
s = states()
check("okra sync exits 0", rc == 0, (rc, out, err))
check("a GitLab issue closed with no webhook is closed", s[GI23] == "closed" and "closed %s (gitlab: closed)" % GI23 in out, (s, out))
check("a GitLab issue still open stays open", s[GI24] == "open", s)
check("the issue on GitLab's second page (X-Next-Page) is closed", s[GI25] == "closed", (s, forge.asked(ISSUES)))
check("both pages were asked", sorted((q.get("page") or ["1"])[0] for q in forge.asked(ISSUES)[-2:]) == ["1", "2"],
      forge.asked(ISSUES))
check("the iids asked are the tracked ones", sorted(forge.asked(ISSUES)[-1]["iids[]"]) == ["23", "24", "25", "26"],
      forge.asked(ISSUES))
check("an issue closed as moved is not planned: left open by default, said once",
      s[GI26] == "open" and "left open %s" % GI26 in out, (s, out))
check("a merged GitLab merge request is closed, after the 429 was waited out",
      s[GMR] == "closed" and len(forge.asked(MRS)) >= 2, (s, forge.asked(MRS)))
check("the epic on the Link header's next page is closed", s[GEP] == "closed", (s, forge.asked(EPICS)))
check("a GitHub issue closed (completed) is closed, after the rate limit's reset",
      s[HI1] == "closed" and len(forge.asked(GH + "1")) >= 2, (s, forge.asked(GH + "1")))
check("a GitHub pull request merged is closed", s[HPR2] == "closed" and "closed %s (github: merged)" % HPR2 in out, (s, out))
check("a pull request closed without a merge is not planned: left open",
      s[HPR3] == "open" and "left open %s" % HPR3 in out, (s, out))
check("an issue GitHub does not know (404) is reported, left as it is",
      s[HI9] == "open" and "not found %s" % HI9 in out, (s, out))
check("an item given on another host is not asked there",
      s["other/thing#7"] == "open" and "not asked other/thing#7" in out, (s, out))
check("the summary counts what it did", "6 closed" in out.splitlines()[-1], out)
gh_headers = forge.headers_of(GH + "2")[-1]
gl_headers = forge.headers_of(MRS)[-1]
check("GitHub is asked with the token as a bearer and its media type",
      gh_headers.get("Authorization") == "Bearer " + GH_TOKEN and gh_headers.get("Accept") == "application/vnd.github+json",
      gh_headers)
check("GitLab is asked with PRIVATE-TOKEN", gl_headers.get("PRIVATE-TOKEN") == GL_TOKEN, gl_headers)
audit = [a for (a,) in srv.sql("SELECT after_json FROM audit WHERE action = 'apply' ORDER BY id")]
check("each close is audited as a delivery applied (source: the forge, delivery: okra sync's)",
      any('"gitlab:sync:%s@' % GI23 in a for a in audit) and any('"github:sync:%s@' % HI1 in a for a in audit), audit)
src = [x for (x,) in srv.sql("SELECT source FROM checkins WHERE key_result = ? ORDER BY id", K)]
check("the KR's progress is recorded with source integration", src and set(src) == {"integration"}, src)

# --- a second run changes nothing --------------------------------------------------------------------
before = srv.digest()
rc, out, err = sync()
check("a second run exits 0 and closes nothing", rc == 0 and "closed " not in out.replace("0 closed", ""), (rc, out, err))
check("a second run changes nothing", srv.digest() == before)

# --- errors: a 500, then garbage; one line, exit 1, nothing changed -----------------------------------
post("/api/v1/criteria", {"key_result": K, "ref": HI4, "contribution": 5})
forge.answers[GH + "4"] = lambda q: (200, {}, gh_issue(4, "closed", T1, reason="completed"))
forge.queue(GH + "3", (500, {}, {"message": "Server Error"}))
before = srv.digest()
rc, out, err = sync("--forge", "github")
check("a 500: one line on stderr naming the forge, exit 1",
      rc == 1 and len(err.strip().splitlines()) == 1 and "github" in err and "500" in err, (rc, out, err))
check("a 500: nothing changed", srv.digest() == before and states()[HI4] == "open")
forge.queue(GH + "3", (200, {}, b"<html>Unicorn!</html>"))
rc, out, err = sync("--forge", "github")
check("a garbage answer: one line on stderr, exit 1", rc == 1 and len(err.strip().splitlines()) == 1 and "JSON" in err,
      (rc, out, err))
check("a garbage answer: nothing changed", srv.digest() == before and states()[HI4] == "open")
forge.queue(GH + "3", (200, {}, {"number": "three"}))
rc, out, err = sync("--forge", "github")
check("an answer of the wrong shape: one line, exit 1, nothing changed",
      rc == 1 and len(err.strip().splitlines()) == 1 and srv.digest() == before, (rc, out, err))
rc, out, err = sync("--forge", "github")
check("once GitHub answers again the missed close is repaired", rc == 0 and states()[HI4] == "closed", (rc, out, err))

# --- not planned as done: the setting is the webhook's ------------------------------------------------
srv.okra("setting", "set", "github_not_planned", "done")
forge.answers[GH + "3"] = lambda q: (200, {}, gh_issue(3, "closed", "2026-08-04T11:00:00Z", pr=None))
rc, out, err = sync("--forge", "github")
check("with github_not_planned done, a pull request closed without a merge closes its criterion",
      rc == 0 and states()[HPR3] == "closed", (rc, out, err))

# --- the daily run inside okra serve ------------------------------------------------------------------
post("/api/v1/criteria", {"key_result": K, "ref": P + "#27", "contribution": 5})
forge.answers[ISSUES] = lambda q: (200, {}, [gl_issue(int(i), "closed" if i == "27" else "opened", T1)
                                             for i in q.get("iids[]", []) if i in ("24", "26", "27")])
srv.okra("setting", "set", "sync_daily", "00:00")
os.environ["OKRA_SCHEDULER_TICK_MS"] = "100"
srv.restart("2026-08-05T06:00")
deadline = time.time() + 60
while time.time() < deadline and states().get(P + "#27") == "open":
    time.sleep(0.1)
check("okra serve's daily run (sync_daily 00:00 UTC) closes the item no webhook closed",
      states().get(P + "#27") == "closed", states())
srv.stop()
log = open(srv.errpath, encoding="utf-8", errors="replace").read()
check("the daily run logs what it fixed", "okra: sync: closed %s#27" % P in log, log[-2000:])
check("no token in the log", GL_TOKEN not in log and GH_TOKEN not in log)
finish()
