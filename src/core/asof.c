/* asof.c: the tree as it stood at an instant, from creation times, check-ins and status updates. */
#include "core/asof.h"

#include <stdlib.h>
#include <string.h>

#include "core/progress.h"
#include "util/xalloc.h"

void
asof_history_release(struct asof_history *h)
{
	for (size_t i = 0; i < h->nkrs; i++)
		free(h->krs[i].author);
	free(h->krs);
	free(h->objectives);
	memset(h, 0, sizeof(*h));
}

static const struct asof_objective *
find_objective(const struct asof_history *h, int64_t id)
{
	size_t lo = 0, hi = h->nobjectives;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->objectives[mid].id == id)
			return &h->objectives[mid];
		if (h->objectives[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const struct asof_kr *
find_kr(const struct asof_history *h, int64_t id)
{
	size_t lo = 0, hi = h->nkrs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->krs[mid].id == id)
			return &h->krs[mid];
		if (h->krs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void
apply_kr(struct arena *ar, struct key_result *kr, const struct asof_kr *x)
{
	kr->health = x->checkin_at ? x->health : HEALTH_NONE;
	kr->last_checkin_at = x->checkin_at;
	kr->last_checkin_author = x->checkin_at && x->author ? arena_strdup(ar, x->author) : NULL;
	kr->last_source = x->checkin_at ? x->source : SOURCE_MANUAL;
	if (kr->kind == KR_CRITERIA) {
		kr->progress = x->checkin_at ? x->progress : 0;
	} else if (!x->checkin_at) {
		kr->current = kr->start;
	} else if (x->has_value) {
		kr->current = x->value;
	} else {
		/* A metric check-in always carries its value; an old row without one still
		 * says its progress, so go back to the value from that. */
		kr->current = kr->start + x->progress * (kr->target - kr->start);
	}
}

static void
apply_objective(struct arena *ar, struct objective *o, const struct asof_objective *x,
		const struct asof_history *h)
{
	size_t keep = 0;

	if (o->state == STATE_CLOSED && !(x->closed_at && x->closed_at < h->until))
		o->state = STATE_ACTIVE;
	o->health = x->status_at ? x->status_health : HEALTH_NONE;
	o->last_status_at = x->status_at;
	for (size_t k = 0; k < o->nkrs; k++) {
		const struct asof_kr *y = find_kr(h, o->krs[k].id);

		if (!y || y->created_at >= h->until)
			continue; /* its memory is the arena's */
		apply_kr(ar, &o->krs[k], y);
		if (keep != k)
			o->krs[keep] = o->krs[k];
		keep++;
	}
	o->nkrs = keep;
}

void
asof_apply(struct arena *ar, struct objective *v, size_t *n, const struct asof_history *h)
{
	size_t keep = 0;

	for (size_t i = 0; i < *n; i++) {
		const struct asof_objective *x = find_objective(h, v[i].id);

		if (!x || x->created_at >= h->until)
			continue;
		apply_objective(ar, &v[i], x, h);
		if (keep != i)
			v[keep] = v[i];
		keep++;
	}
	*n = keep;
}

/* A criteria KR while it is rolled up as a pinned number, and what to put back. */
struct pinned {
	struct key_result *kr;
	double start, target, current;
};

int
asof_rollup(struct arena *ar, struct objective *v, size_t n, size_t **roots, size_t *nroots)
{
	struct pinned *saved;
	size_t nsaved = 0, s = 0;
	int rc;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < v[i].nkrs; k++)
			nsaved += v[i].krs[k].kind == KR_CRITERIA;
	saved = xcalloc(nsaved ? nsaved : 1, sizeof(*saved));
	/*
	 * progress_kr() computes a criteria KR from its criteria, whose states are
	 * those of now. A metric from 0 to 1 at the recorded progress gives exactly
	 * that progress ((p - 0) / (1 - 0) == p), so the roll-up itself stays core's.
	 */
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < v[i].nkrs; k++) {
			struct key_result *kr = &v[i].krs[k];

			if (kr->kind != KR_CRITERIA)
				continue;
			saved[s++] = (struct pinned){kr, kr->start, kr->target, kr->current};
			kr->kind = KR_METRIC;
			kr->start = 0;
			kr->target = 1;
			kr->current = kr->progress;
		}
	}
	rc = progress_rollup(ar, v, n, roots, nroots);
	for (s = 0; s < nsaved; s++) {
		struct key_result *kr = saved[s].kr;

		kr->kind = KR_CRITERIA;
		kr->start = saved[s].start;
		kr->target = saved[s].target;
		kr->current = saved[s].current;
	}
	free(saved);
	return rc;
}
