/* test_core_handbook.c: the exact handbook Markdown of objectives, KRs and retros (R6, R7, R11). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/handbook.h"

static void
assert_number(double x, const char *want)
{
	struct buf b = BUF_INIT;

	handbook_number(&b, x);
	assert_string_equal(b.buf, want);
	buf_release(&b);
}

static void
test_number_as_people_write_it(void **state)
{
	(void)state;
	assert_number(99.99, "99.99");
	assert_number(9.5, "9.5");
	assert_number(95, "95");
	assert_number(-3, "-3");
	assert_number(0.5, "0.5");
	assert_number(0, "0");
	assert_number(-0.0, "0");
	assert_number(-0.0000001, "0");
	assert_number(0.1 + 0.2, "0.3");
	assert_number(1.0 / 3.0, "0.333333");
	assert_number(1234567.125, "1234567.125");
	assert_number(1e15, "1000000000000000");
}

static void
test_r6_objective_description(void **state)
{
	struct link links[2] = {
		{.ref = "gitlab-org/platform&7", .title = "Cache layer"},
		{.ref = "gitlab-org/platform#101", .title = NULL, .state = ITEM_CLOSED},
	};
	struct objective o = {0};
	struct buf b = BUF_INIT;

	(void)state;
	o.context = "Checkout is slow.\nCustomers leave.\n\n";
	o.links = links;
	o.nlinks = 2;
	handbook_objective(&b, &o);
	assert_string_equal(b.buf,
			    "### Context\n"
			    "\n"
			    "Checkout is slow.\nCustomers leave.\n"
			    "\n"
			    "### Linked Epics and Issues\n"
			    "\n"
			    "1. gitlab-org/platform&7 — Cache layer\n"
			    "2. gitlab-org/platform#101 (closed)\n");
	buf_release(&b);
}

static void
test_r6_empty_objective_keeps_headings(void **state)
{
	struct objective o = {0};
	struct buf b = BUF_INIT;

	(void)state;
	handbook_objective(&b, &o);
	assert_string_equal(b.buf, "### Context\n\n### Linked Epics and Issues\n");
	buf_release(&b);
	o.context = "";
	o.sections = "\n\n";
	handbook_objective(&b, &o);
	assert_string_equal(b.buf, "### Context\n\n### Linked Epics and Issues\n");
	buf_release(&b);
}

static struct retro
sample_retro(void)
{
	struct retro r = {0};

	strlist_push(&r.good, "Cache shipped early");
	strlist_push(&r.good, "Clear DRI");
	strlist_push(&r.bad, "Load tests came late");
	strlist_push(&r.bad, "Two KRs overlapped");
	strlist_push(&r.bad, "Too many meetings");
	strlist_push(&r.try, "Load test in week 2");
	strlist_push(&r.try, "Fewer KRs");
	return r;
}

static const char retro_md[] =
	"### Retro\n"
	"\n"
	"#### Good\n"
	"\n"
	"- Cache shipped early\n"
	"- Clear DRI\n"
	"\n"
	"#### Bad\n"
	"\n"
	"- Load tests came late\n"
	"- Two KRs overlapped\n"
	"- Too many meetings\n"
	"\n"
	"#### Try\n"
	"\n"
	"- Load test in week 2\n"
	"- Fewer KRs\n";

static void
test_r11_retro_markdown(void **state)
{
	struct retro r = sample_retro();
	struct buf b = BUF_INIT;

	(void)state;
	handbook_retro(&b, &r);
	assert_string_equal(b.buf, retro_md);
	buf_release(&b);
	retro_release(&r);
}

static void
test_r11_draft_retro_markdown_keeps_empty_headings(void **state)
{
	struct retro r = {0};
	struct buf b = BUF_INIT;

	(void)state;
	strlist_push(&r.bad, "Late");
	handbook_retro(&b, &r);
	assert_string_equal(b.buf, "### Retro\n\n#### Good\n\n#### Bad\n\n- Late\n\n#### Try\n");
	buf_release(&b);
	retro_release(&r);
}

static void
test_r11_final_retro_appended_after_sections(void **state)
{
	struct link l = {.ref = "g&1", .title = "Epic"};
	struct objective o = {0};
	struct buf b = BUF_INIT, want = BUF_INIT;

	(void)state;
	o.context = "Why.";
	o.links = &l;
	o.nlinks = 1;
	o.sections = "\n### Notes\n\nSee the board.\n\n";
	o.has_retro = 1;
	o.retro = sample_retro();

	/* a draft retro is not part of the description */
	handbook_objective(&b, &o);
	assert_string_equal(b.buf,
			    "### Context\n\nWhy.\n\n### Linked Epics and Issues\n\n"
			    "1. g&1 — Epic\n\n### Notes\n\nSee the board.\n");
	buf_release(&b);

	o.retro.final_at = 1782864000;
	handbook_objective(&b, &o);
	buf_adds(&want,
		 "### Context\n\nWhy.\n\n### Linked Epics and Issues\n\n"
		 "1. g&1 — Epic\n\n### Notes\n\nSee the board.\n\n");
	buf_adds(&want, retro_md);
	assert_string_equal(b.buf, want.buf);
	buf_release(&b);

	/* final but flagged absent: still nothing */
	o.has_retro = 0;
	handbook_objective(&b, &o);
	assert_null(strstr(b.buf, "### Retro"));
	buf_release(&b);
	buf_release(&want);
	retro_release(&o.retro);
}

