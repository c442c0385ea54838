/* store_asof.c: what the history says about a cycle's tree at an instant, in two queries. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/xalloc.h"

/*
 * The same cycle filter as store_tree.c ($1 = 0: every cycle), so the rows
 * here are those of store_tree_load's objectives and KRs. The latest
 * check-in or status before $2 comes from a correlated subquery with ORDER BY
 * … LIMIT 1, which both engines accept and answer from the (key_result, at) and
 * (objective, at) indexes.
 */
#define ASOF_IN_CYCLE " ($1 = 0 OR o.cycle = $1 OR c.parent = $1)"

static const char sql_asof_objectives[] =
	"SELECT o.id, o.created_at, o.closed_at, s.at, s.health FROM objectives o"
	" JOIN cycles c ON c.id = o.cycle"
	" LEFT JOIN status_updates s ON s.id = (SELECT x.id FROM status_updates x"
	"  WHERE x.objective = o.id AND x.at < $2 ORDER BY x.at DESC, x.id DESC LIMIT 1)"
	" WHERE" ASOF_IN_CYCLE " ORDER BY o.id";
static const char sql_asof_krs[] =
	"SELECT k.id, k.created_at, lc.at, lc.value, lc.progress, lc.health, lc.source, a.handle"
	" FROM key_results k JOIN objectives o ON o.id = k.objective"
	" JOIN cycles c ON c.id = o.cycle"
	" LEFT JOIN checkins lc ON lc.id = (SELECT x.id FROM checkins x WHERE x.key_result = k.id"
	"  AND x.at < $2 ORDER BY x.at DESC, x.id DESC LIMIT 1)"
	" LEFT JOIN people a ON a.id = lc.author"
	" WHERE" ASOF_IN_CYCLE " ORDER BY k.id";

static enum health
health_col(struct db_stmt *st, int col)
{
	int h = db_col_is_null(st, col) ? -1 : health_parse(db_col_text(st, col));

	return h < 0 ? HEALTH_NONE : (enum health)h;
}

static int
prepare(struct db *db, const char *sql, int64_t cycle, int64_t until, struct db_stmt **st,
	struct okra_err *err)
{
	int rc = db_prepare(db, sql, st, err);

	if (rc < 0)
		return rc;
	db_bind_int(*st, 1, cycle);
	db_bind_int(*st, 2, until);
	return 0;
}

int
store_tree_history(struct db *db, int64_t cycle, int64_t until, struct asof_history *out,
		   struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc, s;

	memset(out, 0, sizeof(*out));
	out->until = until;
	if ((rc = prepare(db, sql_asof_objectives, cycle, until, &st, err)) < 0)
		goto fail;
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct asof_objective *o;

		ALLOC_GROW(out->objectives, out->nobjectives + 1, alloc);
		o = &out->objectives[out->nobjectives++];
		o->id = db_col_int(st, 0);
		o->created_at = db_col_int(st, 1);
		o->closed_at = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		o->status_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
		o->status_health = health_col(st, 4);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;

	alloc = 0;
	if ((rc = prepare(db, sql_asof_krs, cycle, until, &st, err)) < 0)
		goto fail;
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct asof_kr *k;

		ALLOC_GROW(out->krs, out->nkrs + 1, alloc);
		k = &out->krs[out->nkrs++];
		memset(k, 0, sizeof(*k));
		k->id = db_col_int(st, 0);
		k->created_at = db_col_int(st, 1);
		if (db_col_is_null(st, 2))
			continue;
		k->checkin_at = db_col_int(st, 2);
		k->has_value = !db_col_is_null(st, 3);
		k->value = k->has_value ? db_col_double(st, 3) : 0;
		k->progress = db_col_double(st, 4);
		k->health = health_col(st, 5);
		s = source_parse(db_col_text(st, 6));
		k->source = s < 0 ? SOURCE_MANUAL : (enum source)s;
		k->author = sq_dup(st, 7);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	asof_history_release(out);
	return rc;
}
