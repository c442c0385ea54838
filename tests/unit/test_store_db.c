/* test_store_db.c: the SQLite driver and migrations, on a real database file in a temp directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/migrate.h"
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
	if (fixture_db_open(&f->db, f->dir, f->path, "store", 0)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* setup, then the schema at the latest version. */
static int
setup_migrated(void **state)
{
	struct okra_err err = {0};
	struct fixture *f;

	if (setup(state))
		return -1;
	f = *state;
	if (migrate_up(f->db, &err) != 0) {
		fprintf(stderr, "migrate_up: %s\n", err.msg);
		return -1;
	}
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

static void
exec_ok(struct db *db, const char *sql)
{
	struct okra_err err = {0};
	int rc = db_exec(db, sql, &err);

	if (rc)
		fail_msg("%s: %s", sql, err.msg);
}

/* The first column of the first row of sql, as an integer. */
static int64_t
query_int(struct db *db, const char *sql)
{
	struct okra_err err = {0};
	struct db_stmt *st = NULL;
	int64_t v;

	if (db_prepare(db, sql, &st, &err))
		fail_msg("%s: %s", sql, err.msg);
	assert_int_equal(db_step(st, &err), DB_ROW);
	v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

static int64_t
count_rows(struct db *db, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return query_int(db, sql);
}

/* A person, a cycle and nothing else: enough for objectives to reference. */
static void
seed_person_and_cycle(struct db *db)
{
	exec_ok(db, "INSERT INTO people (handle, name, role) VALUES ('pat', 'Pat', 'member')");
	exec_ok(db,
		"INSERT INTO cycles (kind, name, starts_on, ends_on) "
		"VALUES ('quarter', 'FY2027-Q1', '2026-02-01', '2026-04-30')");
}

static void
test_migrate_from_empty_reaches_latest_and_is_idempotent(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};

	assert_true(migrate_latest() >= 1);
	assert_int_equal(migrate_version(f->db, &err), 0);
	assert_int_equal(migrate_up(f->db, &err), 0);
	assert_int_equal(migrate_version(f->db, &err), migrate_latest());
	assert_int_equal(migrate_up(f->db, &err), 0);
	assert_int_equal(migrate_version(f->db, &err), migrate_latest());
	/* One row per migration, none recorded twice by the second run. */
	assert_int_equal(count_rows(f->db, "schema_version"), migrate_latest());
}

static void
test_migrate_creates_every_schema_table(void **state)
{
	static const char *const tables[] = {
		"settings",       "people",         "teams",          "memberships", "cycles",
		"objectives",     "key_results",    "criteria",       "initiatives", "links",
		"checkins",       "status_updates", "status_lines",   "retros",      "audit",
		"deliveries",     "notifications",  "schema_version", "sessions",    "api_tokens",
		"login_failures",
	};
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;
	size_t i;

	assert_int_equal(
		db_prepare(f->db,
			   fixture_is_pg()
				   ? "SELECT count(*) FROM information_schema.tables"
				     " WHERE table_schema = 'public' AND table_name = $1"
				   : "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
				     "AND name = $1",
			   &st, &err),
		0);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		assert_int_equal(db_bind_text(st, 1, tables[i]), 0);
		assert_int_equal(db_step(st, &err), DB_ROW);
		if (db_col_int(st, 0) != 1)
			fail_msg("table %s is missing after migration", tables[i]);
		db_reset(st);
	}
	db_finalize(st);
	/* And @ID@ became a real auto-assigned key, not the literal token. */
	if (fixture_is_pg())
		assert_int_equal(query_int(f->db,
					   "SELECT count(*) FROM information_schema.columns"
					   " WHERE table_name = 'people' AND column_name = 'id'"
					   " AND is_identity = 'YES'"),
				 1);
	else
		assert_int_equal(query_int(f->db,
					   "SELECT count(*) FROM sqlite_master "
					   "WHERE sql LIKE '%@ID@%'"),
				 0);
}

static void
test_migrate_refuses_database_newer_than_build(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;

	assert_int_equal(
		db_prepare(f->db, "INSERT INTO schema_version (version) VALUES ($1)", &st, &err),
		0);
	db_bind_int(st, 1, migrate_latest() + 1);
	assert_int_equal(db_step(st, &err), DB_DONE);
	db_finalize(st);

	assert_true(migrate_up(f->db, &err) < 0);
	assert_non_null(strstr(err.msg, "upgrade okra"));
	/* Refusing left the database as it was. */
	assert_int_equal(migrate_version(f->db, &err), migrate_latest() + 1);
}

