/* test_util_html.c: the HTML escapers: markup, and direction marks kept inside their text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "util/html.h"

#define RLO "\xe2\x80\xae"
#define LRE "\xe2\x80\xaa"
#define PDF "\xe2\x80\xac"
#define RLI "\xe2\x81\xa7"
#define PDI "\xe2\x81\xa9"

static void
expect_txt(const char *in, const char *want)
{
	struct buf b = BUF_INIT;

	html_txt(&b, in);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void
test_markup_is_escaped(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	expect_txt("<script>alert(\"x\")</script> & 'y'",
		   "&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'y'");
	html_attr(&b, "\"'><img src=x onerror=alert(1)>");
	assert_string_equal(b.buf, "&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;");
	buf_release(&b);
}

static void
test_open_direction_marks_are_closed(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	expect_txt("invoice" RLO "fdp.exe", "invoice" RLO "fdp.exe" PDF);
	expect_txt(RLI "x", RLI "x" PDI);
	expect_txt(RLI LRE "x", RLI LRE "x" PDF PDI);
	expect_txt(LRE RLI "x", LRE RLI "x" PDI PDF);
	html_attr(&b, RLO "<");
	assert_string_equal(b.buf, RLO "&lt;" PDF);
	buf_release(&b);
}

static void
test_balanced_and_stray_marks_are_left_alone(void **state)
{
	(void)state;
	expect_txt("a" RLO "b" PDF "c", "a" RLO "b" PDF "c");
	expect_txt(PDF PDI "a", PDF PDI "a");
	/* PDI closes its isolate and the embeddings inside it; PDF never closes an isolate. */
	expect_txt(RLI LRE "x" PDI, RLI LRE "x" PDI);
	expect_txt(RLI PDF "x", RLI PDF "x" PDI);
	/* A lone lead byte at the end is no mark and reads nothing past the string. */
	expect_txt("a\xe2", "a\xe2");
	expect_txt("a\xe2\x80", "a\xe2\x80");
}

static void
test_depth_is_capped(void **state)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	size_t closers;

	(void)state;
	for (int i = 0; i < 300; i++)
		buf_adds(&in, RLO);
	html_txt(&out, in.buf);
	closers = (out.len - in.len) / 3;
	assert_int_equal(closers, 125);
	buf_release(&in);
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markup_is_escaped),
		cmocka_unit_test(test_open_direction_marks_are_closed),
		cmocka_unit_test(test_balanced_and_stray_marks_are_left_alone),
		cmocka_unit_test(test_depth_is_capped),
	};

	return cmocka_run_group_tests_name("util_html", tests, NULL, NULL);
}
