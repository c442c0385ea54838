/* test_core_validate.c: the input checks every write goes through (R1, R2, R4, R7, R11, R12). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/calendar.h"
#include "core/validate.h"

static int32_t
D(const char *s)
{
	int32_t d = 0;

	assert_int_equal(cal_parse_date(s, &d), 0);
	return d;
}

static void
test_title_checks(void **state)
{
	struct okra_err err = {0};
	char big[TITLE_MAX + 2];

	(void)state;
	assert_int_equal(validate_title("title", "Make checkout fast", &err), 0);
	assert_int_equal(validate_title("title", "Café — 東京 ✓", &err), 0);
	assert_int_equal(validate_title("title", "", &err), OKRA_EINVAL);
	assert_string_equal(err.field, "title");
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(validate_title("title", "   ", &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", NULL, &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", "two\nlines", &err), OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "control character"));
	assert_int_equal(validate_title("title", "tab\there", &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", "bell\a", &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", "del\x7f", &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", "c1 \xc2\x85", &err), OKRA_EINVAL); /* NEL */
	assert_int_equal(validate_title("title", "bad \xff utf8", &err), OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "UTF-8"));
	assert_int_equal(validate_title("title", "overlong \xc0\xaf", &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", "surrogate \xed\xa0\x80", &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", "cut \xe2\x80", &err), OKRA_EINVAL);
	assert_int_equal(validate_title("title", "too high \xf4\x90\x80\x80", &err), OKRA_EINVAL);
	memset(big, 'x', TITLE_MAX);
	big[TITLE_MAX] = '\0';
	assert_int_equal(validate_title("title", big, &err), 0);
	big[TITLE_MAX] = 'x';
	big[TITLE_MAX + 1] = '\0';
	assert_int_equal(validate_title("title", big, &err), OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "201 bytes"));
}

static void
test_text_and_line_checks(void **state)
{
	struct okra_err err = {0};
	char line[LINE_MAX_LEN + 2];

	(void)state;
	assert_int_equal(validate_text("context", "", 10, &err), 0);
	assert_int_equal(validate_text("context", "a\n\tb", 10, &err), 0);
	assert_int_equal(validate_text("context", "a\rb", 10, &err), OKRA_EINVAL);
	assert_int_equal(validate_text("context", "12345678901", 10, &err), OKRA_EINVAL);
	memset(line, 'y', LINE_MAX_LEN);
	line[LINE_MAX_LEN] = '\0';
	assert_int_equal(validate_line("line", line, &err), 0);
	line[LINE_MAX_LEN] = 'y';
	line[LINE_MAX_LEN + 1] = '\0';
	assert_int_equal(validate_line("line", line, &err), OKRA_EINVAL);
	assert_int_equal(validate_line("line", "a\nb", &err), OKRA_EINVAL);
}

static void
test_handle_and_email(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_handle("handle", "pat", &err), 0);
	assert_int_equal(validate_handle("handle", "p.a_t-2", &err), 0);
	assert_int_equal(
		validate_handle("handle", "0123456789012345678901234567890123456789", &err), 0);
	assert_int_equal(
		validate_handle("handle", "01234567890123456789012345678901234567890", &err),
		OKRA_EINVAL);
	assert_int_equal(validate_handle("handle", "", &err), OKRA_EINVAL);
	assert_int_equal(validate_handle("handle", "Pat", &err), OKRA_EINVAL);
	assert_int_equal(validate_handle("handle", "-pat", &err), OKRA_EINVAL);
	assert_int_equal(validate_handle("handle", "pat smith", &err), OKRA_EINVAL);
	assert_int_equal(validate_handle("handle", "pät", &err), OKRA_EINVAL);
	assert_int_equal(validate_email("email", NULL, &err), 0);
	assert_int_equal(validate_email("email", "", &err), 0);
	assert_int_equal(validate_email("email", "pat@example.com", &err), 0);
	assert_int_equal(validate_email("email", "pat@example", &err), OKRA_EINVAL);
	assert_int_equal(validate_email("email", "@example.com", &err), OKRA_EINVAL);
	assert_int_equal(validate_email("email", "pat@@example.com", &err), OKRA_EINVAL);
	assert_int_equal(validate_email("email", "pat @example.com", &err), OKRA_EINVAL);
	assert_int_equal(validate_email("email", "pat@example.", &err), OKRA_EINVAL);
	assert_int_equal(validate_email("email", "<a>@example.com", &err), OKRA_EINVAL);
}