static void
test_r7_criteria_kr_description(void **state)
{
	struct criterion c[3] = {
		{.ref = "gitlab-org/platform#101", .title = "Add cache", .contribution = 50},
		{.ref = "gitlab-org/platform#102",
		 .title = "Warm it",
		 .contribution = 33.3,
		 .state = ITEM_CLOSED},
		{.ref = "gitlab-org/platform&9", .contribution = 16.7},
	};
	struct initiative in[2] = {
		{.title = "Spike on Redis", .ref = "gitlab-org/platform#99"},
		{.title = "Talk to support", .state = ITEM_CLOSED},
	};
	struct key_result kr = {0};
	struct buf b = BUF_INIT;

	(void)state;
	kr.kind = KR_CRITERIA;
	kr.title = "Cache ready";
	kr.context = "Needed for Q3.";
	kr.criteria = c;
	kr.ncriteria = 3;
	handbook_kr(&b, &kr);
	assert_string_equal(b.buf,
			    "### Context\n"
			    "\n"
			    "Needed for Q3.\n"
			    "\n"
			    "### Scoring Criteria\n"
			    "\n"
			    "1. gitlab-org/platform#101 — Add cache — 50%\n"
			    "2. gitlab-org/platform#102 — Warm it — 33.3% (closed)\n"
			    "3. gitlab-org/platform&9 — 16.7%\n");
	buf_release(&b);

	kr.initiatives = in;
	kr.ninitiatives = 2;
	handbook_kr(&b, &kr);
	assert_non_null(strstr(b.buf,
			       "3. gitlab-org/platform&9 — 16.7%\n"
			       "\n"
			       "### Initiatives\n"
			       "\n"
			       "- Spike on Redis — gitlab-org/platform#99\n"
			       "- Talk to support (closed)\n"));
	assert_int_equal(b.buf[b.len - 1], '\n');
	assert_int_not_equal(b.buf[b.len - 2], '\n');
	buf_release(&b);
}

static void
test_r7_metric_kr_description(void **state)
{
	struct key_result kr = {0};
	struct buf b = BUF_INIT;

	(void)state;
	kr.kind = KR_METRIC;
	kr.title = "p95 latency";
	kr.unit = "ms";
	kr.start = 800;
	kr.target = 200;
	handbook_kr(&b, &kr);
	assert_string_equal(b.buf,
			    "### Context\n"
			    "\n"
			    "### Scoring Criteria\n"
			    "\n"
			    "1. p95 latency: from 800 to 200 ms — 100%\n");
	buf_release(&b);
	kr.unit = "";
	kr.start = 99.9;
	kr.target = 99.99;
	kr.context = "SLO.";
	handbook_kr(&b, &kr);
	assert_string_equal(b.buf,
			    "### Context\n\nSLO.\n\n### Scoring Criteria\n\n"
			    "1. p95 latency: from 99.9 to 99.99 — 100%\n");
	buf_release(&b);
}

static void
test_r7_empty_criteria_kr_keeps_heading(void **state)
{
	struct key_result kr = {0};
	struct buf b = BUF_INIT;

	(void)state;
	kr.kind = KR_CRITERIA;
	kr.title = "x";
	handbook_kr(&b, &kr);
	assert_string_equal(b.buf, "### Context\n\n### Scoring Criteria\n");
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number_as_people_write_it),
		cmocka_unit_test(test_r6_objective_description),
		cmocka_unit_test(test_r6_empty_objective_keeps_headings),
		cmocka_unit_test(test_r11_retro_markdown),
		cmocka_unit_test(test_r11_draft_retro_markdown_keeps_empty_headings),
		cmocka_unit_test(test_r11_final_retro_appended_after_sections),
		cmocka_unit_test(test_r7_criteria_kr_description),
		cmocka_unit_test(test_r7_metric_kr_description),
		cmocka_unit_test(test_r7_empty_criteria_kr_keeps_heading),
	};

	return cmocka_run_group_tests_name("core_handbook", tests, NULL, NULL);
}
