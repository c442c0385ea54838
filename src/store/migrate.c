/* migrate.c: apply schema.c's migrations in order, recording each in schema_version. */
#include "store/migrate.h"

#include <string.h>

#include "store/schema.h"
#include "util/buf.h"

/*
 * One row per applied migration; the database's version is the largest.
 * Plain SQL that SQLite and PostgreSQL both accept. UNIQUE makes a second
 * process that applies the same migration concurrently fail instead of
 * recording it twice.
 */
static const char sql_create_version[] =
	"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL UNIQUE)";
static const char sql_get_version[] = "SELECT coalesce(max(version), 0) FROM schema_version";
static const char sql_set_version[] = "INSERT INTO schema_version (version) VALUES ($1)";

int
migrate_latest(void)
{
	return (int)schema_nmigrations;
}

static int
read_version(struct db *db, struct okra_err *err)
{
	struct db_stmt *st = NULL;
	int ret;

	ret = db_prepare(db, sql_get_version, &st, err);
	if (ret)
		goto out;
	ret = db_step(st, err);
	if (ret < 0)
		goto out;
	if (ret != DB_ROW) {
		ret = okra_err_set(err, OKRA_EDB, "", "schema_version: no row from max(version)");
		goto out;
	}
	ret = (int)db_col_int(st, 0);
out:
	db_finalize(st);
	return ret;
}

int
migrate_version(struct db *db, struct okra_err *err)
{
	int ret = db_exec(db, sql_create_version, err);

	if (ret)
		return ret;
	return read_version(db, err);
}

/* The version read without a lock, 0 if there is no schema_version table yet. */
static int
current_version(struct db *db)
{
	struct okra_err ignore = {0};
	struct db_stmt *st = NULL;
	int version = 0;

	/* Outside a transaction: on PostgreSQL a failed statement would abort one. */
	if (db_prepare(db, sql_get_version, &st, &ignore) == 0 && db_step(st, &ignore) == DB_ROW)
		version = (int)db_col_int(st, 0);
	db_finalize(st);
	return version;
}

int
migrate_is_initialised(struct db *db)
{
	return current_version(db) > 0;
}

/* Append sql with every @ID@ replaced by the engine's auto-assigned integer key type. */
static void
expand_ids(struct buf *out, const char *sql, size_t len, const char *id_type)
{
	static const char token[] = "@ID@";
	const char *end = sql + len, *p;

	while ((p = strstr(sql, token)) && p + sizeof(token) - 1 <= end) {
		buf_add(out, sql, (size_t)(p - sql));
		buf_adds(out, id_type);
		sql = p + sizeof(token) - 1;
	}
	buf_add(out, sql, (size_t)(end - sql));
}

/*
 * The migration's text for this engine: @ID@ expanded, and a part between
 * "@ON name@" and "@END@" kept only when name is the driver's (where the two
 * engines' SQL cannot be one text, such as full-text search).
 */
static void
expand(struct buf *out, const char *sql, const struct db_driver *drv)
{
	static const char on[] = "@ON ", end[] = "@END@";
	const char *p, *name, *close;

	while ((p = strstr(sql, on))) {
		expand_ids(out, sql, (size_t)(p - sql), drv->id_type);
		name = p + sizeof(on) - 1;
		close = strchr(name, '@');
		p = close ? strstr(close, end) : NULL;
		if (!p) /* a migration's own mistake: the test of every migration fails on it */
			p = close = name + strlen(name);
		if ((size_t)(close - name) == strlen(drv->name) &&
		    memcmp(name, drv->name, (size_t)(close - name)) == 0)
			expand_ids(out, close + 1, (size_t)(p - close - 1), drv->id_type);
		sql = *p ? p + sizeof(end) - 1 : p;
	}
	expand_ids(out, sql, strlen(sql), drv->id_type);
}

static int
record_version(struct db *db, int version, struct okra_err *err)
{
	struct db_stmt *st = NULL;
	int ret;

	ret = db_prepare(db, sql_set_version, &st, err);
	if (ret)
		goto out;
	ret = db_bind_int(st, 1, version);
	if (ret) {
		ret = okra_err_set(err, OKRA_EDB, "", "schema_version: cannot bind version");
		goto out;
	}
	ret = db_step(st, err);
	if (ret > 0)
		ret = 0;
out:
	db_finalize(st);
	return ret;
}

/*
 * Apply migration number version + 1 inside the caller's write transaction.
 * The version was read under the write lock, so no other process can apply
 * the same migration in between.
 */
static int
apply_next(struct db *db, int version, struct okra_err *err)
{
	struct buf sql = BUF_INIT;
	int ret;

	expand(&sql, schema_migrations[version], db_driver_of(db));
	ret = db_exec(db, sql.buf, err);
	if (ret) {
		/* Keep the engine's words but say which migration failed. */
		struct okra_err inner = *err;

		okra_err_set(err, ret, inner.field, "migration %d failed: %s", version + 1,
			     inner.msg);
		goto out;
	}
	ret = record_version(db, version + 1, err);
out:
	buf_release(&sql);
	return ret;
}

int
migrate_up(struct db *db, struct okra_err *err)
{
	return migrate_to(db, migrate_latest(), err);
}

int
migrate_to(struct db *db, int target, struct okra_err *err)
{
	struct okra_err local;
	int latest = migrate_latest();
	int version, ret;

	/* apply_next reads the message back, so there must always be a record. */
	if (!err)
		err = &local;
	if (target > latest)
		return okra_err_set(err, OKRA_EINVAL, "", "no schema version %d", target);
	/*
	 * Up to date already (every start but the first after an upgrade): say
	 * so without the write lock, so a server opens a connection for a read
	 * while another process holds that lock.
	 */
	if (current_version(db) == target)
		return 0;
	for (;;) {
		ret = db_begin(db, 1, err);
		if (ret)
			return ret;
		/*
		 * Under the write lock: two processes starting on a new PostgreSQL
		 * database would otherwise race to create the table.
		 */
		ret = db_exec(db, sql_create_version, err);
		if (ret)
			goto fail;
		version = read_version(db, err);
		if (version < 0) {
			ret = version;
			goto fail;
		}
		if (version > latest) {
			ret = okra_err_set(err, OKRA_EDB, "db",
					   "the database is at schema version %d but this okra "
					   "only knows up to %d: upgrade okra",
					   version, latest);
			goto fail;
		}
		if (version >= target)
			break;
		ret = apply_next(db, version, err);
		if (ret)
			goto fail;
		ret = db_commit(db, err);
		if (ret)
			goto fail;
	}
	/* Up to date: the transaction only read. */
	db_rollback(db);
	return 0;

fail:
	db_rollback(db);
	return ret;
}
