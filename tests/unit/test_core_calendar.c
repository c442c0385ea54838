/* test_core_calendar.c: dates, fiscal years and quarters, update weekday, onboarding window (R4,
 * R8). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/calendar.h"
#include "core/types.h"

static int32_t
D(const char *s)
{
	int32_t d = 0;

	assert_int_equal(cal_parse_date(s, &d), 0);
	return d;
}

static void
assert_date(int32_t day, const char *want)
{
	char got[11];

	cal_format_date(day, got);
	assert_string_equal(got, want);
}

static void
test_civil_round_trip_known_days(void **state)
{
	int y, m, d;
	int32_t day;

	(void)state;
	assert_int_equal(cal_from_civil(1970, 1, 1), 0);
	assert_int_equal(cal_from_civil(1969, 12, 31), -1);
	assert_int_equal(cal_from_civil(2000, 3, 1), 11017);
	assert_int_equal(cal_from_civil(2026, 7, 1), 20635);
	/* every day from year 1 to 9999 round-trips and days are consecutive */
	for (day = cal_from_civil(1, 1, 1); day <= cal_from_civil(9999, 12, 31); day += 1) {
		cal_to_civil(day, &y, &m, &d);
		if (!cal_valid(y, m, d) || cal_from_civil(y, m, d) != day)
			fail_msg("day %d -> %d-%d-%d", (int)day, y, m, d);
	}
}

static void
test_days_in_month_and_leap_years(void **state)
{
	(void)state;
	assert_int_equal(cal_days_in_month(2026, 2), 28);
	assert_int_equal(cal_days_in_month(2028, 2), 29);
	assert_int_equal(cal_days_in_month(1900, 2), 28);
	assert_int_equal(cal_days_in_month(2000, 2), 29);
	assert_int_equal(cal_days_in_month(2026, 4), 30);
	assert_int_equal(cal_days_in_month(2026, 12), 31);
	assert_int_equal(cal_days_in_month(2026, 13), 0);
	assert_true(cal_valid(2028, 2, 29));
	assert_false(cal_valid(2026, 2, 29));
	assert_false(cal_valid(0, 1, 1));
	assert_false(cal_valid(10000, 1, 1));
}

