/* test_core_mdparse.c: the pure helpers of okra import and export (R6, R7 list items, okra blocks).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/handbook.h"

static void
test_r7_criterion_items(void **state)
{
	struct handbook_item it;
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(handbook_parse_criterion("group/project#1 — 50%", &it, &err), 0);
	assert_string_equal(it.ref, "group/project#1");
	assert_null(it.title);
	assert_true(it.pct == 50);
	assert_int_equal(it.closed, 0);
	handbook_item_release(&it);

	/* The title may itself hold the separator; the last part is the percentage. */
	assert_int_equal(handbook_parse_criterion("G/P#007 — a — b — 12.5% (closed)", &it, &err),
			 0);
	assert_string_equal(it.ref, "g/p#7");
	assert_string_equal(it.title, "a — b");
	assert_true(it.pct == 12.5);
	assert_int_equal(it.closed, 1);
	handbook_item_release(&it);

	assert_int_equal(handbook_parse_criterion("group/project#1 — half", &it, &err),
			 OKRA_EINVAL);
	assert_int_equal(handbook_parse_criterion("group/project#1 — 1e2%", &it, &err),
			 OKRA_EINVAL);
	assert_int_equal(handbook_parse_criterion("50%", &it, &err), OKRA_EINVAL);
	assert_int_equal(handbook_parse_criterion("not a ref — 50%", &it, &err), OKRA_EINVAL);
}

static void
test_r6_link_items(void **state)
{
	struct handbook_item it;
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(handbook_parse_link("saas/x&3 — Epic — with dash (closed)", &it, &err), 0);
	assert_string_equal(it.ref, "saas/x&3");
	assert_string_equal(it.title, "Epic — with dash");
	assert_int_equal(it.closed, 1);
	handbook_item_release(&it);
	assert_int_equal(handbook_parse_link("saas/x#40", &it, &err), 0);
	assert_null(it.title);
	handbook_item_release(&it);
	assert_int_equal(handbook_parse_link("just words", &it, &err), OKRA_EINVAL);
}

static void
test_r5_initiative_items(void **state)
{
	struct handbook_item it;
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(handbook_parse_initiative("API epic — saas/p&7", &it, &err), 0);
	assert_string_equal(it.title, "API epic");
	assert_string_equal(it.ref, "saas/p&7");
	handbook_item_release(&it);
	/* A last part that is no ref stays in the title. */
	assert_int_equal(handbook_parse_initiative("Plan — then build (closed)", &it, &err), 0);
	assert_string_equal(it.title, "Plan — then build");
	assert_null(it.ref);
	assert_int_equal(it.closed, 1);
	handbook_item_release(&it);
}

static void
test_okra_block_fields(void **state)
{
	struct okra_err err = {0};
	char *k, *v;

	(void)state;
	assert_int_equal(handbook_parse_field("unit:  ms per req \t", &k, &v, &err), 0);
	assert_string_equal(k, "unit");
	assert_string_equal(v, "ms per req");
	free(k);
	free(v);
	assert_int_equal(handbook_parse_field("no colon", &k, &v, &err), OKRA_EINVAL);
	assert_int_equal(handbook_parse_field("Id: 3", &k, &v, &err), OKRA_EINVAL);
}

static void
test_export_header_and_sections(void **state)
{
	struct criterion c = {.ref = "g/p#1", .contribution = 100};
	struct key_result kr = {.id = 7,
				.title = "K",
				.dri_handle = "pat",
				.kind = KR_CRITERIA,
				.weight = 1,
				.criteria = &c,
				.ncriteria = 1,
				.progress = 0.25};
	struct objective o = {.id = 3,
			      .title = "O",
			      .cycle_name = "FY2027-Q1",
			      .dri_handle = "sam",
			      .weight = 1,
			      .context = "Why.",
			      .krs = &kr,
			      .nkrs = 1};
	struct buf b = BUF_INIT;

	(void)state;
	handbook_export_objective(&b, &o);
	assert_string_equal(b.buf,
			    "# O\n\n```okra\nid: 3\ncycle: FY2027-Q1\ndri: sam\nstate: draft\n"
			    "weight: 1\nhealth: none\nprogress: 0\n```\n\n"
			    "### Context\n\nWhy.\n\n### Linked Epics and Issues\n\n"
			    "## KR: K\n\n```okra\nid: 7\ndri: pat\nkind: criteria\nweight: 1\n"
			    "health: none\nprogress: 0.25\n```\n\n"
			    "### Context\n\n### Scoring Criteria\n\n1. g/p#1 — 100%\n");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r7_criterion_items),
		cmocka_unit_test(test_r6_link_items),
		cmocka_unit_test(test_r5_initiative_items),
		cmocka_unit_test(test_okra_block_fields),
		cmocka_unit_test(test_export_header_and_sections),
	};

	return cmocka_run_group_tests_name("core_mdparse", tests, NULL, NULL);
}
