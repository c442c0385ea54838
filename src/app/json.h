/* json.h: the JSON shapes of DESIGN.md §4, one serializer for the CLI's --json and the API. */
#ifndef OKRA_APP_JSON_H
#define OKRA_APP_JSON_H

#include <jansson.h>

#include "app/app.h"
#include "core/history.h"
#include "core/lint.h"
#include "core/types.h"
#include "app/tree.h"

/* Each returns a new reference. Dates are "YYYY-MM-DD", instants "YYYY-MM-DDTHH:MM:SSZ". */
json_t *app_json_person(const struct person *p, int32_t today);
json_t *app_json_team(const struct team *t, const struct strlist *members);
json_t *app_json_cycle(const struct cycle *c);
json_t *app_json_kr(const struct key_result *kr);
/* {"expected","gap","suggested_health","disagrees"}, or null when not computed (core/pace.h). */
json_t *app_json_pace(const struct pace *p);
/* The objective at t->v[idx] with its KRs, and its aligned children nested. */
json_t *app_json_objective(const struct app_tree *t, size_t idx);
/* The stored fields only (no roll-up): what the audit trail records. */
json_t *app_json_objective_row(const struct objective_row *o);
json_t *app_json_kr_row(const struct key_result *kr);
/* The tree: {"cycle": {...} | null, "as_of": "YYYY-MM-DD" | null (= now),
 *  "objectives": [roots, children nested]} */
json_t *app_json_tree(const struct app_tree *t);
json_t *app_json_checkin(const struct checkin *c);
/* {"id","handle","name","created_at","last_used_at"|null,"revoked_at"|null}: never the secret. */
json_t *app_json_token(const struct token_row *t);
json_t *app_json_status(const struct status_update *s);
json_t *app_json_retro(const struct retro *r);
json_t *app_json_due(const struct due_list *d);
json_t *app_json_lint(const struct lint_report *r);

/* Dump with enough precision that 0.35 stays 0.35; caller frees. Sorted keys off. */
char *app_json_dump(const json_t *j, int pretty);

#endif
