/* store_okr.c: objectives, key results, criteria, initiatives and links. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/xalloc.h"

static const char sql_objective_add[] =
	"INSERT INTO objectives (cycle, team, parent, title, context, sections, dri, health,"
	" state, weight, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
	" RETURNING id";
static const char sql_objective_get[] = "SELECT " OBJ_COLS OBJ_FROM " WHERE o.id = $1";
static const char sql_objective_update[] =
	"UPDATE objectives SET title = $2, context = $3, sections = $4, dri = $5, parent = $6,"
	" weight = $7, health = $8, state = $9, version = version + 1,"
	" closed_at = CASE WHEN $9 = 'closed' THEN CAST($10 AS BIGINT) ELSE NULL END WHERE id = $1";
/* Walk up from $2 through parents; a recursive CTE both engines run. */
static const char sql_objective_is_ancestor[] =
	"WITH RECURSIVE up(id, parent) AS ("
	" SELECT id, parent FROM objectives WHERE id = $2"
	" UNION SELECT o.id, o.parent FROM objectives o JOIN up ON o.id = up.parent)"
	" SELECT count(*) FROM up WHERE id = $1";

static const char sql_kr_add[] =
	"INSERT INTO key_results (objective, title, context, dri, kind, unit, start, target,"
	" current_value, health, weight, created_at, position)"
	" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
	" (SELECT coalesce(max(position), 0) + 1 FROM key_results WHERE objective = $1))"
	" RETURNING id";
static const char sql_kr_get[] = "SELECT " KR_COLS KR_FROM " WHERE k.id = $1";
static const char sql_kr_update[] =
	"UPDATE key_results SET title = $2, context = $3, dri = $4, unit = $5, start = $6,"
	" target = $7, current_value = $8, health = $9, weight = $10, version = version + 1"
	" WHERE id = $1";
/*
 * A reading alone: its columns only, so a check-in does not set title and context, whose
 * trigger would write the KR's search document again (most of a check-in's pages).
 */
static const char sql_kr_reading[] =
	"UPDATE key_results SET current_value = $2, health = $3, version = version + 1 WHERE id = "
	"$1";
/* An objective's KRs in their order; one KR put at a place (of another objective). */
static const char sql_kr_order[] =
	"SELECT id FROM key_results WHERE objective = $1 ORDER BY position, id";
static const char sql_kr_place[] =
	"UPDATE key_results SET objective = $2, position = $3,"
	" version = version + CASE WHEN $4 = 1 THEN 1 ELSE 0 END WHERE id = $1";
static const char sql_kr_criteria[] =
	"SELECT " CRITERION_COLS " FROM criteria cr WHERE cr.key_result = $1 ORDER BY cr.id";
static const char sql_kr_initiatives[] =
	"SELECT " INITIATIVE_COLS " FROM initiatives i WHERE i.key_result = $1 ORDER BY i.id";

static const char sql_criterion_add[] =
	"INSERT INTO criteria (key_result, ref, title, contribution, state, progress)"
	" VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
static const char sql_criteria_total[] =
	"SELECT coalesce(sum(contribution), 0) FROM criteria WHERE key_result = $1 AND id <> $2";
static const char sql_initiative_add[] =
	"INSERT INTO initiatives (key_result, title, ref, state) VALUES ($1, $2, $3, $4)"
	" RETURNING id";
static const char sql_link_add[] =
	"INSERT INTO links (objective, ref, title, state) VALUES ($1, $2, $3, $4) RETURNING id";

/* Only items on objectives that are not closed move: a closed objective is read-only (R11). */
static const char sql_ref_krs[] =
	"SELECT DISTINCT cr.key_result FROM criteria cr JOIN key_results k ON k.id = cr.key_result"
	" JOIN objectives o ON o.id = k.objective"
	" WHERE cr.ref = $1 AND cr.state <> $2 AND o.state <> 'closed' ORDER BY cr.key_result";
static const char sql_ref_criteria[] =
	"UPDATE criteria SET state = $2 WHERE ref = $1 AND state <> $2 AND key_result IN"
	" (SELECT k.id FROM key_results k JOIN objectives o ON o.id = k.objective"
	"  WHERE o.state <> 'closed')";
