"""t68-roles.py: every admin page and action refused to members and viewers, per role.

Every page POST route of routes.def is classified here as an admin action or not, so a new page
route fails this suite until someone decides which it is. The admin's own pages are walked and
every form they show that posts to an admin action is collected (each admin action must be
reachable from one of them). Then, signed in as a member and as a viewer:
  - the same pages show none of those forms (or are refused outright: /settings, /audit, a
    team's manage page);
  - each form, posted with that person's own session and CSRF token and filled as an admin would,
    is refused 403 and changes nothing in the database;
  - each action's API twin answers 403 problem+json and changes nothing.
Last, the admin posts the same forms: none of them is refused (the refusals above are the role's)."""
import html.parser
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish, route_rows  # noqa: E402

# Page POST routes an admin alone may use.
ADMIN_POST = {
    "/cycles/years", "/teams", "/teams/{slug}/rename", "/teams/{slug}/members",
    "/teams/{slug}/members/{handle}/remove", "/people", "/people/{handle}/edit",
    "/people/{handle}/deactivate", "/people/{handle}/reactivate", "/people/{handle}/handover",
    "/settings", "/settings/test-message",
}
# The others, and who they are for (each has its own suite).
OTHER_POST = {
    "/login": "anyone", "/logout": "the signed-in", "/setup/{token}": "the first run's link",
    "/cycles/{name}/copy": "leaders (t29-plan-team-copy)", "/objectives/new": "planners (t29-plan)",
    "/objectives/{id}/edit": "planners", "/objectives/{id}/copy": "planners",
    "/objectives/{id}/delete": "planners", "/objectives/{id}/publish": "planners",
    "/objectives/{id}/key-results": "planners", "/key-results/{id}/criteria": "planners",
    "/key-results/{id}/move": "planners", "/key-results/{id}/delete": "planners",
    "/key-results/{id}/edit": "planners", "/key-results/{id}/initiatives": "planners",
    "/objectives/{id}/status": "the DRI (t42)", "/objectives/{id}/retro": "the DRI",
    "/objectives/{id}/close": "the DRI", "/objectives/{id}/reopen": "the DRI",
    "/key-results/{id}/checkin": "the KR's DRI (t42)", "/objectives/{id}/comments": "members (t45)",
    "/comments/{id}/edit": "the author (t45)", "/comments/{id}/remove": "the author",
    "/checkins/{id}/amend": "the author (t40)", "/checkins/{id}/retract": "the author",
    "/status-updates/{id}/retract": "the author", "/criteria/{id}/remove": "planners",
    "/initiatives/{id}/remove": "planners", "/links/{id}/remove": "planners",
    "/checkin": "the DRI (t42)", "/me/password": "oneself (t50)", "/me/sessions/end": "oneself",
    "/me/tokens": "oneself", "/me/tokens/{id}/revoke": "oneself",
    "/key-results/{id}/source": "who may check in on the KR (t67-sources)",
    "/key-results/{id}/source/clear": "who may check in on the KR",
    "/key-results/{id}/source/read": "who may check in on the KR",
}
# Pages a member or a viewer may not open at all.
ADMIN_ONLY_PAGES = ["/settings", "/audit", "/teams/core/manage"]
# Where the admin finds the forms.
WALK = ["/people", "/people/pat", "/people/gone", "/teams", "/teams/core", "/teams/core/manage",
        "/cycles", "/settings", "/audit"]

rows = route_rows()
page_posts = {r["pattern"] for r in rows if r["method"] == "POST" and not r["pattern"].startswith(("/api/", "/hooks/"))}
unclassified = sorted(page_posts - ADMIN_POST - set(OTHER_POST))
check("every page POST route is classified admin or not", not unclassified, unclassified)
check("the classification names only routes that exist", (ADMIN_POST | set(OTHER_POST)) <= page_posts,
      sorted((ADMIN_POST | set(OTHER_POST)) - page_posts))


def pattern_re(p):
    return re.compile("^" + re.sub(r"\\\{[a-z]+\\\}", "[^/]+", re.escape(p)) + "$")


ADMIN_RE = [(p, pattern_re(p)) for p in sorted(ADMIN_POST)]


def admin_route(action):
    path = urllib.parse.urlsplit(action).path
    return next((p for p, rx in ADMIN_RE if rx.match(path)), None)


