/* test_store_check.c: store_check finds okra's invariants broken (criteria over 100, an objective
 * its own ancestor) on either engine, and nothing on a sound database. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "store/store_check.h"
#include "fixture.h"

struct seen {
	int n;
	char lines[8][512];
};

static void
collect(void *arg, const char *line)
{
	struct seen *s = arg;

	if (s->n < 8)
		snprintf(s->lines[s->n], sizeof(s->lines[0]), "%s", line);
	s->n++;
}

static void
exec(struct db *db, const char *sql)
{
	okra_err_clear(&E);
	if (db_exec(db, sql, &E) != 0)
		fail_msg("%s: %s", sql, E.msg);
}

/* Three objectives 1 ← 2 ← 3, a criteria KR on 1 with 60 + 40. */
static void
seed(struct db *db)
{
	exec(db, "INSERT INTO people (handle, name, role) VALUES ('pat', 'Pat', 'member')");
	exec(db,
	     "INSERT INTO cycles (kind, name, starts_on, ends_on)"
	     " VALUES ('quarter', 'Q', '2026-01-01', '2026-03-31')");
	exec(db, "INSERT INTO objectives (cycle, title, dri, created_at) VALUES (1, 'A', 1, 0)");
	exec(db,
	     "INSERT INTO objectives (cycle, parent, title, dri, created_at)"
	     " VALUES (1, 1, 'B', 1, 0)");
	exec(db,
	     "INSERT INTO objectives (cycle, parent, title, dri, created_at)"
	     " VALUES (1, 2, 'C', 1, 0)");
	exec(db,
	     "INSERT INTO key_results (objective, title, dri, kind, created_at)"
	     " VALUES (1, 'K', 1, 'criteria', 0)");
	exec(db, "INSERT INTO criteria (key_result, ref, contribution) VALUES (1, 'g/p#1', 60)");
	exec(db, "INSERT INTO criteria (key_result, ref, contribution) VALUES (1, 'g/p#2', 40)");
}

static void
test_sound_database_has_no_problem(void **state)
{
	char dir[FIXTURE_DIR_SIZE], path[FIXTURE_PATH_SIZE];
	struct seen s = {0};
	struct db *db;

	(void)state;
	assert_int_equal(fixture_db_open(&db, dir, path, "sound", 1), 0);
	seed(db);
	assert_int_equal(store_check(db, 0, collect, &s, &E), 0);
	assert_int_equal(store_check(db, 1, collect, &s, &E), 0);
	assert_int_equal(s.n, 0);
	fixture_db_close(db, dir);
}

static void
test_broken_invariants_are_named(void **state)
{
	char dir[FIXTURE_DIR_SIZE], path[FIXTURE_PATH_SIZE];
	struct seen s = {0};
	struct db *db;

	(void)state;
	assert_int_equal(fixture_db_open(&db, dir, path, "broken", 1), 0);
	seed(db);
	/* Past the app's checks, as a hand edit or a bad import would. */
	exec(db, "UPDATE criteria SET contribution = 70 WHERE ref = 'g/p#2'");
	exec(db, "UPDATE objectives SET parent = 3 WHERE id = 1");
	assert_int_equal(store_check(db, 0, collect, &s, &E), 4);
	assert_non_null(strstr(s.lines[0], "key result 1: its criteria contribute 130"));
	/* 1 → 3 → 2 → 1: each of the three is its own ancestor. */
	assert_string_equal(s.lines[1], "objective 1: its parents lead back to it");
	assert_string_equal(s.lines[2], "objective 2: its parents lead back to it");
	assert_string_equal(s.lines[3], "objective 3: its parents lead back to it");
	fixture_db_close(db, dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sound_database_has_no_problem),
		cmocka_unit_test(test_broken_invariants_are_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
