/* page_checkin.c: /checkin — everything the signed-in person is DRI of this week, on one form
 * (R8, R13): what is due first, what was already updated below with this week's entry. Only what
 * the person decided is saved; the rest is left alone. */
#include "http/page.h"

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/present.h"
#include "http/handler.h"
#include "util/html.h"
#include "util/xalloc.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/reads.h"

/* What happened to each item of a submission: not tried, saved, refused with a reason, or left
 * alone (nothing decided, nothing saved). */
enum outcome { NOT_TRIED, SAVED, REFUSED, LEFT };

struct item {
	const struct due_item *due;
	const struct objective *o;
	const struct key_result *kr; /* NULL for an objective status */
	enum outcome outcome;
	struct okra_err err;
};

/* The trees of the cycles the items are in: a fixed number of loads, not one per item. */
struct owed {
	struct due_list due;
	struct app_tree *trees;
	size_t ntrees;
	struct item *items;
	size_t n;
};

static void
owed_release(struct owed *w)
{
	free(w->trees); /* their objectives are the request's arena's */
	free(w->items);
	due_list_release(&w->due);
}

static int
owed_load(struct request *r, struct owed *w, struct okra_err *err)
{
	struct cycle *cs = NULL;
	size_t nc = 0;
	int rc;

	memset(w, 0, sizeof(*w));
	if ((rc = app_duties(r->app, r->app->today, r->who.id, &w->due, err)) < 0 ||
	    (rc = app_cycles(r->app, &r->arena, &cs, &nc, err)) < 0)
		return rc;
	w->trees = xcalloc(nc ? nc : 1, sizeof(*w->trees));
	w->items = xcalloc(w->due.n ? w->due.n : 1, sizeof(*w->items));
	for (size_t c = 0; c < nc; c++) {
		int used = 0;

		for (size_t i = 0; i < w->due.n && !used; i++)
			used = w->due.v[i].cycle == cs[c].id &&
			       !strcmp(w->due.v[i].handle, r->who.handle);
		if (used && app_tree(r->app, &r->arena, cs[c].name, &w->trees[w->ntrees], err) == 0)
			w->ntrees++;
	}
	/* What is due first, then what was updated this week; in each KR check-ins first, then
	 * statuses: a status reads best after the numbers moved. */
	for (int pass = 0; pass < 4; pass++) {
		for (size_t i = 0; i < w->due.n; i++) {
			const struct due_item *d = &w->due.v[i];
			struct item *it;

			if (strcmp(d->handle, r->who.handle) ||
			    (pass % 2 == 0) != (d->key_result != 0) ||
			    (pass >= 2) != (d->done != 0))
				continue;
			it = &w->items[w->n];
			it->due = d;
			for (size_t t = 0; t < w->ntrees && !it->o; t++) {
				size_t idx = app_tree_find(&w->trees[t], d->objective);

				if (idx != (size_t)-1 && w->trees[t].v[idx].cycle == d->cycle)
					it->o = &w->trees[t].v[idx];
			}
			if (!it->o)
				continue;
			for (size_t k = 0; d->key_result && k < it->o->nkrs; k++)
				if (it->o->krs[k].id == d->key_result)
					it->kr = &it->o->krs[k];
			if (d->key_result && !it->kr)
				continue;
			w->n++;
		}
	}
	return 0;
}

/* This week's entry of an item already updated: the value, health and who, when. */
static void
render_entry(struct buf *b, const struct item *it)
{
	const struct key_result *kr = it->kr;
	char day[11];

	buf_adds(b, "<p class=\"meta\">This week: ");
	if (kr) {
		if (kr->kind == KR_METRIC) {
			buf_addf(b, "%g", kr->current);
			if (*kr->unit) {
				buf_adds(b, " ");
				html_txt(b, kr->unit);
			}
			buf_adds(b, " · ");
		}
		html_txt(b, present_health_label(kr->health));
		if (kr->last_checkin_author && *kr->last_checkin_author) {
			buf_adds(b, " · by ");
			html_txt(b, kr->last_checkin_author);
		}
	} else {
		buf_adds(b, "status ");
		html_txt(b, present_health_label(it->o->health));
	}
	if (it->due->last_at > 0) {
		cal_format_date(cal_day_of_instant(it->due->last_at), day);
		buf_addf(b, " on %s", day);
	}
	buf_adds(b, ". Change a field to record another.</p>\n");
}

