/* page_plan_kr.c: planning on the objective page — edit it, publish a draft, add key results,
 * scoring criteria (the running total against 100, R7) and initiatives — and their POSTs.
 */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "core/validate.h"
#include "http/handler.h"
#include "app/objectives.h"
#include "app/reads.h"
#include "app/tree.h"
#include "util/html.h"

/* The refusal of form name, or NULL. */
static const struct okra_err *
refused(const struct refused_form *f, const char *name)
{
	return f && f->form && !strcmp(f->form, name) ? f->err : NULL;
}

/* Planning forms are drawn for who may edit the objective (R1), or when one was just refused. */
int
page_may_plan(struct request *r, const struct objective *o)
{
	return app_may_change_objective(r->app, &o->row, NULL) == 0;
}

/* A copy: the line back to where it came from and that objective's retro "Try" bullets. */
static void
carried(struct request *r, const struct objective *o)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct buf *b = &r->out, url = BUF_INIT;
	const struct objective *from;
	int64_t id = app_carried_from(&o->row);
	size_t idx;

	if (!id || app_objective_tree(r->app, &r->arena, id, &t, &idx, &err) < 0)
		return;
	from = &t.v[idx];
	buf_adds(b,
		 "<aside class=\"card\" id=\"carried\" aria-label=\"Carried over\"><p>Carried "
		 "over from ");
	page_url_objective(&url, id);
	page_link(b, url.buf, from->title);
	buf_adds(b, " (");
	html_txt(b, from->cycle_name);
	buf_adds(b, ").</p>\n");
	if (from->has_retro && from->retro.try.n) {
		buf_adds(b, "<p>What its retro said to try:</p>\n<ul>\n");
		for (size_t i = 0; i < from->retro.try.n; i++) {
			buf_adds(b, "<li>");
			html_txt(b, from->retro.try.v[i]);
			buf_adds(b, "</li>\n");
		}
		buf_adds(b, "</ul>\n");
	}
	buf_adds(b, "</aside>\n");
	buf_release(&url);
}

/* "Copy to …": the later cycles of its kind, for who may plan (app_objective_copy). */
static void
copy_form(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct okra_err err = {0};
	struct form fm = {.r = r, .err = refused(f, "copy"), .id = "copy"};
	struct cycle *cy = NULL, *self = NULL;
	struct form_option *opt;
	size_t nc = 0, k = 0;

	app_cycles(r->app, &r->arena, &cy, &nc, &err);
	for (size_t i = 0; i < nc; i++)
		if (cy[i].id == o->cycle)
			self = &cy[i];
	opt = arena_calloc(&r->arena, nc + 1, sizeof(*opt));
	for (size_t i = 0; self && i < nc; i++)
		if (cy[i].kind == self->kind && cy[i].starts_on > self->starts_on)
			opt[k++] = (struct form_option){cy[i].name, cy[i].name, 0};
	if (!k)
		return;
	fm.action = arena_sprintf(&r->arena, "/objectives/%" PRId64 "/copy", o->id);
	form_open(&fm);
	buf_adds(&r->out, "<h2>Carry over</h2>\n");
	form_top(&fm);
	form_field(&fm,
		   &(struct form_field){
			   .type = FIELD_SELECT,
			   .name = "cycle",
			   .id = "copy-cycle",
			   .label = "Copy to",
			   .options = opt,
			   .noptions = k,
			   .hint = "A draft there with the open key results, their DRIs and open "
				   "criteria, aligned to the new cycle's parents."});
	buf_adds(&r->out, "<button type=\"submit\">Copy as a draft</button>\n");
	form_close(&fm);
}

void
page_plan_actions(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct buf *b = &r->out;
	const struct okra_err *err = refused(f, "publish");
	struct form fm = {.r = r, .err = err, .id = "publish", .cls = "inline no-print"};

	if (o->state == STATE_DRAFT)
		buf_adds(b,
			 "<p class=\"notice\">A draft: seen by its team and the leaders until "
			 "it is published.</p>\n");
	carried(r, o);
	if (!page_may_plan(r, o) && !err && !refused(f, "copy") && !refused(f, "delete-draft"))
		return;
	buf_adds(b, "<p class=\"actions no-print\"><a href=\"");
	buf_addf(b, "/objectives/%" PRId64 "/edit", o->id);
	buf_adds(b, "\">Edit objective</a></p>\n");
	copy_form(r, o, f);
	page_delete_draft(r, o, f);
	if (o->state != STATE_DRAFT && !err)
		return;
	fm.action = arena_sprintf(&r->arena, "/objectives/%" PRId64 "/publish", o->id);
	form_open(&fm);
	form_top(&fm);
	buf_adds(b, "<button type=\"submit\">Publish</button>\n");
	form_close(&fm);
}

