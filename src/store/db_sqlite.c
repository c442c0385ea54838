/* db_sqlite.c: the SQLite engine behind db.h (one connection per thread, WAL, foreign keys on). */
#include "store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/db_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/*
 * How long a connection waits for another one's lock before giving up. Writers
 * take the lock at BEGIN IMMEDIATE, with the wait their caller gives (at most
 * the write's deadline, DB_WRITE_WAIT_MS); this bounds everything else.
 */
#define BUSY_TIMEOUT_MS DB_WRITE_WAIT_MS

/*
 * Prepared statements are kept per connection and reused: parsing and
 * planning the SQL cost more than running it for most of okra's queries (a
 * cached read request made ten prepares). Keyed by the SQL's address and text.
 */
#define STMT_CACHE 64

/*
 * The WAL: a reader that stays long keeps every later commit in it, and
 * SQLite only reuses it from the start once a checkpoint has copied it all
 * back. WAL_CHECKPOINT_FRAMES (SQLite's auto-checkpoint point) past, each
 * commit tries a TRUNCATE checkpoint that waits for no one: while a reader
 * holds the WAL it copies what it can (as the automatic one would); the
 * first commit after the last reader is gone empties the file. The file
 * never stays larger than WAL_SIZE_LIMIT after it is reused.
 */
#define WAL_CHECKPOINT_FRAMES 1000
#define WAL_SIZE_LIMIT 8388608
#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * Each connection's page cache, in KiB: SQLite's own default (2 MB), said here because it is
 * the one cache of the store: a server's RSS grows with the database until each of its
 * connections (one per worker thread, and the group commit's) holds this much, then stays.
 */
#define PAGE_CACHE_KIB 2048

/* The space a write needs at least: the WAL index (32 KiB) and the first WAL pages. */
#define SPACE_NEEDED_MIN (64 * 1024)

struct sqlite_db {
	struct db base; /* first, so struct db * and struct sqlite_db * convert */
	sqlite3 *conn;
	struct {
		const char *sql; /* the caller's pointer, and a copy of its text to be sure */
		char *text;
		sqlite3_stmt *st;
		int busy; /* handed out, not finalized yet */
	} kept[STMT_CACHE];
	unsigned next; /* round robin over the slots when all are taken */
};

struct sqlite_stmt {
	struct db_stmt base; /* first, so struct db_stmt * converts */
	sqlite3_stmt *st;
	int slot; /* in kept[], or -1 */
};

static sqlite3 *
conn_of(struct db *db)
{
	return ((struct sqlite_db *)db)->conn;
}

static sqlite3_stmt *
raw_of(struct db_stmt *st)
{
	return ((struct sqlite_stmt *)st)->st;
}

/*
 * Turn an engine result code into an okra code and message. Constraint
 * failures (unique, foreign key, check, not null) are conflicts the caller
 * may expect and report; anything else is a database error.
 */
static int
no_space(sqlite3 *conn, struct okra_err *err)
{
	const char *file = sqlite3_db_filename(conn, "main");
	char *dir = xstrdup(file && *file ? file : ".");
	char *slash = strrchr(dir, '/');
	struct statvfs fs;
	unsigned long long avail = 0;

	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	else
		memcpy(dir, ".", 2); /* dir holds at least one byte and its NUL */
	if (statvfs(dir, &fs) == 0)
		avail = (unsigned long long)fs.f_bavail * fs.f_frsize;
	okra_err_set(err, OKRA_EIO, "db",
		     "no space left on the device holding %s: %llu bytes free, at least %d "
		     "needed; free some space and try again",
		     file && *file ? file : "the database", avail, SPACE_NEEDED_MIN);
	free(dir);
	return OKRA_EIO;
}

static int
engine_error(sqlite3 *conn, int rc, const char *sql, struct okra_err *err)
{
	/* A full disk shows as SQLITE_FULL, or as an I/O error whose errno says so. */
	if ((rc & 0xff) == SQLITE_FULL ||
	    ((rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(conn) == ENOSPC))
		return no_space(conn, err);
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return okra_err_set(err, OKRA_ECONFLICT, "", "%s", sqlite3_errmsg(conn));
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return okra_err_set(err, OKRA_EBUSY, "",
				    "database is busy: another connection held its lock for "
				    "more than %d ms (%s)",
				    BUSY_TIMEOUT_MS, sqlite3_errmsg(conn));
	default:
		if (sql)
			return okra_err_set(err, OKRA_EDB, "", "database error: %s (in \"%.120s\")",
					    sqlite3_errmsg(conn), sql);
		return okra_err_set(err, OKRA_EDB, "", "database error: %s", sqlite3_errmsg(conn));
	}
}

/* Called after each commit with the WAL's length in frames (see WAL_CHECKPOINT_FRAMES). */
static int
wal_hook(void *arg, sqlite3 *conn, const char *name, int frames)
{
	(void)arg;
	if (frames < WAL_CHECKPOINT_FRAMES)
		return SQLITE_OK;
	/* No wait: a reader or another writer in the way makes it a passive checkpoint. */
	sqlite3_busy_timeout(conn, 0);
	sqlite3_wal_checkpoint_v2(conn, name, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(conn, BUSY_TIMEOUT_MS);
	return SQLITE_OK;
}

/* sqlite3_open_v2 opens the file at once, so a bad path fails here, not later. */
static int
open_error(sqlite3 *conn, int rc, const char *path, struct okra_err *err)
{
	int sys = conn ? sqlite3_system_errno(conn) : 0;

	if (sys == ENOENT)
		return okra_err_set(err, OKRA_EIO, "db",
				    "cannot open database '%s': its directory does not exist",
				    path);
	if (sys == EACCES)
		return okra_err_set(err, OKRA_EIO, "db",
				    "cannot open database '%s': permission denied", path);
	if (conn && (sys == ENOSPC || (rc & 0xff) == SQLITE_FULL))
		return no_space(conn, err);
	return okra_err_set(err, OKRA_EIO, "db", "cannot open database '%s': %s", path,
			    conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
}

/*
 * SQLite reads the file header lazily, so a file that is not a database opens
 * "successfully". Read the schema once now so it is refused before any pragma
 * (in particular journal_mode=WAL) touches it.
 */
static int
check_is_database(sqlite3 *conn, const char *path, struct okra_err *err)
{
	int rc = sqlite3_exec(conn, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_NOTADB)
		return okra_err_set(err, OKRA_EDB, "db",
				    "'%s' is not a SQLite database; give the path of an okra "
				    "database or of a file that does not exist yet",
				    path);
	if ((rc & 0xff) == SQLITE_FULL ||
	    ((rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(conn) == ENOSPC))
		return no_space(conn, err);
	return okra_err_set(err, OKRA_EDB, "db", "cannot read database '%s': %s", path,
			    sqlite3_errmsg(conn));
}

static int
db_sqlite_open(struct db **out, const char *path, struct okra_err *err)
{
	/*
	 * Per connection, not per file: foreign keys are off by default in
	 * SQLite; synchronous=FULL makes a commit durable in WAL mode too.
	 */
	static const char *const pragmas[] = {
		"PRAGMA foreign_keys=ON",
		"PRAGMA journal_mode=WAL",
		"PRAGMA synchronous=FULL",
		("PRAGMA journal_size_limit=" STR(WAL_SIZE_LIMIT)),
		("PRAGMA cache_size=-" STR(PAGE_CACHE_KIB)),
	};
	struct sqlite_db *sdb;
	sqlite3 *conn = NULL;
	size_t i;
	int rc, ret;

	*out = NULL;
	/* NOMUTEX: okra gives each thread its own connection. */
	rc = sqlite3_open_v2(path, &conn,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		ret = open_error(conn, rc, path, err);
		goto fail;
	}
	/* Before the pragmas: switching to WAL needs a lock another process may hold. */
	sqlite3_busy_timeout(conn, BUSY_TIMEOUT_MS);
	ret = check_is_database(conn, path, err);
	if (ret)
		goto fail;
	for (i = 0; i < sizeof(pragmas) / sizeof(pragmas[0]); i++) {
		rc = sqlite3_exec(conn, pragmas[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			ret = engine_error(conn, rc, pragmas[i], err);
			goto fail;
		}
	}
	sqlite3_wal_hook(conn, wal_hook, NULL);
	sdb = xcalloc(1, sizeof(*sdb));
	sdb->base.drv = &db_sqlite_driver;
	sdb->conn = conn;
	*out = &sdb->base;
	return 0;

fail:
	/* sqlite3_open_v2 hands back a handle even when it fails; NULL is harmless. */
	sqlite3_close_v2(conn);
	return ret;
}

static void
db_sqlite_close(struct db *db)
{
	struct sqlite_db *d = (struct sqlite_db *)db;

	for (int i = 0; i < STMT_CACHE; i++) {
		if (d->kept[i].st && !d->kept[i].busy)
			sqlite3_finalize(d->kept[i].st);
		free(d->kept[i].text);
	}
	/* _v2: a statement the caller forgot keeps the connection alive until finalized. */
	sqlite3_close_v2(conn_of(db));
	free(db);
}

static int
db_sqlite_exec(struct db *db, const char *sql, struct okra_err *err)
{
	sqlite3 *conn = conn_of(db);
	int rc = sqlite3_exec(conn, sql, NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return engine_error(conn, rc, sql, err);
	return 0;
}

static int
only_space(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != ';')
			return 0;
	return 1;
}

static int
db_sqlite_prepare(struct db *db, const char *sql, struct db_stmt **out, struct okra_err *err)
{
	sqlite3 *conn = conn_of(db);
	sqlite3_stmt *raw = NULL;
	struct sqlite_stmt *st;
	const char *tail = NULL;
	int rc;

	struct sqlite_db *d = (struct sqlite_db *)db;
	int slot = -1;

	*out = NULL;
	for (int i = 0; i < STMT_CACHE; i++) {
		if (d->kept[i].sql == sql && !d->kept[i].busy && !strcmp(d->kept[i].text, sql)) {
			d->kept[i].busy = 1;
			st = xcalloc(1, sizeof(*st));
			st->base.db = db;
			st->st = d->kept[i].st;
			st->slot = i;
			*out = &st->base;
			return 0;
		}
	}
	rc = sqlite3_prepare_v2(conn, sql, -1, &raw, &tail);
	if (rc != SQLITE_OK)
		return engine_error(conn, rc, sql, err);
	if (!raw)
		return okra_err_set(err, OKRA_EINVAL, "", "empty SQL statement");
	/* SQLite would silently ignore the rest; PostgreSQL refuses it. Refuse it here too. */
	if (tail && !only_space(tail)) {
		sqlite3_finalize(raw);
		return okra_err_set(err, OKRA_EINVAL, "",
				    "db_prepare takes one statement; use db_exec for a script "
				    "(in \"%.120s\")",
				    sql);
	}
	/* Keep it in a free slot, or in place of one not handed out. */
	for (int i = 0; i < STMT_CACHE && slot < 0; i++)
		if (!d->kept[i].st)
			slot = i;
	for (int n = 0; n < STMT_CACHE && slot < 0; n++) {
		unsigned i = d->next++ % STMT_CACHE;

		if (!d->kept[i].busy) {
			sqlite3_finalize(d->kept[i].st);
			free(d->kept[i].text);
			slot = (int)i;
		}
	}
	if (slot >= 0) {
		d->kept[slot].sql = sql;
		d->kept[slot].text = xstrdup(sql);
		d->kept[slot].st = raw;
		d->kept[slot].busy = 1;
	}
	st = xcalloc(1, sizeof(*st));
	st->base.db = db;
	st->st = raw;
	st->slot = slot;
	*out = &st->base;
	return 0;
}

/*
 * SQLite takes "$1" as a named parameter, so bind by name: the number in the
 * SQL is what counts, not the order of appearance, and "$1" used twice is
 * one parameter. 0 means the statement does not use $idx.
 */
static int
param_index(sqlite3_stmt *raw, int idx)
{
	char name[16];

	snprintf(name, sizeof(name), "$%d", idx);
	return sqlite3_bind_parameter_index(raw, name);
}

static int
bind_result(int rc)
{
	return rc == SQLITE_OK ? 0 : OKRA_EDB;
}

static int
db_sqlite_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	sqlite3_stmt *raw = raw_of(st);
	int i = param_index(raw, idx);

	/* A parameter the statement does not use is not an error: callers bind uniformly. */
	if (!i)
		return 0;
	return bind_result(sqlite3_bind_int64(raw, i, v));
}

static int
db_sqlite_bind_double(struct db_stmt *st, int idx, double v)
{
	sqlite3_stmt *raw = raw_of(st);
	int i = param_index(raw, idx);

	if (!i)
		return 0;
	return bind_result(sqlite3_bind_double(raw, i, v));
}

static int
db_sqlite_bind_text(struct db_stmt *st, int idx, const char *v)
{
	sqlite3_stmt *raw = raw_of(st);
	int i = param_index(raw, idx);

	if (!i)
		return 0;
	if (!v)
		return bind_result(sqlite3_bind_null(raw, i));
	/* TRANSIENT: SQLite copies, so the caller's string need not outlive the statement. */
	return bind_result(sqlite3_bind_text(raw, i, v, -1, SQLITE_TRANSIENT));
}

static int
db_sqlite_bind_null(struct db_stmt *st, int idx)
{
	sqlite3_stmt *raw = raw_of(st);
	int i = param_index(raw, idx);

	if (!i)
		return 0;
	return bind_result(sqlite3_bind_null(raw, i));
}

static int
db_sqlite_step(struct db_stmt *st, struct okra_err *err)
{
	sqlite3_stmt *raw = raw_of(st);
	int rc;

	/* The gate held: nothing that would change the file, even outside a transaction. */
	if (!db_writes_open() && !sqlite3_stmt_readonly(raw))
		return okra_err_set(err, OKRA_EBUSY, "",
				    "the database's check at start has not passed: no write runs "
				    "before it has");
	rc = sqlite3_step(raw);

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return engine_error(sqlite3_db_handle(raw), rc, sqlite3_sql(raw), err);
}

static int
db_sqlite_col_is_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(raw_of(st), col) == SQLITE_NULL;
}

static int64_t
db_sqlite_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(raw_of(st), col);
}

static double
db_sqlite_col_double(struct db_stmt *st, int col)
{
	return sqlite3_column_double(raw_of(st), col);
}

static const char *
db_sqlite_col_text(struct db_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(raw_of(st), col);

	return s ? (const char *)s : "";
}

static int
db_sqlite_reset(struct db_stmt *st)
{
	sqlite3_stmt *raw = raw_of(st);

	/*
	 * sqlite3_reset repeats the last step's error, which the caller has
	 * already had. Bindings are cleared so a reused statement behaves like
	 * PostgreSQL's, where every execution passes all its parameters.
	 */
	sqlite3_reset(raw);
	sqlite3_clear_bindings(raw);
	return 0;
}

static void
db_sqlite_finalize(struct db_stmt *st)
{
	struct sqlite_db *d = (struct sqlite_db *)st->db;
	int slot = ((struct sqlite_stmt *)st)->slot;

	if (slot >= 0) {
		/* back to the cache, as a fresh statement would be: no row, no bindings */
		sqlite3_reset(raw_of(st));
		sqlite3_clear_bindings(raw_of(st));
		d->kept[slot].busy = 0;
	} else {
		sqlite3_finalize(raw_of(st));
	}
	free(st);
}

static int
db_sqlite_begin(struct db *db, int write, int wait_ms, struct okra_err *err)
{
	sqlite3 *conn = conn_of(db);
	int rc;

	/*
	 * A writer takes the lock at BEGIN: upgrading a read transaction to a
	 * write one later cannot wait on the busy timeout and fails at once.
	 * A WAL reader takes no lock a writer holds, so BEGIN never waits.
	 */
	if (!write)
		return db_sqlite_exec(db, "BEGIN", err);
	sqlite3_busy_timeout(conn, wait_ms);
	rc = sqlite3_exec(conn, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(conn, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return okra_err_set(err, OKRA_EBUSY, "",
				    "the store is busy: another writer held the database's lock "
				    "for more than %d ms",
				    wait_ms);
	return engine_error(conn, rc, "BEGIN IMMEDIATE", err);
}

static int
db_sqlite_commit(struct db *db, struct okra_err *err)
{
	return db_sqlite_exec(db, "COMMIT", err);
}

static int
db_sqlite_rollback(struct db *db)
{
	sqlite3 *conn = conn_of(db);

	/* Some errors (I/O, full disk) have rolled back already; then there is nothing to do. */
	if (!sqlite3_get_autocommit(conn))
		sqlite3_exec(conn, "ROLLBACK", NULL, NULL, NULL);
	return 0;
}

static int64_t
db_sqlite_changes(struct db *db)
{
	return sqlite3_changes64(conn_of(db));
}

static int
db_sqlite_in_tx(struct db *db)
{
	return !sqlite3_get_autocommit(conn_of(db));
}

/* 1 if the finished copy in dst passes SQLite's integrity check. */
static int
copy_is_sound(sqlite3 *dst)
{
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(st, 0);
		ok = v && !strcmp((const char *)v, "ok");
	}
	sqlite3_finalize(st);
	return ok;
}

/* fsync the file at path (and with dir = 1, the directory holding it). */
static int
sync_path(const char *path, int dir)
{
	char *d = NULL;
	int fd, rc;

	if (dir) {
		const char *slash = strrchr(path, '/');

		d = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : xstrdup(".");
		path = d;
	}
	fd = open(path, O_RDONLY | (dir ? O_DIRECTORY : 0));
	rc = fd < 0 ? -1 : fsync(fd);
	if (fd >= 0)
		close(fd);
	free(d);
	return rc;
}

/*
 * Put the finished copy tmp at path: without overwrite, link(2) fails with
 * EEXIST rather than replace a file that appeared meanwhile.
 */
static int
put_in_place(const char *tmp, const char *path, int overwrite, struct okra_err *err)
{
	if (!overwrite && link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (!overwrite && errno == EEXIST)
		return okra_err_set(err, OKRA_ESTATE, "file",
				    "'%s' exists already: choose a new file or pass --force "
				    "to overwrite it",
				    path);
	if (rename(tmp, path) != 0)
		return okra_err_set(err, OKRA_EIO, "file", "cannot create '%s': %s", path,
				    strerror(errno));
	return 0;
}

/* A source that stays locked this long fails the backup rather than hang it. */
#define BACKUP_BUSY_MS 30000

/*
 * SQLite's online backup API copies the pages of one consistent snapshot while
 * other connections go on reading and writing. The copy is written to a
 * temporary file beside the target (mode 0600), checked with integrity_check,
 * flushed to disk, and only then given the target's name: a backup that is
 * killed or fails leaves nothing at that name, so it never passes for a
 * backup and never blocks the next one. An existing file is replaced only
 * when asked.
 */
static int
db_sqlite_backup(struct db *db, const char *path, int overwrite, struct okra_err *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	struct buf name = BUF_INIT;
	char *tmp;
	int fd, rc, ret = 0, waited = 0;

	if (!path || !*path)
		return okra_err_set(err, OKRA_EUSAGE, "file", "give the file to back up into");
	if (!overwrite && access(path, F_OK) == 0)
		return okra_err_set(err, OKRA_ESTATE, "file",
				    "'%s' exists already: choose a new file or pass --force "
				    "to overwrite it",
				    path);
	buf_addf(&name, "%s.partial-XXXXXX", path);
	tmp = buf_detach(&name, NULL);
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = okra_err_set(err, OKRA_EIO, "file", "cannot create '%s': %s", path,
				   strerror(errno));
		free(tmp);
		return ret;
	}
	close(fd);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		ret = open_error(dst, rc, path, err);
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", conn_of(db), "main");
	if (!b) {
		ret = okra_err_set(err, OKRA_EDB, "file", "cannot back up into '%s': %s", path,
				   sqlite3_errmsg(dst));
		goto out;
	}
	/* -1: every page in one step, so the copy is one snapshot of the source. */
	while (((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
	       waited < BACKUP_BUSY_MS) {
		sqlite3_sleep(50);
		waited += 50;
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		ret = okra_err_set(err, OKRA_EDB, "file", "backup into '%s' failed: %s", path,
				   sqlite3_errstr(rc));
	else if (!copy_is_sound(dst))
		ret = okra_err_set(err, OKRA_EDB, "file",
				   "backup into '%s' failed: the copy does not pass the "
				   "integrity check",
				   path);
out:
	if (dst && sqlite3_close(dst) != SQLITE_OK && !ret)
		ret = okra_err_set(err, OKRA_EIO, "file", "cannot close '%s'", path);
	if (!ret && sync_path(tmp, 0) != 0)
		ret = okra_err_set(err, OKRA_EIO, "file", "cannot write '%s' to disk: %s", path,
				   strerror(errno));
	if (!ret)
		ret = put_in_place(tmp, path, overwrite, err);
	if (!ret)
		sync_path(path, 1);
	else
		unlink(tmp);
	free(tmp);
	return ret;
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.id_type = "INTEGER PRIMARY KEY",
	.open = db_sqlite_open,
	.close = db_sqlite_close,
	.exec = db_sqlite_exec,
	.prepare = db_sqlite_prepare,
	.bind_int = db_sqlite_bind_int,
	.bind_double = db_sqlite_bind_double,
	.bind_text = db_sqlite_bind_text,
	.bind_null = db_sqlite_bind_null,
	.step = db_sqlite_step,
	.col_is_null = db_sqlite_col_is_null,
	.col_int = db_sqlite_col_int,
	.col_double = db_sqlite_col_double,
	.col_text = db_sqlite_col_text,
	.reset = db_sqlite_reset,
	.finalize = db_sqlite_finalize,
	.begin = db_sqlite_begin,
	.commit = db_sqlite_commit,
	.rollback = db_sqlite_rollback,
	.changes = db_sqlite_changes,
	.in_tx = db_sqlite_in_tx,
	.backup = db_sqlite_backup,
};

int64_t
db_sqlite_memory(void)
{
	return sqlite3_memory_used();
}
