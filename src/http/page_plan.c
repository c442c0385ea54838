/* page_plan.c: planning an objective — /objectives/new and /objectives/{id}/edit: its cycle and
 * level, title, parent (only those it may align to, R1), DRI (new joiners listed but not
 * pickable, R4), weight, context and linked epics and issues (R6).
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/validate.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/objectives.h"
#include "app/reads.h"
#include "app/tree.h"

/* What the form is about: the objective edited (id 0 on /objectives/new), its cycle and team. */
struct plan {
	int64_t id;
	const char *cycle, *team;  /* team "" = company */
	const struct objective *o; /* edited, or NULL */
	const struct okra_err *err;
	int stale; /* someone saved the objective since the form was drawn */
};

/* A value of the form: posted when the form is shown again, else from the query. */
static const char *
chosen(struct request *r, const char *name, const char *fallback)
{
	struct buf v = BUF_INIT;
	const char *q = req_query(r, name), *out = fallback;

	if (r->body.len && form_get(r->body.buf, name, &v) == 1)
		out = arena_strdup(&r->arena, v.buf);
	else if (q)
		out = q;
	buf_release(&v);
	return out;
}

/* The quarter running today, else the last cycle; "" when there are none. */
static const char *
default_cycle(const struct cycle *v, size_t n, int32_t today)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].kind == CYCLE_QUARTER && v[i].starts_on <= today && today <= v[i].ends_on)
			return v[i].name;
	return n ? v[n - 1].name : "";
}

/* The teams the actor may plan for, as options ("" = company first when they may). */
static struct form_option *
team_options(struct request *r, const struct team *t, size_t nt, size_t *n)
{
	struct form_option *o = arena_calloc(&r->arena, nt + 1, sizeof(*o));

	*n = 0;
	if (app_may_create_objective(r->app, NULL, NULL) == 0)
		o[(*n)++] = (struct form_option){"", "Company (leadership)", 0};
	for (size_t i = 0; i < nt; i++)
		if (app_may_create_objective(r->app, t[i].slug, NULL) == 0)
			o[(*n)++] = (struct form_option){t[i].slug, t[i].name, 0};
	return o;
}

/* /objectives/new's first choice: the cycle and who it is for (a GET that redraws the form). */
static void
where_form(struct request *r, struct plan *p, const struct cycle *cy, size_t nc,
	   const struct form_option *teams, size_t nteams)
{
	struct form f = {.r = r, .action = "/objectives/new", .id = "where", .get = 1};
	struct form_option *co = arena_calloc(&r->arena, nc ? nc : 1, sizeof(*co));

	for (size_t i = 0; i < nc; i++)
		co[i] = (struct form_option){
			cy[i].name,
			cy[i].kind == CYCLE_YEAR ? arena_sprintf(&r->arena, "%s (year)", cy[i].name)
						 : cy[i].name,
			0};
	form_open(&f);
	buf_adds(&r->out, "<h2>Cycle and level</h2>\n");
	form_field(&f, &(struct form_field){.type = FIELD_SELECT,
					    .name = "cycle",
					    .id = "where-cycle",
					    .label = "Cycle",
					    .value = p->cycle,
					    .options = co,
					    .noptions = nc});
	form_field(&f, &(struct form_field){
			       .type = FIELD_SELECT,
			       .name = "team",
			       .id = "where-team",
			       .label = "For",
			       .value = p->team,
			       .options = teams,
			       .noptions = nteams,
			       .hint = "The company's objectives are annual or quarterly; a "
				       "team's (a workstream's) are quarterly (R1)."});
	buf_adds(&r->out, "<button type=\"submit\">Choose</button>\n");
	form_close(&f);
}

/* "FY2027-Q1 · platform" or "FY2027 · company": where a parent sits. */
static const char *
parent_label(struct request *r, const struct objective *o)
{
	return arena_sprintf(&r->arena, "#%" PRId64 " %s — %s · %s", o->id, o->title,
			     o->cycle_name ? o->cycle_name : "?",
			     o->team_slug ? o->team_slug : "company");
}

/* Only the objectives it may align to (app_parent_choices), or none. */
static void
parent_field(struct form *f, const struct plan *p)
{
	struct request *r = f->r;
	struct okra_err err = {0};
	struct objective *v = NULL;
	struct form_option *o;
	size_t n = 0, k = 0;

	app_parent_choices(r->app, &r->arena, p->cycle, p->team, p->id, &v, &n, &err);
	o = arena_calloc(&r->arena, n + 1, sizeof(*o));
	o[k++] = (struct form_option){"", "None (not aligned)", 0};
	for (size_t i = 0; i < n; i++)
		o[k++] = (struct form_option){arena_sprintf(&r->arena, "%" PRId64, v[i].id),
					      parent_label(r, &v[i]), 0};
	form_field(f, &(struct form_field){
			      .type = FIELD_SELECT,
			      .name = "parent",
			      .label = "Aligned to",
			      .value = p->o && p->o->parent
					       ? arena_sprintf(&r->arena, "%" PRId64, p->o->parent)
					       : req_query(r, "parent"),
			      .options = o,
			      .noptions = k,
			      .filter = 1,
			      .hint = "Only the objectives it may align to: its own level or "
				      "higher, in its cycle or its year (R1)."});
}

