/* test_app_request.c: a write request's own transaction (app_request_begin/end) — its use cases
 * are savepoints — and the answers kept for Idempotency-Keys (app/idem.h), on either engine. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/idem.h"
#include "store/store.h"
#include "fixture_app.h"

static int
setup(void **state)
{
	struct fx *f;

	if (fixture_app_open(state, "request"))
		return -1;
	f = *state;
	OK(app_act_as(&f->a, NULL, &E));
	person(&f->a, "alex", ROLE_ADMIN, "2020-01-01");
	act(&f->a, "alex");
	return 0;
}

static int
exists(struct app *a, const char *handle)
{
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	struct okra_err err = {0};
	int rc = store_person_by_handle(a->db, &ar, handle, &p, &err);

	arena_release(&ar);
	if (rc < 0 && rc != OKRA_ENOTFOUND)
		fail_msg("person %s: %s", handle, err.msg);
	return rc == 0;
}

static int
add(struct app *a, const char *handle)
{
	struct person p = {.handle = handle, .name = handle, .role = ROLE_MEMBER};
	int64_t id;

	okra_err_clear(&E);
	return app_person_add(a, &p, &id, &E);
}

/* A refused use case inside the request undoes its own writes only; the request goes on. */
static void
test_a_refused_use_case_undoes_only_its_own(void **state)
{
	struct fx *f = *state;

	OK(app_request_begin(&f->a, &E));
	OK(add(&f->a, "ana"));
	/* The same handle again: the store refuses it (on PostgreSQL an error that aborts a
	 * transaction, which the savepoint undoes). */
	assert_true(add(&f->a, "ana") < 0);
	OK(add(&f->a, "bo"));
	assert_true(exists(&f->a, "bo")); /* read inside the transaction, before the commit */
	OK(app_request_end(&f->a, 0, &E));
	assert_true(exists(&f->a, "ana"));
	assert_true(exists(&f->a, "bo"));
	assert_int_equal(f->a.tx_depth, 0);
}

/* A request that ends in error keeps nothing, the use cases that succeeded in it included. */
static void
test_a_failed_request_keeps_nothing(void **state)
{
	struct fx *f = *state;

	OK(app_request_begin(&f->a, &E));
	OK(add(&f->a, "cy"));
	assert_int_equal(app_request_end(&f->a, OKRA_EDB, &E), OKRA_EDB);
	assert_false(exists(&f->a, "cy"));
	/* and the app takes the next write as usual */
	OK(add(&f->a, "cy"));
	assert_true(exists(&f->a, "cy"));
}

static void
keep(struct app *a, const char *caller, const char *key, const char *fp, int status)
{
	struct app_idem in = {fp,         status,      "application/json", "/api/v1/x/1",
			      "\"k1-1\"", "{\"id\":1}"};

	OK(app_request_begin(a, &E));
	okra_err_clear(&E);
	OK(app_request_end(a, app_idem_keep(a, caller, key, &in, &E), &E));
}

/* An answer kept is found by its caller and key only, for a day. */
static void
test_an_answer_is_kept_per_caller_for_a_day(void **state)
{
	struct fx *f = *state;
	struct arena ar = ARENA_INIT;
	struct app_idem out;
	int64_t t0 = f->a.now;

	keep(&f->a, "p1", "key-1", "fp-a", 201);
	OK(app_idem_find(&f->a, &ar, "p1", "key-1", &out, &E));
	assert_string_equal(out.fingerprint, "fp-a");
	assert_int_equal(out.status, 201);
	assert_string_equal(out.content_type, "application/json");
	assert_string_equal(out.location, "/api/v1/x/1");
	assert_string_equal(out.etag, "\"k1-1\"");
	assert_string_equal(out.body, "{\"id\":1}");
	assert_int_equal(app_idem_find(&f->a, &ar, "p2", "key-1", &out, &E), OKRA_ENOTFOUND);
	assert_int_equal(app_idem_find(&f->a, &ar, "p1", "key-2", &out, &E), OKRA_ENOTFOUND);
	/* The same key kept twice is a conflict: one answer per key. */
	OK(app_request_begin(&f->a, &E));
	{
		struct app_idem in = {"fp-b", 200, "", "", "", ""};

		assert_int_equal(app_idem_keep(&f->a, "p1", "key-1", &in, &E), OKRA_ECONFLICT);
	}
	OK(app_request_end(&f->a, 0, &E));
	/* A day and a second later it is gone, and keeping another answer sweeps it. */
	app_set_now(&f->a, t0 + APP_IDEM_TTL + 1);
	assert_int_equal(app_idem_find(&f->a, &ar, "p1", "key-1", &out, &E), OKRA_ENOTFOUND);
	keep(&f->a, "p1", "key-1", "fp-c", 200);
	OK(app_idem_find(&f->a, &ar, "p1", "key-1", &out, &E));
	assert_string_equal(out.fingerprint, "fp-c");
	app_set_now(&f->a, t0);
	arena_release(&ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_refused_use_case_undoes_only_its_own, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_failed_request_keeps_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_an_answer_is_kept_per_caller_for_a_day, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
