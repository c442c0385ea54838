"""t62-search.py: full-text search (issue 19 item 6) on the engine under test (SQLite FTS5, or
PostgreSQL with OKRA_TEST_PG): a word from each kind of text (objective title and context, KR
title and context, check-in note, status line, retro) is found and links to its objective; a
title that holds the words ranks before texts that only mention them; the index follows edits,
corrections and deletions in the same write; hostile queries (the engines' syntax, quotes, NUL,
control bytes, bad UTF-8, very long) give a 4xx or nothing, never a 5xx; the page /search marks
the matches, escapes the text and keeps a refused query in its form."""
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import ADMIN_PW, Server, check, finish  # noqa: E402

srv = Server(now="2026-07-01")
ada = srv.token(srv.login("alex", ADMIN_PW)).bearer()
pat = srv.person(ada, "pat", "member").bearer()
vic = srv.person(ada, "vic", "viewer").bearer()
check("setup: team", srv.req("POST", "/api/v1/teams", {"slug": "plat", "name": "Platform", "members": ["pat"]},
                             auth=ada).status == 201)
check("setup: FY2027", srv.req("POST", "/api/v1/cycles/years", {"name": "FY2027", "starts_on": "2026-02-01"},
                               auth=ada).status == 201)


def made(what, r):
    check("setup: " + what, r.status == 201, r)
    return r.json["id"]


def search(q, auth=pat, **extra):
    return srv.req("GET", "/api/v1/search?" + urllib.parse.urlencode(dict(q=q, **extra)), auth=auth)


def hits(q, auth=pat):
    r = search(q, auth)
    check("search %r answers 200" % q, r.status == 200, r)
    return r.json["results"] if r.status == 200 else []


O = made("an objective", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "Tame the aardvark backlog",
    "context": "Customers wait for the quetzal console too long."}, auth=pat))
K = made("a KR", srv.req("POST", "/api/v1/key-results", {
    "objective": O, "title": "Cut capybara queue time from 9 to 3 days", "dri": "pat", "unit": "days",
    "start": 9, "target": 3, "context": "Measured on the narwhal dashboard."}, auth=pat))
C = made("a check-in", srv.req("POST", "/api/v1/key-results/%d/checkins" % K, {
    "value": 8, "health": "on_track", "note": "The wombat script now triages overnight."}, auth=pat))
S = made("a status", srv.req("POST", "/api/v1/objectives/%d/status" % O, {
    "health": "needs_attention", "lines": [{"key_result": K, "line": "Blocked on the ocelot migration."}]},
    auth=pat))
r = srv.req("POST", "/api/v1/objectives/%d/retro" % O, {
    "good": ["The pangolin rota worked"], "bad": ["Late start"], "try": ["Plan earlier"]}, auth=pat)
check("setup: a retro", r.status in (200, 201), r)

# --- a word from each kind of text --------------------------------------------------------
for word, kind, key_result, path in (
        ("aardvark", "objective", None, "/objectives/%d" % O),
        ("quetzal", "objective", None, "/objectives/%d" % O),
        ("capybara", "key_result", K, "/objectives/%d#kr-%d" % (O, K)),
        ("narwhal", "key_result", K, "/objectives/%d#kr-%d" % (O, K)),
        ("wombat", "checkin", K, "/objectives/%d#kr-%d" % (O, K)),
        ("ocelot", "status", K, "/objectives/%d#kr-%d" % (O, K)),
        ("pangolin", "retro", None, "/objectives/%d" % O)):
    found = hits(word)
    check("%s finds the %s" % (word, kind), [(h["kind"], h["objective"], h["key_result"], h["path"])
                                             for h in found] == [(kind, O, key_result, path)], found)
    check("%s is a term to highlight" % word, found and word in [t.lower() for t in found[0]["terms"]], found)
found = hits("quetzal")
check("the hit says its objective and cycle",
      found and found[0]["objective_title"] == "Tame the aardvark backlog" and found[0]["cycle"] == "FY2027-Q2", found)
check("stemming: 'triaging' finds 'triages'", [h["kind"] for h in hits("triaging")] == ["checkin"])
check("the last word is also a prefix: 'capyb'", [h["kind"] for h in hits("capyb")] == ["key_result"])
check("every word must be there: 'wombat ocelot' finds nothing", hits("wombat ocelot") == [])
check("words in any order and case: 'BACKLOG aardvark'", [h["kind"] for h in hits("BACKLOG aardvark")] == ["objective"])
check("a viewer finds it too", [h["kind"] for h in hits("aardvark", vic)] == ["objective"])

