/* daily.c: okra sync's daily run inside okra serve: its own thread, once a UTC day from the
 * setting sync_daily's time on, logging what it fixed. */
#include "sync/sync.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/settings.h"
#include "util/logline.h"
#include "util/xalloc.h"

struct sync_daily {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
	char *db;
	int64_t tick_ms;
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

static int64_t
tick_ms(void)
{
	const char *s = getenv("OKRA_SCHEDULER_TICK_MS");
	char *end;
	long long v;

	if (!s || !*s)
		return 60000;
	v = strtoll(s, &end, 10);
	return *end || v < 10 || v > 3600000 ? 60000 : v;
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

static void *
loop(void *p)
{
	struct sync_daily *d = p;
	struct app a;
	int open = 0;

	for (;;) {
		struct timespec until;

		if (!open) {
			struct okra_err err = {0};

			if (app_open(&a, d->db, &err) == 0)
				open = 1;
			else
				log_text("cannot open the store: ", err.msg);
		}
		if (open)
			tick(d, &a);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += d->tick_ms / 1000;
		until.tv_nsec += (d->tick_ms % 1000) * 1000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
		pthread_mutex_lock(&d->lock);
		while (!d->stop && pthread_cond_timedwait(&d->wake, &d->lock, &until) != ETIMEDOUT)
			;
		if (d->stop) {
			pthread_mutex_unlock(&d->lock);
			break;
		}
		pthread_mutex_unlock(&d->lock);
	}
	if (open)
		app_close(&a);
	return NULL;
}

int
sync_daily_start(const char *db, struct sync_daily **out, struct okra_err *err)
{
	struct sync_daily *d = xcalloc(1, sizeof(*d));
	sigset_t block, old;
	int rc;

	d->db = xstrdup(db);
	d->tick_ms = tick_ms();
	d->last_day = -1;
	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->wake, NULL);
	/* Born with SIGINT, SIGTERM and SIGHUP blocked: the server's to sigwait. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&d->thread, NULL, loop, d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		pthread_cond_destroy(&d->wake);
		pthread_mutex_destroy(&d->lock);
		free(d->db);
		free(d);
		return okra_err_set(err, OKRA_EIO, "", "the daily sync thread could not start");
	}
	*out = d;
	return 0;
}

void
sync_daily_stop(struct sync_daily *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&d->lock);
	d->stop = 1;
	pthread_cond_signal(&d->wake);
	pthread_mutex_unlock(&d->lock);
	pthread_join(d->thread, NULL);
	pthread_cond_destroy(&d->wake);
	pthread_mutex_destroy(&d->lock);
	free(d->db);
	free(d);
}
