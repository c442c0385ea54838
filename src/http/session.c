/* session.c: who is asking (session cookie or bearer token), CSRF, Origin, signing in and the
 * client's address. */
#include "http/auth.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/settings.h"
#include "util/html.h"
#include "util/net.h"
#include "app/reads.h"
#include "app/auth.h"
#include "app/oidc.h"

const char *
auth_cookie_name(const struct server_config *cfg)
{
	/* The __Host- prefix makes browsers refuse the cookie unless Secure, path /, no domain. */
	return cfg->secure_cookies ? "__Host-okra_session" : "okra_session";
}

const char *
auth_bearer(const char *authz)
{
	if (strncasecmp(authz, "Bearer ", 7) || strlen(authz + 7) != APP_SECRET_LEN)
		return NULL;
	return authz + 7;
}

int
auth_resolve(struct request *r, int strict)
{
	struct okra_err err = {0};
	const char *authz = req_header(r, "Authorization");
	const char *cookie = req_cookie(r, auth_cookie_name(r->cfg));
	const char *token = authz ? auth_bearer(authz) : NULL;
	int rc;

	/* Public routes answer anyone: credentials they cannot use are no reason to refuse. */
	if (!strict && !token)
		authz = NULL;
	if (authz) {
		if (!token) {
			reply_header(r, "WWW-Authenticate",
				     "Bearer realm=\"okra\", error=\"invalid_token\"");
			return reply_problem(r, 401,
					     "the Authorization header is not a valid Bearer token",
					     NULL);
		}
		rc = app_token_get(r->app, &r->arena, token, &r->who, &err);
		if (rc < 0 && !strict)
			return 0;
		if (rc == OKRA_ENOTFOUND) {
			reply_header(r, "WWW-Authenticate",
				     "Bearer realm=\"okra\", error=\"invalid_token\"");
			return reply_problem(r, 401, "this token is unknown or revoked", NULL);
		}
		if (rc < 0)
			return reply_error(r, rc, &err, NULL);
		r->auth = AUTH_TOKEN;
		return 0;
	}
	if (cookie && *cookie) {
		rc = app_session_get(r->app, &r->arena, cookie, &r->who, &r->session, &err);
		if (rc == OKRA_ENOTFOUND || (rc < 0 && !strict))
			return 0; /* an expired session is no session: public routes still answer */
		if (rc < 0)
			return reply_error(r, rc, &err, NULL);
		r->auth = AUTH_SESSION;
	}
	return 0;
}

int
auth_peek(struct request *r)
{
	struct okra_err err = {0};
	const char *authz = req_header(r, "Authorization");
	const char *cookie = req_cookie(r, auth_cookie_name(r->cfg));
	const char *token = authz ? auth_bearer(authz) : NULL;

	if (authz) {
		if (!token || app_token_get(r->app, &r->arena, token, &r->who, &err) < 0)
			return -1;
		r->auth = AUTH_TOKEN;
		return 0;
	}
	if (!cookie || !*cookie ||
	    app_session_get(r->app, &r->arena, cookie, &r->who, &r->session, &err) < 0)
		return -1;
	r->auth = AUTH_SESSION;
	return 0;
}

int
auth_check_csrf(struct request *r)
{
	struct buf form = BUF_INIT;
	const char *token;
	int rc = -1;

	/* Bearer tokens are not sent by browsers on their own: no CSRF to fear. */
	if (r->auth != AUTH_SESSION)
		return 0;
	token = req_header(r, "X-CSRF-Token");
	if (!token) {
		/* HTML forms carry it as the _csrf field. */
		const char *type = req_header(r, "Content-Type");

		if (type && !strncmp(type, "application/x-www-form-urlencoded", 33) &&
		    form_get(r->body.buf, "_csrf", &form) == 1)
			token = form.buf;
	}
	if (token && strlen(token) == APP_SECRET_LEN &&
	    sodium_memcmp(token, r->session.csrf, APP_SECRET_LEN) == 0)
		rc = 0;
	else
		reply_problem(r, 403,
			      "missing or wrong X-CSRF-Token: read it from GET /api/v1/session",
			      "X-CSRF-Token");
	buf_release(&form);
	return rc;
}

