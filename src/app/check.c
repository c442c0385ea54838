/* check.c: okra check and the start-up check of okra serve: is the database whole? */
#include "app/check.h"

#include <stdio.h>

#include "app/app_int.h"
#include "store/store_check.h"
#include "util/uri.h"

int
app_check(struct app *a, int quick, void (*say)(void *arg, const char *line), void *arg,
	  struct okra_err *err)
{
	int n, rc;

	/* One snapshot for every check; a read, so it waits for no writer. */
	if ((rc = db_begin(a->db, 0, err)) < 0)
		return rc;
	n = store_check(a->db, quick, say, arg, err);
	db_rollback(a->db);
	return n;
}

/* Keeps the first problem the quick check saw. */
static void
first_problem(void *arg, const char *line)
{
	char *first = arg;

	if (!*first)
		snprintf(first, 256, "%s", line);
}

int
app_check_served(struct app *a, const char *uri, struct okra_err *err)
{
	char first[256] = "", shown[1024];
	int rc = app_check(a, 1, first_problem, first, err);

	if (rc <= 0)
		return rc;
	return okra_err_set(err, OKRA_ESTATE, "db",
			    "the database %s is damaged (%s): not serving it; restore the last "
			    "backup (okra backup makes one) and run okra check on it",
			    uri_redact(uri, shown, sizeof(shown)), first);
}

void
app_writes_hold(void)
{
	db_writes_hold();
}

void
app_writes_release(int ok)
{
	db_writes_release(ok);
}
