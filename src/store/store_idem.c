/* store_idem.c: the answers kept for POSTs sent with an Idempotency-Key (idempotency_keys). */
#include "store/store.h"

#include "store/store_int.h"
#include "util/arena.h"

static const char sql_idem_get[] =
	"SELECT fingerprint, status, content_type, location, etag, body FROM idempotency_keys"
	" WHERE caller = $1 AND idem_key = $2 AND created_at >= $3";
static const char sql_idem_sweep[] = "DELETE FROM idempotency_keys WHERE created_at < $1";
static const char sql_idem_put[] =
	"INSERT INTO idempotency_keys (caller, idem_key, fingerprint, status, content_type,"
	" location, etag, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

int
store_idem_get(struct db *db, struct arena *ar, const char *caller, const char *key, int64_t since,
	       struct store_idem *out, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*out = (struct store_idem){0};
	if ((rc = db_prepare(db, sql_idem_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, caller);
	db_bind_text(st, 2, key);
	db_bind_int(st, 3, since);
	if ((rc = db_step(st, err)) == DB_ROW) {
		out->fingerprint = sq_adup0(ar, st, 0);
		out->status = (int)db_col_int(st, 1);
		out->content_type = sq_adup0(ar, st, 2);
		out->location = sq_adup0(ar, st, 3);
		out->etag = sq_adup0(ar, st, 4);
		out->body = sq_adup0(ar, st, 5);
	}
	db_finalize(st);
	if (rc == DB_DONE)
		return okra_err_set(err, OKRA_ENOTFOUND, "Idempotency-Key",
				    "no answer kept for the key");
	return rc < 0 ? rc : 0;
}

int
store_idem_put(struct db *db, const char *caller, const char *key, const struct store_idem *in,
	       int64_t now, int64_t since, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_idem_sweep, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, since);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	if ((rc = db_prepare(db, sql_idem_put, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, caller);
	db_bind_text(st, 2, key);
	db_bind_text(st, 3, in->fingerprint);
	db_bind_int(st, 4, in->status);
	db_bind_text(st, 5, in->content_type ? in->content_type : "");
	db_bind_text(st, 6, in->location ? in->location : "");
	db_bind_text(st, 7, in->etag ? in->etag : "");
	db_bind_text(st, 8, in->body ? in->body : "");
	db_bind_int(st, 9, now);
	return sq_done(st, err);
}
