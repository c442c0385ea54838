/* page_setup.c: /setup/{token} — the first run's one-time page: the company's calendar, the year
 * holding today and the first admin, made in one step and signed in (app/setup.h).
 */
#include "http/page.h"

#include <sodium.h>
#include <string.h>

#include "http/auth.h"
#include "http/handler.h"
#include "http/http.h"
#include "http/log.h"
#include "util/html.h"
#include "app/setup.h"

static const struct form_option months[12] = {
	{"1", "January"},   {"2", "February"}, {"3", "March"},     {"4", "April"},
	{"5", "May"},       {"6", "June"},     {"7", "July"},      {"8", "August"},
	{"9", "September"}, {"10", "October"}, {"11", "November"}, {"12", "December"},
};
static const struct form_option weekdays[7] = {
	{"Monday", "Monday"},     {"Tuesday", "Tuesday"}, {"Wednesday", "Wednesday"},
	{"Thursday", "Thursday"}, {"Friday", "Friday"},   {"Saturday", "Saturday"},
	{"Sunday", "Sunday"},
};

/* The link does not work (wrong, used, expired) or the company is set up: a page that says so. */
static int
refused_link(struct request *r, int rc, const struct okra_err *err)
{
	int status = rc == OKRA_ESTATE ? 409 : rc == OKRA_ENOTFOUND ? 404 : form_status(rc);

	page_begin(r, "Setup link refused", NULL);
	buf_adds(&r->out, "<h1>This setup link does not work</h1>\n<p>");
	html_txt(&r->out, okra_err_text(err));
	buf_adds(&r->out,
		 ".</p>\n<p>While nobody can sign in, <code>okra serve</code> prints a new link "
		 "each time it starts. Once the company is set up, <a href=\"/login\">sign "
		 "in</a>.</p>\n");
	return page_end(r, status);
}

static void
calendar_fields(struct form *f)
{
	buf_adds(&f->r->out, "<h2>The company's calendar</h2>\n");
	form_field(f, &(struct form_field){.type = FIELD_SELECT,
					   .name = "fiscal_year_first_month",
					   .label = "The fiscal year starts in",
					   .hint = "The year and its four quarters holding today "
						   "are planned from it (FY2027 is the year "
						   "that ends in 2027)",
					   .options = months,
					   .noptions = 12,
					   .value = "1"});
	form_field(f, &(struct form_field){.type = FIELD_SELECT,
					   .name = "update_weekday",
					   .label = "Updates are due on",
					   .options = weekdays,
					   .noptions = 7,
					   .value = "Wednesday"});
}

static void
admin_fields(struct form *f)
{
	buf_adds(&f->r->out, "<h2>You, the first admin</h2>\n");
	form_field(f,
		   &(struct form_field){.type = FIELD_TEXT,
					.name = "handle",
					.label = "Handle",
					.hint = "Lower-case letters, digits, . _ and -: you sign "
						"in with it",
					.autocomplete = "username",
					.required = 1});
	form_field(f, &(struct form_field){
			      .type = FIELD_TEXT, .name = "name", .label = "Name", .required = 1});
	form_field(f, &(struct form_field){.type = FIELD_TEXT,
					   .name = "email",
					   .label = "E-mail",
					   .autocomplete = "email",
					   .required = 1});
	form_field(f, &(struct form_field){.type = FIELD_PASSWORD,
					   .name = "password",
					   .label = "Password",
					   .hint = "At least 10 characters",
					   .autocomplete = "new-password",
					   .required = 1});
}

static int
setup_page(struct request *r, const struct okra_err *refused, int status)
{
	struct buf url = BUF_INIT;
	struct form f = {.r = r, .err = refused, .id = "setup", .cls = "panel"};

	buf_adds(&url, "/setup/");
	url_enc(&url, r->params[0]);
	f.action = url.buf;
	page_begin(r, "Set up okra", NULL);
	buf_adds(&r->out,
		 "<h1>Set up okra</h1>\n<p>Nobody can sign in yet. This page makes the company "
		 "and you its first admin, then signs you in. Its link works once, for an "
		 "hour.</p>\n");
	form_open(&f);
	form_top(&f);
	calendar_fields(&f);
	admin_fields(&f);
	buf_adds(&r->out, "<p><button type=\"submit\">Set up the company</button></p>\n");
	form_close(&f);
	buf_release(&url);
	return page_end(r, status);
}

int
h_setup_page(struct request *r)
{
	struct okra_err err = {0};
	int rc;

	if ((rc = app_setup_check(r->app, r->params[0], &err)) < 0)
		return refused_link(r, rc, &err);
	return setup_page(r, NULL, 200);
}

int
h_setup_post(struct request *r)
{
	struct buf v[6] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	static const char *const names[6] = {
		"fiscal_year_first_month", "update_weekday", "handle", "name", "email", "password"};
	struct okra_err err = {0};
	struct app_session s = {0};
	struct setup_input in;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	for (int i = 0; i < 6; i++)
		page_form(r, names[i], &v[i]);
	in = (struct setup_input){v[0].buf, v[1].buf, v[2].buf, v[3].buf,
				  v[4].buf, v[5].buf, v[5].len};
	rc = app_setup_company(r->app, r->params[0], &in, &s, &err);
	if (rc < 0 && !strcmp(err.field, "token"))
		refused_link(r, rc, &err);
	else if (rc < 0)
		setup_page(r, &err, form_status(rc));
	else {
		set_session_cookie(r, s.token, r->app->session_max);
		page_redirect(r, "/");
	}
	sodium_memzero(v[5].buf, v[5].len);
	sodium_memzero(&s, sizeof(s));
	for (int i = 0; i < 6; i++)
		buf_release(&v[i]);
	return 0;
}

/*
 * The first run: while nobody can sign in, a one-time link to set up the company (app/setup.h),
 * made once the server listens (a refused start writes nothing) and printed with its address.
 */
void
page_setup_link(const struct server_config *cfg, unsigned port)
{
	char token[APP_SECRET_LEN + 1] = "";
	struct okra_err err = {0};
	int needed = 0, made = 0;
	struct app a;

	if (app_open(&a, cfg->db, &err) < 0)
		return;
	if (app_setup_needed(&a, &needed, &err) == 0 && needed &&
	    app_setup_link(&a, token, &made, &err) == 0 && made)
		http_log(
			"okra: nobody can sign in yet: set up the company at http://%s:%u/setup/%s "
			"(the link works once, for an hour)",
			cfg->host, port, token);
	else if (err.code)
		http_log("okra: no setup link: %s", err.msg);
	sodium_memzero(token, sizeof(token));
	app_close(&a);
}
