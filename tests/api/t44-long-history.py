"""t44-long-history.py: a long history is never read whole for a check-in's reply or the objective
page (issue 16, item 18), over SQLite or PostgreSQL. One KR gets 6,000 check-ins over 50 days
(written straight into the store, several a day, out of id order within a day), another a few:
a new check-in's reply is that check-in (id, value, progress, note, author) and nothing else;
the objective page's charts have one point per KR and day — the day's last check-in — and the
objective's chart one point per day; the history table shows the latest 30 check-ins newest
first and links to more, which shows more (bounded); the page says the same before and after."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-12-30")
alex = srv.token(srv.login("alex", ADMIN_PW))
ada = alex.bearer()


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


ok("setup: team", srv.req("POST", "/api/v1/teams", {"slug": "saas", "name": "SaaS"}, auth=ada), 201)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=ada), 201)
O = ok("setup: objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "alex",
                                                                "title": "Long"}, auth=ada), 201)["id"]
K = ok("setup: long KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Long one", "dri": "alex",
                                                                "unit": "ms", "start": 800, "target": 200}, auth=ada), 201)["id"]
S = ok("setup: short KR", srv.req("POST", "/api/v1/key-results", {"objective": O, "title": "Short one", "dri": "alex",
                                                                 "unit": "ms", "start": 800, "target": 200}, auth=ada), 201)["id"]
alex_id = srv.sql("SELECT id FROM people WHERE handle = 'alex'")[0][0]

DAY0 = 1793577600  # 2026-11-01T00:00:00Z, the cycle's first day
DAYS, PER_DAY = 50, 120
rows, last_of_day = [], {}
for d in range(DAYS):
    # each day's check-ins are written latest-first, so the day's last (by time) has the smallest id
    for j in reversed(range(PER_DAY)):
        at = DAY0 + d * 86400 + 3600 + j * 300
        value = 800 - (d * 10 + j % 7)
        rows.append((K, alex_id, at, value, (800 - value) / 600.0, "on_track", "d%d-%d" % (d, j), "manual"))
        if j == PER_DAY - 1:
            last_of_day[d] = (800 - value) / 600.0
for d in (3, 3, 9):
    rows.append((S, alex_id, DAY0 + d * 86400 + 7200 + len(rows), 700, 1 / 6.0, "at_risk", "short", "manual"))
q = ("INSERT INTO checkins (key_result, author, at, value, progress, health, note, source)"
     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
if srv.db.startswith("postgres"):
    import psycopg2
    con = psycopg2.connect(srv.db)
    q = q.replace("?", "%s")
else:
    import sqlite3
    con = sqlite3.connect(srv.db, timeout=10)
con.cursor().executemany(q, rows)
con.commit()
con.close()
total = len(rows)
check("setup: %d check-ins stored" % total, srv.sql("SELECT COUNT(*) FROM checkins")[0][0] == total)

# the reply to a new check-in is that check-in
r = srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {"value": 250, "health": "on_track", "note": "the new one"}, auth=ada)
c = ok("a check-in on the long KR: 201", r, 201)
newest = srv.sql("SELECT MAX(id) FROM checkins")[0][0]
check("...its reply is the check-in just made", c.get("id") == newest and c.get("key_result") == K and c.get("value") == 250
      and abs(c.get("progress", 0) - 550 / 600.0) < 1e-9 and c.get("note") == "the new one" and c.get("author") == "alex"
      and c.get("health") == "on_track" and c.get("source") == "manual", c)
check("...and the same as the list reads it back", c in ok("GET the KR's check-ins", srv.req(
    "GET", "/api/v1/key-results/%d/checkins" % K, auth=ada, query={"cursor": newest - 1}), 200), c)

# the page: one point per KR and day, the latest 30 rows, a link to more
html = srv.req("GET", "/objectives/%d" % O, auth=ada).body.decode()


def chart_of(label):
    m = re.search(r'<svg[^>]*aria-label="%s: progress[^"]*">(.*?)</svg>' % re.escape(label), html, re.S)
    return m.group(1) if m else ""


long_chart, short_chart, obj_chart = chart_of("Long one"), chart_of("Short one"), chart_of("This objective")
dots = len(re.findall(r'<circle class="dot"', long_chart))
check("the long KR's chart has one point per day (%d days + today's)" % DAYS, dots == DAYS + 1, dots)
check("the short KR's chart: its two days", len(re.findall(r'<circle class="dot"', short_chart)) == 2, short_chart)
check("the objective's chart: one point per day too", len(re.findall(r'<circle class="dot"', obj_chart)) == DAYS + 1,
      obj_chart[:500])
pts = re.search(r'<polyline class="line" points="([^"]+)"', long_chart).group(1).split()[1:]
ys = [float(p.split(",")[1]) for p in pts]
# ypos(p) = TOP + (1 - p / YMAX) * (H - TOP - BOTTOM): compare through the chart's own y of a known point
expect = [last_of_day[d] for d in range(DAYS)] + [550 / 600.0]
order = all((ys[i] < ys[i + 1]) == (expect[i] > expect[i + 1]) for i in range(len(ys) - 1) if expect[i] != expect[i + 1])
check("...each day's point is that day's last check-in", len(ys) == len(expect) and order, (ys[:5], expect[:5]))
body = html[html.index('id="history"'):]
notes = re.findall(r"<td>(d\d+-\d+|the new one|short)</td>", body)
check("the history shows the latest 30 check-ins, newest first", len(notes) == 30 and notes[0] == "the new one" and
      notes[1] == "d49-%d" % (PER_DAY - 1) and notes[29] == "d49-%d" % (PER_DAY - 29), notes[:4])
more = re.search(r'<a href="(/objectives/%d\?history=(\d+)#history)">Show older check-ins</a>' % O, body)
check("...with a link to older ones", more is not None, body[:3000])
if more:
    html2 = srv.req("GET", more.group(1).split("#")[0], auth=ada).body.decode()
    notes2 = re.findall(r"<td>(d\d+-\d+|the new one|short)</td>", html2[html2.index('id="history"'):])
    check("...which shows more of them, newest first", len(notes2) == int(more.group(2)) > 30 and
          notes2[:30] == notes, len(notes2))
for q in ("0", "-5", "x", "99999999999999999999"):
    r = srv.req("GET", "/objectives/%d" % O, auth=ada, query={"history": q})
    n = len(re.findall(r"<td>(d\d+-\d+|the new one|short)</td>", r.body.decode()))
    check("?history=%s: a page with a bounded table" % q, r.status == 200 and 30 <= n <= 10000, (r.status, n))

# a short history: everything, no link
S2 = ok("setup: another objective", srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "team": "saas", "dri": "alex",
                                                                         "title": "Short"}, auth=ada), 201)["id"]
K2 = ok("setup: its KR", srv.req("POST", "/api/v1/key-results", {"objective": S2, "title": "Few", "dri": "alex", "unit": "ms",
                                                                "start": 800, "target": 200}, auth=ada), 201)["id"]
for v in (700, 600, 500):
    ok("a check-in on the short history", srv.req("POST", "/api/v1/key-results/%d/checkins" % K2,
                                                  {"value": v, "health": "on_track", "note": "v%d" % v}, auth=ada), 201)
html = srv.req("GET", "/objectives/%d" % S2, auth=ada).body.decode()
body = html[html.index('id="history"'):]
check("a short history is shown whole, newest first, with no link", re.findall(r"<td>(v\d+)</td>", body) ==
      ["v500", "v600", "v700"] and "Show older check-ins" not in body, body[:2000])
check("...and three check-ins in one day are one point", len(re.findall(r'<circle class="dot"', html)) == 2, html.count("dot"))

srv.stop()
finish()