static const char sql_ref_initiatives[] =
	"UPDATE initiatives SET state = $2 WHERE ref = $1 AND state <> $2 AND key_result IN"
	" (SELECT k.id FROM key_results k JOIN objectives o ON o.id = k.objective"
	"  WHERE o.state <> 'closed')";
static const char sql_ref_links[] =
	"UPDATE links SET state = $2 WHERE ref = $1 AND state <> $2 AND objective IN"
	" (SELECT id FROM objectives WHERE state <> 'closed')";
/* The initiatives (with their KR) and links a change of ref state would move. */
static const char sql_ref_touched[] =
	"SELECT k.objective, i.key_result FROM initiatives i"
	" JOIN key_results k ON k.id = i.key_result JOIN objectives o ON o.id = k.objective"
	" WHERE i.ref = $1 AND i.state <> $2 AND o.state <> 'closed'"
	" UNION SELECT l.objective, 0 FROM links l JOIN objectives o ON o.id = l.objective"
	" WHERE l.ref = $1 AND l.state <> $2 AND o.state <> 'closed' ORDER BY 1, 2";
static const char sql_ref_count[] =
	"SELECT (SELECT count(*) FROM criteria WHERE ref = $1)"
	" + (SELECT count(*) FROM initiatives WHERE ref = $1)"
	" + (SELECT count(*) FROM links WHERE ref = $1)";

static enum health
health_col(struct db_stmt *st, int col)
{
	int h = health_parse(db_col_text(st, col));

	return h < 0 ? HEALTH_NONE : (enum health)h;
}

static enum item_state
item_state_col(struct db_stmt *st, int col)
{
	int s = item_state_parse(db_col_text(st, col));

	return s < 0 ? ITEM_OPEN : (enum item_state)s;
}

void
sq_objective_row(struct arena *ar, struct db_stmt *st, struct objective_row *o)
{
	int k, s;

	memset(o, 0, sizeof(*o));
	o->id = db_col_int(st, 0);
	o->cycle = db_col_int(st, 1);
	o->cycle_name = sq_adup0(ar, st, 2);
	k = cycle_kind_parse(db_col_text(st, 3));
	o->cycle_kind = k < 0 ? CYCLE_QUARTER : (enum cycle_kind)k;
	o->team = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
	o->team_slug = sq_adup(ar, st, 5);
	o->parent = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	o->title = sq_adup0(ar, st, 7);
	o->context = sq_adup0(ar, st, 8);
	o->sections = sq_adup0(ar, st, 9);
	o->dri = db_col_int(st, 10);
	o->dri_handle = sq_adup0(ar, st, 11);
	o->health = health_col(st, 12);
	s = state_parse(db_col_text(st, 13));
	o->state = s < 0 ? STATE_ACTIVE : (enum obj_state)s;
	o->weight = db_col_double(st, 14);
	o->version = db_col_int(st, 15);
	o->last_status_at = db_col_is_null(st, 16) ? 0 : db_col_int(st, 16);
	o->has_final = !db_col_is_null(st, 17);
	o->final_score = o->has_final ? db_col_double(st, 17) : 0;
	o->final_reason = sq_adup(ar, st, 18);
}

void
sq_kr_row(struct arena *ar, struct db_stmt *st, struct key_result *kr)
{
	int k, s;

	memset(kr, 0, sizeof(*kr));
	kr->id = db_col_int(st, 0);
	kr->objective = db_col_int(st, 1);
	kr->title = sq_adup0(ar, st, 2);
	kr->context = sq_adup0(ar, st, 3);
	kr->dri = db_col_int(st, 4);
	kr->dri_handle = sq_adup0(ar, st, 5);
	k = kr_kind_parse(db_col_text(st, 6));
	kr->kind = k < 0 ? KR_METRIC : (enum kr_kind)k;
	kr->unit = sq_adup0(ar, st, 7);
	kr->start = db_col_double(st, 8);
	kr->target = db_col_double(st, 9);
	kr->current = db_col_double(st, 10);
	kr->health = health_col(st, 11);
	kr->weight = db_col_double(st, 12);
	kr->version = db_col_int(st, 13);
	kr->last_checkin_at = db_col_is_null(st, 14) ? 0 : db_col_int(st, 14);
	kr->last_checkin_author = sq_adup(ar, st, 15);
	s = source_parse(db_col_text(st, 16));
	kr->last_source = s < 0 ? SOURCE_MANUAL : (enum source)s;
}