static void
test_pragmas_are_wal_full_sync_and_foreign_keys_on(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;

	if (fixture_is_pg())
		skip(); /* SQLite's settings; PostgreSQL's durability is the server's */
	assert_int_equal(db_prepare(f->db, "PRAGMA journal_mode", &st, &err), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "wal");
	db_finalize(st);
	assert_int_equal(query_int(f->db, "PRAGMA synchronous"), 2);
	assert_int_equal(query_int(f->db, "PRAGMA foreign_keys"), 1);
}

static void
test_foreign_key_violation_is_conflict(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	int rc;

	seed_person_and_cycle(f->db);
	rc = db_exec(f->db,
		     "INSERT INTO objectives (cycle, title, dri, created_at) "
		     "VALUES (999, 'orphan', 1, 0)",
		     &err);
	assert_int_equal(rc, OKRA_ECONFLICT);
	assert_int_equal(err.code, OKRA_ECONFLICT);
	assert_non_null(strstr(err.msg, fixture_is_pg() ? "foreign key" : "FOREIGN KEY"));
	assert_int_equal(count_rows(f->db, "objectives"), 0);
}

static void
test_unique_violation_is_conflict(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;

	exec_ok(f->db, "INSERT INTO people (handle, name, role) VALUES ('pat', 'Pat', 'member')");
	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO people (handle, name, role) "
				    "VALUES ($1, 'Other Pat', 'member')",
				    &st, &err),
			 0);
	db_bind_text(st, 1, "pat");
	assert_int_equal(db_step(st, &err), OKRA_ECONFLICT);
	assert_non_null(strstr(err.msg, fixture_is_pg() ? "people_handle" : "people.handle"));
	db_finalize(st);
	assert_int_equal(count_rows(f->db, "people"), 1);
}

static void
test_check_violation_is_conflict(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};

	assert_int_equal(db_exec(f->db,
				 "INSERT INTO people (handle, name, role) "
				 "VALUES ('pat', 'Pat', 'emperor')",
				 &err),
			 OKRA_ECONFLICT);
	assert_non_null(strstr(err.msg, fixture_is_pg() ? "check constraint" : "CHECK"));
}

static void
test_rollback_after_failed_write_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};

	seed_person_and_cycle(f->db);
	assert_int_equal(count_rows(f->db, "people"), 1);
	assert_int_equal(count_rows(f->db, "objectives"), 0);

	assert_int_equal(db_begin(f->db, 1, &err), 0);
	exec_ok(f->db, "INSERT INTO people (handle, name, role) VALUES ('sam', 'Sam', 'member')");
	exec_ok(f->db,
		"INSERT INTO objectives (cycle, title, dri, created_at) "
		"VALUES (1, 'first', 1, 0)");
	assert_int_equal(db_exec(f->db,
				 "INSERT INTO objectives (cycle, title, dri, created_at) "
				 "VALUES (1, 'bad dri', 999, 0)",
				 &err),
			 OKRA_ECONFLICT);
	assert_int_equal(db_rollback(f->db), 0);

	assert_int_equal(count_rows(f->db, "people"), 1);
	assert_int_equal(count_rows(f->db, "objectives"), 0);
	/* A second rollback, with no transaction open, is harmless. */
	assert_int_equal(db_rollback(f->db), 0);
}

static void
test_committed_transaction_keeps_its_rows(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};

	assert_int_equal(db_begin(f->db, 1, &err), 0);
	exec_ok(f->db, "INSERT INTO teams (slug, name) VALUES ('platform', 'Platform')");
	exec_ok(f->db, "INSERT INTO teams (slug, name) VALUES ('growth', 'Growth')");
	assert_int_equal(db_changes(f->db), 1);
	assert_int_equal(db_commit(f->db, &err), 0);
	exec_ok(f->db, "UPDATE teams SET version = version + 1");
	assert_int_equal(db_changes(f->db), 2);
	assert_int_equal(count_rows(f->db, "teams"), 2);
}

static void
test_placeholders_bind_by_number_not_position(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;

	/* $2 before $1, and $1 twice: one value per number. */
	assert_int_equal(db_prepare(f->db, "SELECT $2, $1, $1 || '-' || $2, $1 = $1", &st, &err),
			 0);
	assert_int_equal(db_bind_text(st, 1, "one"), 0);
	assert_int_equal(db_bind_text(st, 2, "two"), 0);
	/* $3 is not in the statement: binding it is allowed, so callers can bind uniformly. */
	assert_int_equal(db_bind_int(st, 3, 42), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "two");
	assert_string_equal(db_col_text(st, 1), "one");
	assert_string_equal(db_col_text(st, 2), "one-two");
	assert_int_equal(db_col_int(st, 3), 1);
	assert_int_equal(db_step(st, &err), DB_DONE);
	db_finalize(st);

	/* $10 is not $1. */
	assert_int_equal(db_prepare(f->db, "SELECT $10, $1", &st, &err), 0);
	db_bind_int(st, 1, 1);
	db_bind_int(st, 10, 10);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 10);
	assert_int_equal(db_col_int(st, 1), 1);
	db_finalize(st);
}

