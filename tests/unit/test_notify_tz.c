/* test_notify_tz.c: zone offsets from the system's zoneinfo, DST on the right instant, many threads
 * at once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>

#include "core/calendar.h"
#include "core/schedule.h"
#include "notify/tz.h"

#define H 3600

static int64_t
at(int y, int m, int d, int hh, int mm)
{
	return (int64_t)cal_from_civil(y, m, d) * 86400 + hh * H + mm * 60;
}

static int
off(const char *zone, int64_t t)
{
	int o = -999999;

	assert_int_equal(notify_tz_offset(zone, t, &o), 0);
	return o;
}

static void
test_offsets(void **state)
{
	int o;

	(void)state;
	assert_int_equal(off("UTC", at(2026, 7, 1, 0, 0)), 0);
	assert_int_equal(off("Europe/Zurich", at(2026, 1, 14, 12, 0)), H);
	assert_int_equal(off("Europe/Zurich", at(2026, 7, 1, 12, 0)), 2 * H);
	/* The spring change is at 01:00 UTC on the last Sunday of March. */
	assert_int_equal(off("Europe/Zurich", at(2026, 3, 29, 0, 59)), H);
	assert_int_equal(off("Europe/Zurich", at(2026, 3, 29, 1, 0)), 2 * H);
	assert_int_equal(off("America/New_York", at(2026, 11, 1, 5, 59)), -4 * H);
	assert_int_equal(off("America/New_York", at(2026, 11, 1, 6, 0)), -5 * H);
	assert_int_equal(off("Asia/Kolkata", at(2026, 7, 1, 0, 0)), 5 * H + 30 * 60);
	assert_int_equal(notify_tz_offset("../../etc/passwd", 0, &o), -1);
	assert_int_equal(notify_tz_offset("", 0, &o), -1);
}

static void
test_reminder_time_in_zurich(void **state)
{
	int64_t t = 0;

	(void)state;
	/* remind_at 09:00 Europe/Zurich: 08:00 UTC in winter, 07:00 UTC in summer. */
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 11, 18), 540, notify_tz_offset_fn,
					    "Europe/Zurich", &t),
			 0);
	assert_int_equal(t, at(2026, 11, 18, 8, 0));
	assert_int_equal(sched_local_to_utc(cal_from_civil(2026, 7, 1), 540, notify_tz_offset_fn,
					    "Europe/Zurich", &t),
			 0);
	assert_int_equal(t, at(2026, 7, 1, 7, 0));
}

struct job {
	const char *zone;
	int64_t t;
	int want, bad;
};

static void *
convert(void *p)
{
	struct job *j = p;

	for (int i = 0; i < 2000; i++) {
		int o = 0;

		if (notify_tz_offset(j->zone, j->t, &o) < 0 || o != j->want)
			j->bad++;
	}
	return NULL;
}

/* Threads switching zones at once never see each other's zone. */
static void
test_threads(void **state)
{
	struct job jobs[4] = {
		{"Europe/Zurich", 0, 0, 0},
		{"America/New_York", 0, 0, 0},
		{"Asia/Tokyo", 0, 9 * H, 0},
		{"Australia/Adelaide", 0, 0, 0},
	};
	pthread_t th[4];

	(void)state;
	notify_tz_init();
	jobs[0].t = at(2026, 7, 1, 0, 0);
	jobs[0].want = 2 * H;
	jobs[1].t = at(2026, 1, 1, 0, 0);
	jobs[1].want = -5 * H;
	jobs[2].t = at(2026, 1, 1, 0, 0);
	jobs[3].t = at(2026, 1, 1, 0, 0);
	jobs[3].want = 10 * H + 30 * 60;
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, convert, &jobs[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(jobs[i].bad, 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_reminder_time_in_zurich),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
