/* body.c: the JSON fields each route accepts, pagination and ETags. */
#include "http/http_int.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "util/html.h"
#include "util/xalloc.h"

#include <microhttpd.h>

static const char *
type_name(enum field_type t)
{
	switch (t) {
	case F_STRING:
		return "a string";
	case F_ID:
		return "a positive whole number (an id)";
	case F_NUMBER:
		return "a number";
	case F_BOOL:
		return "true or false";
	case F_STRINGS:
		return "an array of strings";
	case F_OBJECTS:
		return "an array of objects";
	}
	return "?";
}

static int
type_ok(json_t *v, enum field_type t)
{
	size_t i;
	json_t *x;

	switch (t) {
	case F_STRING:
		return json_is_string(v);
	case F_ID:
		return json_is_integer(v) && json_integer_value(v) >= 1;
	case F_NUMBER:
		return json_is_number(v) && isfinite(json_number_value(v));
	case F_BOOL:
		return json_is_boolean(v);
	case F_STRINGS:
		if (!json_is_array(v))
			return 0;
		json_array_foreach(v, i, x) if (!json_is_string(x)) return 0;
		return 1;
	case F_OBJECTS:
		if (!json_is_array(v))
			return 0;
		json_array_foreach(v, i, x) if (!json_is_object(x)) return 0;
		return 1;
	}
	return 0;
}

int
body_check(struct request *r, json_t *body, const struct field *fields)
{
	const char *key;
	json_t *v;
	char msg[200];

	json_object_foreach(body, key, v)
	{
		const struct field *f;

		for (f = fields; f->name && strcmp(f->name, key); f++)
			;
		if (!f->name)
			return reply_problem(r, 422,
					     "this route does not take that field (see field)",
					     key),
			       -1;
		if (!json_is_null(v) && !type_ok(v, f->type)) {
			snprintf(msg, sizeof(msg), "%s must be %s", f->name, type_name(f->type));
			return reply_problem(r, 422, msg, f->name), -1;
		}
	}
	for (const struct field *f = fields; f->name; f++) {
		if (f->required && !body_has(body, f->name)) {
			snprintf(msg, sizeof(msg), "%s is required", f->name);
			return reply_problem(r, 422, msg, f->name), -1;
		}
	}
	return 0;
}

int
body_has(json_t *b, const char *name)
{
	json_t *v = json_object_get(b, name);

	return v && !json_is_null(v);
}

const char *
body_str(json_t *b, const char *name)
{
	json_t *v = json_object_get(b, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t
body_int(json_t *b, const char *name)
{
	json_t *v = json_object_get(b, name);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

double
body_num(json_t *b, const char *name)
{
	json_t *v = json_object_get(b, name);

	return json_is_number(v) ? json_number_value(v) : 0;
}

void
body_strings(json_t *b, const char *name, struct strlist *l)
{
	json_t *v = json_object_get(b, name), *x;
	size_t i;

	if (!json_is_array(v))
		return;
	json_array_foreach(v, i, x) if (json_is_string(x)) strlist_push(l, json_string_value(x));
}

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
					     "limit"),
			       -1;
		*limit = (int)v;
	}
	if (c && validate_id("cursor", c, cursor, &err) < 0)
		return reply_problem(r, 400, "cursor is the value from the Link header", "cursor"),
		       -1;
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
		return 0;
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
				     "If-Match"),
		       -1;
	if ((v = etag_match(m, kind, id)) >= 0)
		return v;
	return reply_problem(r, 412, "If-Match does not name a version of this resource",
			     "If-Match"),
	       -1;
}
