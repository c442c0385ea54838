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

/*
 * The quick check okra serve makes: 0 when the file holds together, OKRA_ESTATE
 * with the message that names the file (uri, a password never shown) and its
 * first problem and points to the last backup, or another negative code when
 * the check could not run.
 */
int app_check_served(struct app *a, const char *uri, struct okra_err *err);
/*
 * Writes of this whole process held (they wait within their deadline, then
 * fail busy) while the check runs beside the server; released with ok = 1
 * when it passed, shut for good with ok = 0 when it found damage.
 */
void app_writes_hold(void);
void app_writes_release(int ok);

#endif
