/* test_store_oidc.c: single sign-on's rows on either engine: a sign-in begun is taken once, a
 * subject's link is found, and a person is found by e-mail whatever its case (two with the
 * same address: a conflict, never a guess). */
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
#include "util/arena.h"
#include "fixture.h"

static char dir[FIXTURE_DIR_SIZE];

static struct db *
open_fresh(const char *name)
{
	struct db *db = NULL;
	char path[FIXTURE_PATH_SIZE];

	assert_int_equal(fixture_db_open(&db, dir, path, name, 1), 0);
	assert_int_equal(db_begin(db, 1, &E), 0);
	return db;
}

static int64_t
person(struct db *db, const char *handle, const char *email)
{
	struct person p = {.handle = handle,
			   .name = handle,
			   .email = email,
			   .role = ROLE_MEMBER,
			   .joined_on = DATE_NONE};
	int64_t id;

	OK(store_person_add(db, &p, &id, &E));
	return id;
}

static void
test_a_sign_in_begun_is_taken_once(void **state)
{
	struct db *db = open_fresh("begun");
	struct arena ar = ARENA_INIT;
	struct store_oidc_login l;

	(void)state;
	OK(store_oidc_login_add(db, "hash-1", "nonce-1", "verifier-1", 1000, 400, &E));
	OK(store_oidc_login_add(db, "hash-old", "n", "v", 300, 0, &E));
	/* Adding one sweeps those begun before the cut-off. */
	OK(store_oidc_login_add(db, "hash-2", "nonce-2", "verifier-2", 1001, 400, &E));
	assert_int_equal(store_oidc_login_take(db, &ar, "hash-old", &l, &E), OKRA_ENOTFOUND);
	OK(store_oidc_login_take(db, &ar, "hash-1", &l, &E));
	assert_string_equal(l.nonce, "nonce-1");
	assert_string_equal(l.verifier, "verifier-1");
	assert_int_equal(l.created_at, 1000);
	assert_int_equal(store_oidc_login_take(db, &ar, "hash-1", &l, &E), OKRA_ENOTFOUND);
	assert_null(l.nonce);
	OK(store_oidc_login_take(db, &ar, "hash-2", &l, &E));
	arena_release(&ar);
	db_rollback(db);
	fixture_db_close(db, dir);
}

static void
test_links_and_e_mails(void **state)
{
	struct db *db = open_fresh("links");
	int64_t pat = person(db, "pat", "Pat@Example.com"), id;

	(void)state;
	person(db, "sam", "sam@example.com");
	person(db, "sam2", "SAM@example.com");
	OK(store_person_by_email(db, "pat@EXAMPLE.com", &id, &E));
	assert_int_equal(id, pat);
	assert_int_equal(store_person_by_email(db, "nobody@example.com", &id, &E), OKRA_ENOTFOUND);
	assert_int_equal(store_person_by_email(db, "sam@example.com", &id, &E), OKRA_ECONFLICT);
	assert_int_equal(store_oidc_link_get(db, "sub-pat", &id, &E), OKRA_ENOTFOUND);
	OK(store_oidc_link_add(db, "sub-pat", pat, 1000, &E));
	OK(store_oidc_link_get(db, "sub-pat", &id, &E));
	assert_int_equal(id, pat);
	/* One subject, one person. */
	assert_int_equal(store_oidc_link_add(db, "sub-pat", pat, 1001, &E), OKRA_ECONFLICT);
	db_rollback(db);
	fixture_db_close(db, dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_sign_in_begun_is_taken_once),
		cmocka_unit_test(test_links_and_e_mails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
