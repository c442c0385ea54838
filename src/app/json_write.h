/* json_write.h: the JSON shapes of DESIGN.md §4, written in one pass by util/jw for the CLI's
 * --json, the API, the audit trail and the export. */
#ifndef OKRA_APP_JSON_WRITE_H
#define OKRA_APP_JSON_WRITE_H

#include "app/app.h"
#include "app/tree.h"
#include "core/history.h"
#include "core/lint.h"
#include "core/search.h"
#include "core/types.h"
#include "util/jw.h"

/*
 * Each writes one value as the writer's next value. Dates are "YYYY-MM-DD",
 * instants "YYYY-MM-DDTHH:MM:SSZ", both null when unset. The *_open forms
 * leave the object open, for a caller that adds members, then jw_end().
 */
void app_jw_date(struct jw *w, int32_t day);
void app_jw_instant(struct jw *w, int64_t t);

void app_jw_person(struct jw *w, const struct person *p, int32_t today);
/* "members" only when members is not NULL */
void app_jw_team(struct jw *w, const struct team *t, const struct strlist *members);
void app_jw_cycle(struct jw *w, const struct cycle *c);
/* {"expected","gap","suggested_health","disagrees"}, or null when not computed (core/pace.h). */
void app_jw_pace(struct jw *w, const struct pace *p);
/* The stored fields only (no roll-up): what the audit trail records. */
void app_jw_kr_row(struct jw *w, const struct key_result *kr);
void app_jw_objective_row(struct jw *w, const struct objective_row *o);
void app_jw_objective_row_open(struct jw *w, const struct objective_row *o);
/* A list's item: the stored fields with "progress", "achieved" and "pace". */
void app_jw_objective_item(struct jw *w, const struct objective *o);
/* A KR with its progress, pace, forecast, criteria, initiatives, source and description. */
void app_jw_kr(struct jw *w, const struct key_result *kr);
void app_jw_kr_open(struct jw *w, const struct key_result *kr);
/* The objective at t->v[idx] with its KRs, and its aligned children nested. */
void app_jw_objective(struct jw *w, const struct app_tree *t, size_t idx);
void app_jw_objective_open(struct jw *w, const struct app_tree *t, size_t idx);
/* The tree: {"cycle": {...} | null, "as_of": "YYYY-MM-DD" | null (= now),
 *  "objectives": [roots, children nested]} */
void app_jw_tree(struct jw *w, const struct app_tree *t);
/*
 * The compact tree in pieces (app/tree_kept.c): the tree's head, `{"cycle":…,"objectives":[`,
 * and an objective's own head, `{…,"children":[`, each appended to b (scratch: a buffer for
 * the descriptions). The tree is the head, each root as its head, its children (each the same,
 * "," between) and "]}", "," between roots, then "]}": app_json_tree_write's bytes.
 */
void app_json_tree_head(struct buf *b, const struct app_tree *t);
void app_json_objective_head(struct buf *b, const struct app_tree *t, size_t idx,
			     struct buf *scratch);
void app_jw_retro(struct jw *w, const struct retro *r);
void app_jw_checkin(struct jw *w, const struct checkin *c);
/* {"id","handle","name","created_at","last_used_at"|null,"revoked_at"|null}: never the secret. */
void app_jw_token(struct jw *w, const struct token_row *t);
/* A session as its owner sees it: {"created_at","seen_at","current"}, never its secret. */
struct app_session_info;
void app_jw_session(struct jw *w, const struct app_session_info *s);
void app_jw_status(struct jw *w, const struct status_update *s);
void app_jw_due(struct jw *w, const struct due_list *d);
void app_jw_lint(struct jw *w, const struct lint_report *r);
/*
 * {"query","results":[{"kind","id","objective","key_result"|null,"objective_title","cycle",
 * "in_title","title","snippet","terms","path"}]}: title and snippet as plain text, terms the
 * distinct texts they matched (to highlight), path the page to open.
 */
void app_jw_search(struct jw *w, const char *q, const struct search_hit *v, size_t n);
/* A test message's answer: {"channel","delivered","code","answer","summary"} (remind.h). */
struct channel_answer;
void app_jw_channel_answer(struct jw *w, const char *channel, const struct channel_answer *a,
			   const char *summary);

/*
 * Compact JSON text in a new string, which the caller frees: what the audit
 * trail stores. app_text_begin gives a writer for one value, app_text_end its
 * text.
 */
struct app_text {
	struct buf b;
	struct jw w;
};
struct jw *app_text_begin(struct app_text *t);
char *app_text_end(struct app_text *t);
/* {"name": "value", ...}: names and strings (NULL: null) in pairs, ended by a NULL name. */
char *app_text_strings(const char *name, ...);
char *app_text_person(const struct person *p, int32_t today);
char *app_text_team(const struct team *t, const struct strlist *members);
char *app_text_cycle(const struct cycle *c);
char *app_text_kr_row(const struct key_result *kr);
char *app_text_objective_row(const struct objective_row *o);
char *app_text_checkin(const struct checkin *c);
char *app_text_status(const struct status_update *s);
char *app_text_retro(const struct retro *r);

/* The tree appended to b, compact or indented: what GET /api/v1/tree and `okra --json tree` send.
 */
void app_json_tree_write(struct buf *b, const struct app_tree *t, int pretty);

#endif
