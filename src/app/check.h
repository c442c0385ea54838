/* check.h: is the database whole (okra check, and the quick check okra serve makes at start)? */
#ifndef OKRA_APP_CHECK_H
#define OKRA_APP_CHECK_H

#include "app/app.h"

/*
 * Calls say once per problem (one line each) and returns how many there
 * were, or a negative code when the checks could not run. quick: SQLite's
 * quick_check only; else its integrity and foreign-key checks, then okra's
 * invariants (criteria contribute at most 100 per KR, no objective is its own
 * ancestor) on either engine.
 */
int app_check(struct app *a, int quick, void (*say)(void *arg, const char *line), void *arg,
	      struct okra_err *err);

#endif