static void
render_item(struct request *r, const struct item *it, int posted)
{
	struct buf *b = &r->out, url = BUF_INIT;
	struct form f = {.r = r, .err = it->outcome == REFUSED ? &it->err : NULL, .posted = posted};

	buf_adds(b, "<fieldset>\n<legend>");
	html_txt(b, it->kr ? it->kr->title : it->o->title);
	buf_adds(b, "</legend>\n<p class=\"meta\">");
	buf_adds(b, it->kr ? "Key result of " : "Weekly status of ");
	page_url_objective(&url, it->o->id);
	page_link(b, url.buf, it->o->title);
	if (it->kr) {
		buf_adds(b, " · now ");
		present_pct(b, it->kr->progress);
	}
	buf_adds(b, "</p>\n");
	if (it->due->done && it->outcome != SAVED)
		render_entry(b, it);
	if (it->outcome == SAVED)
		buf_adds(b, "<p class=\"notice\">Saved.</p>\n");
	else if (it->outcome == LEFT)
		buf_adds(b, "<p class=\"muted\">Left alone: not saved.</p>\n");
	form_top(&f);
	if (it->outcome != SAVED) {
		if (it->kr)
			page_checkin_fields(&f, it->kr, 0);
		else
			page_status_fields(&f, it->o, 0);
	}
	form_done(&f);
	buf_adds(b, "</fieldset>\n");
	buf_release(&url);
}

/* "A, B and C" of the items with outcome o, each a link to its objective; 0 when none. */
static size_t
list_items(struct buf *b, const struct owed *w, enum outcome o)
{
	struct buf url = BUF_INIT;
	size_t n = 0, total = 0;

	for (size_t i = 0; i < w->n; i++)
		total += w->items[i].outcome == o;
	for (size_t i = 0; i < w->n; i++) {
		const struct item *it = &w->items[i];

		if (it->outcome != o)
			continue;
		if (n)
			buf_adds(b, n + 1 == total ? " and " : ", ");
		buf_reset(&url);
		page_url_objective(&url, it->o->id);
		if (it->kr) {
			page_link(b, url.buf, it->kr->title);
		} else {
			buf_adds(b, "the status of ");
			page_link(b, url.buf, it->o->title);
		}
		n++;
	}
	buf_release(&url);
	return n;
}

/* After a POST that saved not everything: what was saved, what was not and what was left. */
static void
render_outcome(struct buf *b, const struct owed *w)
{
	size_t refused = 0, saved = 0;

	for (size_t i = 0; i < w->n; i++) {
		refused += w->items[i].outcome == REFUSED;
		saved += w->items[i].outcome == SAVED;
	}
	buf_adds(b, refused ? "<div class=\"notice bad\" role=\"alert\">\n"
			    : "<div class=\"notice\" role=\"status\">\n");
	if (refused) {
		buf_adds(b, "<p>Some items were not saved: ");
		list_items(b, w, REFUSED);
		buf_adds(b, ". The reason is beside each field; what you typed is kept.</p>\n");
	}
	buf_adds(b, "<p>");
	if (saved) {
		buf_adds(b, "Saved: ");
		list_items(b, w, SAVED);
		buf_adds(b, ".");
	} else {
		buf_adds(b, "Nothing was saved.");
	}
	buf_adds(b, "</p>\n");
	if (!refused)
		buf_adds(b,
			 "<p>Every item was left as it was: change a field, or tick "
			 "“No change this week”, for each item to record.</p>\n");
	buf_adds(b, "</div>\n");
}

/* After saving: this week's entries, each a link to where it is recorded. */
static void
render_summary(struct buf *b, const struct owed *w)
{
	size_t n = 0;

	for (size_t i = 0; i < w->n; i++)
		n += w->items[i].due->done;
	if (!n)
		return;
	buf_adds(b, "<h2>Recorded this week</h2>\n<ul class=\"recorded\">\n");
	for (size_t i = 0; i < w->n; i++) {
		const struct item *it = &w->items[i];
		struct buf url = BUF_INIT;

		if (!it->due->done)
			continue;
		page_url_objective(&url, it->o->id);
		buf_adds(b, "<li>");
		if (it->kr) {
			page_link(b, url.buf, it->kr->title);
			buf_adds(b, ": ");
			if (it->kr->kind == KR_METRIC) {
				buf_addf(b, "%g", it->kr->current);
				if (*it->kr->unit) {
					buf_adds(b, " ");
					html_txt(b, it->kr->unit);
				}
				buf_adds(b, ", ");
			}
			html_txt(b, present_health_label(it->kr->health));
		} else {
			buf_adds(b, "weekly status of ");
			page_link(b, url.buf, it->o->title);
			buf_adds(b, ": ");
			html_txt(b, present_health_label(it->o->health));
		}
		buf_adds(b, "</li>\n");
		buf_release(&url);
	}
	buf_adds(b, "</ul>\n");
}

