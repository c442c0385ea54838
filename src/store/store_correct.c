/* store_correct.c: corrections — a check-in or status read, amended or retracted, and the things
 * added by mistake (criteria, initiatives, links, draft objectives and their KRs) removed. */
#include "store/store.h"

#include <string.h>

#include "store/store_int.h"

static const char sql_checkin_get[] = "SELECT " CHECKIN_COLS CHECKIN_FROM " WHERE c.id = $1";
static const char sql_checkin_amend[] =
	"UPDATE checkins SET value = $2, progress = $3, health = $4, note = $5 WHERE id = $1";
static const char sql_status_get[] = "SELECT " STATUS_COLS STATUS_FROM " WHERE s.id = $1";
static const char sql_status_lines[] =
	"SELECT key_result, line FROM status_lines WHERE update_id = $1 ORDER BY key_result";
static const char sql_status_health[] = "UPDATE status_updates SET health = $2 WHERE id = $1";
static const char sql_status_line_set[] =
	"UPDATE status_lines SET line = $3 WHERE update_id = $1 AND key_result = $2";
static const char sql_criterion_get[] =
	"SELECT " CRITERION_COLS " FROM criteria cr WHERE cr.id = $1";
static const char sql_initiative_get[] =
	"SELECT " INITIATIVE_COLS " FROM initiatives i WHERE i.id = $1";
static const char sql_link_get[] = "SELECT " LINK_COLS " FROM links l WHERE l.id = $1";
static const char sql_children[] = "SELECT count(*) FROM objectives WHERE parent = $1";
static const char sql_final_clear[] =
	"UPDATE objectives SET final_score = NULL, final_reason = NULL WHERE id = $1";

/* Each deletion is a list of statements run in order with $1 = the id. */
/* A check-in's or a KR's conversation stays, on what it hung from (its KR, its objective). */
static const char *const del_checkin[] = {"UPDATE comments SET checkin = NULL WHERE checkin = $1",
					  "DELETE FROM checkins WHERE id = $1", NULL};
static const char *const del_status[] = {"DELETE FROM status_lines WHERE update_id = $1",
					 "DELETE FROM status_updates WHERE id = $1", NULL};
static const char *const del_criterion[] = {"DELETE FROM criteria WHERE id = $1", NULL};
static const char *const del_initiative[] = {"DELETE FROM initiatives WHERE id = $1", NULL};
static const char *const del_link[] = {"DELETE FROM links WHERE id = $1", NULL};
static const char *const del_kr[] = {
	"UPDATE comments SET key_result = NULL, checkin = NULL WHERE key_result = $1",
	"DELETE FROM checkins WHERE key_result = $1",
	"DELETE FROM status_lines WHERE key_result = $1",
	"DELETE FROM criteria WHERE key_result = $1",
	"DELETE FROM initiatives WHERE key_result = $1",
	"DELETE FROM kr_sources WHERE key_result = $1",
	"DELETE FROM key_results WHERE id = $1",
	NULL,
};
#define OBJ_KRS "(SELECT id FROM key_results WHERE objective = $1)"
#define OBJ_COMMENTS "(SELECT id FROM comments WHERE objective = $1)"
static const char *const del_objective[] = {
	"DELETE FROM comment_sends WHERE notice IN"
	" (SELECT id FROM comment_notices WHERE comment IN " OBJ_COMMENTS ")",
	"DELETE FROM comment_notices WHERE comment IN " OBJ_COMMENTS,
	"DELETE FROM comment_mentions WHERE comment IN " OBJ_COMMENTS,
	"DELETE FROM comment_revisions WHERE comment IN " OBJ_COMMENTS,
	"DELETE FROM comments WHERE objective = $1",
	"DELETE FROM checkins WHERE key_result IN " OBJ_KRS,
	"DELETE FROM status_lines WHERE key_result IN " OBJ_KRS,
	"DELETE FROM status_lines WHERE update_id IN"
	" (SELECT id FROM status_updates WHERE objective = $1)",
	"DELETE FROM status_updates WHERE objective = $1",
	"DELETE FROM criteria WHERE key_result IN " OBJ_KRS,
	"DELETE FROM initiatives WHERE key_result IN " OBJ_KRS,
	"DELETE FROM kr_sources WHERE key_result IN " OBJ_KRS,
	"DELETE FROM key_results WHERE objective = $1",
	"DELETE FROM links WHERE objective = $1",
	"DELETE FROM retros WHERE objective = $1",
	"DELETE FROM objectives WHERE id = $1",
	NULL,
};

