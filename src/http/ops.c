/* ops.c: /healthz, /metrics, /openapi.json, the sign-in page and the home page. */
#include "http/http_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/html.h"

/* Generated at build time from docs/openapi.json (scripts/embed). */
extern const char openapi_json[];
extern const unsigned long openapi_json_len;

int
h_healthz(struct request *r)
{
	struct okra_err err = {0};
	int64_t rev;

	/* Ready means the store answers a query, not just that the process is up. */
	if (app_revision(r->app, &rev, &err) < 0)
		return reply_problem(r, 503, "the store does not answer", NULL);
	return reply_json(r, 200, json_pack("{ss sI}", "status", "ok", "revision", (json_int_t)rev));
}

int
h_metrics(struct request *r)
{
	return metrics_render(r);
}

int
h_openapi(struct request *r)
{
	return reply_text(r, 200, "application/json", openapi_json, openapi_json_len);
}

static void
page_start(struct buf *b, const char *title)
{
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>");
	html_txt(b, title);
	buf_adds(b, " · okra</title></head><body>\n");
}

static void
login_form(struct request *r, int status, const char *handle, const char *error)
{
	struct buf *b = &r->out;

	buf_reset(b);
	page_start(b, "Sign in");
	buf_adds(b, "<main><h1>Sign in to okra</h1>\n");
	if (error) {
		buf_adds(b, "<p role=\"alert\">");
		html_txt(b, error);
		buf_adds(b, "</p>\n");
	}
	buf_adds(b, "<form method=\"post\" action=\"/login\">\n"
		    "<p><label for=\"handle\">Handle</label>\n"
		    "<input id=\"handle\" name=\"handle\" autocomplete=\"username\" required value=\"");
	html_attr(b, handle ? handle : "");
	buf_adds(b, "\"></p>\n<p><label for=\"password\">Password</label>\n"
		    "<input id=\"password\" name=\"password\" type=\"password\" "
		    "autocomplete=\"current-password\" required></p>\n"
		    "<p><button type=\"submit\">Sign in</button></p>\n</form></main>\n"
		    "</body></html>\n");
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
}

int
h_login_page(struct request *r)
{
	login_form(r, 200, NULL, NULL);
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
		login_form(r, 400, NULL, "The form could not be read; please try again.");
		goto out;
	}
	if (http_login(r, handle.buf, password.buf, &s, &who, &err) < 0) {
		/* Show the form again with the reason; the rate limit's 429 keeps its status. */
		int status = r->status;

		login_form(r, status == 429 ? 429 : 403, handle.buf,
			   status == 429 ? "Too many failed sign-ins: wait a few minutes."
					 : "Wrong handle or password.");
		goto out;
	}
	reply_header(r, "Location", "/");
	reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
out:
	person_release(&who);
	buf_release(&handle);
	buf_release(&password);
	return 0;
}

int
h_logout_post(struct request *r)
{
	struct okra_err err = {0};
	const char *cookie = req_cookie(r, auth_cookie_name(r->cfg));

	if (r->auth == AUTH_SESSION && cookie)
		app_logout(r->app, cookie, &err);
	set_session_cookie(r, "", 0);
	reply_header(r, "Location", "/login");
	return reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
}

static void
tree_list(struct buf *b, const struct app_tree *t, size_t idx)
{
	const struct objective *o = &t->v[idx];

	buf_addf(b, "<li><a href=\"/api/v1/objectives/%lld\">", (long long)o->id);
	html_txt(b, o->title);
	buf_addf(b, "</a> — %.0f%% · ", o->progress * 100);
	html_txt(b, health_name(o->health));
	buf_adds(b, " · ");
	html_txt(b, o->dri_handle);
	if (o->nchildren) {
		buf_adds(b, "<ul>");
		for (size_t i = 0; i < o->nchildren; i++)
			tree_list(b, t, o->children[i]);
		buf_adds(b, "</ul>");
	}
	buf_adds(b, "</li>\n");
}

/* Until the web pages arrive: who you are, the current quarter, and the way out. */
int
h_home(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct buf *b = &r->out;

	if (!r->who.id) {
		reply_header(r, "Location", "/login");
		return reply_text(r, 303, "text/plain; charset=utf-8", "", 0);
	}
	buf_reset(b);
	page_start(b, "OKRs");
	buf_adds(b, "<main><p>Signed in as ");
	html_txt(b, r->who.name);
	buf_adds(b, ".</p>\n");
	if (app_tree(r->app, NULL, &t, &err) < 0) {
		buf_adds(b, "<p>");
		html_txt(b, err.msg);
		buf_adds(b, "</p>\n");
	} else {
		buf_adds(b, "<h1>");
		html_txt(b, t.cycle.name);
		buf_adds(b, "</h1>\n<ul>\n");
		for (size_t i = 0; i < t.nroots; i++)
			tree_list(b, &t, t.roots[i]);
		buf_adds(b, "</ul>\n");
	}
	app_tree_release(&t);
	buf_adds(b, "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" "
		    "name=\"_csrf\" value=\"");
	html_attr(b, r->session.csrf);
	buf_adds(b, "\"><button type=\"submit\">Sign out</button></form></main></body></html>\n");
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	return 0;
}
