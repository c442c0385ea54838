/* test_core_types.c: enum names and parses, string lists, levels (R1, R12) and releasing structs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/types.h"

static void
test_r12_health_parse_accepts_three_names_only(void **state)
{
	(void)state;
	assert_int_equal(health_parse("on_track"), HEALTH_ON_TRACK);
	assert_int_equal(health_parse("needs_attention"), HEALTH_NEEDS_ATTENTION);
	assert_int_equal(health_parse("at_risk"), HEALTH_AT_RISK);
	assert_int_equal(health_parse("green"), -1);
	assert_int_equal(health_parse("none"), -1); /* shown, never set */
	assert_int_equal(health_parse("On_Track"), -1);
	assert_int_equal(health_parse("on track"), -1);
	assert_int_equal(health_parse(""), -1);
	assert_int_equal(health_parse(NULL), -1);
	assert_string_equal(health_name(HEALTH_NONE), "none");
	assert_string_equal(health_name(HEALTH_NEEDS_ATTENTION), "needs_attention");
}

static void
test_enum_names_round_trip(void **state)
{
	int i;

	(void)state;
	for (i = ROLE_VIEWER; i <= ROLE_ADMIN; i++)
		assert_int_equal(role_parse(role_name((enum role)i)), i);
	for (i = HEALTH_ON_TRACK; i <= HEALTH_AT_RISK; i++)
		assert_int_equal(health_parse(health_name((enum health)i)), i);
	for (i = STATE_DRAFT; i <= STATE_CLOSED; i++)
		assert_int_equal(state_parse(state_name((enum obj_state)i)), i);
	for (i = KR_METRIC; i <= KR_CRITERIA; i++)
		assert_int_equal(kr_kind_parse(kr_kind_name((enum kr_kind)i)), i);
	for (i = CYCLE_YEAR; i <= CYCLE_QUARTER; i++)
		assert_int_equal(cycle_kind_parse(cycle_kind_name((enum cycle_kind)i)), i);
	for (i = ITEM_OPEN; i <= ITEM_CLOSED; i++)
		assert_int_equal(item_state_parse(item_state_name((enum item_state)i)), i);
	for (i = SOURCE_MANUAL; i <= SOURCE_INTEGRATION; i++)
		assert_int_equal(source_parse(source_name((enum source)i)), i);
}

static void
test_enum_names_are_the_stored_spellings(void **state)
{
	(void)state;
	/* these strings are in the database, the JSON and the CLI: they must not change */
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
	assert_string_equal(role_name(ROLE_LEADER), "leader");
	assert_string_equal(role_name(ROLE_MEMBER), "member");
	assert_string_equal(role_name(ROLE_VIEWER), "viewer");
	assert_string_equal(state_name(STATE_ACTIVE), "active");
	assert_string_equal(kr_kind_name(KR_CRITERIA), "criteria");
	assert_string_equal(cycle_kind_name(CYCLE_QUARTER), "quarter");
	assert_string_equal(item_state_name(ITEM_CLOSED), "closed");
	assert_string_equal(source_name(SOURCE_INTEGRATION), "integration");
	assert_int_equal(role_parse("root"), -1);
	assert_int_equal(state_parse("open"), -1);
	assert_int_equal(kr_kind_parse("Metric"), -1);
	assert_int_equal(cycle_kind_parse("month"), -1);
	assert_int_equal(item_state_parse("done"), -1);
	assert_int_equal(source_parse(""), -1);
	assert_string_equal(role_name((enum role)42), "unknown");
}

static void
test_r1_objective_level(void **state)
{
	struct objective_row o = {0};

	(void)state;
	o.cycle_kind = CYCLE_YEAR;
	assert_int_equal(objective_level(&o), LEVEL_COMPANY_ANNUAL);
	o.cycle_kind = CYCLE_QUARTER;
	assert_int_equal(objective_level(&o), LEVEL_COMPANY_QUARTERLY);
	o.team = 3;
	assert_int_equal(objective_level(&o), LEVEL_WORKSTREAM_QUARTERLY);
	assert_true(LEVEL_COMPANY_ANNUAL > LEVEL_COMPANY_QUARTERLY);
	assert_true(LEVEL_COMPANY_QUARTERLY > LEVEL_WORKSTREAM_QUARTERLY);
	assert_string_equal(level_name(LEVEL_COMPANY_ANNUAL), "company annual");
	assert_string_equal(level_name(LEVEL_COMPANY_QUARTERLY), "company quarterly");
	assert_string_equal(level_name(LEVEL_WORKSTREAM_QUARTERLY), "workstream quarterly");
}

static void
test_strlist_push_copies(void **state)
{
	struct strlist l = {0};
	char s[8] = "first";
	int i;

	(void)state;
	strlist_push(&l, s);
	s[0] = 'X';
	for (i = 0; i < 20; i++)
		strlist_push(&l, "more");
	assert_int_equal(l.n, 21);
	assert_string_equal(l.v[0], "first");
	assert_string_equal(l.v[20], "more");
	strlist_release(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
	strlist_release(&l); /* twice is harmless */
}

/* An arena list copies its strings into the arena; releasing the arena frees them all. */
static void
test_strlist_push_arena_copies(void **state)
{
	struct arena ar = ARENA_INIT;
	struct strlist l = {0};
	char s[] = "first";

	(void)state;
	strlist_push_arena(&ar, &l, s);
	s[0] = 'X';
	for (int i = 0; i < 20; i++)
		strlist_push_arena(&ar, &l, "more");
	assert_int_equal(l.n, 21);
	assert_string_equal(l.v[0], "first");
	assert_string_equal(l.v[20], "more");
	arena_release(&ar); /* under ASan: nothing leaks, nothing is freed twice */
}

/* Under ASan this proves every owned pointer is freed exactly once. */
static void
test_release_frees_everything(void **state)
{
	struct retro r = {0};

	(void)state;
	strlist_push(&r.good, "g");
	strlist_push(&r.bad, "b");
	strlist_push(&r.try, "t");
	retro_release(&r);
	assert_null(r.good.v);
	retro_release(&r); /* released twice: still no double free */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r12_health_parse_accepts_three_names_only),
		cmocka_unit_test(test_enum_names_round_trip),
		cmocka_unit_test(test_enum_names_are_the_stored_spellings),
		cmocka_unit_test(test_r1_objective_level),
		cmocka_unit_test(test_strlist_push_copies),
		cmocka_unit_test(test_strlist_push_arena_copies),
		cmocka_unit_test(test_release_frees_everything),
	};

	return cmocka_run_group_tests_name("core_types", tests, NULL, NULL);
}
