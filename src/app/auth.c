/* auth.c: passwords, sign-in sessions, the login rate limit and API tokens, each change audited
 * without its secret. */
#include "app/app_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/validate.h"
#include "store/store.h"
#include "util/buf.h"
#include "app/auth.h"

#define SECRET_BYTES 32 /* 256 random bits: APP_SECRET_LEN hex characters */
#define PASSWORD_MIN 10
#define PASSWORD_MAX 1024
/* seen_at and last_used_at are refreshed at most this often: no write per request. */
#define TOUCH_EVERY 60
#define DEFAULT_IDLE (8 * 3600)
#define DEFAULT_MAX (7 * 86400)
/* Failed sign-ins per handle and per address before they must wait out the window. */
#define LOGIN_LIMIT 5
#define LOGIN_WINDOW 300

/* One message for every failed sign-in, so a guess cannot tell which part was wrong. */
static const char login_refused[] = "wrong handle or password";

/*
 * An argon2id hash of a random password nobody knows, with the interactive
 * limits. A sign-in for an unknown handle (or a person without a password)
 * verifies against it, so it takes as long as a wrong password does and the
 * timing does not tell which handles exist. Regenerate it if the limits in
 * hash_password() ever change.
 */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
	"$argon2id$v=19$m=65536,t=2,p=1$o4pAOUwQQxOKPIVasstzIQ$"
	"YvwBDJlbqusXjU7a12a1jGuG9M+OWwRbiEH+8VxHOto";

