/* session.c: who is asking (session cookie or bearer token), CSRF, and the login rate limit. */
#include "http/http_int.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "util/html.h"
#include "util/xalloc.h"

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
			reply_header(r, "WWW-Authenticate", "Bearer realm=\"okra\", error=\"invalid_token\"");
			return reply_problem(r, 401, "the Authorization header is not a valid Bearer token",
					     NULL), -1;
		}
		rc = app_token_get(r->app, token, &r->who, &err);
		if (rc < 0 && !strict)
			return 0;
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
		if (rc == OKRA_ENOTFOUND || (rc < 0 && !strict))
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
		p = !strncmp(origin, "https://", 8) ? origin + 8
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
	return reply_problem(r, 403, "cross-site requests cannot change anything here", "Origin"), -1;
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
 * until the window has passed. The per-handle count is what stops guessing
 * from many addresses; its price is that someone who keeps failing for a
 * handle keeps its owner from signing in anew (sessions and tokens already
 * held go on working). Several instances each keep their own count, which
 * multiplies the allowance by the number of instances.
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
static unsigned char rate_secret[crypto_shorthash_KEYBYTES];
static pthread_once_t rate_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t rate_lock = PTHREAD_MUTEX_INITIALIZER;

/* A keyed hash, so nobody can choose handles that crowd out someone else's count. */
static void
rate_init(void)
{
	randombytes_buf(rate_secret, sizeof(rate_secret));
}

static int
blocking(const struct rate_slot *s, int64_t now)
{
	return s->key[0] && now - s->first < RATE_WINDOW && s->fails >= RATE_LIMIT;
}

static struct rate_slot *
slot_for(const char *kind, const char *v, int64_t now, int create)
{
	unsigned char h[crypto_shorthash_BYTES];
	char key[80];
	uint64_t base;
	struct rate_slot *victim = NULL;

	pthread_once(&rate_once, rate_init);
	snprintf(key, sizeof(key), "%s:%.70s", kind, v);
	crypto_shorthash(h, (const unsigned char *)key, strlen(key), rate_secret);
	memcpy(&base, h, sizeof(base));
	for (size_t i = 0; i < 8; i++) {
		struct rate_slot *s = &slots[(base + i) % RATE_SLOTS];

		if (!strcmp(s->key, key))
			return s;
		/* A slot that is holding someone back is never reused before its time. */
		if (!blocking(s, now) && (!victim || s->first < victim->first))
			victim = s;
	}
	if (!create || !victim)
		return NULL;
	snprintf(victim->key, sizeof(victim->key), "%s", key);
	victim->first = now;
	victim->fails = 0;
	return victim;
}

static int
wait_for(const struct rate_slot *s, int64_t now)
{
	return s && blocking(s, now) ? (int)(RATE_WINDOW - (now - s->first)) : 0;
}

int
auth_rate_take(const char *handle, const char *addr, int64_t now)
{
	struct rate_slot *s[2];
	int wait = 0;

	pthread_mutex_lock(&rate_lock);
	s[0] = slot_for("h", handle, now, 1);
	s[1] = slot_for("a", addr, now, 1);
	for (int i = 0; i < 2; i++) {
		int w = wait_for(s[i], now);

		if (w > wait)
			wait = w;
	}
	if (!wait) {
		for (int i = 0; i < 2; i++) {
			if (!s[i])
				continue;
			if (now - s[i]->first >= RATE_WINDOW) {
				s[i]->first = now;
				s[i]->fails = 0;
			}
			s[i]->fails++;
		}
	}
	pthread_mutex_unlock(&rate_lock);
	return wait;
}

void
auth_rate_done(const char *handle, const char *addr, int64_t now, int ok)
{
	struct rate_slot *s[2];

	if (!ok)
		return;
	pthread_mutex_lock(&rate_lock);
	s[0] = slot_for("h", handle, now, 0);
	s[1] = slot_for("a", addr, now, 0);
	/* A right password clears the handle and takes back the address's one count. */
	if (s[0])
		s[0]->fails = 0;
	if (s[1] && s[1]->fails > 0)
		s[1]->fails--;
	pthread_mutex_unlock(&rate_lock);
}
