/* test_app_job.c: a periodic job of okra serve: its ticks on a store connection of its own, the
 * store that cannot open said at each tick (and tried again), nothing ticking after the stop. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/job.h"
#include "fixture_app.h"
#include "app/people.h"
#include "app/reads.h"
#include "util/arena.h"

/* What the job's thread saw, read by the test's under the lock. */
struct seen {
	pthread_mutex_t lock;
	struct app *main_app; /* the test's own connection */
	int ticks, unopened, own_connection, people;
	char why[256];
};

static void
count_tick(struct app *a, void *p)
{
	struct seen *s = p;
	struct arena ar = ARENA_INIT;
	struct person *v;
	size_t n = 0;

	if (app_people(a, &ar, &v, &n, NULL) < 0)
		n = 0;
	arena_release(&ar);
	pthread_mutex_lock(&s->lock);
	s->ticks++;
	s->own_connection += a != s->main_app;
	s->people = (int)n;
	pthread_mutex_unlock(&s->lock);
}

static void
count_unopened(const char *msg, void *p)
{
	struct seen *s = p;

	pthread_mutex_lock(&s->lock);
	s->unopened++;
	snprintf(s->why, sizeof(s->why), "%s", msg);
	pthread_mutex_unlock(&s->lock);
}

/* Wait (however long a busy machine takes) until *counter reaches at least n. */
static void
wait_for(struct seen *s, const int *counter, int n)
{
	const struct timespec pause = {0, 5 * 1000 * 1000};

	for (;;) {
		int v;

		pthread_mutex_lock(&s->lock);
		v = *counter;
		pthread_mutex_unlock(&s->lock);
		if (v >= n)
			return;
		nanosleep(&pause, NULL);
	}
}

static int
setup(void **state)
{
	struct fx *f;

	setenv("OKRA_SCHEDULER_TICK_MS", "10", 1);
	if (fixture_app_open(state, "appjob"))
		return -1;
	f = *state;
	act(&f->a, NULL);
	person(&f->a, "alex", ROLE_ADMIN, NULL);
	act(&f->a, NULL);
	return 0;
}

static void
test_job_ticks_on_its_own_connection_until_stopped(void **state)
{
	struct fx *f = *state;
	struct seen s = {.main_app = &f->a};
	struct app_job *j = NULL;
	int after_stop;

	pthread_mutex_init(&s.lock, NULL);
	OK(app_job_start(&j, "test", f->path, count_tick, count_unopened, &s, &E));
	wait_for(&s, &s.ticks, 3);
	app_job_stop(j);
	pthread_mutex_lock(&s.lock);
	after_stop = s.ticks;
	assert_int_equal(s.unopened, 0);
	assert_int_equal(s.own_connection, s.ticks);
	assert_int_equal(s.people, 1); /* the fixture's database, read on the job's connection */
	pthread_mutex_unlock(&s.lock);
	/* Stopped means joined: no tick comes after, and the store is still the test's to use. */
	person(&f->a, "sam", ROLE_MEMBER, NULL);
	assert_int_equal(s.ticks, after_stop);
	app_job_stop(NULL);
	pthread_mutex_destroy(&s.lock);
}

static void
test_job_says_each_tick_the_store_cannot_open(void **state)
{
	struct fx *f = *state;
	struct seen s = {.main_app = &f->a};
	struct app_job *j = NULL;
	char path[FIXTURE_PATH_SIZE + 32];

	snprintf(path, sizeof(path), "%s/no-such-dir/okra.db", f->dir);
	pthread_mutex_init(&s.lock, NULL);
	OK(app_job_start(&j, "test", path, count_tick, count_unopened, &s, &E));
	wait_for(&s, &s.unopened, 2); /* tried again at the next tick */
	app_job_stop(j);
	assert_int_equal(s.ticks, 0);
	assert_true(s.why[0] != '\0');
	pthread_mutex_destroy(&s.lock);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_job_ticks_on_its_own_connection_until_stopped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_says_each_tick_the_store_cannot_open,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
