/* test_http_markdown.c: descriptions render safely and in bounded work, whatever the text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "http/markdown.h"

/* The attack: a header of n "|a" cells, a delimiter row, then rows one character each. */
static void
wide_table(struct buf *md, int cols, int rows)
{
	for (int i = 0; i < cols; i++)
		buf_adds(md, "|a");
	buf_adds(md, "|\n");
	for (int i = 0; i < cols; i++)
		buf_adds(md, "|-");
	buf_adds(md, "|\n");
	for (int i = 0; i < rows; i++)
		buf_adds(md, "x\n");
}

static void
test_a_small_table_renders_as_a_table(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	markdown_html(&out, "| KR | DRI |\n|----|-----|\n| 1 | pat |\n| 2 | rio |\n");
	assert_non_null(strstr(out.buf, "<table>"));
	assert_non_null(strstr(out.buf, "<td>pat</td>"));
	buf_release(&out);
}

/* 8 KB of text rendered 20 MB of cells before the cap; now its table stays text. */
static void
test_table_amplification_is_capped(void **state)
{
	struct buf md = BUF_INIT, out = BUF_INIT;

	(void)state;
	wide_table(&md, 1000, 2000);
	assert_true(md.len < 9000);
	assert_true(markdown_table_cells(md.buf) > MARKDOWN_MAX_CELLS);
	markdown_html(&out, md.buf);
	assert_null(strstr(out.buf, "<table"));
	assert_true(out.len < 4 * md.len);
	buf_release(&md);
	buf_release(&out);
}

/* Several tables share one budget; a table inside a quote or a list counts too. */
static void
test_cells_are_counted_over_every_table_and_container(void **state)
{
	struct buf md = BUF_INIT;

	(void)state;
	assert_in_range(markdown_table_cells("|a|b|\n|-|-|\n|1|2|\n"), 3 * 3, 4 * 3);
	assert_int_equal(markdown_table_cells("no table | here\n\njust text\n"), 0);
	assert_true(markdown_table_cells("> |a|b|\n> |-|-|\n> 1\n") >= 3 * 3);
	assert_true(markdown_table_cells("- |a|b|\n  |-|-|\n  1\n") >= 3 * 3);
	for (int i = 0; i < 30; i++) {
		wide_table(&md, 40, 40);
		buf_adds(&md, "\n");
	}
	assert_true(markdown_table_cells(md.buf) > MARKDOWN_MAX_CELLS);
	buf_release(&md);
}

/* The same text is rendered once; later views take the kept HTML, byte for byte. */
static void
test_a_text_is_rendered_once(void **state)
{
	const char *md =
		"# Context\n\nThe *same* text, shown twice: test_a_text_is_rendered_once\n";
	struct buf a = BUF_INIT, b = BUF_INIT;
	unsigned long h0, h1, m0, m1;
	size_t bytes, entries;

	(void)state;
	markdown_cache_stats(&bytes, &entries, &h0, &m0);
	markdown_html(&a, md);
	markdown_html(&b, md);
	markdown_cache_stats(&bytes, &entries, &h1, &m1);
	assert_int_equal(m1 - m0, 1);
	assert_int_equal(h1 - h0, 1);
	assert_string_equal(a.buf, b.buf);
	assert_true(bytes >= a.len);
	buf_release(&a);
	buf_release(&b);
}

static void
test_raw_html_is_text(void **state)
{
	struct buf out = BUF_INIT;

	(void)state;
	markdown_html(&out, "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n");
	assert_null(strstr(out.buf, "<script"));
	assert_null(strstr(out.buf, "javascript:"));
	buf_release(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_small_table_renders_as_a_table),
		cmocka_unit_test(test_table_amplification_is_capped),
		cmocka_unit_test(test_cells_are_counted_over_every_table_and_container),
		cmocka_unit_test(test_a_text_is_rendered_once),
		cmocka_unit_test(test_raw_html_is_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