static void
test_r2_number_parse_strict(void **state)
{
	static const char *const bad[] = {
		"1e400", "-1e400", "nan",   "NaN",  "inf",  "-inf",   "infinity", "0x10",
		"12abc", "",       " 1",    "1 ",   "1,5",  "--1",    ".",        "-",
		"1e",    "e5",     "1.2.3", "2e15", "1e16", "1e-400",
	};
	struct okra_err err = {0};
	double x = 42;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (validate_number("target", bad[i], &x, &err) != OKRA_EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_float_equal(x, 42, 0); /* untouched on failure */
	assert_string_equal(err.field, "target");
	assert_int_equal(validate_number("target", NULL, &x, &err), OKRA_EINVAL);
	assert_int_equal(validate_number("target", "99.99", &x, &err), 0);
	assert_float_equal(x, 99.99, 0);
	assert_int_equal(validate_number("target", "-3", &x, &err), 0);
	assert_float_equal(x, -3, 0);
	assert_int_equal(validate_number("target", ".5", &x, &err), 0);
	assert_float_equal(x, 0.5, 0);
	assert_int_equal(validate_number("target", "+7.", &x, &err), 0);
	assert_float_equal(x, 7, 0);
	assert_int_equal(validate_number("target", "1e15", &x, &err), 0);
	assert_float_equal(x, 1e15, 0);
	assert_int_equal(validate_number("target", "-1e15", &x, &err), 0);
}

static void
test_id_and_date_parse_strict(void **state)
{
	static const char *const bad_ids[] = {"0",     "-1", "+1", "01",   "1.0",
					      "12abc", "",   " 1", "0x10", "9223372036854775808"};
	static const char *const bad_dates[] = {"2026-02-30", "2026-2-3", "",
						"2026-02-3",  "20260203", "2026-02-03x"};
	struct okra_err err = {0};
	int64_t id = 5;
	int32_t d = 5;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++)
		if (validate_id("id", bad_ids[i], &id, &err) != OKRA_EINVAL)
			fail_msg("accepted id \"%s\"", bad_ids[i]);
	assert_int_equal(id, 5);
	assert_int_equal(validate_id("id", "9223372036854775807", &id, &err), 0);
	assert_true(id == INT64_MAX);
	assert_int_equal(validate_id("id", "12", &id, &err), 0);
	assert_int_equal(id, 12);
	for (i = 0; i < sizeof(bad_dates) / sizeof(bad_dates[0]); i++)
		if (validate_date("joined", bad_dates[i], &d, &err) != OKRA_EINVAL)
			fail_msg("accepted date \"%s\"", bad_dates[i]);
	assert_string_equal(err.field, "joined");
	assert_non_null(strstr(err.msg, "YYYY-MM-DD"));
	assert_int_equal(validate_date("joined", "2028-02-29", &d, &err), 0);
	assert_int_equal(d, D("2028-02-29"));
}

static void
test_r2_target_equals_start_refused(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_metric(800, 200, &err), 0);
	assert_int_equal(validate_metric(800, 800, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "target");
	assert_string_equal(err.msg,
			    "target equals start (R2): a key result must move from 800 to "
			    "something else");
	assert_int_equal(validate_metric(99.9, 99.9, &err), OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "from 99.9 to"));
	assert_int_equal(validate_metric(0.0 / 0.0, 1, &err), OKRA_EINVAL);
	assert_int_equal(validate_metric(1, 1.0 / 0.0, &err), OKRA_EINVAL);
}

