"""t33-cache.py: the caches keyed on the store revision — the tree's JSON and its gzip copy (same bytes once
decoded, Vary: Accept-Encoding, an ETag per coding, 304), and the tree pages, whose cached part is the same
for everyone while the frame still names the person signed in and carries their own CSRF token."""
import gzip
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Auth, Server, check, finish  # noqa: E402


def ok(what, r, *status):
    check(what, r.status in (status or (200, 201)), r)
    return r


def main_of(html):
    m = re.search(rb'<main id="main">(.*)</main>', html, re.S)
    return m.group(1) if m else None


def one_use_free(html):
    """A page without its forms' one-use keys (each render draws new ones)."""
    return re.sub(rb'name="_idem" value="[^"]*"', b'name="_idem"', html)


def csrf_of(html):
    return re.findall(rb'name="_csrf" value="([^"]*)"', html)


srv = Server(now="2026-07-01T10:00")
alex = srv.login("alex", ADMIN_PW)
B = srv.token(alex).bearer()
ok("setup: FY2026", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2026", "starts_on": "2026-01-01"}, auth=B))
ok("setup: team web", srv.req("POST", "/api/v1/teams", {"slug": "web", "name": "Web team"}, auth=B))
pat_t = srv.person(B, "pat", name="Pat Member")
pat = Auth("pat", cookie=pat_t.cookie, csrf=pat_t.csrf)  # the session alone: pages show its CSRF token
O1 = ok("setup: objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2026-Q3", "dri": "alex", "title": "Faster pages"}, auth=B)).json["id"]
ok("setup: web objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2026-Q3", "team": "web", "parent": O1, "dri": "pat", "title": "Lighter bundles"}, auth=B))
K1 = ok("setup: KR", srv.req("POST", "/api/v1/key-results", {
    "objective": O1, "title": "p95 under 200 ms", "dri": "pat", "unit": "ms", "start": 800, "target": 200},
    auth=B)).json["id"]

# --- the tree's JSON: identity and gzip -------------------------------------------------------------
T = "/api/v1/tree?cycle=FY2026-Q3"
plain = ok("tree: 200 without Accept-Encoding", srv.req("GET", T, auth=B))
check("tree: no Accept-Encoding, no Content-Encoding", plain.header("Content-Encoding") is None, plain.headers)
check("tree: Vary: Accept-Encoding", "accept-encoding" in (plain.header("Vary") or "").lower(), plain.headers)
gz = ok("tree: 200 with Accept-Encoding: gzip", srv.req("GET", T, auth=B, headers={"Accept-Encoding": "gzip"}))
check("tree: gzip asked, gzip sent", gz.header("Content-Encoding") == "gzip", gz.headers)
check("tree: the gzip body is gzip", gz.raw[:2] == b"\x1f\x8b", gz.raw[:10])
check("tree: the gzip body decodes to the same bytes", gzip.decompress(gz.raw) == plain.body)
check("tree: the gzip copy is smaller", len(gz.raw) < len(plain.body), (len(gz.raw), len(plain.body)))
check("tree: the gzip answer also says Vary", "accept-encoding" in (gz.header("Vary") or "").lower(), gz.headers)
check("tree: each coding has its own ETag", gz.header("ETag") and plain.header("ETag") and
      gz.header("ETag") != plain.header("ETag"), (gz.header("ETag"), plain.header("ETag")))
again = srv.req("GET", T, auth=B, headers={"Accept-Encoding": "gzip"})
check("tree: the cached gzip copy is the same bytes", again.raw == gz.raw)

for ae, want in (("gzip;q=0", None), ("gzip; q=0.000", None), ("identity", None), ("br, deflate", None),
                 ("br, gzip;q=0.5", "gzip"), ("GZIP", "gzip"), ("x-gzip", "gzip"), ("*;q=0.1", "gzip"),
                 ("deflate, gzip ; q=1.0", "gzip"), ("gzip;q=0.001", "gzip"), ("*;q=0", None)):
    r = ok("tree: Accept-Encoding %r answers" % ae, srv.req("GET", T, auth=B, headers={"Accept-Encoding": ae}))
    check("tree: Accept-Encoding %r gives %s" % (ae, want or "identity"), r.header("Content-Encoding") == want,
          r.headers)
    check("tree: Accept-Encoding %r, same tree" % ae, r.body == plain.body)

