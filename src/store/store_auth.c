/* store_auth.c: password hashes, sessions, API tokens and failed sign-ins (only hashes of secrets
 * are stored). */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/xalloc.h"

static const char sql_password_set[] =
	"UPDATE people SET pw_hash = $2, version = version + 1 WHERE id = $1";
static const char sql_password_get[] = "SELECT pw_hash FROM people WHERE id = $1";

static const char sql_session_add[] =
	"INSERT INTO sessions (id_hash, person, csrf, created_at, seen_at)"
	" VALUES ($1, $2, $3, $4, $4)";
static const char sql_session_get[] =
	"SELECT person, csrf, created_at, seen_at FROM sessions WHERE id_hash = $1";
static const char sql_session_touch[] = "UPDATE sessions SET seen_at = $2 WHERE id_hash = $1";
static const char sql_session_delete[] = "DELETE FROM sessions WHERE id_hash = $1";
static const char sql_sessions_delete_person[] = "DELETE FROM sessions WHERE person = $1";
static const char sql_sessions_of[] =
	"SELECT id_hash, created_at, seen_at FROM sessions WHERE person = $1"
	" ORDER BY seen_at DESC, created_at DESC";
static const char sql_sessions_delete_others[] =
	"DELETE FROM sessions WHERE person = $1 AND id_hash <> $2";
static const char sql_sessions_expire[] =
	"DELETE FROM sessions WHERE seen_at < $1 OR created_at < $2";

static const char sql_failures_expire[] = "DELETE FROM login_failures WHERE first <= $1";
static const char sql_failures_get[] = "SELECT first, fails FROM login_failures WHERE key = $1";
static const char sql_failure_add[] =
	"INSERT INTO login_failures (key, first, fails) VALUES ($1, $2, 1)"
	" ON CONFLICT (key) DO UPDATE SET fails = login_failures.fails + 1";
static const char sql_failures_forgive[] =
	"UPDATE login_failures SET fails = CASE WHEN $2 = 1 THEN 0 ELSE fails - 1 END"
	" WHERE key = $1 AND fails > 0";

static const char sql_token_add[] =
	"INSERT INTO api_tokens (person, name, token_hash, created_at)"
	" VALUES ($1, $2, $3, $4) RETURNING id";
static const char sql_token_get[] =
	"SELECT id, person, last_used_at, revoked_at FROM api_tokens"
	" WHERE token_hash = $1 AND revoked_at IS NULL";
static const char sql_token_owner[] =
	"SELECT id, person, last_used_at, revoked_at FROM api_tokens WHERE id = $1";
static const char sql_token_touch[] = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";
static const char sql_token_revoke[] =
	"UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
static const char sql_token_list[] =
	"SELECT t.id, p.handle, t.name, t.created_at, t.last_used_at, t.revoked_at"
	" FROM api_tokens t JOIN people p ON p.id = t.person"
	" WHERE $1 = 0 OR t.person = $1 ORDER BY t.created_at DESC, t.id DESC";

/* Step a write and report OKRA_ENOTFOUND (with msg) when it changed no row. */
static int
done_one(struct db *db, struct db_stmt *st, const char *field, const char *msg,
	 struct okra_err *err)
{
	int rc = sq_done(st, err);

	if (rc == 0 && db_changes(db) == 0)
		rc = okra_err_set(err, OKRA_ENOTFOUND, field, "%s", msg);
	return rc;
}

int
store_person_password_set(struct db *db, int64_t person, const char *hash, struct okra_err *err)
{
	struct db_stmt *st;
	char msg[64];
	int rc;

	if ((rc = db_prepare(db, sql_password_set, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_text(st, 2, hash && *hash ? hash : NULL);
	snprintf(msg, sizeof(msg), "no person with id %lld", (long long)person);
	return done_one(db, st, "person", msg, err);
}

int
store_person_password_get(struct db *db, struct arena *ar, const char *handle, struct person *out,
			  struct buf *hash, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = store_person_by_handle(db, ar, handle, out, err)) < 0)
		return rc;
	if ((rc = db_prepare(db, sql_password_get, &st, err)) < 0)
		goto fail;
	db_bind_int(st, 1, out->id);
	rc = db_step(st, err);
	if (rc == DB_ROW)
		buf_adds(hash, db_col_text(st, 0));
	db_finalize(st);
fail:
	return rc < 0 ? rc : 0;
}

int
store_session_add(struct db *db, const char *id_hash, int64_t person, const char *csrf, int64_t now,
		  struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_session_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, id_hash);
	db_bind_int(st, 2, person);
	db_bind_text(st, 3, csrf);
	db_bind_int(st, 4, now);
	return sq_done(st, err);
}

int
store_session_get(struct db *db, const char *id_hash, struct store_session *out,
		  struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(db, sql_session_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, id_hash);
	rc = db_step(st, err);
	if (rc == DB_ROW) {
		out->person = db_col_int(st, 0);
		snprintf(out->csrf, sizeof(out->csrf), "%s", db_col_text(st, 1));
		out->created_at = db_col_int(st, 2);
		out->seen_at = db_col_int(st, 3);
		rc = 0;
	} else if (rc == DB_DONE) {
		/* The hash is not worth naming: it identifies nothing to a person. */
		rc = okra_err_set(err, OKRA_ENOTFOUND, "session", "no such session");
	}
	db_finalize(st);
	return rc;
}

