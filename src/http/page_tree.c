/* page_tree.c: the company tree, now or as of a day — a cycle's objectives, aligned ones nested. */
#include "http/page.h"

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/present.h"
#include "core/validate.h"
#include "http/cache.h"
#include "http/gzip.h"
#include "http/handler.h"
#include "http/tree_view.h"
#include "util/html.h"
#include "util/xalloc.h"
#include "app/tree.h"
#include "app/reads.h"

/*
 * Who owes an update on which objective this week (R8), to mark them in the
 * tree with the people's handles: one (objective, person) pair each, sorted,
 * strings in the request's arena. And the day the tree is as of ("" = now),
 * which the tree's links keep.
 */
struct due_mark {
	int64_t id;
	const char *handle;
};

struct due_marks {
	struct due_mark *v;
	size_t n;
	char as_of[11];
	struct pieces *parts; /* the page being kept: kept cards join it by reference */
};

static int
cmp_mark(const void *x, const void *y)
{
	const struct due_mark *a = x, *b = y;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return strcmp(a->handle, b->handle);
}

/* Add who owes what on the objectives of v (app_due's rules, on what is loaded). */
static void
load_due(struct request *r, struct due_marks *d, const struct objective *v, size_t n)
{
	struct okra_err err = {0};
	struct due_list l = {0};
	size_t keep = 0;

	if (!n || app_due_among(r->app, r->app->today, v, n, &l, &err) < 0)
		return;
	d->v = xreallocarray(d->v, d->n + l.n + 1, sizeof(*d->v));
	for (size_t i = 0; i < l.n; i++)
		d->v[d->n++] =
			(struct due_mark){l.v[i].objective, arena_strdup(&r->arena, l.v[i].handle)};
	due_list_release(&l);
	qsort(d->v, d->n, sizeof(*d->v), cmp_mark);
	/* A person owing a KR's check-in and the status is named once. */
	for (size_t i = 0; i < d->n; i++)
		if (!keep || cmp_mark(&d->v[keep - 1], &d->v[i]))
			d->v[keep++] = d->v[i];
	d->n = keep;
}

/* "Update due: kim, pat" — the people who still owe on o; nothing once everyone is done. */
static void
due_tag(struct buf *b, const struct due_marks *d, int64_t id)
{
	size_t i = 0, hi = d->n, shown = 0;

	while (i < hi) { /* the first pair of id: a binary search, trees can be large */
		size_t mid = i + (hi - i) / 2;

		if (d->v[mid].id < id)
			i = mid + 1;
		else
			hi = mid;
	}
	for (; i < d->n && d->v[i].id == id; i++) {
		buf_adds(b, shown++ ? ", " : "<span class=\"tag due\">Update due: ");
		html_txt(b, d->v[i].handle);
	}
	if (shown)
		buf_adds(b, "</span>");
}

static void
state_tags(struct buf *b, const struct objective *o, const struct due_marks *due)
{
	if (o->state == STATE_CLOSED)
		buf_adds(b, "<span class=\"tag\">Closed</span>");
	else if (o->state == STATE_DRAFT)
		buf_adds(b, "<span class=\"tag\">Draft</span>");
	if (o->achieved)
		buf_adds(b, "<span class=\"tag done\">Achieved</span>");
	if (o->state == STATE_ACTIVE)
		due_tag(b, due, o->id);
}

/*
 * One objective's card: title, progress, health, DRI, team, marks, and its KRs
 * (krs 0: a heading card; CARD_CONTEXT: shown for what matches under it).
 */
