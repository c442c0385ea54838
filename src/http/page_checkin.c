/* page_checkin.c: /checkin — everything the signed-in person owes this week, on one form (R8, R13).
 */
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

/* What happened to each item of a submission: not tried, saved, or refused with a reason. */
enum outcome { NOT_TRIED, SAVED, REFUSED };

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
	if ((rc = app_due(r->app, r->app->today, &w->due, err)) < 0 ||
	    (rc = app_cycles(r->app, &cs, &nc, err)) < 0)
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
		cycle_release(&cs[c]);
	}
	free(cs);
	/* KR check-ins first, then statuses: a status reads best after the numbers moved. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < w->due.n; i++) {
			const struct due_item *d = &w->due.v[i];
			struct item *it;

			if (strcmp(d->handle, r->who.handle) || (pass == 0) != (d->key_result != 0))
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

static void
render_item(struct request *r, const struct item *it)
{
	struct buf *b = &r->out, url = BUF_INIT;
	struct form f = {.r = r, .err = it->outcome == REFUSED ? &it->err : NULL};

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
	if (it->outcome == SAVED)
		buf_adds(b, "<p class=\"notice\">Saved.</p>\n");
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

static int
render(struct request *r, struct owed *w, int again, int status)
{
	struct buf *b;
	char day[11], from[11], to[11];
	size_t left = 0;

	page_begin(r, "My update", "checkin");
	b = &r->out;
	cal_format_date(w->due.update_day, day);
	cal_format_date(w->due.update_day - CAL_WINDOW_BEFORE, from);
	cal_format_date(w->due.update_day + CAL_WINDOW_AFTER, to);
	/* R15: the update day this update counts for, and the days that count for it. */
	buf_addf(b,
		 "<h1>My update</h1>\n<p class=\"sub\">For the week of %s %s: every "
		 "key result you are DRI of and every objective you report on, in one form. "
		 "What you write from %s %s to %s %s counts for %s %s.</p>\n",
		 cal_weekday_name(cal_weekday(w->due.update_day)), day,
		 cal_weekday_name(cal_weekday(w->due.update_day - CAL_WINDOW_BEFORE)), from,
		 cal_weekday_name(cal_weekday(w->due.update_day + CAL_WINDOW_AFTER)), to,
		 cal_weekday_name(cal_weekday(w->due.update_day)), day);
	if (!again && req_query(r, "saved"))
		buf_adds(b, "<p class=\"notice\" role=\"status\">Saved. Thank you!</p>\n");
	for (size_t i = 0; i < w->n; i++)
		left += w->items[i].outcome != SAVED;
	if (!w->n || !left) {
		buf_adds(b,
			 "<p class=\"notice\">Nothing is due from you this week: you are up to "
			 "date.</p>\n");
		return page_end(r, status);
	}
	if (again)
		buf_adds(b,
			 "<p class=\"notice bad\" role=\"alert\">Some items were not saved: see "
			 "below. Everything else was.</p>\n");
	buf_adds(b, "<form method=\"post\" action=\"/checkin\">\n");
	page_csrf(r);
	for (size_t i = 0; i < w->n; i++)
		render_item(r, &w->items[i]);
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
		return page_error(r, 503, "Not now", err.msg);
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
	it->outcome = rc < 0 ? REFUSED : SAVED;
}

int
h_page_checkin_post(struct request *r)
{
	struct okra_err err = {0};
	struct owed w;
	size_t refused = 0;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if ((rc = owed_load(r, &w, &err)) < 0) {
		owed_release(&w);
		return page_error(r, 503, "Not now", err.msg);
	}
	for (size_t i = 0; i < w.n; i++) {
		apply(r, &w.items[i]);
		refused += w.items[i].outcome == REFUSED;
	}
	if (!refused)
		page_redirect(r, "/checkin?saved=1");
	else
		render(r, &w, 1, 422);
	owed_release(&w);
	return 0;
}