static const struct form_option kinds[] = {
	{"metric", "Metric: a number from a start to a target", 0},
	{"criteria", "Criteria: scored by epics and issues (R7)", 0},
};

void
page_plan_add_kr(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct form fm = {.r = r, .err = refused(f, "add-kr"), .id = "add-kr"};

	if (!fm.err && !page_may_plan(r, o))
		return;
	fm.action = arena_sprintf(&r->arena, "/objectives/%" PRId64 "/key-results", o->id);
	form_open(&fm);
	buf_adds(&r->out, "<h3>Add a key result</h3>\n");
	form_top(&fm);
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "title",
					     .id = "kr-title",
					     .label = "Title",
					     .cls = "wide",
					     .required = 1});
	page_dri_field(&fm, "dri", "kr-dri", o->dri_handle);
	form_field(&fm, &(struct form_field){.type = FIELD_SELECT,
					     .name = "kind",
					     .id = "kr-kind",
					     .label = "Kind",
					     .value = "metric",
					     .options = kinds,
					     .noptions = 2});
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "unit",
					     .id = "kr-unit",
					     .label = "Unit (metric)",
					     .size = 8});
	form_field(&fm,
		   &(struct form_field){
			   .type = FIELD_NUMBER,
			   .name = "start",
			   .id = "kr-start",
			   .label = "Start (metric)",
			   .size = 8,
			   .hint = "A target below the start is a decrease: from 800 to 200 ms "
				   "is down (R2)."});
	form_field(&fm, &(struct form_field){.type = FIELD_NUMBER,
					     .name = "target",
					     .id = "kr-target",
					     .label = "Target (metric)",
					     .size = 8});
	buf_adds(&r->out, "<p class=\"muted\" id=\"kr-direction\" aria-live=\"polite\"></p>\n");
	form_field(&fm, &(struct form_field){.type = FIELD_NUMBER,
					     .name = "weight",
					     .id = "kr-weight",
					     .label = "Weight",
					     .value = "1",
					     .size = 6});
	form_field(&fm, &(struct form_field){.type = FIELD_TEXTAREA,
					     .name = "context",
					     .id = "kr-context",
					     .label = "Context",
					     .rows = 3,
					     .cls = "wide"});
	buf_adds(&r->out, "<button type=\"submit\">Add key result</button>\n");
	form_close(&fm);
}

/* "Criteria total 80 of 100: 20 to add" (R7), what is missing said in words. */
static double
criteria_sum(const struct key_result *kr)
{
	double total = 0;

	for (size_t i = 0; i < kr->ncriteria; i++)
		total += kr->criteria[i].contribution;
	return total;
}

static void
criteria_total(struct buf *b, const struct key_result *kr)
{
	double total = criteria_sum(kr);
	buf_addf(b, "<p class=\"muted\" id=\"crit-total-%" PRId64 "\">", kr->id);
	if (total < 100 - 1e-9)
		buf_addf(b, "Criteria total %g of 100: %g to add to reach 100 (R7).", total,
			 100 - total);
	else
		buf_addf(b, "Criteria total %g of 100: complete (R7).", total);
	buf_adds(b, "</p>\n");
}

static void
criterion_form(struct request *r, const struct key_result *kr, const struct refused_form *f)
{
	const char *name = arena_sprintf(&r->arena, "crit-%" PRId64, kr->id);
	struct form fm = {.r = r, .err = refused(f, name), .id = name};

	fm.action = arena_sprintf(&r->arena, "/key-results/%" PRId64 "/criteria", kr->id);
	form_open(&fm);
	buf_adds(&r->out, "<h4>Add a scoring criterion</h4>\n");
	form_top(&fm);
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "ref",
					     .id = arena_sprintf(&r->arena, "%s-ref", name),
					     .label = "Epic or issue",
					     .required = 1,
					     .hint = "group/project#123, group&45, owner/repo#7, "
						     "PROJ-123 (Jira) or a URL"});
	form_field(&fm, &(struct form_field){.type = FIELD_NUMBER,
					     .name = "contribution",
					     .id = arena_sprintf(&r->arena, "%s-pct", name),
					     .label = "Contribution, %",
					     .size = 6,
					     .required = 1});
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "title",
					     .id = arena_sprintf(&r->arena, "%s-title", name),
					     .label = "Title (optional)"});
	buf_adds(&r->out, "<button type=\"submit\">Add criterion</button>\n");
	form_close(&fm);
}

