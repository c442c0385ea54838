/* schedule.c: the reminder's local time, time-zone arithmetic by offset, and retry back-off. */
#include "core/schedule.h"

#include <string.h>

#include "core/calendar.h"

#define DAY 86400

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

int
sched_parse_hhmm(const char *s, int *minute)
{
	int h, m;

	if (!s || strlen(s) != 5 || !digit(s[0]) || !digit(s[1]) || s[2] != ':' || !digit(s[3]) ||
	    !digit(s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minute = h * 60 + m;
	return 0;
}

int
sched_tz_name_ok(const char *s)
{
	size_t part = 0, n = 0;

	if (!s || !*s || *s == '/')
		return 0;
	for (const char *p = s; *p; p++, n++) {
		char c = *p;

		if (n >= 64)
			return 0;
		if (c == '/') {
			if (!part)
				return 0;
			part = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit(c) || c == '_' ||
		      c == '-' || c == '+' || c == '.'))
			return 0;
		if (c == '.' && p[1] == '.')
			return 0;
		if (c == '.' && part == 0)
			return 0; /* no hidden files, no "./" */
		part++;
	}
	return part > 0;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
sched_local(int64_t utc, int offset, int32_t *day, int *minute)
{
	int64_t local = utc + offset;
	int64_t d = floor_div(local, DAY);

	*day = (int32_t)d;
	*minute = (int)((local - d * DAY) / 60);
}

int
sched_local_to_utc(int32_t day, int minute, sched_offset_fn tz, void *ctx, int64_t *utc)
{
	int64_t wall = (int64_t)day * DAY + (int64_t)minute * 60;
	int oa, ob, oc;

	/* The offset at the wall time read as UTC is close; check it where it leads. */
	if (tz(ctx, wall, &oa) < 0 || tz(ctx, wall - oa, &ob) < 0)
		return -1;
	if (ob == oa) {
		*utc = wall - oa;
		return 0;
	}
	if (tz(ctx, wall - ob, &oc) < 0)
		return -1;
	if (oc == ob) {
		*utc = wall - ob;
		return 0;
	}
	/*
	 * Neither offset leads to this wall time: it falls in a spring-forward
	 * gap. The offset before the change is the smaller one, east or west of
	 * Greenwich, and reading the wall time with it lands past the gap.
	 */
	*utc = wall - (oa < ob ? oa : ob);
	return 0;
}

int
sched_remind_instants(int64_t now, int weekday, int minute, sched_offset_fn tz, void *ctx,
		      int64_t *this_week, int64_t *next)
{
	int32_t today, upd;
	int off, m;

	if (weekday < 1 || weekday > 7 || minute < 0 || minute >= 24 * 60)
		return -1;
	if (tz(ctx, now, &off) < 0)
		return -1;
	sched_local(now, off, &today, &m);
	upd = cal_update_day_on_or_before(today, weekday);
	if (sched_local_to_utc(upd, minute, tz, ctx, this_week) < 0)
		return -1;
	if (*this_week >= now) {
		*next = *this_week;
		return 0;
	}
	return sched_local_to_utc(upd + 7, minute, tz, ctx, next);
}

int64_t
sched_backoff_ms(int attempt, int64_t base_ms)
{
	static const int64_t factor[SCHED_MAX_ATTEMPTS - 1] = {1, 5, 30};

	if (attempt < 1 || attempt >= SCHED_MAX_ATTEMPTS || base_ms < 0)
		return -1;
	return base_ms * factor[attempt - 1];
}
