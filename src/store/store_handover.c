/* store_handover.c: what a person is DRI of, and moving it to another person (offboarding). */
#include "store/store.h"

#include "store/store_int.h"

/* Closed objectives are read-only history (R11): what was theirs stays theirs. */
static const char sql_owned[] =
	"SELECT 0, o.id, o.id, o.title FROM objectives o WHERE o.dri = $1 AND o.state <> 'closed'"
	" UNION ALL"
	" SELECT 1, k.id, k.objective, k.title FROM key_results k"
	" JOIN objectives o ON o.id = k.objective WHERE k.dri = $1 AND o.state <> 'closed'"
	" ORDER BY 1, 2";
static const char sql_objective_dri[] =
	"UPDATE objectives SET dri = $2, version = version + 1 WHERE id = $1";
static const char sql_kr_dri[] =
	"UPDATE key_results SET dri = $2, version = version + 1 WHERE id = $1";

int
store_person_owned(struct db *db, struct arena *ar, int64_t person, struct owned **v, size_t *n,
		   struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_owned, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct owned *o;

		if (*n == alloc) {
			size_t grown = alloc ? 2 * alloc : 8;

			*v = arena_grow_array(ar, *v, alloc, grown, sizeof(**v));
			alloc = grown;
		}
		o = &(*v)[(*n)++];
		o->kind = db_col_int(st, 0) ? 'k' : 'o';
		o->id = db_col_int(st, 1);
		o->objective = db_col_int(st, 2);
		o->title = sq_adup0(ar, st, 3);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_dri_set(struct db *db, char kind, int64_t id, int64_t dri, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, kind == 'o' ? sql_objective_dri : sql_kr_dri, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, dri);
	return sq_done(st, err);
}
