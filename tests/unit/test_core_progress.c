/* test_core_progress.c: key result progress and the objective roll-up (R2, R3, R9, R10). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "core/progress.h"
#include "util/arena.h"

/* Every test's objectives live here; a test ends with arena_reset(&A). */
static struct arena A = ARENA_INIT;

#define EPS 1e-12

/* Add a metric KR to o. */
static struct key_result *
add_metric(struct objective *o, double start, double target, double current, double weight)
{
	struct key_result *kr;

	o->krs = arena_grow_array(&A, o->krs, o->nkrs, o->nkrs + 1, sizeof(*o->krs));
	kr = &o->krs[o->nkrs++];
	*kr = (struct key_result){0};
	kr->id = (int64_t)o->nkrs;
	kr->kind = KR_METRIC;
	kr->start = start;
	kr->target = target;
	kr->current = current;
	kr->weight = weight;
	return kr;
}

/* Add a criteria KR to o with n criteria. */
static struct key_result *
add_criteria(struct objective *o, const double *pct, const enum item_state *st, const double *own,
	     size_t n)
{
	struct key_result *kr;
	size_t i;

	o->krs = arena_grow_array(&A, o->krs, o->nkrs, o->nkrs + 1, sizeof(*o->krs));
	kr = &o->krs[o->nkrs++];
	*kr = (struct key_result){0};
	kr->kind = KR_CRITERIA;
	kr->weight = 1;
	kr->criteria = arena_calloc(&A, n, sizeof(*kr->criteria));
	kr->ncriteria = n;
	for (i = 0; i < n; i++) {
		kr->criteria[i].contribution = pct[i];
		kr->criteria[i].state = st[i];
		kr->criteria[i].progress = own[i];
	}
	return kr;
}

static struct objective *
objectives(size_t n)
{
	struct objective *v = arena_calloc(&A, n, sizeof(*v));
	size_t i;

	for (i = 0; i < n; i++) {
		v[i].id = (int64_t)i + 1;
		v[i].weight = 1;
	}
	return v;
}

static void
test_r2_decrease_metric_progress(void **state)
{
	(void)state;
	/* "reduce p95 latency from 800 ms to 200 ms" */
	assert_float_equal(progress_metric(800, 200, 800), 0.0, EPS);
	assert_float_equal(progress_metric(800, 200, 500), 0.5, EPS);
	assert_float_equal(progress_metric(800, 200, 350), 0.75, EPS);
	assert_float_equal(progress_metric(800, 200, 200), 1.0, EPS);
}

static void
test_r2_metric_progress_is_raw(void **state)
{
	(void)state;
	/* Overshoot and going the wrong way are shown as they are, not clamped. */
	assert_float_equal(progress_metric(0, 100, 150), 1.5, EPS);
	assert_float_equal(progress_metric(0, 100, -50), -0.5, EPS);
	assert_float_equal(progress_metric(800, 200, 100), 700.0 / 600.0, EPS);
	assert_float_equal(progress_metric(800, 200, 900), -100.0 / 600.0, EPS);
	assert_float_equal(progress_metric(99.9, 99.99, 99.945), 0.5, 1e-9);
}

static void
test_r2_target_equals_start_is_zero(void **state)
{
	(void)state;
	assert_float_equal(progress_metric(5, 5, 5), 0.0, 0);
	assert_float_equal(progress_metric(5, 5, 50), 0.0, 0);
}

static void
test_progress_clamp_bounds_and_nan(void **state)
{
	(void)state;
	assert_float_equal(progress_clamp(-0.5), 0.0, 0);
	assert_float_equal(progress_clamp(1.5), 1.0, 0);
	assert_float_equal(progress_clamp(0.25), 0.25, 0);
	assert_float_equal(progress_clamp(NAN), 0.0, 0);
	assert_float_equal(progress_clamp(INFINITY), 1.0, 0);
}

