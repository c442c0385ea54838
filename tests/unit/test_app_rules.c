/* test_app_rules.c: the rules of DESIGN.md §1 (R1–R12) as the use cases enforce them, on a real
 * SQLite file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/store.h"
#include "fixture_app.h"
#include "app/people.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/settings.h"

/* What the tests read lives here; arena_reset(&A) where a read was released. */
static struct arena A = ARENA_INIT;

#define REFUSED(code, call)                                                                        \
	do {                                                                                       \
		int rc_;                                                                           \
		okra_err_clear(&E);                                                                \
		rc_ = (call);                                                                      \
		if (rc_ != (code))                                                                 \
			fail_msg("%s:%d: %s returned %d (%s), expected %s", __FILE__, __LINE__,    \
				 #call, rc_, E.msg, #code);                                        \
		if (!E.msg[0])                                                                     \
			fail_msg("%s:%d: %s refused without a message", __FILE__, __LINE__,        \
				 #call);                                                           \
	} while (0)

#define NEAR(x, y)                                                                                 \
	do {                                                                                       \
		double x_ = (x), y_ = (y);                                                         \
		if (fabs(x_ - y_) > 1e-9)                                                          \
			fail_msg("%s:%d: %s = %.12g, expected %.12g", __FILE__, __LINE__, #x, x_,  \
				 y_);                                                              \
	} while (0)

/*
 * Every test starts from a fresh database in its own temp directory with:
 * alex (admin), sam (leader), pat and kim (members of team platform), rio
 * (member of team saas), vic (viewer, also in team platform), all joined long ago; the year FY2026
 * (calendar year) and its quarters; the clock at Wednesday 2026-08-19 10:00
 * (FY2026-Q3); acting as alex.
 */
static int
setup_empty(void **state)
{
	return fixture_app_open(state, "app");
}

static int
setup(void **state)
{
	struct fx *f;
	struct app *a;
	int64_t id;

	if (setup_empty(state))
		return -1;
	f = *state;
	a = &f->a;
	act(a, NULL); /* the system, to make the first admin */
	staff(a);
	team(a, "platform", "pat", "kim");
	team(a, "saas", "rio", NULL);
	/* A viewer in a team still only reads. */
	OK(app_team_join(a, "platform", "vic", &E));
	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &id, &E));
	return 0;
}

static int
add_obj(struct app *a, const char *cycle, const char *team_slug, int64_t parent, const char *dri,
	const char *title, int64_t *id)
{
	struct objective_input in = {
		.cycle = cycle, .team = team_slug, .parent = parent, .dri = dri, .title = title};

	okra_err_clear(&E);
	*id = 0;
	return app_objective_add(a, &in, id, &E);
}

static int64_t
obj(struct app *a, const char *cycle, const char *team_slug, int64_t parent, const char *dri,
    const char *title)
{
	int64_t id;

	OK(add_obj(a, cycle, team_slug, parent, dri, title, &id));
	return id;
}

static int
add_metric(struct app *a, int64_t objective, const char *dri, double start, double target,
	   double weight, int64_t *id)
{
	struct kr_input in = {.objective = objective,
			      .title = "A measured result",
			      .dri = dri,
			      .kind = KR_METRIC,
			      .unit = "%",
			      .start = start,
			      .target = target,
			      .weight = weight};

	okra_err_clear(&E);
	return app_kr_add(a, &in, id, &E);
}

static int64_t
metric(struct app *a, int64_t objective, const char *dri, double start, double target,
       double weight)
{
	int64_t id;

	OK(add_metric(a, objective, dri, start, target, weight, &id));
	return id;
}

static int
checkin(struct app *a, int64_t kr, double value, enum health h)
{
	struct checkin_input in = {.key_result = kr, .has_value = 1, .value = value, .health = h};
	int64_t id;

	okra_err_clear(&E);
	return app_checkin(a, &in, &id, &E);
}

static int
status(struct app *a, int64_t objective, enum health h, const int64_t *krs, size_t n)
{
	struct status_line lines[8];
	struct status_input in = {.objective = objective, .health = h, .lines = lines, .nlines = n};
	int64_t id;

	for (size_t i = 0; i < n; i++) {
		lines[i].key_result = krs[i];
		lines[i].line = (char *)"moving along";
	}
	okra_err_clear(&E);
	return app_status(a, &in, &id, &E);
}

static int
edit_title(struct app *a, int64_t id, const char *title)
{
	struct objective_edit e = {.title = title};

	okra_err_clear(&E);
	return app_objective_edit(a, id, &e, &E);
}

/* The stored objective row (in A). */
static struct objective_row
row(struct app *a, int64_t id)
{
	struct objective_row o = {0};

	OK(store_objective_get(a->db, &A, id, &o, &E));
	return o;
}

static void
assert_title(struct app *a, int64_t id, const char *title)
{
	struct objective_row o = row(a, id);

	assert_string_equal(o.title, title);
	arena_reset(&A);
}

/* Progress of objective id in the rolled-up tree of cycle; with kr != 0, that KR's. */
static double
progress_of(struct app *a, const char *cycle, int64_t id, int64_t kr)
{
	struct app_tree t;
	size_t i;
	double p = NAN;

	OK(app_tree(a, &A, cycle, &t, &E));
	i = app_tree_find(&t, id);
	if (i == (size_t)-1)
		fail_msg("objective %lld is not in the tree of %s", (long long)id, cycle);
	if (!kr)
		p = t.v[i].progress;
	for (size_t k = 0; kr && k < t.v[i].nkrs; k++)
		if (t.v[i].krs[k].id == kr)
			p = t.v[i].krs[k].progress;
	arena_reset(&A);
	if (isnan(p))
		fail_msg("key result %lld is not on objective %lld", (long long)kr, (long long)id);
	return p;
}

/* ---- R1: roles ---------------------------------------------------------------------------- */

static void
test_R1_member_cannot_create_company_objective(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t id;

	act(a, "pat");
	REFUSED(OKRA_EFORBIDDEN, add_obj(a, "FY2026-Q3", NULL, 0, "pat", "Company goal", &id));
	REFUSED(OKRA_EFORBIDDEN, add_obj(a, "FY2026", NULL, 0, "pat", "Annual goal", &id));
	assert_int_equal(id, 0);
}

static void
test_R1_member_cannot_edit_company_objective_even_as_its_dri(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", NULL, 0, "pat", "Company goal");
	int64_t kr;

	act(a, "pat");
	REFUSED(OKRA_EFORBIDDEN, edit_title(a, o, "Changed by a member"));
	REFUSED(OKRA_EFORBIDDEN, add_metric(a, o, "pat", 0, 10, 0, &kr));
	assert_title(a, o, "Company goal");
}