/* A fresh random secret as lowercase hex. */
static void
new_secret(char out[APP_SECRET_LEN + 1])
{
	unsigned char raw[SECRET_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, APP_SECRET_LEN + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

/* What the store keeps of a secret: the hex SHA-256 of its hex text. */
static void
secret_hash(const char *secret, char out[STORE_HASH_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
	sodium_bin2hex(out, STORE_HASH_HEX + 1, h, sizeof(h));
}

/*
 * 1 when s has the shape of a secret we issued. Anything else is refused
 * before it reaches a query, so a client cannot feed arbitrary text in.
 */
static int
is_secret(const char *s)
{
	size_t i;

	if (!s)
		return 0;
	for (i = 0; i < APP_SECRET_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

static int64_t
idle_limit(const struct app *a)
{
	return a->session_idle > 0 ? a->session_idle : DEFAULT_IDLE;
}

static int64_t
max_age(const struct app *a)
{
	return a->session_max > 0 ? a->session_max : DEFAULT_MAX;
}

/*
 * An audit row whose actor is `actor` rather than a->actor: a sign-in is
 * done by the person signing in, whoever the server was acting as.
 */
static int
audit_as(struct app *a, int64_t actor, const char *action, int64_t person, char *after,
	 struct okra_err *err)
{
	int rc;

	rc = store_audit_add(a->db, a->now, actor, action, "person", person, NULL, after, err);
	free(after);
	return rc;
}

/* The person themself, or an admin (or the system). */
static int
may_act_for(struct app *a, int64_t person, const char *what, struct okra_err *err)
{
	if (a->actor.id && a->actor.id == person)
		return 0;
	return app_may_admin(a, what, err);
}

int
app_password_check(const char *password, size_t len, struct okra_err *err)
{
	if (!password || len < PASSWORD_MIN)
		return okra_err_set(err, OKRA_EINVAL, "password",
				    "a password needs at least %d bytes", PASSWORD_MIN);
	if (len > PASSWORD_MAX)
		return okra_err_set(err, OKRA_EINVAL, "password", "a password is at most %d bytes",
				    PASSWORD_MAX);
	if (memchr(password, '\0', len))
		return okra_err_set(err, OKRA_EINVAL, "password",
				    "a password cannot contain a NUL byte");
	return 0;
}

int
app_user_passwd(struct app *a, const char *handle, const char *password, struct okra_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int rc;

	if ((rc = app_password_check(password, password ? strlen(password) : 0, err)) < 0)
		return rc;
	if ((rc = store_person_by_handle(a->db, &ar, handle ? handle : "", &p, err)) < 0)
		goto out;
	if ((rc = may_act_for(a, p.id, "set another person's password", err)) < 0)
		goto out;
	/* Hash before the transaction: argon2 is slow on purpose, the write lock need not wait. */
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		rc = okra_err_set(err, OKRA_EIO, "password",
				  "could not hash the password (out of memory?)");
		goto out;
	}
	if ((rc = app_tx_begin(a, err)) < 0)
		goto out;
	rc = store_person_password_set(a->db, p.id, hash, err);
	/* A new password signs the person out everywhere: an old session may be the thief's. */
	if (rc == 0)
		rc = store_sessions_delete_person(a->db, p.id, err);
	if (rc == 0)
		rc = app_audit(a, "passwd", "person", p.id, NULL,
			       app_text_strings("handle", p.handle, NULL), err);
	rc = app_tx_end(a, rc, err);
out:
	sodium_memzero(hash, sizeof(hash));
	arena_release(&ar);
	return rc;
}

/*
 * Check a handle and password: 0 with the person in *p (in ar), or OKRA_EFORBIDDEN
 * (one message for every reason). Always one argon2 verification, found or
 * not, so the time taken tells nothing.
 */
static int
verify(struct app *a, struct arena *ar, const char *handle, const char *password, struct person *p,
       struct okra_err *err)
{
	char stored[crypto_pwhash_STRBYTES] = "";
	struct buf hash = BUF_INIT;
	size_t len = password ? strlen(password) : 0;
	int found = 0, ok = 0, rc = 0;

	if (handle && *handle && len <= PASSWORD_MAX) {
		rc = store_person_password_get(a->db, ar, handle, p, &hash, err);
		if (rc < 0 && rc != OKRA_ENOTFOUND)
			goto out;
		/* libsodium takes the hash as a fixed-size array; a longer one is not ours. */
		/* A deactivated person is refused like a wrong password (nothing to learn). */
		found = rc == 0 && hash.len > 0 && hash.len < sizeof(stored) && !p->deactivated_at;
		if (found)
			memcpy(stored, hash.buf, hash.len + 1);
	}
	if (crypto_pwhash_str_verify(found ? stored : dummy_hash, password ? password : "", len) ==
	    0)
		ok = found;
	rc = ok ? 0 : okra_err_set(err, OKRA_EFORBIDDEN, "password", "%s", login_refused);
	if (ok)
		okra_err_clear(err);
out:
	sodium_memzero(stored, sizeof(stored));
	buf_release(&hash);
	return rc;
}

int
app_password_matches(struct app *a, const char *handle, const char *password, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int rc = verify(a, &ar, handle, password, &p, err);

	arena_release(&ar);
	return rc;
}

int
app_session_start(struct app *a, const struct person *p, const char *via, struct app_session *out,
		  struct okra_err *err)
{
	char id_hash[STORE_HASH_HEX + 1];
	int rc;

	/* Sessions nobody came back for would otherwise stay forever. */
	rc = store_sessions_expire(a->db, a->now - idle_limit(a), a->now - max_age(a), err);
	if (rc == 0) {
		new_secret(out->token);
		new_secret(out->csrf);
		secret_hash(out->token, id_hash);
		rc = store_session_add(a->db, id_hash, p->id, out->csrf, a->now, err);
	}
	if (rc == 0)
		rc = audit_as(a, p->id, "login", p->id,
			      via ? app_text_strings("handle", p->handle, "via", via, NULL)
				  : app_text_strings("handle", p->handle, NULL),
			      err);
	if (rc < 0)
		return rc;
	out->person = p->id;
	out->created_at = out->seen_at = a->now;
	return 0;
}

int
app_login(struct app *a, const char *handle, const char *password, struct app_session *out,
	  struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = verify(a, &ar, handle, password, &p, err)) < 0)
		goto out;
	if ((rc = app_tx_begin(a, err)) < 0)
		goto out;
	rc = app_session_start(a, &p, NULL, out, err);
	rc = app_tx_end(a, rc, err);
out:
	if (rc < 0)
		sodium_memzero(out, sizeof(*out));
	arena_release(&ar);
	return rc;
}

/* The failure keys of a sign-in: [0] the handle's, [1] the address's. */
static void
failure_keys(const char *handle, const char *addr, char key[2][STORE_HASH_HEX + 1])
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "h:%s", handle ? handle : "");
	secret_hash(b.buf, key[0]);
	buf_reset(&b);
	buf_addf(&b, "a:%s", addr ? addr : "");
	secret_hash(b.buf, key[1]);
	buf_release(&b);
}

int
app_login_throttle(struct app *a, const char *handle, const char *addr, int *wait,
		   struct okra_err *err)
{
	char key[2][STORE_HASH_HEX + 1];
	int64_t first, fails, addr_fails = 0;
	int rc;

