/* test_core_lint.c: the OKR practice warnings (R2 KR count, R7 criteria totals). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/lint.h"
#include "core/validate.h"
#include "util/arena.h"

/* The objectives under test live here; a test ends with arena_reset(&A). */
static struct arena A = ARENA_INIT;

/* An objective with nmetric metric KRs (ids 100, 101, ...). */
static struct objective
objective_with(size_t nmetric)
{
	struct objective o = {0};
	size_t i;

	o.id = 12;
	o.title = "Make checkout fast";
	o.krs = arena_calloc(&A, nmetric + 1, sizeof(*o.krs));
	o.nkrs = nmetric;
	for (i = 0; i < nmetric; i++) {
		o.krs[i].id = 100 + (int64_t)i;
		o.krs[i].kind = KR_METRIC;
		o.krs[i].title = "p95 latency";
	}
	return o;
}

/* Turn KR i into a criteria KR with the given contributions. */
static void
make_criteria(struct key_result *kr, int64_t id, const char *title, const double *pct, size_t n)
{
	size_t i;

	kr->id = id;
	kr->kind = KR_CRITERIA;
	kr->title = arena_strdup(&A, title);
	kr->criteria = arena_calloc(&A, n ? n : 1, sizeof(*kr->criteria));
	kr->ncriteria = n;
	for (i = 0; i < n; i++)
		kr->criteria[i].contribution = pct[i];
}

static void
test_r2_lint_kr_count(void **state)
{
	size_t counts[] = {0, 1, 2, 3, 5, 6};
	const char *want[] = {
		"objective 12 \"Make checkout fast\" has 0 key results; R2 expects 2–5 (typically "
		"3)",
		"objective 12 \"Make checkout fast\" has 1 key result; R2 expects 2–5 (typically "
		"3)",
		NULL,
		NULL,
		NULL,
		"objective 12 \"Make checkout fast\" has 6 key results; R2 expects 2–5 (typically "
		"3)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		struct objective o = objective_with(counts[i]);
		struct lint_report r = {0};

		lint_objective(&o, &r);
		if (!want[i]) {
			assert_int_equal(r.n, 0);
		} else {
			assert_int_equal(r.n, 1);
			assert_string_equal(r.v[0].msg, want[i]);
			assert_string_equal(r.v[0].rule, "R2");
			assert_int_equal(r.v[0].objective, 12);
			assert_int_equal(r.v[0].key_result, 0);
		}
		lint_report_release(&r);
		arena_reset(&A);
	}
}

static void
test_r7_lint_criteria_total(void **state)
{
	double short_of[] = {50, 30};
	double exact[] = {33.3, 33.4, 33.3}; /* 99.99999999999999 in floating point */
	struct objective o = objective_with(3);
	struct lint_report r = {0};

	(void)state;
	make_criteria(&o.krs[1], 14, "Cache ready", short_of, 2);
	make_criteria(&o.krs[2], 15, "Warm-up done", exact, 3);
	lint_objective(&o, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].rule, "R7");
	assert_int_equal(r.v[0].objective, 12);
	assert_int_equal(r.v[0].key_result, 14);
	assert_string_equal(r.v[0].msg,
			    "key result 14 \"Cache ready\": scoring criteria total 80%, R7 expects "
			    "exactly 100%");
	lint_report_release(&r);
	arena_reset(&A);
}

static void
test_r7_lint_criteria_kr_without_criteria(void **state)
{
	struct objective o = objective_with(2);
	struct lint_report r = {0};

	(void)state;
	make_criteria(&o.krs[0], 14, "Cache ready", NULL, 0);
	lint_objective(&o, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].rule, "R7");
	assert_int_equal(r.v[0].key_result, 14);
	assert_non_null(
		strstr(r.v[0].msg, "key result 14 \"Cache ready\" has no scoring criteria"));
	lint_report_release(&r);
	arena_reset(&A);
}

static void
test_lint_findings_accumulate_and_long_titles_fit(void **state)
{
	double partial[] = {12.5};
	struct objective o = objective_with(1);
	struct lint_report r = {0};
	char title[201];

	(void)state;
	/* "a" and 99 two-byte characters: byte 120 is mid-character, so the cut must back off */
	title[0] = 'a';
	for (size_t i = 1; i < 199; i += 2)
		memcpy(title + i, "é", 2);
	title[199] = '\0';
	o.title = title;
	make_criteria(&o.krs[0], 20, "x", partial, 1);
	lint_objective(&o, &r);
	lint_objective(&o, &r);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.v[0].rule, "R2");
	assert_non_null(strstr(r.v[0].msg, "…\" has 1 key result; R2 expects 2–5 (typically 3)"));
	assert_non_null(strstr(r.v[1].msg, "total 12.5%"));
	assert_int_equal(validate_text("msg", r.v[0].msg, sizeof(r.v[0].msg), NULL), 0);
	assert_non_null(strstr(r.v[0].msg, "éé…\""));
	lint_report_release(&r);
	assert_int_equal(r.n, 0);
	assert_null(r.v);
	arena_reset(&A);
}

/* R1 planning: a quarterly or team objective not aligned, a company objective nothing aligns to. */
static void
test_r1_lint_plan_alignment(void **state)
{
	struct objective o = objective_with(3);
	struct lint_report r = {0};

	(void)state;
	o.cycle_kind = CYCLE_QUARTER;
	o.team = 4; /* a workstream objective, not aligned */
	lint_plan(&o, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].rule, "R1");
	assert_string_equal(
		r.v[0].msg,
		"objective 12 \"Make checkout fast\" is not aligned to a company objective");
	o.parent = 3; /* aligned: nothing */
	lint_plan(&o, &r);
	assert_int_equal(r.n, 1);
	o.team = 0; /* company quarterly, aligned, with nothing under it */
	lint_plan(&o, &r);
	assert_int_equal(r.n, 2);
	assert_non_null(strstr(r.v[1].msg, "has no workstream objectives aligned to it yet"));
	o.nchildren = 1;
	lint_plan(&o, &r);
	assert_int_equal(r.n, 2);
	o.cycle_kind = CYCLE_YEAR; /* annual: no parent needed, but something under it */
	o.parent = 0;
	o.nchildren = 0;
	lint_plan(&o, &r);
	assert_int_equal(r.n, 3);
	assert_non_null(strstr(r.v[2].msg, "has no quarterly objectives aligned to it yet"));
	lint_report_release(&r);
	arena_reset(&A);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r2_lint_kr_count),
		cmocka_unit_test(test_r7_lint_criteria_total),
		cmocka_unit_test(test_r7_lint_criteria_kr_without_criteria),
		cmocka_unit_test(test_lint_findings_accumulate_and_long_titles_fit),
		cmocka_unit_test(test_r1_lint_plan_alignment),
	};

	int failed = cmocka_run_group_tests_name("core_lint", tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