# --- title hits first ----------------------------------------------------------------------
A = made("an objective that mentions 'lemur' many times", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "Faster builds",
    "context": "lemur lemur lemur: the lemur cache, the lemur runner, lemur everywhere."}, auth=pat))
B = made("an objective titled 'lemur'", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "Retire the lemur cluster"}, auth=pat))
K2 = made("a KR of it", srv.req("POST", "/api/v1/key-results", {
    "objective": A, "title": "Move the lemur jobs", "dri": "pat", "unit": "jobs", "start": 0, "target": 10},
    auth=pat))
found = hits("lemur")
check("title hits rank first", [(h["kind"], h["id"], h["in_title"]) for h in found][:2] in (
    [("objective", B, True), ("key_result", K2, True)], [("key_result", K2, True), ("objective", B, True)]), found)
check("the text that only mentions it comes after", found and (found[-1]["id"], found[-1]["in_title"]) == (A, False), found)
check("limit", len(search("lemur", limit=1).json["results"]) == 1)

# A KR moved to another objective takes its hits (its own and its check-ins') along.
made("a check-in on the KR", srv.req("POST", "/api/v1/key-results/%d/checkins" % K2, {
    "value": 2, "health": "on_track", "note": "The dingo jobs moved first."}, auth=pat))
r = srv.req("POST", "/api/v1/key-results/%d/move" % K2, {"objective": B}, auth=pat)
check("setup: move the KR to the other objective", r.status == 200, r)
check("after a move the KR and its check-in link to their new objective",
      sorted((h["kind"], h["objective"], h["path"]) for h in hits("jobs")) ==
      [("checkin", B, "/objectives/%d#kr-%d" % (B, K2)), ("key_result", B, "/objectives/%d#kr-%d" % (B, K2))],
      hits("jobs"))

# --- kept in step by every write -----------------------------------------------------------
def etag(path):
    return {"If-Match": srv.req("GET", path, auth=pat).header("ETag")}


r = srv.req("PATCH", "/api/v1/objectives/%d" % O, {"title": "Tame the anteater backlog"}, auth=pat,
            headers=etag("/api/v1/objectives/%d" % O))
check("setup: retitle", r.status == 200, r)
check("after an edit the old title is not found", [h["kind"] for h in hits("aardvark")] == [])
check("after an edit the new title is found", [h["kind"] for h in hits("anteater")] == ["objective"])
r = srv.req("PATCH", "/api/v1/checkins/%d" % C, {"note": "The koala script now triages overnight."}, auth=pat)
check("setup: amend the note", r.status in (200, 204), r)
check("an amended note: old word gone, new found", hits("wombat") == [] and
      [h["kind"] for h in hits("koala")] == ["checkin"])
r = srv.req("DELETE", "/api/v1/status-updates/%d" % S, auth=pat)
check("setup: retract the status", r.status in (200, 204), r)
check("a retracted status is not found", hits("ocelot") == [])
r = srv.req("DELETE", "/api/v1/checkins/%d" % C, auth=pat)
check("setup: retract the check-in", r.status in (200, 204), r)
check("a retracted check-in is not found", hits("koala") == [])
D = made("a draft", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "Draft about the axolotl", "draft": True},
    auth=pat))
check("a draft is found, as the tree shows it", [h["id"] for h in hits("axolotl")] == [D])
r = srv.req("DELETE", "/api/v1/objectives/%d" % D, auth=pat, headers=etag("/api/v1/objectives/%d" % D))
check("setup: delete the draft", r.status in (200, 204), r)
check("a deleted draft is not found", hits("axolotl") == [])

# --- hostile queries: a 4xx or nothing, never a 5xx, and nothing written ---------------------
before = srv.digest()
for q in ('"', '""', "'", "lemur\"", '"lemur', "lemur*", "*", "title:lemur", "title : lemur", "{title}: lemur",
          "NEAR(lemur cluster)", "lemur AND", "OR", "NOT lemur", "lemur & !x", "lemur | cluster", "lemur:*",
          "(lemur", "lemur)", "^lemur", "-lemur", "+lemur", "\\", "%", "_", "'; DROP TABLE objectives; --",
          "lemur\u2014cluster", "日本語", "the", "   ", "!!!", "<script>alert(1)</script>", "a" * 200):
    r = search(q)
    check("query %r answers 200" % q[:40], r.status == 200, r)