	*wait = 0;
	failure_keys(handle, addr, key);
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_login_failures_expire(a->db, a->now - LOGIN_WINDOW, err);
	/*
	 * The address first: an address with no failure in the window is let past
	 * a handle that guesses from elsewhere have held back, so the owner signing
	 * in from their own machine is not locked out by someone else's guessing.
	 */
	for (int i = 1; rc == 0 && i >= 0; i--) {
		rc = store_login_failures_get(a->db, key[i], &first, &fails, err);
		if (i == 1)
			addr_fails = fails;
		if (rc == 0 && fails >= LOGIN_LIMIT && (i == 1 || addr_fails > 0) &&
		    LOGIN_WINDOW - (a->now - first) > *wait)
			*wait = (int)(LOGIN_WINDOW - (a->now - first));
	}
	for (int i = 0; rc == 0 && !*wait && i < 2; i++)
		rc = store_login_failure_add(a->db, key[i], a->now, err);
	return app_tx_end(a, rc, err);
}

int
app_login_forgive(struct app *a, const char *handle, const char *addr, struct okra_err *err)
{
	char key[2][STORE_HASH_HEX + 1];
	int rc;

	failure_keys(handle, addr, key);
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_login_failures_forgive(a->db, key[0], 1, err);
	if (rc == 0)
		rc = store_login_failures_forgive(a->db, key[1], 0, err);
	return app_tx_end(a, rc, err);
}

/* The person of a memo entry, its strings copied into ar. */
static void
who_from_memo(struct arena *ar, const struct app_memo_auth *m, struct person *who)
{
	*who = m->who;
	who->handle = arena_strdup(ar, m->who.handle);
	who->name = arena_strdup(ar, m->who.name);
	who->email = m->who.email ? arena_strdup(ar, m->who.email) : NULL;
}

/* A session kept at this revision that is neither expired nor due a touch: filled, 1. */
static int
session_kept(struct app *a, struct arena *ar, const char *token, const char *id_hash,
	     struct person *who, struct app_session *out)
{
	const struct app_memo_auth *m = app_memo_auth(a, 's', id_hash);

	if (!m || a->now - m->touched >= TOUCH_EVERY || a->now - m->touched > idle_limit(a) ||
	    a->now - m->created_at > max_age(a))
		return 0;
	who_from_memo(ar, m, who);
	memcpy(out->token, token, APP_SECRET_LEN + 1);
	memcpy(out->csrf, m->csrf, sizeof(out->csrf));
	out->person = m->who.id;
	out->created_at = m->created_at;
	out->seen_at = m->touched;
	return 1;
}

/* Keep who holds the session (read at rev, when rev_known) for the next requests. */
static void
session_keep(struct app *a, int rev_known, int64_t rev, const char *id_hash,
	     const struct app_session *s, const struct person *who)
{
	struct app_memo_auth m = {0};

	if (!rev_known)
		return;
	m.who = *who;
	m.touched = s->seen_at;
	m.created_at = s->created_at;
	memcpy(m.csrf, s->csrf, sizeof(m.csrf));
	app_memo_auth_put(a, rev, 's', id_hash, &m);
}

int
app_session_get(struct app *a, struct arena *ar, const char *token, struct person *who,
		struct app_session *out, struct okra_err *err)
{
	char id_hash[STORE_HASH_HEX + 1];
	struct store_session s;
	int64_t rev = a->rev;
	int rev_known = a->rev_known && !a->tx_depth;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(who, 0, sizeof(*who));
	if (!is_secret(token))
		return okra_err_set(err, OKRA_ENOTFOUND, "session",
				    "no such session: sign in again");
	secret_hash(token, id_hash);
	if (session_kept(a, ar, token, id_hash, who, out))
		return 0;
	app_memo_auth_drop(a, id_hash);
	/* A read needs no write lock; only expiry and the occasional touch write. */
	if ((rc = store_session_get(a->db, id_hash, &s, err)) < 0) {
		if (rc == OKRA_ENOTFOUND)
			okra_err_set(err, rc, "session", "no such session: sign in again");
		return rc;
	}
	if (a->now - s.seen_at > idle_limit(a) || a->now - s.created_at > max_age(a)) {
		if ((rc = app_tx_begin(a, err)) == 0)
			rc = app_tx_end(a, store_session_delete(a->db, id_hash, err), err);
		if (rc == 0)
			rc = okra_err_set(err, OKRA_ENOTFOUND, "session",
					  "the session has expired: sign in again");
		return rc;
	}
	/* Housekeeping, best effort: a busy store must not turn a read into an error. */
	if (a->now - s.seen_at >= TOUCH_EVERY) {
		struct okra_err ignore = {0};

		if (app_tx_try_begin(a, &ignore) == 0 &&
		    app_tx_end(a, store_session_touch(a->db, id_hash, a->now, &ignore), &ignore) ==
			    0)
			s.seen_at = a->now;
	}
	if ((rc = store_person_get(a->db, ar, s.person, who, err)) < 0)
		return rc;
	if (who->deactivated_at)
		return okra_err_set(err, OKRA_ENOTFOUND, "session",
				    "no such session: sign in again");
	memcpy(out->token, token, APP_SECRET_LEN + 1);
	memcpy(out->csrf, s.csrf, sizeof(out->csrf));
	out->person = s.person;
	out->created_at = s.created_at;
	out->seen_at = s.seen_at;
	session_keep(a, rev_known, rev, id_hash, out, who);
	return 0;
}

