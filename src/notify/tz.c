/* tz.c: time-zone offsets by name through localtime_r, serialised under one mutex. */
#include "notify/tz.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/schedule.h"
#include "util/buf.h"

static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

void
notify_tz_init(void)
{
	pthread_mutex_lock(&tz_lock);
	if (!getenv("TZ"))
		setenv("TZ", "UTC", 0);
	pthread_mutex_unlock(&tz_lock);
}

int
notify_tz_offset(const char *name, int64_t utc, int *offset)
{
	struct buf old = BUF_INIT;
	const char *prev;
	time_t t = (time_t)utc;
	struct tm tm;
	int rc = -1, had;

	if (!sched_tz_name_ok(name))
		return -1;
	if (!strcmp(name, "UTC")) {
		*offset = 0;
		return 0;
	}
	pthread_mutex_lock(&tz_lock);
	prev = getenv("TZ");
	had = prev != NULL;
	if (had)
		buf_adds(&old, prev);
	if (setenv("TZ", name, 1) == 0) {
		tzset();
		if (localtime_r(&t, &tm)) {
			*offset = (int)tm.tm_gmtoff;
			rc = 0;
		}
		if (had)
			setenv("TZ", old.buf, 1);
		else
			setenv("TZ", "UTC", 1);
		tzset();
	}
	pthread_mutex_unlock(&tz_lock);
	buf_release(&old);
	return rc;
}

int
notify_tz_offset_fn(void *ctx, int64_t utc, int *offset)
{
	return notify_tz_offset(ctx, utc, offset);
}
