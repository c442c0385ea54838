/* test_store_copy.c: the export whitelist is every table and column of the schema (sessions aside),
 * and a copy keeps ids and doubles. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"
#include "store/store.h"

struct fixture {
	struct db *db;
	char dir[FIXTURE_DIR_SIZE];
	char path[FIXTURE_PATH_SIZE];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || fixture_db_open(&f->db, f->dir, f->path, "copy", 1)) {
		free(f);
		return -1;
	}
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

/*
 * Tables left out of the export on purpose (docs/decisions.md). The search
 * index (search_docs, and SQLite's search_fts, search_titles and their shadow tables) is made
 * from the other tables by their triggers, so an import rebuilds it.
 */
static int
excluded(const char *name)
{
	return !strcmp(name, "sessions") || !strcmp(name, "login_failures") ||
	       !strcmp(name, "idempotency_keys") || !strcmp(name, "oidc_logins") ||
	       !strcmp(name, "setup_links") || !strcmp(name, "schema_version") ||
	       !strcmp(name, "search_docs") || !strncmp(name, "search_fts", 10) ||
	       !strncmp(name, "search_titles", 13);
}

static void
test_whitelist_matches_the_migrated_schema(void **state)
{
	struct fixture *f = *state;
	struct db_stmt *st, *cols;
	size_t seen = 0;

	OK(db_prepare(f->db, FIXTURE_SQL_TABLES, &st, &E));
	while (db_step(st, &E) == DB_ROW) {
		const char *name = db_col_text(st, 0);
		const struct store_table *t = store_copy_table(name);
		size_t i = 0;

		if (excluded(name))
			continue;
		if (!t)
			fail_msg("table %s is not in store_copy_tables: a restore would lose it",
				 name);
		seen++;
		OK(db_prepare(f->db, FIXTURE_SQL_COLUMNS, &cols, &E));
		OK(db_bind_text(cols, 1, name));
		while (db_step(cols, &E) == DB_ROW) {
			if (i >= t->ncols)
				fail_msg("%s.%s is not in the whitelist", name,
					 db_col_text(cols, 0));
			if (strcmp(t->cols[i].name, db_col_text(cols, 0)))
				fail_msg("%s column %zu: whitelist says %s, schema says %s", name,
					 i, t->cols[i].name, db_col_text(cols, 0));
			i++;
		}
		db_finalize(cols);
		assert_int_equal(i, t->ncols);
	}
	db_finalize(st);
	assert_int_equal(seen, store_copy_ntables);
}

struct got {
	int64_t id, parent;
	double weight;
	size_t n;
};

static int
grab(void *ctx, const struct store_value *v, struct okra_err *err)
{
	struct got *g = ctx;

	(void)err;
	if (g->n++ == 0) {
		g->id = v[0].i;
		g->parent = v[5].null ? -1 : v[5].i;
	}
	return 0;
}

static void
test_copy_keeps_ids_and_sets_forward_self_references_last(void **state)
{
	struct fixture *f = *state;
	const struct store_table *t = store_copy_table("cycles");
	struct store_value v[6] = {{0}};
	struct store_copy *c;
	struct got g = {0};
	int64_t n;

	assert_non_null(t);
	assert_int_equal(t->selfref, 5);
	OK(db_begin(f->db, 1, &E));
	OK(store_copy_open(f->db, t, &c, &E));
	/* id 7 names a parent (9) that comes after it */
	v[0].i = 7;
	v[1].s = "quarter";
	v[2].s = "FY2027-Q1";
	v[3].s = "2026-02-01";
	v[4].s = "2026-04-30";
	v[5].i = 9;
	OK(store_copy_put(c, v, &E));
	v[0].i = 9;
	v[1].s = "year";
	v[2].s = "FY2027";
	v[4].s = "2027-01-31";
	v[5].null = 1;
	OK(store_copy_put(c, v, &E));
	OK(store_copy_close(c, 0, &E));
	OK(db_commit(f->db, &E));
	OK(store_copy_count(f->db, t, &n, &E));
	assert_int_equal(n, 2);
	OK(store_copy_read(f->db, t, grab, &g, &E));
	assert_int_equal(g.n, 2);
	assert_int_equal(g.id, 7);
	assert_int_equal(g.parent, 9);
}

/* After rows came in with their ids, the engine assigns the next id past them. */
static void
test_copy_then_insert_gets_the_next_id(void **state)
{
	struct fixture *f = *state;
	const struct store_table *t = store_copy_table("teams");
	struct store_value v[4] = {{0}};
	struct store_copy *c;
	struct db_stmt *st;

	OK(db_begin(f->db, 1, &E));
	OK(store_copy_open(f->db, t, &c, &E));
	v[0].i = 41;
	v[1].s = "platform";
	v[2].s = "Platform";
	v[3].i = 1;
	OK(store_copy_put(c, v, &E));
	OK(store_copy_close(c, 0, &E));
	OK(db_prepare(f->db,
		      "INSERT INTO teams (slug, name) VALUES ('growth', 'Growth') RETURNING id",
		      &st, &E));
	assert_int_equal(db_step(st, &E), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 42);
	db_finalize(st);
	OK(db_commit(f->db, &E));
}

static void
test_unknown_names_are_not_tables(void **state)
{
	(void)state;
	assert_null(store_copy_table("sessions"));
	assert_null(store_copy_table("people; DROP TABLE people"));
	assert_null(store_copy_view("people"));
	assert_non_null(store_copy_view("checkins"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whitelist_matches_the_migrated_schema, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_copy_then_insert_gets_the_next_id, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_copy_keeps_ids_and_sets_forward_self_references_last, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_names_are_not_tables, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
