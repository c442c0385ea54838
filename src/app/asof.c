/* asof.c: the tree as it stood at the end of a day (okra tree --as-of, ?as_of=), from history. */
#include "app/app_int.h"

#include <string.h>

#include "core/asof.h"
#include "core/calendar.h"
#include "store/store.h"
#include "app/tree.h"

#define SECONDS_PER_DAY 86400

/*
 * Reads run without a transaction, like app_tree: a row written between the
 * two loads is in the history but not in the tree, and asof_apply() leaves
 * out anything the history does not know, so a race only ever hides what is
 * newer than the day asked about.
 */
int
app_tree_as_of(struct app *a, struct arena *ar, const char *cycle, int32_t day, struct app_tree *t,
	       struct okra_err *err)
{
	struct asof_history h = {0};
	char d[11], other[11];
	int rc;

	memset(t, 0, sizeof(*t));
	cal_format_date(day, d);
	if (day > a->today) {
		cal_format_date(a->today, other);
		return okra_err_set(err, OKRA_EINVAL, "as_of",
				    "as of %s is in the future: the history goes up to today, %s",
				    d, other);
	}
	if ((rc = app_cycle_or_quarter(a, ar, cycle, day, &t->cycle, err)) < 0)
		goto out;
	if (day < t->cycle.starts_on) {
		cal_format_date(t->cycle.starts_on, other);
		rc = okra_err_set(err, OKRA_EINVAL, "as_of",
				  "as of %s is before %s starts (%s): pick a day from %s on", d,
				  t->cycle.name, other, other);
		goto out;
	}
	if ((rc = store_tree_load(a->db, ar, t->cycle.id, &t->v, &t->n, err)) < 0 ||
	    (rc = store_tree_history(a->db, t->cycle.id, ((int64_t)day + 1) * SECONDS_PER_DAY, &h,
				     err)) < 0)
		goto out;
	asof_apply(ar, t->v, &t->n, &h);
	if (asof_rollup(ar, t->v, t->n, &t->roots, &t->nroots) < 0) {
		rc = okra_err_set(err, OKRA_EDB, "", "objectives are aligned in a loop");
		goto out;
	}
	t->has_as_of = 1;
	t->as_of = day;
	/* Pace and forecast as they read that day: only the check-ins up to it count. */
	rc = app_tree_pace(a, t, day, err);
out:
	asof_history_release(&h);
	return rc;
}
