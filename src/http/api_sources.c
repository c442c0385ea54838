/* api_sources.c: a metric KR's source — GET, PUT and DELETE /api/v1/key-results/{id}/source,
 * and POST …/source/read (read it now: a check-in of source integration, or why not). */
#include "http/handler.h"

#include <string.h>

#include "app/json_write.h"
#include "app/sources.h"
#include "http/body.h"
#include "source/source.h"

static int
reply_source(struct request *r, int64_t kr, int status)
{
	struct okra_err err = {0};
	struct kr_source s = {0};
	int rc;

	if ((rc = app_source_get(r->app, &r->arena, kr, &s, &err)) < 0)
		return reply_error(r, rc, &err, "key_result");
	app_jw_source(reply_json_begin(r), &s);
	return reply_json_end(r, status);
}

int
h_kr_source_get(struct request *r)
{
	int64_t id;

	if (req_id(r, 0, &id) < 0)
		return 0;
	return reply_source(r, id, 200);
}

int
h_kr_source_put(struct request *r)
{
	struct okra_err err = {0};
	struct kr_source s = {.every_s = SOURCE_EVERY_DEFAULT};
	json_t *b;
	int rc;

	if (req_id(r, 0, &s.key_result) < 0 || !(b = req_body(r)))
		return 0;
	if ((rc = source_kind_parse("kind", body_str(b, "kind"), &s.kind, &err)) < 0) {
		json_decref(b);
		return reply_error(r, rc, &err, NULL);
	}
	s.url = body_str(b, "url");
	s.query = body_str(b, "query");
	if (body_has(b, "every"))
		s.every_s = body_int(b, "every");
	rc = app_source_set(r->app, &s, &err);
	json_decref(b);
	if (rc < 0)
		return reply_error(r, rc, &err, "key_result");
	return reply_source(r, s.key_result, 200);
}

int
h_kr_source_delete(struct request *r)
{
	struct okra_err err = {0};
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0)
		return 0;
	if ((rc = app_source_clear(r->app, id, &err)) < 0)
		return reply_error(r, rc, &err, "key_result");
	return reply_text(r, 204, NULL, "", 0);
}

/* 201 with the check-in made; a source that gave no reading is a 422 saying why. */
int
h_kr_source_read(struct request *r)
{
	struct okra_err err = {0};
	struct source_result res;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0)
		return 0;
	if ((rc = source_read(r->app, id, &res, &err)) < 0)
		return reply_error(r, rc, &err, "key_result");
	if (!res.ok) {
		const char *why =
			arena_sprintf(&r->arena, "the source gave no reading: %s", res.why.buf);

		source_result_release(&res);
		return reply_problem(r, 422, why, "source");
	}
	{
		struct jw *w = reply_json_begin(r);

		jw_object(w);
		jw_kint(w, "checkin", res.checkin);
		jw_kreal(w, "value", res.value);
		jw_key(w, "at");
		app_jw_instant(w, res.at);
		jw_end(w);
	}
	source_result_release(&res);
	return reply_json_end(r, 201);
}
