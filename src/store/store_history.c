/* store_history.c: check-ins, weekly status updates, retros and the audit trail. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/xalloc.h"

static const char sql_checkin_add[] =
	"INSERT INTO checkins (key_result, author, at, value, progress, health, note, source,"
	" on_behalf_of) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
static const char sql_checkins_of_kr[] =
	"SELECT " CHECKIN_COLS CHECKIN_FROM " WHERE c.key_result = $1 ORDER BY c.at, c.id";
static const char sql_checkins_of_objective[] = "SELECT " CHECKIN_COLS CHECKIN_FROM
						" JOIN key_results k ON k.id = c.key_result"
						" WHERE k.objective = $1 ORDER BY c.at, c.id";
/*
 * A chart's points: the last check-in of each KR on each day (UTC), so a
 * history of any length draws at most one point per KR and day.
 */
static const char sql_checkins_daily[] =
	"SELECT " CHECKIN_COLS CHECKIN_FROM
	" WHERE c.id IN (SELECT MAX(l.id) FROM checkins l JOIN ("
	"SELECT d.key_result, MAX(d.at) AS at FROM checkins d"
	" JOIN key_results k ON k.id = d.key_result WHERE k.objective = $1"
	" GROUP BY d.key_result, d.at / 86400) m ON m.key_result = l.key_result AND m.at = l.at"
	" GROUP BY l.key_result, l.at) ORDER BY c.at, c.id";
/* The latest $2 check-ins of an objective's KRs, newest first. */
static const char sql_checkins_latest[] =
	"SELECT " CHECKIN_COLS CHECKIN_FROM
	" JOIN key_results k ON k.id = c.key_result"
	" WHERE k.objective = $1 ORDER BY c.at DESC, c.id DESC LIMIT $2";
static const char sql_status_add[] =
	"INSERT INTO status_updates (objective, author, at, health, on_behalf_of)"
	" VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char sql_status_line_add[] =
	"INSERT INTO status_lines (update_id, key_result, line) VALUES ($1, $2, $3)";
static const char sql_status_of_objective[] =
	"SELECT " STATUS_COLS STATUS_FROM " WHERE s.objective = $1 ORDER BY s.at, s.id";
static const char sql_status_lines_of_objective[] =
	"SELECT l.update_id, l.key_result, l.line FROM status_lines l"
	" JOIN status_updates s ON s.id = l.update_id WHERE s.objective = $1"
	" ORDER BY l.update_id, l.key_result";
static const char sql_retro_get[] = "SELECT " RETRO_COLS " FROM retros r WHERE r.objective = $1";
static const char sql_retro_put[] =
	"INSERT INTO retros (objective, good, bad, try, final_at) VALUES ($1, $2, $3, $4, $5)"
	" ON CONFLICT (objective) DO UPDATE SET good = excluded.good, bad = excluded.bad,"
	" try = excluded.try, final_at = excluded.final_at";
static const char sql_audit_add[] =
	"INSERT INTO audit (at, actor, action, entity, entity_id, before_json, after_json)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

/*
 * The audit trail as store_audit_list reads it: besides the row, the objective its entity
 * belongs to and the name a person, team or cycle is shown by (NULL when it is gone), so a
 * page links every row without a query per row. The filters are in struct audit_query's order.
 */
