#!/usr/bin/env python3
"""t18-reminders.py: the weekly reminders (R8, R4) end to end, with REAL receivers on 127.0.0.1.

A chat incoming webhook (an http.server that records every POST) and an SMTP relay (a small
SMTP responder, both from receivers.py) run in this process. A company of four DRIs lives through the
thirteen Wednesdays of a quarter (OKRA_NOW): eight weeks with `okra remind`, five with the
scheduler inside `okra serve`, restarted in the middle of a week. It proves that every DRI
gets exactly one reminder per week in which they owe something, by webhook and by mail
(mail only with an address); none after they update; none while onboarding (R4); none twice
across a restart, from two concurrent `okra remind` runs or from two servers; and that a
channel whose receiver is down is retried (OKRA_RETRY_BASE_MS) and delivered once when it is
back. Then the weekly report over the API and posted to the chat.
"""
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import OKRA, Server, check, finish, ADMIN_PW  # noqa: E402

# Test knobs: a 100 ms scheduler tick and a 300 ms back-off base (1, 5, 30 × base).
os.environ["OKRA_SCHEDULER_TICK_MS"] = "100"
os.environ["OKRA_RETRY_BASE_MS"] = "300"
SECRET_PATH = "/hooks/T000/B000/s3cr3t-token-never-logged"


# --- the receivers (receivers.py) ----------------------------------------------------------

from receivers import SMTP, Webhook  # noqa: E402


hook = Webhook(SECRET_PATH)
smtp = SMTP()


# --- the company ------------------------------------------------------------------------------

srv = Server(now="2026-10-01")
srv.stop("SIGTERM: the setup server exits 0")
DB = srv.db


