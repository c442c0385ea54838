/* page_me_post.c: the forms of /me — change my password, sign out everywhere else, make and
 * revoke an API token.
 */
#include "http/page.h"

#include <sodium.h>
#include <stdio.h>

#include "core/validate.h"
#include "http/auth.h"
#include "http/handler.h"
#include "app/auth.h"

static int
after_me_form(struct request *r, const char *form, int rc, const struct okra_err *err)
{
	struct refused_form f = {form, err};
	char url[32];

	if (rc < 0)
		return me_page(r, &f, form_status(rc), NULL);
	snprintf(url, sizeof(url), "/me#%s", form);
	return page_redirect(r, url);
}

/* The current password checked under the sign-in limits: 0, or the refusal in err. */
static int
current_ok(struct request *r, const char *current, struct okra_err *err)
{
	char addr[64];
	int wait, rc;

	req_client_addr(r, addr, sizeof(addr));
	if ((rc = app_login_throttle(r->app, r->who.handle, addr, &wait, err)) < 0)
		return rc;
	if (wait > 0)
		return okra_err_set(err, OKRA_EFORBIDDEN, "current_password",
				    "too many wrong passwords: try again in %d seconds", wait);
	if (app_password_matches(r->app, r->who.handle, current, err) < 0)
		return okra_err_set(err, OKRA_EFORBIDDEN, "current_password",
				    "that is not your current password");
	app_login_forgive(r->app, r->who.handle, addr, err);
	okra_err_clear(err);
	return 0;
}

int
h_page_me_password(struct request *r)
{
	struct buf cur = BUF_INIT, pw = BUF_INIT;
	struct okra_err err = {0};
	struct app_session s;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "current_password", &cur);
	page_form(r, "password", &pw);
	if ((rc = app_password_check(pw.buf, pw.len, &err)) == 0 &&
	    (rc = current_ok(r, cur.buf, &err)) == 0 &&
	    (rc = app_user_passwd(r->app, r->who.handle, pw.buf, &err)) == 0 &&
	    app_login(r->app, r->who.handle, pw.buf, &s, &err) == 0) {
		/* Every session ended with the change: this browser gets a new one. */
		set_session_cookie(r, s.token, r->app->session_max);
		sodium_memzero(&s, sizeof(s));
	}
	if (rc < 0 && !*err.field)
		snprintf(err.field, sizeof(err.field), "password");
	after_me_form(r, "password", rc, &err);
	sodium_memzero(cur.buf, cur.len);
	sodium_memzero(pw.buf, pw.len);
	buf_release(&cur);
	buf_release(&pw);
	return 0;
}

int
h_page_me_sessions_end(struct request *r)
{
	struct okra_err err = {0};
	int64_t ended;

	if (page_form_check(r) < 0)
		return 0;
	return after_me_form(r, "sessions",
			     app_sessions_end_others(r->app, NULL, r->session.token, &ended, &err),
			     &err);
}

int
h_page_me_token(struct request *r)
{
	char token[APP_SECRET_LEN + 1];
	struct buf name = BUF_INIT;
	struct okra_err err = {0};
	struct refused_form f = {"token", &err};
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "name", &name);
	rc = app_token_add(r->app, r->who.handle, name.buf, &id, token, &err);
	buf_release(&name);
	if (rc < 0)
		return me_page(r, &f, form_status(rc), NULL);
	/* Shown once, on this answer only: no redirect that would need to keep it. */
	rc = me_page(r, NULL, 201, token);
	sodium_memzero(token, sizeof(token));
	return rc;
}

int
h_page_me_token_revoke(struct request *r)
{
	struct okra_err err = {0};
	char form[40];
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0)
		return page_error(r, 404, "No such token", "There is no token with that number.");
	snprintf(form, sizeof(form), "revoke-%s", r->params[0]);
	rc = app_token_revoke(r->app, id, &err);
	if (rc == OKRA_ENOTFOUND)
		return page_error(r, 404, "No such token", "There is no token with that number.");
	return after_me_form(r, form, rc, &err);
}