static void
test_r9_partial_criteria(void **state)
{
	double pct[] = {50, 30, 20};
	enum item_state st[] = {ITEM_CLOSED, ITEM_OPEN, ITEM_OPEN};
	double own[] = {0.2, 0.5, 0};
	struct criterion c[3] = {{0}};
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		c[i].contribution = pct[i];
		c[i].state = st[i];
		c[i].progress = own[i];
	}
	/* closed counts 1 whatever its own progress said; open counts its own */
	assert_float_equal(progress_criteria(c, 3), 0.5 + 0.15, EPS);
	c[2].state = ITEM_CLOSED;
	assert_float_equal(progress_criteria(c, 3), 0.5 + 0.15 + 0.2, EPS);
	assert_float_equal(progress_criteria(c, 0), 0.0, 0);
}

static void
test_r9_open_item_progress_is_clamped(void **state)
{
	struct criterion c[2] = {{0}};

	(void)state;
	c[0].contribution = 60;
	c[0].progress = 1.5;
	c[1].contribution = 40;
	c[1].progress = -3;
	assert_float_equal(progress_criteria(c, 2), 0.6, EPS);
}

static void
test_r9_progress_kr_by_kind_stores_result(void **state)
{
	double pct[] = {40, 60};
	enum item_state st[] = {ITEM_CLOSED, ITEM_OPEN};
	double own[] = {0, 0};
	struct objective *v = objectives(1);
	struct key_result *kr;

	(void)state;
	kr = add_metric(&v[0], 10, 20, 12, 1);
	assert_float_equal(progress_kr(kr), 0.2, EPS);
	assert_float_equal(kr->progress, 0.2, EPS);
	kr = add_criteria(&v[0], pct, st, own, 2);
	assert_float_equal(progress_kr(kr), 0.4, EPS);
	assert_float_equal(kr->progress, 0.4, EPS);
	arena_reset(&A);
}

static void
test_r10_weighted_mean_of_krs(void **state)
{
	struct objective *v = objectives(1);

	(void)state;
	add_metric(&v[0], 0, 10, 10, 1); /* 1.0, weight 1 */
	add_metric(&v[0], 0, 10, 0, 3);  /* 0.0, weight 3 */
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_float_equal(v[0].progress, 0.25, EPS);
	arena_reset(&A);
}

static void
test_r10_rollup_clamps_overshoot_and_negative_krs(void **state)
{
	struct objective *v = objectives(1);

	(void)state;
	add_metric(&v[0], 0, 100, 150, 1); /* raw 1.5 -> 1 */
	add_metric(&v[0], 0, 100, -50, 1); /* raw -0.5 -> 0 */
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_float_equal(v[0].krs[0].progress, 1.5, EPS); /* the KR keeps its raw value */
	assert_float_equal(v[0].krs[1].progress, -0.5, EPS);
	assert_float_equal(v[0].progress, 0.5, EPS);
	arena_reset(&A);
}

static void
test_r10_weighted_rollup_clamps_children(void **state)
{
	struct objective *v = objectives(3);

	(void)state;
	/* v[1] and v[2] align under v[0]; v[0] has its own KR at 0.5 */
	add_metric(&v[0], 0, 10, 5, 1);
	v[1].parent = 1;
	v[1].weight = 2;
	add_metric(&v[1], 0, 10, 30, 1); /* raw 3 -> objective progress 1 */
	v[2].parent = 1;
	v[2].weight = 1;
	add_metric(&v[2], 0, 10, -10, 1); /* raw -1 -> 0 */
	assert_int_equal(progress_rollup(&A, v, 3, NULL, NULL), 0);
	assert_float_equal(v[1].progress, 1.0, EPS);
	assert_float_equal(v[2].progress, 0.0, EPS);
	assert_float_equal(v[0].progress, (0.5 * 1 + 1.0 * 2 + 0.0 * 1) / 4, EPS);
	assert_int_equal(v[0].nchildren, 2);
	arena_reset(&A);
}

static void
test_r10_empty_objective_is_zero(void **state)
{
	struct objective *v = objectives(1);

	(void)state;
	v[0].progress = 0.7; /* stale value must be replaced */
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_float_equal(v[0].progress, 0.0, 0);
	assert_int_equal(v[0].achieved, 0);
	arena_reset(&A);
}