int
store_session_touch(struct db *db, const char *id_hash, int64_t seen_at, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_session_touch, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, id_hash);
	db_bind_int(st, 2, seen_at);
	return sq_done(st, err);
}

int
store_session_delete(struct db *db, const char *id_hash, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_session_delete, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, id_hash);
	return sq_done(st, err);
}

int
store_sessions_delete_person(struct db *db, int64_t person, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_sessions_delete_person, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	return sq_done(st, err);
}

int
store_sessions_of(struct db *db, struct arena *ar, int64_t person, struct store_session_row **v,
		  size_t *n, struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_sessions_of, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct store_session_row *s;

		if (*n == alloc) {
			size_t grown = alloc ? 2 * alloc : 8;

			*v = arena_grow_array(ar, *v, alloc, grown, sizeof(**v));
			alloc = grown;
		}
		s = &(*v)[(*n)++];
		snprintf(s->id_hash, sizeof(s->id_hash), "%s", db_col_text(st, 0));
		s->created_at = db_col_int(st, 1);
		s->seen_at = db_col_int(st, 2);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_sessions_delete_others(struct db *db, int64_t person, const char *keep_hash,
			     struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_sessions_delete_others, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_text(st, 2, keep_hash);
	return sq_done(st, err);
}

int
store_sessions_expire(struct db *db, int64_t seen_before, int64_t created_before,
		      struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_sessions_expire, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, seen_before);
	db_bind_int(st, 2, created_before);
	return sq_done(st, err);
}

int
store_login_failures_expire(struct db *db, int64_t before, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_failures_expire, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, before);
	return sq_done(st, err);
}

int
store_login_failures_get(struct db *db, const char *key, int64_t *first, int64_t *fails,
			 struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	*first = *fails = 0;
	if ((rc = db_prepare(db, sql_failures_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, key);
	if ((rc = db_step(st, err)) == DB_ROW) {
		*first = db_col_int(st, 0);
		*fails = db_col_int(st, 1);
		rc = 0;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_login_failure_add(struct db *db, const char *key, int64_t now, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_failure_add, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now);
	return sq_done(st, err);
}

int
store_login_failures_forgive(struct db *db, const char *key, int all, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_failures_forgive, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, all ? 1 : 0);
	return sq_done(st, err);
}

int
store_token_add(struct db *db, int64_t person, const char *name, const char *token_hash,
		int64_t now, int64_t *id, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_token_add, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	db_bind_text(st, 2, name ? name : "");
	db_bind_text(st, 3, token_hash);
	db_bind_int(st, 4, now);
	return sq_insert(st, id, err);
}

static int
one_token(struct db_stmt *st, struct store_token *out, const char *what, struct okra_err *err)
{
	int rc = db_step(st, err);

	memset(out, 0, sizeof(*out));
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->person = db_col_int(st, 1);
		out->last_used_at = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		out->revoked = !db_col_is_null(st, 3);
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "token", "no API token %s", what);
	}
	db_finalize(st);
	return rc;
}

int
store_token_get(struct db *db, const char *token_hash, struct store_token *out,
		struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_token_get, &st, err)) < 0)
		return rc;
	db_bind_text(st, 1, token_hash);
	return one_token(st, out, "like that (unknown or revoked)", err);
}

int
store_token_owner(struct db *db, int64_t id, struct store_token *out, struct okra_err *err)
{
	struct db_stmt *st;
	char what[40];
	int rc;

	if ((rc = db_prepare(db, sql_token_owner, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	snprintf(what, sizeof(what), "with id %lld", (long long)id);
	return one_token(st, out, what, err);
}

int
store_token_touch(struct db *db, int64_t id, int64_t at, struct okra_err *err)
{
	struct db_stmt *st;
	int rc;

	if ((rc = db_prepare(db, sql_token_touch, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, at);
	return sq_done(st, err);
}

int
store_token_revoke(struct db *db, int64_t id, int64_t at, struct okra_err *err)
{
	struct db_stmt *st;
	char msg[64];
	int rc;

	if ((rc = db_prepare(db, sql_token_revoke, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, at);
	snprintf(msg, sizeof(msg), "no API token with id %lld left to revoke", (long long)id);
	return done_one(db, st, "token", msg, err);
}

int
store_token_list(struct db *db, int64_t person, struct token_row **v, size_t *n,
		 struct okra_err *err)
{
	struct db_stmt *st;
	size_t alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare(db, sql_token_list, &st, err)) < 0)
		return rc;
	db_bind_int(st, 1, person);
	while ((rc = db_step(st, err)) == DB_ROW) {
		struct token_row *t;

		ALLOC_GROW(*v, *n + 1, alloc);
		t = &(*v)[(*n)++];
		t->id = db_col_int(st, 0);
		t->handle = sq_dup0(st, 1);
		t->name = sq_dup0(st, 2);
		t->created_at = db_col_int(st, 3);
		t->last_used_at = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
		t->revoked_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
	}
	db_finalize(st);
	if (rc < 0) {
		for (size_t i = 0; i < *n; i++)
			token_row_release(&(*v)[i]);
		free(*v);
		*v = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}