static void
test_R1_member_creates_and_edits_own_team_objective(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o;

	act(a, "pat");
	o = obj(a, "FY2026-Q3", "platform", 0, "kim", "Platform goal");
	OK(edit_title(a, o, "Platform goal, sharper"));
	metric(a, o, "pat", 0, 10, 0);
	/* Another member of the team, not the DRI, edits too. */
	act(a, "kim");
	OK(edit_title(a, o, "Platform goal, sharper still"));
	assert_title(a, o, "Platform goal, sharper still");
}

static void
test_R1_member_cannot_create_or_edit_another_teams_objective(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o, id, kr;

	act(a, "rio");
	o = obj(a, "FY2026-Q3", "saas", 0, "rio", "SaaS goal");
	kr = metric(a, o, "rio", 0, 10, 0);
	act(a, "pat");
	REFUSED(OKRA_EFORBIDDEN, edit_title(a, o, "Taken over"));
	REFUSED(OKRA_EFORBIDDEN, add_obj(a, "FY2026-Q3", "saas", 0, "pat", "Not mine", &id));
	REFUSED(OKRA_EFORBIDDEN, add_metric(a, o, "pat", 0, 10, 0, &id));
	REFUSED(OKRA_EFORBIDDEN, checkin(a, kr, 5, HEALTH_ON_TRACK));
	assert_title(a, o, "SaaS goal");
}

static void
test_R1_member_checks_in_on_kr_they_are_dri_of_in_another_team(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "saas", 0, "rio", "SaaS goal");
	int64_t kr = metric(a, o, "pat", 0, 10, 0);

	act(a, "pat");
	OK(checkin(a, kr, 5, HEALTH_ON_TRACK));
	NEAR(progress_of(a, "FY2026-Q3", o, kr), 0.5);
	/* But the objective itself stays the other team's. */
	REFUSED(OKRA_EFORBIDDEN, edit_title(a, o, "Taken over"));
}

static void
test_R1_leader_creates_and_edits_company_objectives(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t annual, q;
	int64_t id;

	act(a, "sam");
	annual = obj(a, "FY2026", NULL, 0, "sam", "Annual goal");
	q = obj(a, "FY2026-Q3", NULL, annual, "pat", "Quarter goal");
	OK(edit_title(a, annual, "Annual goal, sharper"));
	OK(edit_title(a, q, "Quarter goal, sharper"));
	metric(a, q, "sam", 0, 10, 0);
	/* Leaders edit workstream OKRs too, and plan cycles. */
	id = obj(a, "FY2026-Q3", "saas", q, "rio", "SaaS goal");
	OK(edit_title(a, id, "SaaS goal, sharper"));
	OK(app_cycle_add(a, "FY2026-H2", CYCLE_QUARTER, date("2026-07-01"), date("2026-09-30"),
			 NULL, &id, &E));
	assert_title(a, annual, "Annual goal, sharper");
}

