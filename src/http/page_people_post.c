/* page_people_post.c: the forms of /people and of a person's page — add a person, change their
 * role and join date, deactivate or reactivate them, hand over what they own.
 */
#include "http/page.h"

#include "core/validate.h"
#include "http/handler.h"
#include "app/people.h"

/* Posted fields, each kept in its own buffer until the request ends. */
struct posted {
	struct buf handle, name, email, role, joined, to;
};

static void
posted_release(struct posted *p)
{
	buf_release(&p->handle);
	buf_release(&p->name);
	buf_release(&p->email);
	buf_release(&p->role);
	buf_release(&p->joined);
	buf_release(&p->to);
}

/* The role and join date typed: 0, or the refusal in err. has_* say whether each was posted. */
static int
role_and_date(struct request *r, struct posted *in, int *has_role, enum role *role, int *has_joined,
	      int32_t *joined, struct okra_err *err)
{
	int rl;

	*joined = DATE_NONE;
	*has_role = page_form(r, "role", &in->role);
	*has_joined = page_form(r, "joined_on", &in->joined);
	if (*has_role) {
		if ((rl = role_parse(in->role.buf)) < 0)
			return okra_err_set(err, OKRA_EINVAL, "role",
					    "role is admin, leader, member or viewer");
		*role = (enum role)rl;
	}
	if (*has_joined && in->joined.len)
		return validate_date("joined_on", in->joined.buf, joined, err);
	return 0;
}

/* A role refusal has no form to stand beside (it is drawn for admins only): a page says so. */
static int
forbidden(struct request *r, const struct okra_err *err)
{
	return page_error(r, 403, "Not allowed", err->msg);
}

/* Back to the person's page at anchor, or it again with the refused form. */
static int
after_person_form(struct request *r, const char *form, int rc, const struct okra_err *err)
{
	struct refused_form f = {form, err};
	struct buf url = BUF_INIT;

	if (rc == OKRA_EFORBIDDEN)
		return forbidden(r, err);
	if (rc < 0)
		return person_page(r, r->params[0], &f, form_status(rc));
	page_url_person(&url, r->params[0]);
	buf_addf(&url, "#%s", form);
	page_redirect(r, url.buf);
	buf_release(&url);
	return 0;
}

int
h_page_people_add(struct request *r)
{
	struct person p = {.role = ROLE_MEMBER};
	struct posted in = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	struct okra_err err = {0};
	struct buf url = BUF_INIT;
	int has_role, has_joined, rc;
	int64_t id;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "handle", &in.handle);
	page_form(r, "name", &in.name);
	page_form(r, "email", &in.email);
	p.handle = in.handle.buf;
	p.name = in.name.buf;
	p.email = in.email.buf;
	/* The role first: a member's typing is not judged, only refused. */
	if ((rc = app_may_admin(r->app, "add people", &err)) == 0)
		rc = role_and_date(r, &in, &has_role, &p.role, &has_joined, &p.joined_on, &err);
	if (rc == 0)
		rc = app_person_add(r->app, &p, &id, &err);
	if (rc == OKRA_EFORBIDDEN)
		forbidden(r, &err);
	else if (rc < 0)
		people_page(r, &err, form_status(rc));
	else {
		page_url_person(&url, p.handle);
		page_redirect(r, url.buf);
	}
	buf_release(&url);
	posted_release(&in);
	return 0;
}

int
h_page_person_edit(struct request *r)
{
	struct posted in = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	struct person_edit e = {0};
	struct okra_err err = {0};
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (page_form(r, "name", &in.name))
		e.name = in.name.buf;
	if (page_form(r, "email", &in.email))
		e.email = in.email.buf;
	if ((rc = app_may_admin(r->app, "change people", &err)) == 0)
		rc = role_and_date(r, &in, &e.has_role, &e.role, &e.has_joined, &e.joined_on, &err);
	if (rc == 0)
		rc = app_person_edit(r->app, r->params[0], &e, &err);
	after_person_form(r, "edit", rc, &err);
	posted_release(&in);
	return 0;
}

int
h_page_person_deactivate(struct request *r)
{
	struct okra_err err = {0};

	if (page_form_check(r) < 0)
		return 0;
	return after_person_form(r, "deactivate", app_person_deactivate(r->app, r->params[0], &err),
				 &err);
}

int
h_page_person_reactivate(struct request *r)
{
	struct okra_err err = {0};

	if (page_form_check(r) < 0)
		return 0;
	return after_person_form(r, "reactivate", app_person_reactivate(r->app, r->params[0], &err),
				 &err);
}

int
h_page_person_handover(struct request *r)
{
	struct buf to = BUF_INIT;
	struct okra_err err = {0};
	size_t moved;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "to", &to);
	rc = app_person_handover(r->app, r->params[0], to.buf, &moved, &err);
	after_person_form(r, "handover", rc, &err);
	buf_release(&to);
	return 0;
}
