/* store_sources.c: the KRs' sources (kr_sources): set, cleared, claimed for a read, the reading
 * or the error kept, and the errors still to tell. */
#include "store/store_sources.h"

#include <string.h>

#include "store/store_int.h"

#define SOURCE_COLS                                                                                \
	"key_result, kind, url, query, every_s, next_at, read_at, read_value, error, error_at,"    \
	" error_told, set_at"

static const char sql_get[] = "SELECT " SOURCE_COLS " FROM kr_sources WHERE key_result = $1";
static const char sql_set[] =
	"INSERT INTO kr_sources (key_result, kind, url, query, every_s, next_at, set_by, set_at)"
	" VALUES ($1, $2, $3, $4, $5, 0, $6, $7) ON CONFLICT (key_result) DO UPDATE SET"
	" kind = excluded.kind, url = excluded.url, query = excluded.query,"
	" every_s = excluded.every_s, next_at = 0, read_at = NULL, read_value = NULL,"
	" error = NULL, error_at = NULL, error_told = 0, set_by = excluded.set_by,"
	" set_at = excluded.set_at";
static const char sql_clear[] = "DELETE FROM kr_sources WHERE key_result = $1";
static const char sql_due[] =
	"SELECT key_result, next_at FROM kr_sources WHERE next_at <= $1"
	" ORDER BY next_at, key_result";
static const char sql_claim[] =
	"UPDATE kr_sources SET next_at = $3 WHERE key_result = $1 AND next_at = $2";
static const char sql_ok[] =
	"UPDATE kr_sources SET read_at = $2, read_value = $3, error = NULL,"
	" error_at = NULL, error_told = 0 WHERE key_result = $1";
/* The same error again keeps whether it was told; another one is told anew. */
static const char sql_failed[] =
	"UPDATE kr_sources SET error_told = CASE WHEN error IS NOT NULL AND error = $2"
	" THEN error_told ELSE 0 END, error = $2, error_at = $3 WHERE key_result = $1";
static const char sql_untold[] = "SELECT " SOURCE_COLS
				 " FROM kr_sources"
				 " WHERE error IS NOT NULL AND error_told = 0 ORDER BY key_result";
static const char sql_told[] =
	"UPDATE kr_sources SET error_told = 1"
	" WHERE key_result = $1 AND error = $2 AND error_told = 0";

static void
row(struct arena *ar, struct db_stmt *st, struct kr_source *s)
{
	const char *kind = db_col_text(st, 1);

	*s = (struct kr_source){0};
	s->key_result = db_col_int(st, 0);
	s->kind = !strcmp(kind, "postgres") ? SOURCE_POSTGRES
		  : !strcmp(kind, "json")   ? SOURCE_JSON
					    : SOURCE_PROMETHEUS;
	s->url = sq_adup0(ar, st, 2);
	s->query = sq_adup0(ar, st, 3);
	s->every_s = db_col_int(st, 4);
	s->next_at = db_col_int(st, 5);
	s->has_reading = !db_col_is_null(st, 6);
	s->read_at = s->has_reading ? db_col_int(st, 6) : 0;
	s->read_value = s->has_reading ? db_col_double(st, 7) : 0;
	s->error = sq_adup(ar, st, 8);
	s->error_at = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
	s->error_told = (int)db_col_int(st, 10);
	s->set_at = db_col_int(st, 11);
}

int
store_source_get(struct db *db, struct arena *ar, int64_t kr, struct kr_source *out,
		 struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr);
	if ((rc = db_step(st, err)) == DB_ROW)
		row(ar, st, out);
	db_finalize(st);
	if (rc == DB_DONE)
		return okra_err_set(err, OKRA_ENOTFOUND, "key_result",
				    "key result %lld has no source", (long long)kr);
	return rc < 0 ? rc : 0;
}

int
store_source_set(struct db *db, const struct kr_source *s, int64_t by, int64_t now,
		 struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_set, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, s->key_result);
	db_bind_text(st, 2, source_kind_name(s->kind));
	db_bind_text(st, 3, s->url);
	db_bind_text(st, 4, s->query);
	db_bind_int(st, 5, s->every_s);
	sq_bind_ref(st, 6, by);
	db_bind_int(st, 7, now);
	return sq_done(st, err);
}

/* One statement of two ids and a text or an int, whose changed-row count is *changed. */
static int
put(struct db *db, const char *sql, int64_t kr, const char *text, int64_t i2, int64_t i3,
    int *changed, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr);
	if (text)
		db_bind_text(st, 2, text);
	else
		db_bind_int(st, 2, i2);
	if (i3 >= 0)
		db_bind_int(st, 3, i3);
	rc = sq_done(st, err);
	if (rc == 0 && changed)
		*changed = db_changes(db) > 0;
	return rc;
}

int
store_source_clear(struct db *db, int64_t kr, int *removed, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_clear, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr);
	if ((rc = sq_done(st, err)) == 0)
		*removed = db_changes(db) > 0;
	return rc;
}

int
store_sources_due(struct db *db, struct arena *ar, int64_t now, int64_t **kr, int64_t **next,
		  size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*kr = *next = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_due, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, now);
	while ((rc = db_step(st, err)) == DB_ROW) {
		if (*n == alloc) {
			size_t more = alloc ? 2 * alloc : 8;

			*kr = arena_grow_array(ar, *kr, alloc, more, sizeof(**kr));
			*next = arena_grow_array(ar, *next, alloc, more, sizeof(**next));
			alloc = more;
		}
		(*kr)[*n] = db_col_int(st, 0);
		(*next)[(*n)++] = db_col_int(st, 1);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_source_claim(struct db *db, int64_t kr, int64_t was, int64_t next, int *taken,
		   struct okra_err *err)
{
	return put(db, sql_claim, kr, NULL, was, next, taken, err);
}

int
store_source_read_ok(struct db *db, int64_t kr, int64_t at, double value, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_ok, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr);
	db_bind_int(st, 2, at);
	db_bind_double(st, 3, value);
	return sq_done(st, err);
}

int
store_source_read_failed(struct db *db, int64_t kr, const char *error, int64_t at,
			 struct okra_err *err)
{
	return put(db, sql_failed, kr, error, 0, at, NULL, err);
}

int
store_sources_untold(struct db *db, struct arena *ar, struct kr_source **v, size_t *n,
		     struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_untold, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		if (*n == alloc) {
			*v = arena_grow_array(ar, *v, alloc, alloc ? 2 * alloc : 4, sizeof(**v));
			alloc = alloc ? 2 * alloc : 4;
		}
		row(ar, st, &(*v)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_source_told(struct db *db, int64_t kr, const char *error, int *taken, struct okra_err *err)
{
	return put(db, sql_told, kr, error, 0, -1, taken, err);
}
