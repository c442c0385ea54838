/* fixture_app.h: the app tests' shared fixture: an app on a fresh database, helpers to fill it. */
#ifndef OKRA_TESTS_FIXTURE_APP_H
#define OKRA_TESTS_FIXTURE_APP_H

/* Calls app_*, so only tests/unit/test_app_*.c may include it. */
#include "fixture.h"

#include "app/app.h"
#include "core/calendar.h"
#include "store/store.h"
#include "app/people.h"
#include "app/objectives.h"
#include "app/updates.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"

struct fx {
	char dir[FIXTURE_DIR_SIZE];
	char path[FIXTURE_PATH_SIZE];
	struct app a;
};

static void
clock_at(struct app *a, const char *instant)
{
	int64_t t;

	if (cal_parse_instant(instant, &t) < 0)
		fail_msg("bad instant in test: %s", instant);
	app_set_now(a, t);
}

static void
act(struct app *a, const char *handle)
{
	OK(app_act_as(a, handle, &E));
}

static int64_t
person(struct app *a, const char *handle, enum role role, const char *joined)
{
	struct person p = {.handle = handle,
			   .name = handle,
			   .role = role,
			   .joined_on = joined ? date(joined) : DATE_NONE};
	int64_t id = 0;

	OK(app_person_add(a, &p, &id, &E));
	return id;
}

static void
team(struct app *a, const char *slug, const char *m1, const char *m2)
{
	struct strlist m = {0};
	int64_t id;

	if (m1)
		strlist_push(&m, m1);
	if (m2)
		strlist_push(&m, m2);
	OK(app_team_add(a, slug, slug, &m, &id, &E));
	strlist_release(&m);
}

/*
 * The people every app test starts from, in this order (ids 1 to 6): alex
 * (admin, added by whoever is acting), then as nobody sam (leader), pat, kim
 * and rio (members) and vic (viewer), all joined 2020-01-01.
 */
static void
staff(struct app *a)
{
	person(a, "alex", ROLE_ADMIN, "2020-01-01");
	act(a, NULL);
	person(a, "sam", ROLE_LEADER, "2020-01-01");
	person(a, "pat", ROLE_MEMBER, "2020-01-01");
	person(a, "kim", ROLE_MEMBER, "2020-01-01");
	person(a, "rio", ROLE_MEMBER, "2020-01-01");
	person(a, "vic", ROLE_VIEWER, "2020-01-01");
}

static int64_t
criteria_kr(struct app *a, int64_t objective, const char *dri)
{
	struct kr_input in = {
		.objective = objective, .title = "Ship it", .dri = dri, .kind = KR_CRITERIA};
	int64_t id;

	OK(app_kr_add(a, &in, &id, &E));
	return id;
}

/* A retro with ng/nb/nt bullets in Good/Bad/Try. */
static int
retro(struct app *a, int64_t objective, size_t ng, size_t nb, size_t nt, int final)
{
	struct strlist g = {0}, b = {0}, t = {0};
	char s[32];
	int rc;

	for (size_t i = 0; i < ng; i++) {
		snprintf(s, sizeof(s), "good %zu", i + 1);
		strlist_push(&g, s);
	}
	for (size_t i = 0; i < nb; i++) {
		snprintf(s, sizeof(s), "bad %zu", i + 1);
		strlist_push(&b, s);
	}
	for (size_t i = 0; i < nt; i++) {
		snprintf(s, sizeof(s), "try %zu", i + 1);
		strlist_push(&t, s);
	}
	okra_err_clear(&E);
	rc = app_retro(a, objective, &g, &b, &t, final, &E);
	strlist_release(&g);
	strlist_release(&b);
	strlist_release(&t);
	return rc;
}

/*
 * A new struct fx in *state: OKRA_NOW unset, the app open on a fresh
 * database in /tmp/okra-test-NAME-XXXXXX, nobody in it yet, the clock at
 * Wednesday 2026-08-19 10:00; 0, or -1 having said why and left nothing
 * behind.
 */
static int
fixture_app_open(void **state, const char *name)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct okra_err err = {0};

	if (!f)
		return -1;
	unsetenv("OKRA_NOW");
	if (fixture_mkdir(f->dir, f->path, name)) {
		free(f);
		return -1;
	}
	if (app_open(&f->a, f->path, &err) != 0) {
		fprintf(stderr, "app_open: %s\n", err.msg);
		remove_tree(f->dir);
		free(f);
		return -1;
	}
	clock_at(&f->a, "2026-08-19T10:00");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	app_close(&f->a);
	remove_tree(f->dir);
	free(f);
	return 0;
}

#pragma GCC diagnostic pop

#endif