static void
initiative_form(struct request *r, const struct key_result *kr, const struct refused_form *f)
{
	const char *name = arena_sprintf(&r->arena, "init-%" PRId64, kr->id);
	struct form fm = {.r = r, .err = refused(f, name), .id = name};

	fm.action = arena_sprintf(&r->arena, "/key-results/%" PRId64 "/initiatives", kr->id);
	form_open(&fm);
	buf_adds(&r->out, "<h4>Add an initiative</h4>\n");
	form_top(&fm);
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "title",
					     .id = arena_sprintf(&r->arena, "%s-title", name),
					     .label = "Initiative (how, R5)",
					     .required = 1,
					     .cls = "wide"});
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "ref",
					     .id = arena_sprintf(&r->arena, "%s-ref", name),
					     .label = "Its epic or issue (optional)"});
	buf_adds(&r->out, "<button type=\"submit\">Add initiative</button>\n");
	form_close(&fm);
}

void
page_plan_kr(struct request *r, const struct app_tree *t, const struct objective *o,
	     const struct key_result *kr, const struct refused_form *f)
{
	const char *crit = arena_sprintf(&r->arena, "crit-%" PRId64, kr->id);
	const char *init = arena_sprintf(&r->arena, "init-%" PRId64, kr->id);
	const char *kedit = arena_sprintf(&r->arena, "kredit-%" PRId64, kr->id);
	const char *kdel = arena_sprintf(&r->arena, "delete-kr-%" PRId64, kr->id);
	int mine = refused(f, crit) || refused(f, init) || refused(f, kedit) || refused(f, kdel) ||
		   page_kr_move_refused(r, kr->id, f);

	if (kr->kind == KR_CRITERIA)
		criteria_total(&r->out, kr);
	if (mine || page_may_plan(r, o)) {
		buf_adds(&r->out, "<details class=\"no-print\"");
		/* Open while it is refused, or while its criteria do not reach 100 yet (R7). */
		buf_adds(&r->out, mine || (kr->kind == KR_CRITERIA && criteria_sum(kr) < 100 - 1e-9)
					  ? " open"
					  : "");
		buf_adds(&r->out, "><summary>Plan this key result</summary>\n");
		if (kr->kind == KR_CRITERIA)
			criterion_form(r, kr, f);
		initiative_form(r, kr, f);
		page_kr_edit_form(r, kr, refused(f, kedit));
		page_kr_move_to(r, t, o, kr, f);
		page_delete_kr(r, o, kr, f);
		buf_adds(&r->out, "</details>\n");
	}
	/* After the planning: a KR's own source is the last of its card's tools. */
	page_kr_source(r, o, kr, f);
}

/* The objective page again with form's refusal, or back to it at anchor. */
static int
answer(struct request *r, int64_t objective, const char *form, const char *anchor, int rc,
       const struct okra_err *err)
{
	struct refused_form f = {form, err};
	struct buf url = BUF_INIT;

	if (rc < 0)
		return objective_page(r, objective, &f, form_status(rc));
	page_url_objective(&url, objective);
	buf_addf(&url, "#%s", anchor);
	page_redirect(r, url.buf);
	buf_release(&url);
	return 0;
}

/* A number typed in field name into *v (has = typed at all). */
static int
number(struct request *r, const char *name, double *v, int *has, struct okra_err *err)
{
	struct buf t = BUF_INIT;
	int rc = 0;

	page_form(r, name, &t);
	*has = t.len > 0;
	if (*has)
		rc = validate_number(name, t.buf, v, err);
	buf_release(&t);
	return rc;
}

