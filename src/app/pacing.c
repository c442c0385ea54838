/* pacing.c: pace and the end-of-cycle forecast on what the reads return (trees, one KR), each in its own cycle. */
#include "app/app_int.h"

#include <stdlib.h>

#include "core/pace.h"
#include "store/store.h"

#define SECONDS_PER_DAY 86400

static const struct cycle *
cycle_of(const struct cycle *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id)
			return &v[i];
	return NULL;
}

/* The first index in h (sorted by key_result) whose key_result is >= kr. */
static size_t
first_of(const struct checkin *h, size_t n, int64_t kr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h[mid].key_result < kr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * One KR's pace and forecast. Only check-ins up to the end of `day` count:
 * the forecast is what was known that day (a tree rebuilt as of a past day
 * must not see the future).
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
}

int
app_tree_pace(struct app *a, struct app_tree *t, int32_t day, struct okra_err *err)
{
	struct pace_thresholds th = {a->pace_attention, a->pace_risk};
	struct cycle *cycles = NULL;
	struct checkin *h = NULL;
	size_t nc = 0, nh = 0;
	int rc = 0;

	if (!t->n)
		return 0;
	if ((rc = store_cycle_list(a->db, &cycles, &nc, err)) < 0 ||
	    (rc = store_checkins_of_cycle(a->db, t->cycle.id, &h, &nh, err)) < 0)
		goto out;
	for (size_t i = 0; i < t->n; i++) {
		struct objective *o = &t->v[i];
		const struct cycle *c = cycle_of(cycles, nc, o->cycle);

		if (!c)
			continue;
		pace_compute(o->progress, o->health, c->starts_on, c->ends_on, day, &th, &o->pace);
		for (size_t k = 0; k < o->nkrs; k++) {
			struct key_result *kr = &o->krs[k];
			size_t lo = first_of(h, nh, kr->id), hi = lo;

			while (hi < nh && h[hi].key_result == kr->id)
				hi++;
			kr_pace(a, kr, c, h + lo, hi - lo, day);
		}
	}
out:
	for (size_t i = 0; i < nc; i++)
		cycle_release(&cycles[i]);
	free(cycles);
	free(h);
	return rc;
}

int
app_kr_pace(struct app *a, struct key_result *kr, const struct checkin *h, size_t n,
	    struct okra_err *err)
{
	struct objective o = {0};
	struct cycle c = {0};
	int rc;

	if ((rc = store_objective_get(a->db, kr->objective, &o, err)) < 0 ||
	    (rc = store_cycle_get(a->db, o.cycle, &c, err)) < 0)
		goto out;
	/* store_checkins_of_kr gives them oldest first, as kr_pace needs. */
	kr_pace(a, kr, &c, h, n, a->today);
out:
	objective_release(&o);
	cycle_release(&c);
	return rc;
}