r = srv.req("GET", T, auth=B, headers={"Accept-Encoding": "gzip", "If-None-Match": gz.header("ETag")})
check("tree: the gzip ETag back with gzip: 304", r.status == 304, r)
r = srv.req("GET", T, auth=B, headers={"If-None-Match": gz.header("ETag")})
check("tree: the gzip ETag back without gzip: 200 and the identity body",
      r.status == 200 and r.body == plain.body and r.header("Content-Encoding") is None, r)
r = srv.req("GET", T, auth=B, headers={"If-None-Match": plain.header("ETag")})
check("tree: the identity ETag back: 304", r.status == 304, r)
r = srv.req("HEAD", T, auth=B, headers={"Accept-Encoding": "gzip"})
check("tree: HEAD with gzip: 200, no body", r.status == 200 and r.raw == b"", r)

ok("write: a check-in", srv.req("POST", "/api/v1/key-results/%d/checkins" % K1, {"value": 500, "health": "on_track"},
                                auth=pat))
plain2 = ok("tree after a write", srv.req("GET", T, auth=B))
gz2 = ok("tree after a write, gzip", srv.req("GET", T, auth=B, headers={"Accept-Encoding": "gzip"}))
check("tree after a write: a new tree", plain2.body != plain.body)
check("tree after a write: the new value is in it", plain2.json["objectives"][0]["key_results"][0]["current"] == 500,
      plain2.json)
check("tree after a write: the gzip copy is of the new tree", gzip.decompress(gz2.raw) == plain2.body)
check("tree after a write: new ETags", plain2.header("ETag") != plain.header("ETag") and
      gz2.header("ETag") != gz.header("ETag"))
r = srv.req("GET", T, auth=B, headers={"Accept-Encoding": "gzip", "If-None-Match": gz.header("ETag")})
check("tree after a write: the old gzip ETag gets the new tree", r.status == 200 and r.raw == gz2.raw, r)

# --- the tree pages: cached <main>, a frame of one's own -----------------------------------------------
for path in ("/", "/?cycle=FY2026-Q3", "/cycles/FY2026-Q3", "/teams/web", "/?team=web"):
    a1 = ok("page %s as alex" % path, srv.req("GET", path, auth=alex))
    p1 = ok("page %s as pat (from the cache)" % path, srv.req("GET", path, auth=pat))
    a2 = ok("page %s as alex again" % path, srv.req("GET", path, auth=alex))
    check("page %s: HTML" % path, a1.ctype.startswith("text/html") and p1.ctype.startswith("text/html"), a1.headers)
    check("page %s: alex sees alex's name" % path, b"Alex Admin" in a1.body.split(b"<main")[0], a1)
    check("page %s: pat sees pat's name" % path, b"Pat Member" in p1.body.split(b"<main")[0], p1)
    check("page %s: pat does not see alex's name in the frame" % path,
          b"Alex Admin" not in p1.body.split(b"<main")[0], p1)
    check("page %s: alex's CSRF token on alex's page" % path, csrf_of(a1.body) == [alex.csrf.encode()],
          csrf_of(a1.body))
    check("page %s: pat's CSRF token on pat's page" % path, csrf_of(p1.body) == [pat.csrf.encode()],
          csrf_of(p1.body))
    check("page %s: the same tree for both" % path, main_of(a1.body) and main_of(a1.body) == main_of(p1.body))
    check("page %s: the cached page is the built page" % path, a2.body == a1.body)
    check("page %s: a whole document" % path, a1.body.rstrip().endswith(b"</html>") and
          p1.body.rstrip().endswith(b"</html>"), p1.body[-200:])

