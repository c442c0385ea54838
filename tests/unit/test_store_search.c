/* test_store_search.c: store_search on either engine does bounded work (issue 19 item 6): title
 * hits first, ranked; the other hits newest first, not ranked, so the limit stops the reading;
 * a prefix of any length in long texts; and migration 17 indexes the rows an earlier schema
 * held. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/search.h"
#include "store/store.h"
#include "util/arena.h"
#include "fixture.h"

static struct arena A = ARENA_INIT;

static void
exec(struct db *db, const char *sql)
{
	okra_err_clear(&E);
	if (db_exec(db, sql, &E) != 0)
		fail_msg("%s: %s", sql, E.msg);
}

/*
 * Objective 1 titled with the word, its context not; KR 1 titled with it
 * twice in a short title (bm25 ranks it first); objective 2 mentioning it
 * only in its context, before; then three check-in notes, the oldest saying
 * it three times (what a ranking of every match would put first).
 */
static void
seed(struct db *db)
{
	exec(db, "INSERT INTO people (handle, name, role) VALUES ('pat', 'Pat', 'member')");
	exec(db,
	     "INSERT INTO cycles (kind, name, starts_on, ends_on)"
	     " VALUES ('quarter', 'Q', '2026-01-01', '2026-03-31')");
	exec(db,
	     "INSERT INTO objectives (cycle, title, context, dri, created_at)"
	     " VALUES (1, 'Mentions lemur here and a long title with many other words', '', 1, 0)");
	exec(db,
	     "INSERT INTO objectives (cycle, title, context, dri, created_at)"
	     " VALUES (1, 'Faster builds', 'the lemur cache', 1, 0)");
	exec(db,
	     "INSERT INTO key_results (objective, title, dri, kind, created_at)"
	     " VALUES (1, 'Lemur lemur', 1, 'metric', 0)");
	exec(db,
	     "INSERT INTO checkins (key_result, at, progress, health, note)"
	     " VALUES (1, 1, 0, 'on_track', 'lemur lemur lemur, the lemurs again')");
	exec(db,
	     "INSERT INTO checkins (key_result, at, progress, health, note)"
	     " VALUES (1, 2, 0, 'on_track', 'a lemur once, among many other words of a note')");
	exec(db,
	     "INSERT INTO checkins (key_result, at, progress, health, note)"
	     " VALUES (1, 3, 0, 'on_track', 'the newest: lemurian plans')");
}

static size_t
search(struct db *db, const char *q, int limit, struct search_hit **v)
{
	struct search_query sq;
	size_t n;

	OK(search_query_parse(q, &sq, &E));
	OK(store_search(db, &A, &sq, limit, v, &n, &E));
	return n;
}

static void
check_order(struct db *db)
{
	struct search_hit *v;
	size_t n = search(db, "lemur", 10, &v);

	assert_int_equal(n, 6); /* the last word is a prefix too: 'lemurian' */
	assert_int_equal(v[0].kind, SEARCH_KR);
	assert_true(v[0].in_title);
	assert_int_equal(v[1].kind, SEARCH_OBJECTIVE);
	assert_int_equal(v[1].id, 1);
	assert_true(v[1].in_title);
	assert_non_null(strchr(v[1].title, SEARCH_MARK_ON));
	/* the rest newest first: the check-ins from the last, then objective 2 */
	for (size_t i = 2; i < 5; i++) {
		assert_int_equal(v[i].kind, SEARCH_CHECKIN);
		assert_int_equal(v[i].id, 5 - (int64_t)i);
		assert_false(v[i].in_title);
		assert_non_null(strchr(v[i].snippet, SEARCH_MARK_ON));
	}
	assert_int_equal(v[5].kind, SEARCH_OBJECTIVE);
	assert_int_equal(v[5].id, 2);
	/* at the limit: the title hits, then the newest text, not the one saying it most */
	n = search(db, "lemur", 3, &v);
	assert_int_equal(n, 3);
	assert_int_equal(v[2].kind, SEARCH_CHECKIN);
	assert_int_equal(v[2].id, 3);
	n = search(db, "lemur", 1, &v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].kind, SEARCH_KR);
	/* a prefix longer than the prefix index's four characters, in a long text */
	n = search(db, "plans lemuri", 10, &v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].kind, SEARCH_CHECKIN);
	assert_int_equal(v[0].id, 3);
	/* one and four characters */
	assert_int_equal(search(db, "newest l", 10, &v), 1);
	assert_int_equal(search(db, "newest lemu", 10, &v), 1);
	/* words spread over the title and the body are a hit, not a title hit */
	n = search(db, "faster cache", 10, &v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, 2);
	assert_false(v[0].in_title);
	arena_reset(&A);
}

static void
test_title_hits_ranked_then_texts_newest_first(void **state)
{
	char dir[FIXTURE_DIR_SIZE], path[FIXTURE_PATH_SIZE];
	struct db *db;

	(void)state;
	assert_int_equal(fixture_db_open(&db, dir, path, "search", 1), 0);
	seed(db);
	check_order(db);
	/* the index follows a retitle: no longer a title hit, now the oldest text */
	exec(db, "UPDATE key_results SET title = 'Other' WHERE id = 1");
	{
		struct search_hit *v;
		size_t n = search(db, "lemur", 10, &v);

		assert_int_equal(n, 5);
		assert_int_equal(v[0].kind, SEARCH_OBJECTIVE);
		assert_true(v[0].in_title);
		assert_false(v[1].in_title);
		arena_reset(&A);
	}
	fixture_db_close(db, dir);
}

/*
 * Behind 6,000 newer rows that do not hold the word (past the window
 * PostgreSQL reads backwards by key), the hits are found all the same, in the
 * same order.
 */
static void
test_old_hits_behind_many_new_rows(void **state)
{
	char dir[FIXTURE_DIR_SIZE], path[FIXTURE_PATH_SIZE];
	struct search_hit *v;
	struct db *db;

	(void)state;
	assert_int_equal(fixture_db_open(&db, dir, path, "searchold", 1), 0);
	seed(db);
	exec(db,
	     "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 6000)"
	     " INSERT INTO checkins (key_result, at, progress, health, note)"
	     " SELECT 1, 10 + n, 0, 'on_track', 'filler' FROM s");
	check_order(db);
	assert_int_equal(search(db, "filler", 100, &v), 100);
	assert_int_equal(v[0].id, 6003);
	assert_int_equal(v[99].id, 5904);
	arena_reset(&A);
	fixture_db_close(db, dir);
}

/* A database at migration 16 holds indexed rows; 17 indexes them again for its own tables. */
static void
test_migration_17_indexes_existing_rows(void **state)
{
	char dir[FIXTURE_DIR_SIZE], path[FIXTURE_PATH_SIZE];
	struct db *db;

	(void)state;
	assert_int_equal(fixture_db_open(&db, dir, path, "search16", 0), 0);
	OK(migrate_to(db, 16, &E));
	assert_int_equal(migrate_version(db, &E), 16);
	seed(db);
	OK(migrate_up(db, &E));
	assert_int_equal(migrate_version(db, &E), migrate_latest());
	check_order(db);
	fixture_db_close(db, dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_hits_ranked_then_texts_newest_first),
		cmocka_unit_test(test_old_hits_behind_many_new_rows),
		cmocka_unit_test(test_migration_17_indexes_existing_rows),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return rc;
}