int
app_logout(struct app *a, const char *token, struct okra_err *err)
{
	char id_hash[STORE_HASH_HEX + 1];
	struct store_session s;
	int rc;

	/* Signing out of a session that is gone already has nothing left to do. */
	if (!is_secret(token))
		return 0;
	secret_hash(token, id_hash);
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_session_get(a->db, id_hash, &s, err);
	if (rc == OKRA_ENOTFOUND) {
		okra_err_clear(err);
		return app_tx_end(a, 0, err);
	}
	if (rc == 0)
		rc = store_session_delete(a->db, id_hash, err);
	if (rc == 0)
		rc = audit_as(a, s.person, "logout", s.person, NULL, err);
	return app_tx_end(a, rc, err);
}

int
app_token_add(struct app *a, const char *handle, const char *name, int64_t *id,
	      char token[APP_SECRET_LEN + 1], struct okra_err *err)
{
	char h[STORE_HASH_HEX + 1];
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int rc;

	token[0] = '\0';
	if (!name)
		name = "";
	if (*name && (rc = validate_title("name", name, err)) < 0)
		return rc;
	if (strlen(name) > NAME_MAX_LEN)
		return okra_err_set(err, OKRA_EINVAL, "name", "a token's name is at most %d bytes",
				    NAME_MAX_LEN);
	if ((rc = store_person_by_handle(a->db, &ar, handle ? handle : "", &p, err)) < 0)
		goto out;
	if ((rc = may_act_for(a, p.id, "make API tokens for another person", err)) < 0 ||
	    (rc = app_tx_begin(a, err)) < 0)
		goto out;
	new_secret(token);
	secret_hash(token, h);
	rc = store_token_add(a->db, p.id, name, h, a->now, id, err);
	if (rc == 0)
		rc = app_audit(a, "create", "api_token", *id, NULL,
			       app_text_strings("person", p.handle, "name", name, NULL), err);
	rc = app_tx_end(a, rc, err);
	if (rc < 0)
		sodium_memzero(token, APP_SECRET_LEN + 1);
out:
	arena_release(&ar);
	return rc;
}

int
app_token_get(struct app *a, struct arena *ar, const char *token, struct person *who,
	      struct okra_err *err)
{
	char h[STORE_HASH_HEX + 1];
	struct store_token t;
	const struct app_memo_auth *m;
	struct app_memo_auth keep = {0};
	int64_t rev = a->rev;
	int rev_known = a->rev_known && !a->tx_depth;
	int rc;

	memset(who, 0, sizeof(*who));
	if (!is_secret(token))
		return okra_err_set(err, OKRA_ENOTFOUND, "token", "unknown or revoked API token");
	secret_hash(token, h);
	/* Kept at this revision (so not revoked, its person as then) and not due a touch. */
	if ((m = app_memo_auth(a, 't', h)) && a->now - m->touched < TOUCH_EVERY) {
		who_from_memo(ar, m, who);
		return 0;
	}
	app_memo_auth_drop(a, h);
	if ((rc = store_token_get(a->db, h, &t, err)) < 0) {
		if (rc == OKRA_ENOTFOUND)
			okra_err_set(err, rc, "token", "unknown or revoked API token");
		return rc;
	}
	keep.touched = t.last_used_at;
	if (a->now - t.last_used_at >= TOUCH_EVERY) {
		struct okra_err ignore = {0};

		/* Best effort too: a read never waits for the write lock. */
		if (app_tx_try_begin(a, &ignore) == 0 &&
		    app_tx_end(a, store_token_touch(a->db, t.id, a->now, &ignore), &ignore) == 0)
			keep.touched = a->now;
	}
	if ((rc = store_person_get(a->db, ar, t.person, who, err)) < 0)
		return rc;
	if (who->deactivated_at)
		return okra_err_set(err, OKRA_ENOTFOUND, "token",
				    "this API token's person has been deactivated");
	keep.who = *who;
	if (rev_known)
		app_memo_auth_put(a, rev, 't', h, &keep);
	return 0;
}

