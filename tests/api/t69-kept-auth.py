"""t69-kept-auth.py: each server thread keeps, per store revision, the settings it read and who
holds each token and session (src/app/memo.c). Nothing it keeps may outlive a write: a person
deactivated, a token revoked, a session signed out, a role or a setting changed is seen by the very
next request, whoever wrote it (this server, the CLI, another server on the same store).

Every check reads on one keep-alive connection, which libmicrohttpd keeps on one worker thread:
the requests before the write fill that thread's memo, the request after it is answered by the
same thread, so a memo that outlived the write would answer it with what it kept."""
import http.client
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

NOW = "2026-07-01T10:00"


class Conn:
    """One keep-alive connection, reused for every request (so one worker thread answers them)."""

    def __init__(self, srv, auth, what):
        self.c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
        self.auth, self.what, self.sock = auth, what, None

    def get(self, path):
        h = {}
        if self.auth.token:
            h["Authorization"] = "Bearer " + self.auth.token
        elif self.auth.cookie:
            h["Cookie"] = "okra_session=" + self.auth.cookie
        self.c.request("GET", path, headers=h)
        r = self.c.getresponse()
        r.read()
        return r.status

    def warm(self, path, want=200):
        """Ask twice (the second from the thread's memo); the connection must stay open."""
        got = [self.get(path), self.get(path)]
        check("%s: %s answered %d twice" % (self.what, path, want), got == [want, want], got)
        self.sock = self.c.sock
        check("%s: the connection is kept open" % self.what, self.sock is not None)

    def after(self, name, path, want):
        check("%s: still the same connection (the same worker thread)" % self.what,
              self.c.sock is not None and self.c.sock is self.sock)
        got = self.get(path)
        check("%s: %s" % (self.what, name), got == want, got)

    def close(self):
        self.c.close()


def ok(what, r, *status):
    check(what, r.status in (status or (200, 201, 204)), r)
    return r


srv = Server(now=NOW)
A = srv.token(srv.login("alex", ADMIN_PW))
T = "/api/v1/tree"
ok("setup: FY2026", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2026", "starts_on": "2026-01-01"},
                            auth=A.bearer()))
pat = srv.person(A.bearer(), "pat")
kim = srv.person(A.bearer(), "kim")

# --- a person deactivated: their token and their session, on the next request ----------------------
tok, ses = Conn(srv, pat.bearer(), "pat's token"), Conn(srv, pat.session(), "pat's session")
tok.warm(T)
ses.warm("/")
ok("an admin deactivates pat", srv.req("POST", "/api/v1/people/pat/deactivate", auth=A.bearer()))
tok.after("refused once pat is deactivated (401)", T, 401)
ses.after("the page sends pat to sign in once deactivated (303)", "/", 303)
tok.close()
ses.close()
ok("an admin reactivates pat", srv.req("POST", "/api/v1/people/pat/reactivate", auth=A.bearer()))
tok = Conn(srv, pat.bearer(), "pat's token, reactivated")
tok.warm(T)

# --- a role changed: the next request acts with the new role ---------------------------------------
ok("an admin makes pat an admin", srv.req("PATCH", "/api/v1/people/pat", {"role": "admin"}, auth=A.bearer()))
tok.after("the audit trail answers pat as an admin", "/api/v1/audit", 200)
tok.warm("/api/v1/audit")
ok("an admin makes pat a member again", srv.req("PATCH", "/api/v1/people/pat", {"role": "member"},
                                                auth=A.bearer()))
tok.after("the audit trail refuses pat as a member again (403)", "/api/v1/audit", 403)

# --- a token revoked, over the API and by the CLI (another process) --------------------------------
tok.warm(T)
ok("pat's token revoked over the API", srv.req("DELETE", "/api/v1/tokens/%d" % pat.token_id, auth=A.bearer()))
tok.after("refused once revoked (401)", T, 401)
tok.close()
k2 = srv.token(kim.session(), "for the CLI")
tok = Conn(srv, k2.bearer(), "kim's second token")
tok.warm(T)
srv.okra("--as", "alex", "token", "revoke", str(k2.token_id))
tok.after("refused once the CLI revoked it (401)", T, 401)
tok.close()

# --- a session signed out: by itself, and everywhere else -------------------------------------------
kim2 = srv.login("kim", "a long enough password")
ses = Conn(srv, kim2.session(), "kim's second session")
ses.warm(T)
ok("kim signs that session out", srv.req("DELETE", "/api/v1/session", auth=kim2.session()))
ses.after("refused once signed out (401)", T, 401)
ses.close()
ses = Conn(srv, kim.session(), "kim's first session")
ses.warm("/")
kim3 = srv.login("kim", "a long enough password")
ok("kim signs out everywhere else", srv.req("DELETE", "/api/v1/sessions", auth=kim3.session()))
ses.after("the page sends the other session to sign in (303)", "/", 303)
ses.close()

# --- a setting changed: over the API, then by the CLI -----------------------------------------------
adm = Conn(srv, A.bearer(), "alex's token")
S = "/api/v1/settings"


def weekday():
    """The update day, read on alex's kept connection."""
    check("alex's token: still the same connection", adm.c.sock is not None and adm.c.sock is adm.sock)
    adm.c.request("GET", S, headers={"Authorization": "Bearer " + A.token})
    r = adm.c.getresponse()
    return json.loads(r.read()).get("update_weekday")


adm.warm(S)
before = weekday()
ok("the update day set to Friday over the API", srv.req("PUT", S + "/update_weekday", {"value": "friday"},
                                                          auth=A.bearer()))
check("alex's token: the next read says Friday", weekday() in (5, "Friday"), (before, weekday()))
srv.okra("--as", "alex", "setting", "set", "update_weekday", "monday")
check("alex's token: the next read says Monday once the CLI set it", weekday() in (1, "Monday"), weekday())

# --- another server on the same store writes: this one sees it on the next request ------------------
k3 = srv.token(kim3.session(), "for the other server")
tok = Conn(srv, k3.bearer(), "kim's third token")
tok.warm(T)
other = Server(now=NOW, init=False, db=srv.db)
ok("the other server revokes it", other.req("DELETE", "/api/v1/tokens/%d" % k3.token_id, auth=A.bearer()))
tok.after("refused by this server once the other revoked it (401)", T, 401)
tok.close()
adm.warm(S)
ok("the other server sets the update day to Tuesday",
   other.req("PUT", S + "/update_weekday", {"value": "tuesday"}, auth=A.bearer()))
check("alex's token: this server's next read says Tuesday", weekday() in (2, "Tuesday"), weekday())
adm.close()
other.stop()

finish()
