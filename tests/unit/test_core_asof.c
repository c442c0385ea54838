/* test_core_asof.c: the tree at an instant: what is dropped, undone, kept (R8, R10, R11). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/asof.h"
#include "util/xalloc.h"

/* The trees under test live here; each test ends with arena_reset(&A). */
static struct arena A = ARENA_INIT;

#define EPS 1e-12
#define UNTIL 1000

static struct key_result *
add_kr(struct objective *o, int64_t id, enum kr_kind kind, double start, double target,
       double current)
{
	struct key_result *kr;

	o->krs = arena_grow_array(&A, o->krs, o->nkrs, o->nkrs + 1, sizeof(*o->krs));
	kr = &o->krs[o->nkrs++];
	*kr = (struct key_result){0};
	kr->id = id;
	kr->objective = o->id;
	kr->kind = kind;
	kr->start = start;
	kr->target = target;
	kr->current = current;
	kr->weight = 1;
	kr->health = HEALTH_ON_TRACK;
	kr->last_checkin_at = 5000;
	kr->last_checkin_author = "now";
	return kr;
}

/*
 * Objective 1 (closed now, at 1500) with metric KR 10 (0 → 100, now 90) and
 * criteria KR 11 (one closed 100% criterion: 1 now); objective 2 aligned to 1,
 * created at 2000 (after the instant); KR 12 on objective 1 created at 1200.
 */
static struct objective *
tree(size_t *n)
{
	struct objective *v = arena_calloc(&A, 2, sizeof(*v));
	struct key_result *kr;

	v[0].id = 1;
	v[0].state = STATE_CLOSED;
	v[0].health = HEALTH_AT_RISK;
	v[0].weight = 1;
	add_kr(&v[0], 10, KR_METRIC, 0, 100, 90);
	kr = add_kr(&v[0], 11, KR_CRITERIA, 0, 0, 0);
	kr->criteria = arena_calloc(&A, 1, sizeof(*kr->criteria));
	kr->ncriteria = 1;
	kr->criteria[0].contribution = 100;
	kr->criteria[0].state = ITEM_CLOSED;
	add_kr(&v[0], 12, KR_METRIC, 0, 10, 10);
	v[1].id = 2;
	v[1].parent = 1;
	v[1].weight = 1;
	add_kr(&v[1], 13, KR_METRIC, 0, 1, 1);
	*n = 2;
	return v;
}

static struct asof_history
history(void)
{
	static struct asof_objective objs[] = {
		{.id = 1,
		 .created_at = 100,
		 .closed_at = 1500,
		 .status_at = 900,
		 .status_health = HEALTH_NEEDS_ATTENTION},
		{.id = 2, .created_at = 2000},
	};
	struct asof_history h = {.until = UNTIL, .objectives = objs, .nobjectives = 2};

	h.krs = xcalloc(4, sizeof(*h.krs));
	h.nkrs = 4;
	h.krs[0] = (struct asof_kr){.id = 10,
				    .created_at = 100,
				    .checkin_at = 800,
				    .has_value = 1,
				    .value = 30,
				    .progress = 0.3,
				    .health = HEALTH_AT_RISK,
				    .author = xstrdup("pat")};
	h.krs[1] = (struct asof_kr){.id = 11,
				    .created_at = 100,
				    .checkin_at = 700,
				    .progress = 0.6,
				    .health = HEALTH_ON_TRACK,
				    .source = SOURCE_INTEGRATION};
	h.krs[2] = (struct asof_kr){.id = 12, .created_at = 1200};
	h.krs[3] = (struct asof_kr){.id = 13, .created_at = 2000};
	return h;
}

static void
release(struct objective *v, size_t n, struct asof_history *h)
{
	(void)v;
	(void)n;
	arena_reset(&A);
	/* The objective rows are static; only the KRs' are the history's to free. */
	h->objectives = NULL;
	h->nobjectives = 0;
	asof_history_release(h);
}

static void
test_asof_drops_what_was_created_later(void **state)
{
	struct asof_history h = history();
	size_t n;
	struct objective *v = tree(&n);

	(void)state;
	asof_apply(&A, v, &n, &h);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, 1);
	assert_int_equal(v[0].nkrs, 2);
	assert_int_equal(v[0].krs[0].id, 10);
	assert_int_equal(v[0].krs[1].id, 11);
	release(v, n, &h);
}

