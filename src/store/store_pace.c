/* store_pace.c: what pace reads and the final score writes: a tree's check-ins, an objective's
 * final score. */
#include "store/store.h"

#include <string.h>

#include "store/store_int.h"

/* The same objectives as store_tree_load(cycle): of cycle $1 and the cycles under it (0 = all). */
static const char sql_checkins_of_cycle[] =
	"SELECT x.key_result, x.at, x.progress FROM checkins x"
	" JOIN key_results k ON k.id = x.key_result JOIN objectives o ON o.id = k.objective"
	" JOIN cycles c ON c.id = o.cycle WHERE ($1 = 0 OR o.cycle = $1 OR c.parent = $1)"
	" ORDER BY x.key_result, x.at, x.id";
static const char sql_checkins_of_one_kr[] =
	"SELECT x.key_result, x.at, x.progress FROM checkins x WHERE x.key_result = $1"
	" ORDER BY x.at, x.id";
static const char sql_objective_final_set[] =
	"UPDATE objectives SET final_score = $2, final_reason = $3 WHERE id = $1";

static int
checkins_stream(struct db *db, const char *sql, int64_t id, checkin_row_fn fn, void *ctx,
		struct okra_err *err)
{
	struct db_stmt *st;
	struct checkin c = {0};
	int rc;

	if ((rc = db_prepare(db, sql, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	while ((rc = db_step(st, err)) == DB_ROW) {
		c.key_result = db_col_int(st, 0);
		c.at = db_col_int(st, 1);
		c.progress = db_col_double(st, 2);
		fn(ctx, &c);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_checkins_of_cycle(struct db *db, int64_t cycle, checkin_row_fn fn, void *ctx,
			struct okra_err *err)
{
	return checkins_stream(db, sql_checkins_of_cycle, cycle, fn, ctx, err);
}

int
store_checkins_of_one_kr(struct db *db, int64_t kr, checkin_row_fn fn, void *ctx,
			 struct okra_err *err)
{
	return checkins_stream(db, sql_checkins_of_one_kr, kr, fn, ctx, err);
}

int
store_objective_final_set(struct db *db, int64_t id, double score, const char *reason,
			  struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_objective_final_set, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_double(st, 2, score);
	if (reason && *reason)
		db_bind_text(st, 3, reason);
	else
		db_bind_null(st, 3);
	return sq_done(st, err);
}
