/* page_week.c: /week, the leaders' home — who updated this week by team and person, the health of
 * every objective against a week before, green that pace says is not, the KRs that moved most,
 * what the integrations changed; every figure a link to what it counts. */
#include "http/page.h"

#include <inttypes.h>

#include "app/week.h"
#include "core/calendar.h"
#include "core/present.h"
#include "core/progress.h"
#include "core/validate.h"
#include "http/handler.h"
#include "util/html.h"

static const char *const state_key[WEEK_NSTATES] = {"done", "late", "owed", "onboarding"};

/* The anchor of a team's section ("company" for the company's own objectives). */
static void
team_anchor(struct buf *b, const struct week_team *t, const char *state)
{
	buf_adds(b, "team-");
	html_attr(b, t->slug ? t->slug : "company");
	if (state) {
		buf_adds(b, "-");
		buf_adds(b, state);
	}
}

/* The KR's or objective's link, at the KR's card on the objective page. */
static void
item_link(struct buf *b, int64_t objective, int64_t kr, const char *title)
{
	struct buf url = BUF_INIT;

	page_url_objective(&url, objective);
	if (kr)
		buf_addf(&url, "#kr-%" PRId64, kr);
	page_link(b, url.buf, title);
	buf_release(&url);
}

/* The summary: one row a team, each count a link to the people it counts. */
static void
compliance_table(struct request *r, const struct app_week *w)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Updates by "
		 "team\"><table id=\"compliance\">\n<thead><tr><th scope=\"col\">Team</th>");
	for (int s = 0; s < WEEK_NSTATES; s++) {
		buf_adds(b, "<th scope=\"col\">");
		html_txt(b, week_state_label(s));
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < w->nteams; i++) {
		const struct week_team *t = &w->teams[i];

		buf_adds(b, "<tr><th scope=\"row\"><a href=\"#");
		team_anchor(b, t, NULL);
		buf_adds(b, "\">");
		html_txt(b, t->name);
		buf_adds(b, "</a></th>");
		for (int s = 0; s < WEEK_NSTATES; s++) {
			buf_adds(b, "<td data-state=\"");
			html_attr(b, state_key[s]);
			buf_adds(b, "\">");
			if (t->count[s]) {
				buf_adds(b, "<a href=\"#");
				team_anchor(b, t, state_key[s]);
				buf_addf(b, "\">%zu</a>", t->count[s]);
			} else
				buf_adds(b, "0");
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
}

/* One person: their name, and what they owe or updated. */
static void
person_item(struct request *r, const struct app_week *w, const struct week_person *p)
{
	struct buf *b = &r->out, url = BUF_INIT;

	buf_adds(b, "<li data-state=\"");
	html_attr(b, state_key[p->state]);
	buf_adds(b, "\" data-handle=\"");
	html_attr(b, p->p ? p->p->handle : "");
	buf_adds(b, "\">");
	if (p->p) {
		page_url_person(&url, p->p->handle);
		page_link(b, url.buf, p->p->name && *p->p->name ? p->p->name : p->p->handle);
	}
	if (p->state == WEEK_ONBOARDING) {
		char d[11];

		cal_format_date(cal_onboarding_ends(p->p->joined_on), d);
		buf_addf(b, ": takes part from %s", d);
	}
	for (size_t k = 0; k < p->n; k++) {
		const struct due_item *x = &w->items.v[p->first + k];

		buf_adds(b, k ? "; " : ": ");
		buf_adds(b, x->key_result ? "check-in on " : "status of ");
		item_link(b, x->objective, x->key_result, x->title);
		if (x->done)
			buf_adds(b, " (done)");
	}
	buf_adds(b, "</li>\n");
	buf_release(&url);
}

/* A team's people, by state: who is late, who owes, who is done, who is onboarding. */
static void
team_section(struct request *r, const struct app_week *w, const struct week_team *t)
{
	static const enum week_state order[WEEK_NSTATES] = {WEEK_LATE, WEEK_OWED, WEEK_DONE,
							    WEEK_ONBOARDING};
	struct buf *b = &r->out;

	buf_adds(b, "<section class=\"card week-team\" id=\"");
	team_anchor(b, t, NULL);
	buf_adds(b, "\" data-team=\"");
	html_attr(b, t->slug ? t->slug : "");
	buf_adds(b, "\">\n<h3>");
	html_txt(b, t->name);
	buf_adds(b, "</h3>\n");
	if (!t->npeople)
		buf_adds(b, "<p class=\"muted\">Nothing to update this week.</p>\n");
	for (int s = 0; s < WEEK_NSTATES; s++) {
		if (!t->count[order[s]])
			continue;
		buf_adds(b, "<h4 id=\"");
		team_anchor(b, t, state_key[order[s]]);
		buf_adds(b, "\">");
		html_txt(b, week_state_label(order[s]));
		buf_addf(b, " (%zu)</h4>\n<ul>\n", t->count[order[s]]);
		for (size_t i = 0; i < t->npeople; i++)
			if (t->people[i].state == order[s])
				person_item(r, w, &t->people[i]);
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "</section>\n");
}

static void
compliance(struct request *r, const struct app_week *w)
{
	struct buf *b = &r->out;
	char u[11];

	cal_format_date(w->update_day, u);
	buf_adds(b, "<section aria-labelledby=\"upd-h\">\n<h2 id=\"upd-h\">Updates</h2>\n");
	buf_addf(b, "<p class=\"meta\">For the update of %s %s.</p>\n",
		 cal_weekday_name(cal_weekday(w->update_day)), u);
	compliance_table(r, w);
	for (size_t i = 0; i < w->nteams; i++)
		team_section(r, w, &w->teams[i]);
	buf_adds(b, "</section>\n");
}

/* Every objective: its health now and a week before, its progress and the change in points. */
static void
health_table(struct request *r, const struct app_week *w)
{
	struct buf *b = &r->out;
	char d[11];

	cal_format_date(w->before_day, d);
	buf_adds(b, "<section aria-labelledby=\"health-h\">\n<h2 id=\"health-h\">Health</h2>\n");
	if (!w->nobjs) {
		buf_adds(b,
			 "<p class=\"muted\">No objectives in this cycle yet.</p>\n</section>\n");
		return;
	}
	buf_adds(
		b,
		"<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Health of every "
		"objective\"><table id=\"health\">\n<thead><tr><th scope=\"col\">Objective</th>"
		"<th scope=\"col\">Team</th><th scope=\"col\">Health</th>");
	buf_addf(b, "<th scope=\"col\">On %s</th>", d);
	buf_adds(b,
		 "<th scope=\"col\">Progress</th><th scope=\"col\">This week</th></tr></thead>\n"
		 "<tbody>\n");
	for (size_t i = 0; i < w->nobjs; i++) {
		const struct week_objective *x = &w->objs[i];
		struct buf url = BUF_INIT;

		buf_addf(b, "<tr data-objective=\"%" PRId64 "\"><th scope=\"row\">", x->o->id);
		item_link(b, x->o->id, 0, x->o->title);
		buf_adds(b, "</th><td>");
		if (x->o->team_slug) {
			page_url_team(&url, x->o->team_slug);
			page_link(b, url.buf, x->o->team_slug);
		} else
			buf_adds(b, "Company");
		buf_adds(b, "</td><td>");
		page_health(b, x->o->health);
		buf_adds(b, "</td><td>");
		page_health(b, x->before);
		buf_adds(b, "</td><td>");
		page_bar(b, x->o->progress);
		buf_adds(b, "</td><td>");
		present_change(b, progress_clamp(x->o->progress), x->progress_before);
		buf_adds(b, "</td></tr>\n");
		buf_release(&url);
	}
	buf_adds(b, "</tbody></table></div>\n</section>\n");
}

/* Said on track, and pace says it is not: the green that will turn red. */
static void
behind_list(struct request *r, const struct app_week *w)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<section aria-labelledby=\"behind-h\">\n<h2 id=\"behind-h\">On track by "
		 "its DRI, behind by pace</h2>\n");
	if (!w->nbehind)
		buf_adds(b,
			 "<p class=\"muted\">None: everything said to be on track is on "
			 "pace.</p>\n");
	else
		buf_adds(b, "<ul id=\"behind\">\n");
	for (size_t i = 0; i < w->nbehind; i++) {
		const struct objective *o = w->behind[i].o;
		const struct key_result *kr = w->behind[i].kr;

		buf_addf(b, "<li data-objective=\"%" PRId64 "\" data-kr=\"%" PRId64 "\">", o->id,
			 kr ? kr->id : 0);
		buf_adds(b, kr ? "Key result " : "Objective ");
		item_link(b, o->id, kr ? kr->id : 0, kr ? kr->title : o->title);
		buf_adds(b, " — DRI ");
		html_txt(b, kr ? (kr->dri_handle ? kr->dri_handle : "")
			       : (o->dri_handle ? o->dri_handle : ""));
		buf_adds(b, " says on track.");
		if (kr)
			page_pace(b, &kr->pace, kr->health, kr->progress, 1, " · ");
		else
			page_pace(b, &o->pace, o->health, o->progress, 1, " · ");
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, w->nbehind ? "</ul>\n</section>\n" : "</section>\n");
}