void
sq_criterion_row(struct arena *ar, struct db_stmt *st, struct criterion *c)
{
	c->id = db_col_int(st, 0);
	c->key_result = db_col_int(st, 1);
	c->ref = sq_adup0(ar, st, 2);
	c->title = sq_adup0(ar, st, 3);
	c->contribution = db_col_double(st, 4);
	c->state = item_state_col(st, 5);
	c->progress = db_col_double(st, 6);
}

void
sq_initiative_row(struct arena *ar, struct db_stmt *st, struct initiative *i)
{
	i->id = db_col_int(st, 0);
	i->key_result = db_col_int(st, 1);
	i->title = sq_adup0(ar, st, 2);
	i->ref = sq_adup(ar, st, 3);
	i->state = item_state_col(st, 4);
}

void
sq_link_row(struct arena *ar, struct db_stmt *st, struct link *l)
{
	l->id = db_col_int(st, 0);
	l->objective = db_col_int(st, 1);
	l->ref = sq_adup0(ar, st, 2);
	l->title = sq_adup0(ar, st, 3);
	l->state = item_state_col(st, 4);
}

/* Bullets are stored one per line (validation keeps newlines out of them). */
static void
split_lines(struct arena *ar, const char *s, struct strlist *l)
{
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);

		if (len && ar) {
			ARENA_GROW(ar, l->v, l->n + 1, l->alloc);
			l->v[l->n++] = arena_strndup(ar, s, len);
		} else if (len) {
			ALLOC_GROW(l->v, l->n + 1, l->alloc);
			l->v[l->n++] = xstrndup(s, len);
		}
		s += len + (e ? 1 : 0);
	}
}

void
sq_retro_row(struct arena *ar, struct db_stmt *st, struct retro *r)
{
	memset(r, 0, sizeof(*r));
	split_lines(ar, db_col_text(st, 1), &r->good);
	split_lines(ar, db_col_text(st, 2), &r->bad);
	split_lines(ar, db_col_text(st, 3), &r->try);
	r->final_at = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
}

int
store_objective_add(struct db *db, const struct objective_row *o, int64_t now, int64_t *id,
		    struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_objective_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, o->cycle);
	sq_bind_ref(st, 2, o->team);
	sq_bind_ref(st, 3, o->parent);
	db_bind_text(st, 4, o->title);
	db_bind_text(st, 5, o->context ? o->context : "");
	db_bind_text(st, 6, o->sections ? o->sections : "");
	db_bind_int(st, 7, o->dri);
	db_bind_text(st, 8, health_name(o->health));
	db_bind_text(st, 9, state_name(o->state));
	db_bind_double(st, 10, o->weight);
	db_bind_int(st, 11, now);
	return sq_insert(st, id, err);
}

int
store_objective_get(struct db *db, struct arena *ar, int64_t id, struct objective_row *out,
		    struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_objective_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		sq_objective_row(ar, st, out);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "objective", "no objective with id %lld",
				  (long long)id);
	}
	db_finalize(st);
	return rc;
}

int
store_objective_update(struct db *db, const struct objective_row *o, int64_t now,
		       struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_objective_update, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, o->id);
	db_bind_text(st, 2, o->title);
	db_bind_text(st, 3, o->context ? o->context : "");
	db_bind_text(st, 4, o->sections ? o->sections : "");
	db_bind_int(st, 5, o->dri);
	sq_bind_ref(st, 6, o->parent);
	db_bind_double(st, 7, o->weight);
	db_bind_text(st, 8, health_name(o->health));
	db_bind_text(st, 9, state_name(o->state));
	db_bind_int(st, 10, now);
	return sq_done(st, err);
}

