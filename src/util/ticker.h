/* ticker.h: a background thread that does one piece of work each tick until it is stopped —
 * the reminders (reading the KR sources that are due) and the daily sync each run on one in
 * okra serve, through app/job.h (which gives the job its own store connection). */
#ifndef OKRA_TICKER_H
#define OKRA_TICKER_H

#include <stdint.h>

#include "util/err.h"

struct ticker;

/*
 * Start a thread that calls tick(ctx) at once and then every ticker_ms()
 * milliseconds, and end(ctx) once after the last tick, in that thread (to
 * close what the ticks opened). The thread is born with SIGINT, SIGTERM and
 * SIGHUP blocked: those are the server's to sigwait. what names the thread
 * in the error when it cannot start.
 */
int ticker_start(struct ticker **out, const char *what, void (*tick)(void *ctx),
		 void (*end)(void *ctx), void *ctx, struct okra_err *err);
/* Wake the thread, let a running tick finish, run end, join and free. NULL is a no-op. */
void ticker_stop(struct ticker *t);
/* The tick: $OKRA_SCHEDULER_TICK_MS (10 ms to an hour, for tests) or a minute. */
int64_t ticker_ms(void);

#endif
