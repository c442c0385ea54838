"""t64-export.py: the tree view filtered and exported (issue 19 items 6 and 7) on the demo company.
GET /api/v1/tree with filters gives exactly the objectives computed here from the unfiltered tree
and `okra --json due` (each filter alone and combined; an ancestor of a match shown with
"matched": false); format=csv parses with the csv module into the tree's objectives and KRs in its
order, format=md is byte for byte what `okra export --format md --cycle C` prints (kept to the
objectives matched when filtered), format=json is the tree; each an attachment with a filename;
an Accept of text/csv or text/markdown asks for the same; bad values are 400 problem+json."""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import Server, check, finish  # noqa: E402

PW = "okra-demo-password"
NOW = "2026-11-23"
home = tempfile.mkdtemp(prefix="okra-api-")
lib._dirs.append(home)
db = lib.new_db(home)
subprocess.run([lib.OKRA, "--db", db, "demo", "--password", PW], check=True, capture_output=True,
               env=dict(os.environ, OKRA_NOW=NOW), timeout=120)
srv = Server(now=NOW, init=False, db=db)
# A deeper branch: lou's saas objective aligned under dana's #5, and a hostile title.
srv.okra("objective", "add", "--cycle", "FY2026-Q4", "--team", "saas", "--parent", "5", "--dri", "lou",
         "--title", "=HYPERLINK(\"http://x\"),\"quoted\"; x")
pat = srv.token(srv.login("pat", PW)).bearer()
CYCLE = "FY2026-Q4"


def get(query, auth=pat, headers=None):
    return srv.req("GET", "/api/v1/tree?" + query, auth=auth, headers=headers)


full = get("cycle=" + CYCLE)
check("the unfiltered tree answers 200", full.status == 200, full)
parent, objs, order = {}, {}, []


def walk(o, up):
    objs[o["id"]] = o
    parent[o["id"]] = up
    order.append(o["id"])
    for c in o["children"]:
        walk(c, o["id"])


for root in full.json["objectives"]:
    walk(root, None)
due = [d for d in json.loads(srv.okra("--json", "due"))["due"] if d["objective"] in objs]
check("someone owes an update on the demo", len(due) > 0, due)


def in_team(i, team):
    while i is not None:
        if objs[i]["team"] == team:
            return True
        i = parent[i]
    return False


def dri_of(o, h):
    return o["dri"] == h or any(k["dri"] == h for k in o["key_results"])


def expect(mine=None, person=None, team=None, health=(), behind=False, owes=False):
    handles = [h for h in (mine, person) if h]
    match = set()
    for i, o in objs.items():
        if any(not dri_of(o, h) for h in handles):
            continue
        if team and not in_team(i, team):
            continue
        if health and o["health"] not in health:
            continue
        if behind and not (o["pace"] and o["pace"]["suggested_health"] != "on_track"):
            continue
        if owes and not any(d["objective"] == i and (not handles or d["dri"] in handles) for d in due):
            continue
        match.add(i)
    shown = set()
    for i in match:
        while i is not None:
            shown.add(i)
            i = parent[i]
    return match, shown


def got(r):
    match, shown = set(), set()

    def rec(o):
        shown.add(o["id"])
        if o.get("matched"):
            match.add(o["id"])
        for c in o["children"]:
            rec(c)
    for o in r.json["objectives"]:
        rec(o)
    return match, shown


CASES = [
    ("mine=1", dict(mine="pat")),
    ("person=lou", dict(person="lou")),
    ("team=saas", dict(team="saas")),
    ("health=at_risk", dict(health=("at_risk",))),
    ("health=on_track&health=needs_attention", dict(health=("on_track", "needs_attention"))),
    ("health=on_track,at_risk", dict(health=("on_track", "at_risk"))),
    ("behind=1", dict(behind=True)),
    ("owes=1", dict(owes=True)),
    ("team=saas&owes=1", dict(team="saas", owes=True)),
    ("person=dana&health=needs_attention", dict(person="dana", health=("needs_attention",))),
    ("mine=1&owes=1", dict(mine="pat", owes=True)),
    ("person=lou&behind=1&team=platform", dict(person="lou", behind=True, team="platform")),
]
for q, kw in CASES:
    r = get("cycle=%s&%s" % (CYCLE, q))
    check("%s: 200 with matches" % q, r.status == 200 and "matches" in r.json, r)
    if r.status != 200:
        continue
    want_match, want_shown = expect(**kw)
    g_match, g_shown = got(r)
    check("%s: exactly the objectives that match" % q, g_match == want_match, (sorted(g_match), sorted(want_match)))
    check("%s: and their ancestors for context" % q, g_shown == want_shown, (sorted(g_shown), sorted(want_shown)))
    check("%s: matches counts them" % q, r.json["matches"] == len(want_match), r.json["matches"])
    check("%s: not kept (no ETag)" % q, r.header("ETag") is None, r.header("ETag"))
m, _ = expect(owes=True)
check("owes an update is exactly the objectives okra due names", m == {d["objective"] for d in due}, (m, due))
check("some filters leave something out and some match", any(expect(**kw)[1] != set(objs) for _, kw in CASES)
      and any(expect(**kw)[0] for _, kw in CASES))
empty = get("cycle=%s&person=lou&team=platform" % CYCLE)
check("an empty result: 200, matches 0, no objectives", empty.status == 200 and empty.json["matches"] == 0
      and empty.json["objectives"] == [], empty)

# --- the exports --------------------------------------------------------------------------------
md_all = srv.okra("export", "--format", "md", "--cycle", CYCLE)
r = get("cycle=%s&format=md" % CYCLE)
check("md: 200 text/markdown attachment", r.status == 200 and r.ctype.startswith("text/markdown")
      and r.header("Content-Disposition") == 'attachment; filename="okra-FY2026-Q4.md"', (r, r.headers))
