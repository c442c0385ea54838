/* store_int.h: small helpers shared by the typed-query files (private to src/store). */
#ifndef OKRA_STORE_INT_H
#define OKRA_STORE_INT_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

/* A copy of a text column (NULL stays NULL). */
char *sq_dup(struct db_stmt *st, int col);
/* A copy of a text column, "" for NULL. */
char *sq_dup0(struct db_stmt *st, int col);
/* The same, copied into the arena ar. */
const char *sq_adup(struct arena *ar, struct db_stmt *st, int col);
const char *sq_adup0(struct arena *ar, struct db_stmt *st, int col);
/* A date column ('YYYY-MM-DD' or NULL) as a day number or DATE_NONE. */
int32_t sq_date(struct db_stmt *st, int col);
/* Bind a day number as 'YYYY-MM-DD', DATE_NONE as NULL. */
void sq_bind_date(struct db_stmt *st, int idx, int32_t day);
/* Bind an id, 0 as NULL (optional foreign keys). */
void sq_bind_ref(struct db_stmt *st, int idx, int64_t id);
/* Step a statement that returns no rows; finalizes it. */
int sq_done(struct db_stmt *st, struct okra_err *err);
/* Step an INSERT … RETURNING id; stores the id; finalizes. */
int sq_insert(struct db_stmt *st, int64_t *id, struct okra_err *err);
/* Step a query for one integer (NULL = 0); finalizes. */
int sq_int(struct db_stmt *st, int64_t *out, struct okra_err *err);

#endif

#ifndef OKRA_STORE_INT_ROWS
#define OKRA_STORE_INT_ROWS
#include "core/history.h"
#include "core/types.h"

/*
 * The columns and joins every objective and KR query shares, so a row maps
 * the same way wherever it is read. OBJ_FROM / KR_FROM name o, c, t, p / k, p.
 */
#define OBJ_COLS                                                                                   \
	"o.id, o.cycle, c.name, c.kind, o.team, t.slug, o.parent, o.title, o.context,"             \
	" o.sections, o.dri, p.handle, o.health, o.state, o.weight, o.version,"                    \
	" (SELECT max(s.at) FROM status_updates s WHERE s.objective = o.id),"                      \
	" o.final_score, o.final_reason"
#define OBJ_FROM                                                                                   \
	" FROM objectives o JOIN cycles c ON c.id = o.cycle LEFT JOIN teams t ON t.id = o.team"    \
	" JOIN people p ON p.id = o.dri"
#define KR_COLS                                                                                    \
	"k.id, k.objective, k.title, k.context, k.dri, p.handle, k.kind, k.unit, k.start,"         \
	" k.target, k.current_value, k.health, k.weight, k.version, lc.at, a.handle, lc.source"
#define KR_FROM                                                                                    \
	" FROM key_results k JOIN people p ON p.id = k.dri"                                        \
	" LEFT JOIN checkins lc ON lc.id = (SELECT x.id FROM checkins x WHERE x.key_result = k.id" \
	"  ORDER BY x.at DESC, x.id DESC LIMIT 1)"                                                 \
	" LEFT JOIN people a ON a.id = lc.author"
#define CRITERION_COLS                                                                             \
	"cr.id, cr.key_result, cr.ref, cr.title, cr.contribution, cr.state, cr.progress"
#define INITIATIVE_COLS "i.id, i.key_result, i.title, i.ref, i.state"
#define LINK_COLS "l.id, l.objective, l.ref, l.title, l.state"
#define RETRO_COLS "r.objective, r.good, r.bad, r.try, r.final_at"
/* A check-in c with its author a and the person b it was made for. */
#define CHECKIN_COLS                                                                               \
	"c.id, c.key_result, c.author, a.handle, c.at, c.value, c.progress, c.health, c.note,"     \
	" c.source, c.on_behalf_of, b.handle"
#define CHECKIN_FROM                                                                               \
	" FROM checkins c LEFT JOIN people a ON a.id = c.author"                                   \
	" LEFT JOIN people b ON b.id = c.on_behalf_of"
/* A status update s with its author a and the person b it was written for. */
#define STATUS_COLS                                                                                \
	"s.id, s.objective, s.author, a.handle, s.at, s.health, s.on_behalf_of, b.handle"
#define STATUS_FROM                                                                                \
	" FROM status_updates s LEFT JOIN people a ON a.id = s.author"                             \
	" LEFT JOIN people b ON b.id = s.on_behalf_of"

/* One row into a struct whose strings are copied into ar (core/types.h). */
void sq_objective_row(struct arena *ar, struct db_stmt *st, struct objective_row *o);
void sq_kr_row(struct arena *ar, struct db_stmt *st, struct key_result *kr);
void sq_criterion_row(struct arena *ar, struct db_stmt *st, struct criterion *c);
void sq_initiative_row(struct arena *ar, struct db_stmt *st, struct initiative *i);
void sq_link_row(struct arena *ar, struct db_stmt *st, struct link *l);
/* CHECKIN_COLS / STATUS_COLS into c / s (the status without its lines). */
void sq_checkin_row(struct arena *ar, struct db_stmt *st, struct checkin *c);
void sq_status_row(struct arena *ar, struct db_stmt *st, struct status_update *s);
/* Run sql once per line with $1 = the update's id, $2 = the line's KR, $3 = its text. */
int sq_status_lines(struct db *db, const char *sql, int64_t id, const struct status_line *v,
		    size_t n, struct okra_err *err);
/* Columns 1..4 of RETRO_COLS into r: into ar, or onto the heap (retro_release) when ar is NULL. */
void sq_retro_row(struct arena *ar, struct db_stmt *st, struct retro *r);
#endif
