/* api_teams.c: /api/v1/teams/{slug} renamed, and a member taken out. */
#include "http/handler.h"

#include "app/json_write.h"
#include "http/body.h"
#include "app/people.h"
#include "app/reads.h"

/* The team as it is now, with its members, as the reply. */
static int
reply_team_now(struct request *r, const char *slug)
{
	struct okra_err err = {0};
	struct strlist m = {0};
	struct team t = {0};
	int rc;

	if ((rc = app_team(r->app, &r->arena, slug, &t, &err)) < 0)
		return reply_error(r, rc, &err, "team");
	app_team_members(r->app, t.id, &m, &err);
	app_jw_team(reply_json_begin(r), &t, &m);
	strlist_release(&m);
	return reply_json_end(r, 200);
}

int
h_team_patch(struct request *r)
{
	struct okra_err err = {0};
	json_t *b = req_body(r);
	int rc;

	if (!b)
		return 0;
	rc = app_team_rename(r->app, r->params[0], body_str(b, "name"), &err);
	json_decref(b);
	if (rc < 0)
		return reply_error(r, rc, &err, "team");
	return reply_team_now(r, r->params[0]);
}

int
h_team_member_delete(struct request *r)
{
	struct okra_err err = {0};
	int rc;

	if ((rc = app_team_leave(r->app, r->params[0], r->params[1], &err)) < 0)
		return reply_error(r, rc, &err, rc == OKRA_ENOTFOUND ? err.field : NULL);
	return reply_team_now(r, r->params[0]);
}
