/* test_core_schedule.c: the reminder's local time, zone arithmetic across DST, and retry back-off
 * (R8). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/calendar.h"
#include "core/schedule.h"

#define H 3600
#define DAY 86400

static int64_t
at(int y, int m, int d, int hh, int mm)
{
	return (int64_t)cal_from_civil(y, m, d) * DAY + hh * H + mm * 60;
}

/* A Central European zone with 2026's changes: +1 h, +2 h from 29 March 01:00 UTC to 25 October
 * 01:00 UTC. */
static int
cet(void *ctx, int64_t utc, int *off)
{
	(void)ctx;
	*off = utc >= at(2026, 3, 29, 1, 0) && utc < at(2026, 10, 25, 1, 0) ? 2 * H : H;
	return 0;
}

/* New York's 2026: -5 h, -4 h from 8 March 07:00 UTC to 1 November 06:00 UTC. */
static int
nyc(void *ctx, int64_t utc, int *off)
{
	(void)ctx;
	*off = utc >= at(2026, 3, 8, 7, 0) && utc < at(2026, 11, 1, 6, 0) ? -4 * H : -5 * H;
	return 0;
}

static int
fixed(void *ctx, int64_t utc, int *off)
{
	(void)utc;
	*off = *(int *)ctx;
	return 0;
}

static int
broken(void *ctx, int64_t utc, int *off)
{
	(void)ctx;
	(void)utc;
	(void)off;
	return -1;
}

static void
test_hhmm(void **state)
{
	int m = -1;

	(void)state;
	assert_int_equal(sched_parse_hhmm("09:00", &m), 0);
	assert_int_equal(m, 540);
	assert_int_equal(sched_parse_hhmm("00:00", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(sched_parse_hhmm("23:59", &m), 0);
	assert_int_equal(m, 23 * 60 + 59);
	assert_int_equal(sched_parse_hhmm("24:00", &m), -1);
	assert_int_equal(sched_parse_hhmm("09:60", &m), -1);
	assert_int_equal(sched_parse_hhmm("9:00", &m), -1);
	assert_int_equal(sched_parse_hhmm("09:00 ", &m), -1);
	assert_int_equal(sched_parse_hhmm("09-00", &m), -1);
	assert_int_equal(sched_parse_hhmm("", &m), -1);
	assert_int_equal(sched_parse_hhmm(NULL, &m), -1);
}

static void
test_tz_names(void **state)
{
	char long_name[80];

	(void)state;
	assert_true(sched_tz_name_ok("UTC"));
	assert_true(sched_tz_name_ok("Europe/Zurich"));
	assert_true(sched_tz_name_ok("America/Argentina/Salta"));
	assert_true(sched_tz_name_ok("Etc/GMT+1"));
	assert_true(sched_tz_name_ok("America/Port-au-Prince"));
	assert_false(sched_tz_name_ok(""));
	assert_false(sched_tz_name_ok(NULL));
	assert_false(sched_tz_name_ok("/etc/passwd"));
	assert_false(sched_tz_name_ok("../etc/passwd"));
	assert_false(sched_tz_name_ok("Europe/../../etc/passwd"));
	assert_false(sched_tz_name_ok("Europe//Zurich"));
	assert_false(sched_tz_name_ok("Europe/"));
	assert_false(sched_tz_name_ok("Europe/.hidden"));
	assert_false(sched_tz_name_ok("Europe/Zu rich"));
	assert_false(sched_tz_name_ok("Europe/Zurich\n"));
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_false(sched_tz_name_ok(long_name));
}

static void
test_local(void **state)
{
	int32_t day;
	int minute;

	(void)state;
	sched_local(at(2026, 11, 18, 23, 30), 2 * H, &day, &minute);
	assert_int_equal(day, cal_from_civil(2026, 11, 19));
	assert_int_equal(minute, 90);
	sched_local(at(2026, 11, 18, 3, 0), -5 * H, &day, &minute);
	assert_int_equal(day, cal_from_civil(2026, 11, 17));
	assert_int_equal(minute, 22 * 60);
	sched_local(-1, 0, &day, &minute);
	assert_int_equal(day, -1);
	assert_int_equal(minute, 23 * 60 + 59);
}

static void
test_local_to_utc_across_dst(void **state)
{
	int64_t t = 0;

	(void)state;
	/* Winter, summer, and both days of change, at 09:00 local. */
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 1, 14), 540, cet, NULL, &t), 0);
	assert_int_equal(t, at(2026, 1, 14, 8, 0));
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 7, 1), 540, cet, NULL, &t), 0);
	assert_int_equal(t, at(2026, 7, 1, 7, 0));
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 3, 29), 540, cet, NULL, &t), 0);
	assert_int_equal(t, at(2026, 3, 29, 7, 0));
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 10, 25), 540, cet, NULL, &t), 0);
	assert_int_equal(t, at(2026, 10, 25, 8, 0));
	/* Before the spring change on its day, and in its gap: 02:30 reads as 03:30 CEST. */
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 3, 29), 90, cet, NULL, &t), 0);
	assert_int_equal(t, at(2026, 3, 29, 0, 30));
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 3, 29), 150, cet, NULL, &t), 0);
	assert_int_equal(t, at(2026, 3, 29, 1, 30));
	/* In the autumn overlap 02:30 happens twice: either is fine. */
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 10, 25), 150, cet, NULL, &t), 0);
	assert_true(t == at(2026, 10, 25, 0, 30) || t == at(2026, 10, 25, 1, 30));
	/* West of Greenwich: New York's gap (02:30 → 03:30 EDT) and a fall-back day. */
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 3, 8), 150, nyc, NULL, &t), 0);
	assert_int_equal(t, at(2026, 3, 8, 7, 30));
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 11, 1), 540, nyc, NULL, &t), 0);
	assert_int_equal(t, at(2026, 11, 1, 14, 0));
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 11, 1), 540, broken, NULL, &t),
			 -1);
}

