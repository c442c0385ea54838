/*
 * sync.h: okra sync — asking the forges' REST APIs for the state of every open
 * item okra tracks and applying what changed as a webhook would (sync.c), and
 * its daily run inside okra serve (daily.c).
 */
#ifndef OKRA_SYNC_H
#define OKRA_SYNC_H

#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

struct app;

struct sync_opts {
	const char *forge; /* a forge's name ("gitlab", "github"), or NULL for every forge */
	int dry_run;       /* apply nothing: say what would change */
};
/* What a run did: one line per change or item skipped, and the counts. */
struct sync_report {
	struct buf lines; /* "closed group/project#12 (gitlab: closed)\n" … */
	int64_t asked;    /* items asked about */
	int64_t changed;  /* items changed (or, in a dry run, that would change) */
	int64_t skipped;  /* items the forge does not know (404, not in its answer) */
	int64_t forges;   /* forges asked (their token set) */
};
/*
 * Ask each forge whose token (NAME_api_token) is set — or only o->forge —
 * about the open items it may own, and apply each close (closed, merged;
 * closed as not planned per github_not_planned) through app_hook_apply with
 * the item's updated_at as the event's time, one transaction per item. 0, or
 * OKRA_EIO / OKRA_EINVAL (err: one line) when a forge failed (an unusable
 * answer, a rate limit longer than the wait allowed): what was applied before
 * stays applied and is in rep, and no item is half-applied. OKRA_EINVAL too
 * for an unknown o->forge, or when it names a forge whose token is not set.
 */
int sync_run(struct app *a, const struct sync_opts *o, struct sync_report *rep,
	     struct okra_err *err);
void sync_report_release(struct sync_report *rep);
/* One summary line, "N items asked of gitlab, github: M changed, K unknown to the forge". */
void sync_report_summary(const struct sync_report *rep, const struct sync_opts *o, struct buf *out);

/*
 * The daily run inside okra serve: its own thread and store connection. Every
 * tick (OKRA_SCHEDULER_TICK_MS, default 60 000) it reads the setting
 * sync_daily (HH:MM UTC, empty = never) and, once a UTC day from that time
 * on, runs sync_run for every forge, logging each line.
 */
struct sync_daily;
int sync_daily_start(const char *db, struct sync_daily **out, struct okra_err *err);
void sync_daily_stop(struct sync_daily *d);

#endif
