/* page_cycle_plan.c: /cycles/{name}/plan, planning a cycle — every objective with `okra lint`'s
 * findings and planning's own beside it (R1, R2, R7), what is still a draft (a copy with the
 * "Try" bullets of the retro it came from), the teams that have not yet proposed their
 * objectives, and a team's whole quarter carried over into the next (POST /cycles/{name}/copy).
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdlib.h>

#include "core/lint.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/objectives.h"
#include "app/reads.h"
#include "app/tree.h"

/* The tree the last carried draft came from, kept while the next ones come from it too. */
struct origins {
	struct app_tree t;
	int loaded;
};

/* Beside a carried draft: where it came from and what that objective's retro said to try. */
static void
carried_from(struct request *r, const struct objective *o, struct origins *og)
{
	struct okra_err err = {0};
	struct buf *b = &r->out, url = BUF_INIT;
	int64_t id = app_carried_from(&o->row);
	const struct objective *from;
	size_t idx;

	if (!id || o->state != STATE_DRAFT)
		return;
	idx = og->loaded ? app_tree_find(&og->t, id) : (size_t)-1;
	if (idx == (size_t)-1) {
		og->loaded = app_objective_tree(r->app, &r->arena, id, &og->t, &idx, &err) == 0;
		if (!og->loaded)
			return;
	}
	from = &og->t.v[idx];
	buf_adds(b, "<p class=\"muted\">Carried over from ");
	page_url_objective(&url, id);
	page_link(b, url.buf, from->title);
	buf_adds(b, " (");
	html_txt(b, from->cycle_name);
	buf_adds(b, from->has_retro && from->retro.try.n ? "); its retro said to try:</p>\n<ul>\n"
							 : ").</p>\n");
	for (size_t i = 0; from->has_retro && i < from->retro.try.n; i++) {
		buf_adds(b, "<li>");
		html_txt(b, from->retro.try.v[i]);
		buf_adds(b, "</li>\n");
	}
	buf_adds(b, from->has_retro && from->retro.try.n ? "</ul>\n" : "");
	buf_release(&url);
}

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
objective_card(struct request *r, const struct objective *o, const struct lint_report *rep,
	       struct origins *og)
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
	carried_from(r, o, og);
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

/* "Carry a team's quarter over": the teams the actor plans for, the later cycles of its kind. */
static void
copy_form(struct request *r, const struct app_tree *t, const struct okra_err *refused)
{
	struct okra_err err = {0};
	struct form fm = {.r = r, .err = refused, .id = "team-copy"};
	struct form_option *teams, *cycles;
	struct buf action = BUF_INIT;
	struct team *tv = NULL;
	struct cycle *cv = NULL;
	size_t nt = 0, nc = 0, kt = 0, kc = 0;

	app_teams(r->app, &r->arena, &tv, &nt, &err);
	app_cycles(r->app, &r->arena, &cv, &nc, &err);
	teams = arena_calloc(&r->arena, nt + 1, sizeof(*teams));
	cycles = arena_calloc(&r->arena, nc + 1, sizeof(*cycles));
	for (size_t i = 0; i < nt; i++)
		if (app_may_create_objective(r->app, tv[i].slug, NULL) == 0)
			teams[kt++] = (struct form_option){tv[i].slug, tv[i].name, 0};
	for (size_t i = 0; i < nc; i++)
		if (cv[i].kind == t->cycle.kind && cv[i].starts_on > t->cycle.starts_on)
			cycles[kc++] = (struct form_option){cv[i].name, cv[i].name, 0};
	if ((!kt || !kc) && !refused)
		return;
	page_url_cycle(&action, t->cycle.name);
	buf_adds(&action, "/copy");
	fm.action = action.buf;
	form_open(&fm);
	buf_adds(&r->out, "<h2>Carry a team's objectives over</h2>\n");
	form_top(&fm);
	form_field(&fm, &(struct form_field){.type = FIELD_SELECT,
					     .name = "team",
					     .id = "team-copy-team",
					     .label = "Team",
					     .options = teams,
					     .noptions = kt});
	form_field(
		&fm,
		&(struct form_field){
			.type = FIELD_SELECT,
			.name = "cycle",
			.id = "team-copy-cycle",
			.label = "Copy to",
			.options = cycles,
			.noptions = kc,
			.hint = "Each of the team's objectives that is not a draft becomes a draft "
				"there, as Copy to does for one, aligned to its parent's copy."});
	buf_adds(&r->out, "<button type=\"submit\">Copy the team's objectives</button>\n");
	form_close(&fm);
	buf_release(&action);
}

/* The planning view of cycle `name`, with the team copy's refusal (NULL: drawn fresh). */
static int
plan_page(struct request *r, const char *name, const struct okra_err *refused, int status)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct lint_report rep = {0};
	struct origins og = {0};
	struct buf *b = &r->out, url = BUF_INIT;
	size_t drafts = 0;
	int rc;

	if ((rc = app_tree(r->app, &r->arena, name, &t, &err)) < 0)
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
		objective_card(r, &t.v[i], &rep, &og);
	buf_adds(b, "</ul>\n");
	copy_form(r, &t, refused);
	lint_report_release(&rep);
	buf_release(&url);
	return page_end(r, status);
}

int
h_page_cycle_plan(struct request *r)
{
	return plan_page(r, r->params[0], NULL, 200);
}

int
h_page_cycle_copy(struct request *r)
{
	struct okra_err err = {0};
	struct buf team = BUF_INIT, to = BUF_INIT, url = BUF_INIT;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "team", &team);
	page_form(r, "cycle", &to);
	rc = app_team_copy(r->app, &r->arena, team.buf, r->params[0], to.buf, &ids, &n, &err);
	if (rc < 0) {
		plan_page(r, r->params[0], &err, form_status(rc));
	} else {
		page_url_cycle(&url, to.buf);
		buf_adds(&url, "/plan");
		page_redirect(r, url.buf);
	}
	buf_release(&team);
	buf_release(&to);
	buf_release(&url);
	return 0;
}
