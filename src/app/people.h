/* people.h: the people, teams and cycles use cases (people.c): adding and joining, and the
 * new-joiner rule (R4). */
#ifndef OKRA_APP_PEOPLE_H
#define OKRA_APP_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"
#include "util/err.h"

struct app;

/* people and teams (admin) */
int app_person_add(struct app *a, const struct person *p, int64_t *id, struct okra_err *err);
int app_team_add(struct app *a, const char *slug, const char *name, const struct strlist *members,
		 int64_t *id, struct okra_err *err);
int app_team_join(struct app *a, const char *slug, const char *handle, struct okra_err *err);
/* Take handle out of the team; OKRA_ESTATE when they are not in it. */
int app_team_leave(struct app *a, const char *slug, const char *handle, struct okra_err *err);
/* A team's new name (its slug, in URLs and refs, stays). */
int app_team_rename(struct app *a, const char *slug, const char *name, struct okra_err *err);

/* offboard.c (admins): a person's name, e-mail, role and join date; only what is set changes. */
struct person_edit {
	const char *name, *email; /* NULL = unchanged; an e-mail of "" clears it */
	int has_role, has_joined;
	enum role role;
	int32_t joined_on; /* DATE_NONE clears it */
};
int app_person_edit(struct app *a, const char *handle, const struct person_edit *e,
		    struct okra_err *err);
/*
 * Deactivate a person who left: they keep their history (updates, audit rows,
 * closed objectives) but cannot sign in by password, session or API token,
 * nor be made a DRI; their sessions end. The last active admin is refused.
 * Reactivate undoes it. OKRA_ESTATE when they are so already.
 */
int app_person_deactivate(struct app *a, const char *handle, struct okra_err *err);
int app_person_reactivate(struct app *a, const char *handle, struct okra_err *err);
/* What p is DRI of that can be handed over (objectives not closed and their KRs), in ar. */
struct arena;
int app_person_owned(struct app *a, struct arena *ar, const struct person *p, struct owned **v,
		     size_t *n, struct okra_err *err);
/*
 * Give everything `from` is DRI of (objectives not closed and their KRs) to
 * `to`, who must be able to be a DRI (R4, not a viewer, active), in one
 * transaction with an audit row per item; *moved says how many.
 */
int app_person_handover(struct app *a, const char *from, const char *to, size_t *moved,
			struct okra_err *err);

/* cycles (admin, leader) */
int app_cycle_add(struct app *a, const char *name, enum cycle_kind kind, int32_t starts_on,
		  int32_t ends_on, const char *parent, int64_t *id, struct okra_err *err);
/* A year NAME and its quarters NAME-Q1..NAME-Q4. */
int app_cycle_year(struct app *a, const char *name, int32_t starts_on, int64_t *id,
		   struct okra_err *err);

/*
 * "Plan a year": fiscal year number fy (FYfy, which ends in calendar year fy) and its
 * quarters, starting on the month the fiscal_year_first_month setting names now.
 * app_cycle_year and this refuse a name that exists, or a year that would overlap a
 * year or quarter already planned (OKRA_ECONFLICT, naming it and its dates); this one's
 * refusals of the name are of the field "year".
 */
int app_cycle_plan_year(struct app *a, int fy, int64_t *id, struct okra_err *err);
/* The first day of fiscal year fy under the setting as it is now. */
int32_t app_fiscal_year_named(struct app *a, int fy);

/* R4 for a person on a date: 1 while onboarding. */
int app_is_new_joiner(const struct person *p, int32_t day);

/*
 * R1: is the actor an admin (or the system)? 0, or OKRA_EFORBIDDEN saying "only
 * admins <what>". A form handler asks first, so a member's typing is refused
 * before it is judged.
 */
int app_may_admin(struct app *a, const char *what, struct okra_err *err);

#endif
