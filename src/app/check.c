/* check.c: okra check and the start-up check of okra serve: is the database whole? */
#include "app/check.h"

#include "app/app_int.h"
#include "store/store_check.h"

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