static void
moves_list(struct request *r, const struct app_week *w)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<section aria-labelledby=\"moves-h\">\n<h2 id=\"moves-h\">The key results "
		 "that moved most</h2>\n");
	if (!w->nmoves)
		buf_adds(b, "<p class=\"muted\">No key result moved this week.</p>\n");
	else
		buf_adds(b, "<ol id=\"moves\">\n");
	for (size_t i = 0; i < w->nmoves; i++) {
		const struct week_move *m = &w->moves[i];

		buf_addf(b, "<li data-kr=\"%" PRId64 "\">", m->kr->id);
		item_link(b, m->o->id, m->kr->id, m->kr->title);
		buf_adds(b, ": ");
		present_change(b, m->now, m->before);
		buf_adds(b, " (");
		present_pct(b, m->before);
		buf_adds(b, " → ");
		present_pct(b, m->now);
		buf_adds(b, ")</li>\n");
	}
	buf_adds(b, w->nmoves ? "</ol>\n</section>\n" : "</section>\n");
}

static void
syncs_list(struct request *r, const struct app_week *w)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<section aria-labelledby=\"syncs-h\">\n<h2 id=\"syncs-h\">What the "
		 "integrations changed</h2>\n");
	if (!w->nsyncs)
		buf_adds(b, "<p class=\"muted\">Nothing this week.</p>\n");
	else
		buf_adds(b, "<ul id=\"syncs\">\n");
	for (size_t i = 0; i < w->nsyncs; i++) {
		const struct week_sync *s = &w->syncs[i];
		char at[21];

		cal_format_instant(s->c->at, at);
		buf_addf(b, "<li><time>%s</time> ", at);
		if (s->kr)
			item_link(b, s->o->id, s->kr->id, s->kr->title);
		else
			item_link(b, s->o->id, 0, s->o->title);
		buf_adds(b, ": ");
		html_txt(b, s->c->note ? s->c->note : "");
		buf_adds(b, ", now ");
		present_pct(b, s->c->progress);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, w->nsyncs ? "</ul>\n</section>\n" : "</section>\n");
}

