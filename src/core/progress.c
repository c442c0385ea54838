/* progress.c: key result progress and the objective roll-up (R3, R9, R10), with no I/O. */
#include "core/progress.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/xalloc.h"

/*
 * Float sums such as 0.1 + 0.2 or three criteria of 33.3/33.3/33.4 land a hair
 * below an exact target; R3 must still call that complete.
 */
#define ACHIEVED_EPSILON 1e-9

double
progress_metric(double start, double target, double current)
{
	/* R2 refuses target == start on input; 0 keeps old or imported rows harmless. */
	if (target == start)
		return 0;
	return (current - start) / (target - start);
}

double
progress_clamp(double p)
{
	if (isnan(p) || p < 0)
		return 0;
	if (p > 1)
		return 1;
	return p;
}

double
progress_criteria(const struct criterion *c, size_t n)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		sum += c[i].contribution *
		       (c[i].state == ITEM_CLOSED ? 1.0 : progress_clamp(c[i].progress));
	return sum / 100;
}

double
progress_kr(struct key_result *kr)
{
	if (kr->kind == KR_CRITERIA)
		kr->progress = progress_criteria(kr->criteria, kr->ncriteria);
	else
		kr->progress = progress_metric(kr->start, kr->target, kr->current);
	return kr->progress;
}

int
progress_achieved(const struct objective *o)
{
	size_t i;

	if (o->nkrs == 0)
		return 0;
	for (i = 0; i < o->nkrs; i++)
		if (!(o->krs[i].progress >= 1 - ACHIEVED_EPSILON))
			return 0;
	return 1;
}

double
progress_weight(double w)
{
	return isfinite(w) && w > 0 ? w : 1;
}

/* An open-addressing map from objective id to index, so finding parents is O(n). */
struct id_map {
	int64_t *ids;
	size_t *idx;
	size_t mask;
};

static size_t
hash_id(int64_t id)
{
	uint64_t x = (uint64_t)id;

	/* splitmix64's finaliser: ids are sequential, so spread them over the table. */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (size_t)x;
}

static void
id_map_build(struct id_map *m, const struct objective *v, size_t n)
{
	size_t size = 16, i, h;

	while (size < n * 2)
		size *= 2;
	m->ids = xcalloc(size, sizeof(*m->ids));
	m->idx = xcalloc(size, sizeof(*m->idx));
	m->mask = size - 1;
	/* Slot taken = idx != 0; indices are stored plus one. Id 0 means "no parent". */
	for (i = 0; i < n; i++) {
		if (v[i].id == 0)
			continue;
		for (h = hash_id(v[i].id) & m->mask; m->idx[h]; h = (h + 1) & m->mask)
			if (m->ids[h] == v[i].id)
				break;
		if (m->idx[h])
			continue; /* a duplicate id: the first one wins */
		m->ids[h] = v[i].id;
		m->idx[h] = i + 1;
	}
}

/* The index of id in v, or SIZE_MAX. */
static size_t
id_map_find(const struct id_map *m, int64_t id)
{
	size_t h;

	if (id == 0)
		return SIZE_MAX;
	for (h = hash_id(id) & m->mask; m->idx[h]; h = (h + 1) & m->mask)
		if (m->ids[h] == id)
			return m->idx[h] - 1;
	return SIZE_MAX;
}

static void
id_map_release(struct id_map *m)
{
	free(m->ids);
	free(m->idx);
}

void
progress_rollup_one(struct objective *v, size_t i)
{
	struct objective *o = &v[i];
	double sum = 0, wsum = 0, w;
	size_t k;

	for (k = 0; k < o->nkrs; k++) {
		w = progress_weight(o->krs[k].weight);
		sum += w * progress_clamp(o->krs[k].progress);
		wsum += w;
	}
	for (k = 0; k < o->nchildren; k++) {
		w = progress_weight(v[o->children[k]].weight);
		sum += w * progress_clamp(v[o->children[k]].progress);
		wsum += w;
	}
	o->progress = wsum > 0 ? sum / wsum : 0;
	o->achieved = progress_achieved(o);
}

int
progress_rollup(struct arena *ar, struct objective *v, size_t n, size_t **roots, size_t *nroots)
{
	struct id_map map;
	size_t *parent, *order, *rootv, i, k, head, tail, nr = 0;
	int rc = 0;

	if (roots) {
		*roots = NULL;
		*nroots = 0;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].nkrs; k++)
			progress_kr(&v[i].krs[k]);
		v[i].children = NULL;
		v[i].nchildren = 0;
		v[i].progress = 0;
		v[i].achieved = 0;
	}
	if (n == 0)
		return 0;

	id_map_build(&map, v, n);
	parent = xcalloc(n, sizeof(*parent));
	order = xcalloc(n, sizeof(*order));
	rootv = arena_alloc(ar, n * sizeof(*rootv));

	/* Count children first so each list is allocated once at its final size. */
	for (i = 0; i < n; i++) {
		parent[i] = id_map_find(&map, v[i].parent);
		if (parent[i] == SIZE_MAX)
			rootv[nr++] = i;
		else
			v[parent[i]].nchildren++;
	}
	for (i = 0; i < n; i++) {
		if (v[i].nchildren)
			v[i].children = arena_alloc(ar, v[i].nchildren * sizeof(*v[i].children));
		v[i].nchildren = 0;
	}
	for (i = 0; i < n; i++)
		if (parent[i] != SIZE_MAX) {
			struct objective *p = &v[parent[i]];
			p->children[p->nchildren++] = i;
		}

	/*
	 * Breadth-first from the roots, then compute in reverse: every child comes
	 * after its parent in the order, so the reverse is a valid post-order and
	 * needs no recursion (a 10,000-deep chain cannot overflow the stack).
	 * Objectives on a parent cycle are unreachable from any root, so visiting
	 * fewer than n means a cycle.
	 */
	head = tail = 0;
	for (i = 0; i < nr; i++)
		order[tail++] = rootv[i];
	while (head < tail) {
		struct objective *o = &v[order[head++]];
		for (k = 0; k < o->nchildren; k++)
			order[tail++] = o->children[k];
	}
	if (tail < n) {
		rc = -1;
		goto out;
	}
	for (i = n; i-- > 0;)
		progress_rollup_one(v, order[i]);
	if (roots) {
		*roots = rootv;
		*nroots = nr;
	}
out:
	free(order);
	free(parent);
	id_map_release(&map);
	return rc;
}
