/* auth.h: signing in (auth.c): passwords, sessions, the login rate limit and API tokens. */
#ifndef OKRA_APP_AUTH_H
#define OKRA_APP_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/types.h"
#include "util/err.h"

struct app;

/*
 * Authentication (auth.c). Secrets are random (libsodium), shown once, and
 * stored only as their SHA-256; passwords as argon2id (interactive limits).
 */
#define APP_SECRET_LEN 64 /* hex characters of a session id, CSRF token or API token */
struct app_session {
	char token[APP_SECRET_LEN + 1]; /* the cookie value: give it to the client, keep no copy */
	char csrf[APP_SECRET_LEN +
		  1]; /* must accompany every unsafe cookie-authenticated request */
	int64_t person;
	int64_t created_at, seen_at;
};
/*
 * Set a password: the person themself or an admin; 10..1024 bytes. It signs
 * the person out of every session they had (an old one may be a thief's).
 * The caller keeps and wipes its copy of the password.
 */
int app_user_passwd(struct app *a, const char *handle, const char *password, struct okra_err *err);
/*
 * The password rules alone (10..1024 bytes, no NUL), for a caller that holds
 * a length (stdin, a JSON string) and so can see an embedded NUL that a C
 * string would silently cut short. The message never repeats the password.
 */
int app_password_check(const char *password, size_t len, struct okra_err *err);
/*
 * Check handle and password and start a new session (a fresh id every login:
 * rotation). A wrong handle or password is OKRA_EFORBIDDEN with one message
 * for both, so a guess learns nothing.
 */
int app_login(struct app *a, const char *handle, const char *password, struct app_session *out,
	      struct okra_err *err);
/*
 * The login rate limit, kept in the store so that it holds across every
 * server on it: five failed sign-ins per client address within five minutes
 * make that address wait the window out; five per handle hold the handle back
 * for every address that has failed in the window too, but not for one that
 * has not (the owner at their own machine is slowed by nobody's guesses).
 * app_login_throttle counts the attempt as a failure before the password is
 * checked (parallel guesses cannot slip past the count) and sets *wait to 0,
 * or to the seconds left when it is held back (then nothing is counted);
 * after a right password, app_login_forgive clears the handle's count and
 * takes back the address's one.
 */
int app_login_throttle(struct app *a, const char *handle, const char *addr, int *wait,
		       struct okra_err *err);
int app_login_forgive(struct app *a, const char *handle, const char *addr, struct okra_err *err);
/* 0 if password is handle's, else OKRA_EFORBIDDEN (a self-service password change asks for it). */
int app_password_matches(struct app *a, const char *handle, const char *password,
			 struct okra_err *err);
/*
 * Resolve a session token: fills who (its strings in ar) and the session (csrf included), and
 * refreshes seen_at. Expired (idle > a->session_idle or older than
 * a->session_max seconds) or unknown: OKRA_ENOTFOUND.
 */
int app_session_get(struct app *a, struct arena *ar, const char *token, struct person *who,
		    struct app_session *out, struct okra_err *err);
/* End the session; a token that is unknown or expired already is not an error. */
int app_logout(struct app *a, const char *token, struct okra_err *err);
/*
 * A new API token for handle (self, or an admin for anyone); the token is
 * returned once. name is a label (may be NULL or "", at most 100 bytes).
 */
int app_token_add(struct app *a, const char *handle, const char *name, int64_t *id,
		  char token[APP_SECRET_LEN + 1], struct okra_err *err);
/* Resolve a bearer token (not revoked) to its person (in ar); unknown: OKRA_ENOTFOUND. */
int app_token_get(struct app *a, struct arena *ar, const char *token, struct person *who,
		  struct okra_err *err);
/* Revoke: the token's owner or an admin; OKRA_ESTATE if revoked already. */
int app_token_revoke(struct app *a, int64_t id, struct okra_err *err);
/*
 * API tokens, live and revoked, newest first, without their secrets: those of
 * handle (NULL = the actor's own), for that person themself or an admin; or,
 * with everyone set (and handle NULL), every person's, for admins only.
 * OKRA_EUSAGE for a handle of "" or "*", for a handle together with everyone,
 * and for the system asking for its own (it has none). The caller releases
 * each row (token_row_release) and frees *v.
 */
int app_token_list(struct app *a, const char *handle, int everyone, struct token_row **v, size_t *n,
		   struct okra_err *err);

/*
 * The sessions of handle (NULL: the actor's own), for that person or an
 * admin, last seen first, in ar; current (a session token, or NULL) marks
 * the one it is. No session's secret or hash leaves here.
 */
struct arena;
struct app_session_info {
	int64_t created_at, seen_at;
	int current;
};
int app_sessions(struct app *a, struct arena *ar, const char *handle, const char *current,
		 struct app_session_info **v, size_t *n, struct okra_err *err);
/* End every session of handle (NULL: the actor) but current (NULL: all); *ended counts them. */
int app_sessions_end_others(struct app *a, const char *handle, const char *current, int64_t *ended,
			    struct okra_err *err);

#endif