class Forms(html.parser.HTMLParser):
    """The POST forms of a page: action and the fields a browser would send as drawn."""

    def __init__(self):
        super().__init__()
        self.forms, self.cur, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self.cur = {"action": a.get("action") or "", "fields": []}
            self.forms.append(self.cur)
        elif self.cur is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "reset"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.cur["fields"].append((a["name"], a.get("value") or "", a.get("type") or "text"))
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None]
            self.cur["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            if self.select[1] is None or "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self.cur["fields"].append((a["name"], "", "textarea"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.cur = None
        elif tag == "select":
            self.select = None


def forms_of(body):
    f = Forms()
    f.feed(body.decode("utf-8", "replace"))
    out = []
    for form in f.forms:
        fields = [(x[0], x[1] or "") if isinstance(x, list) else x[:2] for x in form["fields"]]
        out.append({"action": form["action"], "fields": fields})
    return out


# What an admin would type into an empty field.
TYPED = {"handle": "newbie", "name": "New Bie", "slug": "newteam", "joined_on": "2021-01-01",
         "year": "FY2029", "starts_on": "2028-02-01", "to": "rio", "password": "a long enough password"}


def filled(fields, csrf):
    out = []
    for name, value in fields:
        if name == "_csrf":
            value = csrf
        elif not value:
            value = TYPED.get(name, "x")
        out.append((name, value))
    return urllib.parse.urlencode(out)


srv = Server(now="2026-11-02")
alex = srv.token(srv.login("alex", ADMIN_PW))
A = alex.bearer()
for handle, role in (("pat", "member"), ("rio", "member"), ("lee", "leader"), ("gone", "member")):
    srv.person(A, handle, role)
srv.req("POST", "/api/v1/teams", {"slug": "core", "name": "Core"}, auth=A)
srv.req("POST", "/api/v1/teams/core/members", {"handle": "pat"}, auth=A)
srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"}, auth=A)
srv.req("POST", "/api/v1/objectives", {"cycle": "FY2027-Q4", "dri": "gone", "title": "Gone's own"}, auth=A)
srv.req("POST", "/api/v1/people/gone/deactivate", {}, auth=A)

# The admin's forms on the admin pages.
seen = {}
for page in WALK:
    r = srv.req("GET", page, auth=alex.session())
    check("admin: %s is 200" % page, r.status == 200, r)
    for form in forms_of(r.body):
        route = admin_route(form["action"])
        if route:
            seen.setdefault(form["action"], (route, page, form["fields"]))
missing = sorted(ADMIN_POST - {v[0] for v in seen.values()})
check("admin: every admin action has a form on the admin's pages", not missing, missing)

people = {}
for handle, role in (("mia", "member"), ("vic", "viewer")):
    people[role] = srv.person(A, handle, role)

for role, who in people.items():
    s = who.session()
    for page in WALK:
        r = srv.req("GET", page, auth=s)
        shown = sorted({f["action"] for f in forms_of(r.body) if admin_route(f["action"])})
        if page in ADMIN_ONLY_PAGES:
            check("%s: %s is refused 403" % (role, page), r.status == 403 and not shown, (r.status, shown))
        else:
            check("%s: %s shows no admin form" % (role, page), r.status in (200, 403) and not shown, (r.status, shown))
    for action, (route, page, fields) in sorted(seen.items()):
        srv.refused("%s: POST %s (the form on %s) is 403" % (role, action, page), 403, "POST", action,
                    data=filled(fields, s.csrf), ctype="application/x-www-form-urlencoded", auth=s,
                    snap_auth=A)

# The API's twins of the admin actions.
API = [
    ("POST", "/api/v1/cycles/years", {"name": "FY2029", "starts_on": "2028-02-01"}),
    ("POST", "/api/v1/teams", {"slug": "newteam", "name": "New team"}),
    ("PATCH", "/api/v1/teams/core", {"name": "Renamed"}),
    ("POST", "/api/v1/teams/core/members", {"handle": "rio"}),
    ("DELETE", "/api/v1/teams/core/members/pat", None),
    ("POST", "/api/v1/people", {"handle": "newbie", "name": "New Bie", "role": "member", "joined_on": "2021-01-01"}),
    ("PATCH", "/api/v1/people/pat", {"role": "admin"}),
    ("POST", "/api/v1/people/pat/deactivate", {}),
    ("POST", "/api/v1/people/gone/reactivate", {}),
    ("POST", "/api/v1/people/gone/handover", {"to": "rio"}),
    ("PUT", "/api/v1/settings/update_weekday", {"value": "friday"}),
    ("POST", "/api/v1/test-messages", {"channel": "chat"}),
    ("GET", "/api/v1/audit", None),
]
for role, who in people.items():
    for how, auth in (("token", who.bearer()), ("session", who.session())):
        for method, path, body in API:
            r = srv.refused("%s (%s): %s %s is 403" % (role, how, method, path), 403, method, path, body,
                            auth=auth, snap_auth=A)
            check("%s (%s): %s %s is problem+json" % (role, how, method, path),
                  r.ctype.startswith("application/problem+json"), r.ctype)

# The admin is not refused: the 403s above were the role's.
for action, (route, page, fields) in sorted(seen.items()):
    r = srv.req("POST", action, data=filled(fields, alex.csrf), ctype="application/x-www-form-urlencoded",
                auth=alex.session())
    check("admin: POST %s is not refused" % action, r.status not in (401, 403) and r.status < 500, r)

finish()