enum { CARD_HEADING, CARD_FULL, CARD_CONTEXT };
static void
card(struct request *r, const struct objective *o, const struct due_marks *due, int krs)
{
	struct buf *b = &r->out, url = BUF_INIT;

	if (krs == CARD_HEADING)
		buf_adds(b, "<div class=\"card\"><div class=\"title\">");
	else
		buf_addf(b, "<div class=\"card%s\" data-objective=\"%lld\"><div class=\"title\">",
			 krs == CARD_CONTEXT ? " context" : "", (long long)o->id);
	page_url_objective(&url, o->id);
	page_link(b, url.buf, o->title);
	buf_adds(b, "</div>\n<div class=\"meta\">");
	page_standing(b, o->progress, o->health, o->dri_handle);
	if (o->team_slug) {
		buf_adds(b, "<span class=\"tag\">");
		buf_reset(&url);
		page_url_team(&url, o->team_slug);
		if (*due->as_of)
			buf_addf(&url, "?as_of=%s", due->as_of);
		page_link(b, url.buf, o->team_slug);
		buf_adds(b, "</span>");
	} else {
		buf_adds(b, "<span class=\"tag\">Company</span>");
	}
	if (krs == CARD_CONTEXT)
		buf_adds(b, "<span class=\"tag\">For context</span>");
	state_tags(b, o, due);
	page_final(b, o);
	page_pace(b, &o->pace, o->health, o->progress, 0, NULL);
	buf_adds(b, "</div>\n");
	if (krs == CARD_FULL && o->nkrs) {
		buf_adds(b, "<ol class=\"krs\">\n");
		for (size_t k = 0; k < o->nkrs; k++) {
			buf_adds(b, "<li>");
			html_txt(b, o->krs[k].title);
			buf_adds(b, " — <strong>");
			present_pct(b, o->krs[k].progress);
			buf_adds(b, "</strong> <span class=\"muted\">(");
			page_kr_values(b, &o->krs[k]);
			buf_adds(b, ")</span>");
			page_forecast(b, &o->krs[k], " · ");
			page_pace(b, &o->krs[k].pace, o->krs[k].health, o->krs[k].progress, 0,
				  " · ");
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ol>\n");
	}
	buf_adds(b, "</div>\n");
	buf_release(&url);
}

/*
 * The cards of kept trees' objectives (app_tree_kept), each kept by objective id while its
 * stamp, its "Update due" marks and whether it shows its KRs are the same: after a check-in
 * only the changed objectives' cards are written again. Used only under the kept trees' lock
 * (a kept tree's stamp is not 0 only then).
 */
struct card_memo {
	int64_t id; /* 0: a free slot */
	uint64_t stamp;
	int krs;
	struct buf due;
	struct piece *html; /* shared with the cached pages that hold it */
};

#define CARD_MEMO_MAX 65536 /* cards kept at most: then forgotten and written again */

static struct card_memo *memo;
static size_t memo_cap, memo_n;

void
page_tree_cards_forget(void)
{
	for (size_t i = 0; i < memo_cap; i++) {
		buf_release(&memo[i].due);
		piece_unref(memo[i].html);
	}
	free(memo);
	memo = NULL;
	memo_cap = memo_n = 0;
}

static struct card_memo *
memo_find(int64_t id)
{
	size_t i = ((uint64_t)id * 0x9e3779b97f4a7c15ULL >> 20) & (memo_cap - 1);

	while (memo[i].id && memo[i].id != id)
		i = (i + 1) & (memo_cap - 1);
	return &memo[i];
}

/* The slot of id, a free one if it has none (the table grown or emptied first if full). */
static struct card_memo *
memo_slot(int64_t id)
{
	if (memo_n >= CARD_MEMO_MAX)
		page_tree_cards_forget();
	if ((memo_n + 1) * 2 > memo_cap) {
		struct card_memo *old = memo;
		size_t n = memo_cap;

		memo_cap = memo_cap ? memo_cap * 2 : 1024;
		memo = xcalloc(memo_cap, sizeof(*memo));
		for (size_t i = 0; i < n; i++)
			if (old[i].id)
				*memo_find(old[i].id) = old[i];
		free(old);
	}
	return memo_find(id);
}

/* The memo's card html into the page: by reference when the page is kept as parts. */
static void
card_put(struct request *r, const struct due_marks *due, struct piece *html)
{
	if (!due->parts) {
		buf_add(&r->out, piece_data(html), piece_len(html));
		return;
	}
	pieces_take(due->parts, &r->out);
	pieces_put(due->parts, html);
}

/* The card of t->v[idx], from the memo when t is kept and nothing the card shows changed. */
static void
card_of(struct request *r, const struct app_tree *t, size_t idx, const struct due_marks *due,
	int krs)
{
	const struct objective *o = &t->v[idx];
	uint64_t stamp = *due->as_of ? 0 : app_tree_kept_stamp(t, idx);
	struct buf mark = BUF_INIT;
	struct card_memo *m;
	size_t at = r->out.len;

	if (!stamp) {
		card(r, o, due, krs);
		return;
	}
	due_tag(&mark, due, o->id);
	m = memo_slot(o->id);
	if (m->id && m->stamp == stamp && m->krs == krs && m->due.len == mark.len &&
	    !memcmp(m->due.buf ? m->due.buf : "", mark.buf ? mark.buf : "", mark.len)) {
		card_put(r, due, m->html);
		buf_release(&mark);
		return;
	}
	card(r, o, due, krs);
	if (!m->id)
		memo_n++;
	m->id = o->id;
	m->stamp = stamp;
	m->krs = krs;
	buf_release(&m->due);
	m->due = mark;
	piece_unref(m->html);
	m->html = piece_new(r->out.buf + at, r->out.len - at);
	if (due->parts) {
		r->out.len = at; /* the card goes in as the memo's piece */
		r->out.buf[at] = '\0';
		card_put(r, due, m->html);
	}
}

/*
 * The subtree under idx, its objectives that are not shown left out: those
 * shown only for what matches under them are heading cards without their KRs,
 * as the year's are.
 */
static void
subtree(struct request *r, const struct app_tree *t, size_t idx, const struct due_marks *due)
{
	const struct objective *o = &t->v[idx];

	if (!TREE_SHOWN(t, idx))
		return;
	buf_adds(&r->out, "<li>");
	card_of(r, t, idx, due, t->shown && t->shown[idx] != TREE_MATCH ? CARD_CONTEXT : CARD_FULL);
	if (o->nchildren) {
		buf_adds(&r->out, "<ul>\n");
		for (size_t i = 0; i < o->nchildren; i++)
			subtree(r, t, o->children[i], due);
		buf_adds(&r->out, "</ul>\n");
	}
	buf_adds(&r->out, "</li>\n");
}

/* The heading: the cycle, its dates, and how much of it is gone (the expected pace). */
static void
heading(struct request *r, const struct app_tree *t, const char *title)
{
	struct buf *b = &r->out;
	char s[11], e[11];
	int32_t today = t->has_as_of ? t->as_of : r->app->today;
	double gone;

	buf_adds(b, "<h1>");
	html_txt(b, title);
	buf_adds(b, "</h1>\n<p class=\"sub\">");
	cal_format_date(t->cycle.starts_on, s);
	cal_format_date(t->cycle.ends_on, e);
	buf_addf(b, "%s to %s", s, e);
	if (present_cycle_gone(t->cycle.starts_on, t->cycle.ends_on, today, &gone)) {
		buf_adds(b, " · ");
		present_pct(b, gone);
		buf_adds(b, " of the cycle gone, so that much progress is on pace");
	}
	buf_addf(b, " · updates due every %s</p>\n", cal_weekday_name(r->app->update_weekday));
}

/*
 * A quarter's roots usually align to the year's objectives, which live in the
 * year's tree: show each such annual objective as a heading card with its
 * quarter objectives under it.
 */
static void
render(struct request *r, const struct app_tree *t, struct pieces *parts)
{
	struct okra_err err = {0};
	struct app_tree year = {0};
	const struct app_tree *kept;
	struct due_marks due;
	struct buf *b = &r->out, yname = BUF_INIT;
	int have_year = 0, aligned_out = 0, rc = -1;

	/* What is owed is about this week: an old tree marks nothing. */
	memset(&due, 0, sizeof(due));
	due.parts = parts;
	if (t->has_as_of)
		cal_format_date(t->as_of, due.as_of);
	else
		load_due(r, &due, t->v, t->n);
	/* The year's tree is needed only when a root aligns to something outside this tree. */
	for (size_t k = 0; k < t->nroots && !aligned_out; k++)
		aligned_out = t->v[t->roots[k]].parent != 0;
	if (t->cycle.kind == CYCLE_QUARTER && t->cycle.parent && aligned_out) {
		struct cycle *cs = NULL;
		size_t nc = 0;

		if (app_cycles(r->app, &r->arena, &cs, &nc, &err) == 0)
			for (size_t i = 0; i < nc; i++)
				if (cs[i].id == t->cycle.parent)
					buf_adds(&yname, cs[i].name);
		/* The tree of now is held (tree_page) and so may the year's be. */
		if (yname.len && t->has_as_of)
			rc = app_tree_as_of(r->app, &r->arena, yname.buf, t->as_of, &year, &err);
		else if (yname.len && (rc = app_tree_kept(r->app, yname.buf, &kept, &err)) == 0)
			year = *kept;
		have_year = yname.len && rc == 0;
		if (have_year && !t->has_as_of)
			load_due(r, &due, year.v, year.n);
	}
	if (!t->nroots)
		buf_adds(b, "<p class=\"notice\">No objectives in this cycle yet.</p>\n");
	else if (t->shown && !t->matches)
		buf_adds(b,
			 "<p class=\"notice\" id=\"no-match\">No objective of this cycle matches "
			 "these filters.</p>\n");
	buf_adds(b, "<ul class=\"tree\">\n");
	/* First the roots that align to an objective of the year, grouped under it. */
	for (size_t i = 0; have_year && i < year.n; i++) {
		const struct objective *y = &year.v[i];
		int any = 0;

		if (y->cycle != t->cycle.parent)
			continue;
		for (size_t k = 0; k < t->nroots && !any; k++)
			any = t->v[t->roots[k]].parent == y->id && TREE_SHOWN(t, t->roots[k]);
		if (!any)
			continue;
		buf_adds(b, "<li>");
		card(r, y, &due, CARD_HEADING);
		buf_adds(b, "<ul>\n");
		for (size_t k = 0; k < t->nroots; k++)
			if (t->v[t->roots[k]].parent == y->id)
				subtree(r, t, t->roots[k], &due);
		buf_adds(b, "</ul></li>\n");
	}
	for (size_t k = 0; k < t->nroots; k++) {
		const struct objective *o = &t->v[t->roots[k]];

		if (have_year && o->parent && app_tree_find(&year, o->parent) != (size_t)-1)
			continue;
		subtree(r, t, t->roots[k], &due);
	}
	buf_adds(b, "</ul>\n");
	buf_release(&yname);
	free(due.v);
}

/*
 * An old tree says so, and what it cannot know (docs/decisions.md, "History"),
 * with the way back to the tree of now.
 */
static void
as_of_notice(struct request *r, const struct app_tree *t, const char *team)
{
	struct buf *b = &r->out, url = BUF_INIT;
	char day[11];

	cal_format_date(t->as_of, day);
	buf_adds(b, "<p class=\"notice\">As it stood on <time datetime=\"");
	html_attr(b, day);
	buf_adds(b, "\">");
	html_txt(b, day);
	buf_adds(b,
		 "</time> (at the end of the day), rebuilt from the check-ins and status "
		 "updates; titles, targets and criteria show as they are now. ");
	if (team) {
		page_url_team(&url, team);
		buf_adds(&url, "?cycle=");
		url_enc(&url, t->cycle.name);
	} else {
		page_url_cycle(&url, t->cycle.name);
	}
	page_link(b, url.buf, "See it now");
	buf_adds(b, "</p>\n");
	buf_release(&url);
}

/*
 * The page's <main> is the same for everyone who asks at one store revision
 * and day (the frame around it, with the name and the CSRF token, is not):
 * it is built once and sent by reference until the next write.
 */
static struct body_cache pages = BODY_CACHE_INIT("page", CACHE_BYTES_MAX);

static void
page_key(struct request *r, struct buf *key, const char *cycle, const char *team, const char *as_of)
{
	char day[11];

	cal_format_date(r->app->today, day);
	buf_addf(key, "%s/%s/", day, as_of ? as_of : "now");
	url_enc(key, cycle ? cycle : "");
	buf_addch(key, '/');
	url_enc(key, team ? team : "");
}

/*
 * The <main> content into parts (pieces_end done): heading, notice, members, selectors, the
 * tree, the kept cards by reference (r->out is the scratch for the rest).
 */
static void
tree_main(struct request *r, const struct app_tree *t, const struct team *tm,
	  const struct tree_filter *f, struct pieces *parts)
{
	struct okra_err err = {0};

	heading(r, t, tm->name ? tm->name : t->cycle.name);
	if (t->has_as_of)
		as_of_notice(r, t, tm->slug);
	if (tm->name) {
		struct strlist m = {0};
		struct buf url = BUF_INIT;

		app_team_members(r->app, tm->id, &m, &err);
		buf_adds(&r->out, "<p class=\"sub\">");
		html_txt(&r->out, t->cycle.name);
		buf_adds(&r->out, " · members:");
		for (size_t i = 0; i < m.n; i++) {
			buf_adds(&r->out, i ? ", " : " ");
			buf_reset(&url);
			page_url_person(&url, m.v[i]);
			page_link(&r->out, url.buf, m.v[i]);
		}
		buf_adds(&r->out, "</p>\n");
		strlist_release(&m);
		buf_release(&url);
	}
	tree_view_form(r, t, f, f->team);
	tree_view_links(r, t, f, f->team);
	render(r, t, parts);
	pieces_take(parts, &r->out);
	pieces_end(parts);
}

/*
 * End the page around a cached body: gzipped when the client accepts it, with the body's deflate
 * segment made once per revision and kept beside it (gz: the hit's copy, or NULL).
 */
static void
end_cached(struct request *r, const char *key, int64_t rev, struct shared_body *body,
	   struct shared_body *gz)
{
	struct shared_body *seg = gz;

	page_end_shared(r, body);
	reply_header(r, "Vary", "Accept-Encoding");
	if (!accepts_gzip(req_header(r, "Accept-Encoding")))
		return;
	if (!seg && (seg = gzip_segment(body)) && rev >= 0)
		cache_put_gz(&pages, key, rev, seg);
	if (seg)
		gzip_reply_segment(r, seg);
	if (seg && seg != gz)
		shared_unref(seg);
}

/* Whether f filters more than a team (whose view, the team's page, is kept). */
static int
filtered(const struct tree_filter *f)
{
	struct tree_filter rest = *f;

	rest.team = NULL;
	return tree_filter_any(&rest);
}

/*
 * The tree of cycle as of *day, or of now: the kept one (app_tree_kept), held
 * (*held set) until the caller's app_kept_unlock, copied into t without its
 * objectives, so that f's marks go into the request's arena and the kept tree
 * is left as it is. Filtered by f; else an error page and -1, nothing held.
 */
static int
load_view(struct request *r, const char *cycle, const int32_t *day, const struct tree_filter *f,
	  struct app_tree *t, int *held)
{
	struct okra_err err = {0};
	const struct app_tree *kept;
	int rc;

	*held = 0;
	if (day) {
		rc = app_tree_as_of(r->app, &r->arena, cycle, *day, t, &err);
	} else {
		app_kept_lock();
		if ((rc = app_tree_kept(r->app, cycle, &kept, &err)) < 0) {
			app_kept_unlock();
		} else {
			*t = *kept;
			*held = 1;
		}
	}
	if (rc == 0 && (rc = app_tree_filter(r->app, &r->arena, t, f, &err)) < 0 && *held) {
		app_kept_unlock();
		*held = 0;
	}
	if (rc == OKRA_EUSAGE)
		return page_error(r, 400, "Not a filter", okra_err_text(&err));
	if (rc == OKRA_ENOTFOUND && cycle)
		return page_error(r, 404, "No such cycle", "There is no cycle with that name.");
	if (rc == OKRA_EINVAL)
		return page_error(r, 422, "No tree for that day", okra_err_text(&err));
	if (rc < 0)
		return page_error(r, rc == OKRA_ENOTFOUND ? 404 : 503, "Nothing to show",
				  okra_err_text(&err));
	return 0;
}

static int
tree_page(struct request *r, const char *cycle, const char *team)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct team tm = {0};
	struct cache_hit h;
	struct buf key = BUF_INIT;
	struct shared_body *body;
	struct pieces parts = PIECES_INIT;
	const char *as_of = req_query(r, "as_of");
	const char *title;
	struct tree_filter f;
	enum tree_format format;
	int32_t day = 0;
	int64_t rev = -1;
	int rc, held;

	/* The form sends an empty as_of for "now". */
	if (as_of && *as_of && validate_date("as_of", as_of, &day, &err) < 0)
		return page_error(r, 400, "Not a date", okra_err_text(&err));
	as_of = as_of && *as_of ? as_of : NULL;
	team = team && *team ? team : NULL;
	cycle = cycle && *cycle ? cycle : NULL;
	if (tree_view_query(r, team, &f, &format, &err) < 0)
		return page_error(r, 400, "Not a filter", okra_err_text(&err));
	/* Without a revision the page is built and not kept: so a filtered view, team aside. */
	if (filtered(&f) || app_revision(r->app, &rev, &err) < 0)
		rev = -1;
	page_key(r, &key, cycle, team, as_of);
	if (rev >= 0 && cache_get(&pages, key.buf, rev, &h)) {
		/* it was built at this revision, so the team and the cycle exist */
		page_begin(r, h.note, team ? NULL : "tree");
		end_cached(r, key.buf, rev, h.body, h.gz);
		cache_hit_release(&h);
		buf_release(&key);
		return 0;
	}
	okra_err_clear(&err);
	if (team && app_team(r->app, &r->arena, team, &tm, &err) < 0) {
		if (rev >= 0)
			cache_give_up(&pages, key.buf, rev);
		buf_release(&key);
		return page_error(r, 404, "No such team", "There is no team with that name.");
	}
	if ((rc = load_view(r, cycle, as_of ? &day : NULL, &f, &t, &held)) < 0) {
		if (rev >= 0)
			cache_give_up(&pages, key.buf, rev);
		buf_release(&key);
		return rc;
	}
	buf_reset(&r->out);
	tree_main(r, &t, &tm, &f, &parts);
	title = tm.name ? tm.name : arena_strdup(&r->arena, t.cycle.name);
	if (held)
		app_kept_unlock();
	body = shared_from_parts(&parts);
	if (rev >= 0)
		cache_put(&pages, key.buf, rev, body, title);
	page_begin(r, title, team ? NULL : "tree");
	end_cached(r, key.buf, rev, body, NULL);
	shared_unref(body);
	buf_release(&key);
	cache_trim();
	return 0;
}

int
h_home(struct request *r)
{
	if (r->who.id <= 0)
		return page_redirect(r, "/login");
	return tree_page(r, req_query(r, "cycle"), req_query(r, "team"));
}

int
h_page_cycle(struct request *r)
{
	return tree_page(r, r->params[0], req_query(r, "team"));
}

int
h_page_team(struct request *r)
{
	return tree_page(r, req_query(r, "cycle"), r->params[0]);
}
