/* scheduler.c: the reminder's own thread in okra serve (an app/job.h job): a tick, the KR
 * sources that are due, the remind window, the retries. */
#include "notify/scheduler.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/job.h"
#include "app/remind.h"
#include "core/calendar.h"
#include "core/schedule.h"
#include "notify/notify.h"
#include "notify/send.h"
#include "notify/tz.h"
#include "source/source.h"
#include "util/buf.h"
#include "util/logline.h"
#include "util/xalloc.h"

struct notify_scheduler {
	struct app_job *job;
	int warned;
};

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

static void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line on stderr (the server's log), never interleaved with another thread's. */
static void
log_line(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_adds(&b, "okra: reminders: ");
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&log_lock);
	log_line_write(b.buf);
	pthread_mutex_unlock(&log_lock);
	buf_release(&b);
}

static void
log_run(const struct notify_run *r)
{
	struct buf line = BUF_INIT;

	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].kind == NOTIFY_ALREADY || r->v[i].kind == NOTIFY_NO_EMAIL)
			continue;
		buf_reset(&line);
		notify_outcome_format(&r->v[i], &line);
		log_line("%s", line.buf);
	}
	buf_release(&line);
}

/*
 * Is now inside this week's remind window: the update day, local time, from
 * remind_at to the end of that local day? *day is the local date.
 */
static int
in_window(struct app *a, const struct remind_settings *s, int32_t *day)
{
	int64_t this_week, next;
	int off, minute;

	if (notify_tz_offset(s->tz, a->now, &off) < 0 ||
	    sched_remind_instants(a->now, a->update_weekday, s->minute, notify_tz_offset_fn, s->tz,
				  &this_week, &next) < 0)
		return 0;
	sched_local(a->now, off, day, &minute);
	return cal_weekday(*day) == a->update_weekday && a->now >= this_week;
}

/* The KR sources that are due, read; their new errors told (whether reminders are on or not). */
static void
sources(struct app *a, const struct remind_settings *s)
{
	struct okra_err err = {0};
	int nread, nfailed, told;

	app_act_as_system(a);
	if (source_read_due(a, &nread, &nfailed, &err) < 0)
		log_line("KR sources: %s", err.msg);
	else if (nread || nfailed)
		log_line("KR sources: %d read, %d failed", nread, nfailed);
	if (notify_sources(a, s, &told, &err) < 0)
		log_line("KR sources: %s", err.msg);
	else if (told)
		log_line("KR sources: %d errors told", told);
}

static void
tick(struct app *a, int *warned)
{
	struct remind_settings s = {0};
	struct notify_run run = {0};
	struct okra_err err = {0};
	int32_t day;

	if (app_refresh(a, &err) < 0 || app_remind_settings(a, &s, &err) < 0) {
		log_line("the store does not answer: %s", err.msg);
		goto out;
	}
	sources(a, &s);
	if (!*s.chat_webhook && !*s.smtp_url) {
		if (!*warned)
			log_line("no channel set up (chat_webhook, smtp_url): none sent");
		*warned = 1;
		goto out;
	}
	*warned = 0;
	if (in_window(a, &s, &day)) {
		if (notify_remind(a, day, &run, &err) < 0)
			log_line("%s", err.msg);
	} else if (notify_retry(a, &run, &err) < 0) {
		log_line("%s", err.msg);
	}
	/* Ticks in the window repeat the claims: only what happened now is worth a line. */
	log_run(&run);
out:
	notify_run_release(&run);
	remind_settings_release(&s);
}

static void
each_tick(struct app *a, void *p)
{
	struct notify_scheduler *s = p;

	tick(a, &s->warned);
}

static void
unopened(const char *msg, void *p)
{
	(void)p;
	log_line("cannot open the store: %s", msg);
}

int
notify_scheduler_start(const char *db, struct notify_scheduler **out, struct okra_err *err)
{
	struct notify_scheduler *s = xcalloc(1, sizeof(*s));
	int rc;

	/* Process-wide setup while this is the only thread. */
	notify_send_init();
	notify_tz_init();
	if ((rc = app_job_start(&s->job, "reminder", db, each_tick, unopened, s, err)) < 0) {
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void
notify_scheduler_stop(struct notify_scheduler *s)
{
	if (!s)
		return;
	app_job_stop(s->job);
	free(s);
}