int
store_objective_is_ancestor(struct db *db, int64_t ancestor, int64_t id, int *yes,
			    struct okra_err *err)
{
	struct db_stmt *st;
	int64_t n;
	int rc;

	if ((rc = db_prepare(db, sql_objective_is_ancestor, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, ancestor);
	db_bind_int(st, 2, id);
	if ((rc = sq_int(st, &n, err)) < 0)
		return rc;
	*yes = n > 0;
	return 0;
}

int
store_kr_add(struct db *db, const struct key_result *kr, int64_t now, int64_t *id,
	     struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_kr_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr->objective);
	db_bind_text(st, 2, kr->title);
	db_bind_text(st, 3, kr->context ? kr->context : "");
	db_bind_int(st, 4, kr->dri);
	db_bind_text(st, 5, kr_kind_name(kr->kind));
	db_bind_text(st, 6, kr->unit ? kr->unit : "");
	db_bind_double(st, 7, kr->start);
	db_bind_double(st, 8, kr->target);
	db_bind_double(st, 9, kr->current);
	db_bind_text(st, 10, health_name(kr->health));
	db_bind_double(st, 11, kr->weight);
	db_bind_int(st, 12, now);
	return sq_insert(st, id, err);
}

int
store_kr_get(struct db *db, struct arena *ar, int64_t id, struct key_result *out,
	     struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_kr_get, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		sq_kr_row(ar, st, out);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "key_result", "no key result with id %lld",
				  (long long)id);
	}
	db_finalize(st);
	return rc;
}

int
store_kr_update(struct db *db, const struct key_result *kr, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_kr_update, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr->id);
	db_bind_text(st, 2, kr->title);
	db_bind_text(st, 3, kr->context ? kr->context : "");
	db_bind_int(st, 4, kr->dri);
	db_bind_text(st, 5, kr->unit ? kr->unit : "");
	db_bind_double(st, 6, kr->start);
	db_bind_double(st, 7, kr->target);
	db_bind_double(st, 8, kr->current);
	db_bind_text(st, 9, health_name(kr->health));
	db_bind_double(st, 10, kr->weight);
	return sq_done(st, err);
}

int
store_kr_set_reading(struct db *db, const struct key_result *kr, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_kr_reading, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr->id);
	db_bind_double(st, 2, kr->current);
	db_bind_text(st, 3, health_name(kr->health));
	return sq_done(st, err);
}

int
store_kr_order(struct db *db, struct arena *ar, int64_t objective, int64_t **ids, size_t *n,
	       struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_kr_order, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, objective);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, *ids, *n + 1, alloc);
		(*ids)[(*n)++] = db_col_int(st, 0);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_kr_place(struct db *db, int64_t id, int64_t objective, int64_t position, int bump,
	       struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_kr_place, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, objective);
	db_bind_int(st, 3, position);
	db_bind_int(st, 4, bump ? 1 : 0);
	return sq_done(st, err);
}

int
store_kr_load(struct db *db, struct arena *ar, int64_t id, struct key_result *out,
	      struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	if ((rc = store_kr_get(db, ar, id, out, err)) < 0)
		return rc;
	if ((rc = db_prepare(db, sql_kr_criteria, &st, err)) < 0)
		goto fail;
	db_bind_int(st, 1, id);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, out->criteria, out->ncriteria + 1, alloc);
		sq_criterion_row(ar, st, &out->criteria[out->ncriteria++]);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;
	if ((rc = db_prepare(db, sql_kr_initiatives, &st, err)) < 0)
		goto fail;
	db_bind_int(st, 1, id);
	alloc = 0;
	while ((rc = db_step(st, err)) == DB_ROW) {
		ARENA_GROW(ar, out->initiatives, out->ninitiatives + 1, alloc);
		sq_initiative_row(ar, st, &out->initiatives[out->ninitiatives++]);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	out->ncriteria = out->ninitiatives = 0;
	return rc;
}

