/* ticker.c: one thread per periodic job, woken early only to stop. */
#include "util/ticker.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "util/xalloc.h"

struct ticker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop;
	int64_t ms;
	void (*tick)(void *ctx);
	void (*end)(void *ctx);
	void *ctx;
};

int64_t
ticker_ms(void)
{
	const char *s = getenv("OKRA_SCHEDULER_TICK_MS");
	char *end;
	long long v;

	if (!s || !*s)
		return 60000;
	v = strtoll(s, &end, 10);
	return *end || v < 10 || v > 3600000 ? 60000 : v;
}

/* Wait one tick or until stopped; returns 1 when stopped. */
static int
wait_tick(struct ticker *t)
{
	struct timespec until;
	int stop;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += t->ms / 1000;
	until.tv_nsec += (t->ms % 1000) * 1000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&t->lock);
	while (!t->stop && pthread_cond_timedwait(&t->wake, &t->lock, &until) != ETIMEDOUT)
		;
	stop = t->stop;
	pthread_mutex_unlock(&t->lock);
	return stop;
}

static void *
loop(void *p)
{
	struct ticker *t = p;

	do
		t->tick(t->ctx);
	while (!wait_tick(t));
	if (t->end)
		t->end(t->ctx);
	return NULL;
}

int
ticker_start(struct ticker **out, const char *what, void (*tick)(void *ctx), void (*end)(void *ctx),
	     void *ctx, struct okra_err *err)
{
	struct ticker *t = xcalloc(1, sizeof(*t));
	sigset_t block, old;
	int rc;

	t->ms = ticker_ms();
	t->tick = tick;
	t->end = end;
	t->ctx = ctx;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&t->thread, NULL, loop, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		pthread_cond_destroy(&t->wake);
		pthread_mutex_destroy(&t->lock);
		free(t);
		return okra_err_set(err, OKRA_EIO, "", "the %s thread could not start", what);
	}
	*out = t;
	return 0;
}

void
ticker_stop(struct ticker *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->lock);
	t->stop = 1;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->wake);
	pthread_mutex_destroy(&t->lock);
	free(t);
}
