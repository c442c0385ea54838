/* test_util_uri.c: a database URI is printed without its password, an outside URL with its host
 * only. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/uri.h"

static void
redacted(const char *uri, const char *want)
{
	char out[256];

	assert_string_equal(uri_redact(uri, out, sizeof(out)), want);
}

static void
test_password_in_userinfo_is_hidden(void **state)
{
	(void)state;
	redacted("postgresql://okra:s3cret@db.example.com:5432/okra",
		 "postgresql://okra:***@db.example.com:5432/okra");
	redacted("postgres://u:p%40ss@h/d", "postgres://u:***@h/d");
}

static void
test_password_parameter_is_hidden(void **state)
{
	(void)state;
	redacted("postgresql://h/okra?user=okra&password=s3cret&sslmode=require",
		 "postgresql://h/okra?user=okra&password=***&sslmode=require");
	redacted("postgresql://h/okra?password=s3cret", "postgresql://h/okra?password=***");
}

static void
test_uris_without_password_and_paths_are_unchanged(void **state)
{
	(void)state;
	redacted("postgresql://okra@127.0.0.1:5432/okra", "postgresql://okra@127.0.0.1:5432/okra");
	redacted("postgresql://h/d#x@y:z", "postgresql://h/d#x@y:z");
	redacted("./okra.db", "./okra.db");
	redacted("/srv/okra:data@x/okra.db", "/srv/okra:data@x/okra.db");
	redacted("", "");
}

static void
test_a_raw_at_in_the_password_is_hidden_too(void **state)
{
	(void)state;
	redacted("postgresql://u:p@ss@h/d", "postgresql://u:***@h/d");
	redacted("postgresql://u@h/d?x=a@b", "postgresql://u@h/d?x=a@b");
	redacted(NULL, "");
}

static void
test_postgres_uris_are_told_from_paths(void **state)
{
	(void)state;
	assert_true(uri_is_postgres("postgresql://h/d"));
	assert_true(uri_is_postgres("postgres://u:p@h/d"));
	assert_false(uri_is_postgres("./okra.db"));
	assert_false(uri_is_postgres("postgresql:/h/d"));
	assert_false(uri_is_postgres("POSTGRESQL://h/d"));
	assert_false(uri_is_postgres(""));
	assert_false(uri_is_postgres(NULL));
}

static void
origin_is(const char *url, const char *want)
{
	struct buf b = BUF_INIT;

	uri_origin(url, &b);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void
test_origin_keeps_only_scheme_and_host(void **state)
{
	(void)state;
	origin_is("https://hooks.example.com/services/T0/B0/s3cret", "https://hooks.example.com/…");
	origin_is("smtp://user:pw@mail.example.com:587", "smtp://mail.example.com:587");
	origin_is("smtps://u:p@ss@mail.example.com", "smtps://mail.example.com");
	origin_is("https://h.example?token=x", "https://h.example/…");
	origin_is("https://h.example", "https://h.example");
	origin_is("not a url", "(a URL)");
	origin_is(NULL, "(a URL)");
}

static void
test_output_is_truncated_not_overrun(void **state)
{
	char out[8];

	(void)state;
	assert_string_equal(uri_redact("postgresql://okra@h/okra", out, sizeof(out)), "postgre");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_in_userinfo_is_hidden),
		cmocka_unit_test(test_password_parameter_is_hidden),
		cmocka_unit_test(test_uris_without_password_and_paths_are_unchanged),
		cmocka_unit_test(test_a_raw_at_in_the_password_is_hidden_too),
		cmocka_unit_test(test_postgres_uris_are_told_from_paths),
		cmocka_unit_test(test_origin_keeps_only_scheme_and_host),
		cmocka_unit_test(test_output_is_truncated_not_overrun),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
