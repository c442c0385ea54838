/* corrections.h: putting a mistake right, with the history kept (corrections.c): a check-in or a
 * weekly status amended or retracted, a closed objective reopened, a criterion, initiative or
 * link removed, a draft objective or one of its KRs deleted. Each is one transaction with its
 * audit row, whose "before" keeps the original. */
#ifndef OKRA_APP_CORRECTIONS_H
#define OKRA_APP_CORRECTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/types.h"
#include "util/err.h"

struct app;

/*
 * Who may correct an update: its author, or a leader or admin, before the
 * update day after the one it counts for (cal_correctable_until), on an
 * objective that is not closed. The KR's current value and health (or the
 * objective's health) follow when the update corrected is its latest.
 */
struct checkin_amend {
	int has_value, has_progress; /* a metric KR's new reading: one or neither */
	double value, progress;
	int has_health;
	enum health health;
	const char *note; /* NULL = kept */
};
int app_checkin_amend(struct app *a, int64_t id, const struct checkin_amend *in,
		      struct okra_err *err);
int app_checkin_retract(struct app *a, int64_t id, struct okra_err *err);

struct status_amend {
	int has_health;
	enum health health;
	const struct status_line *lines; /* each replaces the status's line for its KR */
	size_t nlines;
};
int app_status_amend(struct app *a, int64_t id, const struct status_amend *in,
		     struct okra_err *err);
int app_status_retract(struct app *a, int64_t id, struct okra_err *err);
/* 1 when the actor may amend or retract (entity "checkin" or "status"); for the pages. */
int app_may_correct_update(struct app *a, int64_t author, int64_t at);

/* A leader or admin reopens a closed objective, saying why (required, 500 bytes at most). */
int app_objective_reopen(struct app *a, int64_t id, const char *reason, struct okra_err *err);
/* 1 when the actor may reopen o (closed, and the actor a leader or admin); for pages. */
int app_may_reopen(struct app *a, const struct objective_row *o);

/* Whoever may edit the objective removes an item added by mistake. */
/* 1 when the actor may remove o's criteria, initiatives and links (o not closed); for pages. */
int app_may_remove(struct app *a, const struct objective_row *o);
int app_criterion_remove(struct app *a, int64_t id, struct okra_err *err);
int app_initiative_remove(struct app *a, int64_t id, struct okra_err *err);
int app_link_remove(struct app *a, int64_t id, struct okra_err *err);

/* Whoever may edit a draft objective deletes it (none aligned under it), or one of its KRs. */
int app_objective_delete(struct app *a, int64_t id, struct okra_err *err);
int app_kr_delete(struct app *a, int64_t id, struct okra_err *err);
/* The same, refused (OKRA_ESTALE) unless it is at version if_version (0 = any): If-Match. */
int app_objective_delete_at(struct app *a, int64_t id, int64_t if_version, struct okra_err *err);
int app_kr_delete_at(struct app *a, int64_t id, int64_t if_version, struct okra_err *err);

#endif
