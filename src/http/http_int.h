/* http_int.h: the request, the response helpers and the route table (private to src/http). */
#ifndef OKRA_HTTP_INT_H
#define OKRA_HTTP_INT_H

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>

#include "app/app.h"
#include "http/http.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

#define BODY_MAX (1024 * 1024)      /* 1 MiB: larger bodies get 413 */
#define PUBLIC_BODY_MAX (64 * 1024) /* what a sign-in needs, and no more */
#define MAX_PARAMS 4
#define MAX_HEADERS 12

struct MHD_Connection;

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
	char *param_buf;                /* storage for params */
	int route;                      /* index in the route table, -1 = none */
	struct buf body;                /* capped at BODY_MAX */
	int too_big;
	int skip_body; /* a signed-in route asked without credentials: the body is not kept */
	int64_t started_ns;
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
};

typedef int (*handler_fn)(struct request *r);

/*
 * PAGE: signed in, like SIGNED_IN, but a browser signed out is sent to /login.
 * HOOK: a forge's webhook: anyone may call (the handler checks the hook's own
 * secret), no session is looked at, no Origin/CSRF check, bodies up to BODY_MAX.
 */
enum access { PUBLIC, SIGNED_IN, PAGE, HOOK };

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/objectives/{id}/status" */
	handler_fn fn;
	enum access access;
};

extern const struct route routes[];
extern const int nroutes;

/* Find the route for method and path; fills r->params. -1 = no path match, -2 = wrong method. */
int router_match(struct request *r, const char *method, const char *path);
/* 1 once SIGTERM/SIGINT arrived: the server finishes what is in flight (/readyz says 503). */
int server_draining(void);
/* "GET, POST" for the path, for 405's Allow. */
void router_allowed(const char *path, struct buf *out);

/* Responses: each sets status, type and body. Return 0 so handlers can `return reply_…`. */
int reply_json(struct request *r, int status, json_t *j); /* takes the reference */
int reply_text(struct request *r, int status, const char *type, const char *body, size_t len);
int reply_problem(struct request *r, int status, const char *detail, const char *field);
/* An app error: the okra code's status (ENOTFOUND on a field other than path_field is 422). */
int reply_error(struct request *r, int rc, const struct okra_err *err, const char *path_field);
void reply_header(struct request *r, const char *name, const char *value);

/*
 * Bodies shared by reference (shared.c): immutable once made, freed when the
 * last owner (a cache entry, a response being sent) lets go; thread safe.
 */
struct shared_body;
struct shared_body *shared_new(char *data, size_t len); /* takes data (malloc'd), one reference */
/*
 * Copy the body into a memory file before it is shared, so a reply of the
 * body alone goes out with sendfile. 0, or -1: it goes out from memory.
 */
int shared_seal(struct shared_body *s);
struct shared_body *shared_ref(struct shared_body *s);
void shared_unref(struct shared_body *s);
const char *shared_data(const struct shared_body *s);
size_t shared_len(const struct shared_body *s);
/* Reply with s as the body, sent without a copy: r->out before it, r->tail after it. */
int reply_shared(struct request *r, int status, const char *type, struct shared_body *s);
/* Forget a shared body set earlier (every other reply does). */
void reply_drop_shared(struct request *r);
/* The MHD response for r->out + r->shared + r->tail; it takes them over. NULL = out of memory. */
struct MHD_Response;
struct MHD_Response *shared_response(struct request *r, size_t *len);

/* Bodies kept per store revision and key, with a gzip copy made on demand (cache.c). */
#define CACHE_SLOTS 16
struct cache_entry {
	char key[704];
	int64_t revision;
	struct shared_body *body, *gz; /* gz: NULL until a client asks for it */
	char *note;                    /* what the caller needs besides the body (a page title) */
	uint64_t used;
};
struct cache_build {
	char key[704];
	int64_t revision;
	int on;
};
struct body_cache {
	pthread_mutex_t lock;
	pthread_cond_t built; /* a build finished (or was given up) */
	struct cache_entry e[CACHE_SLOTS];
	struct cache_build b[CACHE_SLOTS]; /* what is being built now */
	uint64_t clock;
};
#define BODY_CACHE_INIT                                                                            \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {{{0}}}, {{{0}}}, 0           \
	}
