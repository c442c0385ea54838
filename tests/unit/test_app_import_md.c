/* test_app_import_md.c: okra import of Markdown refuses what is not text, naming the right line,
 * and a weight of 0 as every other interface does. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture_app.h"

#include "app/transfer.h"

#include <string.h>

static int
setup(void **state)
{
	if (fixture_app_open(state, "import_md"))
		return -1;
	OK(app_act_as(&((struct fx *)*state)->a, NULL, &E));
	return 0;
}

static void
expect_nul_at(struct app *a, const char *text, size_t len, const char *want)
{
	struct okra_err err = {0};
	int64_t created = 0, updated = 0;

	assert_int_equal(app_import_md(a, "f.md", text, len, NULL, &created, &updated, &err),
			 OKRA_EINVAL);
	assert_string_equal(err.msg, want);
	assert_int_equal(created + updated, 0);
}

/*
 * Found by fuzz/fuzz_import_md.c: the line of a NUL byte was counted in the
 * text with CRLF already made LF, but up to the NUL's place in the original,
 * which lies past the end of the shorter text: a heap read overflow.
 */
static void
test_a_nul_after_crlf_lines_names_its_line(void **state)
{
	struct fx *f = *state;
	static const char crlf[] = "# T\r\n\r\n```okra\r\nkind: metric\r\n\0rest";
	static const char cr[] = "a\rb\rc\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\0";
	static const char lf[] = "a\nb\n\0";

	expect_nul_at(&f->a, crlf, sizeof(crlf) - 1, "f.md:5: a NUL byte: not a text file");
	expect_nul_at(&f->a, cr, sizeof(cr) - 1, "f.md:21: a NUL byte: not a text file");
	expect_nul_at(&f->a, lf, sizeof(lf) - 1, "f.md:3: a NUL byte: not a text file");
	/* 600 blank CRLF lines: 1,200 bytes read, 600 kept; the NUL is on line 601. */
	{
		char many[1201];

		for (int i = 0; i < 600; i++)
			memcpy(many + 2 * i, "\r\n", 2);
		many[1200] = '\0';
		expect_nul_at(&f->a, many, sizeof(many), "f.md:601: a NUL byte: not a text file");
	}
}

/* A new objective's "weight: 0" is refused (R10), as an edited one's was, not read as "unset". */
static void
test_a_new_objective_weighted_0_is_refused(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	static const char md[] =
		"# Weighed at nothing\n\n```okra\ncycle: FY2026-Q3\ndri: alex\n"
		"weight: 0\n```\n";
	struct okra_err err = {0};
	int64_t id, created = 0, updated = 0;

	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &id, &E));
	assert_int_equal(
		app_import_md(a, "f.md", md, sizeof(md) - 1, NULL, &created, &updated, &err),
		OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "weight must be more than 0 and at most 100"));
	assert_int_equal(created + updated, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_a_nul_after_crlf_lines_names_its_line, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_new_objective_weighted_0_is_refused, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
