/* updates.h: the weekly updates (updates.c): a KR's check-in, an objective's status and its retro.
 */
#ifndef OKRA_APP_UPDATES_H
#define OKRA_APP_UPDATES_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/types.h"
#include "util/arena.h"
#include "util/err.h"

struct app;

/*
 * R14: who writes which update — one rule for the CLI, the API and the pages
 * (docs/decisions.md has it as a table):
 *   check-in  the KR's DRI or the objective's DRI; a leader or admin on
 *             behalf of the KR's DRI;
 *   status    the objective's DRI; a leader or admin on its DRI's behalf;
 *   retro, close  the objective's DRI, a leader or an admin.
 * Nobody in their first three months (R4) writes updates; viewers and other
 * team members do not update. The system (integrations) always may.
 */
enum update_action { UPDATE_CHECKIN, UPDATE_STATUS, UPDATE_RETRO, UPDATE_CLOSE };
/*
 * May the actor write `what` on o (kr: the KR of a check-in, else NULL)?
 * 0, with *on_behalf_of set (if given) to the DRI the update is made for
 * when the actor is not that DRI (0: their own); or OKRA_EFORBIDDEN with a
 * sentence naming who may (err may be NULL: a page asking whether to draw a
 * form).
 */
int app_may_update(struct app *a, enum update_action what, const struct objective_row *o,
		   const struct key_result *kr, int64_t *on_behalf_of, struct okra_err *err);

struct checkin_input {
	int64_t key_result;
	int has_value, has_progress;
	double value, progress;
	enum health health;
	const char *note;
};
/* R8: the KR's DRI records progress and health (R14: or who may on their behalf). */
int app_checkin(struct app *a, const struct checkin_input *in, int64_t *id, struct okra_err *err);
/*
 * The same, with the check-in as its transaction wrote it in *made (its
 * texts in ar): what a reply shows, with no read of the KR's history.
 */
int app_checkin_made(struct app *a, struct arena *ar, const struct checkin_input *in,
		     struct checkin *made, struct okra_err *err);

struct status_input {
	int64_t objective;
	enum health health;
	const struct status_line *lines; /* one per KR of the objective */
	size_t nlines;
};
/* R8: the objective's DRI records health and one line per KR (R14: or on their behalf). */
int app_status(struct app *a, const struct status_input *in, int64_t *id, struct okra_err *err);

/* R11: sections given (non-NULL) replace the draft's; final checks 2–3 bullets each. */
int app_retro(struct app *a, int64_t objective, const struct strlist *good,
	      const struct strlist *bad, const struct strlist *try, int final,
	      struct okra_err *err);

#endif