static const char sql_audit_list[] =
	"SELECT au.id, au.at, p.handle, au.action, au.entity, au.entity_id, au.before_json,"
	" au.after_json, CASE au.entity"
	" WHEN 'objective' THEN (SELECT o.id FROM objectives o WHERE o.id = au.entity_id)"
	" WHEN 'retro' THEN (SELECT o.id FROM objectives o WHERE o.id = au.entity_id)"
	" WHEN 'key_result' THEN (SELECT k.objective FROM key_results k WHERE k.id = au.entity_id)"
	" WHEN 'checkin' THEN (SELECT k.objective FROM checkins c JOIN key_results k"
	"  ON k.id = c.key_result WHERE c.id = au.entity_id)"
	" WHEN 'criterion' THEN (SELECT k.objective FROM criteria c JOIN key_results k"
	"  ON k.id = c.key_result WHERE c.id = au.entity_id)"
	" WHEN 'initiative' THEN (SELECT k.objective FROM initiatives i JOIN key_results k"
	"  ON k.id = i.key_result WHERE i.id = au.entity_id)"
	" WHEN 'link' THEN (SELECT l.objective FROM links l WHERE l.id = au.entity_id)"
	" WHEN 'status' THEN (SELECT s.objective FROM status_updates s WHERE s.id = au.entity_id)"
	" WHEN 'comment' THEN (SELECT c.objective FROM comments c WHERE c.id = au.entity_id)"
	" END, CASE au.entity"
	" WHEN 'person' THEN (SELECT x.handle FROM people x WHERE x.id = au.entity_id)"
	" WHEN 'team' THEN (SELECT t.slug FROM teams t WHERE t.id = au.entity_id)"
	" WHEN 'cycle' THEN (SELECT c.name FROM cycles c WHERE c.id = au.entity_id)"
	" END FROM audit au LEFT JOIN people p ON p.id = au.actor"
	" WHERE ($1 = '' OR au.entity = $1) AND ($2 = 0 OR au.entity_id = $2)"
	" AND (CAST($3 AS BIGINT) = 0 OR (au.entity = 'objective' AND au.entity_id = $3)"
	"  OR (au.entity = 'key_result' AND au.entity_id IN"
	"  (SELECT k.id FROM key_results k WHERE k.objective = $3)))"
	" AND ($4 = '' OR p.handle = $4)"
	" AND (CAST($5 AS BIGINT) = 0 OR au.at >= $5) AND (CAST($6 AS BIGINT) = 0 OR au.at < $6)"
	" AND (CAST($7 AS BIGINT) = 0 OR au.id < $7) ORDER BY au.id DESC LIMIT $8";
static const char sql_changes_since[] =
	"SELECT id, action, entity, entity_id FROM audit WHERE id > $1 ORDER BY id LIMIT $2";
static const char sql_counts[] =
	"SELECT (SELECT count(*) FROM objectives WHERE state = 'draft'),"
	" (SELECT count(*) FROM objectives WHERE state = 'active'),"
	" (SELECT count(*) FROM objectives WHERE state = 'closed'),"
	" (SELECT count(*) FROM key_results)";
static const char sql_krs_checked_in[] =
	"SELECT DISTINCT key_result FROM checkins WHERE source = 'manual' AND at >= $1 AND at < $2"
	" ORDER BY key_result";
static const char sql_objectives_with_status[] =
	"SELECT DISTINCT objective FROM status_updates WHERE at >= $1 AND at < $2 ORDER BY "
	"objective";

static enum health
health_of(const char *s)
{
	int h = health_parse(s);

	return h < 0 ? HEALTH_NONE : (enum health)h;
}

void
sq_checkin_row(struct arena *ar, struct db_stmt *st, struct checkin *c)
{
	int s;

	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->key_result = db_col_int(st, 1);
	c->author = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	c->author_handle = sq_adup(ar, st, 3);
	c->at = db_col_int(st, 4);
	c->has_value = !db_col_is_null(st, 5);
	c->value = c->has_value ? db_col_double(st, 5) : 0;
	c->progress = db_col_double(st, 6);
	c->health = health_of(db_col_text(st, 7));
	c->note = sq_adup0(ar, st, 8);
	s = source_parse(db_col_text(st, 9));
	c->source = s < 0 ? SOURCE_MANUAL : (enum source)s;
	c->on_behalf_of = db_col_is_null(st, 10) ? 0 : db_col_int(st, 10);
	c->on_behalf_handle = c->on_behalf_of ? sq_adup(ar, st, 11) : NULL;
}

void
sq_status_row(struct arena *ar, struct db_stmt *st, struct status_update *s)
{
	memset(s, 0, sizeof(*s));
	s->id = db_col_int(st, 0);
	s->objective = db_col_int(st, 1);
	s->author = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	s->author_handle = sq_adup(ar, st, 3);
	s->at = db_col_int(st, 4);
	s->health = health_of(db_col_text(st, 5));
	s->on_behalf_of = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	s->on_behalf_handle = s->on_behalf_of ? sq_adup(ar, st, 7) : NULL;
}

int
sq_status_lines(struct db *db, const char *sql, int64_t id, const struct status_line *v, size_t n,
		struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = db_prepare(db, sql, &st, err)) < 0)
			return rc;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, v[i].key_result);
		db_bind_text(st, 3, v[i].line);
		if ((rc = sq_done(st, err)) < 0)
			return rc;
	}
	return 0;
}