/*
 * Browsers say where a request comes from. A cross-site unsafe request is
 * refused even on public routes: otherwise another site could sign a
 * browser in to the attacker's account (login CSRF), and it is a second
 * guard behind the CSRF token. Clients that send neither header (scripts)
 * pass; they are not browsers carrying someone's cookie.
 */
int
auth_origin_ok(const char *site, const char *origin, const char *host)
{
	const char *p;

	if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
		return 0;
	if (origin && strcmp(origin, "null")) {
		p = !strncmp(origin, "https://", 8)  ? origin + 8
		    : !strncmp(origin, "http://", 7) ? origin + 7
						     : NULL;
		if (!p || !host || strcasecmp(p, host))
			return 0;
	} else if (origin) {
		return 0;
	}
	return 1;
}

int
auth_check_origin(struct request *r)
{
	if (auth_origin_ok(req_header(r, "Sec-Fetch-Site"), req_header(r, "Origin"),
			   req_header(r, "Host")))
		return 0;
	return reply_problem(r, 403, "cross-site requests cannot change anything here", "Origin");
}

/* Every X-Forwarded-For header, in order, as one comma-separated list. */
static enum MHD_Result
add_forwarded(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct buf *b = cls;

	(void)kind;
	if (value && !strcasecmp(key, "X-Forwarded-For")) {
		if (b->len)
			buf_addch(b, ',');
		buf_adds(b, value);
	}
	return MHD_YES;
}

static const char *
forwarded_for(struct request *r)
{
	struct buf b = BUF_INIT;
	const char *s;

	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, add_forwarded, &b);
	s = b.len ? arena_strdup(&r->arena, b.buf) : NULL;
	buf_release(&b);
	return s;
}

const char *
req_client_addr(struct request *r, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct okra_err err = {0};
	struct buf trusted = BUF_INIT;
	char peer[INET6_ADDRSTRLEN] = "?";

	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, peer,
			  sizeof(peer));
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
			  peer, sizeof(peer));
	/* Behind a trusted proxy, the right-most hop of X-Forwarded-For it did not add itself. */
	app_setting_text(r->app, "trusted_proxies", &trusted, &err);
	net_client(peer, forwarded_for(r), trusted.buf, out, n);
	buf_release(&trusted);
	return out;
}

/* Set-Cookie for a session: HttpOnly, SameSite=Lax, Secure and __Host- behind TLS. */
void
set_session_cookie(struct request *r, const char *token, int64_t max_age)
{
	struct buf c = BUF_INIT;

	buf_addf(&c, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%" PRId64 "%s",
		 auth_cookie_name(r->cfg), token, max_age,
		 r->cfg->secure_cookies ? "; Secure" : "");
	reply_header(r, "Set-Cookie", c.buf);
	buf_release(&c);
}

int
http_login(struct request *r, const char *handle, const char *password, struct app_session *s,
	   struct person *who, struct okra_err *err)
{
	char addr[64], msg[120];
	int wait, rc;

	req_client_addr(r, addr, sizeof(addr));
	if ((rc = app_login_throttle(r->app, handle, addr, &wait, err)) < 0)
		return reply_error(r, rc, err, NULL);
	if (wait > 0) {
		snprintf(msg, sizeof(msg), "too many failed sign-ins: try again in %d seconds",
			 wait);
		snprintf(addr, sizeof(addr), "%d", wait);
		reply_header(r, "Retry-After", addr);
		return reply_problem(r, 429, msg, NULL);
	}
	/* oidc_only: a password signs in only the break-glass admin (tokens are not this way). */
	if ((rc = app_oidc_password_allowed(r->app, handle, err)) < 0)
		return reply_error(r, rc, err, NULL);
	if ((rc = app_login(r->app, handle, password, s, err)) < 0)
		return reply_error(r, rc == OKRA_ENOTFOUND ? OKRA_EFORBIDDEN : rc, err, NULL);
	/* Best effort: the session is made, so a busy store leaves one count standing, no more. */
	{
		struct okra_err ignore = {0};

		app_login_forgive(r->app, handle, addr, &ignore);
	}
	if ((rc = app_person(r->app, &r->arena, handle, who, err)) < 0)
		return reply_error(r, rc, err, NULL);
	set_session_cookie(r, s->token, r->app->session_max);
	/* The access log names who signed in (*who's strings are in the request's arena). */
	r->who = *who;
	return 0;
}