/* Everyone who may be DRI; a new joiner listed, not pickable, with the day they may (R4). */
void
page_dri_field(struct form *f, const char *name, const char *id, const char *value)
{
	struct request *r = f->r;
	struct okra_err err = {0};
	struct person *pv = NULL;
	struct form_option *o;
	size_t n = 0, k = 0;
	char from[11];

	app_people(r->app, &r->arena, &pv, &n, &err);
	o = arena_calloc(&r->arena, n + 1, sizeof(*o));
	o[k++] = (struct form_option){"", "Choose a person", 0};
	for (size_t i = 0; i < n; i++) {
		if (pv[i].role == ROLE_VIEWER)
			continue;
		o[k].value = pv[i].handle;
		if (cal_is_new_joiner(pv[i].joined_on, r->app->today)) {
			cal_format_date(cal_onboarding_ends(pv[i].joined_on), from);
			o[k].label = arena_sprintf(&r->arena, "%s — %s (new joiner: DRI from %s)",
						   pv[i].handle, pv[i].name, from);
			o[k++].disabled = 1;
		} else {
			o[k++].label =
				arena_sprintf(&r->arena, "%s — %s", pv[i].handle, pv[i].name);
		}
	}
	form_field(f, &(struct form_field){.type = FIELD_SELECT,
					   .name = name,
					   .id = id,
					   .key = "dri",
					   .label = "DRI",
					   .value = value,
					   .options = o,
					   .noptions = k,
					   .required = 1,
					   .filter = 1,
					   .hint = "New joiners are DRIs three months after they "
						   "join (R4)."});
}

/* On a stale edit: "Saved meanwhile: …" under a field whose saved value differs. */
static const char *
now_saved(struct request *r, const struct plan *p, const char *saved)
{
	return p->stale && saved ? arena_sprintf(&r->arena, "Saved meanwhile: %s", saved) : NULL;
}

static void
text_fields(struct form *f, const struct plan *p)
{
	const struct objective *o = p->o;
	const char *w = o ? arena_sprintf(&f->r->arena, "%g", o->weight) : "1";

	form_field(f, &(struct form_field){.type = FIELD_TEXT,
					   .name = "title",
					   .label = "Title",
					   .value = o ? o->title : "",
					   .cls = "wide",
					   .required = 1,
					   .hint = now_saved(f->r, p, o ? o->title : NULL),
					   .hint_unlinked = 1});
	parent_field(f, p);
	page_dri_field(f, "dri", "dri", o ? o->dri_handle : "");
	form_field(f, &(struct form_field){.type = FIELD_NUMBER,
					   .name = "weight",
					   .label = "Weight in its parent's roll-up",
					   .value = w,
					   .size = 6,
					   .hint = now_saved(f->r, p, o ? w : NULL),
					   .hint_unlinked = 1});
	form_field(f, &(struct form_field){.type = FIELD_TEXTAREA,
					   .name = "context",
					   .label = "Context",
					   .value = o ? o->context : "",
					   .rows = 4,
					   .cls = "wide",
					   .hint = now_saved(f->r, p, o ? o->context : NULL),
					   .hint_unlinked = 1});
	form_field(f, &(struct form_field){
			      .type = FIELD_TEXTAREA,
			      .name = "links",
			      .label = o ? "Link more epics and issues" : "Linked epics and issues",
			      .rows = 3,
			      .cls = "wide",
			      .hint = "One a line: group/project#123, group&45, owner/repo#7, "
				      "PROJ-123 (Jira) or a URL (R6)."});
}

static void
objective_form(struct request *r, const struct plan *p)
{
	struct form f = {.r = r, .err = p->err, .id = "plan"};
	struct buf *b = &r->out;

	f.action = p->id ? arena_sprintf(&r->arena, "/objectives/%" PRId64 "/edit", p->id)
			 : "/objectives/new";
	form_open(&f);
	buf_adds(b, "<h2>The objective</h2>\n<p class=\"sub\">");
	html_txt(b, p->cycle);
	buf_adds(b, " · ");
	html_txt(b, *p->team ? p->team : "company");
	buf_adds(b, "</p>\n");
	form_top(&f);
	if (p->id) {
		struct form fresh = {.r = r}; /* the version saved now, even on a stale form */

		form_field(&fresh,
			   &(struct form_field){
				   .type = FIELD_HIDDEN,
				   .name = "version",
				   .value = arena_sprintf(&r->arena, "%" PRId64, p->o->version)});
	} else {
		form_field(&f, &(struct form_field){
				       .type = FIELD_HIDDEN, .name = "cycle", .value = p->cycle});
		form_field(&f, &(struct form_field){
				       .type = FIELD_HIDDEN, .name = "team", .value = p->team});
	}
	text_fields(&f, p);
	if (!p->id)
		form_field(&f,
			   &(struct form_field){.type = FIELD_CHECKBOX,
						.name = "draft",
						.label = "Save as a draft (seen by its team and "
							 "leaders until published)"});
	buf_adds(b, p->id ? "<button type=\"submit\">Save</button>\n"
			  : "<button type=\"submit\">Create objective</button>\n");
	form_close(&f);
}

