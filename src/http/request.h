/*
 * request.h: one HTTP request as the handlers see it — what came in, who asks,
 * the reply being built — with the helpers that read it and the replies.
 *
 * The reply convention, everywhere in src/http: a function that answers the
 * request returns what its reply returned — 0 for an answer (reply_json_end,
 * reply_text, reply_shared, page_end, page_redirect), -1 for a refusal
 * (reply_problem, reply_error, page_error). So a check that refuses writes
 * `return reply_problem(…);` and its caller stops on -1; a handler ends with
 * `return reply_…(…);` (or replies, cleans up and returns 0), and dispatch does
 * not look at what it returns: the reply is in the request.
 */
#ifndef OKRA_HTTP_REQUEST_H
#define OKRA_HTTP_REQUEST_H

#include <jansson.h>
#include <stdint.h>

#include "app/app.h"
#include "app/auth.h"
#include "http/http.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/jw.h"

#define MAX_PARAMS 4
#define MAX_HEADERS 12

struct MHD_Connection;
struct shared_body;

enum auth_kind { AUTH_NONE, AUTH_SESSION, AUTH_TOKEN };

/*
 * One request: parsed on the way in, the response built on the way out.
 * Everything it owns is freed in one place when the response is sent.
 */
struct request {
	struct MHD_Connection *conn;
	const struct server_config *cfg;
	struct app *app; /* this worker thread's store connection */
	const char *method;
	const char *path;
	const char *params[MAX_PARAMS]; /* {placeholders} of the route, in order */
	char *param_buf;                /* storage for params (in arena) */
	int match;                      /* router_match's answer, found before the body came */
	int route;                      /* index in the route table once dispatched, -1 = none */
	struct buf body;                /* capped by the route's row */
	int too_big;
	int skip_body;     /* a signed-in route asked without credentials: the body is not kept */
	int anon;          /* its body counts against an unauthenticated total (daemon.h) */
	int anon_signed;   /* ... the signed deliveries' (SIGNED_HOOK_TOTAL), not ANON_BODY_TOTAL */
	size_t anon_held;  /* bytes of it counted there now */
	int anon_full;     /* that unauthenticated total was full: refused, nothing kept */
	const char *cause; /* why a 5xx was answered, for the log (the client gets less) */
	const char *bad_framing; /* why the request's framing is refused (RFC 9112 §6.3), or NULL */
	int64_t started_ns;      /* CLOCK_MONOTONIC */
	/* a write run by the writer thread (writer.h) */
	int queued;                     /* its connection is suspended until the reply is final */
	struct db_group_ticket *ticket; /* whether its writes committed */
	struct request *next_queued;    /* the writer's queue */
	/* who asks */
	enum auth_kind auth;
	struct person who; /* id 0 when nobody is signed in */
	struct app_session session;
	/* the response */
	int status;
	struct buf out;             /* the body, or what comes before shared */
	struct shared_body *shared; /* a cached body sent by reference, or NULL */
	struct buf tail;            /* what comes after shared */
	const char *content_type;
	const char *headers[MAX_HEADERS][2]; /* in arena */
	int nheaders;
	/* what the request allocates for its lifetime: freed at once when it ends */
	struct arena arena;
	struct jw jw; /* writes a JSON reply into out (reply_json_begin) */
};

/* A route's handler: it answers r (see the reply convention above). */
typedef int (*handler_fn)(struct request *r);

/* Replies: each sets status, type and body. 0, or -1 for reply_problem and reply_error. */
/*
 * A JSON reply: reply_json_begin gives a writer on the body (compact), the
 * handler writes one value, reply_json_end sets the status and the type:
 *	app_jw_person(reply_json_begin(r), &p, today);
 *	return reply_json_end(r, 200);
 */
struct jw *reply_json_begin(struct request *r);
int reply_json_end(struct request *r, int status);
int reply_text(struct request *r, int status, const char *type, const char *body, size_t len);
int reply_problem(struct request *r, int status, const char *detail, const char *field);
/* An app error: the okra code's status (ENOTFOUND on a field other than path_field is 422). */
int reply_error(struct request *r, int rc, const struct okra_err *err, const char *path_field);
void reply_header(struct request *r, const char *name, const char *value);

/* Reading the request */
const char *req_header(struct request *r, const char *name);
const char *req_query(struct request *r, const char *name);
/* Every value of a query parameter given more than once (?h=a&h=b), in order: up to max into v. */
size_t req_query_all(struct request *r, const char *name, const char **v, size_t max);
const char *req_cookie(struct request *r, const char *name);
/* Positive id from a path parameter; replies 404 and returns -1 when not one. */
int req_id(struct request *r, int i, int64_t *out);

#endif
