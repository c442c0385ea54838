/* test_util_buf.c: the growable string buffer's invariants, cap and sticky error. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static void
test_init_is_empty_string_never_null(void **state)
{
	struct buf a = BUF_INIT, b;

	(void)state;
	buf_init(&b, 0);
	assert_non_null(a.buf);
	assert_non_null(b.buf);
	assert_string_equal(a.buf, "");
	assert_int_equal(b.len, 0);
	buf_release(&b); /* releasing an unused buffer frees nothing */
	assert_non_null(b.buf);
	buf_rtrim(&b);
	buf_reset(&b);
	assert_string_equal(b.buf, "");
}

static void
test_appends_keep_nul_and_length(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "abc");
	buf_addch(&b, '-');
	buf_add(&b, "xyz123", 3);
	buf_addf(&b, "/%d/%s", 42, "q");
	assert_string_equal(b.buf, "abc-xyz/42/q");
	assert_int_equal(b.len, strlen(b.buf));
	buf_add(&b, "", 0);
	assert_int_equal(b.len, 12);
	buf_add(&b, "a\0b", 3); /* binary data is kept, length counts it */
	assert_int_equal(b.len, 15);
	assert_int_equal(b.buf[15], '\0');
	buf_release(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
}

static void
test_addf_grows_past_every_boundary(void **state)
{
	struct buf b = BUF_INIT;
	char want[300];
	size_t i;

	(void)state;
	/* lengths around the first allocation (64) and its doublings */
	for (i = 0; i < 260; i++) {
		buf_reset(&b);
		memset(want, 'x', i);
		want[i] = '\0';
		buf_addf(&b, "%s", want);
		assert_int_equal(b.len, i);
		assert_string_equal(b.buf, want);
	}
	/* appending to a partly full buffer across the boundary */
	buf_reset(&b);
	for (i = 0; i < 100; i++)
		buf_addf(&b, "%zu,", i % 10);
	assert_int_equal(b.len, 200);
	assert_memory_equal(b.buf, "0,1,2,3,4,5,6,7,8,9,0,", 22);
	assert_int_equal(b.buf[200], '\0');
	buf_release(&b);
}

static void
test_cap_sets_sticky_error(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	buf_adds(&b, "12345678");
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, 8);
	buf_addch(&b, '9');
	assert_int_equal(b.err, 1);
	assert_int_equal(b.len, 8);
	assert_string_equal(b.buf, "12345678");
	/* every later append is ignored, even one that would fit */
	buf_reset(&b);
	assert_int_equal(b.err, 0);
	buf_adds(&b, "1234567");
	buf_adds(&b, "89");
	buf_adds(&b, "");
	assert_int_equal(b.err, 1);
	assert_string_equal(b.buf, "1234567");
	assert_int_equal(buf_grow(&b, 0), -1);
	buf_release(&b);
	assert_int_equal(b.cap, 8); /* the cap survives release */
}

static void
test_cap_applies_to_addf(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	buf_addf(&b, "%s", "12345");
	buf_addf(&b, "%d", 67890);
	assert_int_equal(b.err, 0);
	assert_string_equal(b.buf, "1234567890");
	buf_reset(&b);
	buf_addf(&b, "%s", "123456");
	buf_addf(&b, "%s", "abcde"); /* fits in memory (64) but not under the cap */
	assert_int_equal(b.err, 1);
	assert_string_equal(b.buf, "123456");
	assert_int_equal(b.len, 6);
	buf_release(&b);

	buf_init(&b, 100);
	buf_addf(&b, "%0200d", 1); /* bigger than the allocation and the cap */
	assert_int_equal(b.err, 1);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	buf_release(&b);
}

static void
test_detach_hands_over_memory(void **state)
{
	struct buf b = BUF_INIT;
	size_t len = 99;
	char *s;

	(void)state;
	s = buf_detach(&b, &len);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	buf_adds(&b, "hello");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "hello");
	assert_int_equal(len, 5);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	buf_adds(&b, "again"); /* still usable, and s is not shared */
	assert_string_equal(s, "hello");
	free(s);
	buf_release(&b);
}

static void
test_rtrim(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_adds(&b, "text \t\r\n\n");
	buf_rtrim(&b);
	assert_string_equal(b.buf, "text");
	assert_int_equal(b.len, 4);
	buf_reset(&b);
	buf_adds(&b, " \n");
	buf_rtrim(&b);
	assert_string_equal(b.buf, "");
	buf_release(&b);
}

static void
test_append_own_contents(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	(void)state;
	/* doubling a buffer with itself forces a reallocation mid-append */
	buf_adds(&b, "ab");
	for (i = 0; i < 10; i++)
		buf_add(&b, b.buf, b.len);
	assert_int_equal(b.len, 2048);
	for (i = 0; i < b.len; i++)
		if (b.buf[i] != (i % 2 ? 'b' : 'a'))
			fail_msg("byte %zu is %c", i, b.buf[i]);
	buf_reset(&b);
	buf_adds(&b, "xyz");
	buf_adds(&b, b.buf + 1);
	assert_string_equal(b.buf, "xyzyz");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty_string_never_null),
		cmocka_unit_test(test_appends_keep_nul_and_length),
		cmocka_unit_test(test_addf_grows_past_every_boundary),
		cmocka_unit_test(test_cap_sets_sticky_error),
		cmocka_unit_test(test_cap_applies_to_addf),
		cmocka_unit_test(test_detach_hands_over_memory),
		cmocka_unit_test(test_rtrim),
		cmocka_unit_test(test_append_own_contents),
	};

	return cmocka_run_group_tests_name("util_buf", tests, NULL, NULL);
}
