/* test_core_md_import.c: the handbook Markdown of okra import read into structs, with no store. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/md_import.h"

static const char handbook[] =
	"# Grow the SaaS\n"
	"\n"
	"```okra\n"
	"id: 3\n"
	"dri: sam\n"
	"weight: 2\n"
	"health: green\n"
	"```\n"
	"\n"
	"### Context\n"
	"\n"
	"Why it matters.\n"
	"\n"
	"### Linked Epics and Issues\n"
	"\n"
	"1. saas/provisioning&7 — Provisioning\n"
	"\n"
	"Further notes.\n"
	"\n"
	"## KR: Onboard 40 customers\n"
	"\n"
	"```okra\n"
	"kind: metric\n"
	"start: 0\n"
	"target: 40\n"
	"```\n"
	"\n"
	"### Initiatives\n"
	"\n"
	"- Self-serve sign-up — saas/onboarding#40\n"
	"\n"
	"## KR: Ship the API\n"
	"\n"
	"### Scoring Criteria\n"
	"\n"
	"1. saas/api#1 — 100%\n";

static void
test_a_handbook_reads_into_its_structs(void **state)
{
	struct md_import m = {0};
	struct okra_err err = {0};
	struct md_import_obj *o;

	(void)state;
	assert_int_equal(md_import_parse(&m, "h.md", handbook, strlen(handbook), &err), 0);
	assert_int_equal(m.nobjs, 1);
	o = &m.objs[0];
	assert_string_equal(o->title, "Grow the SaaS");
	assert_int_equal(o->line, 1);
	assert_int_equal(o->head_line, 3);
	assert_int_equal(o->id, 3);
	assert_string_equal(o->dri, "sam");
	assert_true(o->has_weight && o->weight == 2);
	assert_string_equal(o->context, "Why it matters.");
	assert_string_equal(o->sections, "Further notes.");
	assert_int_equal(o->links.n, 1);
	assert_string_equal(o->links.v[0].it.ref, "saas/provisioning&7");
	assert_int_equal(o->links.v[0].line, 16);
	assert_int_equal(o->nkrs, 2);
	assert_string_equal(o->krs[0].title, "Onboard 40 customers");
	assert_string_equal(o->krs[0].kind, "metric");
	assert_true(o->krs[0].has_start && o->krs[0].has_target && o->krs[0].target == 40);
	assert_int_equal(o->krs[0].initiatives.n, 1);
	assert_string_equal(o->krs[1].title, "Ship the API");
	assert_int_equal(o->krs[1].criteria.n, 1);
	assert_true(o->krs[1].criteria.v[0].it.pct == 100);
	md_import_release(&m);
}

static void
expect_refused(const char *text, const char *want)
{
	struct md_import m = {0};
	struct okra_err err = {0};

	assert_int_equal(md_import_parse(&m, "f.md", text, strlen(text), &err), OKRA_EINVAL);
	assert_string_equal(err.msg, want);
	md_import_release(&m);
}

static void
test_refusals_name_their_line(void **state)
{
	(void)state;
	expect_refused("", "f.md:1: no objective (\"# title\") in the file");
	expect_refused("text first\n", "f.md:1: expected an objective first: \"# title\"");
	expect_refused("# T\n\n## Not a KR\n",
		       "f.md:3: a level-2 heading must be a key result: \"## KR: title\"");
	expect_refused("# T\n\n```okra\ncolour: red\n```\n",
		       "f.md:4: unknown field \"colour\" in the okra block of an objective");
	expect_refused("# T\n\n## KR: k\n\n```okra\ncycle: Q4\n```\n",
		       "f.md:6: unknown field \"cycle\" in the okra block of a key result");
	expect_refused("# T\n\n```okra\nid: 1\n```\n\n```okra\nid: 2\n```\n",
		       "f.md:7: a second okra block");
	expect_refused("# T\n\n### Retro\n\npara\n",
		       "f.md:5: expected \"#### Good\", \"#### Bad\" or \"#### Try\" (R11)");
	expect_refused("# T\n\n## KR: k\n\n### Initiatives\n\n1. numbered\n",
		       "f.md:7: expected one bulleted list of initiatives: \"- title — ref\"");
}

static void
test_the_retro_reads_its_three_lists(void **state)
{
	static const char text[] =
		"# T\n\n### Retro\n\n#### Good\n\n- a\n- b\n\n#### Bad\n\n"
		"- c\n\n#### Try\n\n- d\n";
	struct md_import m = {0};
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(md_import_parse(&m, "r.md", text, strlen(text), &err), 0);
	assert_true(m.objs[0].has_retro);
	assert_int_equal(m.objs[0].retro_line, 3);
	assert_int_equal(m.objs[0].good.n, 2);
	assert_int_equal(m.objs[0].bad.n, 1);
	assert_string_equal(m.objs[0].try.v[0], "d");
	md_import_release(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_handbook_reads_into_its_structs),
		cmocka_unit_test(test_refusals_name_their_line),
		cmocka_unit_test(test_the_retro_reads_its_three_lists),
	};

	return cmocka_run_group_tests_name("core_md_import", tests, NULL, NULL);
}
