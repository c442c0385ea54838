/* test_http_headers.c: the request-header parsers split out for fuzzing — If-Match, Origin, Bearer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "http/auth.h"
#include "http/paging.h"

static void
test_if_match_takes_the_newest_tag_of_this_resource(void **state)
{
	(void)state;
	assert_int_equal(etag_match("\"o7-v3\"", 'o', 7), 3);
	assert_int_equal(etag_match("\"o7-v3\", \"o7-v5\",\"o8-v9\"", 'o', 7), 5);
	assert_int_equal(etag_match("*", 'o', 7), 0);
	assert_int_equal(etag_match("\"k7-v3\"", 'o', 7), -1);
	assert_int_equal(etag_match("\"o7-v03\"", 'o', 7), -1);
	assert_int_equal(etag_match("\"o7-v3x\"", 'o', 7), -1);
	assert_int_equal(etag_match("", 'o', 7), -1);
}

/* Found by fuzz_headers: a version past int64 was read as INT64_MAX, a tag nobody sent. */
static void
test_if_match_version_too_large_is_no_tag(void **state)
{
	(void)state;
	assert_int_equal(etag_match("\"o1-v16666666666666666666666666\"", 'o', 1), -1);
	assert_int_equal(etag_match("\"o1-v99999999999999999999\", \"o1-v4\"", 'o', 1), 4);
	assert_int_equal(etag_match("\"o1-v9223372036854775807\"", 'o', 1), INT64_MAX);
}

static void
test_origin_must_name_the_host(void **state)
{
	(void)state;
	assert_int_equal(auth_origin_ok(NULL, NULL, NULL), 1);
	assert_int_equal(auth_origin_ok("same-origin", "http://okra.example", "okra.example"), 1);
	assert_int_equal(auth_origin_ok("none", "https://OKRA.example", "okra.example"), 1);
	assert_int_equal(auth_origin_ok("cross-site", NULL, "okra.example"), 0);
	assert_int_equal(auth_origin_ok(NULL, "http://evil.example", "okra.example"), 0);
	assert_int_equal(auth_origin_ok(NULL, "http://okra.example", NULL), 0);
	assert_int_equal(auth_origin_ok(NULL, "null", "okra.example"), 0);
	assert_int_equal(auth_origin_ok(NULL, "okra.example", "okra.example"), 0);
}

static void
test_bearer_is_64_characters_after_the_scheme(void **state)
{
	char h[100];

	(void)state;
	snprintf(h, sizeof(h), "bearer %064d", 0);
	assert_ptr_equal(auth_bearer(h), h + 7);
	assert_null(auth_bearer("Bearer short"));
	assert_null(auth_bearer("Basic abc"));
	snprintf(h, sizeof(h), "Bearer %065d", 0);
	assert_null(auth_bearer(h));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_if_match_takes_the_newest_tag_of_this_resource),
		cmocka_unit_test(test_if_match_version_too_large_is_no_tag),
		cmocka_unit_test(test_origin_must_name_the_host),
		cmocka_unit_test(test_bearer_is_64_characters_after_the_scheme),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
