/* schedule.h: when the weekly reminder fires and how failed sends back off — pure arithmetic. */
#ifndef OKRA_SCHEDULE_H
#define OKRA_SCHEDULE_H

#include <stdint.h>

/*
 * Local wall-clock time is a date (days since 1970-01-01) and a minute of
 * the day. A time zone is given as a function returning its offset from UTC
 * in seconds (east positive) at a UTC instant, so these functions stay free
 * of I/O: src/notify/tz.c supplies one backed by the system's zoneinfo.
 */
typedef int (*sched_offset_fn)(void *ctx, int64_t utc, int *offset);

/* "HH:MM" (00:00 .. 23:59, two digits each) -> minute of the day; 0 or -1. */
int sched_parse_hhmm(const char *s, int *minute);
/* An IANA zone name as okra accepts it: "UTC", "Europe/Zurich", "America/Argentina/Salta";
 * letters, digits, '_', '-', '+' and '/' between non-empty parts, no "..": 1 or 0. */
int sched_tz_name_ok(const char *s);

/* The local date and minute of a UTC instant at a fixed offset (seconds east). */
void sched_local(int64_t utc, int offset, int32_t *day, int *minute);
/*
 * The UTC instant of local `day` at `minute` in the zone: two passes (the
 * offset at the guess, then at the result) so a DST change on that day is
 * handled. A time in a spring-forward gap is read with the offset before
 * the change (02:30 that never happens becomes 03:30); in an autumn overlap
 * either of the two instants may be returned. 0 or -1 when the zone fails.
 */
int sched_local_to_utc(int32_t day, int minute, sched_offset_fn tz, void *ctx, int64_t *utc);
/*
 * The first reminder instant at or after `now`, and the one the week of `now`
 * had: the update weekday (1..7) at `minute` local time. *this_week is the
 * instant on the update day on or before now's local date (it may be in the
 * past); *next is the earliest such instant >= now. 0 or -1.
 */
int sched_remind_instants(int64_t now, int weekday, int minute, sched_offset_fn tz, void *ctx,
			  int64_t *this_week, int64_t *next);

/*
 * Back-off for a failed send: after attempt k (1 = the first send) the next
 * try waits base_ms × 1, 5, 30 (so 1 min, 5 min, 30 min for base 60 000);
 * after SCHED_MAX_ATTEMPTS attempts it gives up: -1.
 */
#define SCHED_MAX_ATTEMPTS 4
int64_t sched_backoff_ms(int attempt, int64_t base_ms);

#endif