/* The heading and the form that picks the day (and keeps the cycle asked for). */
static void
week_head(struct request *r, const struct app_week *w, const char *cycle)
{
	struct buf *b = &r->out;
	char d[11];

	cal_format_date(w->day, d);
	buf_adds(b, "<h1>This week</h1>\n<p class=\"meta\">");
	html_txt(b, w->tree.cycle.name);
	buf_adds(b, w->all_teams ? " · every team" : " · your teams");
	buf_adds(b,
		 "</p>\n<form method=\"get\" action=\"/week\" class=\"inline\">\n"
		 "<label for=\"date\">Day</label> <input type=\"date\" id=\"date\" "
		 "name=\"date\" value=\"");
	html_attr(b, d);
	buf_adds(b, "\">\n");
	if (cycle && *cycle) {
		buf_adds(b, "<input type=\"hidden\" name=\"cycle\" value=\"");
		html_attr(b, cycle);
		buf_adds(b, "\">\n");
	}
	buf_adds(b, "<button type=\"submit\">Show</button>\n</form>\n");
}

int
h_page_week(struct request *r)
{
	struct okra_err err = {0};
	struct app_week w;
	const char *date = req_query(r, "date");
	const char *cycle = req_query(r, "cycle");
	int32_t day = r->app->today;
	int rc;

	if (date && *date && validate_date("date", date, &day, &err) < 0)
		return page_error(r, 400, "Not a date", okra_err_text(&err));
	rc = app_week(r->app, &r->arena, cycle && *cycle ? cycle : NULL, day, &w, &err);
	if (rc < 0)
		return page_error(r,
				  rc == OKRA_ENOTFOUND ? 404
				  : rc == OKRA_EINVAL  ? 422
						       : 503,
				  rc == OKRA_ENOTFOUND ? "No such cycle" : "Not this week",
				  okra_err_text(&err));
	page_begin(r, "This week", "week");
	week_head(r, &w, cycle);
	compliance(r, &w);
	health_table(r, &w);
	behind_list(r, &w);
	moves_list(r, &w);
	syncs_list(r, &w);
	app_week_release(&w);
	return page_end(r, 200);
}
