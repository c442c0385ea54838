/* test_util_jw.c: the streaming JSON writer's separators, indent, escapes and numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/jw.h"

/* A nested value with every kind in it, written in the given form. */
static void
sample(struct buf *b, int pretty)
{
	struct jw w;

	jw_init(&w, b, pretty ? 2 : 0);
	jw_object(&w);
	jw_kint(&w, "id", -7);
	jw_kstr(&w, "s", "a\"b\\c\n\t\x01\x1f é");
	jw_knull(&w, "none");
	jw_key(&w, "list");
	jw_array(&w);
	jw_bool(&w, 1);
	jw_bool(&w, 0);
	jw_real(&w, 0.35);
	jw_object(&w);
	jw_end(&w);
	jw_array(&w);
	jw_end(&w);
	jw_raw(&w, "{\"r\":1}", 7);
	jw_end(&w);
	jw_kstr_or_null(&w, "empty", "");
	jw_kid_or_null(&w, "parent", 0);
	jw_kstr(&w, "nul", NULL);
	jw_end(&w);
	jw_release(&w);
}

static void
test_compact(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	sample(&b, 0);
	assert_string_equal(b.buf,
			    "{\"id\":-7,\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\\u001F é\",\"none\":null,"
			    "\"list\":[true,false,0.35,{},[],{\"r\":1}],\"empty\":null,"
			    "\"parent\":null,\"nul\":null}");
	buf_release(&b);
}

static void
test_indented(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	sample(&b, 1);
	assert_string_equal(b.buf,
			    "{\n"
			    "  \"id\": -7,\n"
			    "  \"s\": \"a\\\"b\\\\c\\n\\t\\u0001\\u001F é\",\n"
			    "  \"none\": null,\n"
			    "  \"list\": [\n"
			    "    true,\n"
			    "    false,\n"
			    "    0.35,\n"
			    "    {},\n"
			    "    [],\n"
			    "    {\"r\":1}\n"
			    "  ],\n"
			    "  \"empty\": null,\n"
			    "  \"parent\": null,\n"
			    "  \"nul\": null\n"
			    "}");
	buf_release(&b);
}

static void
expect_real(double x, const char *want)
{
	struct buf b = BUF_INIT;
	struct jw w;

	jw_init(&w, &b, 0);
	jw_real(&w, x);
	jw_release(&w);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

/* %.15g, ".0" on whole numbers, exponents without '+' or leading zeros, no -0.0, no NaN. */
static void
test_reals(void **state)
{
	(void)state;
	expect_real(0, "0.0");
	expect_real(-0.0, "0.0");
	expect_real(1, "1.0");
	expect_real(-5, "-5.0");
	expect_real(0.1, "0.1");
	expect_real(99.95, "99.95");
	expect_real(1.0 / 3, "0.333333333333333");
	expect_real(1e14, "100000000000000.0");
	expect_real(999999999999999, "999999999999999.0");
	expect_real(-999999999999999, "-999999999999999.0");
	expect_real(10, "10.0");
	expect_real(-100, "-100.0");
	expect_real(1e15, "1e15");
	expect_real(-1e15, "-1e15");
	expect_real(1e20, "1e20");
	expect_real(1e-5, "1e-5");
	expect_real(-8.01900007217754e-13, "-8.01900007217754e-13");
	expect_real(1.5e300, "1.5e300");
	expect_real(NAN, "null");
	expect_real(INFINITY, "null");
	expect_real(-INFINITY, "null");
}

/* Bytes that are not UTF-8 are written U+FFFD; UTF-8 of every length passes as it is. */
static void
test_not_utf8(void **state)
{
	struct buf b = BUF_INIT;
	struct jw w;

	(void)state;
	jw_init(&w, &b, 0);
	jw_array(&w);
	jw_str(&w,
	       "a\xFF"
	       "b");
	jw_str(&w, "\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\x80");
	jw_str(&w, "\xED\xA0\x80"); /* a surrogate */
	jw_str(&w, "\xC0\xAF");     /* overlong */
	jw_str(&w, "x\xC3");        /* cut short */
	jw_end(&w);
	jw_release(&w);
	assert_string_equal(b.buf,
			    "[\"a\\uFFFDb\",\"\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\x80\","
			    "\"\\uFFFD\\uFFFD\\uFFFD\",\"\\uFFFD\\uFFFD\",\"x\\uFFFD\"]");
	buf_release(&b);
}

/* Deeper than the writer's inline levels: it grows, and closes each in turn. */
/* Integers as PRId64 prints them, the ends of the range included. */
static void
test_ints(void **state)
{
	int64_t v[] = {0, 1, -1, 9, 10, -10, 1234567890, INT64_MAX, INT64_MIN, INT64_MIN + 1};

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct buf b = BUF_INIT;
		struct jw w;
		char want[32];

		snprintf(want, sizeof(want), "%" PRId64, v[i]);
		jw_init(&w, &b, 0);
		jw_int(&w, v[i]);
		jw_release(&w);
		assert_string_equal(b.buf, want);
		buf_release(&b);
	}
}

static void
test_deep(void **state)
{
	struct buf b = BUF_INIT, want = BUF_INIT;
	struct jw w;

	(void)state;
	jw_init(&w, &b, 0);
	for (int i = 0; i < 100; i++) {
		jw_array(&w);
		jw_int(&w, i);
		buf_addf(&want, "%s[%d", i ? "," : "", i);
	}
	for (int i = 0; i < 100; i++) {
		jw_end(&w);
		buf_addch(&want, ']');
	}
	jw_release(&w);
	assert_string_equal(b.buf, want.buf);
	buf_release(&b);
	buf_release(&want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compact), cmocka_unit_test(test_indented),
		cmocka_unit_test(test_reals),   cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_deep),    cmocka_unit_test(test_ints),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