static void
test_R1_viewer_cannot_write_anything(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t kr = metric(a, o, "pat", 0, 10, 0);
	int64_t ckr = criteria_kr(a, o, "pat");
	int64_t id, changed;
	struct person p = {.handle = (char *)"newbie",
			   .name = (char *)"Newbie",
			   .role = ROLE_MEMBER,
			   .joined_on = DATE_NONE};
	struct kr_edit ke = {.title = "Renamed"};

	OK(app_criterion_add(a, ckr, "g/p#1", 50, NULL, &id, &E));
	act(a, "vic");
	REFUSED(OKRA_EFORBIDDEN, add_obj(a, "FY2026-Q3", "platform", 0, "pat", "Mine", &id));
	REFUSED(OKRA_EFORBIDDEN, add_obj(a, "FY2026-Q3", NULL, 0, "pat", "Mine", &id));
	REFUSED(OKRA_EFORBIDDEN, edit_title(a, o, "Viewed"));
	REFUSED(OKRA_EFORBIDDEN, add_metric(a, o, "pat", 0, 10, 0, &id));
	REFUSED(OKRA_EFORBIDDEN, app_kr_edit(a, kr, &ke, &E));
	REFUSED(OKRA_EFORBIDDEN, app_criterion_add(a, ckr, "g/p#2", 10, NULL, &id, &E));
	REFUSED(OKRA_EFORBIDDEN, app_initiative_add(a, kr, "Work", NULL, &id, &E));
	REFUSED(OKRA_EFORBIDDEN, app_link_add(a, o, "g/p#3", NULL, &id, &E));
	REFUSED(OKRA_EFORBIDDEN, checkin(a, kr, 5, HEALTH_ON_TRACK));
	REFUSED(OKRA_EFORBIDDEN, status(a, o, HEALTH_ON_TRACK, (int64_t[]){kr, ckr}, 2));
	REFUSED(OKRA_EFORBIDDEN, retro(a, o, 2, 2, 2, 0));
	REFUSED(OKRA_EFORBIDDEN, app_objective_close(a, o, &E));
	REFUSED(OKRA_EFORBIDDEN,
		app_ref_set_state(a, "g/p#1", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
	REFUSED(OKRA_EFORBIDDEN, app_person_add(a, &p, &id, &E));
	REFUSED(OKRA_EFORBIDDEN, app_team_add(a, "viewers", "Viewers", NULL, &id, &E));
	REFUSED(OKRA_EFORBIDDEN, app_team_join(a, "platform", "vic", &E));
	REFUSED(OKRA_EFORBIDDEN, app_cycle_add(a, "FY2030", CYCLE_YEAR, date("2030-01-01"),
					       date("2030-12-31"), NULL, &id, &E));
	REFUSED(OKRA_EFORBIDDEN, app_cycle_year(a, "FY2031", date("2031-01-01"), &id, &E));
	REFUSED(OKRA_EFORBIDDEN, app_setting_set(a, "update_weekday", "monday", &E));
	assert_title(a, o, "Platform goal");
}

/* A viewer made DRI (if that is allowed at all) still only reads. */
static void
test_R1_viewer_who_is_dri_still_cannot_write(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o, kr;

	if (add_obj(a, "FY2026-Q3", "platform", 0, "vic", "Viewed goal", &o) != 0)
		return; /* refusing a viewer as DRI is a fine answer too */
	kr = metric(a, o, "vic", 0, 10, 0);
	act(a, "vic");
	REFUSED(OKRA_EFORBIDDEN, checkin(a, kr, 5, HEALTH_ON_TRACK));
	REFUSED(OKRA_EFORBIDDEN, status(a, o, HEALTH_ON_TRACK, &kr, 1));
	REFUSED(OKRA_EFORBIDDEN, retro(a, o, 2, 2, 2, 0));
	REFUSED(OKRA_EFORBIDDEN, edit_title(a, o, "Viewed and changed"));
}

static void
test_R1_system_actor_exists_only_until_the_first_admin(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t root, second;

	act(a, NULL);
	assert_int_equal(a->actor.id, 0);
	assert_int_equal(a->actor.role, ROLE_ADMIN);
	/* A member first: still no admin, so still the system. */
	person(a, "mo", ROLE_MEMBER, NULL);
	act(a, NULL);
	assert_int_equal(a->actor.id, 0);
	root = person(a, "root", ROLE_ADMIN, NULL);
	act(a, NULL);
	assert_int_equal(a->actor.id, root);
	assert_string_equal(a->actor.handle, "root");
	/* The first admin stays "NULL", whoever comes later. */
	second = person(a, "second", ROLE_ADMIN, NULL);
	assert_true(second > root);
	act(a, NULL);
	assert_int_equal(a->actor.id, root);
	/* Acting as someone who does not exist is refused. */
	REFUSED(OKRA_ENOTFOUND, app_act_as(a, "nobody", &E));
}

/* ---- R1: alignment ------------------------------------------------------------------------ */

static void
test_R1_annual_objective_cannot_align_under_quarterly(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t q = obj(a, "FY2026-Q3", NULL, 0, "sam", "Quarter goal");
	int64_t w = obj(a, "FY2026-Q3", "platform", 0, "pat", "Workstream goal");
	int64_t id;

	REFUSED(OKRA_EINVAL, add_obj(a, "FY2026", NULL, q, "sam", "Annual goal", &id));
	/* Company quarterly under a workstream one: lower level, refused too. */
	REFUSED(OKRA_EINVAL, add_obj(a, "FY2026-Q3", NULL, w, "sam", "Quarter goal 2", &id));
	/* And by edit. */
	{
		int64_t annual = obj(a, "FY2026", NULL, 0, "sam", "Annual goal");
		struct objective_edit e = {.set_parent = 1, .parent = q};
		struct objective_row r;

		REFUSED(OKRA_EINVAL, app_objective_edit(a, annual, &e, &E));
		r = row(a, annual);
		assert_int_equal(r.parent, 0);
		arena_reset(&A);
	}
}

static void
test_R1_workstream_objective_aligns_under_company_ones(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t annual = obj(a, "FY2026", NULL, 0, "sam", "Annual goal");
	int64_t q = obj(a, "FY2026-Q3", NULL, annual, "sam", "Quarter goal");
	int64_t q2 = obj(a, "FY2026-Q2", NULL, annual, "sam", "Last quarter's goal");
	int64_t w1, w2, w3, id;
	struct objective_row r;

	w1 = obj(a, "FY2026-Q3", "platform", q, "pat", "Under the quarter");
	w2 = obj(a, "FY2026-Q3", "platform", annual, "pat", "Under the year");
	w3 = obj(a, "FY2026-Q3", "saas", w1, "rio", "Under a workstream one");
	r = row(a, w1);
	assert_int_equal(r.parent, q);
	arena_reset(&A);
	r = row(a, w2);
	assert_int_equal(r.parent, annual);
	arena_reset(&A);
	r = row(a, w3);
	assert_int_equal(r.parent, w1);
	arena_reset(&A);
	/* But not under another quarter's objective. */
	REFUSED(OKRA_EINVAL, add_obj(a, "FY2026-Q3", "platform", q2, "pat", "Wrong quarter", &id));
	/* Nor into a loop. */
	{
		struct objective_edit e = {.set_parent = 1, .parent = w3};

		REFUSED(OKRA_EINVAL, app_objective_edit(a, w1, &e, &E));
	}
}

static void
test_R1_workstream_objective_in_a_year_cycle_refused(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t annual = obj(a, "FY2026", NULL, 0, "sam", "Annual goal");
	int64_t id;

	REFUSED(OKRA_EINVAL, add_obj(a, "FY2026", "platform", 0, "pat", "Yearly team goal", &id));
	REFUSED(OKRA_EINVAL,
		add_obj(a, "FY2026", "platform", annual, "pat", "Yearly team goal", &id));
}

/* ---- R2 ------------------------------------------------------------------------------------ */

static void
test_R2_metric_target_equal_to_start_refused(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t id, kr;
	struct kr_edit e = {.set_target = 1, .target = 800};
	struct key_result k = {0};

	REFUSED(OKRA_EINVAL, add_metric(a, o, "pat", 5, 5, 0, &id));
	/* Target below start is fine: reduce p95 latency from 800 ms to 200 ms. */
	kr = metric(a, o, "pat", 800, 200, 0);
	REFUSED(OKRA_EINVAL, app_kr_edit(a, kr, &e, &E));
	OK(store_kr_get(a->db, &A, kr, &k, &E));
	NEAR(k.target, 200);
	arena_reset(&A);
	OK(checkin(a, kr, 500, HEALTH_ON_TRACK));
	NEAR(progress_of(a, "FY2026-Q3", o, kr), 0.5);
}

/* ---- R4 ------------------------------------------------------------------------------------ */

static void
test_R4_new_joiner_cannot_be_dri_until_three_calendar_months(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t id, o, kr;
	struct objective_edit e = {.dri = "noor"};
	struct kr_edit ke = {.dri = "noor"};
	struct person p = {0};

	person(a, "noor", ROLE_MEMBER, "2026-08-31");
	OK(app_team_join(a, "platform", "noor", &E));
	/* 2026-08-31 + 3 calendar months = 2026-11-30 (November has 30 days). */
	clock_at(a, "2026-11-29T23:59");
	o = obj(a, "FY2026-Q4", "platform", 0, "pat", "Platform goal");
	kr = metric(a, o, "pat", 0, 10, 0);
	REFUSED(OKRA_EINVAL, add_obj(a, "FY2026-Q4", "platform", 0, "noor", "Noor's goal", &id));
	if (!strstr(E.msg, "2026-11-30"))
		fail_msg("the refusal should name the date noor can be DRI: %s", E.msg);
	REFUSED(OKRA_EINVAL, add_metric(a, o, "noor", 0, 10, 0, &id));
	REFUSED(OKRA_EINVAL, app_objective_edit(a, o, &e, &E));
	REFUSED(OKRA_EINVAL, app_kr_edit(a, kr, &ke, &E));
	OK(store_person_by_handle(a->db, &A, "noor", &p, &E));
	assert_true(app_is_new_joiner(&p, a->today));
	assert_false(app_is_new_joiner(&p, date("2026-11-30")));

	clock_at(a, "2026-11-30T00:00");
	OK(add_obj(a, "FY2026-Q4", "platform", 0, "noor", "Noor's goal", &id));
	OK(add_metric(a, o, "noor", 0, 10, 0, &id));
	OK(app_objective_edit(a, o, &e, &E));
	OK(app_kr_edit(a, kr, &ke, &E));
	arena_reset(&A);
}

/* ---- R7 ------------------------------------------------------------------------------------ */

static void
test_R7_contributions_over_100_refused_exactly_100_ok(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t ckr = criteria_kr(a, o, "pat");
	int64_t mkr = metric(a, o, "pat", 0, 10, 0);
	int64_t id;
	double total = -1;

	OK(app_criterion_add(a, ckr, "g/p#1", 50, "API", &id, &E));
	OK(app_criterion_add(a, ckr, "g/p#2", 30, "UI", &id, &E));
	REFUSED(OKRA_EINVAL, app_criterion_add(a, ckr, "g/p#3", 21, "Too much", &id, &E));
	OK(app_criterion_add(a, ckr, "g/p#3", 20, "Just enough", &id, &E));
	OK(store_criteria_total(a->db, ckr, 0, &total, &E));
	NEAR(total, 100);
	REFUSED(OKRA_EINVAL, app_criterion_add(a, ckr, "g/p#4", 0.5, "Over by a half", &id, &E));
	OK(store_criteria_total(a->db, ckr, 0, &total, &E));
	NEAR(total, 100);
	/* A single criterion over 100, and criteria on a metric KR, are refused. */
	{
		int64_t other = criteria_kr(a, o, "pat");

		REFUSED(OKRA_EINVAL, app_criterion_add(a, other, "g/p#5", 101, NULL, &id, &E));
		REFUSED(OKRA_EINVAL, app_criterion_add(a, other, "g/p#5", 0, NULL, &id, &E));
		OK(app_criterion_add(a, other, "g/p#5", 100, NULL, &id, &E));
	}
	REFUSED(OKRA_EINVAL, app_criterion_add(a, mkr, "g/p#6", 10, NULL, &id, &E));
}

/* ---- R9 ------------------------------------------------------------------------------------ */

static void
test_R9_closing_a_criterion_moves_kr_and_rolls_up_reopen_reverses(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t parent = obj(a, "FY2026-Q3", NULL, 0, "sam", "Company goal");
	int64_t o = obj(a, "FY2026-Q3", "platform", parent, "pat", "Platform goal");
	int64_t ckr = criteria_kr(a, o, "pat");
	int64_t mkr = metric(a, o, "pat", 0, 10, 0);
	int64_t id, changed = -1;
	struct checkin *c = NULL;
	size_t n = 0;

	OK(app_criterion_add(a, ckr, "g/p#1", 50, NULL, &id, &E));
	OK(app_criterion_add(a, ckr, "g/p#2", 30, NULL, &id, &E));
	OK(app_criterion_add(a, ckr, "g/p#3", 20, NULL, &id, &E));
	NEAR(progress_of(a, "FY2026-Q3", o, ckr), 0);
	(void)mkr;

	act(a, "pat");
	OK(app_ref_set_state(a, "g/p#1", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
	assert_int_equal(changed, 1);
	NEAR(progress_of(a, "FY2026-Q3", o, ckr), 0.5);
	NEAR(progress_of(a, "FY2026-Q3", o, 0), 0.25); /* (0.5 + 0) / 2 */
	NEAR(progress_of(a, "FY2026-Q3", parent, 0), 0.25);
	OK(store_checkins_of_kr(a->db, &A, ckr, &c, &n, &E));
	assert_int_equal(n, 1);
	NEAR(c[0].progress, 0.5);
	assert_int_equal(c[0].source, SOURCE_MANUAL);
	assert_string_equal(c[0].author_handle, "pat");
	assert_non_null(strstr(c[0].note, "g/p#1"));
	arena_reset(&A);

	/* Closing again changes nothing and records nothing. */
	OK(app_ref_set_state(a, "g/p#1", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
	assert_int_equal(changed, 0);

	OK(app_ref_set_state(a, "g/p#1", ITEM_OPEN, SOURCE_MANUAL, &changed, &E));
	assert_int_equal(changed, 1);
	NEAR(progress_of(a, "FY2026-Q3", o, ckr), 0);
	NEAR(progress_of(a, "FY2026-Q3", parent, 0), 0);

	/* Closed by an integration (a webhook): the check-in says so. */
	act(a, NULL);
	OK(app_ref_set_state(a, "g/p#2", ITEM_CLOSED, SOURCE_INTEGRATION, &changed, &E));
	OK(app_ref_set_state(a, "g/p#3", ITEM_CLOSED, SOURCE_INTEGRATION, &changed, &E));
	NEAR(progress_of(a, "FY2026-Q3", o, ckr), 0.5);
	OK(store_checkins_of_kr(a->db, &A, ckr, &c, &n, &E));
	assert_int_equal(n, 4);
	NEAR(c[1].progress, 0);
	assert_int_equal(c[3].source, SOURCE_INTEGRATION);
	NEAR(c[3].progress, 0.5);
	arena_reset(&A);

	/* An unknown ref is not found. */
	REFUSED(OKRA_ENOTFOUND,
		app_ref_set_state(a, "g/p#99", ITEM_CLOSED, SOURCE_MANUAL, &changed, &E));
}

static void
test_R9_criteria_kr_refuses_value_checkin(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t ckr = criteria_kr(a, o, "pat");
	struct checkin_input ok = {.key_result = ckr, .health = HEALTH_ON_TRACK, .note = "fine"};
	int64_t id;

	REFUSED(OKRA_EINVAL, checkin(a, ckr, 0.7, HEALTH_ON_TRACK));
	OK(app_checkin(a, &ok, &id, &E));
}

/* ---- R10 ----------------------------------------------------------------------------------- */

static void
test_R10_objective_progress_is_never_set_by_hand(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", NULL, 0, "sam", "Company goal");
	struct objective_edit e = {.set_progress = 1, .title = "Also a new title"};
	struct objective_row r;

	REFUSED(OKRA_EINVAL, app_objective_edit(a, o, &e, &E));
	assert_non_null(strstr(E.msg, "R10"));
	r = row(a, o);
	assert_string_equal(r.title, "Company goal");
	assert_int_equal(r.version, 1);
	arena_reset(&A);
}

static void
test_R10_weighted_rollup_of_kr_weights_and_child_objective_weights(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t p = obj(a, "FY2026-Q3", NULL, 0, "sam", "Company goal");
	int64_t ka = metric(a, p, "sam", 0, 100, 1);
	int64_t kb = metric(a, p, "sam", 0, 100, 3);
	int64_t c, d, kc, kd;
	struct objective_input in = {.cycle = "FY2026-Q3",
				     .team = "platform",
				     .parent = p,
				     .dri = "pat",
				     .title = "Heavy child",
				     .weight = 2};

	OK(app_objective_add(a, &in, &c, &E));
	kc = metric(a, c, "pat", 0, 10, 0);
	d = obj(a, "FY2026-Q3", "saas", p, "rio", "Light child");
	kd = metric(a, d, "rio", 0, 10, 0);
	OK(checkin(a, ka, 100, HEALTH_ON_TRACK)); /* 1.0 */
	OK(checkin(a, kb, 50, HEALTH_ON_TRACK));  /* 0.5 */
	OK(checkin(a, kc, 20, HEALTH_ON_TRACK));  /* raw 2.0, clamps to 1 */
	OK(checkin(a, kd, -5, HEALTH_AT_RISK));   /* raw -0.5, clamps to 0 */

	NEAR(progress_of(a, "FY2026-Q3", c, kc), 2.0);
	NEAR(progress_of(a, "FY2026-Q3", d, kd), -0.5);
	NEAR(progress_of(a, "FY2026-Q3", c, 0), 1.0);
	NEAR(progress_of(a, "FY2026-Q3", d, 0), 0.0);
	/* (1·1 + 3·0.5 + 2·1 + 1·0) / (1 + 3 + 2 + 1) */
	NEAR(progress_of(a, "FY2026-Q3", p, 0), 4.5 / 7);

	/* Re-weighting the child by edit moves the parent. */
	{
		struct objective_edit e = {.set_weight = 1, .weight = 1};

		OK(app_objective_edit(a, c, &e, &E));
		NEAR(progress_of(a, "FY2026-Q3", p, 0), 3.5 / 6);
	}
}

/* A weight given is validated as it is: 0 is refused, not taken for "unset" (the default, 1). */
static void
test_R10_a_weight_given_as_0_is_refused_one_left_out_is_1(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t p = obj(a, "FY2026-Q3", NULL, 0, "sam", "Company goal");
	int64_t id = 0;
	struct objective_input oin = {
		.cycle = "FY2026-Q3", .dri = "sam", .title = "Weighed at nothing", .has_weight = 1};
	struct kr_input kin = {.objective = p,
			       .title = "A measured result",
			       .dri = "sam",
			       .kind = KR_METRIC,
			       .unit = "%",
			       .start = 0,
			       .target = 10,
			       .has_weight = 1};

	okra_err_clear(&E);
	REFUSED(OKRA_EINVAL, app_objective_add(a, &oin, &id, &E));
	assert_string_equal(E.field, "weight");
	assert_non_null(strstr(E.msg, "weight must be more than 0 and at most 100"));
	okra_err_clear(&E);
	REFUSED(OKRA_EINVAL, app_kr_add(a, &kin, &id, &E));
	assert_string_equal(E.field, "weight");
	kin.weight = 2.5;
	OK(app_kr_add(a, &kin, &id, &E));
	/* Left out, the weight is the default. */
	oin.has_weight = 0;
	OK(app_objective_add(a, &oin, &id, &E));
}

/* ---- R11 ----------------------------------------------------------------------------------- */

static void
test_R11_close_needs_a_final_retro_with_2_to_3_bullets_each(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	struct objective_row r;
	struct retro rr = {0};
	int exists = 0;

	act(a, "pat");
	REFUSED(OKRA_ESTATE, app_objective_close(a, o, &E));
	assert_non_null(strstr(E.msg, "retro"));
	OK(retro(a, o, 1, 0, 0, 0)); /* a partial draft is fine */
	REFUSED(OKRA_ESTATE, app_objective_close(a, o, &E));
	REFUSED(OKRA_EINVAL, retro(a, o, 1, 2, 2, 1));
	REFUSED(OKRA_EINVAL, retro(a, o, 2, 2, 4, 1));
	REFUSED(OKRA_EINVAL, retro(a, o, 2, 0, 2, 1));
	REFUSED(OKRA_EINVAL, retro(a, o, 4, 0, 0, 0)); /* even a draft has at most 3 */
	/* The refused finals left the draft as it was. */
	OK(store_retro_get(a->db, o, &rr, &exists, &E));
	assert_true(exists);
	assert_int_equal(rr.good.n, 1);
	assert_int_equal(rr.final_at, 0);
	retro_release(&rr);
	REFUSED(OKRA_ESTATE, app_objective_close(a, o, &E));

	OK(retro(a, o, 2, 3, 2, 1));
	OK(app_objective_close(a, o, &E));
	r = row(a, o);
	assert_int_equal(r.state, STATE_CLOSED);
	arena_reset(&A);
	REFUSED(OKRA_ESTATE, app_objective_close(a, o, &E));
}

static void
test_R11_closed_objective_is_read_only(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t kr = metric(a, o, "pat", 0, 10, 0);
	int64_t ckr = criteria_kr(a, o, "pat");
	int64_t id, changed = -1;
	struct kr_edit ke = {.title = "Renamed"};
	struct objective_edit st = {.state = "active"};
	struct objective_row r;

	OK(app_criterion_add(a, ckr, "g/p#1", 40, NULL, &id, &E));
	OK(app_link_add(a, o, "g/p&1", "Epic", &id, &E));
	OK(retro(a, o, 2, 2, 2, 1));
	OK(app_objective_close(a, o, &E));

	REFUSED(OKRA_ESTATE, checkin(a, kr, 5, HEALTH_ON_TRACK));
	REFUSED(OKRA_ESTATE, status(a, o, HEALTH_ON_TRACK, (int64_t[]){kr, ckr}, 2));
	REFUSED(OKRA_ESTATE, retro(a, o, 3, 3, 3, 1));
	REFUSED(OKRA_ESTATE, edit_title(a, o, "Reopened by edit"));
	REFUSED(OKRA_ESTATE, app_objective_edit(a, o, &st, &E));
	REFUSED(OKRA_ESTATE, add_metric(a, o, "pat", 0, 10, 0, &id));
	REFUSED(OKRA_ESTATE, app_kr_edit(a, kr, &ke, &E));
	REFUSED(OKRA_ESTATE, app_criterion_add(a, ckr, "g/p#2", 10, NULL, &id, &E));
	REFUSED(OKRA_ESTATE, app_initiative_add(a, kr, "More work", NULL, &id, &E));
	REFUSED(OKRA_ESTATE, app_link_add(a, o, "g/p&2", NULL, &id, &E));
	/* Nothing new aligns under it. */
	REFUSED(OKRA_ESTATE, add_obj(a, "FY2026-Q3", "platform", o, "pat", "Child", &id));
	/* A ref closing elsewhere leaves its criteria and links alone. */
	OK(app_ref_set_state(a, "g/p#1", ITEM_CLOSED, SOURCE_INTEGRATION, &changed, &E));
	assert_int_equal(changed, 0);
	OK(app_ref_set_state(a, "g/p&1", ITEM_CLOSED, SOURCE_INTEGRATION, &changed, &E));
	assert_int_equal(changed, 0);
	NEAR(progress_of(a, "FY2026-Q3", o, ckr), 0);

	r = row(a, o);
	assert_int_equal(r.state, STATE_CLOSED);
	assert_string_equal(r.title, "Platform goal");
	arena_reset(&A);
}

/* ---- R8: status lines --------------------------------------------------------------------- */

static void
test_R8_status_needs_exactly_one_line_per_kr(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t other = obj(a, "FY2026-Q3", "platform", 0, "pat", "Other goal");
	int64_t empty = obj(a, "FY2026-Q3", "platform", 0, "pat", "Goal without KRs");
	int64_t k1 = metric(a, o, "pat", 0, 10, 0);
	int64_t k2 = metric(a, o, "kim", 0, 10, 0);
	int64_t k3 = metric(a, other, "pat", 0, 10, 0);
	struct status_update *s = NULL;
	size_t n = 0;

	act(a, "pat");
	REFUSED(OKRA_EINVAL, status(a, o, HEALTH_ON_TRACK, (int64_t[]){k1}, 1));
	REFUSED(OKRA_EINVAL, status(a, o, HEALTH_ON_TRACK, (int64_t[]){k1, k1, k2}, 3));
	REFUSED(OKRA_EINVAL, status(a, o, HEALTH_ON_TRACK, (int64_t[]){k1, k2, k1}, 3));
	REFUSED(OKRA_EINVAL, status(a, o, HEALTH_ON_TRACK, (int64_t[]){k1, k2, k3}, 3));
	REFUSED(OKRA_EINVAL, status(a, o, HEALTH_ON_TRACK, (int64_t[]){k1, k3}, 2));
	REFUSED(OKRA_EINVAL, status(a, o, HEALTH_ON_TRACK, NULL, 0));
	REFUSED(OKRA_ESTATE, status(a, empty, HEALTH_ON_TRACK, NULL, 0));
	OK(store_status_of_objective(a->db, &A, o, &s, &n, &E));
	assert_int_equal(n, 0);
	arena_reset(&A);

	OK(status(a, o, HEALTH_NEEDS_ATTENTION, (int64_t[]){k2, k1}, 2));
	OK(store_status_of_objective(a->db, &A, o, &s, &n, &E));
	assert_int_equal(n, 1);
	assert_int_equal(s[0].nlines, 2);
	assert_int_equal(s[0].health, HEALTH_NEEDS_ATTENTION);
	assert_string_equal(s[0].author_handle, "pat");
	arena_reset(&A);
	{
		struct objective_row r = row(a, o);

		assert_int_equal(r.health, HEALTH_NEEDS_ATTENTION);
		arena_reset(&A);
	}
}

/* ---- R12 ----------------------------------------------------------------------------------- */

static void
test_R12_health_required_on_checkin_and_status(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t kr = metric(a, o, "pat", 0, 10, 0);
	struct key_result k = {0};

	REFUSED(OKRA_EINVAL, checkin(a, kr, 5, HEALTH_NONE));
	REFUSED(OKRA_EINVAL, checkin(a, kr, 5, (enum health)7));
	REFUSED(OKRA_EINVAL, checkin(a, kr, 5, (enum health) - 1));
	REFUSED(OKRA_EINVAL, status(a, o, HEALTH_NONE, &kr, 1));
	REFUSED(OKRA_EINVAL, status(a, o, (enum health)9, &kr, 1));
	OK(store_kr_get(a->db, &A, kr, &k, &E));
	NEAR(k.current, 0);
	assert_int_equal(k.last_checkin_at, 0);
	arena_reset(&A);
	OK(checkin(a, kr, 5, HEALTH_AT_RISK));
	OK(store_kr_get(a->db, &A, kr, &k, &E));
	assert_int_equal(k.health, HEALTH_AT_RISK);
	arena_reset(&A);
}

/* ---- R8 / R4: the due list ---------------------------------------------------------------- */

static int
due_has(const struct due_list *d, const char *handle, int64_t objective, int64_t kr)
{
	for (size_t i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].handle, handle) && d->v[i].objective == objective &&
		    d->v[i].key_result == kr)
			return 1;
	return 0;
}

static size_t
due_count(struct app *a, const char *day)
{
	struct due_list d;
	size_t n;

	OK(app_due(a, date(day), &d, &E));
	n = d.n;
	due_list_release(&d);
	return n;
}

static void
test_R8_due_lists_each_kr_dri_and_the_objective_dri(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t k1 = metric(a, o, "kim", 0, 10, 0);
	int64_t k2 = metric(a, o, "pat", 0, 10, 0);
	struct due_list d;

	OK(app_due(a, date("2026-08-19"), &d, &E));
	assert_int_equal(d.day, date("2026-08-19"));
	assert_int_equal(d.update_day, date("2026-08-19"));
	assert_int_equal(d.n, 3);
	assert_true(due_has(&d, "kim", o, k1));
	assert_true(due_has(&d, "pat", o, k2));
	assert_true(due_has(&d, "pat", o, 0));
	/* Sorted by handle. */
	assert_string_equal(d.v[0].handle, "kim");
	due_list_release(&d);

	OK(checkin(a, k1, 3, HEALTH_ON_TRACK));
	OK(status(a, o, HEALTH_ON_TRACK, (int64_t[]){k1, k2}, 2));
	OK(app_due(a, date("2026-08-19"), &d, &E));
	assert_int_equal(d.n, 1);
	assert_true(due_has(&d, "pat", o, k2));
	due_list_release(&d);
}

static void
test_R4_due_leaves_out_new_joiners(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t k1, k2;
	struct due_list d;

	/* Joined 2026-05-20: a new joiner until 2026-08-20. */
	person(a, "noor", ROLE_MEMBER, "2026-05-20");
	k1 = metric(a, o, "pat", 0, 10, 0);
	clock_at(a, "2026-08-20T09:00");
	k2 = metric(a, o, "noor", 0, 10, 0);

	OK(app_due(a, date("2026-08-19"), &d, &E));
	assert_false(due_has(&d, "noor", o, k2));
	assert_true(due_has(&d, "pat", o, k1));
	assert_int_equal(d.n, 2); /* pat's KR and pat's status */
	due_list_release(&d);

	OK(app_due(a, date("2026-08-26"), &d, &E));
	assert_true(due_has(&d, "noor", o, k2));
	assert_int_equal(d.n, 3);
	due_list_release(&d);
}

static void
test_R8_due_leaves_out_closed_draft_and_not_running(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t closed = obj(a, "FY2026-Q3", "platform", 0, "pat", "Closed goal");
	int64_t later = obj(a, "FY2026-Q4", "platform", 0, "pat", "Next quarter's goal");
	int64_t annual = obj(a, "FY2026", NULL, 0, "sam", "Annual goal");
	int64_t draft, live, kl;
	struct objective_input in = {.cycle = "FY2026-Q3",
				     .team = "platform",
				     .dri = "pat",
				     .title = "Draft goal",
				     .draft = 1};
	struct objective_edit to_active = {.state = "active"};
	struct due_list d;

	metric(a, closed, "pat", 0, 10, 0);
	metric(a, later, "pat", 0, 10, 0);
	OK(app_objective_add(a, &in, &draft, &E));
	metric(a, draft, "kim", 0, 10, 0);
	OK(retro(a, closed, 2, 2, 2, 1));
	OK(app_objective_close(a, closed, &E));
	live = obj(a, "FY2026-Q3", "saas", 0, "rio", "Live goal");
	kl = metric(a, live, "rio", 0, 10, 0);

	OK(app_due(a, date("2026-08-19"), &d, &E));
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].objective != live)
			fail_msg("objective %lld (%s) should not be due",
				 (long long)d.v[i].objective, d.v[i].title);
	assert_true(due_has(&d, "rio", live, kl));
	assert_true(due_has(&d, "rio", live, 0));
	due_list_release(&d);

	/* The annual objective has no KRs: no status due, and no KR due either. */
	(void)annual;
	/* A draft made active becomes due. */
	OK(app_objective_edit(a, draft, &to_active, &E));
	assert_int_equal(due_count(a, "2026-08-19"), 4);
	/* Next quarter's goal is due once its quarter runs. */
	OK(app_due(a, date("2026-10-07"), &d, &E));
	assert_true(due_has(&d, "pat", later, 0));
	assert_false(due_has(&d, "rio", live, 0));
	due_list_release(&d);
}

static void
test_R15_due_tuesday_checkin_counts_for_the_coming_update_day(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t o = obj(a, "FY2026-Q3", "platform", 0, "pat", "Platform goal");
	int64_t kr = metric(a, o, "kim", 0, 10, 0);
	int64_t ckr = criteria_kr(a, o, "kim");
	int64_t id, changed;
	struct due_list d;

	OK(app_criterion_add(a, ckr, "g/p#1", 100, NULL, &id, &E));
	/* Tuesday 2026-08-18, the day before the update day: it counts for Wednesday 08-19. */
	act(a, "kim");
	clock_at(a, "2026-08-18T16:00");
	OK(checkin(a, kr, 2, HEALTH_ON_TRACK));
	OK(app_due(a, date("2026-08-18"), &d, &E));
	assert_int_equal(d.update_day, date("2026-08-19"));
	assert_false(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	OK(app_due(a, date("2026-08-19"), &d, &E));
	assert_false(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	/* The window's last day, Saturday 08-22; Sunday 08-23 opens the next one. */
	OK(app_due(a, date("2026-08-22"), &d, &E));
	assert_int_equal(d.update_day, date("2026-08-19"));
	assert_false(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	OK(app_due(a, date("2026-08-23"), &d, &E));
	assert_int_equal(d.update_day, date("2026-08-26"));
	assert_true(due_has(&d, "kim", o, kr));
	due_list_release(&d);

	/* A check-in on Sunday 08-23, the window's first day, counts for Wednesday 08-26. */
	clock_at(a, "2026-08-23T00:00");
	OK(checkin(a, kr, 3, HEALTH_ON_TRACK));
	OK(app_due(a, date("2026-08-26"), &d, &E));
	assert_false(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	OK(app_due(a, date("2026-08-29"), &d, &E));
	assert_false(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	OK(app_due(a, date("2026-08-30"), &d, &E));
	assert_true(due_has(&d, "kim", o, kr));
	due_list_release(&d);

	/* An integration moving the criteria KR is not the DRI's update. */
	act(a, NULL);
	OK(app_ref_set_state(a, "g/p#1", ITEM_CLOSED, SOURCE_INTEGRATION, &changed, &E));
	OK(app_due(a, date("2026-08-26"), &d, &E));
	assert_true(due_has(&d, "kim", o, ckr));
	due_list_release(&d);
}

static void
test_R15_due_update_day_across_a_year_end(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t id, o, kr;
	struct due_list d;

	OK(app_cycle_year(a, "FY2027", date("2027-01-01"), &id, &E));
	clock_at(a, "2027-01-01T09:00");
	o = obj(a, "FY2027-Q1", "platform", 0, "pat", "New year goal");
	kr = metric(a, o, "kim", 0, 10, 0);

	/* Friday 2027-01-01 belongs to Wednesday 2026-12-30, Tuesday 01-05 to Wednesday 01-06. */
	OK(app_due(a, date("2027-01-01"), &d, &E));
	assert_int_equal(d.update_day, date("2026-12-30"));
	assert_true(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	OK(app_due(a, date("2027-01-05"), &d, &E));
	assert_int_equal(d.update_day, date("2027-01-06"));
	due_list_release(&d);

	clock_at(a, "2026-12-26T12:00"); /* Saturday: the window of Wednesday 12-23 */
	OK(checkin(a, kr, 1, HEALTH_ON_TRACK));
	OK(app_due(a, date("2027-01-01"), &d, &E));
	assert_true(due_has(&d, "kim", o, kr));
	due_list_release(&d);

	clock_at(a, "2026-12-29T12:00"); /* Tuesday, the day before the update day */
	OK(checkin(a, kr, 2, HEALTH_ON_TRACK));
	OK(app_due(a, date("2026-12-30"), &d, &E));
	assert_false(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	OK(app_due(a, date("2027-01-02"), &d, &E));
	assert_false(due_has(&d, "kim", o, kr));
	due_list_release(&d);
	OK(app_due(a, date("2027-01-03"), &d, &E));
	assert_int_equal(d.update_day, date("2027-01-06"));
	assert_true(due_has(&d, "kim", o, kr));
	due_list_release(&d);

	/* The update weekday is a setting (R8): Friday 01-01 is nearest Monday 01-04. */
	OK(app_setting_set(a, "update_weekday", "monday", &E));
	OK(app_due(a, date("2027-01-01"), &d, &E));
	assert_int_equal(d.update_day, date("2027-01-04"));
	due_list_release(&d);
}

/* ---- R14: alignment and the weight in a parent's roll-up ---------------------------------- */

static int
add_weighed(struct app *a, const char *team_slug, int64_t parent, const char *dri, double weight,
	    int64_t *id)
{
	struct objective_input in = {.cycle = "FY2026-Q3",
				     .team = team_slug,
				     .parent = parent,
				     .dri = dri,
				     .title = "Aligned",
				     .weight = weight,
				     .has_weight = weight > 0};

	okra_err_clear(&E);
	*id = 0;
	return app_objective_add(a, &in, id, &E);
}

static int
realign(struct app *a, int64_t id, int set_parent, int64_t parent, double weight)
{
	struct objective_edit e = {.set_parent = set_parent,
				   .parent = parent,
				   .set_weight = weight > 0,
				   .weight = weight};

	okra_err_clear(&E);
	return app_objective_edit(a, id, &e, &E);
}

static double
weight_of(struct app *a, int64_t id)
{
	double w = row(a, id).weight;

	arena_reset(&A);
	return w;
}

/* A member aligns under a company objective with weight 1 only: a heavier child cannot drag it. */
static void
test_R14_member_aligns_under_company_objective_with_weight_1(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t p = obj(a, "FY2026-Q3", NULL, 0, "sam", "Company goal");
	int64_t kp = metric(a, p, "sam", 0, 100, 1);
	int64_t c, c2;

	OK(checkin(a, kp, 60, HEALTH_ON_TRACK));
	act(a, "pat");
	REFUSED(OKRA_EFORBIDDEN, add_weighed(a, "platform", p, "pat", 100, &c));
	assert_int_equal(c, 0);
	assert_string_equal(E.field, "weight");
	assert_non_null(strstr(E.msg, "pat may not edit objective"));
	assert_non_null(strstr(E.msg, "a leader or an admin"));
	assert_null(strstr(E.msg, "(R"));
	OK(add_weighed(a, "platform", p, "pat", 1, &c));
	OK(add_weighed(a, "platform", p, "pat", 0, &c2));
	NEAR(weight_of(a, c2), 1);
	/* Re-weighing it by edit is refused too; 1 and the same weight are not. */
	REFUSED(OKRA_EFORBIDDEN, realign(a, c, 0, 0, 100));
	NEAR(weight_of(a, c), 1);
	OK(realign(a, c, 0, 0, 1));
	OK(realign(a, c, 1, p, 1));
	/* The parent's progress: (1·0.6 + 1·0 + 1·0) / 3, not dragged to 0. */
	NEAR(progress_of(a, "FY2026-Q3", p, 0), 0.2);
	/* A leader may weigh it. */
	act(a, "sam");
	OK(realign(a, c, 0, 0, 5));
	NEAR(weight_of(a, c), 5);
	/* The member edits other fields, or gives the same weight back: the leader's stands. */
	act(a, "pat");
	OK(edit_title(a, c, "Aligned, retitled"));
	OK(realign(a, c, 1, p, 5));
	NEAR(weight_of(a, c), 5);
	REFUSED(OKRA_EFORBIDDEN, realign(a, c, 0, 0, 7));
	OK(realign(a, c, 0, 0, 1));
	NEAR(weight_of(a, c), 1);
}

/* Aligning under another team's objective needs the right to edit it; under one's own it is free.
 */
static void
test_R14_aligning_under_another_teams_objective_needs_its_edit_right(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int64_t s, own, c, free_one;

	act(a, "rio");
	s = obj(a, "FY2026-Q3", "saas", 0, "rio", "SaaS goal");
	act(a, "pat");
	REFUSED(OKRA_EFORBIDDEN, add_weighed(a, "platform", s, "pat", 0, &c));
	assert_string_equal(E.field, "parent");
	assert_non_null(strstr(E.msg, "a member of team saas, its DRI rio, a leader or an admin"));
	REFUSED(OKRA_EFORBIDDEN, add_weighed(a, "platform", s, "pat", 1, &c));
	own = obj(a, "FY2026-Q3", "platform", 0, "kim", "Platform goal");
	OK(add_weighed(a, "platform", own, "pat", 40, &c));
	NEAR(weight_of(a, c), 40);
	free_one = obj(a, "FY2026-Q3", "platform", 0, "pat", "Not aligned");
	/* By edit: re-parenting under saas's objective is refused, and changes nothing. */
	REFUSED(OKRA_EFORBIDDEN, realign(a, c, 1, s, 0));
	assert_int_equal(row(a, c).parent, own);
	arena_reset(&A);
	REFUSED(OKRA_EFORBIDDEN, realign(a, free_one, 1, s, 1));
	/* A member of both teams may. */
	act(a, NULL);
	OK(app_team_join(a, "saas", "kim", &E));
	act(a, "kim");
	OK(realign(a, c, 1, s, 0));
	NEAR(weight_of(a, c), 40);
	/* Under saas's objective, pat (not in saas) may not re-weigh it but to 1. */
	act(a, "pat");
	REFUSED(OKRA_EFORBIDDEN, realign(a, c, 0, 0, 3));
	assert_string_equal(E.field, "weight");
	NEAR(weight_of(a, c), 40);
	OK(realign(a, c, 0, 0, 1));
	NEAR(weight_of(a, c), 1);
	/* Re-parenting under a company objective without a weight makes it 1. */
	act(a, "sam");
	{
		int64_t p = obj(a, "FY2026-Q3", NULL, 0, "sam", "Company goal");

		act(a, "pat");
		REFUSED(OKRA_EFORBIDDEN, realign(a, c, 1, p, 40));
		OK(realign(a, c, 1, p, 0));
		NEAR(weight_of(a, c), 1);
		assert_int_equal(row(a, c).parent, p);
		arena_reset(&A);
	}
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_R1_member_cannot_create_company_objective),
		T(test_R1_member_cannot_edit_company_objective_even_as_its_dri),
		T(test_R1_member_creates_and_edits_own_team_objective),
		T(test_R1_member_cannot_create_or_edit_another_teams_objective),
		T(test_R1_member_checks_in_on_kr_they_are_dri_of_in_another_team),
		T(test_R1_leader_creates_and_edits_company_objectives),
		T(test_R1_viewer_cannot_write_anything),
		T(test_R1_viewer_who_is_dri_still_cannot_write),
		cmocka_unit_test_setup_teardown(
			test_R1_system_actor_exists_only_until_the_first_admin, setup_empty,
			teardown),
		T(test_R1_annual_objective_cannot_align_under_quarterly),
		T(test_R1_workstream_objective_aligns_under_company_ones),
		T(test_R1_workstream_objective_in_a_year_cycle_refused),
		T(test_R2_metric_target_equal_to_start_refused),
		T(test_R4_new_joiner_cannot_be_dri_until_three_calendar_months),
		T(test_R7_contributions_over_100_refused_exactly_100_ok),
		T(test_R9_closing_a_criterion_moves_kr_and_rolls_up_reopen_reverses),
		T(test_R9_criteria_kr_refuses_value_checkin),
		T(test_R10_objective_progress_is_never_set_by_hand),
		T(test_R10_weighted_rollup_of_kr_weights_and_child_objective_weights),
		T(test_R10_a_weight_given_as_0_is_refused_one_left_out_is_1),
		T(test_R11_close_needs_a_final_retro_with_2_to_3_bullets_each),
		T(test_R11_closed_objective_is_read_only),
		T(test_R8_status_needs_exactly_one_line_per_kr),
		T(test_R12_health_required_on_checkin_and_status),
		T(test_R8_due_lists_each_kr_dri_and_the_objective_dri),
		T(test_R4_due_leaves_out_new_joiners),
		T(test_R8_due_leaves_out_closed_draft_and_not_running),
		T(test_R15_due_tuesday_checkin_counts_for_the_coming_update_day),
		T(test_R15_due_update_day_across_a_year_end),
		T(test_R14_member_aligns_under_company_objective_with_weight_1),
		T(test_R14_aligning_under_another_teams_objective_needs_its_edit_right),
	};
#undef T
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
