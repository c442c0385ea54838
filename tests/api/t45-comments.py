#!/usr/bin/env python3
"""t45-comments.py: the conversation over the API (issue 19), with REAL receivers on 127.0.0.1.

A chat incoming webhook and an SMTP relay (tests/api/receivers.py) run in this process; okra
serve's scheduler (a 100 ms tick) empties the notices' outbox. It proves that a comment with an
@mention, and a reply, reach the person named by chat and by mail with a link to the comment,
each once; that a send whose receiver is down is retried and arrives once it is back; that
`okra comment add` sends its own at once; that the person's notices say what is new since their
last visit; that edits keep every body; that only who may comments, edits and removes (403, 422,
409, nothing changed); and that hostile text comes back as data, never as markup.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, PW, Server, check, finish  # noqa: E402
from receivers import SMTP, Webhook  # noqa: E402

os.environ["OKRA_SCHEDULER_TICK_MS"] = "100"
os.environ["OKRA_RETRY_BASE_MS"] = "300"

hook = Webhook()
smtp = SMTP()
srv = Server(now="2026-11-18")
srv.okra("setting", "set", "chat_webhook", hook.url())
srv.okra("setting", "set", "smtp_url", smtp.url())
srv.okra("setting", "set", "smtp_from", "okra@example.com")
srv.okra("setting", "set", "base_url", "https://okra.example.com/")
alex = srv.token(srv.login("alex", ADMIN_PW))
A = alex.bearer()


def ok(what, r, *status):
    check(what, r.status in status, r)
    return r.json if isinstance(r.json, (dict, list)) else {}


B = {}
for handle, role in (("pat", "member"), ("rio", "member"), ("mo", "member"), ("val", "viewer")):
    B[handle] = srv.person(A, handle, role).bearer()
    ok("setup: %s's address" % handle, srv.req("PATCH", "/api/v1/people/%s" % handle,
                                                {"email": "%s@example.com" % handle}, auth=A), 200)
ok("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=A), 201)
O = ok("setup: pat's objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q4", "dri": "pat", "title": "Ship <b>it</b>"}, auth=A), 201)["id"]
K = ok("setup: pat's KR", srv.req("POST", "/api/v1/key-results", {
    "objective": O, "title": "Uptime", "dri": "pat", "unit": "%", "start": 99, "target": 100}, auth=A), 201)["id"]
C = ok("setup: pat's check-in", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {
    "value": 99.5, "health": "on_track"}, auth=B["pat"]), 201)["id"]


def wait_for(what, cond, timeout=60):
    """Poll until cond() holds (a busy machine may be slow: no timing is asserted)."""
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def texts_with(s):
    return [t for t in hook.texts() if s in t]


def mails_to(addr, s):
    with smtp.lock:
        return [m for (_, rcpt, m) in smtp.mails if addr in rcpt and s in m]


# --- a mention reaches the person named, by chat and by mail, with a link ---------------------
c1 = ok("rio (a member, not the DRI) comments, naming pat", srv.req("POST", "/api/v1/comments", {
    "objective": O, "body": "Why is **uptime** flat, @pat? (cc @nobody, rio@example.com)"}, auth=B["rio"]), 201)
check("201 with the comment's Location", srv.req("GET", "/api/v1/comments/%d" % c1["id"], auth=B["val"]).status == 200)
check("the mention is kept: pat only (nobody does not exist, an address names nobody)", c1.get("mentions") == ["pat"], c1)
link1 = "https://okra.example.com/objectives/%d#comment-%d" % (O, c1["id"])
check("the chat post for pat arrives, with the link to the comment",
      wait_for("chat", lambda: texts_with(link1)), hook.texts())
check("the chat post says who mentioned whom, and where",
      any("rio mentioned you on objective %d" % O in t for t in texts_with(link1)), texts_with(link1))
check("the chat post escapes the title's markup (no <b> reaches the chat)",
      all("<b>" not in t for t in texts_with(link1)), texts_with(link1))
check("pat's mail arrives, with the link", wait_for("mail", lambda: mails_to("pat@example.com", link1)),
      smtp.mails)
check("nobody else is told of it", not mails_to("rio@example.com", link1) and not mails_to("mo@example.com", link1))

# --- a reply reaches the author answered ------------------------------------------------------
r1 = ok("pat answers rio", srv.req("POST", "/api/v1/comments", {
    "parent": c1["id"], "body": "A deploy froze it."}, auth=B["pat"]), 201)
check("the reply is on what it answers", (r1["parent"], r1["objective"], r1["key_result"]) == (c1["id"], O, None), r1)
link2 = "https://okra.example.com/objectives/%d#comment-%d" % (O, r1["id"])
check("rio's chat post for the reply arrives",
      wait_for("chat", lambda: any("pat replied to you" in t for t in texts_with(link2))), hook.texts())
check("rio's mail for the reply arrives", wait_for("mail", lambda: mails_to("rio@example.com", link2)), smtp.mails)

# --- a receiver down: retried, and delivered once it is back ----------------------------------
hook.down()
c2 = ok("mo comments on the KR, naming pat, while the chat is down", srv.req("POST", "/api/v1/comments", {
    "key_result": K, "body": "@pat is this on track?"}, auth=B["mo"]), 201)
link3 = "https://okra.example.com/objectives/%d#comment-%d" % (O, c2["id"])
check("the mail still arrives", wait_for("mail", lambda: mails_to("pat@example.com", link3)), smtp.mails)
check("the failed chat send is recorded for a retry",
      wait_for("failed", lambda: srv.sql("SELECT count(*) FROM comment_sends WHERE channel = 'webhook'"
                                         " AND error IS NOT NULL AND sent_at IS NULL")[0][0] == 1))
hook.up()
check("the chat post arrives once the webhook is back", wait_for("retry", lambda: texts_with(link3)), hook.texts())

# --- okra comment add sends its own at once ---------------------------------------------------
srv.okra("--as", "rio", "comment", "add", "--checkin", str(C), "--body", "Nice, @pat and @mo")
cli_id = srv.sql("SELECT max(id) FROM comments")[0][0]
link4 = "https://okra.example.com/objectives/%d#comment-%d" % (O, cli_id)
check("the CLI's comment reached pat and mo by mail",
      mails_to("pat@example.com", link4) and mails_to("mo@example.com", link4), smtp.mails)
check("and by chat", wait_for("chat", lambda: len(texts_with(link4)) == 2), hook.texts())

# --- each notice sent once per channel --------------------------------------------------------
check("every send was delivered, each on its first or second try, none left",
      wait_for("sent", lambda: srv.sql("SELECT count(*) FROM comment_sends WHERE sent_at IS NULL")[0][0] == 0),
      srv.sql("SELECT * FROM comment_sends"))
for link in (link1, link2, link4):
    check("one chat post per person for %s" % link.rsplit("#", 1)[1],
          len(texts_with(link)) == (2 if link == link4 else 1), texts_with(link))
check("one mail for pat of the first comment", len(mails_to("pat@example.com", link1)) == 1)

# --- notices: since your last visit -----------------------------------------------------------
n = ok("pat's notices", srv.req("GET", "/api/v1/me/notices", auth=B["pat"]), 200)
check("pat has three notices, all new, newest first",
      [x["comment"] for x in n["notices"]] == [cli_id, c2["id"], c1["id"]] and all(x["new"] for x in n["notices"]), n)
ok("pat marks them seen", srv.req("POST", "/api/v1/me/notices/seen", {"upto": n["notices"][0]["id"]}, auth=B["pat"]), 204)
ok("sam mentions pat again", srv.req("POST", "/api/v1/comments", {"objective": O, "body": "@pat ping"},
                                     auth=A), 201)
n2 = ok("pat's notices again", srv.req("GET", "/api/v1/me/notices", auth=B["pat"]), 200)
check("only the newest is new", [x["new"] for x in n2["notices"]] == [True, False, False, False], n2)
ok("an older mark does not go back", srv.req("POST", "/api/v1/me/notices/seen", {"upto": 1}, auth=B["pat"]), 204)
check("the mark stays", ok("again", srv.req("GET", "/api/v1/me/notices", auth=B["pat"]), 200)["seen"] == n2["seen"])

# --- edits keep history -----------------------------------------------------------------------
e = ok("rio edits the comment", srv.req("PATCH", "/api/v1/comments/%d" % c1["id"], {"body": "Why flat, @mo?"},
                                        auth=B["rio"]), 200)
check("the new body, both bodies in its history, mo named now",
      e["body"] == "Why flat, @mo?" and [h["body"] for h in e["history"]] ==
      ["Why is **uptime** flat, @pat? (cc @nobody, rio@example.com)", "Why flat, @mo?"] and e["mentions"] == ["mo"], e)
check("mo, newly named, is told", wait_for("mail", lambda: mails_to("mo@example.com", link1)), smtp.mails)

# --- who may, and bad input: refused, nothing changed -----------------------------------------
srv.refused("a viewer may not comment (403)", 403, "POST", "/api/v1/comments", {"objective": O, "body": "hi"},
            auth=B["val"], snap_auth=A, detail_has="viewers only read")
srv.refused("another member may not edit it (403)", 403, "PATCH", "/api/v1/comments/%d" % c1["id"],
            {"body": "mine now"}, auth=B["pat"], snap_auth=A, detail_has="only its author edits it")
srv.refused("an admin may not edit another's words (403)", 403, "PATCH", "/api/v1/comments/%d" % c1["id"],
            {"body": "mine now"}, auth=A, detail_has="only its author")
srv.refused("another member may not remove it (403)", 403, "DELETE", "/api/v1/comments/%d" % c1["id"],
            auth=B["mo"], snap_auth=A, detail_has="only its author or an admin")
srv.refused("an empty body (422)", 422, "POST", "/api/v1/comments", {"objective": O, "body": " \n"},
            auth=B["rio"], snap_auth=A, detail_has="empty")
srv.refused("two targets (422)", 422, "POST", "/api/v1/comments", {"objective": O, "key_result": K, "body": "x"},
            auth=B["rio"], snap_auth=A, detail_has="exactly one")
srv.refused("no such objective (422)", 422, "POST", "/api/v1/comments", {"objective": 9999, "body": "x"},
            auth=B["rio"], snap_auth=A, detail_has="no objective 9999")
srv.refused("a body too long (422)", 422, "POST", "/api/v1/comments", {"objective": O, "body": "x" * 20001},
            auth=B["rio"], snap_auth=A)
srv.refused("no body (400 or 422)", (400, 422), "POST", "/api/v1/comments", {"objective": O},
            auth=B["rio"], snap_auth=A)
check("a comment that is not there is 404", srv.req("GET", "/api/v1/comments/9999", auth=A).status == 404)
check("a list of what is not there is 404",
      srv.req("GET", "/api/v1/comments?objective=9999", auth=A).status == 404)
check("a list with a bad id is 400", srv.req("GET", "/api/v1/comments?objective=x", auth=A).status == 400)

# --- removal ----------------------------------------------------------------------------------
ok("an admin removes mo's comment", srv.req("DELETE", "/api/v1/comments/%d" % c2["id"], auth=A), 204)
g = ok("read it", srv.req("GET", "/api/v1/comments/%d" % c2["id"], auth=B["val"]), 200)
check("shown as removed, its words and history gone", g["removed"] and g["body"] == "" and g["history"] == []
      and g["removed_by"] == "alex", g)
srv.refused("a removed comment is not edited (409)", 409, "PATCH", "/api/v1/comments/%d" % c2["id"],
            {"body": "back"}, auth=B["mo"], snap_auth=A)
lst = ok("the objective's conversation", srv.req("GET", "/api/v1/comments", auth=B["val"], query={"objective": O}), 200)
check("every comment of the objective, its KR's and check-in's, oldest first",
      [x["id"] for x in lst][:4] == [c1["id"], r1["id"], c2["id"], cli_id], lst)
lk = ok("the KR's", srv.req("GET", "/api/v1/comments", auth=B["val"], query={"key_result": K}), 200)
check("the KR's: its own and its check-in's", [x["id"] for x in lk] == [c2["id"], cli_id], lk)
lc = ok("the check-in's", srv.req("GET", "/api/v1/comments", auth=B["val"], query={"checkin": C}), 200)
check("the check-in's: its own", [x["id"] for x in lc] == [cli_id], lc)

# --- hostile text is data ---------------------------------------------------------------------
evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)> \u2028 @pat"
h = ok("a hostile comment", srv.req("POST", "/api/v1/comments", {"objective": O, "body": evil}, auth=B["rio"]), 201)
check("it comes back as the text it is", h["body"] == evil, h)
link5 = "https://okra.example.com/objectives/%d#comment-%d" % (O, h["id"])
check("its chat post arrives with the markup escaped",
      wait_for("chat", lambda: texts_with(link5)) and all("<script>" not in t and "<img" not in t
                                                          for t in texts_with(link5)), hook.texts())

# --- a closed objective is read-only ----------------------------------------------------------
ok("retro", srv.req("POST", "/api/v1/objectives/%d/retro" % O, {"good": ["a", "b"], "bad": ["c", "d"],
                                                                 "try": ["e", "f"], "final": True}, auth=A), 200, 201)
ok("close", srv.req("POST", "/api/v1/objectives/%d/close" % O, {}, auth=A), 200)
srv.refused("no comment on a closed objective (409)", 409, "POST", "/api/v1/comments", {"objective": O, "body": "x"},
            auth=B["rio"], snap_auth=A, detail_has="closed")

srv.stop()
finish()