static void
test_r10_objective_with_only_children(void **state)
{
	struct objective *v = objectives(3);

	(void)state;
	v[1].parent = 1;
	add_metric(&v[1], 0, 4, 4, 1);
	v[2].parent = 1;
	add_metric(&v[2], 0, 4, 1, 1);
	assert_int_equal(progress_rollup(&A, v, 3, NULL, NULL), 0);
	assert_float_equal(v[0].progress, (1.0 + 0.25) / 2, EPS);
	/* R3 counts KRs only: a parent with children but no KRs is not achieved */
	assert_int_equal(v[1].achieved, 1);
	assert_int_equal(v[0].achieved, 0);
	arena_reset(&A);
}

static void
test_r10_children_before_parents_in_array(void **state)
{
	struct objective *v = objectives(3);

	(void)state;
	/* grandchild first, root last: ids 1 (leaf) -> 2 -> 3 (root) */
	v[0].parent = 2;
	add_metric(&v[0], 0, 1, 1, 1);
	v[1].parent = 3;
	add_metric(&v[1], 0, 1, 0, 1);
	assert_int_equal(progress_rollup(&A, v, 3, NULL, NULL), 0);
	assert_float_equal(v[1].progress, 0.5, EPS);
	assert_float_equal(v[2].progress, 0.5, EPS);
	arena_reset(&A);
}

static void
test_r10_unset_weight_counts_as_default_one(void **state)
{
	struct objective *v = objectives(1);

	(void)state;
	add_metric(&v[0], 0, 1, 1, 0); /* weight never set */
	add_metric(&v[0], 0, 1, 0, 1);
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_float_equal(v[0].progress, 0.5, EPS);
	arena_reset(&A);
}

static void
test_r10_roots_are_objectives_without_parent_in_set(void **state)
{
	struct objective *v = objectives(4);
	size_t *roots = NULL, nroots = 0;

	(void)state;
	v[1].parent = 1;
	v[2].parent = 99; /* parent not loaded: a root here */
	v[3].parent = 3;
	assert_int_equal(progress_rollup(&A, v, 4, &roots, &nroots), 0);
	assert_int_equal(nroots, 2);
	assert_true((roots[0] == 0 && roots[1] == 2) || (roots[0] == 2 && roots[1] == 0));
	assert_int_equal(v[0].nchildren, 1);
	assert_int_equal(v[0].children[0], 1);
	assert_int_equal(v[2].nchildren, 1);
	assert_int_equal(v[2].children[0], 3);
	arena_reset(&A);
}

static void
test_r10_rollup_twice_replaces_children(void **state)
{
	struct objective *v = objectives(2);

	(void)state;
	v[1].parent = 1;
	add_metric(&v[1], 0, 2, 1, 1);
	assert_int_equal(progress_rollup(&A, v, 2, NULL, NULL), 0);
	assert_int_equal(progress_rollup(&A, v, 2, NULL, NULL), 0);
	assert_int_equal(v[0].nchildren, 1);
	assert_float_equal(v[0].progress, 0.5, EPS);
	arena_reset(&A);
}

static void
test_r10_rollup_cycle_detected(void **state)
{
	struct objective *v = objectives(3);
	size_t *roots = (size_t *)1, nroots = 7;

	(void)state;
	v[0].parent = 2;
	v[1].parent = 1; /* 1 <-> 2 */
	assert_int_equal(progress_rollup(&A, v, 3, &roots, &nroots), -1);
	assert_null(roots);
	assert_int_equal(nroots, 0);
	arena_reset(&A);

	v = objectives(2);
	v[1].parent = 2; /* its own parent */
	assert_int_equal(progress_rollup(&A, v, 2, NULL, NULL), -1);
	arena_reset(&A);
}

static void
test_r10_rollup_deep_chain_10000(void **state)
{
	enum { N = 10000 };
	struct objective *v = objectives(N);
	size_t *roots = NULL, nroots = 0, i;

	(void)state;
	/* stored leaf-first: v[i]'s parent is v[i+1]; only the leaf has a KR */
	for (i = 0; i + 1 < N; i++)
		v[i].parent = v[i + 1].id;
	add_metric(&v[0], 0, 8, 6, 1);
	assert_int_equal(progress_rollup(&A, v, N, &roots, &nroots), 0);
	assert_int_equal(nroots, 1);
	assert_int_equal(roots[0], N - 1);
	assert_float_equal(v[N - 1].progress, 0.75, EPS);
	assert_float_equal(v[N / 2].progress, 0.75, EPS);
	arena_reset(&A);
}

