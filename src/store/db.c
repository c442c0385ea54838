/* db.c: the db_* wrappers: pick an engine by URI, then dispatch through the connection's driver. */
#include "store/db.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "store/db_int.h"
#include "util/uri.h"

int
db_open(struct db **out, const char *uri, struct okra_err *err)
{
	*out = NULL;
	if (!uri || !*uri)
		return okra_err_set(
			err, OKRA_EINVAL, "db",
			"no database given: pass a SQLite file path or a postgresql:// URI");
	/*
	 * The URI is not echoed back: a PostgreSQL URI may carry a password,
	 * and this message can end up in logs.
	 */
	if (uri_is_postgres(uri))
		return db_pg_driver.open(out, uri, err);
	return db_sqlite_driver.open(out, uri, err);
}

void
db_close(struct db *db)
{
	if (db)
		db->drv->close(db);
}

int
db_exec(struct db *db, const char *sql, struct okra_err *err)
{
	return db->drv->exec(db, sql, err);
}

/* A test's fault (db_fault_reads): this thread's statements fail while set. */
static _Thread_local int fail_reads;

void
db_fault_reads(int on)
{
	fail_reads = on;
}

int
db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct okra_err *err)
{
	if (fail_reads)
		return okra_err_set(err, OKRA_EDB, "",
				    "the store's connection was lost (a fault injected by a test)");
	db->nqueries++;
	return db->drv->prepare(db, sql, out, err);
}

int
db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	return st->db->drv->bind_int(st, idx, v);
}

int
db_bind_double(struct db_stmt *st, int idx, double v)
{
	return st->db->drv->bind_double(st, idx, v);
}

int
db_bind_text(struct db_stmt *st, int idx, const char *v)
{
	return st->db->drv->bind_text(st, idx, v);
}

int
db_bind_null(struct db_stmt *st, int idx)
{
	return st->db->drv->bind_null(st, idx);
}

int
db_step(struct db_stmt *st, struct okra_err *err)
{
	return st->db->drv->step(st, err);
}

int
db_col_is_null(struct db_stmt *st, int col)
{
	return st->db->drv->col_is_null(st, col);
}

int64_t
db_col_int(struct db_stmt *st, int col)
{
	return st->db->drv->col_int(st, col);
}

double
db_col_double(struct db_stmt *st, int col)
{
	return st->db->drv->col_double(st, col);
}

const char *
db_col_text(struct db_stmt *st, int col)
{
	return st->db->drv->col_text(st, col);
}

int
db_reset(struct db_stmt *st)
{
	return st->db->drv->reset(st);
}

void
db_finalize(struct db_stmt *st)
{
	/* NULL is allowed so a cleanup label can finalize unconditionally. */
	if (st)
		st->db->drv->finalize(st);
}

/* 0 while writes get the lock; see db_writes_blocked_since. */
static _Atomic int64_t blocked_since;

/* The write gate (db_writes_hold): WRITES_OPEN, or held until a check says which way. */
enum { WRITES_OPEN, WRITES_HELD, WRITES_SHUT };
static atomic_int gate;
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;

void
db_writes_hold(void)
{
	pthread_mutex_lock(&gate_lock);
	atomic_store(&gate, WRITES_HELD);
	pthread_mutex_unlock(&gate_lock);
}

void
db_writes_release(int ok)
{
	pthread_mutex_lock(&gate_lock);
	atomic_store(&gate, ok ? WRITES_OPEN : WRITES_SHUT);
	pthread_cond_broadcast(&gate_cv);
	pthread_mutex_unlock(&gate_lock);
}

int
db_writes_open(void)
{
	return atomic_load(&gate) == WRITES_OPEN;
}

static int64_t
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits wait_ms at most for the gate to open; *wait_ms is left with what remains. */
static int
gate_pass(int *wait_ms, struct okra_err *err)
{
	int64_t start = mono_ms();
	struct timespec by;
	int g;

	if (atomic_load(&gate) == WRITES_OPEN)
		return 0;
	clock_gettime(CLOCK_REALTIME, &by);
	by.tv_sec += *wait_ms / 1000;
	by.tv_nsec += (long)(*wait_ms % 1000) * 1000000;
	if (by.tv_nsec >= 1000000000) {
		by.tv_sec++;
		by.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&gate_lock);
	while ((g = atomic_load(&gate)) == WRITES_HELD)
		if (pthread_cond_timedwait(&gate_cv, &gate_lock, &by) == ETIMEDOUT)
			break;
	g = atomic_load(&gate);
	pthread_mutex_unlock(&gate_lock);
	if (g == WRITES_SHUT)
		return okra_err_set(
			err, OKRA_EBUSY, "",
			"the database failed its check at start: this instance takes no "
			"writes and is stopping");
	if (g == WRITES_HELD)
		return okra_err_set(err, OKRA_EBUSY, "",
				    "the database's check at start has not finished: this write "
				    "waited %d ms for it",
				    *wait_ms);
	*wait_ms -= (int)(mono_ms() - start);
	if (*wait_ms < 0)
		*wait_ms = 0;
	return 0;
}

int
db_begin_write(struct db *db, int wait_ms, struct okra_err *err)
{
	int64_t zero = 0;
	int rc;

	if (wait_ms < 0)
		wait_ms = 0;
	if ((rc = gate_pass(&wait_ms, err)) < 0)
		return rc;
	rc = db->drv->begin(db, 1, wait_ms, err);

	/* A try (no wait) that finds the lock taken says nothing about a stuck writer. */
	if (rc == OKRA_EBUSY && wait_ms > 0)
		atomic_compare_exchange_strong(&blocked_since, &zero, (int64_t)time(NULL));
	else if (rc == 0)
		atomic_store(&blocked_since, 0);
	return rc;
}

int
db_begin(struct db *db, int write, struct okra_err *err)
{
	if (write)
		return db_begin_write(db, DB_WRITE_WAIT_MS, err);
	return db->drv->begin(db, 0, 0, err);
}

int64_t
db_writes_blocked_since(void)
{
	return atomic_load(&blocked_since);
}

int
db_savepoint_begin(struct db *db, struct okra_err *err)
{
	return db->drv->exec(db, "SAVEPOINT okra_uc", err);
}

int
db_savepoint_end(struct db *db, int rc, struct okra_err *err)
{
	struct okra_err ignore = {0};

	if (rc == 0)
		return db->drv->exec(db, "RELEASE SAVEPOINT okra_uc", err);
	db->drv->exec(db, "ROLLBACK TO SAVEPOINT okra_uc", &ignore);
	db->drv->exec(db, "RELEASE SAVEPOINT okra_uc", &ignore);
	return rc;
}

int
db_commit(struct db *db, struct okra_err *err)
{
	return db->drv->commit(db, err);
}

int
db_rollback(struct db *db)
{
	return db->drv->rollback(db);
}

int64_t
db_changes(struct db *db)
{
	return db->drv->changes(db);
}

int
db_in_tx(struct db *db)
{
	return db->drv->in_tx(db);
}

int
db_backup(struct db *db, const char *path, int overwrite, struct okra_err *err)
{
	if (!db->drv->backup)
		return okra_err_set(err, OKRA_EINVAL, "", "the %s driver cannot back up",
				    db->drv->name);
	return db->drv->backup(db, path, overwrite, err);
}

int
db_sync_ids(struct db *db, const char *table, struct okra_err *err)
{
	return db->drv->sync_ids ? db->drv->sync_ids(db, table, err) : 0;
}

const struct db_driver *
db_driver_of(struct db *db)
{
	return db->drv;
}
