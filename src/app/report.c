/* report.c: the weekly report: gathered from the tree and the history, written as Markdown and
 * JSON. */
#include "app/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/json_write.h"
#include "core/calendar.h"
#include "core/present.h"
#include "core/progress.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "app/tree.h"

#define DAY 86400
#define MAX_DEPTH 64

/* What each objective of the tree contributes: its KRs' history and its own progress at t0/t1. */
struct hist {
	struct checkin *c;
	size_t nc;
	struct status_update *s;
	size_t ns;
	int done;
	double at[2]; /* clamped roll-up at t0, t1 */
};

/* The latest check-in of kr before t, or NULL (history is oldest first). */
static const struct checkin *
checkin_before(const struct hist *h, int64_t kr, int64_t t)
{
	const struct checkin *best = NULL;

	for (size_t i = 0; i < h->nc; i++)
		if (h->c[i].key_result == kr && h->c[i].at < t)
			best = &h->c[i];
	return best;
}

static double
kr_at(const struct hist *h, int64_t kr, int64_t t)
{
	const struct checkin *c = checkin_before(h, kr, t);

	return c ? c->progress : 0;
}

/* R10 at instants t[0], t[1], from the history; memoised in h[i].at. */
static void
rollup_at(const struct app_tree *t, struct hist *h, size_t i, const int64_t when[2], int depth)
{
	const struct objective *o = &t->v[i];
	double sum[2] = {0, 0}, w = 0;

	if (h[i].done)
		return;
	h[i].done = 1;
	for (size_t k = 0; k < o->nkrs; k++) {
		double kw = progress_weight(o->krs[k].weight);

		for (int x = 0; x < 2; x++)
			sum[x] += kw * progress_clamp(kr_at(&h[i], o->krs[k].id, when[x]));
		w += kw;
	}
	for (size_t c = 0; c < o->nchildren && depth < MAX_DEPTH; c++) {
		size_t j = o->children[c];
		double cw = progress_weight(t->v[j].weight);

		rollup_at(t, h, j, when, depth + 1);
		for (int x = 0; x < 2; x++)
			sum[x] += cw * h[j].at[x];
		w += cw;
	}
	for (int x = 0; x < 2; x++)
		h[i].at[x] = w > 0 ? sum[x] / w : 0;
}

static void
add_objective(struct report *r, size_t *alloc, const struct app_tree *t, const struct hist *h,
	      size_t i, int depth, int64_t t1, int64_t tend)
{
	const struct objective *o = &t->v[i];
	const struct status_update *st = NULL;
	struct report_objective *x;

	for (size_t s = 0; s < h[i].ns; s++)
		if (h[i].s[s].at < tend)
			st = &h[i].s[s];
	ALLOC_GROW(r->v, r->n + 1, *alloc);
	x = &r->v[r->n++];
	memset(x, 0, sizeof(*x));
	x->id = o->id;
	x->parent = o->parent;
	x->depth = depth;
	x->title = xstrdup(o->title);
	x->dri = xstrdup(o->dri_handle ? o->dri_handle : "?");
	x->team = o->team_slug ? xstrdup(o->team_slug) : NULL;
	x->state = o->state;
	x->health = st ? st->health : HEALTH_NONE;
	x->status_at = st ? st->at : 0;
	x->status_by = st && st->author_handle ? xstrdup(st->author_handle) : NULL;
	x->before = h[i].at[0];
	x->progress = h[i].at[1];
	x->nkrs = o->nkrs;
	x->krs = o->nkrs ? xcalloc(o->nkrs, sizeof(*x->krs)) : NULL;
	for (size_t k = 0; k < o->nkrs; k++) {
		const struct key_result *kr = &o->krs[k];
		const struct checkin *c = checkin_before(&h[i], kr->id, t1);
		struct report_kr *y = &x->krs[k];

		y->id = kr->id;
		y->title = xstrdup(kr->title);
		y->dri = xstrdup(kr->dri_handle ? kr->dri_handle : "?");
		y->health = c ? c->health : HEALTH_NONE;
		y->progress = c ? c->progress : 0;
		y->before = kr_at(&h[i], kr->id, t1 - 7 * DAY);
		for (size_t l = 0; st && l < st->nlines; l++)
			if (st->lines[l].key_result == kr->id && st->lines[l].line)
				y->line = xstrdup(st->lines[l].line);
	}
}

