/* page_review.c: /cycles/{name}/review, the quarter's review — each objective's final score beside
 * its progress and its retro, what still blocks closing the cycle, health calibration by DRI and
 * team, and the lessons (retro "Try" bullets) of the same teams' earlier quarters, searchable. */
#include "http/page.h"

#include <inttypes.h>

#include "app/calibration.h"
#include "app/lessons.h"
#include "app/tree.h"
#include "core/handbook.h"
#include "http/handler.h"
#include "http/markdown.h"
#include "util/html.h"

/* The cycle's own objectives that are reviewed: those published (drafts never ran). */
static int
reviewed(const struct app_tree *t, const struct objective *o)
{
	return o->cycle == t->cycle.id && o->state != STATE_DRAFT;
}

static int
final_retro(const struct objective *o)
{
	return o->has_retro && o->retro.final_at;
}

/* What is still open before the cycle can be closed: no final retro, no score. */
static void
blockers(struct request *r, const struct app_tree *t)
{
	struct buf *b = &r->out;
	size_t n = 0;

	buf_adds(b,
		 "<section aria-labelledby=\"block-h\">\n<h2 id=\"block-h\">Before the cycle "
		 "can close</h2>\n<ul id=\"blockers\">\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct objective *o = &t->v[i];

		if (!reviewed(t, o) || (final_retro(o) && o->has_final))
			continue;
		n++;
		buf_addf(b, "<li data-objective=\"%" PRId64 "\">", o->id);
		{
			struct buf url = BUF_INIT;

			page_url_objective(&url, o->id);
			page_link(b, url.buf, o->title);
			buf_release(&url);
		}
		buf_adds(b, ": ");
		if (!final_retro(o))
			buf_adds(b, "<span data-missing=\"retro\">no final retro</span>");
		if (!final_retro(o) && !o->has_final)
			buf_adds(b, ", ");
		if (!o->has_final)
			buf_adds(b, "<span data-missing=\"score\">no final score</span>");
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, "</ul>\n");
	if (!n)
		buf_adds(b,
			 "<p id=\"no-blockers\">Nothing: every objective has its final retro and "
			 "its score.</p>\n");
	buf_adds(b, "</section>\n");
}

/* One objective: progress, final score, its retro rendered from the handbook's Markdown. */
static void
objective_review(struct request *r, const struct objective *o)
{
	struct buf *b = &r->out, url = BUF_INIT, md = BUF_INIT;

	buf_addf(b,
		 "<section class=\"card review\" id=\"review-%" PRId64
		 "\" aria-labelledby=\"rt-%" PRId64 "\">\n<h3 id=\"rt-%" PRId64 "\">",
		 o->id, o->id, o->id);
	page_url_objective(&url, o->id);
	page_link(b, url.buf, o->title);
	buf_adds(b, "</h3>\n<div class=\"meta\"><span>");
	html_txt(b, o->team_slug ? o->team_slug : "Company");
	buf_adds(b, "</span><span>DRI ");
	html_txt(b, o->dri_handle ? o->dri_handle : "");
	buf_adds(b, "</span><span>");
	html_txt(b, state_name(o->state));
	buf_adds(b, "</span></div>\n<p class=\"score\">Progress ");
	page_bar(b, o->progress);
	if (o->has_final)
		page_final(b, o);
	else
		buf_adds(b, " <span class=\"final\">No final score yet</span>");
	buf_adds(b, "</p>\n");
	if (o->has_retro && (o->retro.good.n || o->retro.bad.n || o->retro.try.n)) {
		handbook_retro(&md, &o->retro);
		buf_adds(b, "<div class=\"retro\">\n");
		if (!o->retro.final_at)
			buf_adds(b, "<p class=\"tag\">Draft retro</p>\n");
		markdown_html(b, md.buf);
		buf_adds(b, "</div>\n");
	} else
		buf_adds(b, "<p class=\"muted\">No retro yet.</p>\n");
	buf_adds(b, "</section>\n");
	buf_release(&url);
	buf_release(&md);
}