for raw, what in (("%00", "NUL"), ("lemur%00x", "NUL inside"), ("%01", "a control byte"), ("%FF%FE", "bad UTF-8"),
                  ("a" * 201, "201 bytes"), ("x" * 5000, "5000 bytes")):
    r = srv.req("GET", "/api/v1/search?q=" + raw, auth=pat)
    check("query of %s: 4xx or 200, never 5xx" % what, 400 <= r.status < 500 or r.status == 200, r)
r = srv.req("GET", "/api/v1/search?q=" + "a" * 201, auth=pat)
check("a query over 200 bytes is 422 naming q", r.status == 422 and r.json.get("field") == "q", r)
r = srv.req("GET", "/api/v1/search?q=%FF", auth=pat)
check("bad UTF-8 is refused (400 by the server's door)", r.status in (400, 422), r)
r = srv.req("GET", "/api/v1/search", auth=pat)
check("no q is 400", r.status == 400 and r.json.get("field") == "q", r)
for lim in ("0", "101", "x", "-1", "1e9"):
    r = srv.req("GET", "/api/v1/search?q=lemur&limit=" + lim, auth=pat)
    check("limit=%s is 400" % lim, r.status == 400 and r.json.get("field") == "limit", r)
check("hostile queries wrote nothing", srv.digest() == before)
check("'lemur\"' is the word lemur", len(hits('lemur"')) == 3)
check("'title:lemur' is the words title and lemur (no column filter)", hits("title:lemur") == [])

# --- the page -----------------------------------------------------------------------------
H = made("hostile text", srv.req("POST", "/api/v1/objectives", {
    "cycle": "FY2027-Q2", "team": "plat", "dri": "pat", "title": "<script>alert('gecko')</script> gecko & <b>co</b>"},
    auth=pat))
r = srv.req("GET", "/search?q=gecko", auth=pat)
check("the page answers 200", r.status == 200 and r.ctype.startswith("text/html"), r)
page = r.body.decode()
check("the page groups by kind", '<h2 id="found-objective">Objectives (1)</h2>' in page, page)
# (PostgreSQL's headline reads "<script>…</script>" as a tag and marks only the word after it)
check("the match is marked", "<mark>gecko</mark> &amp; &lt;b&gt;co&lt;/b&gt;" in page, page)
check("the text is escaped", "&lt;script&gt;alert('gecko')&lt;/script&gt; gecko &amp; &lt;b&gt;co&lt;/b&gt;"
      in page.replace("<mark>", "").replace("</mark>", ""), page)
check("no raw script", "<script>alert" not in page)
check("the hit links to its objective", 'href="/objectives/%d"' % H in page, page)
check("the typed query stays in the box", 'name="q" class="wide" value="gecko"' in page, page)
r = srv.req("GET", "/search?q=lemur+cluster", auth=pat)
check("the page shows every kind found", "Objectives (1)" in r.body.decode(), r)
r = srv.req("GET", "/search?q=" + "z" * 201, auth=pat)
check("a refused query: 422, the form again with why, the text kept",
      r.status == 422 and 'aria-invalid="true"' in r.body.decode() and "at most 200" in r.body.decode() and "z" * 201 in r.body.decode(), r)
r = srv.req("GET", "/search?q=%22%27%3Cx%3E", auth=pat)
check("quotes in the box are escaped", r.status == 200 and 'value="&quot;&#39;&lt;x&gt;"' in r.body.decode()
      or 'value="&quot;&#x27;&lt;x&gt;"' in r.body.decode(), r.body.decode()[:3000] if r.status == 200 else r)
r = srv.req("GET", "/search", auth=pat)
check("without q: the form alone", r.status == 200 and 'id="q"' in r.body.decode() and "found-" not in r.body.decode(), r)
r = srv.req("GET", "/", auth=pat)
check("every page has the search box in its header", 'action="/search"' in r.body.decode(), r)

srv.stop()
finish()
