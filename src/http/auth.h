/*
 * auth.h: who asks and whether they may change anything (session.c): the
 * session cookie or a Bearer token, the cross-site guards (Origin, CSRF), and
 * signing in (the rate limit itself is app_login_throttle, in the store).
 */
#ifndef OKRA_HTTP_AUTH_H
#define OKRA_HTTP_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "http/request.h"
#include "app/auth.h"

/*
 * Fills who/auth from the cookie or bearer token. strict (signed-in routes):
 * bad credentials are a 401 reply and -1; otherwise they are ignored and the
 * request goes on anonymous.
 */
int auth_resolve(struct request *r, int strict);
/*
 * As the headers arrive, before any body is kept: 0 with r->who and r->auth
 * set when the request's token or session is live, -1 (nothing replied)
 * when it has none or they are not; dispatch then refuses it as usual.
 */
int auth_peek(struct request *r);
/* Unsafe requests must come from this site (Origin / Sec-Fetch-Site): 0 or a 403 reply. */
int auth_check_origin(struct request *r);
/* The headers' verdict: 1 when Sec-Fetch-Site, Origin and Host (each may be NULL) say this site. */
int auth_origin_ok(const char *site, const char *origin, const char *host);
/* The token of an "Authorization: Bearer <64 characters>" value, or NULL when it is not one. */
const char *auth_bearer(const char *authz);
/* Unsafe cookie-authenticated requests need the CSRF token: 0 or a 403 reply. */
int auth_check_csrf(struct request *r);
const char *auth_cookie_name(const struct server_config *cfg);
/* Set-Cookie for the session (an empty token and max_age 0 clears it). */
void set_session_cookie(struct request *r, const char *token, int64_t max_age);
const char *req_client_addr(struct request *r, char *out, size_t n);
/* Sign in for the API and the /login form: rate limit (app_login_throttle), session, cookie, and
 * who (in r->arena, and in r->who). 0 or -1 (replied). */
int http_login(struct request *r, const char *handle, const char *password, struct app_session *s,
	       struct person *who, struct okra_err *err);

#endif
