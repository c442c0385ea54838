/* page_plan_kr_move.c: on the objective page, a key result moved up or down among its
 * objective's, or to another objective of the same team and cycle — forms that need no
 * JavaScript — and their POST (app_kr_move). */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "core/validate.h"
#include "http/handler.h"
#include "app/objectives.h"
#include "app/reads.h"
#include "app/tree.h"
#include "util/html.h"

static const struct okra_err *
refused(const struct refused_form *f, const char *name)
{
	return f && f->form && !strcmp(f->form, name) ? f->err : NULL;
}

/* The form names of kr's moves: "kmove-up-12", "kmove-down-12", "kmove-to-12". */
static const char *
form_name(struct request *r, const char *what, int64_t kr)
{
	return arena_sprintf(&r->arena, "kmove-%s-%" PRId64, what, kr);
}

int
page_kr_move_refused(struct request *r, int64_t kr, const struct refused_form *f)
{
	return refused(f, form_name(r, "up", kr)) || refused(f, form_name(r, "down", kr)) ||
	       refused(f, form_name(r, "to", kr));
}

static void
step_form(struct request *r, const struct key_result *kr, const char *dir, const char *label,
	  const struct refused_form *f)
{
	const char *name = form_name(r, dir, kr->id);
	struct form fm = {.r = r, .err = refused(f, name), .id = name, .cls = "inline no-print"};

	fm.action = arena_sprintf(&r->arena, "/key-results/%" PRId64 "/move", kr->id);
	form_open(&fm);
	form_top(&fm);
	form_field(&fm, &(struct form_field){.type = FIELD_HIDDEN,
					     .name = "direction",
					     .id = arena_sprintf(&r->arena, "%s-dir", name),
					     .value = dir});
	buf_adds(&r->out, "<button type=\"submit\" class=\"small\" aria-label=\"");
	html_attr(&r->out, label);
	buf_adds(&r->out, ": ");
	html_attr(&r->out, kr->title);
	buf_adds(&r->out, "\">");
	html_txt(&r->out, label);
	buf_adds(&r->out, "</button>\n");
	form_close(&fm);
}

/* The objectives of t the KR of o may go to: same cycle and team, open, the actor's to edit. */
static struct form_option *
destinations(struct request *r, const struct app_tree *t, const struct objective *o, size_t *n)
{
	struct form_option *opt = arena_calloc(&r->arena, t->n + 1, sizeof(*opt));

	*n = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct objective *d = &t->v[i];

		if (d->id == o->id || d->cycle != o->cycle || d->team != o->team ||
		    app_may_change_objective(r->app, &d->row, NULL) < 0)
			continue;
		opt[(*n)++] = (struct form_option){
			arena_sprintf(&r->arena, "%" PRId64, d->id),
			arena_sprintf(&r->arena, "#%" PRId64 " %s%s", d->id, d->title,
				      d->state == STATE_DRAFT ? " (draft)" : ""),
			0};
	}
	return opt;
}

void
page_kr_move_to(struct request *r, const struct app_tree *t, const struct objective *o,
		const struct key_result *kr, const struct refused_form *f)
{
	const char *name = form_name(r, "to", kr->id);
	struct form fm = {.r = r, .err = refused(f, name), .id = name};
	struct form_option *opt;
	size_t n;

	opt = destinations(r, t, o, &n);
	if (!n && !fm.err)
		return;
	fm.action = arena_sprintf(&r->arena, "/key-results/%" PRId64 "/move", kr->id);
	form_open(&fm);
	buf_adds(&r->out, "<h4>Move to another objective</h4>\n");
	form_top(&fm);
	form_field(&fm, &(struct form_field){
				.type = FIELD_SELECT,
				.name = "objective",
				.id = arena_sprintf(&r->arena, "%s-objective", name),
				.label = "Objective",
				.options = opt,
				.noptions = n,
				.hint = "Of the same team and cycle; its check-ins, criteria and "
					"initiatives go with it."});
	buf_adds(&r->out, "<button type=\"submit\">Move key result</button>\n");
	form_close(&fm);
}

void
page_kr_order(struct request *r, const struct objective *o, size_t k, const struct refused_form *f)
{
	const struct key_result *kr = &o->krs[k];
	int up = k > 0 || refused(f, form_name(r, "up", kr->id));
	int down = k + 1 < o->nkrs || refused(f, form_name(r, "down", kr->id));

	if (!up && !down)
		return;
	buf_adds(&r->out, "<div class=\"kr-order no-print\">");
	if (up)
		step_form(r, kr, "up", "Move up", f);
	if (down)
		step_form(r, kr, "down", "Move down", f);
	buf_adds(&r->out, "</div>\n");
}

int
h_page_kr_move(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct kr_move m = {0};
	struct buf dir = BUF_INIT, obj = BUF_INIT;
	const char *form;
	int64_t id;
	int rc = 0;

	if (page_post_kr(r, &id, &kr) < 0)
		return 0;
	page_form(r, "direction", &dir);
	page_form(r, "objective", &obj);
	form = form_name(r, obj.len ? "to" : !strcmp(dir.buf, "down") ? "down" : "up", id);
	if (obj.len)
		rc = validate_id("objective", obj.buf, &m.objective, &err);
	else
		m.step = !strcmp(dir.buf, "down") ? 1 : -1;
	buf_release(&dir);
	buf_release(&obj);
	if (rc == 0)
		rc = app_kr_move(r->app, id, &m, &err);
	if (rc == 0 && m.objective)
		kr.objective = m.objective;
	return objective_page_after(r, kr.objective, form,
				    arena_sprintf(&r->arena, "kr-%" PRId64, id), rc, &err);
}