static void
walk(struct report *r, size_t *alloc, const struct app_tree *t, const struct hist *h, size_t i,
     int depth, int64_t t1, int64_t tend)
{
	const struct objective *o = &t->v[i];

	if (depth > MAX_DEPTH)
		return;
	if (o->state != STATE_DRAFT)
		add_objective(r, alloc, t, h, i, depth, t1, tend);
	for (size_t c = 0; c < o->nchildren; c++)
		walk(r, alloc, t, h, o->children[c], depth + (o->state != STATE_DRAFT), t1, tend);
}

/* --- Markdown -------------------------------------------------------------------------------- */

/*
 * Text from people, inline: what Markdown would act on is backslash-escaped,
 * line breaks flattened. An underscore inside a word (on_track) and an
 * ampersand that cannot start an entity stay as they are, so the raw text
 * still reads well when pasted.
 */
static int
alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static void
md_text(struct buf *b, const char *s)
{
	char prev = ' ';

	for (; s && *s; prev = *s, s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			buf_addch(b, ' ');
		else if (*s == '_' && alnum(prev) && alnum(s[1]))
			buf_addch(b, '_');
		else if (*s == '&' && !alnum(s[1]) && s[1] != '#')
			buf_addch(b, '&');
		else if (strchr("\\`*_[]<>|~&", *s))
			buf_addf(b, "\\%c", *s);
		else
			buf_addch(b, *s);
	}
}

static void
md_due(struct buf *b, const struct due_list *d)
{
	for (size_t i = 0; i < d->n;) {
		size_t j = i;

		buf_addf(b, "- @%s: ", d->v[i].handle);
		for (; j < d->n && d->v[j].person == d->v[i].person; j++) {
			const struct due_item *x = &d->v[j];

			if (j > i)
				buf_adds(b, "; ");
			if (x->key_result)
				buf_addf(b, "check-in on KR #%lld ", (long long)x->key_result);
			else
				buf_addf(b, "status of objective #%lld ", (long long)x->objective);
			md_text(b, x->title);
		}
		buf_addch(b, '\n');
		i = j;
	}
}

