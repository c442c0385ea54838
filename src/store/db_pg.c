/* db_pg.c: the PostgreSQL engine behind db.h (libpq; one connection per thread, statements prepared
 * once). */
#include "store/db.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/db_int.h"
#include "util/xalloc.h"

/*
 * The same SQL text as SQLite, so what differs lives here:
 *  - "$N" placeholders are PostgreSQL's own. Values travel as text and the
 *    server parses them by the type it inferred; a parameter the statement
 *    does not mention may still be bound (ignored, as SQLite does).
 *  - Each distinct SQL text is prepared once per connection and kept, so a
 *    query costs one round trip after the first.
 *  - A write transaction takes one transaction-scoped advisory lock, so
 *    writers queue one after another exactly as SQLite's BEGIN IMMEDIATE
 *    makes them, across every okra process on the database. Every rule the
 *    app checks before it writes therefore holds across servers, and audit
 *    ids (the cache revision) are committed in increasing order.
 *  - A read transaction is REPEATABLE READ: one snapshot, like SQLite's.
 */

/* The advisory lock key: "okra" in ASCII, shared by every okra process. */
#define WRITE_LOCK_KEY 0x6f6b7261

/*
 * A write transaction's bounds, so no stuck writer holds every other one: it
 * waits for the lock its caller's wait at most (lock_timeout), no statement
 * of it runs longer than WRITE_STATEMENT_MS (statement_timeout), and a
 * session that holds it idle longer than WRITE_IDLE_MS (a frozen process, a
 * paused VM) is ended by the server, which frees the lock.
 */
#define WRITE_STATEMENT_MS 30000
#define WRITE_IDLE_MS 15000

#define TEXTOID 25

struct pg_prepared {
	char *sql;
	char name[16];
	int nparams;
	Oid *types;
};

struct pg_db {
	struct db base; /* first, so struct db * and struct pg_db * convert */
	PGconn *conn;
	/*
	 * Every distinct SQL text prepared on this connection. The texts are
	 * okra's own (src/store), a fixed set, so the list stays small.
	 */
	struct pg_prepared **cache;
	int ncache, acache;
	int64_t changes;
	unsigned long serial; /* names s1, s2 … */
	/*
	 * Between a db_begin and its commit or rollback. Our own record: libpq
	 * cannot say once the connection is gone, and a connection lost inside a
	 * transaction must not be silently replaced by a new one mid-way.
	 */
	int in_tx;
};

struct pg_stmt {
	struct db_stmt base;      /* first, so struct db_stmt * converts */
	struct pg_prepared *prep; /* in the connection's cache */
	char **values;
	PGresult *res;
	int row, nrows, executed;
};

static struct pg_db *
pg_of(struct db *db)
{
	return (struct pg_db *)db;
}

static struct pg_stmt *
st_of(struct db_stmt *st)
{
	return (struct pg_stmt *)st;
}

/* libpq prints NOTICEs ("relation exists, skipping") on stderr by default; okra keeps stderr for
 * itself. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The first line of a server or libpq message, without its trailing newline. */
static const char *
first_line(const char *msg, char *out, size_t n)
{
	size_t len = strcspn(msg ? msg : "", "\n");

	if (len >= n)
		len = n - 1;
	memcpy(out, msg ? msg : "", len);
	out[len] = '\0';
	return out;
}

/*
 * Turn a failed result into an okra code, as db_sqlite.c does: integrity
 * violations (class 23) are conflicts the caller may expect; invalid data
 * (class 22: bad encoding, out of range) is the input's fault; the rest are
 * database errors.
 */
static int
result_error(struct pg_db *p, const PGresult *res, const char *sql, struct okra_err *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char msg[256];

	first_line(res ? PQresultErrorMessage(res) : PQerrorMessage(p->conn), msg, sizeof(msg));
	if (!*msg)
		first_line(PQerrorMessage(p->conn), msg, sizeof(msg));
	if (state && !strncmp(state, "23", 2))
		return okra_err_set(err, OKRA_ECONFLICT, "", "%s", msg);
	if (state && !strncmp(state, "22", 2))
		return okra_err_set(err, OKRA_EINVAL, "", "%s", msg);
	/* lock_timeout (55P03) and statement_timeout (57014): past the write's deadline. */
	if (state && (!strcmp(state, "55P03") || !strcmp(state, "57014")))
		return okra_err_set(err, OKRA_EBUSY, "", "the store is busy: %s", msg);
	if (sql)
		return okra_err_set(err, OKRA_EDB, "", "database error: %s (in \"%.120s\")", msg,
				    sql);
	return okra_err_set(err, OKRA_EDB, "", "database error: %s", msg);
}

