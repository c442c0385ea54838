/* test_util_csv.c: RFC 4180 quoting and the neutralising of formula cells (CSV injection). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "util/csv.h"

/* One record of the given cells, text (neutralised) when text is set, else raw. */
static void
expect_text(const char *cell, const char *want)
{
	struct buf b = BUF_INIT;

	csv_text(&b, 1, cell);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void
test_plain_fields_are_not_quoted(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	csv_text(&b, 1, "Ship Dedicated");
	csv_raw(&b, 0, "42");
	csv_raw(&b, 0, "");
	csv_end(&b);
	assert_string_equal(b.buf, "Ship Dedicated,42,\r\n");
	buf_release(&b);
}

static void
test_comma_quote_cr_lf_are_quoted_quotes_doubled(void **state)
{
	(void)state;
	expect_text("a,b", "\"a,b\"");
	expect_text("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_text("two\nlines", "\"two\nlines\"");
	expect_text("cr\rhere", "\"cr\rhere\"");
	expect_text("\"", "\"\"\"\"");
}

static void
test_formula_cells_get_an_apostrophe(void **state)
{
	(void)state;
	expect_text("=1+2", "'=1+2");
	expect_text("+1", "'+1");
	expect_text("-5% churn", "'-5% churn");
	expect_text("@SUM(A1)", "'@SUM(A1)");
	expect_text("\tx", "\"'\tx\"");
	expect_text("\rx", "\"'\rx\"");
	/* neutralised and quoted: the apostrophe goes inside the quotes */
	expect_text("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"");
	expect_text("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
	expect_text("a=b", "a=b");
	assert_true(csv_is_formula("=x"));
	assert_false(csv_is_formula("x="));
	assert_false(csv_is_formula(""));
}

/*
 * A spreadsheet that guesses ";", TAB or "|" as the separator would split an
 * unquoted "ok;=1+1" into a second cell that is a formula: every separator a
 * spreadsheet may pick is quoted, so the text stays one cell.
 */
static void
test_every_separator_is_quoted(void **state)
{
	(void)state;
	expect_text("ok;=1+1", "\"ok;=1+1\"");
	expect_text("ok\t=1+1", "\"ok\t=1+1\"");
	expect_text("ok|=1+1", "\"ok|=1+1\"");
	expect_text("a;b", "\"a;b\"");
	expect_text(
		"\xef\xbc\x9d"
		"1+1",
		"'\xef\xbc\x9d"
		"1+1");
	expect_text("\xef\xbd\x80x", "'\xef\xbd\x80x");
	expect_text("\nx", "\"'\nx\"");
	assert_false(csv_is_formula("\xef\xbc\x91"));
}

static void
test_raw_numbers_keep_their_sign(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	csv_raw(&b, 1, "-5");
	csv_raw(&b, 0, "-0.25");
	csv_raw(&b, 0, "1e+20");
	assert_string_equal(b.buf, "-5,-0.25,1e+20");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_fields_are_not_quoted),
		cmocka_unit_test(test_comma_quote_cr_lf_are_quoted_quotes_doubled),
		cmocka_unit_test(test_formula_cells_get_an_apostrophe),
		cmocka_unit_test(test_every_separator_is_quoted),
		cmocka_unit_test(test_raw_numbers_keep_their_sign),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
