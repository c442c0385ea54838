"""t61-calibration.py: health calibration on a hand-built quarter with known answers. Twelve
update weeks (Wednesdays 2026-01-07 .. 2026-03-25); three DRIs check in every week on dated days
(OKRA_NOW): ana says on track all twelve weeks and finishes at 40%; ben says on track six weeks,
needs attention four, at risk two, and finishes at 100%; cy has two KRs: one at risk every week
finishing at 90%, one on track nine weeks (one of them after an at-risk check-in earlier that
week: the week's last check-in counts) finishing at 50%; a third KR moved only by a webhook (an
integration's check-in) is listed with no week said and left out of cy's figures.
The figures are exact, the same from GET /api/v1/cycles/{name}/calibration and okra report
calibration (text and --json), by DRI, by team and by KR."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-01-05")
alex = srv.login("alex", ADMIN_PW)
ada = srv.token(alex).bearer()
for h in ("ana", "ben", "cy"):
    srv.person(ada, h, "member")
srv.okra("team", "add", "web", "--name", "Web", "--member", "ana", "--member", "ben")
srv.okra("team", "add", "data", "--name", "Data", "--member", "cy")
srv.okra("cycle", "add", "Q", "--kind", "quarter", "--start", "2026-01-05", "--end", "2026-03-29")


def objective(team, dri, title):
    return int(srv.okra("objective", "add", "--cycle", "Q", "--team", team, "--dri", dri, "--title", title).strip())


def kr(obj, dri, title):
    return int(srv.okra("kr", "add", str(obj), "--title", title, "--dri", dri, "--unit", "pts", "--start", "0",
                        "--target", "100").strip())


KA = kr(objective("web", "ana", "Web is fast"), "ana", "Cut load time")
KB = kr(objective("web", "ben", "Web is loved"), "ben", "Raise the NPS")
OC = objective("data", "cy", "Data is fresh")
KC1 = kr(OC, "cy", "Fresher pipelines")
KC2 = kr(OC, "cy", "Fewer broken dashboards")
KC3 = int(srv.okra("kr", "add", str(OC), "--title", "Dashboards moved", "--dri", "cy", "--criteria").strip())
srv.okra("criterion", "add", str(KC3), "--ref", "data/dash#7", "--contribution", "100")
srv.okra("setting", "set", "gitlab_webhook_secret", "gl-calibration-secret-0123")
WEEKS = ["2026-01-07", "2026-01-14", "2026-01-21", "2026-01-28", "2026-02-04", "2026-02-11",
         "2026-02-18", "2026-02-25", "2026-03-04", "2026-03-11", "2026-03-18", "2026-03-25"]
OT, NA, AR = "on_track", "needs_attention", "at_risk"
plan = {  # KR: (DRI, health of each week, value each week)
    KA: ("ana", [OT] * 12, [3 * w + 7 for w in range(11)] + [40]),
    KB: ("ben", [OT] * 6 + [NA] * 4 + [AR] * 2, [w * 8 for w in range(11)] + [100]),
    KC1: ("cy", [AR] * 12, [w * 8 for w in range(11)] + [90]),
    KC2: ("cy", [OT] * 9 + [NA] * 3, [w * 4 for w in range(11)] + [50]),
}


def checkin(day, handle, k, value, health):
    srv.now = day + "T10:00"
    srv.okra("--as", handle, "checkin", str(k), "--value", str(value), "--health", health)


for w, day in enumerate(WEEKS):
    if w == 4:  # an at-risk check-in on the Monday of week 5, then on track on its Wednesday
        checkin("2026-02-02", "cy", KC2, 14, AR)
    for k, (who, healths, values) in plan.items():
        checkin(day, who, k, values[w], healths[w])
# An integration's check-in (a GitLab webhook closes the criterion) says no one's health: KC3
# is listed with no week said, and left out of cy's and the team's figures.
srv.stop()
srv.start(now="2026-03-25T12:00")
r = srv.req("POST", "/hooks/gitlab", data=json.dumps({"object_kind": "issue", "object_attributes": {
    "iid": 7, "action": "close"}, "project": {"path_with_namespace": "data/dash"}}).encode(),
    headers={"Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook",
             "X-Gitlab-Token": "gl-calibration-secret-0123"})
check("setup: the webhook closes data/dash#7", r.status == 200 and r.json.get("changed") == 1, r)
srv.stop()
srv.start(now="2026-04-10")
alex = srv.login("alex", ADMIN_PW)

r = srv.req("GET", "/api/v1/cycles/Q/calibration", auth=alex)
check("GET /api/v1/cycles/Q/calibration: 200", r.status == 200, r)
cal = r.json if isinstance(r.json, dict) else {}
check("the cycle is over: finished", cal.get("finished") is True and cal.get("cycle") == "Q", cal)


def row(rows, key, val):
    m = [x for x in rows if x.get(key) == val]
    return m[0] if len(m) == 1 else {}


def figures(x):
    return (x.get("key_results", 1), x.get("weeks"), x.get("on_track"), x.get("needs_attention"), x.get("at_risk"),
            round(x.get("final", -1), 9), x.get("sentence"))


want_dris = {
    "ana": (1, 12, 12, 0, 0, 0.4, "said on track in 12 of 12 weeks, finished at 40%"),
    "ben": (1, 12, 6, 4, 2, 1.0, "said on track in 6 of 12 weeks, finished at 100%"),
    "cy": (2, 24, 9, 3, 12, 0.7, "said on track in 9 of 24 weeks over 2 key results, finished at 70% on average"),
}
for h, want in want_dris.items():
    got = figures(row(cal.get("dris", []), "dri", h))
    check("calibration of %s: %s" % (h, want[-1]), got == want, got)
check("three DRIs, by handle", [x.get("dri") for x in cal.get("dris", [])] == ["ana", "ben", "cy"], cal.get("dris"))
want_teams = {
    "web": (2, 24, 18, 4, 2, 0.7, "said on track in 18 of 24 weeks over 2 key results, finished at 70% on average"),
    "data": want_dris["cy"],
}
for t, want in want_teams.items():
    got = figures(row(cal.get("teams", []), "team", t))
    check("calibration of team %s: %s" % (t, want[-1]), got == want, got)
want_krs = {KA: (1, 12, 12, 0, 0, 0.4), KB: (1, 12, 6, 4, 2, 1.0), KC1: (1, 12, 0, 0, 12, 0.9), KC2: (1, 12, 9, 3, 0, 0.5),
            KC3: (1, 0, 0, 0, 0, 1.0)}
for k, want in want_krs.items():
    got = figures(row(cal.get("key_results", []), "id", k))[:6]
    check("calibration of KR #%d: %s" % (k, want), got == want, got)

cli = json.loads(srv.okra("--json", "report", "calibration", "--cycle", "Q"))
check("okra --json report calibration is the API's answer", cli == cal, (cli, cal))
text = srv.okra("report", "calibration", "--cycle", "Q")
check("okra report calibration prints each DRI's sentence",
      all(("%-12s %s" % (h, w[-1])) in text for h, w in want_dris.items()) and "By team" in text, text)

r = srv.req("GET", "/api/v1/cycles/nope/calibration", auth=alex)
check("an unknown cycle is a 404", r.status == 404, r)

# While the cycle runs, the figure is where the KRs are, not where they finished.
srv.stop()
srv.start(now="2026-03-27")
alex = srv.login("alex", ADMIN_PW)
r = srv.req("GET", "/api/v1/cycles/Q/calibration", auth=alex)
run = r.json if isinstance(r.json, dict) else {}
check("a running cycle: not finished, 'is at'", run.get("finished") is False and
      row(run.get("dris", []), "dri", "ana").get("sentence") == "said on track in 12 of 12 weeks, is at 40%", run)
srv.stop()
finish()
