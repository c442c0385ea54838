/* updates.h: the weekly updates (updates.c): a KR's check-in, an objective's status and its retro.
 */
#ifndef OKRA_APP_UPDATES_H
#define OKRA_APP_UPDATES_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/types.h"
#include "util/err.h"

struct app;

struct checkin_input {
	int64_t key_result;
	int has_value, has_progress;
	double value, progress;
	enum health health;
	const char *note;
};
/* R8: the KR's DRI records progress and health. */
int app_checkin(struct app *a, const struct checkin_input *in, int64_t *id, struct okra_err *err);

struct status_input {
	int64_t objective;
	enum health health;
	const struct status_line *lines; /* one per KR of the objective */
	size_t nlines;
};
/* R8: the objective's DRI records health and one line per KR. */
int app_status(struct app *a, const struct status_input *in, int64_t *id, struct okra_err *err);

/* R11: sections given (non-NULL) replace the draft's; final checks 2–3 bullets each. */
int app_retro(struct app *a, int64_t objective, const struct strlist *good,
	      const struct strlist *bad, const struct strlist *try, int final,
	      struct okra_err *err);

#endif
