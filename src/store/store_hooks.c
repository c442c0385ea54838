/* store_hooks.c: the deliveries table — which webhook deliveries have been applied. */
#include "store/store.h"

#include "store/store_int.h"

static const char sql_delivery_add[] =
	"INSERT INTO deliveries (id, source, at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING";

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
