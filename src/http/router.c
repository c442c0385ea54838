/* router.c: the route table (its rows are routes.def) and matching a method and path to a row. */
#include "http/route.h"

#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "http/body.h"
#include "http/handler.h"

/* The table: every row of routes.def (its columns are described there and in route.h). */
#define ROUTE(method, path, fn, access, cap, guard, fields)                                        \
	{method, path, fn, access, cap, guard, fields},
const struct route routes[] = {
#include "http/routes.def"
};
#undef ROUTE
const int nroutes = (int)(sizeof(routes) / sizeof(routes[0]));

/*
 * Match pattern against path segment by segment; {x} takes one non-empty
 * segment. Captured segments are copied into buf (NUL-separated) and their
 * starts put in params. Returns 1 on a match.
 */
static int
match(const char *pattern, const char *path, const char **params, char *buf)
{
	int np = 0;

	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++;
		path++;
		if (*pattern == '{') {
			size_t len = strcspn(path, "/");

			if (!len || np >= MAX_PARAMS)
				return 0;
			if (buf) {
				memcpy(buf, path, len);
				buf[len] = '\0';
				params[np] = buf;
				buf += len + 1;
			}
			np++;
			path += len;
			pattern = strchr(pattern, '}') + 1;
		} else {
			size_t plen = strcspn(pattern, "/"), len = strcspn(path, "/");

			if (plen != len || strncmp(pattern, path, len))
				return 0;
			pattern += plen;
			path += len;
		}
	}
	return !*pattern && !*path;
}

int
router_match(struct request *r, const char *method, const char *path)
{
	int path_seen = 0;
	int head = !strcmp(method, "HEAD");

	/*
	 * The path arrives percent-decoded: bytes that are not UTF-8 (or control
	 * characters) name nothing okra stores, so no route matches them; they
	 * never reach a lookup (PostgreSQL would refuse such text outright).
	 */
	if (strlen(path) > 2048 || validate_text("path", path, 2048, NULL) < 0)
		return -1;
	for (int i = 0; i < nroutes; i++) {
		if (!match(routes[i].pattern, path, NULL, NULL))
			continue;
		path_seen = 1;
		if (strcmp(routes[i].method, method) && !(head && !strcmp(routes[i].method, "GET")))
			continue;
		r->param_buf = arena_alloc(&r->arena, strlen(path) + 1);
		match(routes[i].pattern, path, r->params, r->param_buf);
		return i;
	}
	return path_seen ? -2 : -1;
}

void
router_allowed(const char *path, struct buf *out)
{
	for (int i = 0; i < nroutes; i++) {
		if (!match(routes[i].pattern, path, NULL, NULL))
			continue;
		if (out->len)
			buf_adds(out, ", ");
		buf_adds(out, routes[i].method);
		if (!strcmp(routes[i].method, "GET"))
			buf_adds(out, ", HEAD");
	}
}
