/* db_group.c: group commit on one shared SQLite writer: jobs in savepoints, one COMMIT a batch. */
#include "store/db_group.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/xalloc.h"

struct db_group {
	pthread_mutex_t lock;
	pthread_cond_t free_cv; /* the connection was handed back */
	pthread_cond_t done_cv; /* a batch has its outcome */
	struct db *db;
	int held;                        /* a job or a COMMIT is using the connection */
	int open;                        /* the batch's transaction is open */
	unsigned batch_jobs;             /* jobs ended in the open batch */
	struct db_group_ticket *waiting; /* their records, to be told the outcome */
	struct db_group_stats stats;
};

int
db_group_open(struct db_group **out, const char *uri, struct okra_err *err)
{
	struct db_group *g;
	struct db *db;
	int rc;

	*out = NULL;
	if ((rc = db_open(&db, uri, err)) < 0)
		return rc;
	if (db_driver_of(db) != &db_sqlite_driver) {
		db_close(db);
		return okra_err_set(err, OKRA_EINVAL, "db",
				    "group commit serves SQLite only; PostgreSQL serialises its "
				    "writers itself");
	}
	g = xcalloc(1, sizeof(*g));
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->free_cv, NULL);
	pthread_cond_init(&g->done_cv, NULL);
	g->db = db;
	*out = g;
	return 0;
}