struct cache_hit {
	struct shared_body *body, *gz;
	char *note;
};
/*
 * 1 and references in hit (cache_hit_release them), or 0: nothing for key at
 * revision, and the caller builds it, then calls cache_put or cache_give_up.
 * While one request builds a key, the others asking for it wait for it
 * instead of building it too (a page of L takes 100 MB and a second to build).
 */
int cache_get(struct body_cache *c, const char *key, int64_t revision, struct cache_hit *hit);
/* The build cache_get asked for will not come: let the next request try. */
void cache_give_up(struct body_cache *c, const char *key, int64_t revision);
void cache_hit_release(struct cache_hit *hit);
/* Keep body (and note) for key at revision; older revisions leave. Keys are under 704 bytes. */
void cache_put(struct body_cache *c, const char *key, int64_t revision, struct shared_body *body,
	       const char *note);
/* Attach the gzip copy to the entry, if it is still there. */
void cache_put_gz(struct body_cache *c, const char *key, int64_t revision, struct shared_body *gz);
/* Give the memory a big build freed back to the system (after a cache miss, not per request). */
void cache_trim(void);

/* gzip.c: does Accept-Encoding allow gzip; a gzip copy of data (NULL if it cannot be made). */
int accepts_gzip(const char *header);
struct shared_body *gzip_body(const char *data, size_t len);

/* Request helpers */
const char *req_header(struct request *r, const char *name);
const char *req_query(struct request *r, const char *name);
const char *req_cookie(struct request *r, const char *name);
/* Parse the body as a JSON object; on failure replies 400/415 and returns NULL. */
json_t *req_json(struct request *r);
/* The same for a Content-Type and body: the object, or NULL with *status (400/415) and msg. */
json_t *body_parse_json(const char *type, const char *body, size_t len, int *status, char *msg,
			size_t msgsize);
/* Positive id from a path parameter; replies 404 and returns -1 when not one. */
int req_id(struct request *r, int i, int64_t *out);

/*
 * Authentication (session.c): fills who/auth from the cookie or bearer token.
 * strict (signed-in routes): bad credentials are a 401 reply and -1; otherwise
 * they are ignored and the request goes on anonymous.
 */
int auth_resolve(struct request *r, int strict);
/* Unsafe requests must come from this site (Origin / Sec-Fetch-Site): 0 or a 403 reply. */
int auth_check_origin(struct request *r);
/* The headers' verdict: 1 when Sec-Fetch-Site, Origin and Host (each may be NULL) say this site. */
int auth_origin_ok(const char *site, const char *origin, const char *host);
/* The token of an "Authorization: Bearer <64 characters>" value, or NULL when it is not one. */
const char *auth_bearer(const char *authz);
/* Unsafe cookie-authenticated requests need the CSRF token: 0 or a 403 reply. */
int auth_check_csrf(struct request *r);
const char *auth_cookie_name(const struct server_config *cfg);
/* Set-Cookie for the session (an empty token and max_age 0 clears it). */
void set_session_cookie(struct request *r, const char *token, int64_t max_age);
const char *req_client_addr(struct request *r, char *out, size_t n);
/* Sign in for the API and the /login form: rate limit (app_login_throttle), session, cookie. 0 or
 * -1 (replied). */
int http_login(struct request *r, const char *handle, const char *password, struct app_session *s,
	       struct person *who, struct okra_err *err);

/* Webhooks (api_hooks.c): the payload parsed into what app_hook_apply needs; refs owns the strings.
 */
struct hook_parse {
	struct hook_event ev;
	struct buf ref, delivery;
	const char *ignored; /* why nothing is done (an event or action okra does not act on) */
	const char *detail, *field; /* why the payload is refused (a 400), and the field at fault */
};
/*
 * The GitLab or GitHub payload j (event: GitHub's X-GitHub-Event) into p: 0
 * (p->ignored set when okra does nothing with it), or -1 with p->detail.
 */
int hook_parse(enum hook_forge forge, const char *event, json_t *j, struct hook_parse *p);

/*
 * The daemon okra serves with (server.c): listening on addr with a pool of
 * threads, or, with addr NULL, one thread and no listening socket, taking
 * connections handed to it by MHD_add_connection (the fuzzing harness).
 */
struct MHD_Daemon;
struct sockaddr_in;
struct MHD_Daemon *server_daemon(const struct server_config *cfg, const struct sockaddr_in *addr,
				 unsigned threads);

/* Metrics (metrics.c) */
void metrics_count(int route, int status, double seconds);
int metrics_render(struct request *r);