static void
test_insert_returning_gives_increasing_ids(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;
	char handle[16];
	int64_t prev = 0, id;
	int i;

	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO people (handle, name, role) "
				    "VALUES ($1, $1, 'member') RETURNING id",
				    &st, &err),
			 0);
	for (i = 0; i < 5; i++) {
		snprintf(handle, sizeof(handle), "p%d", i);
		db_bind_text(st, 1, handle);
		assert_int_equal(db_step(st, &err), DB_ROW);
		id = db_col_int(st, 0);
		assert_true(id > prev);
		prev = id;
		assert_int_equal(db_step(st, &err), DB_DONE);
		db_reset(st);
	}
	db_finalize(st);
	assert_int_equal(count_rows(f->db, "people"), 5);
}

static void
test_bind_text_null_stores_null_and_reads_back_empty(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;

	assert_int_equal(db_prepare(f->db,
				    "INSERT INTO people (handle, name, role, email, joined_on) "
				    "VALUES ('pat', 'Pat', 'member', $1, $2)",
				    &st, &err),
			 0);
	assert_int_equal(db_bind_text(st, 1, NULL), 0);
	assert_int_equal(db_bind_null(st, 2), 0);
	assert_int_equal(db_step(st, &err), DB_DONE);
	db_finalize(st);

	assert_int_equal(query_int(f->db,
				   "SELECT count(*) FROM people "
				   "WHERE email IS NULL AND joined_on IS NULL"),
			 1);
	assert_int_equal(db_prepare(f->db, "SELECT email, name FROM people", &st, &err), 0);
	assert_int_equal(db_step(st, &err), DB_ROW);
	assert_true(db_col_is_null(st, 0));
	assert_string_equal(db_col_text(st, 0), "");
	assert_false(db_col_is_null(st, 1));
	db_finalize(st);
}

static void
test_doubles_round_trip_exactly(void **state)
{
	static const double values[] = {0.35, 99.99, 1e-9, -800.5, 1.0 / 3.0};
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;
	size_t i;

	exec_ok(f->db, "CREATE TABLE t (n BIGINT NOT NULL, v DOUBLE PRECISION NOT NULL)");
	assert_int_equal(db_prepare(f->db, "INSERT INTO t (n, v) VALUES ($1, $2)", &st, &err), 0);
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		assert_int_equal(db_bind_int(st, 1, (int64_t)i), 0);
		assert_int_equal(db_bind_double(st, 2, values[i]), 0);
		assert_int_equal(db_step(st, &err), DB_DONE);
		db_reset(st);
	}
	db_finalize(st);

	assert_int_equal(db_prepare(f->db, "SELECT v FROM t ORDER BY n", &st, &err), 0);
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		assert_int_equal(db_step(st, &err), DB_ROW);
		/* Bit for bit, not approximately: 0.35 must not come back as 0.34999… */
		if (db_col_double(st, 0) != values[i])
			fail_msg("%.17g came back as %.17g", values[i], db_col_double(st, 0));
	}
	assert_int_equal(db_step(st, &err), DB_DONE);
	db_finalize(st);
}

static void
test_prepare_refuses_two_statements(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;

	assert_int_equal(db_prepare(f->db, "SELECT 1; SELECT 2", &st, &err), OKRA_EINVAL);
	assert_null(st);
	/* A trailing semicolon is still one statement. */
	assert_int_equal(db_prepare(f->db, "SELECT 1;\n", &st, &err), 0);
	db_finalize(st);
}

static void
test_sql_error_is_edb_naming_the_problem(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db_stmt *st = NULL;

	assert_int_equal(db_prepare(f->db, "SELECT * FROM no_such_table", &st, &err), OKRA_EDB);
	assert_null(st);
	assert_non_null(strstr(err.msg, "no_such_table"));
}

static void
test_open_in_missing_directory_fails_cleanly(void **state)
{
	struct okra_err err = {0};
	struct db *db = (struct db *)&err; /* must be reset to NULL */

	(void)state;
	assert_true(db_open(&db, "/nonexistent/dir/x.db", &err) < 0);
	assert_null(db);
	assert_true(err.code == OKRA_EIO || err.code == OKRA_EDB);
	assert_non_null(strstr(err.msg, "/nonexistent/dir/x.db"));
	assert_non_null(strstr(err.msg, "directory does not exist"));
}

