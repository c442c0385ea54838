/* body.c: JSON request bodies: parsed, checked against the fields of the route's row, read. */
#include "http/body.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "http/route.h"

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

static int
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
			return reply_problem(
				r, 422, "this route does not take that field (see field)", key);
		if (!json_is_null(v) && !type_ok(v, f->type)) {
			snprintf(msg, sizeof(msg), "%s must be %s", f->name, type_name(f->type));
			return reply_problem(r, 422, msg, f->name);
		}
	}
	for (const struct field *f = fields; f->name; f++) {
		if (f->required && !body_has(body, f->name)) {
			snprintf(msg, sizeof(msg), "%s is required", f->name);
			return reply_problem(r, 422, msg, f->name);
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

json_t *
body_parse_json(const char *type, const char *body, size_t len, int *status, char *msg,
		size_t msgsize)
{
	json_error_t jerr;
	json_t *j;

	if (!type || strncmp(type, "application/json", 16) ||
	    (type[16] && type[16] != ';' && type[16] != ' ')) {
		*status = 415;
		snprintf(msg, msgsize, "send the body as Content-Type: application/json");
		return NULL;
	}
	j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		*status = 400;
		snprintf(msg, msgsize, "the body is not valid JSON: %s at line %d column %d",
			 jerr.text, jerr.line, jerr.column);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		*status = 400;
		snprintf(msg, msgsize, "the body must be a JSON object");
		return NULL;
	}
	return j;
}

json_t *
req_body(struct request *r)
{
	char msg[300];
	int status;
	json_t *j = body_parse_json(req_header(r, "Content-Type"), r->body.buf, r->body.len,
				    &status, msg, sizeof(msg));

	if (!j) {
		reply_problem(r, status, msg, NULL);
		return NULL;
	}
	if (body_check(r, j, req_route(r)->fields) < 0) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int
req_body_item(struct request *r, const char *name, json_t *item)
{
	const struct field *f = req_route(r)->fields;

	while (f->name && strcmp(f->name, name))
		f++;
	return body_check(r, item, f->items);
}

int
req_body_status_lines(struct request *r, json_t *b, const struct status_line **lines, size_t *n)
{
	json_t *a = json_object_get(b, "lines"), *l;
	struct status_line *v;
	size_t i;

	*n = json_array_size(a);
	v = arena_calloc(&r->arena, *n, sizeof(*v));
	*lines = v;
	json_array_foreach(a, i, l)
	{
		if (req_body_item(r, "lines", l) < 0)
			return -1;
		v[i].key_result = body_int(l, "key_result");
		v[i].line = body_str(l, "line");
	}
	return 0;
}
