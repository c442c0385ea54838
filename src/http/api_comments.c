/* api_comments.c: the conversation over the API — comments listed, added, read with their history,
 * edited and removed; one's notices (mentions and replies) and the mark of what one has seen. */
#include "http/handler.h"

#include <stdio.h>

#include "app/comments.h"
#include "app/json_write.h"
#include "core/validate.h"
#include "http/body.h"
#include "http/paging.h"

/* The one of objective, key_result, checkin a query names (0 for the others); -1 after a 400. */
static int
query_target(struct request *r, struct comment_input *in)
{
	static const char *const names[] = {"objective", "key_result", "checkin"};
	int64_t *ids[] = {&in->objective, &in->key_result, &in->checkin};
	struct okra_err err = {0};

	for (size_t i = 0; i < 3; i++) {
		const char *s = req_query(r, names[i]);

		if (s && validate_id(names[i], s, ids[i], &err) < 0)
			return reply_problem(r, 400, err.msg, names[i]);
	}
	return 0;
}

static int
reply_comment(struct request *r, int64_t id, int status)
{
	struct okra_err err = {0};
	struct comment_full f;
	int rc;

	if ((rc = app_comment_get(r->app, &r->arena, id, &f, &err)) < 0)
		return reply_error(r, rc, &err, "id");
	if (status == 201) {
		char loc[48];

		snprintf(loc, sizeof(loc), "/api/v1/comments/%lld", (long long)id);
		reply_header(r, "Location", loc);
	}
	app_jw_comment(reply_json_begin(r), &f.c, &f);
	return reply_json_end(r, status);
}

int
h_comments_list(struct request *r)
{
	struct comment_input in = {0};
	struct okra_err err = {0};
	struct page pg = PAGE_INIT;
	struct comment *v = NULL;
	size_t n = 0;
	int rc;

	if (query_target(r, &in) < 0)
		return 0;
	if ((rc = app_comments_list(r->app, &r->arena, in.objective, in.key_result, in.checkin, &v,
				    &n, &err)) < 0)
		return reply_error(r, rc, &err, err.field);
	for (size_t i = 0; i < n; i++)
		app_jw_comment(page_item(&pg, v[i].id), &v[i], NULL);
	return reply_page(r, &pg);
}

int
h_comments_post(struct request *r)
{
	struct comment_input in = {0};
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int64_t id;
	int rc;

	if (!b)
		return 0;
	in.objective = body_int(b, "objective");
	in.key_result = body_int(b, "key_result");
	in.checkin = body_int(b, "checkin");
	in.parent = body_int(b, "parent");
	in.body = body_str(b, "body");
	if ((rc = app_comment_add(r->app, &in, &id, &err)) < 0)
		reply_error(r, rc, &err, NULL);
	else
		reply_comment(r, id, 201);
	json_decref(b);
	return 0;
}

int
h_comment_get(struct request *r)
{
	int64_t id;

	if (req_id(r, 0, &id) < 0)
		return 0;
	return reply_comment(r, id, 200);
}

int
h_comment_patch(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if ((rc = app_comment_edit(r->app, id, body_str(b, "body"), &err)) < 0)
		reply_error(r, rc, &err, "id");
	else
		reply_comment(r, id, 200);
out:
	json_decref(b);
	return 0;
}

int
h_comment_delete(struct request *r)
{
	struct okra_err err = {0};
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0)
		return 0;
	if ((rc = app_comment_delete(r->app, id, &err)) < 0)
		return reply_error(r, rc, &err, "id");
	return reply_text(r, 204, NULL, "", 0);
}

int
h_notices_get(struct request *r)
{
	struct okra_err err = {0};
	struct comment_notice *v = NULL;
	struct jw *w;
	int64_t seen;
	size_t n = 0;
	int rc;

	if ((rc = app_notices(r->app, &r->arena, 50, &v, &n, &seen, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	w = reply_json_begin(r);
	jw_object(w);
	jw_kint(w, "seen", seen);
	jw_key(w, "notices");
	jw_array(w);
	for (size_t i = 0; i < n; i++) {
		jw_object(w);
		jw_kint(w, "id", v[i].id);
		jw_kstr(w, "reason", v[i].reason);
		jw_kint(w, "comment", v[i].comment);
		jw_kint(w, "objective", v[i].objective);
		jw_kstr(w, "objective_title", v[i].objective_title);
		jw_kstr(w, "author", v[i].author_handle);
		jw_key(w, "at");
		app_jw_instant(w, v[i].at);
		jw_kstr(w, "body", v[i].body);
		jw_kbool(w, "new", v[i].id > seen);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	return reply_json_end(r, 200);
}

int
h_notices_seen(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int rc;

	if (!b)
		return 0;
	rc = app_notices_seen(r->app, body_int(b, "upto"), &err);
	json_decref(b);
	if (rc < 0)
		return reply_error(r, rc, &err, NULL);
	return reply_text(r, 204, NULL, "", 0);
}
