/*
 * store_hooks.c: the webhooks' tables — which deliveries have been applied
 * (deliveries), and each forge item's forge, host and last event time
 * (forge_items).
 */
#include "store/store.h"

#include "store/store_int.h"
#include "util/arena.h"

static const char sql_delivery_add[] =
	"INSERT INTO deliveries (id, source, at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING";
static const char sql_forge_item_get[] =
	"SELECT forge, host, event_at, project FROM forge_items WHERE ref = $1";
static const char sql_forge_item_project[] =
	"INSERT INTO forge_items (ref, project) VALUES ($1, $2)"
	" ON CONFLICT (ref) DO UPDATE SET project = excluded.project";
static const char sql_forge_project_ref[] =
	"SELECT ref FROM forge_items WHERE project = $1 ORDER BY ref LIMIT 1";
/* A KR or objective that has the new ref already keeps both rows as they are. */
static const char *const sql_ref_rename[] = {
	"UPDATE criteria SET ref = $2 WHERE ref = $1 AND NOT EXISTS"
	" (SELECT 1 FROM criteria c WHERE c.key_result = criteria.key_result AND c.ref = $2)",
	"UPDATE initiatives SET ref = $2 WHERE ref = $1",
	"UPDATE links SET ref = $2 WHERE ref = $1 AND NOT EXISTS"
	" (SELECT 1 FROM links l WHERE l.objective = links.objective AND l.ref = $2)",
	"DELETE FROM forge_items WHERE ref = $2 AND ref <> $1",
	"UPDATE forge_items SET ref = $2 WHERE ref = $1",
};
/*
 * The first forge an item is given with stays while another item carries the
 * ref ($4 = 0): a later URL of another forge does not move it; alone ($4 = 1),
 * the item is what it is given as now (one removed and added again).
 */
static const char sql_forge_item_claim[] =
	"INSERT INTO forge_items (ref, forge, host) VALUES ($1, $2, $3)"
	" ON CONFLICT (ref) DO UPDATE SET forge = excluded.forge, host = excluded.host"
	" WHERE forge_items.forge IS NULL OR $4 = 1";
/* The refs of open items on objectives that are not closed, with what forge_items knows. */
static const char sql_open_refs[] =
	"SELECT r.ref, f.forge, f.host FROM ("
	" SELECT cr.ref FROM criteria cr JOIN key_results k ON k.id = cr.key_result"
	"  JOIN objectives o ON o.id = k.objective WHERE cr.state = 'open' AND o.state <> 'closed'"
	" UNION SELECT i.ref FROM initiatives i JOIN key_results k ON k.id = i.key_result"
	"  JOIN objectives o ON o.id = k.objective"
	"  WHERE i.ref IS NOT NULL AND i.state = 'open' AND o.state <> 'closed'"
	" UNION SELECT l.ref FROM links l JOIN objectives o ON o.id = l.objective"
	"  WHERE l.state = 'open' AND o.state <> 'closed'"
	") r LEFT JOIN forge_items f ON f.ref = r.ref ORDER BY r.ref";
static const char sql_forge_item_event[] =
	"INSERT INTO forge_items (ref, event_at) VALUES ($1, $2)"
	" ON CONFLICT (ref) DO UPDATE SET event_at = excluded.event_at";

int
store_delivery_add(struct db *db, const char *id, const char *source, int64_t at, int *fresh,
		   struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*fresh = 0;
	if ((rc = db_prepare(db, sql_delivery_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, source);
	db_bind_int(st, 3, at);
	if ((rc = sq_done(st, err)) == 0)
		*fresh = db_changes(db) > 0;
	return rc;
}

int
store_forge_item_get(struct db *db, struct arena *ar, const char *ref, struct forge_item *out,
		     struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*out = (struct forge_item){0};
	if ((rc = db_prepare(db, sql_forge_item_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	if ((rc = db_step(st, err)) == DB_ROW) {
		out->forge = sq_adup(ar, st, 0);
		out->host = sq_adup(ar, st, 1);
		out->has_event = !db_col_is_null(st, 2);
		out->event_at = out->has_event ? db_col_int(st, 2) : 0;
		out->project = sq_adup(ar, st, 3);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_forge_item_claim(struct db *db, const char *ref, const char *forge, const char *host,
		       int alone, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_forge_item_claim, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	db_bind_text(st, 2, forge);
	if (host)
		db_bind_text(st, 3, host);
	else
		db_bind_null(st, 3);
	db_bind_int(st, 4, alone ? 1 : 0);
	return sq_done(st, err);
}

int
store_forge_item_event(struct db *db, const char *ref, int64_t at, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_forge_item_event, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	db_bind_int(st, 2, at);
	return sq_done(st, err);
}

int
store_forge_item_project(struct db *db, const char *ref, const char *project, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_forge_item_project, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, ref);
	db_bind_text(st, 2, project);
	return sq_done(st, err);
}

int
store_forge_project_ref(struct db *db, struct arena *ar, const char *project, const char **ref,
			struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*ref = NULL;
	if ((rc = db_prepare(db, sql_forge_project_ref, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, project);
	if ((rc = db_step(st, err)) == DB_ROW)
		*ref = sq_adup(ar, st, 0);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_ref_rename(struct db *db, const char *from, const char *to, int64_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	int rc = 0;

	*n = 0;
	for (size_t i = 0; i < sizeof(sql_ref_rename) / sizeof(sql_ref_rename[0]); i++) {
		if ((rc = db_prepare(db, sql_ref_rename[i], &st, err)) < 0)
			return rc;
		db_bind_text(st, 1, from);
		db_bind_text(st, 2, to);
		if ((rc = sq_done(st, err)) < 0)
			return rc;
		if (i < 3)
			*n += db_changes(db);
	}
	return rc;
}

int
store_open_refs(struct db *db, struct arena *ar, struct open_ref **out, size_t *n,
		struct okra_err *err)
{
	struct db_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_open_refs, &st, err)) < 0)
		return rc;
	while ((rc = db_step(st, err)) == DB_ROW) {
		if (*n == cap) {
			*out = arena_grow_array(ar, *out, cap, cap ? 2 * cap : 16, sizeof(**out));
			cap = cap ? 2 * cap : 16;
		}
		(*out)[*n].ref = sq_adup(ar, st, 0);
		(*out)[*n].forge = sq_adup(ar, st, 1);
		(*out)[*n].host = sq_adup(ar, st, 2);
		(*n)++;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}