int
h_page_kr_add(struct request *r)
{
	struct okra_err err = {0};
	struct buf title = BUF_INIT, dri = BUF_INIT, kind = BUF_INIT, unit = BUF_INIT,
		   context = BUF_INIT;
	struct kr_input in = {0};
	int64_t id = 0;
	int rc, hs, ht;

	if (page_post_objective_id(r, &in.objective) < 0)
		return 0;
	page_form(r, "title", &title);
	page_form(r, "dri", &dri);
	page_form(r, "kind", &kind);
	page_form(r, "unit", &unit);
	page_form_text(r, "context", &context);
	in.title = title.buf;
	in.dri = dri.buf;
	in.unit = unit.buf;
	in.context = context.buf;
	in.kind = strcmp(kind.buf, "criteria") ? KR_METRIC : KR_CRITERIA;
	if ((rc = number(r, "start", &in.start, &hs, &err)) == 0 &&
	    (rc = number(r, "target", &in.target, &ht, &err)) == 0 &&
	    (rc = number(r, "weight", &in.weight, &in.has_weight, &err)) == 0) {
		if (in.kind == KR_METRIC && (!hs || !ht))
			rc = okra_err_set(&err, OKRA_EINVAL, hs ? "target" : "start",
					  "a metric key result needs a start and a target (R2)");
		else
			rc = app_kr_add(r->app, &in, &id, &err);
	}
	answer(r, in.objective, "add-kr", arena_sprintf(&r->arena, "kr-%" PRId64, id), rc, &err);
	buf_release(&title);
	buf_release(&dri);
	buf_release(&kind);
	buf_release(&unit);
	buf_release(&context);
	return 0;
}

/* The KR a form posts to, into kr: 0, or -1 with the 404 sent. */
static int
form_kr(struct request *r, struct key_result *kr)
{
	struct okra_err err = {0};
	struct checkin *h = NULL;
	size_t nh = 0;
	int64_t id;

	if (page_form_check(r) < 0)
		return -1;
	if (validate_id("id", r->params[0], &id, &err) < 0 ||
	    app_kr(r->app, &r->arena, id, kr, &h, &nh, &err) < 0) {
		page_error(r, 404, "No such key result",
			   "There is no key result with that number.");
		return -1;
	}
	return 0;
}

int
h_page_criterion_add(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct buf ref = BUF_INIT, title = BUF_INIT;
	double pct = 0;
	int64_t id;
	int rc, has;

	if (form_kr(r, &kr) < 0)
		return 0;
	page_form(r, "ref", &ref);
	page_form(r, "title", &title);
	if ((rc = number(r, "contribution", &pct, &has, &err)) == 0) {
		if (!has)
			rc = okra_err_set(&err, OKRA_EINVAL, "contribution",
					  "a criterion needs its percentage contribution (R7)");
		else
			rc = app_criterion_add(r->app, kr.id, ref.buf, pct, title.buf, &id, &err);
	}
	answer(r, kr.objective, arena_sprintf(&r->arena, "crit-%" PRId64, kr.id),
	       arena_sprintf(&r->arena, "kr-%" PRId64, kr.id), rc, &err);
	buf_release(&ref);
	buf_release(&title);
	return 0;
}

int
h_page_initiative_add(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct buf ref = BUF_INIT, title = BUF_INIT;
	int64_t id;
	int rc;

	if (form_kr(r, &kr) < 0)
		return 0;
	page_form(r, "ref", &ref);
	page_form(r, "title", &title);
	rc = app_initiative_add(r->app, kr.id, title.buf, ref.len ? ref.buf : NULL, &id, &err);
	answer(r, kr.objective, arena_sprintf(&r->arena, "init-%" PRId64, kr.id),
	       arena_sprintf(&r->arena, "kr-%" PRId64, kr.id), rc, &err);
	buf_release(&ref);
	buf_release(&title);
	return 0;
}

int
h_page_objective_copy(struct request *r)
{
	struct okra_err err = {0};
	struct buf cycle = BUF_INIT;
	int64_t id, copy = 0;
	int rc;

	if (page_post_objective_id(r, &id) < 0)
		return 0;
	page_form(r, "cycle", &cycle);
	rc = app_objective_copy(r->app, id, cycle.buf, &copy, &err);
	buf_release(&cycle);
	if (rc == OKRA_ENOTFOUND && !*err.field)
		return page_error(r, 404, "No such objective", err.msg);
	if (rc < 0)
		return answer(r, id, "copy", "copy", rc, &err);
	return answer(r, copy, "copy", "carried", 0, &err);
}
