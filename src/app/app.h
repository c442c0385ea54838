/* app.h: struct app (one connection's use-case context) and its lifecycle: opening the store,
 * group commit, the clock, who acts. The use cases are in the topic headers beside it. */
#ifndef OKRA_APP_H
#define OKRA_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"
#include "util/err.h"

struct db;              /* store/db.h: the database driver, private to src/app */
struct db_group;        /* store/db_group.h */
struct db_group_ticket; /* store/db_group.h: one request's writes under a deferred commit */
struct app_memo;        /* memo.c: what the app keeps per store revision */

/*
 * The CLI and the HTTP server call only this layer: app.h and, by subject,
 * people.h, objectives.h, updates.h, corrections.h, tree.h, reads.h, auth.h, hooks.h,
 * settings.h, transfer.h, remind.h, report.h and json.h. Every write runs in
 * one write transaction together with its audit row; when it returns an error
 * nothing was written. Role rules (R1) are enforced here, so they hold for
 * every interface alike:
 *   admin  everything;
 *   leader every objective (company ones too), cycles;
 *   member objectives of their teams and those they are DRI of;
 * and who writes which weekly update (R14) is app_may_update's (updates.h);
 *   viewer reads only.
 * The actor with id 0 is the system: it exists only while the database has no
 * admin yet (so the first admin can be created) and for integrations.
 * Outside src/app the fields are read, never written: the functions below set them.
 */
struct app {
	struct db *db;          /* the connection in use: own, or the group's during a write */
	struct db *own_db;      /* this app's own connection */
	struct db_group *group; /* group commit (okra serve on SQLite), or NULL */
	int64_t now;            /* UTC seconds: the clock, or OKRA_NOW */
	int32_t today;          /* the date of now */
	struct person actor;    /* who acts */
	struct arena actor_ar;  /* the actor's strings, emptied when the actor changes */
	int update_weekday;     /* R8: 1..7, Wednesday = 3 by default */
	int fy_first_month;     /* first month of the fiscal year, 1..12 */
	int tx_depth;           /* nested use cases share the outermost transaction */
	int tx_savepoints;      /* inside a request's own transaction: each nested use case is a
				   savepoint, so a refused one undoes only its own writes */
	int tx_housekeeping;    /* the open transaction is app_tx_try_begin's bookkeeping */
	int tx_busy;            /* this request's write found the lock held past its deadline:
				   its use cases do not wait for it a second time */
	struct db_group_ticket *ticket; /* app_defer_commits: writes join the batch, no commit */
	int64_t write_by_ms;  /* CLOCK_MONOTONIC ms: the request's one write deadline, or 0 */
	int64_t session_idle; /* seconds a session lives unused (default 8 h) */
	int64_t session_max;  /* seconds a session lives at most (default 7 days) */
	double pace_attention,
		pace_risk; /* core/pace.h thresholds (settings pace_attention, pace_risk) */
	int64_t rev;       /* the store revision app_refresh read, while rev_known */
	int rev_known;     /* set by app_refresh, cleared when a write begins: then read again */
	struct app_memo *memo; /* settings and who holds a token or session, kept per rev */
};

/* Open (creating and migrating) the store at uri, read settings, set the clock. */
int app_open(struct app *a, const char *uri, struct okra_err *err);
/*
 * The same, for a store okra init made already: one with no okra schema is
 * refused with OKRA_ENOTFOUND and left as it was.
 */
int app_open_existing(struct app *a, const char *uri, struct okra_err *err);
void app_close(struct app *a);
/*
 * Group commit, for a server whose threads each have their app: the write
 * transactions of every app that joined the group run on one shared
 * connection, each in its own savepoint, and commit together (one fsync per
 * batch); a use case returns once its batch has committed. For a SQLite
 * store only: *out is NULL for PostgreSQL, which keeps one transaction per
 * write. Open after the store is migrated; close after every app left.
 */
int app_group_open(struct db_group **out, const char *uri, struct okra_err *err);
void app_group_close(struct db_group *g);
/* Its counters so far: writes, commits, lost batches. */
struct app_group_stats {
	uint64_t jobs;    /* jobs ended (failed ones too) */
	uint64_t commits; /* batch COMMITs attempted */
	uint64_t failed;  /* batches lost: COMMIT failed or the transaction was rolled back */
	unsigned queued;  /* threads waiting for the connection now */
};
void app_group_stats(struct db_group *g, struct app_group_stats *out);
/* From now on a's write transactions go through g (NULL: its own connection). */
void app_join_group(struct app *a, struct db_group *g);
/*
 * The server's writer thread runs many requests' writes one after another
 * and commits them together: from app_defer_commits(a, t, since) on, a's
 * write transactions end without waiting for a commit (t learns whether a
 * batch holding one of them failed), and none waits for the lock past the
 * write deadline counted from since, the request's arrival (a CLOCK_MONOTONIC
 * instant in ms): past it, OKRA_EBUSY at once. t NULL
 * returns a to committing each write itself. app_group_flush commits the
 * open batch; app_ticket_result then says whether t's writes are durable.
 */
struct db_group_ticket *app_ticket_new(void);
void app_ticket_free(struct db_group_ticket *t);
void app_defer_commits(struct app *a, struct db_group_ticket *t, int64_t since_ms);
void app_group_flush(struct app *a);
int app_ticket_result(const struct db_group_ticket *t, struct okra_err *err);
/*
 * 0 if the store takes writes; OKRA_EBUSY with the reason once writes have
 * been failing past their deadline and the lock is still held (never waits).
 */
int app_store_writable(struct app *a, struct okra_err *err);
/* Bytes the store's library holds in this process (SQLite's page caches), for /metrics. */
int64_t app_store_memory(void);
/* Set now/today from OKRA_NOW (YYYY-MM-DD[THH:MM]) or the system clock. */
int app_clock_from_env(struct app *a, struct okra_err *err);
void app_set_now(struct app *a, int64_t now);
/* Before each request of a long-lived app: settings re-read (another connection may have
 * changed them) and the clock set. */
int app_refresh(struct app *a, struct okra_err *err);
/*
 * A write request's own transaction: every use case the request calls, the
 * reads that build its reply and what app_idem_keep keeps run in it, and
 * nothing is committed before the reply is built (so a read after the
 * commit cannot fail a write that is done). Inside it each use case is a
 * savepoint: a refused one undoes its own writes only, as when it had its own
 * transaction. app_request_end commits when rc == 0, else rolls back, and
 * returns the final code (OKRA_EBUSY past the write deadline, as any write).
 */
int app_request_begin(struct app *a, struct okra_err *err);
int app_request_end(struct app *a, int rc, struct okra_err *err);
/* Act as handle; NULL = the first admin, or the system while there is none. */
int app_act_as(struct app *a, const char *handle, struct okra_err *err);

/* Act as the system (actor 0, audited as "the system"): for integrations. */
void app_act_as_system(struct app *a);
/* Act as nobody yet (a viewer with id -1): a request before authentication says who. */
void app_act_as_nobody(struct app *a);
/* Act as who, a person authentication resolved (copied; not a->actor itself). */
void app_act_as_person(struct app *a, const struct person *who);

#endif
