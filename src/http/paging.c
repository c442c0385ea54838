/* paging.c: lists answered page by page (limit, cursor, Link) and versions by ETag. */
#include "http/paging.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "util/html.h"
#include "util/xalloc.h"

#include <microhttpd.h>

int
page_params(struct request *r, int *limit, int64_t *cursor)
{
	const char *l = req_query(r, "limit"), *c = req_query(r, "cursor");
	struct okra_err err = {0};
	int64_t v;

	*limit = 50;
	*cursor = 0;
	if (l) {
		if (validate_id("limit", l, &v, &err) < 0 || v > 200)
			return reply_problem(r, 400, "limit is a whole number from 1 to 200",
					     "limit");
		*limit = (int)v;
	}
	if (c && validate_id("cursor", c, cursor, &err) < 0)
		return reply_problem(r, 400, "cursor is the value from the Link header", "cursor");
	return 0;
}

static int
cmp_by_id(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "id"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "id"));

	return (x > y) - (x < y);
}

int
reply_page(struct request *r, json_t *items)
{
	size_t n = json_array_size(items), shown = 0;
	json_t **v, *out;
	int64_t cursor, last = 0;
	int limit;

	if (page_params(r, &limit, &cursor) < 0) {
		json_decref(items);
		return -1;
	}
	v = xcalloc(n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(items, i);
	qsort(v, n, sizeof(*v), cmp_by_id);
	out = json_array();
	for (size_t i = 0; i < n; i++) {
		int64_t id = json_integer_value(json_object_get(v[i], "id"));

		if (id <= cursor)
			continue;
		if ((int)shown == limit) {
			reply_next_link(r, last, limit);
			break;
		}
		json_array_append(out, v[i]);
		last = id;
		shown++;
	}
	free(v);
	json_decref(items);
	return reply_json(r, 200, out);
}

/* Every query parameter but the page's own, percent-encoded again. */
static enum MHD_Result
keep_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct buf *b = cls;

	(void)kind;
	if (!strcmp(key, "cursor") || !strcmp(key, "limit"))
		return MHD_YES;
	url_enc(b, key);
	buf_addch(b, '=');
	url_enc(b, value ? value : "");
	buf_addch(b, '&');
	return MHD_YES;
}

void
reply_next_link(struct request *r, int64_t next_cursor, int limit)
{
	struct buf b = BUF_INIT;

	buf_addf(&b, "<%s?", r->path);
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, keep_param, &b);
	buf_addf(&b, "cursor=%" PRId64 "&limit=%d>; rel=\"next\"", next_cursor, limit);
	reply_header(r, "Link", b.buf);
	buf_release(&b);
}

void
etag_set(struct request *r, char kind, int64_t id, int64_t version)
{
	char tag[64];

	snprintf(tag, sizeof(tag), "\"%c%" PRId64 "-v%" PRId64 "\"", kind, id, version);
	reply_header(r, "ETag", tag);
}

int64_t
etag_match(const char *m, char kind, int64_t id)
{
	char prefix[40];
	size_t plen;
	char *end;
	long long version, best;

	/*
	 * RFC 9110 §13.1.1: "*" matches any current version; a list matches if one
	 * tag does. Versions only grow, so the newest tag in the list is the one
	 * that can be current: it is the one checked.
	 */
	if (!strcmp(m, "*"))
		return 0;
	plen = (size_t)snprintf(prefix, sizeof(prefix), "\"%c%" PRId64 "-v", kind, id);
	best = 0;
	for (const char *p = m; *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!strncmp(p, prefix, plen) && p[plen] >= '1' && p[plen] <= '9') {
			errno = 0;
			version = strtoll(p + plen, &end, 10);
			/* A version too large to be one is no tag of ours (not the largest there
			 * is). */
			if (errno != ERANGE && end[0] == '"' &&
			    (end[1] == '\0' || end[1] == ',' || end[1] == ' ') && version > best)
				best = version;
		}
		p += strcspn(p, ",");
	}
	return best > 0 ? best : -1;
}

int64_t
etag_required(struct request *r, char kind, int64_t id)
{
	const char *m = req_header(r, "If-Match");
	int64_t v;

	if (!m)
		return reply_problem(r, 428, "send If-Match with the ETag you last read",
				     "If-Match");
	if ((v = etag_match(m, kind, id)) >= 0)
		return v;
	return reply_problem(r, 412, "If-Match does not name a version of this resource",
			     "If-Match");
}
