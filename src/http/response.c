/* response.c: building replies (JSON, problem+json, text) and reading the request. */
#include "http/request.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "core/validate.h"
#include "http/shared.h"

int
reply_json(struct request *r, int status, json_t *j)
{
	char *s = app_json_dump(j, 0);

	json_decref(j);
	r->status = status;
	r->content_type = "application/json";
	reply_drop_shared(r);
	buf_reset(&r->out);
	buf_adds(&r->out, s);
	buf_addch(&r->out, '\n');
	free(s);
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
	json_t *p = json_pack("{ss ss si ss}", "type", "about:blank", "title", status_title(status),
			      "status", status, "detail", detail ? detail : status_title(status));

	if (!p)
		p = json_pack("{ss ss si}", "type", "about:blank", "title", status_title(status),
			      "status", status);
	if (field && *field)
		json_object_set_new(p, "field", json_string(field));
	reply_json(r, status, p);
	r->content_type = "application/problem+json";
	return -1; /* a refusal: the caller stops */
}

int
reply_error(struct request *r, int rc, const struct okra_err *err, const char *path_field)
{
	int status = okra_code_status(rc);

	/* Something named in the body that does not exist is bad input, not a missing resource. */
	if (rc == OKRA_ENOTFOUND && (!path_field || strcmp(err->field, path_field)))
		status = 422;
	if (rc == OKRA_EUSAGE)
		status = 400;
	/* A store failure's text may quote SQL: it goes to the log, not to the client. */
	if (status >= 500) {
		fprintf(stderr, "okra: %s %s: %s\n", r->method, r->path, err->msg);
		return reply_problem(r, 503, "the store could not answer; try again", NULL);
	}
	return reply_problem(r, status, err->msg[0] ? err->msg : okra_code_msg(rc), err->field);
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