static void
calib_table(struct request *r, const char *label, const char *id, const struct calib *v, size_t n,
	    int finished)
{
	struct buf *b = &r->out, s = BUF_INIT;

	buf_adds(b, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_attr(b, label);
	buf_adds(b, "\"><table id=\"");
	html_attr(b, id);
	buf_adds(b, "\">\n<thead><tr><th scope=\"col\">");
	html_txt(b, label);
	buf_adds(b,
		 "</th><th scope=\"col\">Weeks said</th><th scope=\"col\">On track</th>"
		 "<th scope=\"col\">Needs attention</th><th scope=\"col\">At risk</th>"
		 "<th scope=\"col\">Where it stands</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_reset(&s);
		calib_sentence(&s, &v[i], finished);
		buf_adds(b, "<tr><th scope=\"row\">");
		html_txt(b, v[i].dri ? v[i].dri : v[i].team ? v[i].team : "Company");
		buf_addf(b, "</th><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>", v[i].weeks,
			 v[i].said[HEALTH_ON_TRACK], v[i].said[HEALTH_NEEDS_ATTENTION],
			 v[i].said[HEALTH_AT_RISK]);
		html_txt(b, s.buf);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody></table></div>\n");
	buf_release(&s);
}

static void
calibration(struct request *r, const char *cycle)
{
	struct okra_err err = {0};
	struct calibration cal;
	struct buf *b = &r->out;

	buf_adds(b,
		 "<section aria-labelledby=\"cal-h\">\n<h2 id=\"cal-h\">Health calibration</h2>\n"
		 "<p class=\"meta\">The health each DRI said week by week against where their key "
		 "results stand.</p>\n");
	if (app_calibration(r->app, &r->arena, cycle, &cal, &err) < 0) {
		buf_adds(b, "<p>");
		page_plain(b, okra_err_text(&err));
		buf_adds(b, "</p>\n");
	} else if (!cal.ndris)
		buf_adds(b, "<p class=\"muted\">No health said yet.</p>\n");
	else {
		calib_table(r, "DRI", "calibration-dris", cal.dris, cal.ndris, cal.finished);
		calib_table(r, "Team", "calibration-teams", cal.teams, cal.nteams, cal.finished);
	}
	buf_adds(b, "</section>\n");
}

/* The search form over the lessons: a plain GET, so it works without JavaScript. */
static void
lessons_form(struct request *r, const char *cycle, const char *q)
{
	struct buf *b = &r->out, url = BUF_INIT;

	page_url_cycle(&url, cycle);
	buf_adds(&url, "/review");
	buf_adds(b, "<form method=\"get\" action=\"");
	html_attr(b, url.buf);
	buf_adds(b,
		 "#lessons-h\" class=\"inline\" role=\"search\" aria-label=\"Lessons\">\n<label "
		 "for=\"q\">Search the "
		 "lessons</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"");
	html_attr(b, q ? q : "");
	buf_adds(b, "\">\n<button type=\"submit\">Search</button>\n</form>\n");
	buf_release(&url);
}

/* Lessons across quarters: the Try bullets of the same teams' earlier retros. */
static void
lessons(struct request *r, const char *cycle, const char *q)
{
	struct okra_err err = {0};
	struct lesson *v;
	struct buf *b = &r->out;
	size_t n;

	buf_adds(b,
		 "<section aria-labelledby=\"lessons-h\">\n<h2 id=\"lessons-h\">Lessons from "
		 "earlier quarters</h2>\n<p class=\"meta\">What the same teams' retros said to "
		 "try.</p>\n");
	lessons_form(r, cycle, q);
	if (app_lessons(r->app, &r->arena, cycle, q, &v, &n, &err) < 0) {
		buf_adds(b, "<p>");
		page_plain(b, okra_err_text(&err));
		buf_adds(b, "</p>\n</section>\n");
		return;
	}
	if (!n)
		buf_adds(b,
			 q && *q ? "<p class=\"muted\" id=\"no-lessons\">No lesson matches.</p>\n"
				 : "<p class=\"muted\" id=\"no-lessons\">No earlier retro of these "
				   "teams said what to try.</p>\n");
	else
		buf_adds(b, "<ul id=\"lessons\">\n");
	for (size_t i = 0; i < n; i++) {
		struct buf url = BUF_INIT;

		buf_adds(b, "<li>");
		html_txt(b, v[i].text);
		buf_adds(b, " <span class=\"meta\">— ");
		page_url_objective(&url, v[i].objective);
		page_link(b, url.buf, v[i].title);
		buf_adds(b, ", ");
		html_txt(b, v[i].team ? v[i].team : "Company");
		buf_adds(b, ", ");
		html_txt(b, v[i].cycle);
		buf_adds(b, v[i].final ? "" : " (draft retro)");
		buf_adds(b, "</span></li>\n");
		buf_release(&url);
	}
	buf_adds(b, n ? "</ul>\n</section>\n" : "</section>\n");
}

int
h_page_cycle_review(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t;
	const char *q = req_query(r, "q");
	size_t n = 0;
	int rc;

	if ((rc = app_tree(r->app, &r->arena, r->params[0], &t, &err)) < 0)
		return page_error(r, rc == OKRA_ENOTFOUND ? 404 : 503,
				  rc == OKRA_ENOTFOUND ? "No such cycle" : "No review",
				  okra_err_text(&err));
	page_begin(r, "Review", "cycles");
	buf_adds(&r->out, "<h1>Review of ");
	html_txt(&r->out, t.cycle.name);
	buf_adds(&r->out, "</h1>\n");
	blockers(r, &t);
	buf_adds(&r->out,
		 "<section aria-labelledby=\"obj-h\">\n<h2 id=\"obj-h\">Objectives</h2>\n");
	for (size_t i = 0; i < t.n; i++)
		if (reviewed(&t, &t.v[i])) {
			objective_review(r, &t.v[i]);
			n++;
		}
	if (!n)
		buf_adds(&r->out, "<p class=\"muted\">No objective ran in this cycle.</p>\n");
	buf_adds(&r->out, "</section>\n");
	calibration(r, t.cycle.name);
	lessons(r, t.cycle.name, q);
	return page_end(r, 200);
}
