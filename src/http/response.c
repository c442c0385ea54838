/* response.c: building replies (JSON, problem+json, text) and reading the request. */
#include "http/request.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/present.h"
#include "core/validate.h"
#include "http/shared.h"

struct jw *
reply_json_begin(struct request *r)
{
	reply_drop_shared(r);
	buf_reset(&r->out);
	jw_release(&r->jw); /* a reply begun before this one */
	jw_init(&r->jw, &r->out, 0);
	return &r->jw;
}

int
reply_json_end(struct request *r, int status)
{
	jw_release(&r->jw);
	buf_addch(&r->out, '\n');
	r->status = status;
	r->content_type = "application/json";
	return 0;
}

int
reply_text(struct request *r, int status, const char *type, const char *body, size_t len)
{
	r->status = status;
	r->content_type = type;
	reply_drop_shared(r);
	buf_reset(&r->out);
	buf_add(&r->out, body, len);
	return 0;
}

static const char *
status_title(int status)
{
	switch (status) {
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 412:
		return "Precondition Failed";
	case 413:
		return "Content Too Large";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Content";
	case 428:
		return "Precondition Required";
	case 429:
		return "Too Many Requests";
	case 503:
		return "Service Unavailable";
	default:
		return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* RFC 9457: type, title, status, detail, and the field at fault as an extension. */
int
reply_problem(struct request *r, int status, const char *detail, const char *field)
{
	struct jw *w = reply_json_begin(r);
	struct buf plain = BUF_INIT;
	char rule[PRESENT_RULE_MAX];

	/* The detail in words; a rule code it named goes in "rule", for scripts. */
	present_plain(&plain, detail ? detail : status_title(status), rule);
	jw_object(w);
	jw_kstr(w, "type", "about:blank");
	jw_kstr(w, "title", status_title(status));
	jw_kint(w, "status", status);
	jw_kstr(w, "detail", plain.buf ? plain.buf : "");
	if (field && *field)
		jw_kstr(w, "field", field);
	if (*rule)
		jw_kstr(w, "rule", rule);
	jw_end(w);
	buf_release(&plain);
	reply_json_end(r, status);
	r->content_type = "application/problem+json";
	if (status >= 500 && !r->cause)
		r->cause = arena_strdup(&r->arena, detail ? detail : status_title(status));
	return -1; /* a refusal: the caller stops */
}

/* Seconds a client waits before retrying a write the store was too busy to take. */
#define RETRY_AFTER_BUSY "2"

int
reply_error(struct request *r, int rc, const struct okra_err *err, const char *path_field)
{
	int status = okra_code_status(rc);

	/* Something named in the body that does not exist is bad input, not a missing resource. */
	if (rc == OKRA_ENOTFOUND && (!path_field || strcmp(err->field, path_field)))
		status = 422;
	if (rc == OKRA_EUSAGE)
		status = 400;
	/* A write past its deadline: the lock another writer held may be free in a moment. */
	if (rc == OKRA_EBUSY) {
		r->cause = arena_strdup(&r->arena, err->msg[0] ? err->msg : okra_code_msg(rc));
		reply_header(r, "Retry-After", RETRY_AFTER_BUSY);
		return reply_problem(
			r, 503, "the store is busy with other writes; try again shortly", NULL);
	}
	/* A store failure's text may quote SQL: it goes to the log, not to the client. */
	if (status >= 500) {
		r->cause = arena_strdup(&r->arena, err->msg[0] ? err->msg : okra_code_msg(rc));
		return reply_problem(r, 503, "the store could not answer; try again", NULL);
	}
	return reply_problem(r, status, err->msg[0] ? okra_err_text(err) : okra_code_msg(rc),
			     err->field);
}

void
reply_header(struct request *r, const char *name, const char *value)
{
	if (r->nheaders >= MAX_HEADERS)
		return;
	r->headers[r->nheaders][0] = arena_strdup(&r->arena, name);
	r->headers[r->nheaders][1] = arena_strdup(&r->arena, value);
	r->nheaders++;
}

const char *
req_header(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
req_query(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_all {
	const char *name;
	const char **v;
	size_t n, max;
};

static enum MHD_Result
query_one(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct query_all *q = cls;

	(void)kind;
	if (key && !strcmp(key, q->name) && q->n < q->max)
		q->v[q->n++] = value ? value : "";
	return MHD_YES;
}

size_t
req_query_all(struct request *r, const char *name, const char **v, size_t max)
{
	struct query_all q = {name, v, 0, max};

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_one, &q);
	return q.n;
}

const char *
req_cookie(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int
req_id(struct request *r, int i, int64_t *out)
{
	struct okra_err err = {0};

	if (!r->params[i] || validate_id("id", r->params[i], out, &err) < 0)
		return reply_problem(r, 404, "no such resource: ids are positive whole numbers",
				     NULL);
	return 0;
}
