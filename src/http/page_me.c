/* page_me.c: /me — my password (the current one required), my sessions (sign out everywhere
 * else) and my API tokens (made with a name and shown once; revoked).
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/auth.h"

/* The refusal of the form named name, or NULL. */
static const struct okra_err *
refused(const struct refused_form *f, const char *name)
{
	return f && f->form && !strcmp(f->form, name) ? f->err : NULL;
}

static void
password_form(struct request *r, const struct refused_form *fr)
{
	struct form f = {
		.r = r, .err = refused(fr, "password"), .action = "/me/password", .id = "password"};

	form_open(&f);
	buf_adds(&r->out, "<h2>Password</h2>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_PASSWORD,
					    .name = "current_password",
					    .id = "current-password",
					    .label = "Current password",
					    .autocomplete = "current-password",
					    .required = 1});
	form_field(&f,
		   &(struct form_field){.type = FIELD_PASSWORD,
					.name = "password",
					.id = "new-password",
					.label = "New password",
					.hint = "At least 10 characters. Every other session ends.",
					.autocomplete = "new-password",
					.required = 1});
	buf_adds(&r->out, "<button type=\"submit\">Change password</button>\n");
	form_close(&f);
}

/* An instant as "YYYY-MM-DD HH:MM UTC", or "never". */
static void
when(struct buf *b, int64_t t)
{
	char s[21];

	if (!t) {
		buf_adds(b, "never");
		return;
	}
	cal_format_instant(t, s);
	s[10] = ' ';
	s[16] = '\0';
	html_txt(b, s);
	buf_adds(b, " UTC");
}

static void
sessions_part(struct request *r, const struct refused_form *fr)
{
	struct okra_err err = {0};
	struct app_session_info *v = NULL;
	struct form f = {.r = r,
			 .err = refused(fr, "sessions"),
			 .action = "/me/sessions/end",
			 .id = "sessions"};
	struct buf *b = &r->out;
	size_t n = 0;

	buf_adds(b, "<h2>Sessions</h2>\n");
	if (app_sessions(r->app, &r->arena, NULL, r->session.token, &v, &n, &err) < 0)
		return;
	buf_adds(b,
		 "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Sessions\">"
		 "<table>\n<thead><tr><th scope=\"col\">Signed in</th>"
		 "<th scope=\"col\">Last seen</th><th "
		 "scope=\"col\">Browser</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<tr><td class=\"num\">");
		when(b, v[i].created_at);
		buf_adds(b, "</td><td class=\"num\">");
		when(b, v[i].seen_at);
		buf_adds(b,
			 v[i].current ? "</td><td>This one</td></tr>\n" : "</td><td></td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	form_open(&f);
	form_top(&f);
	buf_adds(b, "<button type=\"submit\">Sign out everywhere else</button>\n");
	form_close(&f);
}

static void
revoke_button(struct request *r, const struct token_row *t, const struct refused_form *fr)
{
	char action[64], id[32];
	struct form f = {.r = r, .cls = "inline no-print"};

	snprintf(action, sizeof(action), "/me/tokens/%" PRId64 "/revoke", t->id);
	snprintf(id, sizeof(id), "revoke-%" PRId64, t->id);
	f.action = action;
	f.id = id;
	f.err = refused(fr, id);
	form_open(&f);
	form_top(&f);
	buf_adds(&r->out, "<button type=\"submit\" class=\"small\">Revoke ");
	html_txt(&r->out, *t->name ? t->name : "this token");
	buf_adds(&r->out, "</button>");
	form_close(&f);
}

static void
tokens_table(struct request *r, struct token_row *v, size_t n, const struct refused_form *fr)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"API tokens\">"
		 "<table>\n<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Made</th>"
		 "<th scope=\"col\">Last used</th><th "
		 "scope=\"col\">State</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, "<tr><td>");
		html_txt(b, *v[i].name ? v[i].name : "(no name)");
		buf_adds(b, "</td><td class=\"num\">");
		when(b, v[i].created_at);
		buf_adds(b, "</td><td class=\"num\">");
		when(b, v[i].last_used_at);
		buf_adds(b, "</td><td>");
		if (v[i].revoked_at)
			buf_adds(b, "Revoked");
		else
			revoke_button(r, &v[i], fr);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

static void
tokens_part(struct request *r, const struct refused_form *fr, const char *made)
{
	struct okra_err err = {0};
	struct token_row *v = NULL;
	struct form f = {
		.r = r, .err = refused(fr, "token"), .action = "/me/tokens", .id = "token"};
	size_t n = 0;

	buf_adds(&r->out, "<h2>API tokens</h2>\n");
	if (made) {
		buf_adds(&r->out,
			 "<div class=\"notice\" role=\"status\"><p>Your new token, shown "
			 "this once: copy it now.</p>\n<p><code id=\"new-token\">");
		html_txt(&r->out, made);
		buf_adds(&r->out, "</code></p></div>\n");
	}
	if (app_token_list(r->app, NULL, 0, &v, &n, &err) == 0 && n)
		tokens_table(r, v, n, fr);
	for (size_t i = 0; i < n; i++)
		token_row_release(&v[i]);
	free(v);
	form_open(&f);
	buf_adds(&r->out, "<h3>New token</h3>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "name",
					    .id = "token-name",
					    .label = "Name",
					    .hint = "What a script uses it for",
					    .autocomplete = "off"});
	buf_adds(&r->out, "<button type=\"submit\">Make a token</button>\n");
	form_close(&f);
}

int
me_page(struct request *r, const struct refused_form *f, int status, const char *made)
{
	struct buf *b = &r->out;

	page_begin(r, "My account", "me");
	buf_adds(b, "<h1>My account</h1>\n<p class=\"sub\">");
	html_txt(b, r->who.name);
	buf_adds(b, " · ");
	html_txt(b, r->who.handle);
	buf_adds(b, " · ");
	html_txt(b, role_name(r->who.role));
	buf_adds(b, "</p>\n");
	page_me_notices(r, !f && !made && status == 200);
	password_form(r, f);
	sessions_part(r, f);
	tokens_part(r, f, made);
	reply_header(r, "Cache-Control", "no-store");
	return page_end(r, status);
}

int
h_page_me(struct request *r)
{
	return me_page(r, NULL, 200, NULL);
}
