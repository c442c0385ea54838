/* test_app_group.c: use cases through group commit: committed on return, refusals leave nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "fixture_app.h"
#include "app/people.h"
#include "app/reads.h"

/* What the tests read lives here; arena_reset(&A) where a read was done with. */
static struct arena A = ARENA_INIT;

/* The group of the fixture's database (NULL on PostgreSQL); f->a has joined it. */
static struct db_group *group;

static int
setup(void **state)
{
	struct fx *f;

	if (fixture_app_open(state, "appgroup"))
		return -1;
	f = *state;
	OK(app_act_as(&f->a, NULL, &E));
	OK(app_group_open(&group, f->path, &E));
	app_join_group(&f->a, group);
	person(&f->a, "alex", ROLE_ADMIN, NULL);
	OK(app_act_as(&f->a, NULL, &E));
	return 0;
}

static int
teardown_group(void **state)
{
	struct fx *f = *state;

	app_close(&f->a);
	app_group_close(group);
	group = NULL;
	remove_tree(f->dir);
	free(f);
	return 0;
}

static void
test_group_only_for_sqlite(void **state)
{
	(void)state;
	if (fixture_is_pg())
		assert_null(group);
	else
		assert_non_null(group);
}

static void
test_write_is_committed_when_the_use_case_returns(void **state)
{
	struct fx *f = *state;
	struct app other;
	struct person p = {0}, dup = {.handle = "ana",
				      .name = "Ana again",
				      .role = ROLE_MEMBER,
				      .joined_on = DATE_NONE};
	int64_t rev_a, rev_b, before, id;

	/* another request's connection: it sees only what was committed */
	OK(app_open(&other, f->path, &E));
	OK(app_revision(&other, &before, &E));
	person(&f->a, "ana", ROLE_MEMBER, NULL);
	OK(app_person(&other, &A, "ana", &p, &E));
	assert_string_equal(p.name, "ana");
	arena_reset(&A);
	OK(app_revision(&f->a, &rev_a, &E));
	OK(app_revision(&other, &rev_b, &E));
	assert_true(rev_b > before);
	assert_int_equal(rev_a, rev_b);

	/* refused inside its transaction: no row, no audit, the revision stays */
	assert_true(app_person_add(&f->a, &dup, &id, &E) < 0);
	OK(app_revision(&other, &rev_b, &E));
	assert_int_equal(rev_b, rev_a);
	OK(app_person(&other, &A, "ana", &p, &E));
	assert_string_equal(p.name, "ana");
	arena_reset(&A);
	app_close(&other);
}

static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The server's writer: writes of several requests join one batch, committed by the flush. */
static void
test_deferred_writes_commit_together_on_flush(void **state)
{
	struct fx *f = *state;
	struct app other;
	struct db_group_ticket *t1, *t2, *late;
	struct person p = {0};
	struct person dup = {
		.handle = "bo", .name = "Bo again", .role = ROLE_MEMBER, .joined_on = DATE_NONE};
	int64_t before, rev, id;

	if (!group)
		return; /* PostgreSQL: no group, every write commits itself */
	OK(app_open(&other, f->path, &E));
	OK(app_revision(&other, &before, &E));
	t1 = app_ticket_new();
	t2 = app_ticket_new();
	app_defer_commits(&f->a, t1, monotonic_ms());
	person(&f->a, "bo", ROLE_MEMBER, NULL);
	app_defer_commits(&f->a, t2, monotonic_ms());
	person(&f->a, "cy", ROLE_MEMBER, NULL);
	/* a refused write in the batch leaves nothing and does not fail it */
	assert_true(app_person_add(&f->a, &dup, &id, &E) < 0);
	app_defer_commits(&f->a, NULL, 0);
	/* not committed yet: another connection sees neither */
	OK(app_revision(&other, &rev, &E));
	assert_int_equal(rev, before);
	app_group_flush(&f->a);
	OK(app_ticket_result(t1, &E));
	OK(app_ticket_result(t2, &E));
	OK(app_revision(&other, &rev, &E));
	assert_true(rev > before);
	OK(app_person(&other, &A, "bo", &p, &E));
	OK(app_person(&other, &A, "cy", &p, &E));
	arena_reset(&A);

	/* a request past its one deadline writes nothing: OKRA_EBUSY at once */
	late = app_ticket_new();
	app_defer_commits(&f->a, late, monotonic_ms() - 6000);
	dup.handle = "dee";
	assert_int_equal(app_person_add(&f->a, &dup, &id, &E), OKRA_EBUSY);
	app_defer_commits(&f->a, NULL, 0);
	app_group_flush(&f->a);
	OK(app_ticket_result(late, &E));
	assert_int_equal(app_person(&other, &A, "dee", &p, &E), OKRA_ENOTFOUND);
	arena_reset(&A);
	app_ticket_free(t1);
	app_ticket_free(t2);
	app_ticket_free(late);
	app_close(&other);
}

enum { THREADS = 4, EACH = 15 };

struct adder {
	const char *path;
	int id;
	int rc;
	char msg[sizeof(((struct okra_err *)0)->msg)];
};

static void *
add_people(void *arg)
{
	struct adder *w = arg;
	struct okra_err err = {0};
	struct app a;
	char handle[32];

	if ((w->rc = app_open(&a, w->path, &err)) < 0 || (w->rc = app_act_as(&a, NULL, &err)) < 0)
		goto out;
	app_join_group(&a, group);
	for (int i = 0; i < EACH && w->rc == 0; i++) {
		struct person p = {.handle = handle,
				   .name = handle,
				   .role = ROLE_MEMBER,
				   .joined_on = DATE_NONE};
		int64_t id;

		snprintf(handle, sizeof(handle), "t%d-%d", w->id, i);
		w->rc = app_person_add(&a, &p, &id, &err);
	}
	app_close(&a);
out:
	snprintf(w->msg, sizeof(w->msg), "%s", err.msg);
	return NULL;
}

static void
test_threads_write_through_one_group(void **state)
{
	struct fx *f = *state;
	struct adder w[THREADS] = {0};
	pthread_t th[THREADS];
	struct app_group_stats st0 = {0}, st = {0};
	struct person *v = NULL;
	size_t n = 0;

	if (group)
		app_group_stats(group, &st0);
	for (int i = 0; i < THREADS; i++) {
		w[i].path = f->path;
		w[i].id = i;
		assert_int_equal(pthread_create(&th[i], NULL, add_people, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		if (w[i].rc)
			fail_msg("writer %d: %s", i, w[i].msg);
	}
	OK(app_people(&f->a, &A, &v, &n, &E));
	assert_int_equal(n, 1 + THREADS * EACH);
	arena_reset(&A);
	if (!group)
		return;
	app_group_stats(group, &st);
	assert_int_equal(st.jobs - st0.jobs, THREADS * EACH);
	assert_true(st.commits - st0.commits <= st.jobs - st0.jobs);
	assert_int_equal(st.failed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_group_only_for_sqlite, setup, teardown_group),
		cmocka_unit_test_setup_teardown(test_write_is_committed_when_the_use_case_returns,
						setup, teardown_group),
		cmocka_unit_test_setup_teardown(test_deferred_writes_commit_together_on_flush,
						setup, teardown_group),
		cmocka_unit_test_setup_teardown(test_threads_write_through_one_group, setup,
						teardown_group),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