static void
test_parse_date_strict(void **state)
{
	static const char *const bad[] = {
		"2026-02-30",  "2026-2-3",    "2026-02-3",  "2026-13-01", "2026-00-10",
		"2026-01-00",  "0000-01-01",  "26-01-01",   "2026/01/01", "2026-01-01 ",
		" 2026-01-01", "2026-01-01T", "",           "+026-01-01", "2026-0a-01",
		"2027-02-29",  "1900-02-29",  "abcdefghij",
	};
	int32_t d = 12345;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (cal_parse_date(bad[i], &d) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(d, 12345); /* untouched on failure */
	assert_int_equal(cal_parse_date(NULL, &d), -1);
	assert_int_equal(cal_parse_date("2028-02-29", &d), 0);
	assert_date(d, "2028-02-29");
	assert_int_equal(cal_parse_date("2000-02-29", &d), 0);
	assert_int_equal(cal_parse_date("0001-01-01", &d), 0);
	assert_date(d, "0001-01-01");
	assert_int_equal(cal_parse_date("9999-12-31", &d), 0);
	assert_date(d, "9999-12-31");
}

static void
test_parse_and_format_instant(void **state)
{
	int64_t t = 0;
	char s[21];

	(void)state;
	assert_int_equal(cal_parse_instant("2026-07-01", &t), 0);
	assert_int_equal(t, (int64_t)20635 * 86400);
	assert_int_equal(cal_parse_instant("2026-07-01T09:30", &t), 0);
	assert_int_equal(t, (int64_t)20635 * 86400 + 9 * 3600 + 30 * 60);
	assert_int_equal(cal_parse_instant("2026-07-01T09:30:15Z", &t), 0);
	cal_format_instant(t, s);
	assert_string_equal(s, "2026-07-01T09:30:15Z");
	assert_int_equal(cal_day_of_instant(t), 20635);
	assert_int_equal(cal_parse_instant("2026-07-01T24:00", &t), -1);
	assert_int_equal(cal_parse_instant("2026-07-01T09:60", &t), -1);
	assert_int_equal(cal_parse_instant("2026-07-01T9:30", &t), -1);
	assert_int_equal(cal_parse_instant("2026-07-01T09:30:1", &t), -1);
	assert_int_equal(cal_parse_instant("2026-07-01T09:30+02:00", &t), -1);
	assert_int_equal(cal_parse_instant("2026-07-01 09:30", &t), -1);
	assert_int_equal(cal_parse_instant("2026-07-32", &t), -1);
	/* before the epoch: the day floors, the time of day stays positive */
	cal_format_instant(-1, s);
	assert_string_equal(s, "1969-12-31T23:59:59Z");
	assert_int_equal(cal_day_of_instant(-1), -1);
}

static void
test_weekday(void **state)
{
	(void)state;
	assert_int_equal(cal_weekday(0), 4);               /* 1970-01-01 Thursday */
	assert_int_equal(cal_weekday(-1), 3);              /* 1969-12-31 Wednesday */
	assert_int_equal(cal_weekday(D("2026-07-01")), 3); /* Wednesday */
	assert_int_equal(cal_weekday(D("2027-01-01")), 5); /* Friday */
	assert_int_equal(cal_weekday(D("2026-07-05")), 7); /* Sunday */
	assert_int_equal(cal_parse_weekday("wednesday"), 3);
	assert_int_equal(cal_parse_weekday("WED"), 3);
	assert_int_equal(cal_parse_weekday("Sunday"), 7);
	assert_int_equal(cal_parse_weekday("mon"), 1);
	assert_int_equal(cal_parse_weekday("wednes"), -1);
	assert_int_equal(cal_parse_weekday("we"), -1);
	assert_int_equal(cal_parse_weekday(""), -1);
	assert_int_equal(cal_parse_weekday("3"), -1);
	assert_string_equal(cal_weekday_name(3), "Wednesday");
	assert_string_equal(cal_weekday_name(7), "Sunday");
}

static void
test_r8_update_day_on_or_before(void **state)
{
	(void)state;
	assert_date(cal_update_day_on_or_before(D("2026-07-01"), 3), "2026-07-01");
	assert_date(cal_update_day_on_or_before(D("2026-07-07"), 3), "2026-07-01");
	assert_date(cal_update_day_on_or_before(D("2026-07-08"), 3), "2026-07-08");
	/* across a year end: 2027-01-01 is a Friday */
	assert_date(cal_update_day_on_or_before(D("2027-01-01"), 3), "2026-12-30");
	assert_date(cal_update_day_on_or_before(D("2027-01-01"), 5), "2027-01-01");
	assert_date(cal_update_day_on_or_before(D("2027-01-01"), 6), "2026-12-26");
	/* configurable weekday: Monday */
	assert_date(cal_update_day_on_or_before(D("2026-03-01"), 1), "2026-02-23");
}

/* R15: an update counts for the nearest update day; both edges of the window. */
static void
test_r15_update_day_for_is_the_nearest(void **state)
{
	(void)state;
	/* Wednesday 2026-07-01: Sunday 06-28 to Saturday 07-04 count for it */
	assert_date(cal_update_day_for(D("2026-07-01"), 3), "2026-07-01");
	assert_date(cal_update_day_for(D("2026-06-30"), 3), "2026-07-01"); /* the day before */
	assert_date(cal_update_day_for(D("2026-07-02"), 3), "2026-07-01"); /* the day after */
	assert_date(cal_update_day_for(D("2026-06-28"), 3), "2026-07-01"); /* first edge */
	assert_date(cal_update_day_for(D("2026-06-27"), 3), "2026-06-24"); /* just outside */
	assert_date(cal_update_day_for(D("2026-07-04"), 3), "2026-07-01"); /* last edge */
	assert_date(cal_update_day_for(D("2026-07-05"), 3), "2026-07-08"); /* just outside */
	/* across a year end: Sunday 2027-01-03 counts for Wednesday 2027-01-06 */
	assert_date(cal_update_day_for(D("2027-01-01"), 3), "2026-12-30");
	assert_date(cal_update_day_for(D("2027-01-03"), 3), "2027-01-06");
	/* configurable weekday: Monday 2026-02-23, Friday 02-20 to Thursday 02-26 */
	assert_date(cal_update_day_for(D("2026-02-20"), 1), "2026-02-23");
	assert_date(cal_update_day_for(D("2026-02-26"), 1), "2026-02-23");
	assert_date(cal_update_day_for(D("2026-02-27"), 1), "2026-03-02");
	assert_date(cal_update_day_for(D("2026-03-01"), 1), "2026-03-02");
	/* every day of a week maps within 3 days, onto the weekday */
	for (int32_t d = D("2026-01-01"); d < D("2026-01-15"); d++)
		for (int wd = 1; wd <= 7; wd++) {
			int32_t u = cal_update_day_for(d, wd);

			assert_int_equal(cal_weekday(u), wd);
			assert_true(u - d >= -3 && u - d <= 3);
		}
}

static void
test_add_months_clamps_to_month_end(void **state)
{
	(void)state;
	assert_date(cal_add_months(D("2026-01-31"), 1), "2026-02-28");
	assert_date(cal_add_months(D("2028-01-31"), 1), "2028-02-29");
	assert_date(cal_add_months(D("2026-08-31"), 3), "2026-11-30");
	assert_date(cal_add_months(D("2026-11-15"), 3), "2027-02-15");
	assert_date(cal_add_months(D("2026-03-31"), -1), "2026-02-28");
	assert_date(cal_add_months(D("2026-01-15"), -13), "2024-12-15");
	assert_date(cal_add_months(D("2028-02-29"), 12), "2029-02-28");
}

static void
test_r4_new_joiner_three_calendar_months(void **state)
{
	int32_t joined = D("2026-10-01");

	(void)state;
	assert_date(cal_onboarding_ends(joined), "2027-01-01");
	assert_true(cal_is_new_joiner(joined, D("2026-10-01")));
	assert_true(cal_is_new_joiner(joined, D("2026-12-31")));
	assert_false(cal_is_new_joiner(joined, D("2027-01-01")));
	assert_false(cal_is_new_joiner(joined, D("2027-06-01")));
	assert_false(cal_is_new_joiner(DATE_NONE, D("2026-10-01")));
}

static void
test_r4_new_joiner_month_end(void **state)
{
	int32_t joined = D("2026-11-30");

	(void)state;
	/* Nov 30 + 3 months is Feb 28 in a common year */
	assert_date(cal_onboarding_ends(joined), "2027-02-28");
	assert_true(cal_is_new_joiner(joined, D("2027-02-27")));
	assert_false(cal_is_new_joiner(joined, D("2027-02-28")));
	assert_date(cal_onboarding_ends(D("2026-05-31")), "2026-08-31");
	assert_date(cal_onboarding_ends(D("2026-03-31")), "2026-06-30");
}

static void
test_r4_new_joiner_month_end_leap_year(void **state)
{
	(void)state;
	/* Nov 30 2027 + 3 months is Feb 29 2028 */
	assert_date(cal_onboarding_ends(D("2027-11-30")), "2028-02-29");
	assert_true(cal_is_new_joiner(D("2027-11-30"), D("2028-02-28")));
	assert_false(cal_is_new_joiner(D("2027-11-30"), D("2028-02-29")));
	/* joined on Feb 29: takes part from May 29 */
	assert_date(cal_onboarding_ends(D("2028-02-29")), "2028-05-29");
	assert_true(cal_is_new_joiner(D("2028-02-29"), D("2028-05-28")));
	assert_false(cal_is_new_joiner(D("2028-02-29"), D("2028-05-29")));
}

static void
test_fiscal_year_starting_february(void **state)
{
	int32_t start = cal_fiscal_year_start(D("2026-07-15"), 2);
	int32_t s[4], e[4];

	(void)state;
	assert_date(start, "2026-02-01");
	assert_date(cal_year_end(start), "2027-01-31");
	assert_int_equal(cal_fiscal_year_number(start), 2027);
	/* January still belongs to the year that started the February before */
	assert_date(cal_fiscal_year_start(D("2027-01-31"), 2), "2026-02-01");
	assert_date(cal_fiscal_year_start(D("2027-02-01"), 2), "2027-02-01");
	cal_quarters(start, s, e);
	assert_date(s[0], "2026-02-01");
	assert_date(e[0], "2026-04-30");
	assert_date(s[1], "2026-05-01");
	assert_date(e[1], "2026-07-31");
	assert_date(s[2], "2026-08-01");
	assert_date(e[2], "2026-10-31");
	assert_date(s[3], "2026-11-01");
	assert_date(e[3], "2027-01-31");
}

static void
test_fiscal_year_calendar(void **state)
{
	int32_t start = cal_fiscal_year_start(D("2026-12-31"), 1);
	int32_t s[4], e[4];

	(void)state;
	assert_date(start, "2026-01-01");
	assert_date(cal_year_end(start), "2026-12-31");
	assert_int_equal(cal_fiscal_year_number(start), 2026);
	cal_quarters(start, s, e);
	assert_date(e[0], "2026-03-31");
	assert_date(s[3], "2026-10-01");
	assert_date(e[3], "2026-12-31");
	/* a leap February sits inside Q1 */
	cal_quarters(cal_fiscal_year_start(D("2028-06-01"), 1), s, e);
	assert_int_equal(e[0] - s[0] + 1, 31 + 29 + 31);
}

/* A fiscal year found by its number: FY2027 ends in 2027, whichever month it starts in. */
static void
test_fiscal_year_named(void **state)
{
	(void)state;
	assert_date(cal_fiscal_year_named(2027, 1), "2027-01-01");
	assert_date(cal_fiscal_year_named(2027, 2), "2026-02-01");
	assert_date(cal_fiscal_year_named(2027, 12), "2026-12-01");
	assert_date(cal_fiscal_year_named(2027, 13), "2027-01-01");
	for (int m = 1; m <= 12; m++)
		assert_int_equal(cal_fiscal_year_number(cal_fiscal_year_named(2031, m)), 2031);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip_known_days),
		cmocka_unit_test(test_days_in_month_and_leap_years),
		cmocka_unit_test(test_parse_date_strict),
		cmocka_unit_test(test_parse_and_format_instant),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_r8_update_day_on_or_before),
		cmocka_unit_test(test_r15_update_day_for_is_the_nearest),
		cmocka_unit_test(test_add_months_clamps_to_month_end),
		cmocka_unit_test(test_r4_new_joiner_three_calendar_months),
		cmocka_unit_test(test_r4_new_joiner_month_end),
		cmocka_unit_test(test_r4_new_joiner_month_end_leap_year),
		cmocka_unit_test(test_fiscal_year_starting_february),
		cmocka_unit_test(test_fiscal_year_calendar),
		cmocka_unit_test(test_fiscal_year_named),
	};

	return cmocka_run_group_tests_name("core_calendar", tests, NULL, NULL);
}
