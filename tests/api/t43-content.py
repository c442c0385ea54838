"""t43-content.py: what the API says is true and meant for people. A problem's detail says a
rule in words, its code in the "rule" member, and never tells a client to type an okra command
or a CLI option; a new KR whose target is below its start has progress 0.0, never -0.0; a
criteria KR's forecast stays within 0..1 on every day of the demo's quarter."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ADMIN_PW, OKRA, Server, check, finish, new_db  # noqa: E402

DEMO_PW = "okra-demo-password"
CLI_WORDS = re.compile(r"\(R\d+|okra [a-z]+ |see: okra| --[a-z]")


def detail(r):
    return r.json.get("detail", "") if isinstance(r.json, dict) else ""


def plain(name, r, status, has, rule=None):
    """r is refused with status; its detail has `has`, no rule code and no CLI words."""
    d = detail(r)
    check(name + ": %d" % status, r.status == status, r)
    check(name + ": the detail says it in words", has in d and not CLI_WORDS.search(d), d)
    if rule:
        check(name + ": the rule code is in \"rule\"", r.json.get("rule") == rule, r)


srv = Server(now="2026-07-01")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()

# Before any cycle: the tree of "now" has no quarter to show.
plain("the tree with no quarter", srv.req("GET", "/api/v1/tree", auth=ada), 404, "no quarter contains 2026-07-01")

pat = srv.person(ada, "pat", "member").bearer()
check("setup: team plat", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]},
                                  auth=ada).status == 201)
check("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"},
                               auth=ada).status == 201)
NEW = {"cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "Reliable platform"}
plain("an unknown cycle", srv.req("POST", "/api/v1/objectives", dict(NEW, cycle="FY2099"), auth=pat), 422, "no cycle FY2099")
plain("an unknown team", srv.req("POST", "/api/v1/objectives", dict(NEW, team="nope"), auth=pat), 422, "no team nope")
plain("an unknown DRI", srv.req("POST", "/api/v1/objectives", dict(NEW, dri="nobody"), auth=pat), 422,
      "no person with handle nobody")
r = srv.req("POST", "/api/v1/objectives", NEW, auth=pat)
check("setup: an objective", r.status == 201, r)
O = r.json["id"]
OBJ = "/api/v1/objectives/%d" % O

# A new KR from 200 to 100 ms: no progress yet is 0.0, not -0.0, wherever it is written.
r = srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Latency", "dri": "pat", "unit": "ms",
                                            "start": 200, "target": 100}, auth=pat)
check("setup: a KR whose target is below its start", r.status == 201, r)
K = r.json["id"]
for what, body in (("the new KR", r.body), ("the KR", srv.req("GET", "/api/v1/key-results/%d" % K, auth=pat).body),
                   ("its objective", srv.req("GET", OBJ, auth=pat).body),
                   ("the tree", srv.req("GET", "/api/v1/tree?cycle=FY2027-Q2", auth=pat).body)):
    text = body.decode()
    check("%s: no -0 anywhere" % what, not re.search(r"-0(\.0+)?(?![.\d])", text), text[:600])
    check("%s: the KR's progress is 0.0" % what, '"progress":0.0' in text.replace(" ", ""), text[:600])

plain("a metric KR without start and target", srv.req("POST", "/api/v1/key-results",
      {"objective": O, "title": "x", "dri": "pat", "unit": "%"}, auth=pat), 422, "needs start and target", "R2")
plain("a metric check-in without a value", srv.req("POST", "/api/v1/key-results/%d/checkins" % K,
      {"health": "on_track"}, auth=pat), 422, "give its value")
plain("closing without a final retro", srv.req("POST", OBJ + "/close", None, auth=pat), 409,
      "has no final retro", "R11")
r = srv.req("GET", OBJ, auth=pat)
plain("closing through a state edit", srv.req("PATCH", OBJ, {"state": "closed"}, auth=pat,
      headers={"If-Match": r.header("ETag")}), 422, "state is draft or active")
plain("criteria on a metric KR", srv.req("POST", "/api/v1/criteria", {"key_result": K, "ref": "g/p#1", "contribution": 50},
                                         auth=pat), 422, "scoring criteria belong to a key result scored by criteria")
srv.stop()

# The demo: criteria KR #12's forecast, as of each week of FY2026-Q4 and now.
ddir = tempfile.mkdtemp(prefix="okra-api-")
lib._dirs.append(ddir)
ddb = new_db(ddir)
subprocess.run([OKRA, "--db", ddb, "demo", "--password", DEMO_PW], check=True, capture_output=True,
               env=dict(os.environ, OKRA_NOW="2026-11-23"), timeout=120)
demo = Server(now="2026-11-23", init=False, db=ddb)
dp = demo.token(demo.login("pat", DEMO_PW)).bearer()


def criteria_forecasts(node, out):
    if isinstance(node, dict):
        if node.get("kind") == "criteria" and "forecast" in node:
            out.append((node.get("id"), node["forecast"]))
        for v in node.values():
            criteria_forecasts(v, out)
    elif isinstance(node, list):
        for v in node:
            criteria_forecasts(v, out)
    return out


seen = 0
for day in ("2026-10-21", "2026-10-28", "2026-11-04", "2026-11-11", "2026-11-18", None):
    q = "/api/v1/tree?cycle=FY2026-Q4" + ("&as_of=" + day if day else "")
    r = demo.req("GET", q, auth=dp)
    fs = criteria_forecasts(r.json, [])
    seen += len(fs)
    check("as of %s: every criteria forecast is within 0..1" % (day or "now"),
          r.status == 200 and all(0 <= f <= 1 for _, f in fs), fs or r)
r = demo.req("GET", "/api/v1/key-results/12", auth=dp)
check("KR #12 alone: its forecast is within 0..1", r.status == 200 and 0 <= r.json.get("forecast", 0) <= 1, r)
check("the demo has criteria forecasts to check", seen >= 5, seen)
demo.stop()
finish()
