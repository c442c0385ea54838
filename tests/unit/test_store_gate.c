/* test_store_gate.c: the write gate okra serve holds while it checks its SQLite file: writes wait
 * for it within their own wait, nothing that changes the file runs, reads go on; released, writes
 * go through; shut, every write is refused at once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "fixture.h"

static const char sql_insert[] = "INSERT INTO settings (name, value) VALUES ('gate', 'x')";

/* How many rows the settings table holds named 'gate'. */
static int64_t
gate_rows(struct db *db)
{
	struct db_stmt *st = NULL;
	int64_t n = -1;

	OK(db_prepare(db, "SELECT count(*) FROM settings WHERE name = 'gate'", &st, &E));
	if (db_step(st, &E) == DB_ROW)
		n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

static void *
release_soon(void *arg)
{
	struct timespec ts = {0, 100 * 1000000};

	(void)arg;
	nanosleep(&ts, NULL);
	db_writes_release(1);
	return NULL;
}

static void
test_held_then_released(void **state)
{
	char dir[FIXTURE_DIR_SIZE], path[FIXTURE_PATH_SIZE];
	struct db_stmt *st = NULL;
	pthread_t t;
	struct db *db;

	(void)state;
	assert_int_equal(fixture_db_open(&db, dir, path, "held", 1), 0);
	db_writes_hold();
	assert_int_equal(db_writes_open(), 0);
	/* A write transaction waits its own wait, then is busy, and says why. */
	okra_err_clear(&E);
	assert_int_equal(db_begin_write(db, 20, &E), OKRA_EBUSY);
	assert_non_null(strstr(E.msg, "check at start has not finished"));
	assert_int_equal(db_begin_write(db, 0, &E), OKRA_EBUSY);
	/* Reads go on. */
	assert_int_equal(gate_rows(db), 0);
	OK(db_begin(db, 0, &E));
	assert_int_equal(gate_rows(db), 0);
	db_rollback(db);
	if (!fixture_pg()) {
		/* No statement that would change the file runs, even outside a transaction. */
		OK(db_prepare(db, sql_insert, &st, &E));
		okra_err_clear(&E);
		assert_int_equal(db_step(st, &E), OKRA_EBUSY);
		db_finalize(st);
		assert_int_equal(gate_rows(db), 0);
	}
	/* Released while a write waits: it goes through. */
	assert_int_equal(pthread_create(&t, NULL, release_soon, NULL), 0);
	OK(db_begin_write(db, 60000, &E));
	pthread_join(t, NULL);
	assert_int_equal(db_writes_open(), 1);
	OK(db_exec(db, sql_insert, &E));
	OK(db_commit(db, &E));
	assert_int_equal(gate_rows(db), 1);
	fixture_db_close(db, dir);
}

static void
test_shut(void **state)
{
	char dir[FIXTURE_DIR_SIZE], path[FIXTURE_PATH_SIZE];
	struct db *db;

	(void)state;
	assert_int_equal(fixture_db_open(&db, dir, path, "shut", 1), 0);
	db_writes_hold();
	db_writes_release(0);
	/* Shut: refused without waiting out the minute, and the reason is the check. */
	okra_err_clear(&E);
	assert_int_equal(db_begin_write(db, 60000, &E), OKRA_EBUSY);
	assert_non_null(strstr(E.msg, "failed its check at start"));
	assert_int_equal(gate_rows(db), 0);
	db_writes_release(1);
	OK(db_begin_write(db, 0, &E));
	OK(db_exec(db, sql_insert, &E));
	OK(db_commit(db, &E));
	assert_int_equal(gate_rows(db), 1);
	fixture_db_close(db, dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_held_then_released),
		cmocka_unit_test(test_shut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
