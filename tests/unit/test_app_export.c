/* test_app_export.c: the JSON export round-trips byte for byte through an import into an empty
 * database; a refused import writes nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture_app.h"

#include "app/transfer.h"

#include <jansson.h>

struct two {
	struct fx *f;
	char path[FIXTURE_PATH_SIZE + 8];
	struct app b;
};

static int
setup(void **state)
{
	struct two *t = calloc(1, sizeof(*t));
	struct okra_err err = {0};

	if (!t || fixture_app_open(state, "export")) {
		free(t);
		return -1;
	}
	t->f = *state;
	OK(app_act_as(&t->f->a, NULL, &E));
	OK(app_demo(&t->f->a, &E));
	if (fixture_db_path(t->path, sizeof(t->path), t->f->dir, "b.db"))
		return -1;
	if (app_open(&t->b, t->path, &err) != 0) {
		fprintf(stderr, "app_open: %s\n", err.msg);
		return -1;
	}
	OK(app_act_as(&t->b, NULL, &E));
	*state = t;
	return 0;
}

static int
teardown_two(void **state)
{
	struct two *t = *state;

	app_close(&t->b);
	*state = t->f;
	free(t);
	return teardown(state);
}

static void
test_export_import_export_is_byte_identical(void **state)
{
	struct two *t = *state;
	struct buf x = BUF_INIT, y = BUF_INIT;
	json_t *doc;

	OK(app_export_json(&t->f->a, &x, &E));
	doc = json_loads(x.buf, 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "okra_export")), 1);
	assert_true(json_array_size(json_object_get(json_object_get(doc, "tables"), "objectives")) >
		    0);
	assert_null(json_object_get(json_object_get(doc, "tables"), "sessions"));
	json_decref(doc);
	OK(app_import_json(&t->b, x.buf, x.len, &E));
	OK(app_export_json(&t->b, &y, &E));
	assert_int_equal(x.len, y.len);
	assert_memory_equal(x.buf, y.buf, x.len);
	buf_release(&x);
	buf_release(&y);
}

static void
test_import_into_a_non_empty_database_is_refused(void **state)
{
	struct two *t = *state;
	struct buf x = BUF_INIT, y = BUF_INIT;

	OK(app_export_json(&t->f->a, &x, &E));
	assert_int_equal(app_import_json(&t->f->a, x.buf, x.len, &E), OKRA_ESTATE);
	assert_non_null(strstr(E.msg, "not empty"));
	OK(app_export_json(&t->f->a, &y, &E));
	assert_string_equal(x.buf, y.buf);
	buf_release(&x);
	buf_release(&y);
}

static void
expect_empty(struct app *a)
{
	int64_t n;

	for (size_t i = 0; i < store_copy_ntables; i++) {
		OK(store_copy_count(a->db, &store_copy_tables[i], &n, &E));
		if (n)
			fail_msg("%s has %lld rows after a refused import",
				 store_copy_tables[i].name, (long long)n);
	}
}

static void
test_a_bad_last_row_rolls_back_the_whole_import(void **state)
{
	struct two *t = *state;
	struct buf x = BUF_INIT;
	json_t *doc, *audit;
	char *s;

	OK(app_export_json(&t->f->a, &x, &E));
	doc = json_loads(x.buf, 0, NULL);
	audit = json_object_get(json_object_get(doc, "tables"), "audit");
	/* NOT NULL: the engine refuses it only when every earlier table is in */
	json_object_set_new(json_array_get(audit, json_array_size(audit) - 1), "action",
			    json_null());
	s = json_dumps(doc, 0);
	assert_int_equal(app_import_json(&t->b, s, strlen(s), &E), OKRA_ECONFLICT);
	assert_non_null(strstr(E.msg, "audit row"));
	expect_empty(&t->b);
	free(s);
	/* a wrong type, an unknown table, a truncated document, another format */
	json_object_set_new(json_array_get(audit, 0), "action", json_integer(3));
	s = json_dumps(doc, 0);
	assert_int_equal(app_import_json(&t->b, s, strlen(s), &E), OKRA_EINVAL);
	free(s);
	json_object_set_new(json_object_get(doc, "tables"), "sqlite_master", json_array());
	s = json_dumps(doc, 0);
	assert_int_equal(app_import_json(&t->b, s, strlen(s), &E), OKRA_EINVAL);
	assert_non_null(strstr(E.msg, "unknown table"));
	free(s);
	assert_int_equal(app_import_json(&t->b, x.buf, x.len / 2, &E), OKRA_EINVAL);
	assert_int_equal(app_import_json(&t->b, "{\"okra_export\": 2}", 18, &E), OKRA_EINVAL);
	expect_empty(&t->b);
	json_decref(doc);
	buf_release(&x);
}

static void
test_only_admins_export_the_json(void **state)
{
	struct two *t = *state;
	struct buf x = BUF_INIT;

	act(&t->f->a, "pat");
	assert_int_equal(app_export_json(&t->f->a, &x, &E), OKRA_EFORBIDDEN);
	/* the CSV holds what every role may read */
	OK(app_export_csv(&t->f->a, "checkins", &x, &E));
	assert_int_equal(strncmp(x.buf, "id,key_result,author,at,", 24), 0);
	assert_int_equal(strncmp(strchr(x.buf, '\n') - 1, "\r\n", 2), 0);
	assert_int_equal(app_export_csv(&t->f->a, "people", &x, &E), OKRA_EUSAGE);
	buf_release(&x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_import_export_is_byte_identical, setup,
						teardown_two),
		cmocka_unit_test_setup_teardown(test_import_into_a_non_empty_database_is_refused,
						setup, teardown_two),
		cmocka_unit_test_setup_teardown(test_a_bad_last_row_rolls_back_the_whole_import,
						setup, teardown_two),
		cmocka_unit_test_setup_teardown(test_only_admins_export_the_json, setup,
						teardown_two),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