static void
test_remind_instants(void **state)
{
	int64_t week = 0, next = 0;
	int utc = 0, east = 14 * H;
	const int wed = 3;

	(void)state;
	/* R8: Wednesday 2026-11-18 at 09:00 UTC. Just before, exactly at, just after, and days
	 * later. */
	assert_int_equal(
		sched_remind_instants(at(2026, 11, 18, 8, 59), wed, 540, fixed, &utc, &week, &next),
		0);
	assert_int_equal(week, at(2026, 11, 18, 9, 0));
	assert_int_equal(next, at(2026, 11, 18, 9, 0));
	assert_int_equal(
		sched_remind_instants(at(2026, 11, 18, 9, 0), wed, 540, fixed, &utc, &week, &next),
		0);
	assert_int_equal(next, at(2026, 11, 18, 9, 0));
	assert_int_equal(
		sched_remind_instants(at(2026, 11, 18, 9, 1), wed, 540, fixed, &utc, &week, &next),
		0);
	assert_int_equal(week, at(2026, 11, 18, 9, 0));
	assert_int_equal(next, at(2026, 11, 25, 9, 0));
	assert_int_equal(
		sched_remind_instants(at(2026, 11, 23, 12, 0), wed, 540, fixed, &utc, &week, &next),
		0);
	assert_int_equal(week, at(2026, 11, 18, 9, 0));
	assert_int_equal(next, at(2026, 11, 25, 9, 0));
	/* At +14 h it is already Wednesday 10:00 when UTC says Tuesday 20:00. */
	assert_int_equal(sched_remind_instants(at(2026, 11, 17, 20, 0), wed, 540, fixed, &east,
					       &week, &next),
			 0);
	assert_int_equal(week, at(2026, 11, 17, 19, 0));
	assert_int_equal(next, at(2026, 11, 24, 19, 0));
	/* Across the autumn change the local time holds: 09:00 CEST, then 09:00 CET a week later.
	 */
	assert_int_equal(
		sched_remind_instants(at(2026, 10, 21, 12, 0), wed, 540, cet, NULL, &week, &next),
		0);
	assert_int_equal(week, at(2026, 10, 21, 7, 0));
	assert_int_equal(next, at(2026, 10, 28, 8, 0));
	assert_int_equal(sched_remind_instants(0, 0, 540, fixed, &utc, &week, &next), -1);
	assert_int_equal(sched_remind_instants(0, wed, 24 * 60, fixed, &utc, &week, &next), -1);
	assert_int_equal(sched_remind_instants(0, wed, 540, broken, NULL, &week, &next), -1);
}

static void
test_backoff(void **state)
{
	(void)state;
	assert_int_equal(sched_backoff_ms(1, 60000), 60000);
	assert_int_equal(sched_backoff_ms(2, 60000), 300000);
	assert_int_equal(sched_backoff_ms(3, 60000), 1800000);
	assert_int_equal(sched_backoff_ms(SCHED_MAX_ATTEMPTS, 60000), -1);
	assert_int_equal(sched_backoff_ms(0, 60000), -1);
	assert_int_equal(sched_backoff_ms(1, 200), 200);
	assert_int_equal(sched_backoff_ms(1, -1), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hhmm),
		cmocka_unit_test(test_tz_names),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_local_to_utc_across_dst),
		cmocka_unit_test(test_remind_instants),
		cmocka_unit_test(test_backoff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