/* R2: amounts stay within the CLI's ±1e15 over the API too, and progress stays finite. */
static void
test_r2_amounts_and_readings_are_bounded(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_amount("value", 1e15, &err), 0);
	assert_int_equal(validate_amount("value", -1e15, &err), 0);
	assert_int_equal(validate_amount("value", 1.0000001e15, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "value");
	assert_int_equal(validate_amount("value", 1e308, &err), OKRA_EINVAL);
	assert_int_equal(validate_metric(0, 1e308, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "target");
	assert_int_equal(validate_metric(-1e16, 1, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "start");
	assert_int_equal(validate_reading("value", 0, 1e-300, 1e-301, &err), 0);
	assert_int_equal(validate_reading("value", 0, 1e-300, 1e15, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "value");
	assert_int_equal(validate_reading("target", 800, 200, 450, &err), 0);
}

static void
test_r10_weight_and_progress_ranges(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_weight("weight", 1, &err), 0);
	assert_int_equal(validate_weight("weight", 100, &err), 0);
	assert_int_equal(validate_weight("weight", 0.01, &err), 0);
	assert_int_equal(validate_weight("weight", 0, &err), OKRA_EINVAL);
	assert_int_equal(validate_weight("weight", -1, &err), OKRA_EINVAL);
	assert_int_equal(validate_weight("weight", 100.5, &err), OKRA_EINVAL);
	assert_int_equal(validate_weight("weight", 0.0 / 0.0, &err), OKRA_EINVAL);
	assert_int_equal(validate_progress("progress", 1.5, &err), 0);
	assert_int_equal(validate_progress("progress", -10, &err), 0);
	assert_int_equal(validate_progress("progress", 10.01, &err), OKRA_EINVAL);
	assert_int_equal(validate_progress("progress", 1.0 / 0.0, &err), OKRA_EINVAL);
	assert_int_equal(validate_score("score", 0, &err), 0);
	assert_int_equal(validate_score("score", 1, &err), 0);
	assert_int_equal(validate_score("score", 0.7, &err), 0);
	assert_int_equal(validate_score("score", 1.01, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "score");
	assert_string_equal(err.msg,
			    "the final score is a fraction from 0 to 1 (0.7 = 70%), not 1.01");
	assert_int_equal(validate_score("score", -0.1, &err), OKRA_EINVAL);
	assert_int_equal(validate_score("score", 0.0 / 0.0, &err), OKRA_EINVAL);
}

static void
test_r12_health_parsed_with_one_wording(void **state)
{
	struct okra_err err = {0};
	enum health h = HEALTH_NONE;
	char long_text[64];

	(void)state;
	assert_int_equal(validate_health("health", "on_track", &h, &err), 0);
	assert_int_equal(h, HEALTH_ON_TRACK);
	assert_int_equal(validate_health("health", "needs_attention", &h, &err), 0);
	assert_int_equal(h, HEALTH_NEEDS_ATTENTION);
	assert_int_equal(validate_health("health", "at_risk", &h, &err), 0);
	assert_int_equal(h, HEALTH_AT_RISK);

	/* Refused text is named when it is short and plain; h is left alone. */
	assert_int_equal(validate_health("health", "green", &h, &err), OKRA_EINVAL);
	assert_int_equal(h, HEALTH_AT_RISK);
	assert_string_equal(err.field, "health");
	assert_string_equal(err.msg,
			    "health is one of on_track, needs_attention, at_risk (R12), not green");
	assert_int_equal(validate_health("health", "On_Track", &h, &err), OKRA_EINVAL);
	assert_non_null(strstr(err.msg, ", not On_Track"));
	/* "none" is how okra shows that nobody has said yet, not a health one can set. */
	assert_int_equal(validate_health("health", "none", &h, &err), OKRA_EINVAL);

	/* Missing, and odd or long text, get the rule alone. */
	assert_int_equal(validate_health("health", NULL, &h, &err), OKRA_EINVAL);
	assert_string_equal(err.msg, "health is one of on_track, needs_attention, at_risk (R12)");
	assert_int_equal(validate_health("health", "", &h, &err), OKRA_EINVAL);
	assert_string_equal(err.msg, "health is one of on_track, needs_attention, at_risk (R12)");
	assert_int_equal(validate_health("health", "bad\nline", &h, &err), OKRA_EINVAL);
	assert_string_equal(err.msg, "health is one of on_track, needs_attention, at_risk (R12)");
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	assert_int_equal(validate_health("health", long_text, &h, &err), OKRA_EINVAL);
	assert_null(strstr(err.msg, "xxx"));
}

static void
test_r12_health_set_is_one_of_three(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_health_set("health", HEALTH_ON_TRACK, &err), 0);
	assert_int_equal(validate_health_set("health", HEALTH_NEEDS_ATTENTION, &err), 0);
	assert_int_equal(validate_health_set("health", HEALTH_AT_RISK, &err), 0);
	assert_int_equal(validate_health_set("health", HEALTH_NONE, &err), OKRA_EINVAL);
	assert_string_equal(err.msg, "health is one of on_track, needs_attention, at_risk (R12)");
	assert_int_equal(validate_health_set("health", (enum health)9, &err), OKRA_EINVAL);
}

static void
test_r7_contribution_sum_over_100_refused(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_contribution(50, 70, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "contribution");
	assert_non_null(strstr(err.msg, "(R7)"));
	assert_non_null(strstr(err.msg, "120%"));
	assert_non_null(strstr(err.msg, "at most 30% is left"));
	assert_int_equal(validate_contribution(0.001, 100, &err), OKRA_EINVAL);
	assert_int_equal(validate_contribution(0, 0, &err), OKRA_EINVAL);
	assert_int_equal(validate_contribution(-5, 0, &err), OKRA_EINVAL);
	assert_int_equal(validate_contribution(101, 0, &err), OKRA_EINVAL);
	assert_int_equal(validate_contribution(0.0 / 0.0, 0, &err), OKRA_EINVAL);
}

static void
test_r7_contribution_exactly_100_ok(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_contribution(100, 0, &err), 0);
	assert_int_equal(validate_contribution(30, 70, &err), 0);
	/* 33.3 + 33.3 + 33.4: float noise must not refuse an exact 100 */
	assert_int_equal(validate_contribution(33.4, 33.3 + 33.3, &err), 0);
	assert_int_equal(validate_contribution(33.3, 33.3 + 33.4, &err), 0);
	/* 0.2 + 83.9 + 15.9 comes out as 100.00000000000001 */
	assert_true(0.2 + 83.9 + 15.9 > 100);
	assert_int_equal(validate_contribution(15.9, 0.2 + 83.9, &err), 0);
	/* but a real excess, however small, is refused */
	assert_int_equal(validate_contribution(0.2, 99.9, &err), OKRA_EINVAL);
	assert_int_equal(validate_contribution(0.001, 99.9999, &err), OKRA_EINVAL);
}

static void
test_cycle_dates(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_cycle_dates(D("2026-07-01"), D("2026-09-30"), &err), 0);
	assert_int_equal(validate_cycle_dates(D("2026-07-01"), D("2026-07-01"), &err), 0);
	assert_int_equal(validate_cycle_dates(D("2026-07-01"), D("2026-06-30"), &err), OKRA_EINVAL);
	assert_string_equal(err.msg,
			    "the cycle ends on 2026-06-30, before it starts on 2026-07-01");
	assert_int_equal(validate_cycle_dates(DATE_NONE, D("2026-06-30"), &err), OKRA_EINVAL);
}

