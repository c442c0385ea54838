#!/usr/bin/env python3
"""t58-test-message.py: "send a test message" (issue 18, settings) over the API and the CLI, to
REAL receivers on 127.0.0.1 (receivers.py): the chat webhook's HTTP status and first line, the
SMTP server's reply; a receiver that is down is an answer too (delivered false), not an error.
Refused: a channel not set (409), a bad channel or address (422), anyone but an admin (403) —
and nothing is sent then.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, OKRA, Server, check, finish  # noqa: E402
from receivers import SMTP, Webhook  # noqa: E402

hook = Webhook("/hooks/T1/B1/test-secret")
smtp = SMTP()
srv = Server(now="2026-11-18")
alex = srv.token(srv.login("alex", ADMIN_PW))
sam = srv.person(alex, "sam", "leader")
pat = srv.person(alex, "pat", "member")


def post(body, auth=alex):
    return srv.req("POST", "/api/v1/test-messages", body, auth=auth)


def cli(*args):
    return subprocess.run([OKRA, "--db", srv.db, "--as", "alex"] + list(args), capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, OKRA_NOW=srv.now))


r = post({"channel": "chat"})
check("a chat webhook not set: 409", r.status == 409, r)
srv.req("PUT", "/api/v1/settings/chat_webhook", {"value": hook.url()}, auth=alex)
srv.req("PUT", "/api/v1/settings/smtp_url", {"value": smtp.url()}, auth=alex)
r = post({"channel": "chat"})
j = r.json
check("chat: 200, delivered, HTTP 200 and the body's first line", r.status == 200 and j["delivered"] is True
      and j["code"] == 200 and j["answer"] == "ok" and "HTTP 200: ok" in j["summary"], r)
check("chat: the receiver got the post", len(hook.posts) == 1 and hook.posts[0][0] == "/hooks/T1/B1/test-secret"
      and "test message" in hook.texts()[0], hook.posts)
r = post({"channel": "email", "to": "ops@example.com"})
j = r.json
check("email: 200, delivered, the SMTP reply", r.status == 200 and j["delivered"] is True and j["code"] == 250
      and j["answer"] == "250 queued", r)
check("email: the relay got the mail for ops@", len(smtp.mails) == 1 and smtp.mails[0][1] == ["ops@example.com"]
      and "Subject: okra: a test message" in smtp.mails[0][2], smtp.mails)
for body, why in [({"channel": "pager"}, "a channel okra has not"), ({"channel": "email", "to": "not an address"}, "a bad address")]:
    r = post(body)
    check("422 " + why, r.status == 422, r)
hook.down()
r = post({"channel": "chat"})
j = r.json
check("a receiver down: 200, not delivered, code 0, why", r.status == 200 and j["delivered"] is False
      and j["code"] == 0 and "did not answer" in j["summary"] and "test-secret" not in r.body.decode(), r)
hook.up()

# The CLI says the same.
p = cli("setting", "test", "chat")
check("cli: chat answered", p.returncode == 0 and p.stdout.strip() == "The chat webhook answered HTTP 200: ok (delivered).",
      p.stdout + p.stderr)
p = cli("setting", "test", "email", "--to", "cli@example.com")
check("cli: mail answered", p.returncode == 0 and "The mail server answered 250 queued (delivered)." in p.stdout,
      p.stdout + p.stderr)
p = cli("setting", "test", "fax")
check("cli: a bad channel, one line, exit 1", p.returncode == 1 and "channel is chat or email" in p.stderr, p.stderr)

# Not an admin: 403, nothing sent.
sent = (len(hook.posts), len(smtp.mails))
for who, auth in (("sam", sam), ("pat", pat)):
    r = post({"channel": "chat"}, auth=auth)
    check("403 a test message by " + who, r.status == 403, r)
check("nothing sent by the refused", (len(hook.posts), len(smtp.mails)) == sent)

hook.down()
smtp.down()
srv.stop()
finish()
