/* api_offboard.c: /api/v1/people/{handle} changed, deactivated, reactivated, and handed over. */
#include "http/handler.h"

#include "app/json_write.h"
#include "core/validate.h"
#include "http/body.h"
#include "app/people.h"
#include "app/reads.h"

/* The person as they are now, as the reply. */
static int
reply_person(struct request *r, const char *handle)
{
	struct okra_err err = {0};
	struct person p = {0};
	int rc;

	if ((rc = app_person(r->app, &r->arena, handle, &p, &err)) < 0)
		return reply_error(r, rc, &err, "handle");
	app_jw_person(reply_json_begin(r), &p, r->app->today);
	return reply_json_end(r, 200);
}

/* The body's fields into e; -1 once refused. */
static int
edit_fields(struct request *r, json_t *b, struct person_edit *e)
{
	struct okra_err err = {0};
	int rc, role;

	e->name = body_str(b, "name");
	e->email = body_str(b, "email");
	if (body_has(b, "role")) {
		if ((role = role_parse(body_str(b, "role"))) < 0)
			return reply_problem(r, 422, "role is admin, leader, member or viewer",
					     "role");
		e->has_role = 1;
		e->role = (enum role)role;
	}
	if (body_has(b, "joined_on")) {
		e->has_joined = 1;
		if ((rc = validate_date("joined_on", body_str(b, "joined_on"), &e->joined_on,
					&err)) < 0)
			return reply_error(r, rc, &err, NULL);
	}
	return 0;
}

int
h_person_patch(struct request *r)
{
	struct person_edit e = {.joined_on = DATE_NONE};
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int rc;

	if (!b)
		return 0;
	if (edit_fields(r, b, &e) == 0) {
		if ((rc = app_person_edit(r->app, r->params[0], &e, &err)) < 0)
			reply_error(r, rc, &err, "handle");
		else
			reply_person(r, r->params[0]);
	}
	json_decref(b);
	return 0;
}

int
h_person_deactivate(struct request *r)
{
	struct okra_err err = {0};
	int rc;

	if ((rc = app_person_deactivate(r->app, r->params[0], &err)) < 0)
		return reply_error(r, rc, &err, "handle");
	return reply_person(r, r->params[0]);
}

int
h_person_reactivate(struct request *r)
{
	struct okra_err err = {0};
	int rc;

	if ((rc = app_person_reactivate(r->app, r->params[0], &err)) < 0)
		return reply_error(r, rc, &err, "handle");
	return reply_person(r, r->params[0]);
}

int
h_person_handover(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	size_t moved = 0;
	struct jw *w;
	int rc;

	if (!b)
		return 0;
	rc = app_person_handover(r->app, r->params[0], body_str(b, "to"), &moved, &err);
	json_decref(b);
	if (rc < 0)
		return reply_error(r, rc, &err, "handle");
	w = reply_json_begin(r);
	jw_object(w);
	jw_kint(w, "moved", (int64_t)moved);
	jw_end(w);
	return reply_json_end(r, 200);
}