check("md: exactly what okra export --format md --cycle prints", r.body.decode() == md_all)
r2 = get("cycle=" + CYCLE, headers={"Accept": "text/markdown"})
check("md: asked by Accept too", r2.status == 200 and r2.body == r.body, r2)


def md_blocks(text):
    """The export's objectives, each from its '# ' heading (every block ends with its okra fence)."""
    out, cur = [], []
    for line in text.split("\n"):
        if line.startswith("# ") and (not cur or cur[-1] == ""):
            if cur:
                out.append("\n".join(cur))
            cur = []
        cur.append(line)
    out.append("\n".join(cur))
    return out


blocks = md_blocks(md_all)
check("md: one block per objective of the cycle", len(blocks) == len(objs), len(blocks))
by_id = {}
for b in blocks:
    for line in b.split("\n"):
        if line.startswith("id: "):
            by_id[int(line[4:])] = b
            break
want, _ = expect(team="saas")
r = get("cycle=%s&team=saas&format=md" % CYCLE)
check("md, filtered: the matched objectives' blocks of okra export, in order",
      r.status == 200 and r.body.decode() == "\n".join(by_id[i] for i in sorted(want)), r)
check("md, filtered: the filename says so", r.header("Content-Disposition") ==
      'attachment; filename="okra-FY2026-Q4-saas.md"', r.header("Content-Disposition"))
r = get("cycle=%s&person=" % CYCLE + urllib.parse.quote("\x01"))
check("a control byte in a filter: 400 problem+json", r.status == 400 and r.ctype.startswith(
    "application/problem+json"), r)

r = get("cycle=%s&format=csv" % CYCLE)
check("csv: 200 text/csv attachment", r.status == 200 and r.ctype.startswith("text/csv")
      and r.header("Content-Disposition") == 'attachment; filename="okra-FY2026-Q4.csv"', (r, r.headers))
text = r.body.decode()
check("csv: records end in CRLF (RFC 4180)", text.endswith("\r\n") and "\r\n" in text)
rows = list(csv.DictReader(io.StringIO(text, newline="")))
orows = [x for x in rows if x["kind"] == "objective"]
check("csv: one row per objective, in the tree's order", [int(x["id"]) for x in orows] == order,
      ([x["id"] for x in orows], order))
ok = True
for x in orows:
    o = objs[int(x["id"])]
    title = "'" + o["title"] if o["title"][:1] in "=+-@" else o["title"]
    ok = ok and x["title"] == title and x["dri"] == o["dri"] and x["health"] == o["health"] \
        and abs(float(x["progress"]) - o["progress"]) < 1e-12 and (x["team"] or None) == o["team"] \
        and (int(x["parent"]) if x["parent"] else None) == o["parent"] and x["state"] == o["state"] \
        and x["matched"] == "1"
    krs = [k for k in rows if k["kind"] == "key_result" and k["parent"] == x["id"]]
    ok = ok and [int(k["id"]) for k in krs] == [k["id"] for k in o["key_results"]]
    for k, kr in zip(krs, o["key_results"]):
        ok = ok and k["title"] == kr["title"] and k["dri"] == kr["dri"] and abs(float(k["progress"]) - kr["progress"]) < 1e-12
    if not ok:
        check("csv: row %s as in the tree" % x["id"], False, (x, o["title"]))
        break
check("csv: every row says what the tree says (titles, DRIs, health, progress, KRs)", ok)
hostile = [x for x in orows if x["title"].startswith("'=HYPERLINK")]
check("csv: a title starting with = is prefixed, its quotes and semicolon kept inside one cell",
      len(hostile) == 1 and hostile[0]["title"] == "'=HYPERLINK(\"http://x\"),\"quoted\"; x", hostile)
r2 = get("cycle=" + CYCLE, headers={"Accept": "text/csv"})
check("csv: asked by Accept too", r2.status == 200 and r2.body == r.body, r2)
r = get("cycle=%s&owes=1&format=csv" % CYCLE)
want_m, want_s = expect(owes=True)
rows = [x for x in csv.DictReader(io.StringIO(r.body.decode(), newline="")) if x["kind"] == "objective"]
check("csv, filtered: the objectives shown, those for context marked matched 0",
      {int(x["id"]) for x in rows} == want_s and {int(x["id"]) for x in rows if x["matched"] == "1"} == want_m, rows)
check("csv, filtered: the filename says so", r.header("Content-Disposition") ==
      'attachment; filename="okra-FY2026-Q4-filtered.csv"', r.header("Content-Disposition"))

r = get("cycle=%s&format=json" % CYCLE)
check("json: the tree as an attachment", r.status == 200 and r.json == full.json
      and r.header("Content-Disposition") == 'attachment; filename="okra-FY2026-Q4.json"', r)
r = get("cycle=%s&health=at_risk&format=json" % CYCLE)
check("json, filtered: what the filtered tree gives", r.status == 200 and r.json == get(
    "cycle=%s&health=at_risk" % CYCLE).json, r)

# --- refusals -----------------------------------------------------------------------------------
for q, field in [("health=green", "health"), ("person=nobody", "person"),
                 ("team=nope", "team"), ("behind=yes", "behind"), ("mine=2", "mine"), ("format=xlsx", "format"),
                 ("owes=1&as_of=2026-11-10", "owes"), ("person=" + urllib.parse.quote("<b>&\"'"), "person")]:
    r = get("cycle=%s&%s" % (CYCLE, q))
    check("%s: 400 problem+json naming %s" % (q, field), r.status == 400 and r.ctype.startswith(
        "application/problem+json") and r.json.get("field") == field, r)
srv.stop()
finish()