static void
markdown(struct report *r)
{
	struct buf b = BUF_INIT;
	char upd[11], day[11], when[11], end[11];
	size_t count[4] = {0};
	/* R15: progress is at the end of the update day's window, or of the day asked about */
	int32_t at = r->update_day + CAL_WINDOW_AFTER < r->day ? r->update_day + CAL_WINDOW_AFTER
							       : r->day;

	cal_format_date(r->update_day, upd);
	cal_format_date(r->day, day);
	cal_format_date(at, end);
	for (size_t i = 0; i < r->n; i++)
		count[r->v[i].health]++;
	buf_adds(&b, "# Weekly OKR report: ");
	md_text(&b, r->cycle);
	buf_addf(&b, ", week of %s %s\n\n", cal_weekday_name(cal_weekday(r->update_day)), upd);
	buf_addf(&b,
		 "As of %s %s. Progress is at the end of %s %s; the change is against a week "
		 "before.\n\n",
		 cal_weekday_name(cal_weekday(r->day)), day, cal_weekday_name(cal_weekday(at)),
		 end);
	buf_addf(&b,
		 "**%zu objective%s**: %zu on track, %zu need%s attention, %zu at risk, %zu "
		 "without a status. **%zu update%s missing.**\n",
		 r->n, r->n == 1 ? "" : "s", count[HEALTH_ON_TRACK], count[HEALTH_NEEDS_ATTENTION],
		 count[HEALTH_NEEDS_ATTENTION] == 1 ? "s" : "", count[HEALTH_AT_RISK],
		 count[HEALTH_NONE], r->missing.n, r->missing.n == 1 ? "" : "s");
	for (size_t i = 0; i < r->n; i++) {
		const struct report_objective *o = &r->v[i];
		int level = 2 + (o->depth < 2 ? o->depth : 2);

		buf_addch(&b, '\n');
		for (int l = 0; l < level; l++)
			buf_addch(&b, '#');
		buf_addf(&b, " Objective #%lld: ", (long long)o->id);
		md_text(&b, o->title);
		buf_addf(&b, " (%s%s)\n\n", present_health_words(o->health),
			 o->state == STATE_CLOSED ? ", closed" : "");
		buf_addf(&b, "DRI @%s · ", o->dri);
		if (o->team) {
			buf_adds(&b, "team ");
			md_text(&b, o->team);
		} else {
			buf_adds(&b, "company");
		}
		if (o->parent)
			buf_addf(&b, " · aligned to #%lld", (long long)o->parent);
		buf_adds(&b, " · ");
		present_pct(&b, o->progress);
		buf_adds(&b, " (");
		present_change(&b, o->progress, o->before);
		buf_adds(&b, ")");
		if (o->status_at) {
			cal_format_date(cal_day_of_instant(o->status_at), when);
			buf_addf(&b, " · status of %s", when);
			if (o->status_by)
				buf_addf(&b, " by @%s", o->status_by);
			if (cal_day_of_instant(o->status_at) < r->update_day - CAL_WINDOW_BEFORE)
				buf_adds(&b, " (not updated this week)");
		}
		buf_adds(&b, "\n\n");
		if (!o->nkrs)
			buf_adds(&b, "- *No key results yet.*\n");
		for (size_t k = 0; k < o->nkrs; k++) {
			const struct report_kr *kr = &o->krs[k];

			buf_addf(&b, "- **KR #%lld ", (long long)kr->id);
			md_text(&b, kr->title);
			buf_addf(&b, "** (@%s, %s): ", kr->dri,
				 kr->health == HEALTH_NONE ? "no check-in yet"
							   : present_health_words(kr->health));
			present_pct(&b, kr->progress);
			buf_adds(&b, " (");
			present_change(&b, kr->progress, kr->before);
			buf_adds(&b, ")");
			if (kr->line) {
				buf_adds(&b, " — ");
				md_text(&b, kr->line);
			} else {
				buf_adds(&b, " — *no status line*");
			}
			buf_addch(&b, '\n');
		}
	}
	buf_adds(&b, "\n## Updates still missing\n\n");
	if (!r->missing.n)
		buf_adds(&b, "None: everyone has updated.\n");
	md_due(&b, &r->missing);
	r->markdown = buf_detach(&b, NULL);
}

/* --- gathering ------------------------------------------------------------------------------- */

int
app_report_weekly(struct app *a, const char *cycle, int32_t day, struct report *r,
		  struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct app_tree t = {0};
	struct cycle c = {0};
	struct hist *h = NULL;
	size_t alloc = 0, keep = 0;
	int64_t when[2], tend = ((int64_t)day + 1) * DAY;
	int rc;

	memset(r, 0, sizeof(*r));
	r->day = day;
	/* R15: the week of the nearest update day; progress at its window's end, or at the end
	   of the day asked about if that comes first. */
	r->update_day = cal_update_day_for(day, a->update_weekday);
	when[1] = ((int64_t)r->update_day + CAL_WINDOW_AFTER + 1) * DAY;
	if (when[1] > tend)
		when[1] = tend;
	when[0] = when[1] - 7 * DAY;
	if ((rc = app_cycle_or_quarter(a, &ar, cycle, day, &c, err)) < 0 ||
	    (rc = app_tree(a, &ar, c.name, &t, err)) < 0)
		goto out;
	r->cycle = xstrdup(c.name);
	h = arena_calloc(&ar, t.n, sizeof(*h));
	for (size_t i = 0; i < t.n; i++)
		if ((rc = store_checkins_of_objective(a->db, &ar, t.v[i].id, &h[i].c, &h[i].nc,
						      err)) < 0 ||
		    (rc = store_status_of_objective(a->db, &ar, t.v[i].id, &h[i].s, &h[i].ns,
						    err)) < 0)
			goto out;
	for (size_t i = 0; i < t.n; i++)
		rollup_at(&t, h, i, when, 0);
	for (size_t i = 0; i < t.nroots; i++)
		walk(r, &alloc, &t, h, t.roots[i], 0, when[1], tend);
	/* Missing updates: app_due over every running cycle, kept to this report's objectives. */
	if ((rc = app_due(a, day, &r->missing, err)) < 0)
		goto out;
	for (size_t i = 0; i < r->missing.n; i++) {
		if (app_tree_find(&t, r->missing.v[i].objective) != (size_t)-1) {
			struct due_item tmp = r->missing.v[keep];

			r->missing.v[keep++] = r->missing.v[i];
			r->missing.v[i] = tmp;
		}
	}
	for (size_t i = keep; i < r->missing.n; i++) {
		free(r->missing.v[i].handle);
		free(r->missing.v[i].title);
	}
	r->missing.n = keep;
	markdown(r);
out:
	arena_release(&ar);
	if (rc < 0)
		report_release(r);
	return rc;
}

