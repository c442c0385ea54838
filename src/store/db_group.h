/* db_group.h: group commit: writes of many threads share one SQLite transaction and one fsync. */
#ifndef OKRA_DB_GROUP_H
#define OKRA_DB_GROUP_H

#include <stdint.h>

#include "store/db.h"
#include "util/err.h"

/*
 * One writer connection shared by every thread of a server. A job is one
 * use case's write transaction:
 *
 *   db_group_begin(g, &db, err)   waits for the connection, opens the batch's
 *                                 transaction if none is open (BEGIN
 *                                 IMMEDIATE), then a savepoint for the job;
 *                                 the job runs its statements on db;
 *   db_group_end(g, rc, err)      releases the savepoint (rc == 0) or rolls
 *                                 the job back to it (rc < 0), hands the
 *                                 connection on, and returns only once the
 *                                 batch holding the job has committed.
 *
 * The thread that ends a job while no other thread waits for the connection
 * (or when the batch holds DB_GROUP_MAX_JOBS jobs) commits the batch: one
 * COMMIT, one fsync, for every job in it. db_group_end returns the job's own
 * error, else the batch's: when the COMMIT fails, or SQLite rolled the whole
 * transaction back, every job of the batch gets OKRA_EDB and none of its
 * writes stays. A job is atomic on its own (its savepoint): a refused one
 * leaves nothing and does not disturb the others of its batch.
 *
 * SQLite only: PostgreSQL serialises writers with its advisory lock instead.
 */

#define DB_GROUP_MAX_JOBS 64

struct db_group;

/*
 * What a batch's jobs wait on: its outcome. A deferred ticket (the server's
 * writer thread, db_group_end_deferred) collects every job one request ran,
 * and keeps the first failure of any batch that held one of them.
 */
struct db_group_ticket {
	struct db_group_ticket *next; /* in the open batch's list, while linked */
	int linked;                   /* waits for the open batch's outcome */
	int done;                     /* the last batch it waited for is decided */
	int rc;                       /* 0, or the first failure */
	char msg[sizeof(((struct okra_err *)0)->msg)];
};

struct db_group_stats {
	uint64_t jobs;    /* jobs ended (failed ones too) */
	uint64_t commits; /* batch COMMITs attempted */
	uint64_t failed;  /* batches lost: COMMIT failed or the transaction was rolled back */
	unsigned queued;  /* threads waiting for the connection now */
};

/* Opens the shared connection to the SQLite file at uri (already migrated). */
int db_group_open(struct db_group **out, const char *uri, struct okra_err *err);
/* No job may be running. */
void db_group_close(struct db_group *g);
/* Waits DB_WRITE_WAIT_MS at most, for the queue and the lock together, else OKRA_EBUSY. */
int db_group_begin(struct db_group *g, struct db **db, struct okra_err *err);
/* The same with its own deadline (0: only if the connection and the lock are free now). */
int db_group_begin_within(struct db_group *g, int wait_ms, struct db **db, struct okra_err *err);
int db_group_end(struct db_group *g, int rc, struct okra_err *err);
/*
 * The same without waiting for the commit: the job stays in the open batch,
 * and t learns its outcome when the batch is decided (db_group_flush, or the
 * commit of another thread's job that joined it). For one thread that runs
 * many requests' jobs one after another and then commits them together.
 */
int db_group_end_deferred(struct db_group *g, int rc, struct db_group_ticket *t,
			  struct okra_err *err);
/* Commits the open batch, if any (after another thread's job holding the connection ends). */
void db_group_flush(struct db_group *g);
/* 0 when every job t collected is committed, else the failure (t decided: after a flush). */
int db_group_ticket_result(const struct db_group_ticket *t, struct okra_err *err);
void db_group_stats(struct db_group *g, struct db_group_stats *out);

#endif
