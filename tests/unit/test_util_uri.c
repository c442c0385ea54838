/* test_util_uri.c: a database URI is printed without its password. */
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
		cmocka_unit_test(test_output_is_truncated_not_overrun),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