static void
test_r1_alignment_levels(void **state)
{
	struct cycle year = {.id = 1, .kind = CYCLE_YEAR, .name = "FY2027"};
	struct cycle q3 = {.id = 2, .kind = CYCLE_QUARTER, .name = "FY2027-Q3", .parent = 1};
	struct okra_err err = {0};

	(void)state;
	/* a workstream objective under a company one, or another workstream one */
	assert_int_equal(validate_alignment(LEVEL_WORKSTREAM_QUARTERLY, &q3,
					    LEVEL_COMPANY_QUARTERLY, &q3, &err),
			 0);
	assert_int_equal(validate_alignment(LEVEL_WORKSTREAM_QUARTERLY, &q3,
					    LEVEL_WORKSTREAM_QUARTERLY, &q3, &err),
			 0);
	assert_int_equal(validate_alignment(LEVEL_WORKSTREAM_QUARTERLY, &q3, LEVEL_COMPANY_ANNUAL,
					    &year, &err),
			 0);
	/* a quarterly one under an annual or a quarterly one */
	assert_int_equal(
		validate_alignment(LEVEL_COMPANY_QUARTERLY, &q3, LEVEL_COMPANY_ANNUAL, &year, &err),
		0);
	assert_int_equal(validate_alignment(LEVEL_COMPANY_QUARTERLY, &q3, LEVEL_COMPANY_QUARTERLY,
					    &q3, &err),
			 0);
	assert_int_equal(
		validate_alignment(LEVEL_COMPANY_ANNUAL, &year, LEVEL_COMPANY_ANNUAL, &year, &err),
		0);
	/* never downwards */
	assert_int_equal(validate_alignment(LEVEL_COMPANY_QUARTERLY, &q3,
					    LEVEL_WORKSTREAM_QUARTERLY, &q3, &err),
			 OKRA_EINVAL);
	assert_string_equal(err.field, "parent");
	assert_string_equal(err.msg,
			    "a company quarterly objective cannot align under a "
			    "workstream quarterly one (R1): align to an objective of the "
			    "same or a higher level");
	assert_int_equal(
		validate_alignment(LEVEL_COMPANY_ANNUAL, &year, LEVEL_COMPANY_QUARTERLY, &q3, &err),
		OKRA_EINVAL);
}

