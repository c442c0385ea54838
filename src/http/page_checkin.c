/* page_checkin.c: /checkin — everything the signed-in person owes this week, on one form (R8, R13).
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/present.h"
#include "core/validate.h"
#include "http/handler.h"
#include "util/html.h"
#include "util/xalloc.h"

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
field_name(struct buf *b, const struct item *it, const char *what)
{
	buf_reset(b);
	if (it->kr)
		buf_addf(b, "kr-%" PRId64 "-%s", it->kr->id, what);
	else
		buf_addf(b, "obj-%" PRId64 "-%s", it->o->id, what);
}

/* What was typed (when the form comes back) or the default. */
static void
typed(struct request *r, int again, const char *name, const char *fallback, struct buf *out)
{
	buf_reset(out);
	if (again && page_form(r, name, out))
		return;
	buf_adds(out, fallback ? fallback : "");
}

static void
item_error(struct request *r, const struct item *it, const char *field, const char *id)
{
	if (it->outcome != REFUSED)
		return;
	if (field && strcmp(it->err.field, field))
		return;
	buf_adds(&r->out, "<p class=\"error\" role=\"alert\"");
	if (*id) {
		buf_adds(&r->out, " id=\"");
		html_attr(&r->out, id);
		buf_adds(&r->out, "\"");
	}
	buf_adds(&r->out, ">");
	html_txt(&r->out, it->err.msg);
	buf_adds(&r->out, "</p>\n");
}

static int
err_on_shown(const struct item *it)
{
	static const char *const shown[] = {"value", "health", "lines", NULL};

	for (const char *const *s = shown; *s; s++)
		if (!strcmp(it->err.field, *s))
			return 1;
	return 0;
}

static void
render_item(struct request *r, const struct item *it, int again)
{
	struct buf *b = &r->out, name = BUF_INIT, v = BUF_INIT, url = BUF_INIT;
	char num[32];

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
	if (it->outcome == REFUSED && !err_on_shown(it))
		item_error(r, it, NULL, "");
	if (it->outcome == SAVED) {
		buf_adds(b, "</fieldset>\n");
		goto out;
	}
	buf_adds(b, "<div class=\"row\">\n");
	if (it->kr && it->kr->kind == KR_METRIC) {
		field_name(&name, it, "value");
		snprintf(num, sizeof(num), "%g", it->kr->current);
		typed(r, again, name.buf, num, &v);
		buf_addf(b, "<div class=\"field\"><label for=\"%s\">Value now", name.buf);
		if (*it->kr->unit) {
			buf_adds(b, " (");
			html_txt(b, it->kr->unit);
			buf_adds(b, ")");
		}
		buf_addf(b,
			 "</label><span class=\"hint\">from %g to %g</span><input type=\"text\" "
			 "inputmode=\"decimal\" id=\"%s\" name=\"%s\" size=\"10\" value=\"",
			 it->kr->start, it->kr->target, name.buf, name.buf);
		html_attr(b, v.buf);
		buf_addf(b, "\" data-start=\"%.17g\" data-target=\"%.17g\"", it->kr->start,
			 it->kr->target);
		if (it->outcome == REFUSED && !strcmp(it->err.field, "value"))
			buf_addf(b, " aria-invalid=\"true\" aria-describedby=\"%s-error\"",
				 name.buf);
		buf_addf(b, "> <output id=\"%s-preview\" class=\"muted\"></output>", name.buf);
		buf_reset(&url);
		buf_addf(&url, "%s-error", name.buf);
		item_error(r, it, "value", url.buf);
		buf_adds(b, "</div>\n");
	}
	field_name(&name, it, "health");
	typed(r, again, name.buf, health_name(it->kr ? it->kr->health : it->o->health), &v);
	buf_addf(b, "<div class=\"field\"><label for=\"%s\">Health</label>", name.buf);
	page_health_select(b, name.buf, name.buf, v.buf);
	buf_adds(b, "</div>\n");
	if (it->kr) {
		field_name(&name, it, "note");
		typed(r, again, name.buf, "", &v);
		buf_addf(b,
			 "<div class=\"field\"><label for=\"%s\">Note</label><input type=\"text\" "
			 "id=\"%s\" name=\"%s\" size=\"36\" value=\"",
			 name.buf, name.buf, name.buf);
		html_attr(b, v.buf);
		buf_adds(b, "\"></div>\n");
	}
	buf_adds(b, "</div>\n");
	if (!it->kr) {
		item_error(r, it, "lines", "");
		for (size_t k = 0; k < it->o->nkrs; k++) {
			buf_reset(&name);
			buf_addf(&name, "obj-%" PRId64 "-line-%" PRId64, it->o->id,
				 it->o->krs[k].id);
			typed(r, again, name.buf, "", &v);
			buf_addf(b,
				 "<div class=\"field\"><label for=\"%s\">One line on: ", name.buf);
			html_txt(b, it->o->krs[k].title);
			buf_addf(
				b,
				"</label><input type=\"text\" class=\"wide\" id=\"%s\" name=\"%s\" "
				"value=\"",
				name.buf, name.buf);
			html_attr(b, v.buf);
			buf_adds(b, "\"></div>\n");
		}
	}
	buf_adds(b, "</fieldset>\n");
out:
	buf_release(&name);
	buf_release(&v);
	buf_release(&url);
}

