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
	"SELECT forge, host, event_at FROM forge_items WHERE ref = $1";
/*
 * The first forge an item is given with stays while another item carries the
 * ref ($4 = 0): a later URL of another forge does not move it; alone ($4 = 1),
 * the item is what it is given as now (one removed and added again).
 */
static const char sql_forge_item_claim[] =
	"INSERT INTO forge_items (ref, forge, host) VALUES ($1, $2, $3)"
	" ON CONFLICT (ref) DO UPDATE SET forge = excluded.forge, host = excluded.host"
	" WHERE forge_items.forge IS NULL OR $4 = 1";
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
