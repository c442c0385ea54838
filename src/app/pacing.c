/* pacing.c: pace and the end-of-cycle forecast on what the reads return (trees, one KR), each in
 * its own cycle. */
#include "app/app_int.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/pace.h"
#include "core/progress.h"
#include "store/store.h"
#include "util/xalloc.h"
#include "app/tree.h"

#define SECONDS_PER_DAY 86400

static const struct cycle *
cycle_of(const struct cycle *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/*
 * One KR's pace and forecast. Only check-ins up to the end of `day` count:
 * the forecast is what was known that day (a tree rebuilt as of a past day
 * must not see the future). A criteria KR's forecast stays within 0..100%:
 * CLI, API and pages all read it from here.
 */
static void
kr_pace(struct app *a, struct key_result *kr, const struct cycle *c, const struct checkin *h,
	size_t n, int32_t day)
{
	struct pace_thresholds th = {a->pace_attention, a->pace_risk};
	int64_t until = ((int64_t)day + 1) * SECONDS_PER_DAY;
	size_t m = 0;

	while (m < n && h[m].at < until)
		m++;
	pace_compute(kr->progress, kr->health, c->starts_on, c->ends_on, day, &th, &kr->pace);
	kr->forecast_on = c->ends_on;
	kr->has_forecast = pace_forecast(h, m, c->ends_on, &kr->forecast);
	/* Criteria score at most all of them and at least none: a line may not say 255%. */
	if (kr->has_forecast && kr->kind == KR_CRITERIA)
		kr->forecast = progress_clamp(kr->forecast);
}

/* A KR of the tree and its objective's cycle, sorted by KR id to meet the check-ins in order. */
struct kr_ref {
	int64_t id;
	struct key_result *kr;
	const struct cycle *cycle;
};

/* The check-ins of one KR at a time, as the store hands them over (by KR, then time). */
struct pace_walk {
	struct app *a;
	int32_t day;
	struct kr_ref *refs;
	size_t nrefs, next; /* refs[next] is the first KR not done yet */
	struct checkin *h;
	size_t nh, alloc;
};

static int
cmp_ref(const void *x, const void *y)
{
	const struct kr_ref *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

/* Every KR up to id gets its pace: those before it have no check-ins, id has w->h. */
static void
walk_to(struct pace_walk *w, int64_t id)
{
	while (w->next < w->nrefs && w->refs[w->next].id <= id) {
		struct kr_ref *r = &w->refs[w->next++];
		int mine = r->id == id;

		kr_pace(w->a, r->kr, r->cycle, mine ? w->h : NULL, mine ? w->nh : 0, w->day);
	}
}

static void
walk_row(void *ctx, const struct checkin *c)
{
	struct pace_walk *w = ctx;

	if (w->nh && w->h[0].key_result != c->key_result) {
		walk_to(w, w->h[0].key_result);
		w->nh = 0;
	}
	ALLOC_GROW(w->h, w->nh + 1, w->alloc);
	w->h[w->nh++] = *c;
}

int
app_tree_pace(struct app *a, struct app_tree *t, int32_t day, struct okra_err *err)
{
	struct pace_thresholds th = {a->pace_attention, a->pace_risk};
	struct pace_walk w = {a, day, NULL, 0, 0, NULL, 0, 0};
	struct arena ar = ARENA_INIT; /* the cycles */
	struct cycle *cycles = NULL;
	size_t nc = 0, nkrs = 0;
	int rc = 0;

	if (!t->n)
		return 0;
	if ((rc = store_cycle_list(a->db, &ar, &cycles, &nc, err)) < 0)
		goto out;
	for (size_t i = 0; i < t->n; i++)
		nkrs += t->v[i].nkrs;
	w.refs = xcalloc(nkrs ? nkrs : 1, sizeof(*w.refs));
	for (size_t i = 0; i < t->n; i++) {
		struct objective *o = &t->v[i];
		const struct cycle *c = cycle_of(cycles, nc, o->cycle);

		if (!c)
			continue;
		pace_compute(o->progress, o->health, c->starts_on, c->ends_on, day, &th, &o->pace);
		for (size_t k = 0; k < o->nkrs; k++)
			w.refs[w.nrefs++] = (struct kr_ref){o->krs[k].id, &o->krs[k], c};
	}
	qsort(w.refs, w.nrefs, sizeof(*w.refs), cmp_ref);
	if ((rc = store_checkins_of_cycle(a->db, t->cycle.id, walk_row, &w, err)) < 0)
		goto out;
	if (w.nh)
		walk_to(&w, w.h[0].key_result);
	walk_to(&w, INT64_MAX);
out:
	arena_release(&ar);
	free(w.refs);
	free(w.h);
	return rc;
}

int
app_kr_pace(struct app *a, struct key_result *kr, const struct checkin *h, size_t n,
	    struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct cycle c = {0};
	int rc;

	if ((rc = store_objective_get(a->db, &ar, kr->objective, &o, err)) < 0 ||
	    (rc = store_cycle_get(a->db, &ar, o.cycle, &c, err)) < 0)
		goto out;
	/* store_checkins_of_kr gives them oldest first, as kr_pace needs. */
	kr_pace(a, kr, &c, h, n, a->today);
out:
	arena_release(&ar);
	return rc;
}

/* The check-ins of one KR as store_checkins_of_one_kr hands them over. */
struct kr_rows {
	struct checkin *h;
	size_t n, alloc;
};

static void
kr_row(void *ctx, const struct checkin *c)
{
	struct kr_rows *r = ctx;

	ALLOC_GROW(r->h, r->n + 1, r->alloc);
	r->h[r->n++] = *c;
}

int
app_kr_pace_stored(struct app *a, struct key_result *kr, const struct cycle *c, int32_t day,
		   struct okra_err *err)
{
	struct kr_rows r = {0};
	int rc = store_checkins_of_one_kr(a->db, kr->id, kr_row, &r, err);

	if (rc == 0)
		kr_pace(a, kr, c, r.h, r.n, day);
	free(r.h);
	return rc;
}
