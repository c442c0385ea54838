/* test_app_auth.c: passwords, sessions, the login rate limit and API tokens (DESIGN.md §4) on a
 * real store. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "fixture_app.h"
#include "store/store.h"
#include "util/buf.h"
#include "app/auth.h"

/* What the tests read lives here; arena_reset(&A) where a read was done with. */
static struct arena A = ARENA_INIT;

#define REFUSED(code, call)                                                                        \
	do {                                                                                       \
		int rc_;                                                                           \
		okra_err_clear(&E);                                                                \
		rc_ = (call);                                                                      \
		if (rc_ != (code))                                                                 \
			fail_msg("%s:%d: %s returned %d (%s), expected %s", __FILE__, __LINE__,    \
				 #call, rc_, E.msg, #code);                                        \
		if (!E.msg[0])                                                                     \
			fail_msg("%s:%d: %s refused without a message", __FILE__, __LINE__,        \
				 #call);                                                           \
	} while (0)

#define PW "correct horse battery"

/*
 * Every test starts from a fresh database with alex (admin), sam (leader),
 * pat, kim, rio (members) and vic (viewer); the clock at 2026-08-19 10:00;
 * acting as alex.
 */
static int
setup(void **state)
{
	struct fx *f;

	if (fixture_app_open(state, "auth"))
		return -1;
	f = *state;
	act(&f->a, NULL);
	staff(&f->a);
	act(&f->a, "alex");
	return 0;
}

/* The count of rows of `sql` (one integer result, parameter $1 = text). */
static int64_t
count(struct app *a, const char *sql, const char *arg)
{
	struct db_stmt *st;
	int64_t n = -1;

	OK(db_prepare(a->db, sql, &st, &E));
	if (arg)
		db_bind_text(st, 1, arg);
	if (db_step(st, &E) == DB_ROW)
		n = db_col_int(st, 0);
	db_finalize(st);
	return n;
}

/* 1 if any text column of any row of sessions, api_tokens, people or audit contains s. */
static int
stored_anywhere(struct app *a, const char *s)
{
	static const char *const sql[] = {
		"SELECT count(*) FROM sessions WHERE id_hash || ' ' || csrf LIKE '%' || $1 || '%'",
		"SELECT count(*) FROM api_tokens WHERE token_hash || ' ' || name LIKE '%' || $1 || "
		"'%'",
		"SELECT count(*) FROM people WHERE coalesce(pw_hash, '') LIKE '%' || $1 || '%'",
		"SELECT count(*) FROM audit WHERE coalesce(before_json, '') || ' ' ||"
		" coalesce(after_json, '') LIKE '%' || $1 || '%'",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (count(a, sql[i], s) != 0)
			return 1;
	return 0;
}

static void
set_pw(struct app *a, const char *actor, const char *handle)
{
	act(a, actor);
	OK(app_user_passwd(a, handle, PW, &E));
}

static void
test_password_set_by_self_and_by_admin(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct person who = {0};
	struct buf h = BUF_INIT;

	set_pw(a, "pat", "pat");
	set_pw(a, "alex", "kim");
	OK(store_person_password_get(a->db, &A, "kim", &who, &h, &E));
	/* argon2id, as DESIGN.md §5 says, and never the password itself */
	assert_int_equal(strncmp(h.buf, "$argon2id$", 10), 0);
	assert_null(strstr(h.buf, PW));
	assert_int_equal(stored_anywhere(a, PW), 0);
	/* The audit row names the person, not the hash. */
	assert_int_equal(count(a, "SELECT count(*) FROM audit WHERE action = 'passwd'", NULL), 2);
	assert_int_equal(count(a,
			       "SELECT count(*) FROM audit WHERE after_json LIKE '%' || $1 || '%'",
			       "$argon2"),
			 0);
	arena_reset(&A);
	buf_release(&h);
}

static void
test_password_refused_for_another_member(void **state)
{
	struct app *a = &((struct fx *)*state)->a;

	act(a, "pat");
	REFUSED(OKRA_EFORBIDDEN, app_user_passwd(a, "kim", PW, &E));
	assert_non_null(strstr(E.msg, "only admins"));
	act(a, "sam"); /* a leader is no admin here */
	REFUSED(OKRA_EFORBIDDEN, app_user_passwd(a, "kim", PW, &E));
	act(a, "alex");
	REFUSED(OKRA_ENOTFOUND, app_user_passwd(a, "nobody", PW, &E));
	assert_int_equal(count(a, "SELECT count(*) FROM people WHERE pw_hash IS NOT NULL", NULL),
			 0);
}

static void
test_password_length_rules(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	char long_pw[1026];

	REFUSED(OKRA_EINVAL, app_user_passwd(a, "pat", "short", &E));
	assert_null(strstr(E.msg, "short")); /* the message never repeats the password */
	REFUSED(OKRA_EINVAL, app_user_passwd(a, "pat", "123456789", &E));
	OK(app_user_passwd(a, "pat", "1234567890", &E));
	memset(long_pw, 'x', 1024);
	long_pw[1024] = '\0';
	OK(app_user_passwd(a, "pat", long_pw, &E));
	long_pw[1024] = 'x';
	long_pw[1025] = '\0';
	REFUSED(OKRA_EINVAL, app_user_passwd(a, "pat", long_pw, &E));
	REFUSED(OKRA_EINVAL, app_password_check("0123456789\0abc", 14, &E));
	OK(app_password_check("0123456789abc", 13, &E));
}

static void
test_login_ok(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s, g;
	struct person who = {0};

	set_pw(a, "pat", "pat");
	act(a, NULL);
	OK(app_login(a, "pat", PW, &s, &E));
	assert_int_equal(strlen(s.token), APP_SECRET_LEN);
	assert_int_equal(strlen(s.csrf), APP_SECRET_LEN);
	assert_string_not_equal(s.token, s.csrf);
	assert_int_equal(s.person, 3);
	OK(app_session_get(a, &A, s.token, &who, &g, &E));
	assert_string_equal(who.handle, "pat");
	assert_string_equal(g.csrf, s.csrf);
	assert_int_equal(g.person, s.person);
	/* The login is audited as done by pat, with no secret in it. */
	assert_int_equal(count(a,
			       "SELECT count(*) FROM audit WHERE action = 'login' AND actor = 3"
			       " AND entity = 'person' AND entity_id = 3",
			       NULL),
			 1);
	arena_reset(&A);
}

static void
test_login_failures_look_alike(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s;
	char wrong[sizeof(E.msg)], unknown[sizeof(E.msg)], nopw[sizeof(E.msg)];

	set_pw(a, "pat", "pat");
	REFUSED(OKRA_EFORBIDDEN, app_login(a, "pat", "not the password", &s, &E));
	snprintf(wrong, sizeof(wrong), "%s", E.msg);
	REFUSED(OKRA_EFORBIDDEN, app_login(a, "nobody", PW, &s, &E));
	snprintf(unknown, sizeof(unknown), "%s", E.msg);
	REFUSED(OKRA_EFORBIDDEN, app_login(a, "kim", PW, &s, &E)); /* kim has no password */
	snprintf(nopw, sizeof(nopw), "%s", E.msg);
	assert_string_equal(wrong, "wrong handle or password");
	assert_string_equal(unknown, wrong);
	assert_string_equal(nopw, wrong);
	REFUSED(OKRA_EFORBIDDEN, app_login(a, "pat", "", &s, &E));
	REFUSED(OKRA_EFORBIDDEN, app_login(a, "", PW, &s, &E));
	assert_int_equal(s.token[0], '\0');
	assert_int_equal(count(a, "SELECT count(*) FROM sessions", NULL), 0);
}

/*
 * The login rate limit lives in the store: a second app on the same database
 * (another server) sees the count, five failures hold a handle or an address
 * back for the rest of five minutes, and a right password forgives.
 */
static void
test_login_rate_limit_is_shared(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a, b;
	int64_t t0 = a->now;
	int wait;

	OK(app_open(&b, f->path, &E));
	app_set_now(&b, t0);
	/* Four failures through a, the fifth through b: both count. */
	for (int i = 0; i < 4; i++) {
		OK(app_login_throttle(a, "pat", "192.0.2.1", &wait, &E));
		assert_int_equal(wait, 0);
	}
	OK(app_login_throttle(&b, "pat", "192.0.2.2", &wait, &E));
	assert_int_equal(wait, 0);
	/* The sixth, from an address that failed, is held back on either server and counts nothing.
	 */
	app_set_now(a, t0 + 100);
	OK(app_login_throttle(a, "pat", "192.0.2.2", &wait, &E));
	assert_int_equal(wait, 200);
	app_set_now(&b, t0 + 100);
	OK(app_login_throttle(&b, "pat", "192.0.2.1", &wait, &E));
	assert_int_equal(wait, 200);
	assert_int_equal(count(a, "SELECT max(fails) FROM login_failures", NULL), 5);
	/* Another handle from a fresh address is not held back. */
	OK(app_login_throttle(&b, "sam", "192.0.2.9", &wait, &E));
	assert_int_equal(wait, 0);
	/* Rows name nobody in clear: every key is a 64-digit hex hash, none the handle's text. */
	assert_int_equal(count(a, "SELECT count(*) FROM login_failures", NULL), 5);
	assert_int_equal(count(a,
			       "SELECT count(*) FROM login_failures WHERE length(key) = 64"
			       " AND lower(key) = key AND key NOT LIKE '%:%'",
			       NULL),
			 5);
	/* The address that failed four times is held back after one more, whatever the handle. */
	OK(app_login_throttle(a, "kim", "192.0.2.1", &wait, &E));
	assert_int_equal(wait, 0);
	OK(app_login_throttle(a, "rio", "192.0.2.1", &wait, &E));
	assert_int_equal(wait, 300 - 100);
	/* When the window has passed, the handle may try again: the old windows are gone. */
	app_set_now(a, t0 + 300);
	OK(app_login_throttle(a, "pat", "192.0.2.4", &wait, &E));
	assert_int_equal(wait, 0);
	/* (sam, 192.0.2.9 and kim from t0 + 100 stay; pat and 192.0.2.4 start anew) */
	assert_int_equal(count(a, "SELECT count(*) FROM login_failures", NULL), 5);
	/* A right password clears the handle's count and takes back the address's one. */
	for (int i = 0; i < 3; i++)
		OK(app_login_throttle(a, "pat", "192.0.2.4", &wait, &E));
	OK(app_login_forgive(&b, "pat", "192.0.2.4", &E));
	assert_int_equal(count(a, "SELECT count(*) FROM login_failures WHERE fails = 0", NULL), 1);
	assert_int_equal(count(a, "SELECT count(*) FROM login_failures WHERE fails = 3", NULL), 1);
	app_close(&b);
}

/*
 * Lockout is no weapon: five guesses at pat's password from elsewhere hold pat's
 * handle back for the guessing addresses, and for an address once it misses too,
 * but the owner at an address with no failure in the window still gets through.
 */
static void
test_login_owner_passes_a_held_handle(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	int wait;

	for (int i = 0; i < 5; i++) {
		char addr[32];

		snprintf(addr, sizeof(addr), "198.51.100.%d", i + 1);
		OK(app_login_throttle(a, "pat", addr, &wait, &E));
		assert_int_equal(wait, 0);
	}
	OK(app_login_throttle(a, "pat", "198.51.100.1", &wait, &E));
	assert_int_equal(wait, 300);
	OK(app_login_throttle(a, "pat", "203.0.113.7", &wait, &E));
	assert_int_equal(wait, 0);
	OK(app_login_throttle(a, "pat", "203.0.113.7", &wait, &E));
	assert_int_equal(wait, 300);
}

static void
test_each_login_is_a_new_session(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s1, s2, g;
	struct person who = {0};

	set_pw(a, "pat", "pat");
	OK(app_login(a, "pat", PW, &s1, &E));
	OK(app_login(a, "pat", PW, &s2, &E));
	assert_string_not_equal(s1.token, s2.token);
	assert_string_not_equal(s1.csrf, s2.csrf);
	OK(app_session_get(a, &A, s1.token, &who, &g, &E));
	arena_reset(&A);
	OK(app_session_get(a, &A, s2.token, &who, &g, &E));
	arena_reset(&A);
	assert_int_equal(count(a, "SELECT count(*) FROM sessions", NULL), 2);
}

static void
test_session_idle_timeout(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s, g;
	struct person who = {0};
	int64_t t0 = a->now;

	set_pw(a, "pat", "pat");
	OK(app_login(a, "pat", PW, &s, &E));
	/* Seen again within the idle limit: alive, and seen_at moves (not more than once a minute).
	 */
	app_set_now(a, t0 + 30);
	OK(app_session_get(a, &A, s.token, &who, &g, &E));
	arena_reset(&A);
	assert_int_equal(g.seen_at, t0);
	app_set_now(a, t0 + a->session_idle);
	OK(app_session_get(a, &A, s.token, &who, &g, &E));
	arena_reset(&A);
	assert_int_equal(g.seen_at, t0 + a->session_idle);
	/* Then unused for longer than the idle limit: gone, row and all. */
	app_set_now(a, t0 + 2 * a->session_idle + 1);
	REFUSED(OKRA_ENOTFOUND, app_session_get(a, &A, s.token, &who, &g, &E));
	assert_null(who.handle);
	assert_int_equal(count(a, "SELECT count(*) FROM sessions", NULL), 0);
	REFUSED(OKRA_ENOTFOUND, app_session_get(a, &A, s.token, &who, &g, &E));
}

static void
test_session_absolute_timeout(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s, g;
	struct person who = {0};
	int64_t t0 = a->now, t;

	set_pw(a, "pat", "pat");
	OK(app_login(a, "pat", PW, &s, &E));
	/* Used every hour, it is never idle, yet it ends after session_max. */
	for (t = t0 + 3600; t <= t0 + a->session_max; t += 3600) {
		app_set_now(a, t);
		OK(app_session_get(a, &A, s.token, &who, &g, &E));
		arena_reset(&A);
	}
	app_set_now(a, t0 + a->session_max + 1);
	REFUSED(OKRA_ENOTFOUND, app_session_get(a, &A, s.token, &who, &g, &E));
	assert_int_equal(count(a, "SELECT count(*) FROM sessions", NULL), 0);
}

static void
test_logout(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s1, s2, g;
	struct person who = {0};

	set_pw(a, "pat", "pat");
	OK(app_login(a, "pat", PW, &s1, &E));
	OK(app_login(a, "pat", PW, &s2, &E));
	OK(app_logout(a, s1.token, &E));
	REFUSED(OKRA_ENOTFOUND, app_session_get(a, &A, s1.token, &who, &g, &E));
	/* Only that session ends. */
	OK(app_session_get(a, &A, s2.token, &who, &g, &E));
	arena_reset(&A);
	/* Signing out twice, or with garbage, is harmless. */
	OK(app_logout(a, s1.token, &E));
	OK(app_logout(a, "not a token", &E));
	assert_int_equal(count(a, "SELECT count(*) FROM audit WHERE action = 'logout'", NULL), 1);
}

static void
test_new_password_ends_every_session(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s, g;
	struct person who = {0};

	set_pw(a, "pat", "pat");
	OK(app_login(a, "pat", PW, &s, &E));
	set_pw(a, "alex", "pat");
	REFUSED(OKRA_ENOTFOUND, app_session_get(a, &A, s.token, &who, &g, &E));
}

static void
test_secrets_are_not_stored(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	struct app_session s;
	char tok[APP_SECRET_LEN + 1];
	int64_t id;

	set_pw(a, "pat", "pat");
	OK(app_login(a, "pat", PW, &s, &E));
	OK(app_token_add(a, "pat", "ci", &id, tok, &E));
	assert_int_equal(strlen(tok), APP_SECRET_LEN);
	assert_int_equal(stored_anywhere(a, s.token), 0);
	assert_int_equal(stored_anywhere(a, tok), 0);
	assert_int_equal(stored_anywhere(a, PW), 0);
	/* What is stored is the hash, so the lookup works. */
	assert_int_equal(count(a, "SELECT count(*) FROM sessions", NULL), 1);
	assert_int_equal(
		count(a, "SELECT count(*) FROM api_tokens WHERE length(token_hash) = 64", NULL), 1);
}

static void
test_token_add_get_revoke(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	char t1[APP_SECRET_LEN + 1], t2[APP_SECRET_LEN + 1];
	struct person who = {0};
	int64_t id1, id2;

	act(a, "pat");
	OK(app_token_add(a, "pat", "laptop", &id1, t1, &E));
	act(a, "alex");
	OK(app_token_add(a, "pat", NULL, &id2, t2, &E));
	assert_int_not_equal(id1, id2);
	assert_string_not_equal(t1, t2);
	OK(app_token_get(a, &A, t1, &who, &E));
	assert_string_equal(who.handle, "pat");
	arena_reset(&A);
	act(a, "pat");
	OK(app_token_revoke(a, id1, &E));
	REFUSED(OKRA_ENOTFOUND, app_token_get(a, &A, t1, &who, &E));
	assert_null(who.handle);
	REFUSED(OKRA_ESTATE, app_token_revoke(a, id1, &E));
	REFUSED(OKRA_ENOTFOUND, app_token_revoke(a, 999, &E));
	/* The other token still works. */
	OK(app_token_get(a, &A, t2, &who, &E));
	arena_reset(&A);
	REFUSED(OKRA_ENOTFOUND, app_token_get(a, &A, "zz", &who, &E));
	assert_int_equal(count(a, "SELECT count(*) FROM audit WHERE entity = 'api_token'", NULL),
			 3);
}

static void
test_token_rules(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	char tok[APP_SECRET_LEN + 1], name[120];
	struct person who = {0};
	int64_t id;

	act(a, "pat");
	OK(app_token_add(a, "pat", "mine", &id, tok, &E));
	act(a, "kim");
	REFUSED(OKRA_EFORBIDDEN, app_token_revoke(a, id, &E));
	REFUSED(OKRA_EFORBIDDEN, app_token_add(a, "pat", "theirs", &id, tok, &E));
	/* The admin may revoke anyone's. */
	act(a, "alex");
	OK(app_token_revoke(a, id, &E));
	/* A viewer may make a token for themself: auth has no role rules. */
	act(a, "vic");
	OK(app_token_add(a, "vic", "", &id, tok, &E));
	OK(app_token_get(a, &A, tok, &who, &E));
	arena_reset(&A);
	memset(name, 'n', 101);
	name[101] = '\0';
	REFUSED(OKRA_EINVAL, app_token_add(a, "vic", name, &id, tok, &E));
	name[100] = '\0';
	OK(app_token_add(a, "vic", name, &id, tok, &E));
	REFUSED(OKRA_EINVAL, app_token_add(a, "vic", "two\nlines", &id, tok, &E));
}

/* The id of each row, in order, as "3 2 1". */
static void
ids_of(const struct token_row *v, size_t n, char *out, size_t len)
{
	size_t off = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && off < len; i++)
		off += (size_t)snprintf(out + off, len - off, "%s%lld", i ? " " : "",
					(long long)v[i].id);
}

static void
free_rows(struct token_row **v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		token_row_release(&(*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

static void
test_token_list(void **state)
{
	struct app *a = &((struct fx *)*state)->a;
	char t1[APP_SECRET_LEN + 1], t2[APP_SECRET_LEN + 1], t3[APP_SECRET_LEN + 1], want[64],
		got[64];
	struct token_row *v = NULL;
	struct person who = {0};
	int64_t id1, id2, id3, made, used, audited;
	size_t n = 0;

	act(a, "pat");
	OK(app_token_list(a, NULL, 0, &v, &n, &E));
	assert_int_equal(n, 0);
	OK(app_token_add(a, "pat", "laptop", &id1, t1, &E));
	made = a->now;
	clock_at(a, "2026-08-19T11:00");
	OK(app_token_add(a, "pat", NULL, &id2, t2, &E));
	act(a, "alex");
	OK(app_token_add(a, "kim", "ci", &id3, t3, &E));
	/* t1 signs a request, then pat revokes t2. */
	clock_at(a, "2026-08-19T12:00");
	used = a->now;
	OK(app_token_get(a, &A, t1, &who, &E));
	arena_reset(&A);
	act(a, "pat");
	OK(app_token_revoke(a, id2, &E));
	audited = count(a, "SELECT count(*) FROM audit", NULL);

	/* Their own, newest first: the revoked one listed with when. */
	OK(app_token_list(a, NULL, 0, &v, &n, &E));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, id2);
	assert_string_equal(v[0].handle, "pat");
	assert_string_equal(v[0].name, "");
	assert_int_equal(v[0].last_used_at, 0);
	assert_int_equal(v[0].revoked_at, used);
	assert_int_equal(v[1].id, id1);
	assert_string_equal(v[1].name, "laptop");
	assert_int_equal(v[1].created_at, made);
	assert_int_equal(v[1].last_used_at, used);
	assert_int_equal(v[1].revoked_at, 0);
	free_rows(&v, &n);
	OK(app_token_list(a, "pat", 0, &v, &n, &E));
	assert_int_equal(n, 2);
	free_rows(&v, &n);

	/* Nobody else's, and not everyone's, for a member (or a leader). */
	REFUSED(OKRA_EFORBIDDEN, app_token_list(a, "kim", 0, &v, &n, &E));
	assert_null(v);
	assert_int_equal(n, 0);
	REFUSED(OKRA_EFORBIDDEN, app_token_list(a, NULL, 1, &v, &n, &E));
	act(a, "sam");
	REFUSED(OKRA_EFORBIDDEN, app_token_list(a, "pat", 0, &v, &n, &E));
	REFUSED(OKRA_EFORBIDDEN, app_token_list(a, NULL, 1, &v, &n, &E));

	/* An admin: anyone's, or everyone's. */
	act(a, "alex");
	OK(app_token_list(a, "kim", 0, &v, &n, &E));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, id3);
	assert_string_equal(v[0].handle, "kim");
	free_rows(&v, &n);
	OK(app_token_list(a, NULL, 0, &v, &n, &E));
	assert_int_equal(n, 0);
	OK(app_token_list(a, NULL, 1, &v, &n, &E));
	ids_of(v, n, got, sizeof(got));
	snprintf(want, sizeof(want), "%lld %lld %lld", (long long)id3, (long long)id2,
		 (long long)id1);
	assert_string_equal(got, want);
	free_rows(&v, &n);

	/* Not a handle, both at once, an unknown person, the system's own. */
	REFUSED(OKRA_EUSAGE, app_token_list(a, "", 0, &v, &n, &E));
	REFUSED(OKRA_EUSAGE, app_token_list(a, "*", 0, &v, &n, &E));
	REFUSED(OKRA_EUSAGE, app_token_list(a, "pat", 1, &v, &n, &E));
	REFUSED(OKRA_ENOTFOUND, app_token_list(a, "nobody", 0, &v, &n, &E));
	a->actor.id = 0;
	REFUSED(OKRA_EUSAGE, app_token_list(a, NULL, 0, &v, &n, &E));
	OK(app_token_list(a, NULL, 1, &v, &n, &E));
	assert_int_equal(n, 3);
	free_rows(&v, &n);
	act(a, "alex");
	/* Listing is a read: nothing audited. */
	assert_int_equal(count(a, "SELECT count(*) FROM audit", NULL), audited);
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_password_set_by_self_and_by_admin),
		T(test_password_refused_for_another_member),
		T(test_password_length_rules),
		T(test_login_ok),
		T(test_login_failures_look_alike),
		T(test_login_rate_limit_is_shared),
		T(test_login_owner_passes_a_held_handle),
		T(test_each_login_is_a_new_session),
		T(test_session_idle_timeout),
		T(test_session_absolute_timeout),
		T(test_logout),
		T(test_new_password_ends_every_session),
		T(test_secrets_are_not_stored),
		T(test_token_add_get_revoke),
		T(test_token_rules),
		T(test_token_list),
	};
#undef T
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