int
store_criterion_add(struct db *db, const struct criterion *c, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_criterion_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, c->key_result);
	db_bind_text(st, 2, c->ref);
	db_bind_text(st, 3, c->title ? c->title : "");
	db_bind_double(st, 4, c->contribution);
	db_bind_text(st, 5, item_state_name(c->state));
	db_bind_double(st, 6, c->progress);
	rc = sq_insert(st, id, err);
	if (rc == OKRA_ECONFLICT)
		rc = okra_err_set(err, rc, "ref", "key result %lld already has a criterion %s",
				  (long long)c->key_result, c->ref);
	return rc;
}

int
store_criteria_total(struct db *db, int64_t kr, int64_t except, double *sum, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*sum = 0;
	if ((rc = db_prepare(db, sql_criteria_total, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, kr);
	db_bind_int(st, 2, except);
	rc = db_step(st, err);
	if (rc == DB_ROW)
		*sum = db_col_double(st, 0);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_initiative_add(struct db *db, const struct initiative *i, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_initiative_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, i->key_result);
	db_bind_text(st, 2, i->title);
	db_bind_text(st, 3, i->ref);
	db_bind_text(st, 4, item_state_name(i->state));
	return sq_insert(st, id, err);
}

int
store_link_add(struct db *db, const struct link *l, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_link_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, l->objective);
	db_bind_text(st, 2, l->ref);
	db_bind_text(st, 3, l->title ? l->title : "");
	db_bind_text(st, 4, item_state_name(l->state));
	rc = sq_insert(st, id, err);
	if (rc == OKRA_ECONFLICT)
		rc = okra_err_set(err, rc, "ref", "objective %lld already links %s",
				  (long long)l->objective, l->ref);
	return rc;
}

static int
ref_update(struct db *db, const char *sql, const char *ref, const char *state, int64_t *changed,
	   struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	db_bind_text(st, 2, state);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	*changed += db_changes(db);
	return 0;
}

int
store_ref_set_state(struct db *db, const char *ref, enum item_state state, int64_t *changed,
		    int64_t **krs, size_t *nkrs, struct okra_err *err)
{
	const char *sname = item_state_name(state);
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*changed = 0;
	*krs = NULL;
	*nkrs = 0;
	/* Which KRs move must be read before the update changes the states. */
	if ((rc = db_prepare(db, sql_ref_krs, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	db_bind_text(st, 2, sname);
	while ((rc = db_step(st, err)) == DB_ROW) {
		ALLOC_GROW(*krs, *nkrs + 1, alloc);
		(*krs)[(*nkrs)++] = db_col_int(st, 0);
	}
	db_finalize(st);
	if (rc < 0)
		goto fail;
	if ((rc = ref_update(db, sql_ref_criteria, ref, sname, changed, err)) < 0 ||
	    (rc = ref_update(db, sql_ref_initiatives, ref, sname, changed, err)) < 0 ||
	    (rc = ref_update(db, sql_ref_links, ref, sname, changed, err)) < 0)
		goto fail;
	return 0;
fail:
	free(*krs);
	*krs = NULL;
	*nkrs = 0;
	return rc;
}

int
store_ref_touched(struct db *db, const char *ref, enum item_state state, int64_t **pairs,
		  size_t *npairs, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*pairs = NULL;
	*npairs = 0;
	if ((rc = db_prepare(db, sql_ref_touched, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	db_bind_text(st, 2, item_state_name(state));
	while ((rc = db_step(st, err)) == DB_ROW) {
		ALLOC_GROW(*pairs, 2 * (*npairs + 1), alloc);
		(*pairs)[2 * *npairs] = db_col_int(st, 0);
		(*pairs)[2 * *npairs + 1] = db_col_int(st, 1);
		(*npairs)++;
	}
	db_finalize(st);
	if (rc < 0) {
		free(*pairs);
		*pairs = NULL;
		*npairs = 0;
		return rc;
	}
	return 0;
}

int
store_ref_count(struct db *db, const char *ref, int64_t *count, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_ref_count, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	return sq_int(st, count, err);
}
