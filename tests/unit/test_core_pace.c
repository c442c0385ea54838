/* test_core_pace.c: expected pace, the health it suggests, disagreement and the end-of-cycle
 * forecast. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "core/calendar.h"
#include "core/pace.h"
#include "core/progress.h"

#define EPS 1e-9
#define DAY 86400

/* A 100-day cycle: 2026-07-01 .. 2026-10-08. */
static int32_t
start(void)
{
	return cal_from_civil(2026, 7, 1);
}

static int32_t
end(void)
{
	return cal_from_civil(2026, 10, 8);
}

static struct checkin
at_day(int32_t day, int64_t seconds, double progress)
{
	struct checkin c = {0};

	c.at = (int64_t)day * DAY + seconds;
	c.progress = progress;
	return c;
}

static void
test_pace_cycle_is_100_days(void **state)
{
	(void)state;
	assert_int_equal(end() - start() + 1, 100);
}

static void
test_pace_expected_is_zero_before_start(void **state)
{
	(void)state;
	assert_true(fabs(pace_expected(start(), end(), start() - 1)) < EPS);
	assert_true(fabs(pace_expected(start(), end(), start() - 400)) < EPS);
}

static void
test_pace_expected_counts_the_day_itself(void **state)
{
	(void)state;
	/* Day-inclusive like the rest: the first day gone is 1/100, halfway is day 50. */
	assert_true(fabs(pace_expected(start(), end(), start()) - 0.01) < EPS);
	assert_true(fabs(pace_expected(start(), end(), start() + 49) - 0.5) < EPS);
	assert_true(fabs(pace_expected(start(), end(), start() + 69) - 0.7) < EPS);
}

static void
test_pace_expected_is_one_on_and_after_the_last_day(void **state)
{
	(void)state;
	assert_true(fabs(pace_expected(start(), end(), end()) - 1) < EPS);
	assert_true(fabs(pace_expected(start(), end(), end() + 1) - 1) < EPS);
	assert_true(fabs(pace_expected(start(), end(), end() + 1000) - 1) < EPS);
}

static void
test_pace_expected_one_day_and_backwards_cycles(void **state)
{
	(void)state;
	assert_true(fabs(pace_expected(start(), start(), start()) - 1) < EPS);
	assert_true(fabs(pace_expected(start(), start(), start() - 1)) < EPS);
	/* A cycle ending before it starts: nothing before its start, everything from it on. */
	assert_true(fabs(pace_expected(start(), start() - 5, start()) - 1) < EPS);
}

static void
test_pace_default_thresholds(void **state)
{
	(void)state;
	assert_int_equal(pace_suggest(0.3, NULL), HEALTH_ON_TRACK);
	assert_int_equal(pace_suggest(0, NULL), HEALTH_ON_TRACK);
	assert_int_equal(pace_suggest(-0.10, NULL), HEALTH_ON_TRACK);
	assert_int_equal(pace_suggest(-0.1001, NULL), HEALTH_NEEDS_ATTENTION);
	assert_int_equal(pace_suggest(-0.25, NULL), HEALTH_NEEDS_ATTENTION);
	assert_int_equal(pace_suggest(-0.2501, NULL), HEALTH_AT_RISK);
	assert_int_equal(pace_suggest(-1, NULL), HEALTH_AT_RISK);
	assert_int_equal(pace_suggest(NAN, NULL), HEALTH_AT_RISK);
}

static void
test_pace_threshold_boundary_survives_float_noise(void **state)
{
	(void)state;
	/* 0.15 - 0.25 is -0.0999…98 and 0.25 - 0.5 is exactly -0.25: both on their boundary. */
	assert_int_equal(pace_suggest(0.15 - 0.25, NULL), HEALTH_ON_TRACK);
	assert_int_equal(pace_suggest(0.4 - 0.5, NULL), HEALTH_ON_TRACK);
	assert_int_equal(pace_suggest(0.45 - 0.7, NULL), HEALTH_NEEDS_ATTENTION);
}

static void
test_pace_configured_thresholds(void **state)
{
	struct pace_thresholds th = {0.05, 0.5};

	(void)state;
	assert_int_equal(pace_suggest(-0.06, &th), HEALTH_NEEDS_ATTENTION);
	assert_int_equal(pace_suggest(-0.4, &th), HEALTH_NEEDS_ATTENTION);
	assert_int_equal(pace_suggest(-0.51, &th), HEALTH_AT_RISK);
	th = (struct pace_thresholds){0, 0};
	assert_int_equal(pace_suggest(0, &th), HEALTH_ON_TRACK);
	assert_int_equal(pace_suggest(-0.01, &th), HEALTH_AT_RISK);
}

static void
test_pace_thresholds_valid(void **state)
{
	(void)state;
	assert_true(pace_thresholds_valid(PACE_ATTENTION_DEFAULT, PACE_RISK_DEFAULT));
	assert_true(pace_thresholds_valid(0, 0));
	assert_true(pace_thresholds_valid(0.3, 0.3));
	assert_true(pace_thresholds_valid(0, 1));
	assert_false(pace_thresholds_valid(0.3, 0.2));
	assert_false(pace_thresholds_valid(-0.1, 0.2));
	assert_false(pace_thresholds_valid(0.1, 1.5));
	assert_false(pace_thresholds_valid(NAN, 0.2));
	assert_false(pace_thresholds_valid(0.1, INFINITY));
}

