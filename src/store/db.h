/* db.h: the store's driver interface: one API, an engine behind it (SQLite, PostgreSQL). */
#ifndef OKRA_DB_H
#define OKRA_DB_H

#include <stdint.h>

#include "util/err.h"

/*
 * SQL text is written once and serves every engine: placeholders are $1, $2 …
 * (SQLite binds them by name, so order and repetition do not matter),
 * identifiers are plain, inserts return their id with "RETURNING id", and
 * booleans are integers 0/1. Migrations may use the token @ID@ for an
 * auto-assigned integer primary key; the driver expands it.
 *
 * Ownership: db_open() returns a connection the caller db_close()s; a
 * statement from db_prepare() is the caller's until db_finalize(). Text from
 * db_col_text() is valid until the next db_step() or db_finalize() on the
 * statement. Errors return a negative okra code (OKRA_EDB for engine errors,
 * OKRA_ECONFLICT for a unique or foreign-key violation) and fill err.
 */

struct db;
struct db_stmt;

enum { DB_DONE = 0, DB_ROW = 1 };

struct db_driver {
	const char *name;
	const char *id_type; /* expansion of @ID@ in migrations */
	int (*open)(struct db **out, const char *uri, struct okra_err *err);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql, struct okra_err *err);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out, struct okra_err *err);
	int (*bind_int)(struct db_stmt *st, int idx, int64_t v);
	int (*bind_double)(struct db_stmt *st, int idx, double v);
	int (*bind_text)(struct db_stmt *st, int idx, const char *v); /* NULL binds NULL */
	int (*bind_null)(struct db_stmt *st, int idx);
	int (*step)(struct db_stmt *st, struct okra_err *err);
	int (*col_is_null)(struct db_stmt *st, int col);
	int64_t (*col_int)(struct db_stmt *st, int col);
	double (*col_double)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col); /* "" for NULL */
	int (*reset)(struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
	/* wait_ms: how long a writer waits for another's lock (0: not at all) */
	int (*begin)(struct db *db, int write, int wait_ms, struct okra_err *err);
	int (*commit)(struct db *db, struct okra_err *err);
	int (*rollback)(struct db *db);
	/* Number of rows the last finished write statement changed. */
	int64_t (*changes)(struct db *db);
	/* 1 while a transaction is open (0 also after the engine rolled one back by itself). */
	int (*in_tx)(struct db *db);
	/*
	 * A consistent copy of the live database into the file path, which must
	 * not exist unless overwrite. Engine-specific: SQLite uses its online
	 * backup API; PostgreSQL will refuse and point to pg_dump.
	 */
	int (*backup)(struct db *db, const char *path, int overwrite, struct okra_err *err);
	/*
	 * After rows were inserted with explicit ids (an import, a migration),
	 * make the table's next assigned id follow the largest. NULL when the
	 * engine does that by itself (SQLite).
	 */
	int (*sync_ids)(struct db *db, const char *table, struct okra_err *err);
};

/* Every connection starts with its driver, so the wrappers below can dispatch. */
struct db {
	const struct db_driver *drv;
	uint64_t nqueries; /* statements prepared on this connection: how tests prove a
			      load takes a fixed number of queries */
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

/*
 * Open by URI: "postgresql://…" or "postgres://…" picks PostgreSQL (libpq
 * connection URI), anything else is a SQLite file path.
 */
int db_open(struct db **out, const char *uri, struct okra_err *err);
void db_close(struct db *db);

int db_exec(struct db *db, const char *sql, struct okra_err *err);
int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct okra_err *err);
/* Placeholder index idx is 1-based ($1 = 1). */
int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
int db_bind_text(struct db_stmt *st, int idx, const char *v);
int db_bind_null(struct db_stmt *st, int idx);
/* DB_ROW, DB_DONE or a negative code. */
int db_step(struct db_stmt *st, struct okra_err *err);
int db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col);
int db_reset(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
/*
 * A write's one deadline: how long it waits for the lock another writer holds
 * (this process's or another's) before it fails with OKRA_EBUSY, which the
 * API answers 503 with Retry-After. Reads never wait for writers.
 */
#define DB_WRITE_WAIT_MS 5000

/* write = 1: take the write lock now (SQLite BEGIN IMMEDIATE), waiting DB_WRITE_WAIT_MS at most. */
int db_begin(struct db *db, int write, struct okra_err *err);
/* A write transaction that waits wait_ms at most for the lock (0: takes it only if free). */
int db_begin_write(struct db *db, int wait_ms, struct okra_err *err);
/*
 * When writes stopped getting the lock: the instant (seconds) of the first
 * write of this process that failed with OKRA_EBUSY since the last one that
 * got it, else 0.
 */
int64_t db_writes_blocked_since(void);
/*
 * The write gate of this process, open unless held. While held (okra serve's
 * quick check runs beside the server), a write transaction waits for it
 * within its own wait and then fails with OKRA_EBUSY, and no statement that
 * would change the file runs; db_writes_release(1) opens it, (0) shuts it for
 * good (the file failed its check: every write is refused with OKRA_EBUSY).
 */
void db_writes_hold(void);
void db_writes_release(int ok);
int db_writes_open(void);
/*
 * Bytes the SQLite library holds now in this process (each connection's page cache, bounded by
 * its cache_size, and its prepared statements); 0 when only PostgreSQL is used.
 */
int64_t db_sqlite_memory(void);
int db_commit(struct db *db, struct okra_err *err);
/*
 * A savepoint inside the open transaction (savepoints nest): begun, then ended
 * by releasing it (rc == 0) or by rolling back to it first (rc < 0, which is
 * returned as it is).
 */
int db_savepoint_begin(struct db *db, struct okra_err *err);
int db_savepoint_end(struct db *db, int rc, struct okra_err *err);
int db_rollback(struct db *db);
int64_t db_changes(struct db *db);
int db_in_tx(struct db *db);
int db_backup(struct db *db, const char *path, int overwrite, struct okra_err *err);
int db_sync_ids(struct db *db, const char *table, struct okra_err *err);
const struct db_driver *db_driver_of(struct db *db);
/*
 * For tests of faults: while on, every statement this thread prepares fails
 * with OKRA_EDB, as it would with the connection lost (OKRA_FAULT_READ_AFTER_COMMIT).
 */
void db_fault_reads(int on);

#endif
