/* test_store_stmt_cache.c: statements kept and reused by the SQLite driver behave as freshly
 * prepared ones. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "fixture.h"

struct fixture {
	char dir[FIXTURE_DIR_SIZE];
	char path[FIXTURE_PATH_SIZE];
	struct db *db;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (fixture_db_open(&f->db, f->dir, f->path, "stmtcache", 0)) {
		free(f);
		return -1;
	}
	OK(db_exec(f->db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", &E));
	OK(db_exec(f->db, "INSERT INTO t (id, v) VALUES (1, 'one'), (2, 'two'), (3, 'three')", &E));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	fixture_db_close(f->db, f->dir);
	free(f);
	return 0;
}

static const char sql_by_id[] = "SELECT v FROM t WHERE id = $1";
static const char sql_all[] = "SELECT id FROM t ORDER BY id";

/* The value for id, or "(null)" when no row or a NULL came back. */
static void
value_of(struct db *db, int64_t id, int bind, char *out, size_t n)
{
	struct db_stmt *st;

	OK(db_prepare(db, sql_by_id, &st, &E));
	if (bind)
		db_bind_int(st, 1, id);
	if (db_step(st, &E) == DB_ROW && !db_col_is_null(st, 0))
		snprintf(out, n, "%s", db_col_text(st, 0));
	else
		snprintf(out, n, "(null)");
	db_finalize(st);
}

/* A reused statement starts with no bindings and no row: as PostgreSQL would. */
static void
test_reuse_has_no_old_bindings(void **state)
{
	struct fixture *f = *state;
	char v[32];

	value_of(f->db, 2, 1, v, sizeof(v));
	assert_string_equal(v, "two");
	value_of(f->db, 2, 0, v, sizeof(v)); /* $1 unbound is NULL: no row */
	assert_string_equal(v, "(null)");
	value_of(f->db, 3, 1, v, sizeof(v));
	assert_string_equal(v, "three");
}

/* The same SQL prepared while it is already in use (a nested loop) gets its own statement. */
static void
test_nested_use_of_one_sql(void **state)
{
	struct fixture *f = *state;
	struct db_stmt *outer, *inner;
	int64_t seen = 0;
	int rows = 0;

	OK(db_prepare(f->db, sql_all, &outer, &E));
	while (db_step(outer, &E) == DB_ROW) {
		OK(db_prepare(f->db, sql_all, &inner, &E));
		assert_int_equal(db_step(inner, &E), DB_ROW);
		assert_int_equal(db_col_int(inner, 0), 1); /* its own cursor, from the start */
		db_finalize(inner);
		seen += db_col_int(outer, 0);
		rows++;
	}
	db_finalize(outer);
	assert_int_equal(rows, 3);
	assert_int_equal(seen, 1 + 2 + 3);
}

/* SQL built in a buffer that is reused for other text is never mistaken for the old. */
static void
test_same_address_other_text(void **state)
{
	struct fixture *f = *state;
	char sql[64];
	struct db_stmt *st;

	for (int id = 1; id <= 3; id++) {
		snprintf(sql, sizeof(sql), "SELECT v FROM t WHERE id = %d", id);
		OK(db_prepare(f->db, sql, &st, &E));
		assert_int_equal(db_step(st, &E), DB_ROW);
		assert_string_equal(db_col_text(st, 0), id == 1   ? "one"
							: id == 2 ? "two"
								  : "three");
		db_finalize(st);
	}
}

/* More distinct statements than the driver keeps: each still answers right. */
static void
test_more_statements_than_kept(void **state)
{
	struct fixture *f = *state;
	char *sql[200];
	struct db_stmt *st;

	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 200; i++) {
			if (!round) {
				sql[i] = malloc(64);
				snprintf(sql[i], 64, "SELECT %d + id FROM t WHERE id = 1", i);
			}
			OK(db_prepare(f->db, sql[i], &st, &E));
			assert_int_equal(db_step(st, &E), DB_ROW);
			assert_int_equal(db_col_int(st, 0), i + 1);
			db_finalize(st);
		}
	}
	for (int i = 0; i < 200; i++)
		free(sql[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reuse_has_no_old_bindings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_use_of_one_sql, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_address_other_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_more_statements_than_kept, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