static void
test_pace_disagrees_when_recorded_is_better(void **state)
{
	(void)state;
	assert_true(pace_disagrees(HEALTH_ON_TRACK, HEALTH_AT_RISK));
	assert_true(pace_disagrees(HEALTH_ON_TRACK, HEALTH_NEEDS_ATTENTION));
	assert_true(pace_disagrees(HEALTH_NEEDS_ATTENTION, HEALTH_AT_RISK));
}

static void
test_pace_disagrees_when_recorded_is_worse_by_two(void **state)
{
	(void)state;
	assert_true(pace_disagrees(HEALTH_AT_RISK, HEALTH_ON_TRACK));
	/* Worse by one is the DRI knowing something pace cannot: no flag. */
	assert_false(pace_disagrees(HEALTH_NEEDS_ATTENTION, HEALTH_ON_TRACK));
	assert_false(pace_disagrees(HEALTH_AT_RISK, HEALTH_NEEDS_ATTENTION));
}

static void
test_pace_agrees_when_equal_or_unrecorded(void **state)
{
	(void)state;
	for (int h = HEALTH_ON_TRACK; h <= HEALTH_AT_RISK; h++) {
		assert_false(pace_disagrees((enum health)h, (enum health)h));
		assert_false(pace_disagrees(HEALTH_NONE, (enum health)h));
	}
}

static void
test_pace_compute_before_start_is_on_track(void **state)
{
	struct pace p = {0};

	(void)state;
	pace_compute(0, HEALTH_AT_RISK, start(), end(), start() - 3, NULL, &p);
	assert_int_equal(p.known, 1);
	assert_true(fabs(p.expected) < EPS);
	assert_true(fabs(p.gap) < EPS);
	assert_int_equal(p.suggested, HEALTH_ON_TRACK);
	assert_int_equal(p.disagrees, 1); /* at risk before anything is due: worse by two */
}

static void
test_pace_compute_after_end_expects_everything(void **state)
{
	struct pace p = {0};

	(void)state;
	pace_compute(0.8, HEALTH_ON_TRACK, start(), end(), end() + 10, NULL, &p);
	assert_true(fabs(p.expected - 1) < EPS);
	assert_true(fabs(p.gap + 0.2) < EPS);
	assert_int_equal(p.suggested, HEALTH_NEEDS_ATTENTION);
	assert_int_equal(p.disagrees, 1);
}

static void
test_pace_compute_reduce_kr_halfway(void **state)
{
	struct pace p = {0};
	/* "Reduce p95 from 800 ms to 200 ms", at 500 halfway: exactly on pace. */
	double progress = progress_metric(800, 200, 500);

	(void)state;
	pace_compute(progress, HEALTH_ON_TRACK, start(), end(), start() + 49, NULL, &p);
	assert_true(fabs(p.expected - 0.5) < EPS);
	assert_true(fabs(p.gap) < EPS);
	assert_int_equal(p.suggested, HEALTH_ON_TRACK);
	assert_false(p.disagrees);
	/* Twenty days later and still at 500: 20 points behind. */
	pace_compute(progress, HEALTH_ON_TRACK, start(), end(), start() + 69, NULL, &p);
	assert_true(fabs(p.gap + 0.2) < EPS);
	assert_int_equal(p.suggested, HEALTH_NEEDS_ATTENTION);
	assert_true(p.disagrees);
}

static void
test_pace_overshoot_is_on_track(void **state)
{
	struct pace p = {0};

	(void)state;
	pace_compute(1.4, HEALTH_ON_TRACK, start(), end(), start() + 9, NULL, &p);
	assert_true(fabs(p.gap - 1.3) < EPS);
	assert_int_equal(p.suggested, HEALTH_ON_TRACK);
}

static void
test_forecast_none_without_checkins(void **state)
{
	double f = 42;

	(void)state;
	assert_int_equal(pace_forecast(NULL, 0, end(), &f), 0);
	assert_true(f == 42);
}

static void
test_forecast_none_for_a_single_checkin(void **state)
{
	struct checkin v[1];
	double f = 42;

	(void)state;
	v[0] = at_day(start() + 49, 0, 0.5);
	assert_int_equal(pace_forecast(v, 1, end(), &f), 0);
	assert_true(f == 42);
}

static void
test_forecast_none_for_vertical_data(void **state)
{
	struct checkin v[3];
	double f = 42;

	(void)state;
	/* Several check-ins at one instant: no line through them has a slope. */
	v[0] = at_day(start() + 20, 3600, 0.1);
	v[1] = at_day(start() + 20, 3600, 0.4);
	v[2] = at_day(start() + 20, 3600, 0.9);
	assert_int_equal(pace_forecast(v, 3, end(), &f), 0);
	assert_true(f == 42);
}

