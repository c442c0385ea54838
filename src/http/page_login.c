/* page_login.c: the sign-in page (GET and POST /login) and signing out (POST /logout). */
#include "http/page.h"

#include <string.h>

#include "http/auth.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/settings.h"
#include "app/auth.h"
#include "app/oidc.h"
#include "sso/sso.h"

/* "Sign in with PROVIDER" above the password form, when single sign-on is set up. */
static void
sso_button(struct request *r)
{
	struct buf name = BUF_INIT;
	struct okra_err ignore = {0};

	if (!sso_enabled(r->app))
		return;
	sso_provider_name(r->app, &name);
	buf_adds(&r->out,
		 "<p class=\"panel sso\"><a class=\"button\" href=\"/login/oidc\">Sign in "
		 "with ");
	html_txt(&r->out, name.buf);
	buf_adds(&r->out, "</a></p>\n");
	if (app_oidc_password_allowed(r->app, NULL, &ignore) < 0)
		buf_adds(&r->out,
			 "<p>Passwords are turned off here; the form below is only for "
			 "the emergency admin account.</p>\n");
	else
		buf_adds(&r->out, "<p>Or sign in with your handle and password:</p>\n");
	buf_release(&name);
}

/* The form, again after a refusal with its reason on top and the handle kept. */
static void
login_form(struct request *r, int status, const char *error)
{
	struct okra_err refused = {0};
	struct form f = {.r = r, .action = "/login", .cls = "panel"};

	if (error) {
		okra_err_set(&refused, OKRA_EINVAL, "", "%s", error);
		f.err = &refused;
	}
	page_begin(r, "Sign in", NULL);
	buf_adds(&r->out, "<h1>Sign in to okra</h1>\n");
	sso_button(r);
	form_open(&f);
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "handle",
					    .label = "Handle",
					    .autocomplete = "username",
					    .required = 1});
	form_field(&f, &(struct form_field){.type = FIELD_PASSWORD,
					    .name = "password",
					    .label = "Password",
					    .autocomplete = "current-password",
					    .required = 1});
	buf_adds(&r->out, "<p><button type=\"submit\">Sign in</button></p>\n");
	form_close(&f);
	page_end(r, status);
}

/* Signed in already: who, the way on, and signing out to sign in as someone else. */
static void
signed_in(struct request *r)
{
	struct buf *b = &r->out, url = BUF_INIT;
	struct form f = {.r = r, .action = "/logout", .cls = "panel"};

	page_begin(r, "Sign in", NULL);
	buf_adds(b, "<h1>You are signed in</h1>\n<p>Signed in as ");
	page_url_person(&url, r->who.handle);
	page_link(b, url.buf, r->who.name);
	buf_adds(b, " (");
	html_txt(b, r->who.handle);
	buf_adds(b, "). <a href=\"/\">Go to the OKRs</a>.</p>\n");
	form_open(&f);
	buf_adds(b,
		 "<p>To sign in as someone else, sign out first.</p>\n"
		 "<p><button type=\"submit\">Sign out</button></p>\n");
	form_close(&f);
	page_end(r, 200);
	buf_release(&url);
}

int
h_login_page(struct request *r)
{
	if (r->who.id > 0)
		signed_in(r);
	else
		login_form(r, 200, NULL);
	return 0;
}

int
h_login_post(struct request *r)
{
	struct buf handle = BUF_INIT, password = BUF_INIT;
	struct okra_err err = {0};
	struct app_session s = {0};
	struct person who = {0};
	const char *type = req_header(r, "Content-Type");

	if (!type || strncmp(type, "application/x-www-form-urlencoded", 33)) {
		reply_problem(r, 415, "send the form as application/x-www-form-urlencoded", NULL);
		goto out;
	}
	if (form_get(r->body.buf, "handle", &handle) < 0 ||
	    form_get(r->body.buf, "password", &password) < 0) {
		login_form(r, 400, "The form could not be read; please try again.");
		goto out;
	}
	if (http_login(r, handle.buf, password.buf, &s, &who, &err) < 0) {
		/* Show the form again with the reason; the rate limit's 429 keeps its status. */
		int status = r->status;
		struct okra_err ignore = {0};

		login_form(r, status == 429 ? 429 : 403,
			   status == 429 ? "Too many failed sign-ins: wait a few minutes."
			   : app_oidc_password_allowed(r->app, handle.buf, &ignore) < 0
				   ? "Passwords are turned off: use the single sign-on button."
				   : "Wrong handle or password.");
		goto out;
	}
	reply_header(r, "Location", "/");
	reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
out:
	buf_release(&handle);
	buf_release(&password);
	return 0;
}

/*
 * Signed out of okra; on to the provider's end-session endpoint. Not a 303: the sign-out
 * form's page allows forms to go only to okra (form-action 'self'), which a browser applies
 * to the form's redirects too. A Refresh is a navigation of its own; the link is for anyone
 * whose browser does not follow it.
 */
static void
provider_sign_out(struct request *r, const char *end)
{
	struct buf refresh = BUF_INIT, *b = &r->out;

	reply_header(r, "Set-Cookie", SSO_VIA_COOKIE "=; Path=/; HttpOnly; Max-Age=0");
	buf_adds(&refresh, "0; url=");
	buf_adds(&refresh, end);
	reply_header(r, "Refresh", refresh.buf);
	r->who = (struct person){0};
	page_begin(r, "Signed out", NULL);
	buf_adds(b,
		 "<h1>You are signed out of okra</h1>\n<p>Now signing you out of the identity "
		 "provider too. If nothing happens, <a href=\"");
	html_attr(b, end);
	buf_adds(b, "\">continue to the identity provider</a>.</p>\n");
	page_end(r, 200);
	buf_release(&refresh);
}

int
h_logout_post(struct request *r)
{
	struct okra_err err = {0};
	const char *cookie = req_cookie(r, auth_cookie_name(r->cfg));

	struct buf back = BUF_INIT, end = BUF_INIT;
	const char *via = req_cookie(r, SSO_VIA_COOKIE);

	if (r->auth == AUTH_SESSION && cookie)
		app_logout(r->app, cookie, &err);
	set_session_cookie(r, "", 0);
	/* Signed in through the provider: its end-session endpoint signs them out there too. */
	app_setting_text(r->app, "base_url", &back, &err);
	while (back.len && back.buf[back.len - 1] == '/')
		back.buf[--back.len] = '\0';
	buf_adds(&back, "/login");
	if (via && !strcmp(via, "1") && sso_end_session_url(r->app, back.buf, &end)) {
		provider_sign_out(r, end.buf);
	} else {
		reply_header(r, "Location", "/login");
		reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
	}
	buf_release(&back);
	buf_release(&end);
	return 0;
}
