/* api_correct.c: corrections over the API — a check-in or status amended (PATCH) or retracted
 * (DELETE), a criterion, initiative or link removed, a draft objective or its KR deleted (reopening
 * is beside closing, in api_okr.c). */
#include "http/handler.h"

#include <stdlib.h>

#include "app/corrections.h"
#include "core/validate.h"
#include "http/body.h"
#include "http/paging.h"

/* Every correction answers 204: read the KR or objective for what followed. */
static int
done(struct request *r, int rc, const struct okra_err *err, const char *field)
{
	if (rc < 0)
		return reply_error(r, rc, err, field);
	return reply_text(r, 204, NULL, "", 0);
}

static int
by_id(struct request *r, int (*fn)(struct app *a, int64_t id, struct okra_err *err),
      const char *field)
{
	struct okra_err err = {0};
	int64_t id;

	if (req_id(r, 0, &id) < 0)
		return 0;
	return done(r, fn(r->app, id, &err), &err, field);
}

int
h_checkin_patch(struct request *r)
{
	struct checkin_amend in = {0};
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc = 0;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if ((in.has_health = body_has(b, "health")) &&
	    (rc = validate_health("health", body_str(b, "health"), &in.health, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	if ((in.has_value = body_has(b, "value")))
		in.value = body_num(b, "value");
	if ((in.has_progress = body_has(b, "progress")))
		in.progress = body_num(b, "progress");
	in.note = body_str(b, "note");
	done(r, app_checkin_amend(r->app, id, &in, &err), &err, "checkin");
out:
	json_decref(b);
	return 0;
}

int
h_checkin_delete(struct request *r)
{
	return by_id(r, app_checkin_retract, "checkin");
}

int
h_status_patch(struct request *r)
{
	struct status_amend in = {0};
	struct okra_err err = {0};
	json_t *b = NULL;
	int64_t id;
	int rc;

	if (req_id(r, 0, &id) < 0 || !(b = req_body(r)))
		goto out;
	if ((in.has_health = body_has(b, "health")) &&
	    (rc = validate_health("health", body_str(b, "health"), &in.health, &err)) < 0) {
		reply_error(r, rc, &err, NULL);
		goto out;
	}
	if (req_body_status_lines(r, b, &in.lines, &in.nlines) < 0)
		goto out;
	done(r, app_status_amend(r->app, id, &in, &err), &err, "status");
out:
	json_decref(b);
	return 0;
}

int
h_status_delete(struct request *r)
{
	return by_id(r, app_status_retract, "status");
}

int
h_criterion_delete(struct request *r)
{
	return by_id(r, app_criterion_remove, "criterion");
}

int
h_initiative_delete(struct request *r)
{
	return by_id(r, app_initiative_remove, "initiative");
}

int
h_link_delete(struct request *r)
{
	return by_id(r, app_link_remove, "link");
}

int
h_objective_delete(struct request *r)
{
	struct okra_err err = {0};
	int64_t id, v;

	if (req_id(r, 0, &id) < 0 || (v = etag_required(r, 'o', id)) < 0)
		return 0;
	return done(r, app_objective_delete_at(r->app, id, v, &err), &err, "objective");
}

int
h_kr_delete(struct request *r)
{
	struct okra_err err = {0};
	int64_t id, v;

	if (req_id(r, 0, &id) < 0 || (v = etag_required(r, 'k', id)) < 0)
		return 0;
	return done(r, app_kr_delete_at(r->app, id, v, &err), &err, "key_result");
}
