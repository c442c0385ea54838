/* page_tree_filters.c: the tree page's filter form and the links that download the view. */
#include "http/page.h"

#include <string.h>

#include "core/calendar.h"
#include "core/present.h"
#include "http/tree_view.h"
#include "util/html.h"
#include "app/reads.h"

static const enum health healths[] = {HEALTH_ON_TRACK, HEALTH_NEEDS_ATTENTION, HEALTH_AT_RISK};

/* A checkbox sending name=value, ticked when on. */
static void
check(struct buf *b, const char *id, const char *name, const char *value, const char *label, int on)
{
	buf_adds(b, "<div class=\"check\"><input type=\"checkbox\" id=\"");
	html_attr(b, id);
	buf_adds(b, "\" name=\"");
	html_attr(b, name);
	buf_adds(b, "\" value=\"");
	html_attr(b, value);
	buf_adds(b, on ? "\" checked><label for=\"" : "\"><label for=\"");
	html_attr(b, id);
	buf_adds(b, "\">");
	html_txt(b, label);
	buf_adds(b, "</label></div>\n");
}

static void
cycle_team(struct request *r, const struct app_tree *t, const char *team)
{
	struct okra_err err = {0};
	struct cycle *cycles = NULL;
	struct team *teams = NULL;
	size_t nc = 0, nt = 0;
	struct buf *b = &r->out;

	app_cycles(r->app, &r->arena, &cycles, &nc, &err);
	app_teams(r->app, &r->arena, &teams, &nt, &err);
	buf_adds(b,
		 "<div><label for=\"cycle\">Cycle</label><select id=\"cycle\" name=\"cycle\">\n");
	for (size_t i = 0; i < nc; i++)
		page_option(b, cycles[i].name, cycles[i].name, t->cycle.id == cycles[i].id);
	buf_adds(b,
		 "</select></div>\n<div><label for=\"team\">Team</label>"
		 "<select id=\"team\" name=\"team\">\n<option value=\"\">Every team</option>\n");
	for (size_t i = 0; i < nt; i++)
		page_option(b, teams[i].slug, teams[i].name, team && !strcmp(team, teams[i].slug));
	buf_adds(b, "</select></div>\n");
}

static void
as_of_person(struct request *r, const struct app_tree *t)
{
	struct okra_err err = {0};
	struct person *people = NULL;
	size_t np = 0;
	struct buf *b = &r->out;
	const char *person = req_query(r, "person");
	char day[11];

	buf_adds(b,
		 "<div><label for=\"as_of\">As of</label>"
		 "<input type=\"date\" id=\"as_of\" name=\"as_of\" value=\"");
	if (t->has_as_of) {
		cal_format_date(t->as_of, day);
		html_attr(b, day);
	}
	cal_format_date(r->app->today, day);
	buf_adds(b, "\" max=\"");
	html_attr(b, day);
	buf_adds(b,
		 "\"></div>\n<div><label for=\"person\">Person</label>"
		 "<select id=\"person\" name=\"person\">\n<option value=\"\">Anyone</option>\n");
	app_people(r->app, &r->arena, &people, &np, &err);
	for (size_t i = 0; i < np; i++)
		page_option(b, people[i].handle, people[i].handle,
			    person && !strcmp(person, people[i].handle));
	buf_adds(b, "</select></div>\n");
}

void
tree_view_form(struct request *r, const struct app_tree *t, const struct tree_filter *f,
	       const char *team)
{
	const char *mine = req_query(r, "mine");
	struct buf *b = &r->out;

	buf_adds(b, "<form class=\"filters no-print\" method=\"get\" action=\"/\">\n");
	cycle_team(r, t, team);
	as_of_person(r, t);
	buf_adds(b, "<fieldset class=\"checks\"><legend>Health</legend>\n");
	for (size_t i = 0; i < sizeof(healths) / sizeof(*healths); i++) {
		char id[32];

		snprintf(id, sizeof(id), "health-%s", health_name(healths[i]));
		check(b, id, "health", health_name(healths[i]), present_health_label(healths[i]),
		      (f->health & (1u << healths[i])) != 0);
	}
	buf_adds(b, "</fieldset>\n<fieldset class=\"checks\"><legend>Show only</legend>\n");
	check(b, "mine", "mine", "1", "Mine", mine && !strcmp(mine, "1"));
	check(b, "behind", "behind", "1", "Behind pace", f->behind);
	check(b, "owes", "owes", "1", "Owes an update", f->owes);
	buf_adds(b, "</fieldset>\n<div><button type=\"submit\">Show</button></div>\n</form>\n");
}

/* The API's query for this view: the cycle, the day, the team and every filter. */
static void
view_query(struct request *r, struct buf *u, const struct app_tree *t, const struct tree_filter *f,
	   const char *team)
{
	const char *mine = req_query(r, "mine"), *person = req_query(r, "person");
	char day[11];

	buf_adds(u, "/api/v1/tree?cycle=");
	url_enc(u, t->cycle.name ? t->cycle.name : "");
	if (t->has_as_of) {
		cal_format_date(t->as_of, day);
		buf_adds(u, "&as_of=");
		url_enc(u, day);
	}
	if (team) {
		buf_adds(u, "&team=");
		url_enc(u, team);
	}
	if (mine && !strcmp(mine, "1"))
		buf_adds(u, "&mine=1");
	if (person && *person) {
		buf_adds(u, "&person=");
		url_enc(u, person);
	}
	for (size_t i = 0; i < sizeof(healths) / sizeof(*healths); i++)
		if (f->health & (1u << healths[i]))
			buf_addf(u, "&health=%s", health_name(healths[i]));
	if (f->behind)
		buf_adds(u, "&behind=1");
	if (f->owes)
		buf_adds(u, "&owes=1");
}

void
tree_view_links(struct request *r, const struct app_tree *t, const struct tree_filter *f,
		const char *team)
{
	static const char *const formats[][2] = {
		{"csv", "CSV"}, {"md", "Markdown"}, {"json", "JSON"}};
	struct buf *b = &r->out, u = BUF_INIT;

	buf_adds(b, "<p class=\"export no-print\">Download this view: ");
	for (size_t i = 0; i < 3; i++) {
		buf_reset(&u);
		view_query(r, &u, t, f, team);
		buf_addf(&u, "&format=%s", formats[i][0]);
		if (i)
			buf_adds(b, " · ");
		buf_adds(b, "<a download href=\"");
		html_attr(b, u.buf);
		buf_adds(b, "\">");
		html_txt(b, formats[i][1]);
		buf_adds(b, "</a>");
	}
	buf_adds(b, "</p>\n");
	buf_release(&u);
}
