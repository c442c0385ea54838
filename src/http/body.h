/*
 * body.h: JSON request bodies (body.c). A route's row (routes.def) names the
 * fields its body accepts; req_body parses the body and refuses anything else,
 * so a handler reads only fields of the declared types.
 */
#ifndef OKRA_HTTP_BODY_H
#define OKRA_HTTP_BODY_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/types.h"
#include "http/request.h"

/* F_ID is an id: a whole number of 1 or more (0 and negatives are refused at the edge). */
enum field_type { F_STRING, F_ID, F_NUMBER, F_BOOL, F_STRINGS, F_OBJECTS };
struct field {
	const char *name;
	enum field_type type;
	int required;
	const struct field *items; /* F_OBJECTS: the fields of each item (req_body_item) */
};
#define FIELDS_END                                                                                 \
	{                                                                                          \
		NULL, F_STRING, 0, NULL                                                            \
	}
/* A route's fields, for its row: FIELDS({"name", F_STRING, 1}, …). */
#define FIELDS(...) ((const struct field[]){__VA_ARGS__, FIELDS_END})
#define NO_BODY NULL

/*
 * The body as a JSON object of the fields r's route accepts (the caller owns
 * it), or NULL after a 415 (not application/json), 400 (not a JSON object) or
 * 422 (a field unknown, missing or mistyped; null counts as absent).
 */
json_t *req_body(struct request *r);
/* One item of the route's F_OBJECTS field name checked against its items' fields: 0 or -1 (422). */
int req_body_item(struct request *r, const char *name, json_t *item);
/*
 * The body's "lines" (an F_OBJECTS field of key_result and line), each item
 * checked as req_body_item does, into an array from r's arena that borrows
 * b's strings: 0, or -1 after the 422.
 */
int req_body_status_lines(struct request *r, json_t *b, const struct status_line **lines,
			  size_t *n);
/* The same for a Content-Type and body: the object, or NULL with *status (400/415) and msg. */
json_t *body_parse_json(const char *type, const char *body, size_t len, int *status, char *msg,
			size_t msgsize);

/* Typed reads of checked fields: absent or null gives the fallback. */
const char *body_str(json_t *b, const char *name);
int64_t body_int(json_t *b, const char *name);
double body_num(json_t *b, const char *name);
int body_has(json_t *b, const char *name);
/* An array of strings into l (appended). */
void body_strings(json_t *b, const char *name, struct strlist *l);

#endif
