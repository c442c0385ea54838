/* session.c: who is asking (session cookie or bearer token), CSRF, and the login rate limit. */
#include "http/http_int.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "util/html.h"
#include "util/xalloc.h"

const char *
auth_cookie_name(const struct server_config *cfg)
{
	/* The __Host- prefix makes browsers refuse the cookie unless Secure, path /, no domain. */
	return cfg->secure_cookies ? "__Host-okra_session" : "okra_session";
}

int
auth_resolve(struct request *r)
{
	struct okra_err err = {0};
	const char *authz = req_header(r, "Authorization");
	const char *cookie = req_cookie(r, auth_cookie_name(r->cfg));
	int rc;

	if (authz) {
		if (strncmp(authz, "Bearer ", 7) || strlen(authz + 7) != APP_SECRET_LEN) {
			reply_header(r, "WWW-Authenticate", "Bearer realm=\"okra\", error=\"invalid_token\"");
			return reply_problem(r, 401, "the Authorization header is not a valid Bearer token",
					     NULL), -1;
		}
		rc = app_token_get(r->app, authz + 7, &r->who, &err);
		if (rc == OKRA_ENOTFOUND) {
			reply_header(r, "WWW-Authenticate", "Bearer realm=\"okra\", error=\"invalid_token\"");
			return reply_problem(r, 401, "this token is unknown or revoked", NULL), -1;
		}
		if (rc < 0)
			return reply_error(r, rc, &err, NULL), -1;
		r->auth = AUTH_TOKEN;
		return 0;
	}
	if (cookie && *cookie) {
		rc = app_session_get(r->app, cookie, &r->who, &r->session, &err);
		if (rc == OKRA_ENOTFOUND)
			return 0; /* an expired session is no session: public routes still answer */
		if (rc < 0)
			return reply_error(r, rc, &err, NULL), -1;
		r->auth = AUTH_SESSION;
	}
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
		reply_problem(r, 403, "missing or wrong X-CSRF-Token: read it from GET /api/v1/session",
			      "X-CSRF-Token");
	buf_release(&form);
	return rc;
}

const char *
req_client_addr(struct request *r, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, n, "?");
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
			  (socklen_t)n);
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out,
			  (socklen_t)n);
	return out;
}

/*
 * Failed logins per handle and per address, in a small table per process:
 * after LIMIT failures within WINDOW seconds, that handle or address waits
 * until the window has passed. Several instances each keep their own count,
 * which multiplies the allowance by the number of instances: acceptable for
 * slowing guessing, not a lockout.
 */
#define RATE_SLOTS 1024
#define RATE_LIMIT 5
#define RATE_WINDOW 300

struct rate_slot {
	char key[80];
	int64_t first;
	int fails;
};

static struct rate_slot slots[RATE_SLOTS];
static pthread_mutex_t rate_lock = PTHREAD_MUTEX_INITIALIZER;

static struct rate_slot *
slot_for(const char *kind, const char *v, int64_t now, int create)
{
	char key[80];
	size_t h = 5381, oldest = 0;

	snprintf(key, sizeof(key), "%s:%.70s", kind, v);
	for (const char *p = key; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (size_t i = 0; i < 8; i++) {
		struct rate_slot *s = &slots[(h + i) % RATE_SLOTS];

		if (!strcmp(s->key, key))
			return s;
		if (s->first < slots[(h + oldest) % RATE_SLOTS].first)
			oldest = i;
	}
	if (!create)
		return NULL;
	/* Take the stalest of the probed slots: old entries age out by themselves. */
	{
		struct rate_slot *s = &slots[(h + oldest) % RATE_SLOTS];

		snprintf(s->key, sizeof(s->key), "%s", key);
		s->first = now;
		s->fails = 0;
		return s;
	}
}

static int
wait_for(struct rate_slot *s, int64_t now)
{
	if (!s || now - s->first >= RATE_WINDOW || s->fails < RATE_LIMIT)
		return 0;
	return (int)(RATE_WINDOW - (now - s->first));
}

int
auth_rate_limited(const char *handle, const char *addr, int64_t now)
{
	int a, b;

	pthread_mutex_lock(&rate_lock);
	a = wait_for(slot_for("h", handle, now, 0), now);
	b = wait_for(slot_for("a", addr, now, 0), now);
	pthread_mutex_unlock(&rate_lock);
	return a > b ? a : b;
}

void
auth_rate_note(const char *handle, const char *addr, int64_t now, int ok)
{
	struct rate_slot *s[2];

	pthread_mutex_lock(&rate_lock);
	s[0] = slot_for("h", handle, now, !ok);
	s[1] = slot_for("a", addr, now, !ok);
	for (int i = 0; i < 2; i++) {
		if (!s[i])
			continue;
		if (ok && i == 0) {
			s[i]->fails = 0; /* a right password clears the handle, not the address */
			continue;
		}
		if (ok)
			continue;
		if (now - s[i]->first >= RATE_WINDOW) {
			s[i]->first = now;
			s[i]->fails = 0;
		}
		s[i]->fails++;
	}
	pthread_mutex_unlock(&rate_lock);
}
