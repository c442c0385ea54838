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

struct page_item {
	int64_t id;
	size_t off, len; /* the item's text in page.text */
};

static void
page_close_item(struct page *p)
{
	if (p->n) {
		struct page_item *it = &p->v[p->n - 1];

		jw_release(&p->w);
		it->len = p->text.len - it->off;
	}
}

struct jw *
page_item(struct page *p, int64_t id)
{
	page_close_item(p);
	ALLOC_GROW(p->v, p->n + 1, p->alloc);
	p->v[p->n++] = (struct page_item){id, p->text.len, 0};
	jw_init(&p->w, &p->text, 0);
	return &p->w;
}

static int
cmp_by_id(const void *a, const void *b)
{
	int64_t x = ((const struct page_item *)a)->id, y = ((const struct page_item *)b)->id;

	return (x > y) - (x < y);
}

int
reply_page(struct request *r, struct page *p)
{
	int64_t cursor, last = 0;
	int limit, shown = 0, rc = -1;
	struct jw *w;

	page_close_item(p);
	if (page_params(r, &limit, &cursor) < 0)
		goto out;
	if (p->n) /* qsort(NULL, 0, …) is undefined behaviour (an empty list) */
		qsort(p->v, p->n, sizeof(*p->v), cmp_by_id);
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < p->n; i++) {
		if (p->v[i].id <= cursor)
			continue;
		if (shown == limit) {
			reply_next_link(r, last, limit);
			break;
		}
		jw_raw(w, p->text.buf + p->v[i].off, p->v[i].len);
		last = p->v[i].id;
		shown++;
	}
	jw_end(w);
	rc = reply_json_end(r, 200);
out:
	buf_release(&p->text);
	free(p->v);
	return rc;
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
