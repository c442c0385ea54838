/* store_util.c: column and binding helpers used by every typed query. */
#include "store/store_int.h"

#include "core/calendar.h"
#include "core/types.h"
#include "util/xalloc.h"

char *
sq_dup(struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NULL : xstrdup(db_col_text(st, col));
}

char *
sq_dup0(struct db_stmt *st, int col)
{
	return xstrdup(db_col_text(st, col));
}

const char *
sq_adup(struct arena *ar, struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NULL : arena_strdup(ar, db_col_text(st, col));
}

const char *
sq_adup0(struct arena *ar, struct db_stmt *st, int col)
{
	return arena_strdup(ar, db_col_text(st, col));
}

int32_t
sq_date(struct db_stmt *st, int col)
{
	int32_t d;

	if (db_col_is_null(st, col) || cal_parse_date(db_col_text(st, col), &d) < 0)
		return DATE_NONE;
	return d;
}

void
sq_bind_date(struct db_stmt *st, int idx, int32_t day)
{
	char s[11];

	if (day == DATE_NONE) {
		db_bind_null(st, idx);
		return;
	}
	cal_format_date(day, s);
	db_bind_text(st, idx, s);
}

void
sq_bind_ref(struct db_stmt *st, int idx, int64_t id)
{
	if (id)
		db_bind_int(st, idx, id);
	else
		db_bind_null(st, idx);
}

int
sq_done(struct db_stmt *st, struct okra_err *err)
{
	int rc;

	while ((rc = db_step(st, err)) == DB_ROW)
		;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
sq_insert(struct db_stmt *st, int64_t *id, struct okra_err *err)
{
	int rc = db_step(st, err);

	if (rc == DB_ROW) {
		if (id)
			*id = db_col_int(st, 0);
		rc = sq_done(st, err);
		return rc;
	}
	db_finalize(st);
	if (rc == DB_DONE)
		return okra_err_set(err, OKRA_EDB, "", "insert returned no id");
	return rc;
}

int
sq_int(struct db_stmt *st, int64_t *out, struct okra_err *err)
{
	int rc = db_step(st, err);

	*out = 0;
	if (rc == DB_ROW) {
		*out = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
		return sq_done(st, err);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}