int
app_token_revoke(struct app *a, int64_t id, struct okra_err *err)
{
	struct store_token t;
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_token_owner(a->db, id, &t, err)) < 0 ||
	    (rc = may_act_for(a, t.person, "revoke another person's API token", err)) < 0)
		goto out;
	if (t.revoked) {
		rc = okra_err_set(err, OKRA_ESTATE, "token", "API token %lld is already revoked",
				  (long long)id);
		goto out;
	}
	rc = store_token_revoke(a->db, id, a->now, err);
	if (rc == 0) {
		struct app_text x;
		struct jw *w = app_text_begin(&x);

		jw_object(w);
		jw_kint(w, "person", t.person);
		jw_end(w);
		rc = app_audit(a, "revoke", "api_token", id, NULL, app_text_end(&x), err);
	}
out:
	return app_tx_end(a, rc, err);
}

int
app_token_list(struct app *a, const char *handle, int everyone, struct token_row **v, size_t *n,
	       struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int64_t person = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (handle && (!*handle || !strcmp(handle, "*")))
		return okra_err_set(err, OKRA_EUSAGE, "handle",
				    "name one person's handle, or ask for everyone's tokens");
	if (everyone && handle)
		return okra_err_set(err, OKRA_EUSAGE, "handle",
				    "give a handle or ask for everyone's tokens, not both");
	if (everyone) {
		if ((rc = app_may_admin(a, "list everyone's API tokens", err)) < 0)
			return rc;
	} else if (!handle) {
		if (!a->actor.id)
			return okra_err_set(err, OKRA_EUSAGE, "handle",
					    "the system has no API tokens: name a person's handle");
		person = a->actor.id;
	} else {
		if ((rc = store_person_by_handle(a->db, &ar, handle, &p, err)) < 0 ||
		    (rc = may_act_for(a, p.id, "list another person's API tokens", err)) < 0)
			goto out;
		person = p.id;
	}
	rc = store_token_list(a->db, person, v, n, err);
out:
	arena_release(&ar);
	return rc;
}

/* handle's person (NULL or "": the actor; in ar), for themself or an admin. */
static int
whose(struct app *a, struct arena *ar, const char *handle, const char *what, struct person *p,
      struct okra_err *err)
{
	int rc;

	if (!handle || !*handle) {
		if (a->actor.id <= 0)
			return okra_err_set(err, OKRA_EUSAGE, "handle", "say whose sessions");
		handle = a->actor.handle;
	}
	if ((rc = store_person_by_handle(a->db, ar, handle, p, err)) < 0)
		return rc;
	return may_act_for(a, p->id, what, err);
}

int
app_sessions(struct app *a, struct arena *ar, const char *handle, const char *current,
	     struct app_session_info **v, size_t *n, struct okra_err *err)
{
	char keep[STORE_HASH_HEX + 1] = "";
	struct store_session_row *s = NULL;
	struct person p = {0};
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = whose(a, ar, handle, "see another person's sessions", &p, err)) < 0)
		return rc;
	if (is_secret(current))
		secret_hash(current, keep);
	if ((rc = store_sessions_of(a->db, ar, p.id, &s, n, err)) == 0 && *n) {
		*v = arena_calloc(ar, *n, sizeof(**v));
		for (size_t i = 0; i < *n; i++) {
			(*v)[i].created_at = s[i].created_at;
			(*v)[i].seen_at = s[i].seen_at;
			(*v)[i].current = *keep && !strcmp(s[i].id_hash, keep);
		}
	}
	return rc;
}

int
app_sessions_end_others(struct app *a, const char *handle, const char *current, int64_t *ended,
			struct okra_err *err)
{
	char keep[STORE_HASH_HEX + 1] = "";
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int rc;

	*ended = 0;
	if ((rc = whose(a, &ar, handle, "sign another person out", &p, err)) < 0)
		goto out;
	if (is_secret(current))
		secret_hash(current, keep);
	if ((rc = app_tx_begin(a, err)) < 0)
		goto out;
	rc = store_sessions_delete_others(a->db, p.id, keep, err);
	if (rc == 0) {
		*ended = db_changes(a->db);
		if (*ended)
			rc = app_audit(a, "sign_out", "person", p.id, NULL,
				       app_text_strings("handle", p.handle, NULL), err);
	}
	rc = app_tx_end(a, rc, err);
out:
	arena_release(&ar);
	return rc;
}
