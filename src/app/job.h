/* job.h: a periodic job of okra serve (the reminders, the daily sync) on its own thread
 * (util/ticker) and its own store connection, opened at the first tick that can. */
#ifndef OKRA_APP_JOB_H
#define OKRA_APP_JOB_H

#include "app/app.h"
#include "util/err.h"

struct app_job;

/*
 * Start a thread that, each tick (ticker_ms()), calls tick(a, ctx) on a store
 * connection of its own opened on db. Until the store opens, each tick calls
 * unopened(msg, ctx) with why instead (the caller logs it), and tries again
 * at the next. The connection is closed in the thread after the last tick.
 * what names the thread in the error when it cannot start.
 */
int app_job_start(struct app_job **out, const char *what, const char *db,
		  void (*tick)(struct app *a, void *ctx),
		  void (*unopened)(const char *msg, void *ctx), void *ctx, struct okra_err *err);
/* Let a running tick finish, close the connection, join and free. NULL is a no-op. */
void app_job_stop(struct app_job *j);

#endif
