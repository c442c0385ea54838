/* startcheck.c: the SQLite file's quick check beside the listening server; writes wait for it. */
#include "http/startcheck.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "app/check.h"

enum { CHECK_NONE, CHECK_RUNNING, CHECK_PASSED, CHECK_FAILED };

static struct {
	pthread_t thread, main;
	const struct server_config *cfg;
	atomic_int state;
	struct okra_err err; /* why it failed; read once the thread is joined */
} ck;

/*
 * A test's pause (OKRA_TEST_CHECK_PAUSE_MS) before the check starts, so a
 * request can be sent while it runs on a file small enough to check at once.
 */
static void
test_pause(void)
{
	const char *s = getenv("OKRA_TEST_CHECK_PAUSE_MS");
	long ms = s ? strtol(s, NULL, 10) : 0;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	if (ms > 0 && ms <= 60000)
		nanosleep(&ts, NULL);
}

static void *
check_main(void *arg)
{
	struct app a;
	int rc;

	(void)arg;
	test_pause();
	rc = app_open_existing(&a, ck.cfg->db, &ck.err);
	if (rc == 0) {
		rc = app_check_served(&a, ck.cfg->db, &ck.err);
		app_close(&a);
	}
	/* Released (or shut) before the state says so: a write never sees "passed" and waits. */
	app_writes_release(rc == 0);
	atomic_store(&ck.state, rc == 0 ? CHECK_PASSED : CHECK_FAILED);
	/* Passing says nothing (/readyz does): a start that fails otherwise keeps its one line. */
	if (rc < 0)
		pthread_kill(ck.main, SIGTERM); /* the server stops as it does for SIGTERM */
	return NULL;
}

int
start_check_begin(const struct server_config *cfg, pthread_t main, struct okra_err *err)
{
	sigset_t term;

	/* Blocked in main (and the threads it starts) now, taken by server_run's sigwait. */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &term, NULL);
	ck.cfg = cfg;
	ck.main = main;
	app_writes_hold();
	atomic_store(&ck.state, CHECK_RUNNING);
	if (pthread_create(&ck.thread, NULL, check_main, NULL) != 0) {
		atomic_store(&ck.state, CHECK_NONE);
		app_writes_release(0);
		return okra_err_set(err, OKRA_EIO, "", "cannot start the database's check");
	}
	return 0;
}

const char *
start_check_stop_reason(int sig)
{
	if (atomic_load(&ck.state) == CHECK_FAILED)
		return "the database failed its quick check at start";
	return sig == SIGTERM ? "SIGTERM" : "SIGINT";
}

const char *
start_check_waiting(void)
{
	switch (atomic_load(&ck.state)) {
	case CHECK_RUNNING:
		return "the database's quick check at start is still running: writes wait for it";
	case CHECK_FAILED:
		return "the database failed its quick check at start: this instance is stopping";
	default:
		return NULL;
	}
}

int
start_check_end(struct okra_err *err)
{
	if (atomic_load(&ck.state) == CHECK_NONE)
		return 0;
	pthread_join(ck.thread, NULL);
	if (atomic_load(&ck.state) == CHECK_FAILED) {
		*err = ck.err;
		return err->code ? err->code : OKRA_ESTATE;
	}
	atomic_store(&ck.state, CHECK_NONE);
	return 0;
}