static void
test_open_garbage_file_is_refused_as_not_a_database(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	char path[160];
	struct db *db = NULL;
	FILE *fp;
	int i;

	snprintf(path, sizeof(path), "%s/garbage.db", f->dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (i = 0; i < 200; i++)
		fputs("this is a text file, not a SQLite database\n", fp);
	fclose(fp);

	assert_int_equal(db_open(&db, path, &err), OKRA_EDB);
	assert_null(db);
	assert_non_null(strstr(err.msg, "not a SQLite database"));
	assert_non_null(strstr(err.msg, path));
}

static void
test_empty_uri_is_refused(void **state)
{
	struct okra_err err = {0};
	struct db *db = NULL;

	(void)state;
	assert_int_equal(db_open(&db, "", &err), OKRA_EINVAL);
	assert_null(db);
}

static void
test_postgresql_uri_that_cannot_connect_is_refused_without_its_password(void **state)
{
	struct okra_err err = {0};
	struct db *db = NULL;

	(void)state;
	/* Port 1 on the loopback: nothing listens there, so the refusal is immediate. */
	assert_int_equal(db_open(&db, "postgresql://okra:secret@127.0.0.1:1/okra", &err), OKRA_EIO);
	assert_null(db);
	assert_non_null(strstr(err.msg, "cannot connect to PostgreSQL"));
	/* The URI may hold a password: it is not echoed into the message. */
	assert_null(strstr(err.msg, "secret"));
	okra_err_clear(&err);
	assert_int_equal(db_open(&db, "postgres://okra:secret@127.0.0.1:1/okra", &err), OKRA_EIO);
	assert_null(strstr(err.msg, "secret"));
}

static void
test_second_connection_sees_committed_not_uncommitted(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db *other = NULL;

	assert_int_equal(db_open(&other, f->path, &err), 0);
	assert_int_equal(db_begin(f->db, 1, &err), 0);
	exec_ok(f->db, "INSERT INTO teams (slug, name) VALUES ('platform', 'Platform')");
	/* The reader is not blocked (WAL, MVCC), and sees the last committed state. */
	assert_int_equal(count_rows(other, "teams"), 0);
	assert_int_equal(db_commit(f->db, &err), 0);
	assert_int_equal(count_rows(other, "teams"), 1);

	/* The other connection's pragmas are its own, and also set. */
	if (!fixture_is_pg())
		assert_int_equal(query_int(other, "PRAGMA foreign_keys"), 1);
	if (!fixture_is_pg())
		assert_int_equal(query_int(other, "PRAGMA synchronous"), 2);
	db_close(other);
}

/*
 * PostgreSQL: a connection the server dropped (a restart, a failover, an
 * administrator) fails the statement that finds out, and is opened again for
 * the next one, its prepared statements prepared afresh.
 */
static void
test_dropped_connection_is_reopened_for_the_next_statement(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct db *admin = NULL;
	struct db_stmt *st = NULL;
	char sql[96];
	int64_t pid;

	if (!fixture_is_pg())
		skip(); /* a SQLite connection is a file handle: nothing to drop */
	exec_ok(f->db, "INSERT INTO teams (slug, name) VALUES ('platform', 'Platform')");
	assert_int_equal(count_rows(f->db, "teams"), 1); /* prepared on this session */
	pid = query_int(f->db, "SELECT pg_backend_pid()");
	assert_int_equal(db_open(&admin, f->path, &err), 0);
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%lld)", (long long)pid);
	assert_int_equal(db_exec(admin, sql, &err), 0);
	db_close(admin);
	/* The statement that meets the dropped connection fails and says so ... */
	okra_err_clear(&err);
	if (db_prepare(f->db, "SELECT count(*) FROM teams", &st, &err) == 0) {
		assert_true(db_step(st, &err) < 0);
		db_finalize(st);
	}
	assert_int_equal(err.code, OKRA_EDB);
	/* ... and the next one runs on a new session, the cached statement prepared again. */
	assert_int_equal(count_rows(f->db, "teams"), 1);
	pid = query_int(f->db, "SELECT pg_backend_pid()");
	/* Lost inside a transaction: every statement fails until the rollback, none runs elsewhere.
	 */
	assert_int_equal(db_begin(f->db, 1, &err), 0);
	exec_ok(f->db, "INSERT INTO teams (slug, name) VALUES ('growth', 'Growth')");
	assert_int_equal(db_open(&admin, f->path, &err), 0);
	snprintf(sql, sizeof(sql), "SELECT pg_terminate_backend(%lld)", (long long)pid);
	assert_int_equal(db_exec(admin, sql, &err), 0);
	db_close(admin);
	assert_true(db_exec(f->db, "INSERT INTO teams (slug, name) VALUES ('web', 'Web')", &err) <
		    0);
	assert_true(db_exec(f->db, "INSERT INTO teams (slug, name) VALUES ('saas', 'SaaS')", &err) <
		    0);
	assert_true(db_commit(f->db, &err) < 0);
	db_rollback(f->db);
	assert_int_equal(count_rows(f->db, "teams"), 1);
}