/* Fixed per session: plain text output okra parses, and a name in pg_stat_activity. */
static const char session_setup[] =
	"SET client_min_messages = warning;"
	"SET application_name = 'okra';"
	"SET extra_float_digits = 1;"
	"SET DateStyle = 'ISO'";

static int
db_pg_open(struct db **out, const char *uri, struct okra_err *err)
{
	struct pg_db *p;
	PGconn *conn;
	PGresult *res;
	char msg[256];

	/*
	 * TCP keepalives, so a server gone silent (a partition, a paused VM)
	 * is noticed in about a minute rather than never; the URI may say
	 * otherwise, as it comes last.
	 */
	static const char *const keys[] = {
		"keepalives",       "keepalives_idle", "keepalives_interval",
		"keepalives_count", "dbname",          NULL};
	const char *values[] = {"1", "30", "10", "3", uri, NULL};

	*out = NULL;
	conn = PQconnectdbParams(keys, values, 1);
	if (!conn)
		return okra_err_set(err, OKRA_EIO, "db",
				    "cannot connect to PostgreSQL: out of memory");
	if (PQstatus(conn) != CONNECTION_OK) {
		/* The URI is not repeated: it may hold a password. */
		okra_err_set(err, OKRA_EIO, "db", "cannot connect to PostgreSQL: %s",
			     first_line(PQerrorMessage(conn), msg, sizeof(msg)));
		PQfinish(conn);
		return OKRA_EIO;
	}
	PQsetNoticeProcessor(conn, quiet, NULL);
	res = PQexec(conn, session_setup);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		okra_err_set(err, OKRA_EDB, "db", "cannot set up the PostgreSQL session: %s",
			     first_line(PQresultErrorMessage(res), msg, sizeof(msg)));
		PQclear(res);
		PQfinish(conn);
		return OKRA_EDB;
	}
	PQclear(res);
	p = xcalloc(1, sizeof(*p));
	p->base.drv = &db_pg_driver;
	p->conn = conn;
	*out = &p->base;
	return 0;
}

static void
forget_prepared(struct pg_db *p)
{
	int i;

	for (i = 0; i < p->ncache; i++) {
		free(p->cache[i]->sql);
		free(p->cache[i]->types);
		free(p->cache[i]);
	}
	p->ncache = 0;
}

static void
db_pg_close(struct db *db)
{
	struct pg_db *p = pg_of(db);

	PQfinish(p->conn);
	forget_prepared(p);
	free(p->cache);
	free(p);
}

/*
 * A connection the server dropped (restart, failover, idle timeout) is
 * reconnected once, between transactions only: inside one, the work is lost
 * and the caller must see the error. Prepared statements die with the session.
 */
static void
revive(struct pg_db *p)
{
	if (PQstatus(p->conn) == CONNECTION_OK)
		return;
	PQreset(p->conn);
	forget_prepared(p);
	if (PQstatus(p->conn) == CONNECTION_OK)
		PQclear(PQexec(p->conn, session_setup));
}

static int
run(struct pg_db *p, const char *sql, struct okra_err *err)
{
	PGresult *res;
	ExecStatusType s;
	int ret = 0;

	if (!p->in_tx)
		revive(p);
	res = PQexec(p->conn, sql);
	s = PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
		ret = result_error(p, res, sql, err);
	else if (*PQcmdTuples(res))
		p->changes = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return ret;
}

static int
db_pg_exec(struct db *db, const char *sql, struct okra_err *err)
{
	return run(pg_of(db), sql, err);
}

/*
 * The placeholders a statement uses: the highest $N, and which numbers up to
 * it appear. Quoted text and identifiers are skipped. Numbers not used get the
 * type text, so PostgreSQL does not ask what they are.
 */
