/* calibration.c: health calibration — each KR's weekly health from its check-in history against
 * where it finished, summed by DRI and by team. */
#include "app/calibration.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/reads.h"
#include "app/tree.h"
#include "core/calendar.h"
#include "core/present.h"
#include "core/progress.h"
#include "util/arena.h"

/* The weeks said of kr (its check-ins h[0..n), oldest first, of every KR of its objective). */
static void
kr_weeks(const struct app *a, const struct cycle *cy, const struct checkin *h, size_t n,
	 struct calib *x)
{
	int32_t week = DATE_NONE;
	enum health said = HEALTH_NONE;

	for (size_t i = 0; i <= n; i++) {
		int32_t day = i < n ? cal_day_of_instant(h[i].at) : DATE_NONE;
		int32_t w = i < n ? cal_update_day_for(day, a->update_weekday) : DATE_NONE;

		if (i < n &&
		    (h[i].key_result != x->id || h[i].source != SOURCE_MANUAL ||
		     h[i].health == HEALTH_NONE || day < cy->starts_on || day > cy->ends_on))
			continue;
		if (w != week && week != DATE_NONE) {
			x->weeks++;
			x->said[said]++;
		}
		week = w;
		if (i < n)
			said = h[i].health;
	}
}

static int
cmp_dri(const void *p, const void *q)
{
	const struct calib *x = p, *y = q;

	return strcmp(x->dri ? x->dri : "", y->dri ? y->dri : "");
}

static int
cmp_team(const void *p, const void *q)
{
	const struct calib *x = p, *y = q;

	if (!x->team || !y->team)
		return x->team ? 1 : y->team ? -1 : 0;
	return strcmp(x->team, y->team);
}

static int
same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && !strcmp(x, y));
}

/* Sum the KRs into one row per DRI (by_dri) or per team; rows in ar, sorted. */
static struct calib *
sum_rows(struct arena *ar, const struct calib *krs, size_t nkrs, int by_dri, size_t *n)
{
	struct calib *v = arena_calloc(ar, nkrs + 1, sizeof(*v));

	*n = 0;
	for (size_t k = 0; k < nkrs; k++) {
		const struct calib *x = &krs[k];
		struct calib *row = NULL;

		if (!x->weeks)
			continue; /* nothing said: nothing to calibrate */
		for (size_t i = 0; i < *n && !row; i++)
			if (by_dri ? same(v[i].dri, x->dri) : same(v[i].team, x->team))
				row = &v[i];
		if (!row) {
			row = &v[(*n)++];
			row->dri = by_dri ? x->dri : NULL;
			row->team = by_dri ? NULL : x->team;
		}
		row->nkrs++;
		row->weeks += x->weeks;
		for (int h = 0; h < 4; h++)
			row->said[h] += x->said[h];
		row->final += x->final; /* a sum until divided below */
	}
	for (size_t i = 0; i < *n; i++)
		v[i].final /= v[i].nkrs ? v[i].nkrs : 1;
	qsort(v, *n, sizeof(*v), by_dri ? cmp_dri : cmp_team);
	return v;
}

int
app_calibration(struct app *a, struct arena *ar, const char *cycle, struct calibration *out,
		struct okra_err *err)
{
	struct app_tree t;
	size_t nkrs = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_tree(a, ar, cycle && *cycle ? cycle : NULL, &t, err)) < 0)
		return rc;
	out->cycle = t.cycle;
	out->finished = t.cycle.ends_on < a->today;
	for (size_t i = 0; i < t.n; i++)
		nkrs += t.v[i].nkrs;
	out->krs = arena_calloc(ar, nkrs + 1, sizeof(*out->krs));
	for (size_t i = 0; i < t.n; i++) {
		const struct objective *o = &t.v[i];
		struct checkin *h;
		size_t nh;

		if (o->cycle != t.cycle.id || o->state == STATE_DRAFT || !o->nkrs)
			continue;
		if ((rc = app_objective_checkins(a, ar, o->id, &h, &nh, err)) < 0)
			return rc;
		for (size_t k = 0; k < o->nkrs; k++) {
			struct calib *x = &out->krs[out->nkrs++];

			x->id = o->krs[k].id;
			x->objective = o->id;
			x->title = o->krs[k].title;
			x->dri = o->krs[k].dri_handle;
			x->team = o->team_slug;
			x->nkrs = 1;
			x->final = progress_clamp(o->krs[k].progress);
			kr_weeks(a, &t.cycle, h, nh, x);
		}
	}
	out->dris = sum_rows(ar, out->krs, out->nkrs, 1, &out->ndris);
	out->teams = sum_rows(ar, out->krs, out->nkrs, 0, &out->nteams);
	return 0;
}

void
calib_sentence(struct buf *b, const struct calib *x, int finished)
{
	buf_addf(b, "said %s in %d of %d week%s", present_health_words(HEALTH_ON_TRACK),
		 x->said[HEALTH_ON_TRACK], x->weeks, x->weeks == 1 ? "" : "s");
	if (x->nkrs > 1)
		buf_addf(b, " over %d key results", x->nkrs);
	buf_adds(b, finished ? ", finished at " : ", is at ");
	present_pct(b, x->final);
	if (x->nkrs > 1)
		buf_adds(b, " on average");
}

static void
jw_calib(struct jw *w, const struct calib *x, int finished, int kind)
{
	struct buf s = BUF_INIT;

	jw_object(w);
	if (kind == 'k') {
		jw_kint(w, "id", x->id);
		jw_kint(w, "objective", x->objective);
		jw_kstr(w, "title", x->title);
	}
	if (kind != 't')
		jw_kstr(w, "dri", x->dri);
	if (kind != 'd')
		jw_kstr(w, "team", x->team);
	if (kind != 'k')
		jw_kint(w, "key_results", x->nkrs);
	jw_kint(w, "weeks", x->weeks);
	jw_kint(w, "on_track", x->said[HEALTH_ON_TRACK]);
	jw_kint(w, "needs_attention", x->said[HEALTH_NEEDS_ATTENTION]);
	jw_kint(w, "at_risk", x->said[HEALTH_AT_RISK]);
	jw_kreal(w, "final", x->final);
	calib_sentence(&s, x, finished);
	jw_kstr(w, "sentence", s.buf);
	jw_end(w);
	buf_release(&s);
}

void
app_jw_calibration(struct jw *w, const struct calibration *c)
{
	char d[11];

	jw_object(w);
	jw_kstr(w, "cycle", c->cycle.name);
	cal_format_date(c->cycle.starts_on, d);
	jw_kstr(w, "starts_on", d);
	cal_format_date(c->cycle.ends_on, d);
	jw_kstr(w, "ends_on", d);
	jw_kbool(w, "finished", c->finished);
	jw_key(w, "dris");
	jw_array(w);
	for (size_t i = 0; i < c->ndris; i++)
		jw_calib(w, &c->dris[i], c->finished, 'd');
	jw_end(w);
	jw_key(w, "teams");
	jw_array(w);
	for (size_t i = 0; i < c->nteams; i++)
		jw_calib(w, &c->teams[i], c->finished, 't');
	jw_end(w);
	jw_key(w, "key_results");
	jw_array(w);
	for (size_t i = 0; i < c->nkrs; i++)
		jw_calib(w, &c->krs[i], c->finished, 'k');
	jw_end(w);
	jw_end(w);
}
