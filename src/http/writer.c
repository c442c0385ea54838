/* writer.c: one thread runs the write requests in turn and commits them together. */
#include "http/writer.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>

#include "http/idem.h"
#include "http/log.h"

/*
 * A worker that reads a signed-in write request (idem_wraps) suspends its
 * connection and queues the request here, then goes on with other
 * connections. The writer takes everything queued, runs each request's
 * handler in the request's own transaction (a savepoint of the open batch on
 * the group's connection: BEGIN IMMEDIATE waits for another process's lock
 * here, within the request's one deadline), then commits the batch once, so
 * every request that queued during the previous commit shares this one's
 * fsync. Only then is each reply final (a 503 if its batch failed), and its
 * connection resumed: the worker sends it.
 */

#define WRITER_ROUND_MAX 64 /* requests run before their batch is committed */

static struct {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cv;
	struct request *head, *tail; /* queued, oldest first (linked by r->next_queued) */
	int running, stop;
	const struct server_config *cfg;
	struct db_group *group;
	struct okra_err open_err; /* why the writer's store did not open */
	int opened;               /* 1 opened, -1 failed, 0 not yet */
	unsigned waiting;         /* requests taken and not yet resumed */
} w = {.lock = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

/*
 * Up to max queued requests into round; with wait, first waits for one (0
 * once stopped with none left); without, 0 when none is queued.
 */
static int
take_round(struct request **round, int max, int wait)
{
	int n = 0;

	pthread_mutex_lock(&w.lock);
	while (wait && !w.head && !w.stop)
		pthread_cond_wait(&w.cv, &w.lock);
	while (w.head && n < max) {
		round[n++] = w.head;
		w.head = w.head->next_queued;
	}
	if (!w.head)
		w.tail = NULL;
	pthread_mutex_unlock(&w.lock);
	return n;
}

/* r's handler in its own transaction, its batch not committed yet. */
static void
run_one(struct app *a, struct request *r)
{
	struct okra_err err = {0};

	r->app = a;
	if (app_refresh(a, &err) < 0) {
		r->cause = arena_strdup(&r->arena, err.msg);
		reply_problem(r, 503, "the store does not answer", NULL);
		return;
	}
	app_act_as_person(a, &r->who);
	/* One deadline per request, from its arrival: the queue here counts in it. */
	app_defer_commits(a, r->ticket, r->started_ns / 1000000);
	idem_run(r, req_route(r));
	app_defer_commits(a, NULL, 0);
}

/* After the commit: a reply whose write was not committed becomes the 503 it is. */
static void
settle(struct request *r)
{
	struct okra_err err = {0};
	int rc;

	if (r->status < 500 && (rc = app_ticket_result(r->ticket, &err)) < 0)
		idem_not_saved(r, req_route(r), rc, &err);
	pthread_mutex_lock(&w.lock);
	w.waiting--;
	pthread_mutex_unlock(&w.lock);
	MHD_resume_connection(r->conn);
}

static void *
writer_main(void *arg)
{
	struct request *round[WRITER_ROUND_MAX];
	struct app a = {0};
	int n, ok;

	(void)arg;
	ok = app_open(&a, w.cfg->db, &w.open_err) == 0;
	if (ok)
		app_join_group(&a, w.group);
	pthread_mutex_lock(&w.lock);
	w.opened = ok ? 1 : -1;
	pthread_cond_broadcast(&w.cv);
	pthread_mutex_unlock(&w.lock);
	if (!ok)
		return NULL;
	while ((n = take_round(round, WRITER_ROUND_MAX, 1)) > 0) {
		/*
		 * What queued while this batch ran joins it before its commit rather
		 * than waiting for the next one: the fsync, not the handlers, is the
		 * cost of a batch, so the more it carries the fewer there are.
		 */
		for (int ran = 0; ran < n; n += take_round(round + n, WRITER_ROUND_MAX - n, 0))
			while (ran < n)
				run_one(&a, round[ran++]);
		app_group_flush(&a);
		for (int i = 0; i < n; i++)
			settle(round[i]);
	}
	app_close(&a);
	return NULL;
}

struct db_group *
writer_group(void)
{
	return w.group;
}

int
writer_start(const struct server_config *cfg, struct okra_err *err)
{
	if (app_group_open(&w.group, cfg->db, err) < 0)
		return err->code;
	if (!w.group)
		return 0; /* PostgreSQL: each worker's write has its own transaction */
	w.cfg = cfg;
	w.stop = 0;
	w.opened = 0;
	if (pthread_create(&w.thread, NULL, writer_main, NULL) != 0) {
		writer_stop();
		return okra_err_set(err, OKRA_EIO, "", "cannot start the writer thread");
	}
	pthread_mutex_lock(&w.lock);
	while (!w.opened)
		pthread_cond_wait(&w.cv, &w.lock);
	pthread_mutex_unlock(&w.lock);
	if (w.opened < 0) {
		pthread_join(w.thread, NULL);
		*err = w.open_err;
		writer_stop();
		return err->code;
	}
	pthread_mutex_lock(&w.lock);
	w.running = 1;
	pthread_mutex_unlock(&w.lock);
	return 0;
}

void
writer_drain(void)
{
	if (!w.running)
		return;
	pthread_mutex_lock(&w.lock);
	w.stop = 1;
	pthread_cond_broadcast(&w.cv);
	pthread_mutex_unlock(&w.lock);
	pthread_join(w.thread, NULL);
	pthread_mutex_lock(&w.lock);
	w.running = 0;
	pthread_mutex_unlock(&w.lock);
}

void
writer_stop(void)
{
	struct app_group_stats st;

	writer_drain();
	if (!w.group)
		return;
	app_group_stats(w.group, &st);
	http_log("okra: group commit: %llu writes in %llu commits (%llu failed)",
		 (unsigned long long)st.jobs, (unsigned long long)st.commits,
		 (unsigned long long)st.failed);
	app_group_close(w.group);
	w.group = NULL;
}

int
writer_take(struct request *r)
{
	pthread_mutex_lock(&w.lock);
	if (!w.running || w.stop) {
		pthread_mutex_unlock(&w.lock);
		return 0;
	}
	r->ticket = app_ticket_new();
	r->queued = 1;
	r->next_queued = NULL;
	/* Suspended before it is queued: the writer may resume it at once. */
	MHD_suspend_connection(r->conn);
	if (w.tail)
		w.tail->next_queued = r;
	else
		w.head = r;
	w.tail = r;
	w.waiting++;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.lock);
	return 1;
}

void
writer_metrics(struct buf *b)
{
	struct app_group_stats st;
	unsigned waiting;

	if (!w.group)
		return;
	pthread_mutex_lock(&w.lock);
	waiting = w.waiting;
	pthread_mutex_unlock(&w.lock);
	app_group_stats(w.group, &st);
	buf_addf(b,
		 "# HELP okra_writes_waiting Write requests handed to the writer thread and not "
		 "answered yet (queued, or in the batch being run or committed).\n"
		 "# TYPE okra_writes_waiting gauge\n"
		 "okra_writes_waiting %u\n"
		 "# HELP okra_group_writes_total Write transactions run in a group commit.\n"
		 "# TYPE okra_group_writes_total counter\n"
		 "okra_group_writes_total %llu\n"
		 "# HELP okra_group_commits_total Group commits (one fsync each).\n"
		 "# TYPE okra_group_commits_total counter\n"
		 "okra_group_commits_total %llu\n",
		 waiting, (unsigned long long)st.jobs, (unsigned long long)st.commits);
}