static int
run_each(struct db *db, const char *const *sql, int64_t id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	for (; *sql; sql++) {
		if ((rc = db_prepare(db, *sql, &st, err)) < 0)
			return rc;
		db_bind_int(st, 1, id);
		if ((rc = sq_done(st, err)) < 0)
			return rc;
	}
	return 0;
}

int
store_remove(struct db *db, enum store_removal what, int64_t id, struct okra_err *err)
{
	static const char *const *const lists[] = {
		[REMOVE_CHECKIN] = del_checkin,     [REMOVE_STATUS] = del_status,
		[REMOVE_CRITERION] = del_criterion, [REMOVE_INITIATIVE] = del_initiative,
		[REMOVE_LINK] = del_link,           [REMOVE_KR] = del_kr,
		[REMOVE_OBJECTIVE] = del_objective,
	};

	return run_each(db, lists[what], id, err);
}

/* Step a one-row query with $1 = id: DB_ROW, or OKRA_ENOTFOUND naming what was sought. */
static int
one_row(struct db *db, const char *sql, int64_t id, const char *what, struct db_stmt **st,
	struct okra_err *err)
{
	int rc;

	if ((rc = db_prepare(db, sql, st, err)) < 0)
		return rc;
	db_bind_int(*st, 1, id);
	if ((rc = db_step(*st, err)) == DB_ROW)
		return DB_ROW;
	db_finalize(*st);
	if (rc < 0)
		return rc;
	return okra_err_set(err, OKRA_ENOTFOUND, what, "no %s with id %lld", what, (long long)id);
}

int
store_checkin_get(struct db *db, struct arena *ar, int64_t id, struct checkin *c,
		  struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = one_row(db, sql_checkin_get, id, "checkin", &st, err)) < 0)
		return rc;
	sq_checkin_row(ar, st, c);
	db_finalize(st);
	return 0;
}

int
store_checkin_amend(struct db *db, const struct checkin *c, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_checkin_amend, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, c->id);
	if (c->has_value)
		db_bind_double(st, 2, c->value);
	else
		db_bind_null(st, 2);
	db_bind_double(st, 3, c->progress);
	db_bind_text(st, 4, health_name(c->health));
	db_bind_text(st, 5, c->note ? c->note : "");
	return sq_done(st, err);
}

static int
status_lines(struct db *db, struct arena *ar, struct status_update *s, struct okra_err *err)
{
	struct status_line *v = NULL;
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	if ((rc = db_prepare(db, sql_status_lines, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, s->id);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, v, s->nlines + 1, alloc);
		v[s->nlines].key_result = db_col_int(st, 0);
		v[s->nlines++].line = sq_adup0(ar, st, 1);
	}
	db_finalize(st);
	s->lines = v;
	return rc < 0 ? rc : 0;
}

int
store_status_get(struct db *db, struct arena *ar, int64_t id, struct status_update *s,
		 struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = one_row(db, sql_status_get, id, "status", &st, err)) < 0)
		return rc;
	sq_status_row(ar, st, s);
	db_finalize(st);
	return status_lines(db, ar, s, err);
}

int
store_status_amend(struct db *db, const struct status_update *s, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_status_health, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, s->id);
	db_bind_text(st, 2, health_name(s->health));
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	return sq_status_lines(db, sql_status_line_set, s->id, s->lines, s->nlines, err);
}

int
store_item_get(struct db *db, struct arena *ar, enum store_removal what, int64_t id,
	       struct store_item *out, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	out->what = what;
	switch (what) {
	case REMOVE_CRITERION:
		if ((rc = one_row(db, sql_criterion_get, id, "criterion", &st, err)) < 0)
			return rc;
		sq_criterion_row(ar, st, &out->criterion);
		break;
	case REMOVE_INITIATIVE:
		if ((rc = one_row(db, sql_initiative_get, id, "initiative", &st, err)) < 0)
			return rc;
		sq_initiative_row(ar, st, &out->initiative);
		break;
	case REMOVE_LINK:
		if ((rc = one_row(db, sql_link_get, id, "link", &st, err)) < 0)
			return rc;
		sq_link_row(ar, st, &out->link);
		break;
	default:
		return okra_err_set(err, OKRA_EINVAL, "", "not an item kind");
	}
	db_finalize(st);
	return 0;
}

int
store_objective_children(struct db *db, int64_t id, int64_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_children, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	return sq_int(st, n, err);
}

int
store_objective_final_clear(struct db *db, int64_t id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_final_clear, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	return sq_done(st, err);
}