static int
scan_params(const char *sql, Oid **types, struct okra_err *err)
{
	unsigned char used[100] = {0};
	int max = 0, i;
	const char *s;

	for (s = sql; *s; s++) {
		if (*s == '\'' || *s == '"') {
			char q = *s;

			for (s++; *s && *s != q; s++)
				;
			if (!*s)
				break;
			continue;
		}
		if (*s == '$' && isdigit((unsigned char)s[1])) {
			long n = strtol(s + 1, NULL, 10);

			if (n < 1 || n >= (long)sizeof(used))
				return okra_err_set(err, OKRA_EINVAL, "",
						    "placeholder $%ld out of range (in \"%.120s\")",
						    n, sql);
			used[n] = 1;
			if (n > max)
				max = (int)n;
		}
	}
	*types = max ? xcalloc((size_t)max, sizeof(Oid)) : NULL;
	for (i = 1; i <= max; i++)
		(*types)[i - 1] = used[i] ? 0 : TEXTOID;
	return max;
}

static int
only_space(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* One statement only, like SQLite's prepare: a ';' followed by more text is refused. */
static int
one_statement(const char *sql)
{
	const char *s;

	for (s = sql; *s; s++) {
		if (*s == '\'' || *s == '"') {
			char q = *s;

			for (s++; *s && *s != q; s++)
				;
			if (!*s)
				return 1;
		} else if (*s == ';') {
			return only_space(s + 1);
		}
	}
	return 1;
}

static struct pg_prepared *
cached(struct pg_db *p, const char *sql)
{
	int i;

	for (i = 0; i < p->ncache; i++)
		if (!strcmp(p->cache[i]->sql, sql))
			return p->cache[i];
	return NULL;
}

static int
db_pg_prepare(struct db *db, const char *sql, struct db_stmt **out, struct okra_err *err)
{
	struct pg_db *p = pg_of(db);
	struct pg_prepared fresh = {0}, *prep;
	struct pg_stmt *st;
	PGresult *res;
	int n;

	*out = NULL;
	if (only_space(sql))
		return okra_err_set(err, OKRA_EINVAL, "", "empty SQL statement");
	if (!one_statement(sql))
		return okra_err_set(err, OKRA_EINVAL, "",
				    "db_prepare takes one statement; use db_exec for a script "
				    "(in \"%.120s\")",
				    sql);
	if (!p->in_tx)
		revive(p);
	prep = cached(p, sql);
	if (!prep) {
		n = scan_params(sql, &fresh.types, err);
		if (n < 0)
			return n;
		fresh.nparams = n;
		snprintf(fresh.name, sizeof(fresh.name), "s%lu", ++p->serial);
		res = PQprepare(p->conn, fresh.name, sql, fresh.nparams, fresh.types);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			n = result_error(p, res, sql, err);
			PQclear(res);
			free(fresh.types);
			return n;
		}
		PQclear(res);
		fresh.sql = xstrdup(sql);
		if (p->ncache == p->acache) {
			p->acache = p->acache ? 2 * p->acache : 64;
			p->cache = xrealloc(p->cache, (size_t)p->acache * sizeof(*p->cache));
		}
		prep = xmalloc(sizeof(*prep));
		*prep = fresh;
		p->cache[p->ncache++] = prep;
	}
	st = xcalloc(1, sizeof(*st));
	st->base.db = db;
	st->prep = prep;
	if (st->prep->nparams)
		st->values = xcalloc((size_t)st->prep->nparams, sizeof(char *));
	*out = &st->base;
	return 0;
}

/* Keep the text of parameter idx; parameters the statement does not use are ignored. */
static int
bind(struct db_stmt *base, int idx, char *text)
{
	struct pg_stmt *st = st_of(base);

	if (idx < 1 || idx > st->prep->nparams) {
		free(text);
		return 0;
	}
	free(st->values[idx - 1]);
	st->values[idx - 1] = text;
	return 0;
}

static int
db_pg_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "%" PRId64, v);
	return bind(st, idx, xstrdup(s));
}

static int
db_pg_bind_double(struct db_stmt *st, int idx, double v)
{
	char s[32];

	/* %.17g round-trips every double; the non-finite ones are spelt PostgreSQL's way. */
	if (isnan(v))
		snprintf(s, sizeof(s), "NaN");
	else if (isinf(v))
		snprintf(s, sizeof(s), "%sInfinity", v < 0 ? "-" : "");
	else
		snprintf(s, sizeof(s), "%.17g", v);
	return bind(st, idx, xstrdup(s));
}

static int
db_pg_bind_text(struct db_stmt *st, int idx, const char *v)
{
	return bind(st, idx, v ? xstrdup(v) : NULL);
}

static int
db_pg_bind_null(struct db_stmt *st, int idx)
{
	return bind(st, idx, NULL);
}

