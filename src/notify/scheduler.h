/* scheduler.h: the reminder's thread inside okra serve. */
#ifndef OKRA_SCHEDULER_H
#define OKRA_SCHEDULER_H

#include "util/err.h"

/*
 * The scheduler: one thread with its own store connection. Every tick
 * (OKRA_SCHEDULER_TICK_MS, default 60 000) it re-reads the settings; on the
 * update weekday, from remind_at in remind_tz until that local day ends, it
 * runs notify_remind for the week (claims make repeats free of sends), and at
 * every tick it sends the retries that are due. It never touches the
 * request threads. Start it before the server's threads (it blocks SIGINT
 * and SIGTERM in its own thread, so the server's sigwait gets them); stop
 * joins it, waiting at most for one transfer in flight (20 s).
 */
struct notify_scheduler;
int notify_scheduler_start(const char *db, struct notify_scheduler **out, struct okra_err *err);
void notify_scheduler_stop(struct notify_scheduler *s);

#endif