/* Handlers (api_*.c, page_*.c, ops.c) */
/* One handler a line: the formatter would pour them into one ragged run. */
/* clang-format off */
#define HANDLERS(X) \
	X(h_healthz) \
	X(h_readyz) \
	X(h_metrics) \
	X(h_openapi) \
	X(h_login_page) \
	X(h_login_post) \
	X(h_logout_post) \
	X(h_home) \
	X(h_static) \
	X(h_page_cycle) \
	X(h_page_team) \
	X(h_page_objective) \
	X(h_page_status) \
	X(h_page_retro) \
	X(h_page_close) \
	X(h_page_kr_checkin) \
	X(h_page_checkin) \
	X(h_page_checkin_post) \
	X(h_page_person) \
	X(h_session_get) \
	X(h_session_post) \
	X(h_session_delete) \
	X(h_tokens_list) \
	X(h_tokens_post) \
	X(h_token_delete) \
	X(h_people_list) \
	X(h_people_post) \
	X(h_person_get) \
	X(h_person_password) \
	X(h_teams_list) \
	X(h_teams_post) \
	X(h_team_get) \
	X(h_team_members_post) \
	X(h_settings_get) \
	X(h_setting_put) \
	X(h_cycles_list) \
	X(h_cycles_post) \
	X(h_cycle_year_post) \
	X(h_cycle_get) \
	X(h_objectives_list) \
	X(h_objectives_post) \
	X(h_objective_get) \
	X(h_objective_patch) \
	X(h_objective_status_get) \
	X(h_objective_status_post) \
	X(h_objective_retro_post) \
	X(h_objective_close) \
	X(h_objective_links_post) \
	X(h_krs_post) \
	X(h_kr_get) \
	X(h_kr_patch) \
	X(h_kr_checkins_get) \
	X(h_kr_checkins_post) \
	X(h_criteria_post) \
	X(h_criteria_close) \
	X(h_criteria_reopen) \
	X(h_initiatives_post) \
	X(h_tree) \
	X(h_due) \
	X(h_lint) \
	X(h_audit) \
	X(h_report_weekly) \
	X(h_hook_gitlab) \
	X(h_hook_github)
/* clang-format on */
#define DECLARE_HANDLER(name) int name(struct request *r);
HANDLERS(DECLARE_HANDLER)
#undef DECLARE_HANDLER

#endif

#ifndef OKRA_HTTP_BODY
#define OKRA_HTTP_BODY
/* body.c: each route declares the JSON fields it accepts; everything else is refused.
 * F_ID is an id: a whole number of 1 or more (0 and negatives are refused at the edge). */
enum field_type { F_STRING, F_ID, F_NUMBER, F_BOOL, F_STRINGS, F_OBJECTS };
struct field {
	const char *name;
	enum field_type type;
	int required;
};
#define FIELDS_END                                                                                 \
	{                                                                                          \
		NULL, F_STRING, 0                                                                  \
	}
/* 0, or -1 after a 422 naming the unknown, missing or mistyped field. null counts as absent. */
int body_check(struct request *r, json_t *body, const struct field *fields);
/* Typed reads of checked fields: absent or null gives the fallback. */
const char *body_str(json_t *b, const char *name);
int64_t body_int(json_t *b, const char *name);
double body_num(json_t *b, const char *name);
int body_has(json_t *b, const char *name);
/* An array of strings into l (appended). */
void body_strings(json_t *b, const char *name, struct strlist *l);

/* Pagination: limit (1..200, default 50) and cursor (the last id seen). 0 or -1 after a 400. */
int page_params(struct request *r, int *limit, int64_t *cursor);
/*
 * Reply with one page of items (objects with an integer "id", sorted by it):
 * those after the cursor, at most limit, and a Link to the next page when
 * there is more. Takes the reference.
 */
int reply_page(struct request *r, json_t *items);
/* Set Link: <path?cursor=N&limit=L>; rel="next" when there is more. */
void reply_next_link(struct request *r, int64_t next_cursor, int limit);
/* ETags: "\"<kind><id>-v<version>\"" and If-Match checking (428 / 412). */
void etag_set(struct request *r, char kind, int64_t id, int64_t version);
/* The version an If-Match names for kind/id; -1 after a 428/412 reply. */
int64_t etag_required(struct request *r, char kind, int64_t id);
/* The If-Match value m parsed: the newest version it names of kind/id, 0 for "*", -1 for none. */
int64_t etag_match(const char *m, char kind, int64_t id);
#endif
