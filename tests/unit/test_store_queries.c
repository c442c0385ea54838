/* test_store_queries.c: a cycle's whole tree loads in a fixed number of queries, whatever its size.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "fixture.h"

static char dir[FIXTURE_DIR_SIZE];

static struct db *
open_fresh(void)
{
	struct db *db = NULL;
	char path[FIXTURE_PATH_SIZE];

	assert_int_equal(fixture_db_open(&db, dir, path, "queries", 1), 0);
	return db;
}

/* A quarter with n objectives, each with 3 KRs of 2 criteria and 2 check-ins, and a link. */
static int64_t
fill(struct db *db, int n)
{
	struct okra_err err = {0};
	struct person p = {
		.handle = "pat", .name = "Pat", .role = ROLE_ADMIN, .joined_on = DATE_NONE};
	struct cycle c = {.kind = CYCLE_QUARTER, .name = "Q", .starts_on = 0, .ends_on = 90};
	int64_t pid, cid, prev = 0;

	assert_int_equal(db_begin(db, 1, &err), 0);
	assert_int_equal(store_person_add(db, &p, &pid, &err), 0);
	assert_int_equal(store_cycle_add(db, &c, &cid, &err), 0);
	for (int i = 0; i < n; i++) {
		struct objective_row o = {.cycle = cid,
					  .parent = i % 5 ? prev : 0,
					  .title = "O",
					  .dri = pid,
					  .state = STATE_ACTIVE,
					  .weight = 1};
		struct link l = {.ref = "g/p#1", .state = ITEM_OPEN};
		int64_t oid, lid;

		assert_int_equal(store_objective_add(db, &o, 1, &oid, &err), 0);
		if (i % 5 == 0)
			prev = oid;
		l.objective = oid;
		assert_int_equal(store_link_add(db, &l, &lid, &err), 0);
		for (int k = 0; k < 3; k++) {
			struct key_result kr = {.objective = oid,
						.title = "K",
						.dri = pid,
						.kind = KR_CRITERIA,
						.target = 1,
						.weight = 1};
			int64_t kid, x;

			assert_int_equal(store_kr_add(db, &kr, 1, &kid, &err), 0);
			for (int j = 0; j < 2; j++) {
				struct criterion cr = {.key_result = kid,
						       .ref = j ? "g/p#2" : "g/p#3",
						       .contribution = 50,
						       .state = j ? ITEM_CLOSED : ITEM_OPEN};
				struct checkin ch = {.key_result = kid,
						     .author = pid,
						     .at = 100 + j,
						     .progress = 0.5,
						     .health = HEALTH_ON_TRACK};

				assert_int_equal(store_criterion_add(db, &cr, &x, &err), 0);
				assert_int_equal(store_checkin_add(db, &ch, &x, &err), 0);
			}
		}
	}
	assert_int_equal(db_commit(db, &err), 0);
	return cid;
}

static uint64_t
queries_to_load(int n, size_t *loaded, size_t *krs)
{
	struct okra_err err = {0};
	struct arena ar = ARENA_INIT;
	struct objective *v = NULL;
	struct db *db = open_fresh();
	int64_t cid = fill(db, n);
	uint64_t before = db->nqueries, used;
	size_t count = 0;

	assert_int_equal(store_tree_load(db, &ar, cid, &v, &count, &err), 0);
	used = db->nqueries - before;
	*loaded = count;
	*krs = 0;
	for (size_t i = 0; i < count; i++) {
		*krs += v[i].nkrs;
		for (size_t k = 0; k < v[i].nkrs; k++) {
			assert_int_equal(v[i].krs[k].ncriteria, 2);
			assert_int_equal(v[i].krs[k].last_checkin_at, 101);
		}
		assert_int_equal(v[i].nlinks, 1);
	}
	arena_release(&ar);
	fixture_db_close(db, dir);
	return used;
}

static void
test_tree_load_is_a_fixed_number_of_queries(void **state)
{
	size_t n10, k10, n400, k400;
	uint64_t q10 = queries_to_load(10, &n10, &k10);
	uint64_t q400 = queries_to_load(400, &n400, &k400);

	(void)state;
	assert_int_equal(n10, 10);
	assert_int_equal(k10, 30);
	assert_int_equal(n400, 400);
	assert_int_equal(k400, 1200);
	/* Objectives, KRs, criteria, initiatives, links, retros: six, at any size. */
	assert_int_equal(q10, 6);
	assert_int_equal(q400, q10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_load_is_a_fixed_number_of_queries),
	};

	return cmocka_run_group_tests_name("store_queries", tests, NULL, NULL);
}