int
store_checkin_add(struct db *db, const struct checkin *c, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_checkin_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, c->key_result);
	sq_bind_ref(st, 2, c->author);
	db_bind_int(st, 3, c->at);
	if (c->has_value)
		db_bind_double(st, 4, c->value);
	else
		db_bind_null(st, 4);
	db_bind_double(st, 5, c->progress);
	db_bind_text(st, 6, health_name(c->health));
	db_bind_text(st, 7, c->note ? c->note : "");
	db_bind_text(st, 8, source_name(c->source));
	sq_bind_ref(st, 9, c->on_behalf_of);
	return sq_insert(st, id, err);
}

/* Both lists share one row shape: the query differs, not the mapping. */
static int
checkins_query(struct db *db, struct arena *ar, const char *sql, int64_t id, int64_t limit,
	       struct checkin **v, size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	if (limit)
		db_bind_int(st, 2, limit);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct checkin *c;

		ARENA_GROW(ar, *v, *n + 1, alloc);
		c = &(*v)[(*n)++];
		sq_checkin_row(ar, st, c);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_checkins_of_kr(struct db *db, struct arena *ar, int64_t kr, struct checkin **v, size_t *n,
		     struct okra_err *err)
{
	return checkins_query(db, ar, sql_checkins_of_kr, kr, 0, v, n, err);
}

int
store_checkins_of_objective(struct db *db, struct arena *ar, int64_t objective, struct checkin **v,
			    size_t *n, struct okra_err *err)
{
	return checkins_query(db, ar, sql_checkins_of_objective, objective, 0, v, n, err);
}

int
store_checkins_daily(struct db *db, struct arena *ar, int64_t objective, struct checkin **v,
		     size_t *n, struct okra_err *err)
{
	return checkins_query(db, ar, sql_checkins_daily, objective, 0, v, n, err);
}

int
store_checkins_latest(struct db *db, struct arena *ar, int64_t objective, int limit,
		      struct checkin **v, size_t *n, struct okra_err *err)
{
	int rc = checkins_query(db, ar, sql_checkins_latest, objective, limit, v, n, err);

	/* Oldest first, as every other list of check-ins. */
	for (size_t i = 0; rc == 0 && i < *n / 2; i++) {
		struct checkin t = (*v)[i];

		(*v)[i] = (*v)[*n - 1 - i];
		(*v)[*n - 1 - i] = t;
	}
	return rc;
}

int
store_status_add(struct db *db, const struct status_update *s, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_status_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, s->objective);
	sq_bind_ref(st, 2, s->author);
	db_bind_int(st, 3, s->at);
	db_bind_text(st, 4, health_name(s->health));
	sq_bind_ref(st, 5, s->on_behalf_of);
	if ((rc = sq_insert(st, id, err)) < 0)
		return rc;
	return sq_status_lines(db, sql_status_line_add, *id, s->lines, s->nlines, err);
}

int
store_status_of_objective(struct db *db, struct arena *ar, int64_t objective,
			  struct status_update **v, size_t *n, struct okra_err *err)
{
	struct status_update *s = NULL;
	struct status_line *lines = NULL; /* s's, while they arrive */
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_status_of_objective, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, objective);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *v, *n + 1, alloc);
		s = &(*v)[(*n)++];
		sq_status_row(ar, st, s);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;
	/*
	 * One query for every line of every update, by update: a few lines a
	 * week, so a linear look-up per update.
	 */
	if ((rc = db_prepare(db, sql_status_lines_of_objective, &st, err)) < 0)
		goto fail;
	db_bind_int(st, 1, objective);
	s = NULL;
	while ((rc = db_step(st, err)) == DB_ROW) {
		int64_t uid = db_col_int(st, 0);

		if (!s || s->id != uid) {
			s = NULL;
			for (size_t i = 0; i < *n && !s; i++)
				if ((*v)[i].id == uid && !(*v)[i].nlines)
					s = &(*v)[i];
			lines = NULL;
			alloc = 0;
		}
		if (!s)
			continue;
		ARENA_GROW(ar, lines, s->nlines + 1, alloc);
		lines[s->nlines].key_result = db_col_int(st, 1);
		lines[s->nlines].line = sq_adup0(ar, st, 2);
		s->lines = lines;
		s->nlines++;
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	*v = NULL;
	*n = 0;
	return rc;
}