static int
db_pg_step(struct db_stmt *base, struct okra_err *err)
{
	struct pg_stmt *st = st_of(base);
	struct pg_db *p = pg_of(base->db);
	ExecStatusType s;
	const char *tuples;

	if (!st->executed) {
		st->res = PQexecPrepared(p->conn, st->prep->name, st->prep->nparams,
					 (const char *const *)st->values, NULL, NULL, 0);
		st->executed = 1;
		s = PQresultStatus(st->res);
		if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
			int ret = result_error(p, st->res, st->prep->sql, err);

			PQclear(st->res);
			st->res = NULL;
			return ret;
		}
		tuples = PQcmdTuples(st->res);
		if (*tuples)
			p->changes = strtoll(tuples, NULL, 10);
		st->nrows = s == PGRES_TUPLES_OK ? PQntuples(st->res) : 0;
		st->row = -1;
	}
	if (!st->res)
		return okra_err_set(err, OKRA_EDB, "", "statement stepped after an error");
	if (st->row < st->nrows)
		st->row++;
	return st->row < st->nrows ? DB_ROW : DB_DONE;
}

static const char *
value(struct db_stmt *base, int col)
{
	struct pg_stmt *st = st_of(base);

	if (!st->res || st->row < 0 || st->row >= st->nrows || col < 0 ||
	    col >= PQnfields(st->res) || PQgetisnull(st->res, st->row, col))
		return NULL;
	return PQgetvalue(st->res, st->row, col);
}

static int
db_pg_col_is_null(struct db_stmt *st, int col)
{
	return value(st, col) == NULL;
}