static void
test_r1_alignment_cycles(void **state)
{
	struct cycle year = {.id = 1, .kind = CYCLE_YEAR, .name = "FY2027"};
	struct cycle other_year = {.id = 9, .kind = CYCLE_YEAR, .name = "FY2026"};
	struct cycle q2 = {.id = 2, .kind = CYCLE_QUARTER, .name = "FY2027-Q2", .parent = 1};
	struct cycle q3 = {.id = 3, .kind = CYCLE_QUARTER, .name = "FY2027-Q3", .parent = 1};
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(validate_alignment(LEVEL_WORKSTREAM_QUARTERLY, &q3,
					    LEVEL_COMPANY_QUARTERLY, &q2, &err),
			 OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "FY2027-Q2"));
	assert_non_null(strstr(err.msg, "FY2027-Q3"));
	assert_non_null(strstr(err.msg, "(R1)"));
	assert_int_equal(validate_alignment(LEVEL_COMPANY_QUARTERLY, &q3, LEVEL_COMPANY_ANNUAL,
					    &other_year, &err),
			 OKRA_EINVAL);
	assert_int_equal(validate_alignment(LEVEL_COMPANY_ANNUAL, &year, LEVEL_COMPANY_ANNUAL,
					    &other_year, &err),
			 OKRA_EINVAL);
}

static void
test_r4_new_joiner_cannot_be_dri(void **state)
{
	struct person p = {.id = 1, .handle = "pat", .joined_on = 0};
	struct okra_err err = {0};

	(void)state;
	p.joined_on = D("2026-10-01");
	assert_int_equal(validate_dri(&p, D("2026-12-31"), &err), OKRA_EINVAL);
	assert_string_equal(err.field, "dri");
	assert_string_equal(err.msg, "pat joined 2026-10-01 and can be a DRI from 2027-01-01 (R4)");
	assert_int_equal(validate_dri(&p, D("2027-01-01"), &err), 0);
	p.joined_on = D("2027-11-30");
	assert_int_equal(validate_dri(&p, D("2028-02-28"), &err), OKRA_EINVAL);
	assert_string_equal(err.msg, "pat joined 2027-11-30 and can be a DRI from 2028-02-29 (R4)");
	p.joined_on = DATE_NONE;
	assert_int_equal(validate_dri(&p, D("2026-01-01"), &err), 0);
}

static void
retro_fill(struct retro *r, size_t good, size_t bad, size_t try)
{
	size_t i;

	for (i = 0; i < good; i++)
		strlist_push(&r->good, "shipped the cache");
	for (i = 0; i < bad; i++)
		strlist_push(&r->bad, "late start");
	for (i = 0; i < try; i++)
		strlist_push(&r->try, "plan earlier");
}

static int
retro_check(size_t good, size_t bad, size_t try, int final, struct okra_err *err)
{
	struct retro r = {0};
	int rc;

	retro_fill(&r, good, bad, try);
	rc = validate_retro(&r, final, err);
	retro_release(&r);
	return rc;
}