void
report_release(struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct report_objective *o = &r->v[i];

		for (size_t k = 0; k < o->nkrs; k++) {
			free(o->krs[k].title);
			free(o->krs[k].dri);
			free(o->krs[k].line);
		}
		free(o->krs);
		free(o->title);
		free(o->dri);
		free(o->team);
		free(o->status_by);
	}
	free(r->v);
	free(r->cycle);
	free(r->markdown);
	due_list_release(&r->missing);
	memset(r, 0, sizeof(*r));
}

/* --- JSON ------------------------------------------------------------------------------------ */

void
app_jw_report(struct jw *w, const struct report *r)
{
	size_t count[4] = {0};

	jw_object(w);
	jw_kstr(w, "cycle", r->cycle);
	jw_key(w, "date");
	app_jw_date(w, r->day);
	jw_key(w, "update_day");
	app_jw_date(w, r->update_day);
	for (size_t i = 0; i < r->n; i++)
		count[r->v[i].health]++;
	jw_key(w, "summary");
	jw_object(w);
	jw_kint(w, "objectives", (int64_t)r->n);
	jw_kint(w, "on_track", (int64_t)count[HEALTH_ON_TRACK]);
	jw_kint(w, "needs_attention", (int64_t)count[HEALTH_NEEDS_ATTENTION]);
	jw_kint(w, "at_risk", (int64_t)count[HEALTH_AT_RISK]);
	jw_kint(w, "no_status", (int64_t)count[HEALTH_NONE]);
	jw_kint(w, "missing", (int64_t)r->missing.n);
	jw_end(w);
	jw_key(w, "objectives");
	jw_array(w);
	for (size_t i = 0; i < r->n; i++) {
		const struct report_objective *o = &r->v[i];

		jw_object(w);
		jw_kint(w, "id", o->id);
		jw_kstr(w, "title", o->title);
		jw_kstr(w, "team", o->team);
		jw_kid_or_null(w, "parent", o->parent);
		jw_kint(w, "depth", o->depth);
		jw_kstr(w, "dri", o->dri);
		jw_kstr(w, "state", state_name(o->state));
		jw_kstr(w, "health", health_name(o->health));
		jw_kreal(w, "progress", o->progress);
		jw_kreal(w, "progress_week_before", o->before);
		jw_key(w, "status_at");
		app_jw_instant(w, o->status_at);
		jw_kstr(w, "status_by", o->status_by);
		jw_key(w, "key_results");
		jw_array(w);
		for (size_t k = 0; k < o->nkrs; k++) {
			const struct report_kr *kr = &o->krs[k];

			jw_object(w);
			jw_kint(w, "id", kr->id);
			jw_kstr(w, "title", kr->title);
			jw_kstr(w, "dri", kr->dri);
			jw_kstr(w, "health", health_name(kr->health));
			jw_kreal(w, "progress", kr->progress);
			jw_kreal(w, "progress_week_before", kr->before);
			jw_kstr(w, "line", kr->line);
			jw_end(w);
		}
		jw_end(w);
		jw_end(w);
	}
	jw_end(w);
	jw_key(w, "missing");
	app_jw_due(w, &r->missing);
	jw_kstr(w, "markdown", r->markdown ? r->markdown : "");
	jw_end(w);
}