void
db_group_close(struct db_group *g)
{
	if (!g)
		return;
	if (g->open)
		db_rollback(g->db);
	db_close(g->db);
	pthread_cond_destroy(&g->done_cv);
	pthread_cond_destroy(&g->free_cv);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

void
db_group_stats(struct db_group *g, struct db_group_stats *out)
{
	pthread_mutex_lock(&g->lock);
	*out = g->stats;
	pthread_mutex_unlock(&g->lock);
}

/* Under the lock: the open batch is over (committed or lost); tell each of its jobs. */
static void
batch_decided(struct db_group *g, int rc, const char *msg)
{
	for (struct db_group_ticket *j = g->waiting; j; j = j->next) {
		/* A ticket of several jobs keeps the first failure of any of its batches. */
		if (rc < 0 && j->rc == 0) {
			j->rc = rc;
			snprintf(j->msg, sizeof(j->msg), "%s", msg);
		}
		j->done = 1;
		j->linked = 0;
	}
	g->waiting = NULL;
	g->open = 0;
	g->batch_jobs = 0;
	pthread_cond_broadcast(&g->done_cv);
}

/* Under the lock: the connection is free for the next job. */
static void
hand_on(struct db_group *g)
{
	g->held = 0;
	pthread_cond_signal(&g->free_cv);
}

/* The instant wait_ms from now, for pthread_cond_timedwait. */
static struct timespec
deadline_in(int wait_ms)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += wait_ms / 1000;
	t.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

/* Milliseconds left until t, 0 once past. */
static int
ms_left(const struct timespec *t)
{
	struct timespec now;
	int64_t ms;

	clock_gettime(CLOCK_REALTIME, &now);
	ms = (int64_t)(t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? (int)ms : 0;
}

/* Under the lock: t waits for the open batch's outcome (once, however many jobs it has there). */
static void
link_ticket(struct db_group *g, struct db_group_ticket *t)
{
	if (t->linked)
		return;
	t->linked = 1;
	t->done = 0;
	t->next = g->waiting;
	g->waiting = t;
}

int
db_group_begin(struct db_group *g, struct db **db, struct okra_err *err)
{
	return db_group_begin_within(g, DB_WRITE_WAIT_MS, db, err);
}

int
db_group_begin_within(struct db_group *g, int wait_ms, struct db **db, struct okra_err *err)
{
	struct timespec by = deadline_in(wait_ms);
	struct okra_err ignore;
	int rc, need_begin;

	*db = NULL;
	pthread_mutex_lock(&g->lock);
	g->stats.queued++;
	/* One deadline for the whole write: the queue here and the lock below share it. */
	while (g->held)
		if (pthread_cond_timedwait(&g->free_cv, &g->lock, &by) != 0 && g->held) {
			g->stats.queued--;
			pthread_mutex_unlock(&g->lock);
			return okra_err_set(err, OKRA_EBUSY, "",
					    "the store is busy: this write waited more than %d ms "
					    "for the writes before it",
					    wait_ms);
		}
	g->stats.queued--;
	g->held = 1;
	need_begin = !g->open;
	pthread_mutex_unlock(&g->lock);

	if (need_begin) {
		/* BEGIN IMMEDIATE: the write lock now, against writers of other processes. */
		if ((rc = db_begin_write(g->db, ms_left(&by), err)) < 0) {
			pthread_mutex_lock(&g->lock);
			hand_on(g);
			pthread_mutex_unlock(&g->lock);
			return rc;
		}
		pthread_mutex_lock(&g->lock);
		g->open = 1;
		pthread_mutex_unlock(&g->lock);
	}
	if ((rc = db_exec(g->db, "SAVEPOINT okra_job", err)) < 0) {
		/* Ended as a failed job, so the batch it would have joined still commits. */
		db_group_end(g, rc, &ignore);
		return rc;
	}
	*db = g->db;
	return 0;
}

/*
 * The job's savepoint released (rc == 0) or rolled back; then, under the lock,
 * 1 when SQLite rolled the whole transaction back (the batch is lost: decided,
 * the connection handed on, err set), else 0 with the job counted in the batch.
 */
static int
job_close(struct db_group *g, int *rc, struct okra_err *err)
{
	struct okra_err cerr = {0};
	int lost;

	if (*rc == 0)
		*rc = db_exec(g->db, "RELEASE okra_job", err);
	if (*rc < 0 && db_in_tx(g->db)) {
		/* The job's own writes go; its error is already in err. */
		db_exec(g->db, "ROLLBACK TO okra_job", &cerr);
		db_exec(g->db, "RELEASE okra_job", &cerr);
	}
	/* Some errors (I/O, full disk) make SQLite roll back the whole transaction. */
	lost = !db_in_tx(g->db);

	pthread_mutex_lock(&g->lock);
	g->stats.jobs++;
	if (!lost) {
		g->batch_jobs++;
		return 0;
	}
	if (g->open) {
		g->stats.failed++;
		batch_decided(g, OKRA_EDB,
			      "the write was lost: the database rolled back the batch of writes it "
			      "was committed with");
	}
	hand_on(g);
	pthread_mutex_unlock(&g->lock);
	if (*rc == 0)
		*rc = okra_err_set(err, OKRA_EDB, "",
				   "the write was lost: the database rolled back its transaction");
	return 1;
}

/*
 * A test's fault (OKRA_FAULT_COMMIT_GATE=FILE): a batch's COMMIT waits while FILE exists, so
 * a test can hold a batch that waits for its commit as long as it likes, without a clock.
 */
static void
commit_gate(void)
{
	const char *f = getenv("OKRA_FAULT_COMMIT_GATE");
	struct timespec pause = {0, 10 * 1000000L};

	while (f && *f && access(f, F_OK) == 0)
		nanosleep(&pause, NULL);
}

/* Under the lock, the connection held: commit the open batch and tell its jobs. */
static void
commit_batch(struct db_group *g)
{
	struct okra_err cerr = {0};
	int crc;

	pthread_mutex_unlock(&g->lock);
	commit_gate();
	crc = db_commit(g->db, &cerr);
	if (crc < 0)
		db_rollback(g->db);
	pthread_mutex_lock(&g->lock);
	g->stats.commits++;
	if (crc < 0) {
		g->stats.failed++;
		crc = OKRA_EDB;
	}
	batch_decided(g, crc, cerr.msg);
}

int
db_group_end(struct db_group *g, int rc, struct okra_err *err)
{
	struct db_group_ticket me = {0};

	if (job_close(g, &rc, err))
		return rc;
	if (rc == 0)
		link_ticket(g, &me);
	if (g->stats.queued == 0 && g->batch_jobs < DB_GROUP_MAX_JOBS) {
		pthread_mutex_unlock(&g->lock);
		sched_yield();
		pthread_mutex_lock(&g->lock);
	}
	/* The leader: commit the batch while holding the connection. */
	if (g->stats.queued == 0 || g->batch_jobs >= DB_GROUP_MAX_JOBS)
		commit_batch(g);
	hand_on(g);
	while (rc == 0 && !me.done)
		pthread_cond_wait(&g->done_cv, &g->lock);
	pthread_mutex_unlock(&g->lock);
	if (rc < 0)
		return rc;
	if (me.rc < 0)
		return okra_err_set(err, me.rc, "",
				    "the write was not committed: its batch's commit failed (%s)",
				    me.msg);
	return 0;
}

int
db_group_end_deferred(struct db_group *g, int rc, struct db_group_ticket *t, struct okra_err *err)
{
	if (job_close(g, &rc, err))
		return rc;
	if (rc == 0)
		link_ticket(g, t);
	hand_on(g);
	pthread_mutex_unlock(&g->lock);
	return rc;
}

void
db_group_flush(struct db_group *g)
{
	pthread_mutex_lock(&g->lock);
	/* A job of another thread may hold the connection: it ends within its deadline. */
	while (g->held)
		pthread_cond_wait(&g->free_cv, &g->lock);
	if (g->open) {
		g->held = 1;
		commit_batch(g);
		hand_on(g);
	}
	pthread_mutex_unlock(&g->lock);
}

int
db_group_ticket_result(const struct db_group_ticket *t, struct okra_err *err)
{
	if (t->rc < 0)
		return okra_err_set(err, t->rc, "",
				    "the write was not committed: its batch's commit failed (%s)",
				    t->msg);
	return 0;
}