static void
test_r11_final_retro_counts(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(retro_check(2, 2, 2, 1, &err), 0);
	assert_int_equal(retro_check(3, 3, 3, 1, &err), 0);
	assert_int_equal(retro_check(2, 3, 2, 1, &err), 0);
	assert_int_equal(retro_check(2, 1, 2, 1, &err), OKRA_EINVAL);
	assert_string_equal(err.msg,
			    "a final retro needs 2–3 bullets in each of Good, Bad and Try "
			    "(R11): Bad has 1");
	assert_string_equal(err.field, "bad");
	assert_int_equal(retro_check(4, 2, 2, 1, &err), OKRA_EINVAL);
	assert_string_equal(err.msg,
			    "a final retro needs 2–3 bullets in each of Good, Bad and Try "
			    "(R11): Good has 4");
	assert_int_equal(retro_check(2, 2, 0, 1, &err), OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "Try has 0"));
}

static void
test_r11_draft_retro_may_be_partial(void **state)
{
	struct okra_err err = {0};

	(void)state;
	assert_int_equal(retro_check(0, 0, 0, 0, &err), 0);
	assert_int_equal(retro_check(1, 0, 3, 0, &err), 0);
	assert_int_equal(retro_check(1, 0, 4, 0, &err), OKRA_EINVAL);
	assert_string_equal(err.msg,
			    "a retro has at most 3 bullets in each of Good, Bad and Try "
			    "(R11): Try has 4");
}

static void
test_r11_retro_bullets_are_lines(void **state)
{
	struct retro r = {0};
	struct okra_err err = {0};

	(void)state;
	retro_fill(&r, 2, 2, 1);
	strlist_push(&r.try, "two\nlines");
	assert_int_equal(validate_retro(&r, 1, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "try");
	retro_release(&r);
	retro_fill(&r, 1, 0, 0);
	strlist_push(&r.good, "  ");
	assert_int_equal(validate_retro(&r, 0, &err), OKRA_EINVAL);
	assert_string_equal(err.field, "good");
	retro_release(&r);
}

/* A fiscal year is typed as 2027 or FY2027, in range; anything else names the field. */
static void
test_fiscal_year_number(void **state)
{
	static const char *const bad[] = {"",      "FY",      "27",
					  "1999",  "2200",    "2027.0",
					  " 2027", "FY 2027", "99999999999999999999",
					  "2027x", "-2027"};
	struct okra_err err = {0};
	int y = 5;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (validate_fiscal_year("year", bad[i], &y, &err) != OKRA_EINVAL)
			fail_msg("accepted year \"%s\"", bad[i]);
	assert_int_equal(y, 5);
	assert_string_equal(err.field, "year");
	assert_int_equal(validate_fiscal_year("year", NULL, &y, &err), OKRA_EINVAL);
	assert_int_equal(validate_fiscal_year("year", "2027", &y, &err), 0);
	assert_int_equal(y, 2027);
	assert_int_equal(validate_fiscal_year("year", "FY2030", &y, &err), 0);
	assert_int_equal(y, 2030);
	assert_int_equal(validate_fiscal_year("year", "fy2199", &y, &err), 0);
	assert_int_equal(y, 2199);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_checks),
		cmocka_unit_test(test_text_and_line_checks),
		cmocka_unit_test(test_handle_and_email),
		cmocka_unit_test(test_r2_number_parse_strict),
		cmocka_unit_test(test_id_and_date_parse_strict),
		cmocka_unit_test(test_r2_target_equals_start_refused),
		cmocka_unit_test(test_r10_weight_and_progress_ranges),
		cmocka_unit_test(test_r12_health_parsed_with_one_wording),
		cmocka_unit_test(test_r12_health_set_is_one_of_three),
		cmocka_unit_test(test_r7_contribution_sum_over_100_refused),
		cmocka_unit_test(test_r7_contribution_exactly_100_ok),
		cmocka_unit_test(test_cycle_dates),
		cmocka_unit_test(test_r1_alignment_levels),
		cmocka_unit_test(test_r1_alignment_cycles),
		cmocka_unit_test(test_r4_new_joiner_cannot_be_dri),
		cmocka_unit_test(test_r2_amounts_and_readings_are_bounded),
		cmocka_unit_test(test_r11_final_retro_counts),
		cmocka_unit_test(test_r11_draft_retro_may_be_partial),
		cmocka_unit_test(test_r11_retro_bullets_are_lines),
		cmocka_unit_test(test_fiscal_year_number),
	};

	return cmocka_run_group_tests_name("core_validate", tests, NULL, NULL);
}
