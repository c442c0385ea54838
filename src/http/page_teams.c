/* page_teams.c: /teams — every team with its members, and admins' form to create one — and
 * /teams/{slug}/manage, where an admin renames a team and adds and takes out members.
 */
#include "http/page.h"

#include <stdlib.h>
#include <string.h>

#include "http/handler.h"
#include "util/html.h"
#include "app/reads.h"

/* The refusal of the form named name, or NULL. */
static const struct okra_err *
refused(const struct refused_form *f, const char *name)
{
	return f && f->form && !strcmp(f->form, name) ? f->err : NULL;
}

/* "/teams/SLUG/what" into url. */
static void
team_action(struct buf *url, const char *slug, const char *what)
{
	buf_reset(url);
	page_url_team(url, slug);
	buf_addf(url, "/%s", what);
}

static void
members_links(struct buf *b, const struct strlist *m)
{
	struct buf url = BUF_INIT;

	for (size_t i = 0; i < m->n; i++) {
		buf_adds(b, i ? ", " : "");
		buf_reset(&url);
		page_url_person(&url, m->v[i]);
		page_link(b, url.buf, m->v[i]);
	}
	if (!m->n)
		buf_adds(b, "<span class=\"muted\">nobody yet</span>");
	buf_release(&url);
}

static void
teams_table(struct request *r, const struct team *v, size_t n)
{
	struct okra_err err = {0};
	struct strlist handles = {0};
	struct buf *b = &r->out, url = BUF_INIT;
	int64_t *mt = NULL;

	app_memberships(r->app, &mt, &handles, &err);
	buf_adds(b,
		 "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Teams\">"
		 "<table>\n<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">Slug</th>"
		 "<th scope=\"col\">Members</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		struct strlist m = {0};

		for (size_t k = 0; k < handles.n; k++)
			if (mt[k] == v[i].id)
				strlist_push(&m, handles.v[k]);
		buf_adds(b, "<tr><td>");
		buf_reset(&url);
		page_url_team(&url, v[i].slug);
		page_link(b, url.buf, v[i].name);
		if (r->who.role == ROLE_ADMIN) {
			team_action(&url, v[i].slug, "manage");
			buf_adds(b, " · ");
			page_link(b, url.buf, "Manage");
		}
		buf_adds(b, "</td><td>");
		html_txt(b, v[i].slug);
		buf_adds(b, "</td><td>");
		members_links(b, &m);
		buf_adds(b, "</td></tr>\n");
		strlist_release(&m);
	}
	buf_adds(b, "</tbody></table></div>\n");
	if (!n)
		buf_adds(b, "<p class=\"muted\">No teams yet.</p>\n");
	free(mt);
	strlist_release(&handles);
	buf_release(&url);
}

static void
create_form(struct request *r, const struct okra_err *refused)
{
	struct form f = {.r = r, .err = refused, .action = "/teams", .id = "create"};

	form_open(&f);
	buf_adds(&r->out, "<h2>Create a team</h2>\n");
	form_top(&f);
	form_field(&f,
		   &(struct form_field){.type = FIELD_TEXT,
					.name = "slug",
					.label = "Slug",
					.hint = "Lower-case letters, digits, . _ and -: in URLs",
					.required = 1,
					.autocomplete = "off"});
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "name",
					    .label = "Name",
					    .required = 1,
					    .autocomplete = "off"});
	buf_adds(&r->out, "<button type=\"submit\">Create</button>\n");
	form_close(&f);
}

int
teams_page(struct request *r, const struct okra_err *refused, int status)
{
	struct okra_err err = {0};
	struct team *v = NULL;
	size_t n = 0;

	if (app_teams(r->app, &r->arena, &v, &n, &err) < 0)
		return page_error(r, 503, "Try again", err.msg);
	page_begin(r, "Teams", "teams");
	buf_adds(&r->out, "<h1>Teams</h1>\n");
	teams_table(r, v, n);
	if (r->who.role == ROLE_ADMIN)
		create_form(r, refused);
	return page_end(r, status);
}

int
h_page_teams(struct request *r)
{
	return teams_page(r, NULL, 200);
}

static void
rename_form(struct request *r, const struct team *t, const struct refused_form *fr, struct buf *url)
{
	struct form f = {.r = r, .err = refused(fr, "rename"), .id = "rename"};

	team_action(url, t->slug, "rename");
	f.action = url->buf;
	form_open(&f);
	buf_adds(&r->out, "<h2>Rename</h2>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "name",
					    .id = "team-name",
					    .label = "Name",
					    .value = t->name,
					    .required = 1});
	buf_adds(&r->out, "<button type=\"submit\">Rename</button>\n");
	form_close(&f);
}

