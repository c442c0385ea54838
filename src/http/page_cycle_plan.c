/* page_cycle_plan.c: /cycles/{name}/plan, planning a cycle — every objective with `okra lint`'s
 * findings and planning's own beside it (R1, R2, R7), what is still a draft, and the teams
 * that have not yet proposed their objectives.
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdlib.h>

#include "core/lint.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/reads.h"
#include "app/tree.h"

static void
findings_of(struct buf *b, const struct lint_report *rep, int64_t id)
{
	int any = 0;

	for (size_t i = 0; i < rep->n; i++) {
		if (rep->v[i].objective != id)
			continue;
		buf_adds(b, any ? "" : "<ul class=\"findings\">\n");
		any = 1;
		buf_adds(b, "<li><strong>");
		html_txt(b, rep->v[i].rule);
		buf_adds(b, "</strong> ");
		html_txt(b, rep->v[i].msg);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, any ? "</ul>\n" : "<p class=\"muted\">No findings.</p>\n");
}

static void
objective_card(struct request *r, const struct objective *o, const struct lint_report *rep)
{
	struct buf *b = &r->out, url = BUF_INIT;

	buf_addf(b, "<li class=\"card\" id=\"plan-%" PRId64 "\"><div class=\"title\">", o->id);
	page_url_objective(&url, o->id);
	page_link(b, url.buf, o->title);
	if (o->state == STATE_DRAFT)
		buf_adds(b, " <span class=\"tag\">Draft</span>");
	buf_adds(b, "</div><div class=\"meta\"><span>");
	html_txt(b, level_name(objective_level(&o->row)));
	if (o->team_slug) {
		buf_adds(b, " · ");
		html_txt(b, o->team_slug);
	}
	buf_addf(b, "</span><span>%zu key result%s</span><span>DRI ", o->nkrs,
		 o->nkrs == 1 ? "" : "s");
	html_txt(b, o->dri_handle ? o->dri_handle : "");
	buf_adds(b, "</span></div>\n");
	findings_of(b, rep, o->id);
	buf_adds(b, "</li>\n");
	buf_release(&url);
}

/* The teams with no objective in the cycle yet. */
static void
not_proposed(struct request *r, const struct app_tree *t)
{
	struct okra_err err = {0};
	struct team *tv = NULL;
	struct buf *b = &r->out;
	size_t nt = 0, missing = 0;

	app_teams(r->app, &r->arena, &tv, &nt, &err);
	buf_adds(b, "<h2>Teams without objectives</h2>\n<ul id=\"not-proposed\">\n");
	for (size_t i = 0; i < nt; i++) {
		size_t k;

		for (k = 0; k < t->n && t->v[k].team != tv[i].id; k++)
			;
		if (k < t->n)
			continue;
		missing++;
		buf_adds(b, "<li>");
		html_txt(b, tv[i].name);
		buf_adds(b, " (");
		html_txt(b, tv[i].slug);
		buf_adds(b, ") has not proposed its objectives yet</li>\n");
	}
	buf_adds(b, missing ? "</ul>\n" : "<li>Every team has proposed.</li>\n</ul>\n");
}

int
h_page_cycle_plan(struct request *r)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct lint_report rep = {0};
	struct buf *b = &r->out, url = BUF_INIT;
	size_t drafts = 0;
	int rc;

	if ((rc = app_tree(r->app, &r->arena, r->params[0], &t, &err)) < 0)
		return page_error(r, rc == OKRA_ENOTFOUND ? 404 : 503, "No such cycle", err.msg);
	for (size_t i = 0; i < t.n; i++) {
		if (t.v[i].state == STATE_CLOSED)
			continue;
		lint_objective(&t.v[i], &rep);
		lint_plan(&t.v[i], &rep);
		drafts += t.v[i].state == STATE_DRAFT;
	}
	page_begin(r, "Planning", NULL);
	buf_adds(b, "<h1>Planning ");
	html_txt(b, t.cycle.name);
	buf_adds(b, "</h1>\n<p class=\"actions no-print\"><a href=\"/objectives/new?cycle=");
	url_enc(b, t.cycle.name);
	buf_adds(b, "\">New objective</a> · ");
	page_url_cycle(&url, t.cycle.name);
	page_link(b, url.buf, "The cycle's tree");
	buf_addf(b,
		 "</p>\n<p id=\"plan-summary\">%zu objective%s, %zu draft%s, %zu finding%s.</p>\n",
		 t.n, t.n == 1 ? "" : "s", drafts, drafts == 1 ? "" : "s", rep.n,
		 rep.n == 1 ? "" : "s");
	not_proposed(r, &t);
	buf_adds(b, "<h2>Objectives</h2>\n<ul class=\"tree\">\n");
	for (size_t i = 0; i < t.n; i++)
		objective_card(r, &t.v[i], &rep);
	buf_adds(b, "</ul>\n");
	lint_report_release(&rep);
	buf_release(&url);
	return page_end(r, 200);
}