static void
test_r10_rollup_wide_tree_10000(void **state)
{
	enum { N = 10000 };
	struct objective *v = objectives(N);
	size_t i;

	(void)state;
	for (i = 1; i < N; i++) {
		v[i].parent = 1;
		add_metric(&v[i], 0, 1, i % 4 == 0 ? 1 : 0, 1);
	}
	assert_int_equal(progress_rollup(&A, v, N, NULL, NULL), 0);
	assert_int_equal(v[0].nchildren, N - 1);
	/* ids 4, 8, ... 9996 are complete: 2499 of 9999 */
	assert_float_equal(v[0].progress, 2499.0 / 9999.0, 1e-12);
	arena_reset(&A);
}

static void
test_r3_achieved_needs_krs(void **state)
{
	struct objective *v = objectives(1);

	(void)state;
	assert_int_equal(progress_achieved(&v[0]), 0);
	add_metric(&v[0], 0, 1, 1, 1);
	progress_kr(&v[0].krs[0]);
	assert_int_equal(progress_achieved(&v[0]), 1);
	arena_reset(&A);
}

static void
test_r3_achieved_needs_every_kr_complete(void **state)
{
	struct objective *v = objectives(1);

	(void)state;
	add_metric(&v[0], 800, 200, 150, 1); /* overshoot counts as complete */
	add_metric(&v[0], 0, 100, 99.9, 1);
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_int_equal(v[0].achieved, 0);
	v[0].krs[1].current = 100;
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_int_equal(v[0].achieved, 1);
	arena_reset(&A);
}

static void
test_r3_achieved_despite_float_noise(void **state)
{
	/* 33.3 + 33.4 + 33.3 sums to 99.99999999999999 in binary floating point */
	double pct[] = {33.3, 33.4, 33.3};
	enum item_state st[] = {ITEM_CLOSED, ITEM_CLOSED, ITEM_CLOSED};
	double own[] = {0, 0, 0};
	struct objective *v = objectives(1);

	(void)state;
	add_criteria(&v[0], pct, st, own, 3);
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_true(v[0].krs[0].progress < 1); /* the noise is real ... */
	assert_int_equal(v[0].achieved, 1);    /* ... and R3 ignores it */
	v[0].krs[0].criteria[1].state = ITEM_OPEN;
	assert_int_equal(progress_rollup(&A, v, 1, NULL, NULL), 0);
	assert_int_equal(v[0].achieved, 0);
	arena_reset(&A);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r2_decrease_metric_progress),
		cmocka_unit_test(test_r2_metric_progress_is_raw),
		cmocka_unit_test(test_r2_target_equals_start_is_zero),
		cmocka_unit_test(test_progress_clamp_bounds_and_nan),
		cmocka_unit_test(test_r9_partial_criteria),
		cmocka_unit_test(test_r9_open_item_progress_is_clamped),
		cmocka_unit_test(test_r9_progress_kr_by_kind_stores_result),
		cmocka_unit_test(test_r10_weighted_mean_of_krs),
		cmocka_unit_test(test_r10_rollup_clamps_overshoot_and_negative_krs),
		cmocka_unit_test(test_r10_weighted_rollup_clamps_children),
		cmocka_unit_test(test_r10_empty_objective_is_zero),
		cmocka_unit_test(test_r10_objective_with_only_children),
		cmocka_unit_test(test_r10_children_before_parents_in_array),
		cmocka_unit_test(test_r10_unset_weight_counts_as_default_one),
		cmocka_unit_test(test_r10_roots_are_objectives_without_parent_in_set),
		cmocka_unit_test(test_r10_rollup_twice_replaces_children),
		cmocka_unit_test(test_r10_rollup_cycle_detected),
		cmocka_unit_test(test_r10_rollup_deep_chain_10000),
		cmocka_unit_test(test_r10_rollup_wide_tree_10000),
		cmocka_unit_test(test_r3_achieved_needs_krs),
		cmocka_unit_test(test_r3_achieved_needs_every_kr_complete),
		cmocka_unit_test(test_r3_achieved_despite_float_noise),
	};

	int failed = cmocka_run_group_tests_name("core_progress", tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
