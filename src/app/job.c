/* job.c: a periodic job on its own thread and its own store connection. */
#include "app/job.h"

#include <stdlib.h>

#include "util/ticker.h"
#include "util/xalloc.h"

struct app_job {
	struct ticker *ticker;
	char *db;
	struct app a;
	int open;
	void (*tick)(struct app *a, void *ctx);
	void (*unopened)(const char *msg, void *ctx);
	void *ctx;
};

static void
each_tick(void *p)
{
	struct app_job *j = p;

	if (!j->open) {
		struct okra_err err = {0};

		if (app_open(&j->a, j->db, &err) == 0)
			j->open = 1;
		else
			j->unopened(err.msg, j->ctx);
	}
	if (j->open)
		j->tick(&j->a, j->ctx);
}

static void
end(void *p)
{
	struct app_job *j = p;

	if (j->open)
		app_close(&j->a);
}

int
app_job_start(struct app_job **out, const char *what, const char *db,
	      void (*tick)(struct app *a, void *ctx), void (*unopened)(const char *msg, void *ctx),
	      void *ctx, struct okra_err *err)
{
	struct app_job *j = xcalloc(1, sizeof(*j));
	int rc;

	j->db = xstrdup(db);
	j->tick = tick;
	j->unopened = unopened;
	j->ctx = ctx;
	if ((rc = ticker_start(&j->ticker, what, each_tick, end, j, err)) < 0) {
		free(j->db);
		free(j);
		return rc;
	}
	*out = j;
	return 0;
}

void
app_job_stop(struct app_job *j)
{
	if (!j)
		return;
	ticker_stop(j->ticker);
	free(j->db);
	free(j);
}
