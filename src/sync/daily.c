/* daily.c: okra sync's daily run inside okra serve: its own thread, once a UTC day from the
 * setting sync_daily's time on, logging what it fixed. */
#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/job.h"
#include "app/settings.h"
#include "util/logline.h"
#include "util/xalloc.h"

struct sync_daily {
	struct app_job *job;
	int64_t last_day; /* the UTC day (days since 1970) of the last run, -1 none */
};

static void
log_text(const char *prefix, const char *text)
{
	struct buf b = BUF_INIT;

	while (*text) {
		size_t n = strcspn(text, "\n");

		buf_reset(&b);
		buf_addf(&b, "okra: sync: %s%.*s", prefix, (int)n, text);
		log_line_write(b.buf);
		text += n + (text[n] == '\n');
	}
	buf_release(&b);
}

/* Run okra sync when sync_daily is set, its time has come today (UTC) and it has not run today. */
static void
tick(struct sync_daily *d, struct app *a)
{
	struct okra_err err = {0};
	struct buf when = BUF_INIT, sum = BUF_INIT;
	struct sync_report rep = {BUF_INIT, 0, 0, 0, 0};
	struct sync_opts o = {NULL, 0};
	int64_t day, minute;

	if (app_refresh(a, &err) < 0 || app_setting_text(a, "sync_daily", &when, &err) < 0) {
		log_text("", err.msg);
		goto out;
	}
	day = a->now / 86400 - (a->now % 86400 < 0);
	minute = (a->now - day * 86400) / 60;
	if (!when.len || day == d->last_day || minute < app_setting_int(a, "sync_daily"))
		goto out;
	d->last_day = day;
	if (sync_run(a, &o, &rep, &err) < 0)
		log_text("", err.msg);
	log_text("", rep.lines.len ? rep.lines.buf : "");
	sync_report_summary(&rep, &o, &sum);
	log_text("daily run: ", sum.buf);
out:
	sync_report_release(&rep);
	buf_release(&sum);
	buf_release(&when);
}

static void
each_tick(struct app *a, void *p)
{
	tick(p, a);
}

static void
unopened(const char *msg, void *p)
{
	(void)p;
	log_text("cannot open the store: ", msg);
}

int
sync_daily_start(const char *db, struct sync_daily **out, struct okra_err *err)
{
	struct sync_daily *d = xcalloc(1, sizeof(*d));
	int rc;

	d->last_day = -1;
	if ((rc = app_job_start(&d->job, "daily sync", db, each_tick, unopened, d, err)) < 0) {
		free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void
sync_daily_stop(struct sync_daily *d)
{
	if (!d)
		return;
	app_job_stop(d->job);
	free(d);
}