static void
test_forecast_two_points_is_their_line_at_the_end_of_the_last_day(void **state)
{
	struct checkin v[2];
	double f = 0;

	(void)state;
	/* 800 -> 200 ms: 680 (0.2) on day 20, 500 (0.5) on day 50, both at midnight. */
	v[0] = at_day(start() + 19, 0, progress_metric(800, 200, 680));
	v[1] = at_day(start() + 49, 0, progress_metric(800, 200, 500));
	assert_int_equal(pace_forecast(v, 2, end(), &f), 1);
	/* 0.01 a day; the end of day 100 is 51 days after the second check-in. */
	assert_true(fabs(f - 1.01) < 1e-9);
}

static void
test_forecast_least_squares_over_several(void **state)
{
	struct checkin v[4];
	double f = 0;

	(void)state;
	/* Days 0, 10, 20, 30 (from the start) at 0, 0.2, 0.2, 0.4: y = 0.012x + 0.02. */
	v[0] = at_day(start(), 0, 0);
	v[1] = at_day(start() + 10, 0, 0.2);
	v[2] = at_day(start() + 20, 0, 0.2);
	v[3] = at_day(start() + 30, 0, 0.4);
	assert_int_equal(pace_forecast(v, 4, end(), &f), 1);
	assert_true(fabs(f - (0.012 * 100 + 0.02)) < 1e-9);
}

static void
test_forecast_order_does_not_matter(void **state)
{
	struct checkin v[3], w[3];
	double f = 0, g = 1;

	(void)state;
	v[0] = at_day(start() + 1, 0, 0.1);
	v[1] = at_day(start() + 5, 7200, 0.3);
	v[2] = at_day(start() + 9, 0, 0.35);
	w[0] = v[2];
	w[1] = v[0];
	w[2] = v[1];
	assert_int_equal(pace_forecast(v, 3, end(), &f), 1);
	assert_int_equal(pace_forecast(w, 3, end(), &g), 1);
	assert_true(fabs(f - g) < 1e-9);
}

static void
test_forecast_of_a_kr_going_backwards_is_below_zero(void **state)
{
	struct checkin v[2];
	double f = 0;

	(void)state;
	/* 800 -> 200 ms but p95 grew, 800 then 860: progress 0 then -0.1 ten days later. */
	v[0] = at_day(start(), 0, progress_metric(800, 200, 800));
	v[1] = at_day(start() + 10, 0, progress_metric(800, 200, 860));
	assert_int_equal(pace_forecast(v, 2, end(), &f), 1);
	assert_true(fabs(f - -1.0) < 1e-9);
}

static void
test_forecast_skips_non_finite_progress(void **state)
{
	struct checkin v[3];
	double f = 0;

	(void)state;
	v[0] = at_day(start(), 0, NAN);
	v[1] = at_day(start() + 49, 0, 0.5);
	v[2] = at_day(start() + 79, 0, INFINITY);
	assert_int_equal(pace_forecast(v, 3, end(), &f), 0);
	v[2] = at_day(start() + 99, 0, 1);
	assert_int_equal(pace_forecast(v, 3, end(), &f), 1);
	assert_true(fabs(f - 1.01) < 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pace_cycle_is_100_days),
		cmocka_unit_test(test_pace_expected_is_zero_before_start),
		cmocka_unit_test(test_pace_expected_counts_the_day_itself),
		cmocka_unit_test(test_pace_expected_is_one_on_and_after_the_last_day),
		cmocka_unit_test(test_pace_expected_one_day_and_backwards_cycles),
		cmocka_unit_test(test_pace_default_thresholds),
		cmocka_unit_test(test_pace_threshold_boundary_survives_float_noise),
		cmocka_unit_test(test_pace_configured_thresholds),
		cmocka_unit_test(test_pace_thresholds_valid),
		cmocka_unit_test(test_pace_disagrees_when_recorded_is_better),
		cmocka_unit_test(test_pace_disagrees_when_recorded_is_worse_by_two),
		cmocka_unit_test(test_pace_agrees_when_equal_or_unrecorded),
		cmocka_unit_test(test_pace_compute_before_start_is_on_track),
		cmocka_unit_test(test_pace_compute_after_end_expects_everything),
		cmocka_unit_test(test_pace_compute_reduce_kr_halfway),
		cmocka_unit_test(test_pace_overshoot_is_on_track),
		cmocka_unit_test(test_forecast_none_without_checkins),
		cmocka_unit_test(test_forecast_none_for_a_single_checkin),
		cmocka_unit_test(test_forecast_none_for_vertical_data),
		cmocka_unit_test(test_forecast_two_points_is_their_line_at_the_end_of_the_last_day),
		cmocka_unit_test(test_forecast_least_squares_over_several),
		cmocka_unit_test(test_forecast_order_does_not_matter),
		cmocka_unit_test(test_forecast_of_a_kr_going_backwards_is_below_zero),
		cmocka_unit_test(test_forecast_skips_non_finite_progress),
	};

	return cmocka_run_group_tests_name("core_pace", tests, NULL, NULL);
}
