/* page_people.c: /people — everyone with their role, teams, join date and onboarding state,
 * searchable; admins add a person here.
 */
#include "http/page.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/calendar.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/reads.h"

const struct form_option page_role_options[PAGE_NROLES] = {
	{"member", "Member"}, {"leader", "Leader"}, {"admin", "Admin"}, {"viewer", "Viewer"}};

/* 1 when q (ASCII, any case) is in the handle or the name; an empty q finds everyone. */
static int
matches(const struct person *p, const char *q)
{
	size_t n = q ? strlen(q) : 0;

	if (!n)
		return 1;
	for (const char *s = p->handle; *s; s++)
		if (!strncasecmp(s, q, n))
			return 1;
	for (const char *s = p->name; *s; s++)
		if (!strncasecmp(s, q, n))
			return 1;
	return 0;
}

/* Their teams as links, from every membership read once. */
static void
teams_cell(struct buf *b, const struct person *p, const struct team *teams, size_t nt,
	   const int64_t *mt, const struct strlist *handles)
{
	struct buf url = BUF_INIT;
	int any = 0;

	for (size_t i = 0; i < nt; i++)
		for (size_t k = 0; k < handles->n; k++) {
			if (mt[k] != teams[i].id || strcmp(handles->v[k], p->handle))
				continue;
			buf_adds(b, any++ ? ", " : "");
			buf_reset(&url);
			page_url_team(&url, teams[i].slug);
			page_link(b, url.buf, teams[i].name);
		}
	buf_release(&url);
}

/* Active, onboarding until D (R4), or deactivated. */
static void
state_cell(struct buf *b, const struct person *p, int32_t today)
{
	char d[11];

	if (p->deactivated_at) {
		buf_adds(b, "<span class=\"tag\">Deactivated</span>");
	} else if (cal_is_new_joiner(p->joined_on, today)) {
		cal_format_date(cal_onboarding_ends(p->joined_on), d);
		buf_addf(b, "Onboarding until %s", d);
	} else {
		buf_adds(b, "Active");
	}
}

static void
people_table(struct request *r, const struct person *v, size_t n, const char *q)
{
	struct okra_err err = {0};
	struct team *teams = NULL;
	struct strlist handles = {0};
	int64_t *mt = NULL;
	size_t nt = 0, shown = 0;
	struct buf *b = &r->out, url = BUF_INIT;
	char d[11];

	app_teams(r->app, &r->arena, &teams, &nt, &err);
	app_memberships(r->app, &mt, &handles, &err);
	buf_adds(b,
		 "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
		 "aria-label=\"People\"><table>\n"
		 "<thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Handle</th>"
		 "<th scope=\"col\">Role</th><th scope=\"col\">Teams</th>"
		 "<th scope=\"col\">Joined</th><th "
		 "scope=\"col\">State</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		if (!matches(&v[i], q))
			continue;
		shown++;
		buf_adds(b, "<tr><td>");
		buf_reset(&url);
		page_url_person(&url, v[i].handle);
		page_link(b, url.buf, v[i].name);
		buf_adds(b, "</td><td>");
		html_txt(b, v[i].handle);
		buf_adds(b, "</td><td>");
		html_txt(b, role_name(v[i].role));
		buf_adds(b, "</td><td>");
		teams_cell(b, &v[i], teams, nt, mt, &handles);
		buf_adds(b, "</td><td class=\"num\">");
		if (v[i].joined_on != DATE_NONE) {
			cal_format_date(v[i].joined_on, d);
			html_txt(b, d);
		}
		buf_adds(b, "</td><td>");
		state_cell(b, &v[i], r->app->today);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	if (!shown)
		buf_adds(b, "<p class=\"muted\">Nobody matches.</p>\n");
	free(mt);
	strlist_release(&handles);
	buf_release(&url);
}

/* The search: a GET form, so a result has its own URL. */
static void
search_form(struct request *r, const char *q)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<form class=\"filters no-print\" method=\"get\" action=\"/people\" "
		 "role=\"search\">\n<div><label for=\"q\">Name or handle</label>"
		 "<input type=\"search\" id=\"q\" name=\"q\" value=\"");
	html_attr(b, q ? q : "");
	buf_adds(b, "\"></div>\n<div><button type=\"submit\">Find</button></div>\n</form>\n");
}

static void
add_form(struct request *r, const struct okra_err *refused)
{
	struct form f = {.r = r, .err = refused, .action = "/people", .id = "add"};

	form_open(&f);
	buf_adds(&r->out, "<h2>Add a person</h2>\n");
	form_top(&f);
	form_field(&f,
		   &(struct form_field){
			   .type = FIELD_TEXT,
			   .name = "handle",
			   .label = "Handle",
			   .hint = "Lower-case letters, digits, . _ and -: what they sign in with",
			   .required = 1,
			   .autocomplete = "off"});
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "name",
					    .label = "Name",
					    .required = 1,
					    .autocomplete = "off"});
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "email",
					    .label = "E-mail",
					    .autocomplete = "off"});
	form_field(&f, &(struct form_field){.type = FIELD_SELECT,
					    .name = "role",
					    .label = "Role",
					    .value = "member",
					    .options = page_role_options,
					    .noptions = PAGE_NROLES});
	form_field(&f,
		   &(struct form_field){.type = FIELD_DATE,
					.name = "joined_on",
					.id = "joined",
					.label = "Joined on",
					.hint = "New joiners sit out OKRs for three months (R4)"});
	buf_adds(&r->out, "<button type=\"submit\">Add</button>\n");
	form_close(&f);
}

int
people_page(struct request *r, const struct okra_err *refused, int status)
{
	struct okra_err err = {0};
	struct person *v = NULL;
	const char *q = req_query(r, "q");
	size_t n = 0;
	int rc;

	if ((rc = app_people(r->app, &r->arena, &v, &n, &err)) < 0)
		return page_error(r, 503, "Try again", err.msg);
	page_begin(r, "People", "people");
	buf_adds(&r->out, "<h1>People</h1>\n");
	search_form(r, q);
	people_table(r, v, n, q);
	if (r->who.role == ROLE_ADMIN)
		add_form(r, refused);
	return page_end(r, status);
}

int
h_page_people(struct request *r)
{
	return people_page(r, NULL, 200);
}