/* Why no form can be drawn for this cycle and team, or NULL. */
static const char *
cannot(struct request *r, const struct plan *p, const struct cycle *cy, size_t nc)
{
	struct okra_err err = {0};
	size_t i;

	for (i = 0; i < nc && strcmp(cy[i].name, p->cycle); i++)
		;
	if (i == nc)
		return "There is no such cycle: choose one above.";
	if (*p->team && cy[i].kind == CYCLE_YEAR)
		return "A team's objectives are quarterly (R1): choose one of the year's quarters.";
	if (app_may_create_objective(r->app, p->team, &err) < 0)
		return arena_strdup(&r->arena, err.msg);
	return NULL;
}

static int
new_page(struct request *r, struct plan *p, int status)
{
	struct okra_err err = {0};
	struct cycle *cy = NULL;
	struct team *tv = NULL;
	struct form_option *teams;
	size_t nc = 0, nt = 0, nteams;
	const char *why;

	app_cycles(r->app, &r->arena, &cy, &nc, &err);
	app_teams(r->app, &r->arena, &tv, &nt, &err);
	teams = team_options(r, tv, nt, &nteams);
	p->cycle = chosen(r, "cycle", default_cycle(cy, nc, r->app->today));
	p->team = chosen(r, "team", nteams ? teams[0].value : "");
	page_begin(r, "New objective", NULL);
	buf_adds(&r->out, "<h1>New objective</h1>\n");
	if (!nteams) {
		buf_adds(&r->out, "<p class=\"notice\">");
		app_may_create_objective(r->app, NULL, &err);
		html_txt(&r->out, err.msg);
		buf_adds(&r->out, " — and members plan only in their own teams.</p>\n");
		status = status == 200 ? 403 : status;
	} else {
		where_form(r, p, cy, nc, teams, nteams);
		if ((why = cannot(r, p, cy, nc))) {
			buf_adds(&r->out, "<p class=\"notice\" id=\"cannot\">");
			html_txt(&r->out, why);
			buf_adds(&r->out, "</p>\n");
			if (status == 200 && app_may_create_objective(r->app, p->team, NULL) < 0)
				status = 403;
		} else {
			objective_form(r, p);
		}
	}
	return page_end(r, status);
}

static int
edit_page(struct request *r, struct plan *p, int status)
{
	struct okra_err err = {0};
	struct app_tree t = {0};
	struct buf url = BUF_INIT;
	size_t idx;
	int rc;

	if ((rc = app_objective_tree(r->app, &r->arena, p->id, &t, &idx, &err)) < 0)
		return page_error(r, rc == OKRA_ENOTFOUND ? 404 : 503, "No such objective",
				  rc == OKRA_ENOTFOUND ? "There is no objective with that number."
						       : err.msg);
	p->o = &t.v[idx];
	if (!p->err && app_may_change_objective(r->app, &p->o->row, &err) < 0)
		return page_error(r, form_status(err.code), "You cannot edit this objective",
				  err.msg);
	p->cycle = p->o->cycle_name;
	p->team = p->o->team_slug ? p->o->team_slug : "";
	page_begin(r, "Edit objective", NULL);
	buf_adds(&r->out, "<p class=\"sub\">");
	page_url_objective(&url, p->id);
	page_link(&r->out, url.buf, p->o->title);
	buf_adds(&r->out, "</p>\n<h1>Edit objective</h1>\n");
	objective_form(r, p);
	buf_release(&url);
	return page_end(r, status);
}

int
plan_objective_page(struct request *r, int64_t id, const struct okra_err *err, int status)
{
	struct plan p = {.id = id, .err = err, .stale = err && err->code == OKRA_ESTALE};

	return id ? edit_page(r, &p, status) : new_page(r, &p, status);
}

int
h_page_objective_new(struct request *r)
{
	return plan_objective_page(r, 0, NULL, 200);
}

int
h_page_objective_edit(struct request *r)
{
	struct okra_err err = {0};
	int64_t id;

	if (validate_id("id", r->params[0], &id, &err) < 0)
		return page_error(r, 404, "No such objective",
				  "Objective numbers are whole numbers.");
	return plan_objective_page(r, id, NULL, 200);
}