int
store_retro_get(struct db *db, int64_t objective, struct retro *out, int *exists,
		struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	*exists = 0;
	if ((rc = db_prepare(db, sql_retro_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, objective);
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		sq_retro_row(NULL, st, out);
		*exists = 1;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

static void
join_lines(struct buf *b, const struct strlist *l)
{
	buf_reset(b);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			buf_addch(b, '\n');
		buf_adds(b, l->v[i]);
	}
}

int
store_retro_put(struct db *db, int64_t objective, const struct retro *r, struct okra_err *err)
{
	struct buf good = BUF_INIT, bad = BUF_INIT, try = BUF_INIT;
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_retro_put, &st, err)) < 0)
		return rc;
	join_lines(&good, &r->good);
	join_lines(&bad, &r->bad);
	join_lines(&try, &r->try);
	db_bind_int(st, 1, objective);
	db_bind_text(st, 2, good.buf);
	db_bind_text(st, 3, bad.buf);
	db_bind_text(st, 4, try.buf);
	if (r->final_at)
		db_bind_int(st, 5, r->final_at);
	else
		db_bind_null(st, 5);
	rc = sq_done(st, err);
	buf_release(&good);
	buf_release(&bad);
	buf_release(&try);
	return rc;
}

int
store_audit_add(struct db *db, int64_t at, int64_t actor, const char *action, const char *entity,
		int64_t entity_id, const char *before, const char *after, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_audit_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, at);
	sq_bind_ref(st, 2, actor);
	db_bind_text(st, 3, action);
	db_bind_text(st, 4, entity);
	db_bind_int(st, 5, entity_id);
	db_bind_text(st, 6, before);
	db_bind_text(st, 7, after);
	return sq_insert(st, NULL, err);
}

static int
ids_between(struct db *db, const char *sql, int64_t since, int64_t until, int64_t **ids, size_t *n,
	    struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, since);
	db_bind_int(st, 2, until);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ALLOC_GROW(*ids, *n + 1, alloc);
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	db_finalize(st);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int
store_krs_checked_in(struct db *db, int64_t since, int64_t until, int64_t **ids, size_t *n,
		     struct okra_err *err)
{
	return ids_between(db, sql_krs_checked_in, since, until, ids, n, err);
}

int
store_objectives_with_status(struct db *db, int64_t since, int64_t until, int64_t **ids, size_t *n,
			     struct okra_err *err)
{
	return ids_between(db, sql_objectives_with_status, since, until, ids, n, err);
}

static void
audit_row_read(struct db_stmt *st, struct audit_row *a)
{
	a->id = db_col_int(st, 0);
	a->at = db_col_int(st, 1);
	a->actor = sq_dup(st, 2);
	a->action = sq_dup0(st, 3);
	a->entity = sq_dup0(st, 4);
	a->entity_id = db_col_int(st, 5);
	a->before = sq_dup(st, 6);
	a->after = sq_dup(st, 7);
	a->objective = db_col_int(st, 8);
	a->name = sq_dup(st, 9);
}

int
store_audit_list(struct db *db, const struct audit_query *q, struct audit_row **v, size_t *n,
		 struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_audit_list, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, q->entity ? q->entity : "");
	db_bind_int(st, 2, q->entity_id);
	db_bind_int(st, 3, q->objective);
	db_bind_text(st, 4, q->actor ? q->actor : "");
	db_bind_int(st, 5, q->since);
	db_bind_int(st, 6, q->until);
	db_bind_int(st, 7, q->before);
	db_bind_int(st, 8, q->limit);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ALLOC_GROW(*v, *n + 1, alloc);
		audit_row_read(st, &(*v)[(*n)++]);
	}
	db_finalize(st);
	if (rc < 0) {
		for (size_t i = 0; i < *n; i++)
			audit_row_release(&(*v)[i]);
		free(*v);
		*v = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int
store_counts(struct db *db, int64_t objectives[3], int64_t *key_results, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_counts, &st, err)) < 0)
		return rc;
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		for (int i = 0; i < 3; i++)
			objectives[i] = db_col_int(st, i);
		*key_results = db_col_int(st, 3);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_changes_since(struct db *db, struct arena *ar, int64_t since, int limit,
		    struct store_change **v, size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_changes_since, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, since);
	db_bind_int(st, 2, limit);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct store_change *c;

		ARENA_GROW(ar, *v, *n + 1, alloc);
		c = &(*v)[(*n)++];
		c->id = db_col_int(st, 0);
		c->action = sq_adup0(ar, st, 1);
		c->entity = sq_adup0(ar, st, 2);
		c->entity_id = db_col_int(st, 3);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}
