/* test_core_present.c: health words and percentages are worded one way for every interface. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "core/present.h"

static void
pct_is(double fraction, const char *want)
{
	struct buf b = BUF_INIT;
	char out[16];

	present_pct(&b, fraction);
	assert_string_equal(b.buf, want);
	assert_string_equal(present_pct_str(out, sizeof(out), fraction), want);
	buf_release(&b);
}

static void
test_health_words_and_labels(void **state)
{
	(void)state;
	assert_string_equal(present_health_words(HEALTH_ON_TRACK), "on track");
	assert_string_equal(present_health_words(HEALTH_NEEDS_ATTENTION), "needs attention");
	assert_string_equal(present_health_words(HEALTH_AT_RISK), "at risk");
	assert_string_equal(present_health_words(HEALTH_NONE), "no update yet");
	assert_string_equal(present_health_label(HEALTH_ON_TRACK), "On track");
	assert_string_equal(present_health_label(HEALTH_NEEDS_ATTENTION), "Needs attention");
	assert_string_equal(present_health_label(HEALTH_AT_RISK), "At risk");
	assert_string_equal(present_health_label(HEALTH_NONE), "No update yet");
	/* A value outside the enum (a corrupt row) reads as no update, never out of bounds. */
	assert_string_equal(present_health_words((enum health)7), "no update yet");
	assert_string_equal(present_health_label((enum health) - 1), "No update yet");
}

static void
test_pct_rounds_to_whole_percent(void **state)
{
	(void)state;
	pct_is(0, "0%");
	pct_is(0.625, "62%");
	pct_is(0.626, "63%");
	pct_is(1, "100%");
	pct_is(1.3, "130%");
	pct_is(-0.2, "-20%");
}

static void
test_pct_never_says_minus_zero_or_nan(void **state)
{
	(void)state;
	pct_is(-0.0, "0%");
	pct_is(-0.004, "0%");
	pct_is(0.004, "0%");
	pct_is(NAN, "0%");
	pct_is(INFINITY, "0%");
	pct_is(-INFINITY, "0%");
	pct_is(1e307, "0%");
}

static void
test_pct_str_truncates_not_overruns(void **state)
{
	char out[3] = "xx";

	(void)state;
	assert_string_equal(present_pct_str(out, sizeof(out), 0.5), "50");
	assert_ptr_equal(present_pct_str(out, 0, 0.5), out);
}

static void
test_points_round_half_away_from_zero(void **state)
{
	(void)state;
	assert_float_equal(present_points(0.204), 20, 0);
	assert_float_equal(present_points(-0.2), -20, 0);
	assert_float_equal(present_points(0.125), 13, 0);
	assert_float_equal(present_points(-0.125), -13, 0);
	assert_float_equal(present_points(0.004), 0, 0);
	assert_false(signbit(present_points(-0.004)));
	assert_float_equal(present_points(NAN), 0, 0);
	assert_float_equal(present_points(INFINITY), 0, 0);
}

static void
test_cycle_gone_only_while_the_cycle_runs(void **state)
{
	double g = -1;

	(void)state;
	/* A 10-day cycle, days 100..109. */
	assert_int_equal(present_cycle_gone(100, 109, 99, &g), 0);
	assert_float_equal(g, -1, 0);
	assert_int_equal(present_cycle_gone(100, 109, 100, &g), 1);
	assert_float_equal(g, 0.1, 1e-12);
	assert_int_equal(present_cycle_gone(100, 109, 104, &g), 1);
	assert_float_equal(g, 0.5, 1e-12);
	assert_int_equal(present_cycle_gone(100, 109, 109, &g), 1);
	assert_float_equal(g, 1, 0);
	assert_int_equal(present_cycle_gone(100, 109, 110, &g), 0);
	/* A one-day cycle is all gone on its day. */
	assert_int_equal(present_cycle_gone(5, 5, 5, &g), 1);
	assert_float_equal(g, 1, 0);
}

static void
expect_plain(const char *msg, const char *want, const char *want_rule)
{
	struct buf b = BUF_INIT;
	char rule[PRESENT_RULE_MAX];

	present_plain(&b, msg, rule);
	assert_string_equal(b.buf ? b.buf : "", want);
	assert_string_equal(rule, want_rule);
	buf_release(&b);
}

/* Pages and API problems say the rule in words; the code goes aside. */
static void
test_plain_drops_rule_codes(void **state)
{
	(void)state;
	expect_plain("two lines for key result 5: one line each (R8)",
		     "two lines for key result 5: one line each", "R8");
	expect_plain("target equals start (R2): a key result must move",
		     "target equals start: a key result must move", "R2");
	expect_plain("expected \"### Context\" (R6, R7) or an okra block",
		     "expected \"### Context\" or an okra block", "R6");
	expect_plain("weight must be at most 100 (R10: weights default to 1)",
		     "weight must be at most 100 (weights default to 1)", "R10");
	expect_plain("(needs a final retro, R11)", "(needs a final retro)", "R11");
	expect_plain("no rule here (see below) (R)", "no rule here (see below) (R)", "");
	expect_plain("Rx (R12345678)", "Rx", "");
	expect_plain("", "", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_health_words_and_labels),
		cmocka_unit_test(test_pct_rounds_to_whole_percent),
		cmocka_unit_test(test_pct_never_says_minus_zero_or_nan),
		cmocka_unit_test(test_pct_str_truncates_not_overruns),
		cmocka_unit_test(test_points_round_half_away_from_zero),
		cmocka_unit_test(test_cycle_gone_only_while_the_cycle_runs),
		cmocka_unit_test(test_plain_drops_rule_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
