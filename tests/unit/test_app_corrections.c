/* test_app_corrections.c: corrections with history kept (app/corrections.h) on a real SQLite
 * file: who may amend or retract an update and until when, the KR and the roll-up following,
 * reopening, removing and deleting drafts, each with its audit row. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/corrections.h"
#include "app/reads.h"
#include "app/tree.h"
#include "fixture_app.h"

static struct arena A = ARENA_INIT;

#define REFUSED(code, call)                                                                        \
	do {                                                                                       \
		int rc_;                                                                           \
		okra_err_clear(&E);                                                                \
		rc_ = (call);                                                                      \
		if (rc_ != (code))                                                                 \
			fail_msg("%s:%d: %s returned %d (%s), expected %s", __FILE__, __LINE__,    \
				 #call, rc_, E.msg, #code);                                        \
	} while (0)

#define NEAR(x, y) assert_true(fabs((x) - (y)) < 1e-9)

/* The staff, team platform (pat, kim), FY2026; objective 1 (pat) with a metric KR 0..100 (pat)
 * and a criteria KR (kim) with criteria of 60% (closed) and 40%; Wednesday 2026-08-19. */
static int64_t O, K1, K2, C1;

static int
setup(void **state)
{
	struct objective_input oi = {
		.cycle = "FY2026-Q3", .team = "platform", .dri = "pat", .title = "Ship it well"};
	struct kr_input ki = {
		.title = "Faster", .dri = "pat", .kind = KR_METRIC, .unit = "ms", .target = 100};
	struct app *a;
	int64_t id, changed;

	if (fixture_app_open(state, "corr"))
		return -1;
	a = &((struct fx *)*state)->a;
	act(a, NULL);
	staff(a);
	team(a, "platform", "pat", "kim");
	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &id, &E));
	clock_at(a, "2026-08-19T10:00");
	act(a, "pat");
	OK(app_objective_add(a, &oi, &O, &E));
	ki.objective = O;
	OK(app_kr_add(a, &ki, &K1, &E));
	K2 = criteria_kr(a, O, "kim");
	OK(app_criterion_add(a, K2, "g/p#1", 60, NULL, &C1, &E));
	OK(app_criterion_add(a, K2, "g/p#2", 40, NULL, &id, &E));
	OK(app_ref_set_state(a, "g/p#1", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
	return 0;
}

static double
progress_of(struct app *a, int64_t kr_or_0)
{
	struct app_tree t = {0};
	struct objective *o;
	size_t idx;
	double p;

	arena_reset(&A);
	OK(app_objective_tree(a, &A, O, &t, &idx, &E));
	o = &t.v[idx];
	p = o->progress;
	for (size_t i = 0; i < o->nkrs; i++)
		if (o->krs[i].id == kr_or_0)
			p = o->krs[i].progress;
	return p;
}

static void
checkin_amended_and_retracted(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct checkin_input ci = {
		.key_result = K1, .has_value = 1, .value = 40, .health = HEALTH_ON_TRACK};
	struct checkin_amend am = {.has_value = 1, .value = 60};
	int64_t id;

	OK(app_checkin(a, &ci, &id, &E));
	NEAR(progress_of(a, 0), 0.5);
	act(a, "kim");
	REFUSED(OKRA_EFORBIDDEN, app_checkin_amend(a, id, &am, &E));
	assert_non_null(strstr(E.msg, "only its author or a leader or admin"));
	act(a, "vic");
	REFUSED(OKRA_EFORBIDDEN, app_checkin_retract(a, id, &E));
	act(a, "pat");
	OK(app_checkin_amend(a, id, &am, &E));
	NEAR(progress_of(a, K1), 0.6);
	NEAR(progress_of(a, 0), 0.6);
	act(a, "sam"); /* a leader */
	OK(app_checkin_retract(a, id, &E));
	NEAR(progress_of(a, K1), 0);
	NEAR(progress_of(a, 0), 0.3);
}

static void
window_ends_on_the_next_update_day(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct checkin_input ci = {
		.key_result = K1, .has_value = 1, .value = 40, .health = HEALTH_ON_TRACK};
	struct checkin_amend am = {.has_health = 1, .health = HEALTH_AT_RISK};
	int64_t id;

	assert_int_equal(cal_correctable_until(date("2026-08-19"), 3), date("2026-08-26"));
	assert_int_equal(cal_correctable_until(date("2026-08-25"), 3), date("2026-09-02"));
	assert_int_equal(cal_correctable_until(date("2026-08-22"), 3), date("2026-08-26"));
	OK(app_checkin(a, &ci, &id, &E));
	clock_at(a, "2026-08-25T23:00");
	OK(app_checkin_amend(a, id, &am, &E));
	clock_at(a, "2026-08-26T00:00");
	REFUSED(OKRA_ESTATE, app_checkin_amend(a, id, &am, &E));
	assert_non_null(strstr(E.msg, "until the update day 2026-08-26"));
	assert_int_equal(app_may_correct_update(a, 3, a->now - 86400 * 7), 0);
}

static void
removed_and_reopened(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct objective_input di = {.cycle = "FY2026-Q3",
				     .team = "platform",
				     .dri = "pat",
				     .title = "Maybe",
				     .draft = 1};
	struct audit_row *rows = NULL;
	size_t n = 0;
	int64_t d, dk;

	NEAR(progress_of(a, K2), 0.6);
	act(a, "vic");
	REFUSED(OKRA_EFORBIDDEN, app_criterion_remove(a, C1, &E));
	act(a, "pat");
	OK(app_criterion_remove(a, C1, &E));
	NEAR(progress_of(a, K2), 0);
	REFUSED(OKRA_ENOTFOUND, app_criterion_remove(a, C1, &E));
	REFUSED(OKRA_ESTATE, app_objective_delete(a, O, &E));
	OK(app_objective_add(a, &di, &d, &E));
	dk = criteria_kr(a, d, "pat");
	OK(app_kr_delete(a, dk, &E));
	OK(app_objective_delete(a, d, &E));
	REFUSED(OKRA_ENOTFOUND, app_objective_delete(a, d, &E));
	act(a, "sam");
	OK(app_audit_list(a,
			  &(struct audit_query){.entity = "objective", .entity_id = d, .limit = 10},
			  &rows, &n, &E));
	assert_true(n >= 2);
	assert_string_equal(rows[0].action, "delete");
	assert_non_null(strstr(rows[0].before, "Maybe"));
	for (size_t i = 0; i < n; i++)
		audit_row_release(&rows[i]);
	free(rows);
	REFUSED(OKRA_ESTATE, app_objective_reopen(a, O, "why", &E));
	REFUSED(OKRA_EINVAL, app_objective_reopen(a, O, "", &E));
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(checkin_amended_and_retracted),
		T(window_ends_on_the_next_update_day),
		T(removed_and_reopened),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return rc;
}
