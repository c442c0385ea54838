/* api_sessions.c: /api/v1/sessions — one's own sessions, and signing out everywhere else. */
#include "http/handler.h"

#include "app/json_write.h"
#include "app/auth.h"

/* The session this request came with, or NULL (a Bearer token is none). */
static const char *
current(struct request *r)
{
	return r->auth == AUTH_SESSION ? r->session.token : NULL;
}

int
h_sessions_list(struct request *r)
{
	struct okra_err err = {0};
	struct app_session_info *v = NULL;
	size_t n = 0;
	struct jw *w;
	int rc;

	rc = app_sessions(r->app, &r->arena, req_query(r, "handle"), current(r), &v, &n, &err);
	if (rc < 0)
		return reply_error(r, rc, &err, "handle");
	w = reply_json_begin(r);
	jw_array(w);
	for (size_t i = 0; i < n; i++)
		app_jw_session(w, &v[i]);
	jw_end(w);
	reply_header(r, "Cache-Control", "no-store");
	return reply_json_end(r, 200);
}

int
h_sessions_delete(struct request *r)
{
	struct okra_err err = {0};
	int64_t ended = 0;
	struct jw *w;
	int rc;

	rc = app_sessions_end_others(r->app, req_query(r, "handle"), current(r), &ended, &err);
	if (rc < 0)
		return reply_error(r, rc, &err, "handle");
	w = reply_json_begin(r);
	jw_object(w);
	jw_kint(w, "ended", ended);
	jw_end(w);
	return reply_json_end(r, 200);
}
