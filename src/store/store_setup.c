/* store_setup.c: the first run: whether anyone can sign in yet, and the one-time setup links. */
#include "store/store.h"

#include "store/store_int.h"

/* An active person with a password or a single sign-on link, or an active admin's live token. */
static const char sql_signin_possible[] =
	"SELECT (SELECT COUNT(*) FROM people p WHERE p.deactivated_at IS NULL AND"
	" (p.pw_hash IS NOT NULL OR EXISTS (SELECT 1 FROM oidc_links l WHERE l.person = p.id)))"
	" + (SELECT COUNT(*) FROM api_tokens t JOIN people p ON p.id = t.person"
	" WHERE t.revoked_at IS NULL AND p.deactivated_at IS NULL AND p.role = 'admin')";
static const char sql_link_sweep[] = "DELETE FROM setup_links WHERE expires_at < $1";
static const char sql_link_add[] =
	"INSERT INTO setup_links (token_hash, expires_at) VALUES ($1, $2)";
static const char sql_link_live[] =
	"SELECT COUNT(*) FROM setup_links WHERE token_hash = $1 AND expires_at >= $2";
static const char sql_link_take[] =
	"DELETE FROM setup_links WHERE token_hash = $1 AND expires_at >= $2";

int
store_signin_possible(struct db *db, int *yes, struct okra_err *err)
{
	struct db_stmt *st;
	int64_t n = 0;
	int rc;

	if ((rc = db_prepare(db, sql_signin_possible, &st, err)) < 0 ||
	    (rc = sq_int(st, &n, err)) < 0)
		return rc;
	*yes = n > 0;
	return 0;
}

int
store_setup_link_add(struct db *db, const char *hash, int64_t expires_at, int64_t now,
		     struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_link_sweep, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, now);
	if ((rc = sq_done(st, err)) < 0 || (rc = db_prepare(db, sql_link_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, expires_at);
	return sq_done(st, err);
}

int
store_setup_link_live(struct db *db, const char *hash, int64_t now, int take, int *live,
		      struct okra_err *err)
{
	struct db_stmt *st;
	int64_t n = 0;
	int rc;

	if ((rc = db_prepare(db, take ? sql_link_take : sql_link_live, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, now);
	if (take) {
		if ((rc = sq_done(st, err)) < 0)
			return rc;
		n = db_changes(db);
	} else if ((rc = sq_int(st, &n, err)) < 0) {
		return rc;
	}
	*live = n > 0;
	return 0;
}