def okra(now, *args, ok=True, as_=None):
    env = dict(os.environ, OKRA_NOW=now)
    cmd = [OKRA, "--db", DB] + (["--as", as_] if as_ else []) + list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    if ok and p.returncode != 0:
        raise RuntimeError("okra %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return p


Q0 = "2026-10-01"
okra(Q0, "cycle", "add", "FY2027-Q1", "--kind", "quarter", "--start", "2026-10-01", "--end", "2026-12-31")
okra(Q0, "person", "add", "pat", "--name", "Pat Lee", "--email", "pat@example.com", "--joined", "2021-01-01")
okra(Q0, "person", "add", "sam", "--name", "Sam Rivera", "--email", "sam@example.com", "--role", "leader",
     "--joined", "2021-01-01")
okra(Q0, "person", "add", "nora", "--name", "Nora Noemail", "--joined", "2021-01-01")
# newt joined on 15 September: onboarding (R4) until 15 December.
okra(Q0, "person", "add", "newt", "--name", "Newt Joiner", "--email", "newt@example.com", "--joined", "2026-09-15")


def new_id(p):
    return int(p.stdout.strip())


O1 = new_id(okra(Q0, "objective", "add", "--cycle", "FY2027-Q1", "--dri", "pat", "--title", "Ship the fast path"))
K1 = new_id(okra(Q0, "kr", "add", str(O1), "--title", "p95 <script>x</script> latency", "--dri", "pat",
                 "--unit", "ms", "--start", "800", "--target", "200"))
K2 = new_id(okra(Q0, "kr", "add", str(O1), "--title", "Error budget kept", "--dri", "sam", "--unit", "%",
                 "--start", "0", "--target", "100"))
O2 = new_id(okra(Q0, "objective", "add", "--cycle", "FY2027-Q1", "--dri", "sam", "--title", "Customers love support"))
K3 = new_id(okra(Q0, "kr", "add", str(O2), "--title", "CSAT", "--dri", "nora", "--unit", "pts", "--start", "7",
                 "--target", "9"))
# newt cannot be made DRI while onboarding (R4): the KR is added once he may, and aligned to this quarter.
p = okra(Q0, "kr", "add", str(O2), "--title", "First-reply time", "--dri", "newt", "--unit", "h", "--start", "24",
         "--target", "4", ok=False)
check("R4: a new joiner cannot be made DRI (okra kr add refuses, naming the date)",
      p.returncode == 1 and "2026-12-15" in p.stderr, p.stderr)
K4 = new_id(okra("2026-12-15", "kr", "add", str(O2), "--title", "First-reply time", "--dri", "newt", "--unit", "h",
                 "--start", "24", "--target", "4"))

# Settings, with the secrets refused when malformed and redacted in the audit trail.
p = okra(Q0, "setting", "set", "chat_webhook", "ftp://example.com/x", ok=False)
check("chat_webhook must be http(s)", p.returncode == 1, p.stderr)
p = okra(Q0, "setting", "set", "remind_tz", "Mars/Olympus_Mons", ok=False)
check("remind_tz must be a zone the system knows", p.returncode == 1 and "remind_tz" in p.stderr, p.stderr)
p = okra(Q0, "setting", "set", "remind_tz", "../../etc/passwd", ok=False)
check("remind_tz is not a path", p.returncode == 1, p.stderr)
p = okra(Q0, "setting", "set", "remind_at", "9am", ok=False)
check("remind_at is HH:MM", p.returncode == 1, p.stderr)
p = okra(Q0, "setting", "set", "smtp_url", "http://127.0.0.1:1", ok=False)
check("smtp_url must be smtp(s)", p.returncode == 1, p.stderr)
p = okra(Q0, "remind", ok=False)
check("okra remind with no channel set up is refused, nothing claimed",
      p.returncode == 1 and "chat_webhook" in p.stderr, p.stderr)
okra(Q0, "setting", "set", "chat_webhook", hook.url())
okra(Q0, "setting", "set", "smtp_url", smtp.url())
okra(Q0, "setting", "set", "smtp_from", "okra@example.com")
okra(Q0, "setting", "set", "base_url", "https://okra.example.com/")
def sql(q, *args):
    return srv.sql(q, *args)


audit = json.dumps(sql("SELECT after_json FROM audit WHERE entity = 'setting'"))
check("the webhook secret never reaches the audit trail (host only)",
      "s3cr3t" not in audit and "127.0.0.1:%d" % hook.port in audit, audit)


# --- the quarter ------------------------------------------------------------------------------

WEDS = ["2026-10-07", "2026-10-14", "2026-10-21", "2026-10-28", "2026-11-04", "2026-11-11", "2026-11-18",
        "2026-11-25", "2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23", "2026-12-30"]


def updates_before_reminder(i, wed):
    """Who updates early on Wednesday (08:00 UTC, before any reminder). Returns who is done."""
    done = set()
    at = wed + "T06:00"
    if i % 3 == 1:  # pat does everything he owes: his KR and his objective's status
        okra(at, "checkin", str(K1), "--value", str(800 - 40 * i), "--health", "on_track", "--note", "week %d" % i,
             as_="pat")
        okra(at, "status", str(O1), "--health", "on_track", "--line", "%d=Cache rolled out to %d%%" % (K1, 10 * i),
             "--line", "%d=Budget holds" % K2, as_="pat")
        done.add("pat")
    if i % 2 == 0:  # sam checks in on his KR but still owes O2's status: still reminded, for less
        okra(at, "checkin", str(K2), "--value", str(5 * i), "--health", "needs_attention", as_="sam")
    if i == 4:  # nora updates once
        okra(at, "checkin", str(K3), "--value", "7.5", "--health", "on_track", as_="nora")
        done.add("nora")
    return done


def expected(i, wed, done):
    owe = {"pat", "sam", "nora"} - done
    if wed >= "2026-12-15":  # newt's onboarding is over (R4)
        owe.add("newt")
    mail = {h for h in owe if h != "nora"}  # nora has no address
    return owe, mail


def who_in_texts(texts):
    out = []
    for t in texts:
        for h in ("pat", "sam", "nora", "newt"):
            if "(@%s)" % h in t:
                out.append(h)
    return out


def who_in_mail(rcpts):
    return [r.split("@")[0] for r in rcpts]


def week_rows(wed):
    return sql("SELECT p.handle, n.channel, n.attempts, n.sent_at IS NOT NULL FROM notifications n "
               "JOIN people p ON p.id = n.person WHERE n.week = ? ORDER BY 1, 2", wed)


def wait_for(cond, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def marks():
    return len(hook.texts()), len(smtp.recipients())


def since(m):
    return who_in_texts(hook.texts()[m[0]:]), who_in_mail(smtp.recipients()[m[1]:])


def same(got, want):
    return sorted(got) == sorted(want)


totals = {"webhook": 0, "mail": 0}

# Weeks 1-8: okra remind on the update day.
for i, wed in enumerate(WEDS[:8]):
    done = updates_before_reminder(i, wed)
    owe, mail = expected(i, wed, done)
    m = marks()
    now = wed + "T10:00"
    if i == 3:
        smtp.down()  # the mail relay is down at reminder time
    if i == 2:
        # Two okra remind at once: the claims let only one of them send each message.
        env = dict(os.environ, OKRA_NOW=now)
        procs = [subprocess.Popen([OKRA, "--db", DB, "remind"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  env=env) for _ in range(2)]
        outs = [pr.communicate(timeout=120) for pr in procs]
        check("week 3: both concurrent okra remind runs exit 0",
              all(pr.returncode == 0 for pr in procs), outs)
    else:
        p = okra(now, "remind", ok=False)
        check("week %d: okra remind exits 0" % (i + 1), p.returncode == 0, p.stderr)
    if i == 3:
        check("week 4: the failed mails are reported on stderr, without the secret",
              "FAILED" in p.stderr and "smtp://127.0.0.1" in p.stderr and "retry in" in p.stderr, p.stderr)
        got_hook, got_mail = since(m)
        check("week 4: the webhook went out while mail was down", same(got_hook, owe), got_hook)
        check("week 4: no mail while the relay is down", got_mail == [], got_mail)
        rows = week_rows(wed)
        check("week 4: mail claims are recorded unsent with a retry due",
              all(r[3] == 0 and r[2] == 1 for r in rows if r[1] == "mail"), rows)
        smtp.up()
        # Before the back-off is over nothing is resent; after it, once.
        p = okra(now, "remind", ok=False)
        check("week 4: a rerun inside the back-off sends nothing new", since(m)[1] == [], (p.stdout, p.stderr))
        time.sleep(0.4)
        p = okra(now, "remind", ok=False)
        check("week 4: after the back-off the retry delivers the mails", "on a retry" in p.stdout, p.stdout)
        time.sleep(0.4)
        okra(now, "remind", ok=False)
    if i == 1:
        # Running it again the same week sends nothing: everything is claimed.
        p = okra(wed + "T15:00", "remind")
        check("week 2: a second okra remind sends nothing", ": sent" not in p.stdout and "already" in p.stdout,
              p.stdout)
    got_hook, got_mail = since(m)
    check("week %d (%s): exactly one webhook reminder per DRI who owes (%s)" % (i + 1, wed, sorted(owe)),
          same(got_hook, owe), got_hook)
    check("week %d (%s): exactly one mail per DRI who owes and has an address (%s)" % (i + 1, wed, sorted(mail)),
          same(got_mail, mail), got_mail)
    totals["webhook"] += len(owe)
    totals["mail"] += len(mail)
    if "pat" in done:
        check("week %d: none for pat, who updated before the reminder" % (i + 1),
              "pat" not in got_hook and "pat" not in got_mail)
    if wed < "2026-12-15":
        check("week %d: none for newt while onboarding (R4)" % (i + 1), "newt" not in got_hook + got_mail)

# What a reminder says: everything owed, with links, in one message.
texts = hook.texts()
sam_week2 = [t for t in texts if "(@sam)" in t][1]
check("the message lists every update owed, with links under base_url",
      "KR #%d" % K2 in sam_week2 and "objective #%d" % O2 in sam_week2 and
      "https://okra.example.com/objectives/%d" % O2 in sam_week2 and
      "https://okra.example.com/objectives/%d#kr-%d" % (O1, K2) in sam_week2 and
      "https://okra.example.com/checkin" in sam_week2 and "okra.example.com//" not in sam_week2, sam_week2)
check("chat and mail reminders link to the week's report page",
      re.search(r"https://okra\.example\.com/report/weekly\?date=\d{4}-\d\d-\d\d\n", sam_week2) is not None and
      "https://okra.example.com/report/weekly?date=" in smtp.mails[0][2], sam_week2)
sam_week1 = [t for t in texts if "(@sam)" in t][0]
check("a DRI who did part of it (week 1: his check-in) is reminded of the rest only",
      "KR #%d" % K2 not in sam_week1 and "objective #%d" % O2 in sam_week1, sam_week1)
pat_msg = [t for t in texts if "(@pat)" in t][0]
check("chat text is escaped for Slack: a title cannot inject <tags> or mentions",
      "<script>" not in pat_msg and "&lt;script&gt;" in pat_msg, pat_msg)
mail0 = smtp.mails[0][2]
check("a mail has From, To, Subject, Message-ID and the links",
      "From: okra@example.com" in mail0 and "Subject: OKR updates due" in mail0 and "Message-ID: <okra-remind-" in
      mail0 and "https://okra.example.com/checkin" in mail0, mail0)
check("webhook posts are JSON {\"text\"} to the configured path",
      all(path == SECRET_PATH and ctype == "application/json" and set(j) == {"text"}
          for (path, j, ctype) in hook.posts), hook.posts[:2])

# Weeks 9-13: the scheduler inside okra serve, at 09:00 Europe/Zurich (08:00 UTC in December).
okra(Q0, "setting", "set", "remind_at", "09:00")
okra(Q0, "setting", "set", "remind_tz", "Europe/Zurich")


def serve(now):
    s = Server(now=now, init=False, db=DB)
    return s


def serve_logs(s):
    return open(s.errpath, "rb").read().decode("utf-8", "replace")


for i, wed in list(enumerate(WEDS))[8:]:
    done = updates_before_reminder(i, wed)
    owe, mail = expected(i, wed, done)
    m = marks()
    n = len(owe) + len(mail)
    if i == 8:
        # 08:30 in Zurich: before remind_at, nothing goes out.
        s = serve(wed + "T07:30")
        time.sleep(1.0)
        check("week 9: nothing before 09:00 Europe/Zurich", since(m) == ([], []), since(m))
        # A restart at 09:30 Zurich sends the week's reminders; another restart sends nothing more.
        s.restart(wed + "T08:30")
        wait_for(lambda: len(since(m)[0]) + len(since(m)[1]) >= n)
        got = since(m)
        s.restart(wed + "T09:00")
        time.sleep(1.0)
        s.stop()
        check("week 9: no second send across a restart", since(m) == got, (since(m), got))
        logs = serve_logs(s)
    elif i == 9:
        # The chat receiver is down at reminder time; the scheduler retries until it is back.
        hook.down()
        s = serve(wed + "T08:30")
        wait_for(lambda: len(since(m)[1]) >= len(mail))
        time.sleep(0.3)
        check("week 10: mail went out while the chat receiver was down", same(since(m)[1], mail), since(m))
        hook.up()
        wait_for(lambda: len(since(m)[0]) >= len(owe))
        time.sleep(1.5)  # long enough for any duplicate retry to show
        s.stop()
        logs = serve_logs(s)
        check("week 10: the failure was logged without the webhook's secret path",
              "FAILED" in logs and "s3cr3t" not in logs and "127.0.0.1:%d/" % hook.port in logs, logs[-1500:])
        rows = week_rows(wed)
        check("week 10: every claim ends delivered", all(r[3] == 1 for r in rows), rows)
        check("week 10: the webhook claims took more than one try",
              all(r[2] >= 2 for r in rows if r[1] == "webhook"), rows)
    elif i == 10:
        # Two servers on one store (behind a load balancer): one reminder each all the same.
        a, b = serve(wed + "T08:30"), serve(wed + "T08:30")
        wait_for(lambda: len(since(m)[0]) + len(since(m)[1]) >= n)
        time.sleep(1.0)
        a.stop()
        b.stop()
    elif i == 11:
        # The day after the update day: outside the window, nothing; on the day, the reminders.
        s = serve("2026-12-24T09:00")
        time.sleep(0.8)
        check("week 12: nothing on the day after the update day", since(m) == ([], []), since(m))
        s.restart(wed + "T08:30")
        wait_for(lambda: len(since(m)[0]) + len(since(m)[1]) >= n)
        time.sleep(0.5)
        s.stop()
    else:
        p = okra(wed + "T10:00", "remind")
    got_hook, got_mail = since(m)
    check("week %d (%s): exactly one webhook reminder per DRI who owes (%s)" % (i + 1, wed, sorted(owe)),
          same(got_hook, owe), got_hook)
    check("week %d (%s): exactly one mail per DRI who owes and has an address (%s)" % (i + 1, wed, sorted(mail)),
          same(got_mail, mail), got_mail)
    totals["webhook"] += len(owe)
    totals["mail"] += len(mail)

check("newt is reminded once onboarding is over (R4)", "(@newt)" in "".join(hook.texts()[-8:]))
check("over the quarter: one webhook post per DRI-week owed (%d)" % totals["webhook"],
      len(hook.texts()) == totals["webhook"], len(hook.texts()))
check("over the quarter: one mail per DRI-week owed with an address (%d)" % totals["mail"],
      len(smtp.recipients()) == totals["mail"], len(smtp.recipients()))
rows = sql("SELECT person, week, channel, count(*) FROM notifications GROUP BY 1, 2, 3 HAVING count(*) > 1")
check("the ledger holds at most one row per person, week and channel", rows == [], rows)
rows = sql("SELECT count(*) FROM notifications WHERE sent_at IS NULL")
check("every claim of the quarter was delivered in the end", rows == [(0,)], rows)

# --- the weekly report over the API, and posted to the chat ------------------------------------

s = serve("2026-12-31T12:00")
admin = s.login("alex", ADMIN_PW)
r = s.req("GET", "/api/v1/report/weekly", auth=admin, query={"date": "2026-12-30"})
check("GET /api/v1/report/weekly: 200 JSON with markdown and objectives",
      r.status == 200 and isinstance(r.json, dict) and r.json.get("update_day") == "2026-12-30", r)
if r.status == 200:
    md = r.json["markdown"]
    check("the report names each objective and its KRs' lines",
          "Objective #%d" % O1 in md and "Objective #%d" % O2 in md and "KR #%d" % K4 in md, md)
    check("hostile titles are escaped in the Markdown", "<script>" not in md and "\\<script\\>" in md, md)
    objs = {o["id"]: o for o in r.json["objectives"]}
    check("the report's summary counts its objectives", r.json["summary"]["objectives"] == len(objs), r.json)
r = s.req("GET", "/api/v1/report/weekly", auth=admin, query={"date": "2026-13-01"})
check("a bad date is a 400", r.status == 400, r)
r = s.req("GET", "/api/v1/report/weekly", auth=admin, query={"cycle": "FY1999-Q9"})
check("an unknown cycle is a 404", r.status == 404, r)
r = s.req("GET", "/api/v1/report/weekly")
check("the report needs a sign-in", r.status == 401, r)
s.stop()
m = marks()
p = okra("2026-12-31T12:00", "report", "weekly", "--date", "2026-12-30", "--post", ok=False)
check("okra report weekly --post exits 0", p.returncode == 0, p.stderr)
check("okra report weekly --post posts the Markdown to the chat webhook",
      len(hook.texts()) == m[0] + 1 and hook.texts()[-1].startswith("# Weekly OKR report") and
      hook.texts()[-1] == p.stdout.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
      hook.texts()[-1:])

finish()