static int
render(struct request *r, struct owed *w, int again, int status)
{
	struct buf *b;
	char day[11];
	size_t left = 0;

	page_begin(r, "My update", "checkin");
	b = &r->out;
	cal_format_date(w->due.update_day, day);
	buf_addf(b,
		 "<h1>My update</h1>\n<p class=\"sub\">For the week of %s %s: every "
		 "key result you are DRI of and every objective you report on, in one form.</p>\n",
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
		render_item(r, &w->items[i], again);
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
	struct buf name = BUF_INIT, v = BUF_INIT, note = BUF_INIT;
	int64_t id;
	enum health h;
	int rc = 0;

	field_name(&name, it, "health");
	page_form(r, name.buf, &v);
	if ((rc = validate_health("health", v.buf, &h, &it->err)) < 0)
		goto out;
	if (it->kr) {
		struct checkin_input in = {.key_result = it->kr->id, .health = h};

		if (it->kr->kind == KR_METRIC) {
			field_name(&name, it, "value");
			buf_reset(&v);
			page_form(r, name.buf, &v);
			if (!v.len) {
				rc = okra_err_set(&it->err, OKRA_EINVAL, "value",
						  "Enter the value measured now.");
				goto out;
			}
			if ((rc = validate_number("value", v.buf, &in.value, &it->err)) < 0)
				goto out;
			in.has_value = 1;
		}
		field_name(&name, it, "note");
		page_form(r, name.buf, &note);
		in.note = note.buf;
		rc = app_checkin(r->app, &in, &id, &it->err);
	} else {
		struct status_input in = {.objective = it->o->id, .health = (enum health)h};
		struct status_line *lines = xcalloc(it->o->nkrs + 1, sizeof(*lines));
		struct buf *texts = xcalloc(it->o->nkrs + 1, sizeof(*texts));

		for (size_t k = 0; k < it->o->nkrs; k++) {
			buf_init(&texts[k], 0);
			buf_reset(&name);
			buf_addf(&name, "obj-%" PRId64 "-line-%" PRId64, it->o->id,
				 it->o->krs[k].id);
			if (page_form(r, name.buf, &texts[k]) && texts[k].len) {
				lines[in.nlines].key_result = it->o->krs[k].id;
				lines[in.nlines].line = texts[k].buf;
				in.nlines++;
			}
		}
		in.lines = lines;
		rc = app_status(r->app, &in, &id, &it->err);
		for (size_t k = 0; k < it->o->nkrs; k++)
			buf_release(&texts[k]);
		free(texts);
		free(lines);
	}
out:
	it->outcome = rc < 0 ? REFUSED : SAVED;
	buf_release(&name);
	buf_release(&v);
	buf_release(&note);
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