# --- the tree pages gzipped: the cached <main> compressed once, the frame for each reply ---------------
GZ = {"Accept-Encoding": "gzip"}
for path in ("/", "/cycles/FY2026-Q3", "/teams/web"):
    for who, auth in (("alex", alex), ("pat", pat)):
        p = ok("page %s as %s" % (path, who), srv.req("GET", path, auth=auth))
        z = ok("page %s as %s, gzip" % (path, who), srv.req("GET", path, auth=auth, headers=GZ))
        z2 = ok("page %s as %s, gzip again (the kept segment)" % (path, who),
                srv.req("GET", path, auth=auth, headers=GZ))
        check("page %s as %s: gzip asked, gzip sent" % (path, who), z.header("Content-Encoding") == "gzip", z.headers)
        check("page %s as %s: Vary: Accept-Encoding on both" % (path, who),
              all("accept-encoding" in (x.header("Vary") or "").lower() for x in (p, z)), (p.headers, z.headers))
        check("page %s as %s: no Content-Encoding unasked" % (path, who), p.header("Content-Encoding") is None)
        # gzip.decompress checks the member's CRC-32 and length: the combined trailer must be right
        check("page %s as %s: decodes to the identity page" % (path, who),
              gzip.decompress(z.raw) == p.body and gzip.decompress(z2.raw) == p.body)
        check("page %s as %s: smaller" % (path, who), len(z.raw) < len(p.body), (len(z.raw), len(p.body)))
        check("page %s as %s: %s's own frame in the gzip page" % (path, who, who),
              csrf_of(gzip.decompress(z.raw)) == [auth.csrf.encode()])

# --- every other text reply of a useful size: gzipped when asked, never when it has an ETag ----------
for path, auth in (("/objectives/%d" % O1, alex), ("/people", alex), ("/openapi.json", None),
                   ("/static/okra.css", None), ("/static/okra.js", None)):
    p = ok("%s" % path, srv.req("GET", path, auth=auth))
    z = ok("%s, gzip" % path, srv.req("GET", path, auth=auth, headers=GZ))
    check("%s: gzip asked, gzip sent" % path, z.header("Content-Encoding") == "gzip", z.headers)
    check("%s: decodes to the same bytes" % path, one_use_free(gzip.decompress(z.raw)) == one_use_free(p.body))
    check("%s: Vary" % path, "accept-encoding" in (p.header("Vary") or "").lower(), p.headers)
r = ok("an objective with its ETag", srv.req("GET", "/api/v1/objectives/%d" % O1, auth=B, headers=GZ))
check("an ETag'd reply stays identity (its tag names those bytes)", r.header("Content-Encoding") is None and
      r.header("ETag"), r.headers)

home = srv.req("GET", "/", auth=alex)
team = srv.req("GET", "/teams/web", auth=alex)
check("pages: the team page is its own (title)", b"<title>Web team" in team.body and b"<title>FY2026-Q3" in home.body,
      (team.body[:400], home.body[:400]))
check("pages: the team page lists members", b"members:" in team.body and b"members:" not in home.body)
check("pages: the home page marks the tree in the nav", b'href="/" aria-current="page"' in home.body)
check("pages: the team page does not", b'href="/" aria-current="page"' not in team.body)
r = srv.req("GET", "/teams/nope", auth=alex)
check("pages: no such team is still 404", r.status == 404, r)
r = srv.req("GET", "/cycles/nope", auth=alex)
check("pages: no such cycle is still 404", r.status == 404, r)
r = srv.req("GET", "/?as_of=2026-07-01", auth=alex)
check("pages: as of a day is its own page", r.status == 200 and b"As it stood on" in r.body and
      b"As it stood on" not in home.body, r)
r = srv.req("GET", "/?as_of=nope", auth=alex)
check("pages: a bad day is still 400", r.status == 400, r)

ok("write: a new objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2026-Q3", "dri": "alex", "title": "Quieter pager"}, auth=B))
for who, auth in (("alex", alex), ("pat", pat)):
    r = ok("page / after a write as %s" % who, srv.req("GET", "/", auth=auth))
    check("page / after a write: %s sees the new objective" % who, b"Quieter pager" in r.body, r)
r = srv.req("GET", "/", auth=None)
check("page / signed out: still to /login", r.status == 303 and r.header("Location") == "/login", r)

srv.stop()
finish()