struct writer {
	struct db *db;
	atomic_int *committed;
	int begin_rc;
	int saw_commit;
	int64_t teams_seen;
};

static void *
second_writer(void *arg)
{
	struct writer *w = arg;
	struct okra_err err = {0};

	w->begin_rc = db_begin(w->db, 1, &err);
	/*
	 * A write BEGIN (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock) can
	 * only return once the first writer has committed.
	 */
	w->saw_commit = atomic_load(w->committed);
	if (w->begin_rc == 0) {
		w->teams_seen = count_rows(w->db, "teams");
		db_rollback(w->db);
	}
	return NULL;
}

static void
test_second_writer_waits_for_first_writers_commit(void **state)
{
	struct fixture *f = *state;
	struct okra_err err = {0};
	struct timespec pause = {0, 200 * 1000 * 1000};
	atomic_int committed = 0;
	struct writer w = {0};
	pthread_t th;

	assert_int_equal(db_open(&w.db, f->path, &err), 0);
	w.committed = &committed;
	assert_int_equal(db_begin(f->db, 1, &err), 0);
	exec_ok(f->db, "INSERT INTO teams (slug, name) VALUES ('platform', 'Platform')");
	assert_int_equal(pthread_create(&th, NULL, second_writer, &w), 0);
	/* Give the second writer time to block on the lock (within its 5 s busy timeout). */
	nanosleep(&pause, NULL);
	atomic_store(&committed, 1);
	assert_int_equal(db_commit(f->db, &err), 0);
	assert_int_equal(pthread_join(th, NULL), 0);

	assert_int_equal(w.begin_rc, 0);
	assert_true(w.saw_commit);
	assert_int_equal(w.teams_seen, 1);
	db_close(w.db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_migrate_from_empty_reaches_latest_and_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_creates_every_schema_table,
						setup_migrated, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_refuses_database_newer_than_build,
						setup_migrated, teardown),
		cmocka_unit_test_setup_teardown(test_pragmas_are_wal_full_sync_and_foreign_keys_on,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_key_violation_is_conflict,
						setup_migrated, teardown),
		cmocka_unit_test_setup_teardown(test_unique_violation_is_conflict, setup_migrated,
						teardown),
		cmocka_unit_test_setup_teardown(test_check_violation_is_conflict, setup_migrated,
						teardown),
		cmocka_unit_test_setup_teardown(test_rollback_after_failed_write_leaves_nothing,
						setup_migrated, teardown),
		cmocka_unit_test_setup_teardown(test_committed_transaction_keeps_its_rows,
						setup_migrated, teardown),
		cmocka_unit_test_setup_teardown(test_placeholders_bind_by_number_not_position,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_insert_returning_gives_increasing_ids,
						setup_migrated, teardown),
		cmocka_unit_test_setup_teardown(
			test_bind_text_null_stores_null_and_reads_back_empty, setup_migrated,
			teardown),
		cmocka_unit_test_setup_teardown(test_doubles_round_trip_exactly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prepare_refuses_two_statements, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_sql_error_is_edb_naming_the_problem, setup,
						teardown),
		cmocka_unit_test(test_open_in_missing_directory_fails_cleanly),
		cmocka_unit_test_setup_teardown(test_open_garbage_file_is_refused_as_not_a_database,
						setup, teardown),
		cmocka_unit_test(test_empty_uri_is_refused),
		cmocka_unit_test(
			test_postgresql_uri_that_cannot_connect_is_refused_without_its_password),
		cmocka_unit_test_setup_teardown(
			test_second_connection_sees_committed_not_uncommitted, setup_migrated,
			teardown),
		cmocka_unit_test_setup_teardown(
			test_dropped_connection_is_reopened_for_the_next_statement, setup_migrated,
			teardown),
		cmocka_unit_test_setup_teardown(test_second_writer_waits_for_first_writers_commit,
						setup_migrated, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