/* Booleans come back as "t" and "f": they read as 1 and 0, like SQLite's. */
static int64_t
db_pg_col_int(struct db_stmt *st, int col)
{
	const char *v = value(st, col);

	if (!v)
		return 0;
	if (v[0] == 't' && !v[1])
		return 1;
	if (v[0] == 'f' && !v[1])
		return 0;
	/* numeric results (sum of bigints) may carry a fraction: SQLite truncates too. */
	if (strpbrk(v, ".eE"))
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double
db_pg_col_double(struct db_stmt *st, int col)
{
	const char *v = value(st, col);

	if (!v)
		return 0;
	if (v[0] == 't' && !v[1])
		return 1;
	return strtod(v, NULL);
}

static const char *
db_pg_col_text(struct db_stmt *st, int col)
{
	const char *v = value(st, col);

	return v ? v : "";
}

static void
clear_values(struct pg_stmt *st)
{
	int i;

	for (i = 0; i < st->prep->nparams; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
	}
}

static int
db_pg_reset(struct db_stmt *base)
{
	struct pg_stmt *st = st_of(base);

	PQclear(st->res);
	st->res = NULL;
	st->executed = 0;
	clear_values(st);
	return 0;
}

static void
db_pg_finalize(struct db_stmt *base)
{
	struct pg_stmt *st = st_of(base);

	PQclear(st->res);
	clear_values(st);
	free(st->values);
	free(st);
}

/* Take the writers' lock only if it is free: 1 taken, 0 not, or a negative code. */
static int
try_write_lock(struct pg_db *p, struct okra_err *err)
{
	char sql[64];
	PGresult *res;
	int ret;

	snprintf(sql, sizeof(sql), "SELECT pg_try_advisory_xact_lock(%d)", WRITE_LOCK_KEY);
	res = PQexec(p->conn, sql);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		ret = result_error(p, res, sql, err);
	else
		ret = PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	return ret;
}

static int
db_pg_begin(struct db *db, int write, int wait_ms, struct okra_err *err)
{
	char sql[320];

	struct pg_db *p = pg_of(db);
	int rc;

	if (!write) {
		/* Readers take no advisory lock: they never wait for a writer. */
		rc = run(p, "BEGIN ISOLATION LEVEL REPEATABLE READ", err);
	} else {
		/* lock_timeout 0 would mean no limit: a zero wait tries the lock instead. */
		snprintf(sql, sizeof(sql),
			 "BEGIN; SET LOCAL lock_timeout = %d; SET LOCAL statement_timeout = %d; "
			 "SET LOCAL idle_in_transaction_session_timeout = %d%s",
			 wait_ms > 0 ? wait_ms : 1, WRITE_STATEMENT_MS, WRITE_IDLE_MS,
			 wait_ms > 0 ? "; SELECT pg_advisory_xact_lock(" : "");
		if (wait_ms > 0)
			snprintf(sql + strlen(sql), sizeof(sql) - strlen(sql), "%d)",
				 WRITE_LOCK_KEY);
		rc = run(p, sql, err);
		if (rc == 0 && wait_ms <= 0 && (rc = try_write_lock(p, err)) >= 0)
			rc = rc ? 0
				: okra_err_set(err, OKRA_EBUSY, "",
					       "the store is busy: another writer holds its lock");
		if (rc == OKRA_EBUSY && wait_ms > 0)
			okra_err_set(err, OKRA_EBUSY, "",
				     "the store is busy: another writer held its lock for more "
				     "than %d ms",
				     wait_ms);
		/* A write that did not get its lock leaves no transaction behind. */
		if (rc < 0 && PQtransactionStatus(p->conn) != PQTRANS_IDLE)
			PQclear(PQexec(p->conn, "ROLLBACK"));
	}
	/* Open if the server says so (a BEGIN whose lock failed left one to roll back). */
	p->in_tx = PQtransactionStatus(p->conn) != PQTRANS_IDLE &&
		   PQtransactionStatus(p->conn) != PQTRANS_UNKNOWN;
	return rc;
}

/*
 * COMMIT of a transaction a failed statement aborted answers "ROLLBACK"
 * without an error: that must not pass for a commit.
 */
static int
db_pg_commit(struct db *db, struct okra_err *err)
{
	struct pg_db *p = pg_of(db);
	PGresult *res = PQexec(p->conn, "COMMIT");
	int ret = 0;

	p->in_tx = 0;
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		ret = result_error(p, res, "COMMIT", err);
	else if (strcmp(PQcmdStatus(res), "COMMIT"))
		ret = okra_err_set(
			err, OKRA_EDB, "",
			"database error: the transaction was rolled back, not committed");
	PQclear(res);
	return ret;
}

static int
db_pg_rollback(struct db *db)
{
	struct pg_db *p = pg_of(db);

	if (PQtransactionStatus(p->conn) != PQTRANS_IDLE)
		PQclear(PQexec(p->conn, "ROLLBACK"));
	p->in_tx = 0;
	return 0;
}

static int64_t
db_pg_changes(struct db *db)
{
	return pg_of(db)->changes;
}

static int
db_pg_in_tx(struct db *db)
{
	return pg_of(db)->in_tx;
}

static int
db_pg_backup(struct db *db, const char *path, int overwrite, struct okra_err *err)
{
	(void)db;
	(void)path;
	(void)overwrite;
	return okra_err_set(err, OKRA_EINVAL, "",
			    "okra backup copies SQLite files; back up PostgreSQL with pg_dump or "
			    "continuous archiving (docs/deploy.md)");
}

/*
 * After rows were copied in with their ids, the identity sequence must start
 * past the largest one. The table name comes from store_copy's whitelist; it
 * is checked anyway since it is spliced into the text.
 */
static int
db_pg_sync_ids(struct db *db, const char *table, struct okra_err *err)
{
	char sql[256];
	const char *s;

	for (s = table; *s; s++)
		if (!islower((unsigned char)*s) && *s != '_')
			return okra_err_set(err, OKRA_EINVAL, "", "bad table name");
	snprintf(sql, sizeof(sql),
		 "SELECT setval(pg_get_serial_sequence('%s', 'id'),"
		 " (SELECT coalesce(max(id), 0) + 1 FROM %s), false)",
		 table, table);
	return run(pg_of(db), sql, err);
}

const struct db_driver db_pg_driver = {
	.name = "postgresql",
	.id_type = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
	.open = db_pg_open,
	.close = db_pg_close,
	.exec = db_pg_exec,
	.prepare = db_pg_prepare,
	.bind_int = db_pg_bind_int,
	.bind_double = db_pg_bind_double,
	.bind_text = db_pg_bind_text,
	.bind_null = db_pg_bind_null,
	.step = db_pg_step,
	.col_is_null = db_pg_col_is_null,
	.col_int = db_pg_col_int,
	.col_double = db_pg_col_double,
	.col_text = db_pg_col_text,
	.reset = db_pg_reset,
	.finalize = db_pg_finalize,
	.begin = db_pg_begin,
	.commit = db_pg_commit,
	.rollback = db_pg_rollback,
	.changes = db_pg_changes,
	.in_tx = db_pg_in_tx,
	.backup = db_pg_backup,
	.sync_ids = db_pg_sync_ids,
};
