/* test_store_group.c: group commit on a real SQLite file, threads writing through one batch. */
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

#include "store/db.h"
#include "store/db_group.h"
#include "fixture.h"

/* How long a queued job waits for the connection: ten minutes, for valgrind on a busy machine. */
#define QUEUE_WAIT_MS (10 * 60 * 1000)

struct fixture {
	char dir[FIXTURE_DIR_SIZE];
	char path[FIXTURE_PATH_SIZE];
	struct db *db; /* a connection of its own, as another request's would be */
	struct db_group *g;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct okra_err err = {0};

	if (!f)
		return -1;
	if (fixture_db_open(&f->db, f->dir, f->path, "group", 1)) {
		free(f);
		return -1;
	}
	if (!fixture_is_pg() && db_group_open(&f->g, f->path, &err)) {
		fprintf(stderr, "db_group_open: %s\n", err.msg);
		fixture_db_close(f->db, f->dir);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	db_group_close(f->g);
	fixture_db_close(f->db, f->dir);
	free(f);
	return 0;
}

static int64_t
query_int(struct db *db, const char *sql)
{
	struct okra_err err = {0};
	struct db_stmt *st = NULL;
	int64_t v;

	if (db_prepare(db, sql, &st, &err))
		fail_msg("%s: %s", sql, err.msg);
	assert_int_equal(db_step(st, &err), DB_ROW);
	v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

static int64_t
teams_named(struct db *db, const char *slug)
{
	struct okra_err err = {0};
	struct db_stmt *st = NULL;
	int64_t v;

	if (db_prepare(db, "SELECT count(*) FROM teams WHERE slug = $1", &st, &err))
		fail_msg("%s", err.msg);
	db_bind_text(st, 1, slug);
	assert_int_equal(db_step(st, &err), DB_ROW);
	v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

/* One team row named slug on db; 0 or the engine's error. */
static int
add_team(struct db *db, const char *slug, struct okra_err *err)
{
	struct db_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(db, "INSERT INTO teams (slug, name) VALUES ($1, $1)", &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, slug);
	rc = db_step(st, err);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/* What one job does; the plain job adds its team and nothing else. */
enum job_kind { JOB_PLAIN, JOB_REFUSED, JOB_FAILS_AT_COMMIT };

struct job {
	struct fixture *f;
	char slug[32];
	enum job_kind kind;
	int rc;
	struct okra_err err;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;
	struct db *db;
	int rc;

	/*
	 * The jobs queue while jobs[0] holds the connection, for as long as it takes a busy machine
	 * (or valgrind) to start them all: the write deadline is not what this test is about, and a
	 * job that gave up would leave wait_queued() waiting for it forever.
	 */
	if ((rc = db_group_begin_within(j->f->g, QUEUE_WAIT_MS, &db, &j->err)) < 0) {
		j->rc = rc;
		return NULL;
	}
	rc = add_team(db, j->slug, &j->err);
	if (rc == 0 && j->kind == JOB_REFUSED)
		/* its own row went in; the second is refused, so the job must leave neither */
		rc = add_team(db, j->slug, &j->err);
	if (rc == 0 && j->kind == JOB_FAILS_AT_COMMIT) {
		/*
		 * A deferred foreign key is checked at COMMIT, not at the job's
		 * RELEASE: the job succeeds and the batch's commit fails.
		 */
		rc = db_exec(db, "PRAGMA defer_foreign_keys = ON", &j->err);
		if (rc == 0)
			rc = db_exec(db, "INSERT INTO memberships (person, team) VALUES (999, 999)",
				     &j->err);
	}
	j->rc = db_group_end(j->f->g, rc, &j->err);
	return NULL;
}

static void
wait_queued(struct db_group *g, unsigned n)
{
	struct timespec pause = {0, 1000 * 1000};
	struct db_group_stats st;

	for (;;) {
		db_group_stats(g, &st);
		if (st.queued >= n)
			return;
		nanosleep(&pause, NULL);
	}
}

enum { BATCH = 8 };

/*
 * jobs[0] takes the connection first; the others queue behind it before it
 * ends, so all BATCH jobs run in one batch, one after another.
 */
static void
run_one_batch(struct fixture *f, struct job *jobs)
{
	pthread_t th[BATCH];
	struct db *db;
	int rc;

	for (int i = 0; i < BATCH; i++) {
		jobs[i].f = f;
		if (!jobs[i].slug[0])
			snprintf(jobs[i].slug, sizeof(jobs[i].slug), "batch-%d", i);
	}
	OK(db_group_begin(f->g, &db, &E));
	for (int i = 1; i < BATCH; i++)
		assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
	wait_queued(f->g, BATCH - 1);
	rc = add_team(db, jobs[0].slug, &jobs[0].err);
	jobs[0].rc = db_group_end(f->g, rc, &jobs[0].err);
	for (int i = 1; i < BATCH; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
}

static void
test_postgresql_is_refused(void **state)
{
	struct fixture *f = *state;
	struct db_group *g = NULL;
	struct okra_err err = {0};

	if (!fixture_is_pg())
		skip();
	assert_int_equal(db_group_open(&g, f->path, &err), OKRA_EINVAL);
	assert_null(g);
	assert_non_null(strstr(err.msg, "SQLite only"));
}

static void
test_queued_jobs_share_one_commit(void **state)
{
	struct fixture *f = *state;
	struct job jobs[BATCH] = {0};
	struct db_group_stats st;

	if (fixture_is_pg())
		skip();
	run_one_batch(f, jobs);
	for (int i = 0; i < BATCH; i++) {
		assert_int_equal(jobs[i].rc, 0);
		assert_int_equal(teams_named(f->db, jobs[i].slug), 1);
	}
	db_group_stats(f->g, &st);
	assert_int_equal(st.jobs, BATCH);
	assert_int_equal(st.commits, 1);
	assert_int_equal(st.failed, 0);
	assert_int_equal(st.queued, 0);
}

static void
test_refused_job_leaves_nothing_and_spares_its_batch(void **state)
{
	struct fixture *f = *state;
	struct job jobs[BATCH] = {0};
	struct db_group_stats st;

	if (fixture_is_pg())
		skip();
	jobs[BATCH / 2].kind = JOB_REFUSED;
	run_one_batch(f, jobs);
	for (int i = 0; i < BATCH; i++) {
		if (i == BATCH / 2) {
			assert_int_equal(jobs[i].rc, OKRA_ECONFLICT);
			assert_int_equal(teams_named(f->db, jobs[i].slug), 0);
		} else {
			assert_int_equal(jobs[i].rc, 0);
			assert_int_equal(teams_named(f->db, jobs[i].slug), 1);
		}
	}
	db_group_stats(f->g, &st);
	assert_int_equal(st.commits, 1);
	assert_int_equal(st.failed, 0);
}

static void
test_failed_commit_fails_every_job_of_the_batch(void **state)
{
	struct fixture *f = *state;
	struct job jobs[BATCH] = {0};
	struct job after = {0};
	struct db_group_stats st;

	if (fixture_is_pg())
		skip();
	jobs[BATCH / 2].kind = JOB_FAILS_AT_COMMIT;
	run_one_batch(f, jobs);
	for (int i = 0; i < BATCH; i++) {
		assert_int_equal(jobs[i].rc, OKRA_EDB);
		assert_non_null(strstr(jobs[i].err.msg, "not committed"));
	}
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM teams"), 0);
	assert_int_equal(query_int(f->db, "SELECT count(*) FROM memberships"), 0);
	db_group_stats(f->g, &st);
	assert_int_equal(st.commits, 1);
	assert_int_equal(st.failed, 1);

	/* The next batch starts clean: the deferred check went with the failed transaction. */
	after.f = f;
	snprintf(after.slug, sizeof(after.slug), "after");
	run_job(&after);
	assert_int_equal(after.rc, 0);
	assert_int_equal(teams_named(f->db, "after"), 1);
}

enum { WRITERS = 8, PER_WRITER = 40 };

struct writer {
	struct fixture *f;
	int id;
	int acked[PER_WRITER];
};

static void *
writer_loop(void *arg)
{
	struct writer *w = arg;
	struct job j = {0};

	j.f = w->f;
	for (int i = 0; i < PER_WRITER; i++) {
		snprintf(j.slug, sizeof(j.slug), "w%d-%d", w->id, i);
		/* every seventh job of each writer is refused */
		j.kind = i % 7 == 3 ? JOB_REFUSED : JOB_PLAIN;
		run_job(&j);
		w->acked[i] = j.rc == 0;
	}
	return NULL;
}

static void
test_every_acknowledged_write_survives_reopening(void **state)
{
	struct fixture *f = *state;
	struct writer w[WRITERS] = {0};
	pthread_t th[WRITERS];
	struct db_group_stats st;
	struct db *db = NULL;
	char slug[32];
	int64_t acked = 0;

	if (fixture_is_pg())
		skip();
	for (int i = 0; i < WRITERS; i++) {
		w[i].f = f;
		w[i].id = i;
		assert_int_equal(pthread_create(&th[i], NULL, writer_loop, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	db_group_stats(f->g, &st);
	assert_int_equal(st.jobs, WRITERS * PER_WRITER);
	assert_int_equal(st.failed, 0);
	assert_true(st.commits >= 1 && st.commits <= st.jobs);
	db_group_close(f->g);
	f->g = NULL;
	db_close(f->db);
	f->db = NULL;

	OK(db_open(&db, f->path, &E));
	f->db = db;
	for (int i = 0; i < WRITERS; i++)
		for (int k = 0; k < PER_WRITER; k++) {
			snprintf(slug, sizeof(slug), "w%d-%d", i, k);
			assert_int_equal(teams_named(db, slug), w[i].acked[k]);
			assert_int_equal(w[i].acked[k], k % 7 != 3);
			acked += w[i].acked[k];
		}
	assert_int_equal(query_int(db, "SELECT count(*) FROM teams"), acked);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_postgresql_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queued_jobs_share_one_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_refused_job_leaves_nothing_and_spares_its_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_commit_fails_every_job_of_the_batch,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_acknowledged_write_survives_reopening,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
