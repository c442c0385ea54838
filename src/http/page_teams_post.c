/* page_teams_post.c: the forms of /teams and /teams/{slug}/manage — create a team, rename it,
 * add a member, take one out.
 */
#include "http/page.h"

#include <stdio.h>

#include "http/handler.h"
#include "app/people.h"

/* Back to the manage page at anchor, or it again with the refused form; a role refusal is a 403. */
static int
after_team_form(struct request *r, const char *form, int rc, const struct okra_err *err)
{
	struct refused_form f = {form, err};
	struct buf url = BUF_INIT;

	if (rc == OKRA_EFORBIDDEN)
		return page_error(r, 403, "Not allowed", err->msg);
	if (rc < 0)
		return team_manage_page(r, r->params[0], &f, form_status(rc));
	page_url_team(&url, r->params[0]);
	buf_addf(&url, "/manage#%s", form);
	page_redirect(r, url.buf);
	buf_release(&url);
	return 0;
}

int
h_page_teams_add(struct request *r)
{
	struct buf slug = BUF_INIT, name = BUF_INIT, url = BUF_INIT;
	struct okra_err err = {0};
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "slug", &slug);
	page_form(r, "name", &name);
	rc = app_team_add(r->app, slug.buf, name.buf, NULL, &id, &err);
	if (rc == OKRA_EFORBIDDEN)
		page_error(r, 403, "Not allowed", err.msg);
	else if (rc < 0)
		teams_page(r, &err, form_status(rc));
	else {
		page_url_team(&url, slug.buf);
		buf_adds(&url, "/manage");
		page_redirect(r, url.buf);
	}
	buf_release(&slug);
	buf_release(&name);
	buf_release(&url);
	return 0;
}

int
h_page_team_rename(struct request *r)
{
	struct buf name = BUF_INIT;
	struct okra_err err = {0};

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "name", &name);
	after_team_form(r, "rename", app_team_rename(r->app, r->params[0], name.buf, &err), &err);
	buf_release(&name);
	return 0;
}

int
h_page_team_member_add(struct request *r)
{
	struct buf handle = BUF_INIT;
	struct okra_err err = {0};

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "handle", &handle);
	after_team_form(r, "add-member", app_team_join(r->app, r->params[0], handle.buf, &err),
			&err);
	buf_release(&handle);
	return 0;
}

int
h_page_team_member_remove(struct request *r)
{
	struct okra_err err = {0};
	char form[80];

	if (page_form_check(r) < 0)
		return 0;
	snprintf(form, sizeof(form), "remove-%s", r->params[1]);
	return after_team_form(r, form, app_team_leave(r->app, r->params[0], r->params[1], &err),
			       &err);
}
