/* people.h: the people, teams and cycles use cases (people.c): adding and joining, and the
 * new-joiner rule (R4). */
#ifndef OKRA_APP_PEOPLE_H
#define OKRA_APP_PEOPLE_H

#include <stdint.h>

#include "core/types.h"
#include "util/err.h"

struct app;

/* people and teams (admin) */
int app_person_add(struct app *a, const struct person *p, int64_t *id, struct okra_err *err);
int app_team_add(struct app *a, const char *slug, const char *name, const struct strlist *members,
		 int64_t *id, struct okra_err *err);
int app_team_join(struct app *a, const char *slug, const char *handle, struct okra_err *err);

/* cycles (admin, leader) */
int app_cycle_add(struct app *a, const char *name, enum cycle_kind kind, int32_t starts_on,
		  int32_t ends_on, const char *parent, int64_t *id, struct okra_err *err);
/* A year NAME and its quarters NAME-Q1..NAME-Q4. */
int app_cycle_year(struct app *a, const char *name, int32_t starts_on, int64_t *id,
		   struct okra_err *err);

/* R4 for a person on a date: 1 while onboarding. */
int app_is_new_joiner(const struct person *p, int32_t day);

#endif
