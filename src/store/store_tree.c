/* store_tree.c: a cycle's whole OKR tree in six queries, whatever its size. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/xalloc.h"

/*
 * Every query filters the same way: the objectives of cycle $1 and of the
 * cycles whose parent is $1 ($1 = 0: all). Rows come sorted by their owner,
 * so each is attached with a binary search and arrays grow once per owner.
 */
#define IN_CYCLE " ($1 = 0 OR o.cycle = $1 OR c.parent = $1)"
#define OBJ_JOIN " JOIN objectives o ON o.id = k.objective JOIN cycles c ON c.id = o.cycle"

static const char sql_objectives[] = "SELECT " OBJ_COLS OBJ_FROM " WHERE" IN_CYCLE " ORDER BY o.id";
static const char sql_krs[] =
	"SELECT " KR_COLS KR_FROM OBJ_JOIN " WHERE" IN_CYCLE " ORDER BY k.objective, k.id";
static const char sql_criteria[] =
	"SELECT " CRITERION_COLS
	" FROM criteria cr JOIN key_results k ON k.id = cr.key_result" OBJ_JOIN " WHERE" IN_CYCLE
	" ORDER BY cr.key_result, cr.id";
static const char sql_initiatives[] =
	"SELECT " INITIATIVE_COLS
	" FROM initiatives i JOIN key_results k ON k.id = i.key_result" OBJ_JOIN " WHERE" IN_CYCLE
	" ORDER BY i.key_result, i.id";
static const char sql_links[] =
	"SELECT " LINK_COLS
	" FROM links l JOIN objectives o ON o.id = l.objective"
	" JOIN cycles c ON c.id = o.cycle WHERE" IN_CYCLE " ORDER BY l.objective, l.id";
static const char sql_retros[] =
	"SELECT " RETRO_COLS
	" FROM retros r JOIN objectives o ON o.id = r.objective"
	" JOIN cycles c ON c.id = o.cycle WHERE" IN_CYCLE " ORDER BY r.objective";

struct kr_ref {
	int64_t id;
	struct key_result *kr;
};

static struct objective *
find_objective(struct objective *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id == id)
			return &v[mid];
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static struct key_result *
find_kr(struct kr_ref *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].id == id)
			return v[mid].kr;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
cmp_kr_ref(const void *a, const void *b)
{
	int64_t x = ((const struct kr_ref *)a)->id, y = ((const struct kr_ref *)b)->id;

	return (x > y) - (x < y);
}

static int
run(struct db *db, const char *sql, int64_t cycle, struct db_stmt **st, struct okra_err *err)
{
	int rc = db_prepare(db, sql, st, err);

	if (rc < 0)
		return rc;
	db_bind_int(*st, 1, cycle);
	return 0;
}

int
store_tree_load(struct db *db, int64_t cycle, struct objective **out, size_t *nout,
		struct okra_err *err)
{
	struct objective *v = NULL, *o = NULL;
	struct key_result *kr = NULL;
	struct kr_ref *krs = NULL;
	size_t n = 0, alloc = 0, nkrs = 0, kalloc = 0, a = 0;
	struct db_stmt *st;
	int rc;

	if ((rc = run(db, sql_objectives, cycle, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		ALLOC_GROW(v, n + 1, alloc);
		sq_objective_row(st, &v[n++]);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;

	if ((rc = run(db, sql_krs, cycle, &st, err)) < 0)
		goto fail;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t oid = db_col_int(st, 1);

		if (!o || o->id != oid) {
			o = find_objective(v, n, oid);
			a = 0;
		}
		if (!o)
			continue;
		ALLOC_GROW(o->krs, o->nkrs + 1, a);
		sq_kr_row(st, &o->krs[o->nkrs++]);
		nkrs++;
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;

	/* KR arrays are final now, so pointers into them stay valid. */
	krs = xreallocarray(NULL, nkrs ? nkrs : 1, sizeof(*krs));
	kalloc = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].nkrs; j++)
			krs[kalloc++] = (struct kr_ref){v[i].krs[j].id, &v[i].krs[j]};
	qsort(krs, nkrs, sizeof(*krs), cmp_kr_ref);

	if ((rc = run(db, sql_criteria, cycle, &st, err)) < 0)
		goto fail;
	kr = NULL;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t kid = db_col_int(st, 1);

		if (!kr || kr->id != kid) {
			kr = find_kr(krs, nkrs, kid);
			a = 0;
		}
		if (!kr)
			continue;
		ALLOC_GROW(kr->criteria, kr->ncriteria + 1, a);
		sq_criterion_row(st, &kr->criteria[kr->ncriteria++]);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;

	if ((rc = run(db, sql_initiatives, cycle, &st, err)) < 0)
		goto fail;
	kr = NULL;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t kid = db_col_int(st, 1);

		if (!kr || kr->id != kid) {
			kr = find_kr(krs, nkrs, kid);
			a = 0;
		}
		if (!kr)
			continue;
		ALLOC_GROW(kr->initiatives, kr->ninitiatives + 1, a);
		sq_initiative_row(st, &kr->initiatives[kr->ninitiatives++]);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;

	if ((rc = run(db, sql_links, cycle, &st, err)) < 0)
		goto fail;
	o = NULL;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t oid = db_col_int(st, 1);

		if (!o || o->id != oid) {
			o = find_objective(v, n, oid);
			a = 0;
		}
		if (!o)
			continue;
		ALLOC_GROW(o->links, o->nlinks + 1, a);
		sq_link_row(st, &o->links[o->nlinks++]);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;

	if ((rc = run(db, sql_retros, cycle, &st, err)) < 0)
		goto fail;
	while ((rc = db_step(st, err)) == DB_ROW) {
		o = find_objective(v, n, db_col_int(st, 0));
		if (!o)
			continue;
		sq_retro_row(st, &o->retro);
		o->has_retro = 1;
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;

	free(krs);
	*out = v;
	*nout = n;
	return 0;
fail:
	free(krs);
	objectives_free(v, n);
	*out = NULL;
	*nout = 0;
	return rc;
}