/* posted: the page again after a POST (every field shows what was typed). */
static int
render(struct request *r, struct owed *w, int posted, int status)
{
	struct buf *b;
	char day[11], from[11], to[11];
	size_t due = 0, done = 0, shown = 0;

	page_begin(r, "My update", "checkin");
	b = &r->out;
	cal_format_date(w->due.update_day, day);
	cal_format_date(w->due.update_day - CAL_WINDOW_BEFORE, from);
	cal_format_date(w->due.update_day + CAL_WINDOW_AFTER, to);
	/* R15: the update day this update counts for, and the days that count for it. */
	buf_addf(b,
		 "<h1>My update</h1>\n<p class=\"sub\">For the week of %s %s: every "
		 "key result you are DRI of and every objective you report on, in one form. "
		 "What you write from %s %s to %s %s counts for %s %s. "
		 "Only what you change, or confirm with “No change this week”, is "
		 "saved.</p>\n",
		 cal_weekday_name(cal_weekday(w->due.update_day)), day,
		 cal_weekday_name(cal_weekday(w->due.update_day - CAL_WINDOW_BEFORE)), from,
		 cal_weekday_name(cal_weekday(w->due.update_day + CAL_WINDOW_AFTER)), to,
		 cal_weekday_name(cal_weekday(w->due.update_day)), day);
	if (!posted && req_query(r, "saved")) {
		buf_adds(b, "<p class=\"notice\" role=\"status\">Saved. Thank you!</p>\n");
		render_summary(b, w);
	}
	for (size_t i = 0; i < w->n; i++) {
		due += !w->items[i].due->done && w->items[i].outcome != SAVED;
		done += w->items[i].due->done;
		shown += w->items[i].outcome != SAVED;
	}
	if (posted)
		render_outcome(b, w);
	if (!due)
		buf_adds(b,
			 "<p class=\"notice\">Nothing is due from you this week: you are up to "
			 "date.</p>\n");
	if (!shown)
		return page_end(r, status);
	buf_adds(b, "<form method=\"post\" action=\"/checkin\">\n");
	page_csrf(r);
	for (size_t i = 0; i < w->n; i++)
		if (!w->items[i].due->done)
			render_item(r, &w->items[i], posted);
	if (done)
		buf_adds(b, "<h2>Updated this week</h2>\n");
	for (size_t i = 0; i < w->n; i++)
		if (w->items[i].due->done)
			render_item(r, &w->items[i], posted);
	buf_adds(b, "<button type=\"submit\">Save my update</button>\n</form>\n");
	return page_end(r, status);
}

int
h_page_checkin(struct request *r)
{
	struct okra_err err = {0};
	struct owed w;
	int rc;

	if ((rc = owed_load(r, &w, &err)) < 0) {
		owed_release(&w);
		return page_error(r, 503, "Not now", okra_err_text(&err));
	}
	render(r, &w, 0, 200);
	owed_release(&w);
	return 0;
}

/* One item of the form, in its own transaction. */
static void
apply(struct request *r, struct item *it)
{
	int rc;

	if (it->kr)
		rc = page_checkin_post(r, it->kr, 0, &it->err);
	else
		rc = page_status_post(r, it->o, 0, &it->err);
	it->outcome = rc < 0 ? REFUSED : rc == PAGE_LEFT_ALONE ? LEFT : SAVED;
}

int
h_page_checkin_post(struct request *r)
{
	struct okra_err err = {0};
	struct owed w;
	size_t refused = 0, saved = 0;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if ((rc = owed_load(r, &w, &err)) < 0) {
		owed_release(&w);
		return page_error(r, 503, "Not now", okra_err_text(&err));
	}
	for (size_t i = 0; i < w.n; i++) {
		apply(r, &w.items[i]);
		refused += w.items[i].outcome == REFUSED;
		saved += w.items[i].outcome == SAVED;
	}
	/* Saved with nothing refused: the page again, with a summary (the items' entries are
	 * this week's now). Refused or nothing decided: the form again with what was typed. */
	if (!refused && saved)
		page_redirect(r, "/checkin?saved=1");
	else
		render(r, &w, 1, refused ? 422 : 200);
	owed_release(&w);
	return 0;
}
