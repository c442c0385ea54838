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
 * Everything returned is allocated in the caller's arena.
 */
#define IN_CYCLE " ($1 = 0 OR o.cycle = $1 OR c.parent = $1)"
#define OBJ_JOIN " JOIN objectives o ON o.id = k.objective JOIN cycles c ON c.id = o.cycle"

static const char sql_objectives[] = "SELECT " OBJ_COLS OBJ_FROM " WHERE" IN_CYCLE " ORDER BY o.id";
static const char sql_krs[] = "SELECT " KR_COLS KR_FROM OBJ_JOIN " WHERE" IN_CYCLE
			      " ORDER BY k.objective, k.position, k.id";
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

/* One load: the objectives so far (on the heap until done), and the index of their KRs. */
struct tree_load {
	struct db *db;
	struct arena *ar;
	int64_t cycle;
	struct objective *v;
	size_t n, alloc;
	struct kr_ref *krs;
	size_t nkrs;
};

static int
load_objectives(struct tree_load *t, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = run(t->db, sql_objectives, t->cycle, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		ALLOC_GROW(t->v, t->n + 1, t->alloc);
		memset(&t->v[t->n], 0, sizeof(t->v[t->n]));
		sq_objective_row(t->ar, st, &t->v[t->n++].row);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/* Each objective's KRs, then the index of every KR by id (KR arrays are final then). */
static int
load_krs(struct tree_load *t, struct okra_err *err)
{
	struct objective *o = NULL;
	struct db_stmt *st;
	size_t a = 0, k = 0;
	int rc;

	if ((rc = run(t->db, sql_krs, t->cycle, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t oid = db_col_int(st, 1);

		if (!o || o->id != oid) {
			o = find_objective(t->v, t->n, oid);
			a = o ? o->nkrs : 0;
		}
		if (!o)
			continue;
		ARENA_GROW(t->ar, o->krs, o->nkrs + 1, a);
		sq_kr_row(t->ar, st, &o->krs[o->nkrs++]);
		t->nkrs++;
	}
	db_finalize(st);
	if (rc < 0)
		return rc;
	t->krs = xreallocarray(NULL, t->nkrs ? t->nkrs : 1, sizeof(*t->krs));
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->v[i].nkrs; j++)
			t->krs[k++] = (struct kr_ref){t->v[i].krs[j].id, &t->v[i].krs[j]};
	qsort(t->krs, t->nkrs, sizeof(*t->krs), cmp_kr_ref);
	return 0;
}

/* The criteria (criteria = 1) or the initiatives of every KR. */
static int
load_kr_items(struct tree_load *t, int criteria, struct okra_err *err)
{
	struct key_result *kr = NULL;
	struct db_stmt *st;
	size_t a = 0;
	int rc;

	if ((rc = run(t->db, criteria ? sql_criteria : sql_initiatives, t->cycle, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t kid = db_col_int(st, 1);

		if (!kr || kr->id != kid) {
			kr = find_kr(t->krs, t->nkrs, kid);
			a = !kr ? 0 : criteria ? kr->ncriteria : kr->ninitiatives;
		}
		if (!kr)
			continue;
		if (criteria) {
			ARENA_GROW(t->ar, kr->criteria, kr->ncriteria + 1, a);
			sq_criterion_row(t->ar, st, &kr->criteria[kr->ncriteria++]);
		} else {
			ARENA_GROW(t->ar, kr->initiatives, kr->ninitiatives + 1, a);
			sq_initiative_row(t->ar, st, &kr->initiatives[kr->ninitiatives++]);
		}
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

static int
load_links(struct tree_load *t, struct okra_err *err)
{
	struct objective *o = NULL;
	struct db_stmt *st;
	size_t a = 0;
	int rc;

	if ((rc = run(t->db, sql_links, t->cycle, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t oid = db_col_int(st, 1);

		if (!o || o->id != oid) {
			o = find_objective(t->v, t->n, oid);
			a = o ? o->nlinks : 0;
		}
		if (!o)
			continue;
		ARENA_GROW(t->ar, o->links, o->nlinks + 1, a);
		sq_link_row(t->ar, st, &o->links[o->nlinks++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

static int
load_retros(struct tree_load *t, struct okra_err *err)
{
	struct objective *o;
	struct db_stmt *st;
	int rc;

	if ((rc = run(t->db, sql_retros, t->cycle, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		o = find_objective(t->v, t->n, db_col_int(st, 0));
		if (!o)
			continue;
		sq_retro_row(t->ar, st, &o->retro);
		o->has_retro = 1;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_tree_load(struct db *db, struct arena *ar, int64_t cycle, struct objective **out,
		size_t *nout, struct okra_err *err)
{
	struct tree_load t = {.db = db, .ar = ar, .cycle = cycle};
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = load_objectives(&t, err)) < 0 || (rc = load_krs(&t, err)) < 0 ||
	    (rc = load_kr_items(&t, 1, err)) < 0 || (rc = load_kr_items(&t, 0, err)) < 0 ||
	    (rc = load_links(&t, err)) < 0 || (rc = load_retros(&t, err)) < 0)
		goto out;
	/* The array moves into the arena once it is whole (nothing points into it). */
	*out = arena_alloc(ar, t.n * sizeof(*t.v));
	if (t.n)
		memcpy(*out, t.v, t.n * sizeof(*t.v));
	*nout = t.n;
out:
	free(t.krs);
	free(t.v);
	return rc;
}