static void
test_r11_asof_closed_later_is_active(void **state)
{
	struct asof_history h = history();
	size_t n;
	struct objective *v = tree(&n);

	(void)state;
	asof_apply(&A, v, &n, &h);
	assert_int_equal(v[0].state, STATE_ACTIVE);
	release(v, n, &h);

	h = history();
	h.until = 1600; /* after the closing */
	v = tree(&n);
	asof_apply(&A, v, &n, &h);
	assert_int_equal(v[0].state, STATE_CLOSED);
	release(v, n, &h);
}

static void
test_r8_asof_values_and_health_from_history(void **state)
{
	struct asof_history h = history();
	size_t n;
	struct objective *v = tree(&n);

	(void)state;
	asof_apply(&A, v, &n, &h);
	assert_int_equal(v[0].health, HEALTH_NEEDS_ATTENTION);
	assert_int_equal(v[0].last_status_at, 900);
	assert_true(fabs(v[0].krs[0].current - 30) < EPS);
	assert_int_equal(v[0].krs[0].health, HEALTH_AT_RISK);
	assert_int_equal(v[0].krs[0].last_checkin_at, 800);
	assert_string_equal(v[0].krs[0].last_checkin_author, "pat");
	assert_null(v[0].krs[1].last_checkin_author);
	assert_int_equal(v[0].krs[1].last_source, SOURCE_INTEGRATION);
	release(v, n, &h);
}

static void
test_r8_asof_nothing_said_yet(void **state)
{
	struct asof_history h = history();
	size_t n;
	struct objective *v = tree(&n);

	(void)state;
	h.objectives[0].status_at = 0; /* restored below: the rows are static */
	h.krs[0].checkin_at = 0;
	h.krs[1].checkin_at = 0;
	asof_apply(&A, v, &n, &h);
	h.objectives[0].status_at = 900;
	assert_int_equal(v[0].health, HEALTH_NONE);
	assert_int_equal(v[0].last_status_at, 0);
	assert_true(fabs(v[0].krs[0].current - 0) < EPS); /* the start */
	assert_int_equal(v[0].krs[0].health, HEALTH_NONE);
	assert_int_equal(v[0].krs[0].last_checkin_at, 0);
	assert_null(v[0].krs[0].last_checkin_author);
	assert_true(fabs(v[0].krs[1].progress) < EPS);
	release(v, n, &h);
}

static void
test_r10_asof_rollup_pins_criteria_progress(void **state)
{
	struct asof_history h = history();
	size_t n, *roots = NULL, nroots = 0;
	struct objective *v = tree(&n);

	(void)state;
	asof_apply(&A, v, &n, &h);
	assert_int_equal(asof_rollup(&A, v, n, &roots, &nroots), 0);
	/* The criterion is closed now (1.0), but the check-in of then said 0.6. */
	assert_true(fabs(v[0].krs[1].progress - 0.6) < EPS);
	assert_true(fabs(v[0].krs[0].progress - 0.3) < EPS);
	assert_true(fabs(v[0].progress - 0.45) < EPS);
	assert_false(v[0].achieved);
	/* The KR is a criteria KR again, with what it had. */
	assert_int_equal(v[0].krs[1].kind, KR_CRITERIA);
	assert_true(fabs(v[0].krs[1].start) < EPS && fabs(v[0].krs[1].target) < EPS);
	assert_int_equal(v[0].krs[1].ncriteria, 1);
	assert_int_equal(nroots, 1);
	release(v, n, &h);
}

static void
test_asof_unknown_rows_are_dropped(void **state)
{
	struct asof_history h = {.until = UNTIL};
	size_t n;
	struct objective *v = tree(&n);

	(void)state;
	asof_apply(&A, v, &n, &h);
	assert_int_equal(n, 0);
	arena_reset(&A);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asof_drops_what_was_created_later),
		cmocka_unit_test(test_r11_asof_closed_later_is_active),
		cmocka_unit_test(test_r8_asof_values_and_health_from_history),
		cmocka_unit_test(test_r8_asof_nothing_said_yet),
		cmocka_unit_test(test_r10_asof_rollup_pins_criteria_progress),
		cmocka_unit_test(test_asof_unknown_rows_are_dropped),
	};

	int failed = cmocka_run_group_tests_name("core_asof", tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
