/* store_oidc.c: single sign-on's rows: sign-ins begun (oidc_logins), the provider's subjects
 * linked to people (oidc_links), and a person found by e-mail. */
#include "store/store.h"

#include "store/store_int.h"
#include "util/arena.h"

static const char sql_login_sweep[] = "DELETE FROM oidc_logins WHERE created_at < $1";
static const char sql_login_add[] =
	"INSERT INTO oidc_logins (state_hash, nonce, verifier, created_at) VALUES ($1, $2, $3, $4)";
static const char sql_login_get[] =
	"SELECT nonce, verifier, created_at FROM oidc_logins WHERE state_hash = $1";
static const char sql_login_delete[] = "DELETE FROM oidc_logins WHERE state_hash = $1";
static const char sql_link_get[] = "SELECT person FROM oidc_links WHERE sub = $1";
static const char sql_link_add[] =
	"INSERT INTO oidc_links (sub, person, linked_at) VALUES ($1, $2, $3)";
static const char sql_person_by_email[] =
	"SELECT id, handle FROM people WHERE lower(email) = lower($1) ORDER BY id LIMIT 2";

int
store_oidc_login_add(struct db *db, const char *state_hash, const char *nonce, const char *verifier,
		     int64_t now, int64_t before, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_login_sweep, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, before);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	if ((rc = db_prepare(db, sql_login_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, state_hash);
	db_bind_text(st, 2, nonce);
	db_bind_text(st, 3, verifier);
	db_bind_int(st, 4, now);
	return sq_done(st, err);
}

int
store_oidc_login_take(struct db *db, struct arena *ar, const char *state_hash,
		      struct store_oidc_login *out, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*out = (struct store_oidc_login){0};
	if ((rc = db_prepare(db, sql_login_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, state_hash);
	if ((rc = db_step(st, err)) == DB_ROW) {
		out->nonce = sq_adup0(ar, st, 0);
		out->verifier = sq_adup0(ar, st, 1);
		out->created_at = db_col_int(st, 2);
	}
	db_finalize(st);
	if (rc == DB_DONE)
		return okra_err_set(err, OKRA_ENOTFOUND, "state",
				    "no sign-in begun with this state");
	if (rc < 0)
		return rc;
	if ((rc = db_prepare(db, sql_login_delete, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, state_hash);
	if ((rc = sq_done(st, err)) < 0)
		return rc;
	/* Two callbacks racing with one state: only the one that deleted the row goes on. */
	if (db_changes(db) != 1)
		return okra_err_set(err, OKRA_ENOTFOUND, "state", "this sign-in was used already");
	return 0;
}

int
store_oidc_link_get(struct db *db, const char *sub, int64_t *person, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*person = 0;
	if ((rc = db_prepare(db, sql_link_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, sub);
	if ((rc = db_step(st, err)) == DB_ROW)
		*person = db_col_int(st, 0);
	db_finalize(st);
	if (rc == DB_DONE)
		return okra_err_set(err, OKRA_ENOTFOUND, "sub", "no person linked to this subject");
	return rc < 0 ? rc : 0;
}

int
store_oidc_link_add(struct db *db, const char *sub, int64_t person, int64_t now,
		    struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_link_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, sub);
	db_bind_int(st, 2, person);
	db_bind_int(st, 3, now);
	return sq_done(st, err);
}

int
store_person_by_email(struct db *db, const char *email, int64_t *person, struct okra_err *err)
{
	struct db_stmt *st;
	int rc, rows = 0;

	*person = 0;
	if ((rc = db_prepare(db, sql_person_by_email, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, email);
	while ((rc = db_step(st, err)) == DB_ROW)
		if (rows++ == 0)
			*person = db_col_int(st, 0);
	db_finalize(st);
	if (rc < 0)
		return rc;
	if (rows == 0)
		return okra_err_set(err, OKRA_ENOTFOUND, "email", "no person has this e-mail");
	if (rows > 1)
		return okra_err_set(err, OKRA_ECONFLICT, "email",
				    "more than one person has this e-mail");
	return 0;
}
