/*
 * route.h: the route table (routes.c, rows in routes.def) — one row is the
 * whole contract of a route: method, path, handler, who may call it, how
 * large a body it keeps, which cross-site guards it needs, the JSON fields
 * it accepts — and the matcher (router.c). server.c's dispatch, the body cap
 * and req_body all read the row; nothing else matches a path.
 */
#ifndef OKRA_HTTP_ROUTE_H
#define OKRA_HTTP_ROUTE_H

#include <stddef.h>

#include "http/request.h"
#include "util/buf.h"

struct field;

/*
 * PUBLIC: anyone; credentials it cannot use are ignored.
 * SIGNED_IN: a session or a token, else 401 (the body is not even kept).
 * PAGE: signed in, like SIGNED_IN, but a browser signed out is sent to /login.
 * HOOK: a forge's webhook: anyone may call (the handler checks the hook's own
 * secret) and no session is looked at.
 * Roles are not checked at the door: the app layer checks what each role may do.
 */
enum access { PUBLIC, SIGNED_IN, PAGE, HOOK };

/* Body caps: larger bodies get 413. */
#define BODY_MAX (1024 * 1024)      /* 1 MiB: the API, the pages */
#define PUBLIC_BODY_MAX (64 * 1024) /* what a sign-in needs, and no more */
/*
 * Webhooks take what the forges send: GitLab sends an issue's whole description
 * (up to 1,048,576 characters, larger once escaped) with each event, and GitHub
 * caps its deliveries at 25 MB. GitLab's token is a header, checked before the
 * body is kept; a signed delivery (GitHub's X-Hub-Signature-256, GitLab's
 * webhook-signature) can only be checked once its body is read, so its body is
 * kept unauthenticated and counts against the signed deliveries' total
 * (daemon.h SIGNED_HOOK_TOTAL); a delivery with neither credential against the
 * anonymous total (ANON_BODY_TOTAL).
 */
#define HOOK_BODY_MAX (25 * 1024 * 1024)

/*
 * Cross-site guards of a route that changes state (GET rows have none):
 * ORIGIN: Sec-Fetch-Site / Origin must say this site (403 otherwise);
 * CSRF: a cookie-authenticated request also carries the session's CSRF token.
 */
enum guard { NO_GUARD = 0, ORIGIN = 1, CSRF = 2 };
#define ORIGIN_CSRF (ORIGIN | CSRF)

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/objectives/{id}/status" */
	handler_fn fn;
	enum access access;
	size_t cap;                 /* body bytes kept */
	int guard;                  /* enum guard flags */
	const struct field *fields; /* the JSON body's fields (body.h), NULL: no JSON body */
};

extern const struct route routes[];
extern const int nroutes;

/* Find the route for method and path; fills r->params. -1 = no path match, -2 = wrong method. */
int router_match(struct request *r, const char *method, const char *path);
/* "GET, POST" for the path, for 405's Allow. */
void router_allowed(const char *path, struct buf *out);
/* The row r was dispatched to (r->route >= 0). */
#define req_route(r) (&routes[(r)->route])

#endif