/* Each member with a button that takes them out. */
static void
members_forms(struct request *r, const struct team *t, const struct strlist *m,
	      const struct refused_form *fr, struct buf *url)
{
	struct buf *b = &r->out, what = BUF_INIT, id = BUF_INIT;

	buf_adds(b, "<h2>Members</h2>\n");
	if (fr && fr->form && !strncmp(fr->form, "remove-", 7) && fr->err) {
		buf_adds(b, "<p class=\"notice bad\" role=\"alert\">");
		html_txt(b, fr->err->msg);
		buf_adds(b, "</p>\n");
	}
	if (!m->n)
		buf_adds(b, "<p class=\"muted\">Nobody yet.</p>\n");
	buf_adds(b, "<ul class=\"members\">\n");
	for (size_t i = 0; i < m->n; i++) {
		struct form f = {.r = r, .cls = "inline no-print"};

		buf_reset(&what);
		buf_adds(&what, "members/");
		url_enc(&what, m->v[i]);
		buf_adds(&what, "/remove");
		team_action(url, t->slug, what.buf);
		buf_reset(&id);
		buf_addf(&id, "remove-%s", m->v[i]);
		f.action = url->buf;
		f.id = id.buf;
		buf_adds(b, "<li>");
		html_txt(b, m->v[i]);
		buf_adds(b, " ");
		form_open(&f);
		buf_adds(b, "<button type=\"submit\" class=\"small\">Take out ");
		html_txt(b, m->v[i]);
		buf_adds(b, "</button>");
		form_close(&f);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
	buf_release(&what);
	buf_release(&id);
}

static void
add_member_form(struct request *r, const struct team *t, const struct strlist *m,
		const struct refused_form *fr, struct buf *url)
{
	struct form f = {.r = r, .err = refused(fr, "add-member"), .id = "add-member"};
	struct okra_err err = {0};
	struct person *v = NULL;
	struct form_option *o;
	size_t n = 0, k = 0;

	if (app_people(r->app, &r->arena, &v, &n, &err) < 0)
		return;
	o = arena_calloc(&r->arena, n ? n : 1, sizeof(*o));
	for (size_t i = 0; i < n; i++) {
		int in = 0;

		for (size_t j = 0; j < m->n; j++)
			in |= !strcmp(m->v[j], v[i].handle);
		if (!in && !v[i].deactivated_at) {
			o[k].value = v[i].handle;
			o[k++].label = arena_sprintf(&r->arena, "%s (%s)", v[i].name, v[i].handle);
		}
	}
	team_action(url, t->slug, "members");
	f.action = url->buf;
	form_open(&f);
	buf_adds(&r->out, "<h2>Add a member</h2>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_SELECT,
					    .name = "handle",
					    .id = "member-handle",
					    .label = "Person",
					    .options = o,
					    .noptions = k,
					    .value = ""});
	buf_adds(&r->out, "<button type=\"submit\">Add</button>\n");
	form_close(&f);
}

int
team_manage_page(struct request *r, const char *slug, const struct refused_form *f, int status)
{
	struct okra_err err = {0};
	struct strlist m = {0};
	struct team t = {0};
	struct buf url = BUF_INIT;

	if (r->who.role != ROLE_ADMIN)
		return page_error(r, 403, "Not allowed", "Only admins manage teams.");
	if (app_team(r->app, &r->arena, slug, &t, &err) < 0)
		return page_error(r, 404, "No such team", "There is no team with that name.");
	app_team_members(r->app, t.id, &m, &err);
	page_begin(r, t.name, "teams");
	buf_adds(&r->out, "<h1>");
	html_txt(&r->out, t.name);
	buf_adds(&r->out, "</h1>\n<p class=\"sub\">");
	page_url_team(&url, t.slug);
	page_link(&r->out, url.buf, "The team's OKRs");
	buf_adds(&r->out, "</p>\n");
	rename_form(r, &t, f, &url);
	members_forms(r, &t, &m, f, &url);
	add_member_form(r, &t, &m, f, &url);
	strlist_release(&m);
	buf_release(&url);
	return page_end(r, status);
}

int
h_page_team_manage(struct request *r)
{
	return team_manage_page(r, r->params[0], NULL, 200);
}
