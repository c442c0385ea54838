/* page_plan_kr_edit.c: editing a key result on the objective page — title, DRI, unit, start,
 * target, weight, context — saving only what changed, at the version the form was drawn at.
 */
#include "http/page.h"

#include <inttypes.h>
#include <string.h>

#include "core/validate.h"
#include "http/handler.h"
#include "app/objectives.h"
#include "app/reads.h"

static const char *
num(struct request *r, double v)
{
	return arena_sprintf(&r->arena, "%g", v);
}

void
page_kr_edit_form(struct request *r, const struct key_result *kr, const struct okra_err *err)
{
	const char *name = arena_sprintf(&r->arena, "kredit-%" PRId64, kr->id);
	struct form fm = {.r = r, .err = err, .id = name}, fresh = {.r = r};
	const char *id = arena_sprintf(&r->arena, "%s-", name);

	fm.action = arena_sprintf(&r->arena, "/key-results/%" PRId64 "/edit", kr->id);
	form_open(&fm);
	buf_adds(&r->out, "<h4>Edit this key result</h4>\n");
	form_top(&fm);
	form_field(&fresh, &(struct form_field){
				   .type = FIELD_HIDDEN,
				   .name = "version",
				   .value = arena_sprintf(&r->arena, "%" PRId64, kr->version)});
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "title",
					     .id = arena_sprintf(&r->arena, "%stitle", id),
					     .label = "Title",
					     .value = kr->title,
					     .cls = "wide",
					     .required = 1});
	page_dri_field(&fm, "dri", arena_sprintf(&r->arena, "%sdri", id), kr->dri_handle);
	if (kr->kind == KR_METRIC) {
		form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
						     .name = "unit",
						     .id = arena_sprintf(&r->arena, "%sunit", id),
						     .label = "Unit",
						     .value = kr->unit,
						     .size = 8});
		form_field(&fm, &(struct form_field){.type = FIELD_NUMBER,
						     .name = "start",
						     .id = arena_sprintf(&r->arena, "%sstart", id),
						     .label = "Start",
						     .value = num(r, kr->start),
						     .size = 8});
		form_field(&fm, &(struct form_field){.type = FIELD_NUMBER,
						     .name = "target",
						     .id = arena_sprintf(&r->arena, "%starget", id),
						     .label = "Target",
						     .value = num(r, kr->target),
						     .size = 8});
	}
	form_field(&fm, &(struct form_field){.type = FIELD_NUMBER,
					     .name = "weight",
					     .id = arena_sprintf(&r->arena, "%sweight", id),
					     .label = "Weight",
					     .value = num(r, kr->weight),
					     .size = 6});
	form_field(&fm, &(struct form_field){.type = FIELD_TEXTAREA,
					     .name = "context",
					     .id = arena_sprintf(&r->arena, "%scontext", id),
					     .label = "Context",
					     .value = kr->context,
					     .rows = 3,
					     .cls = "wide"});
	buf_adds(&r->out, "<button type=\"submit\">Save key result</button>\n");
	form_close(&fm);
}

/* A number field into *v and *set when it was typed and differs from was. */
static int
changed_number(struct request *r, const char *name, double was, double *v, int *set,
	       struct okra_err *err)
{
	struct buf t = BUF_INIT;
	int rc = 0;

	page_form(r, name, &t);
	if (t.len && (rc = validate_number(name, t.buf, v, err)) == 0)
		*set = *v != was;
	buf_release(&t);
	return rc;
}

/* Only what changed goes to app_kr_edit (strings in the request's arena). */
static int
edit(struct request *r, const struct key_result *kr, struct okra_err *err)
{
	struct kr_edit e = {0};
	struct buf t[5] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	const char *was[4] = {kr->title, kr->dri_handle, kr->unit, kr->context};
	const char **to[4] = {&e.title, &e.dri, &e.unit, &e.context};
	static const char *const names[4] = {"title", "dri", "unit", "context"};
	int rc = 0;

	for (int i = 0; i < 4; i++) {
		if (i == 3)
			page_form_text(r, names[i], &t[i]);
		else
			page_form(r, names[i], &t[i]);
		if ((i != 2 || kr->kind == KR_METRIC) && strcmp(t[i].buf, was[i] ? was[i] : ""))
			*to[i] = arena_strdup(&r->arena, t[i].buf);
	}
	page_form(r, "version", &t[4]);
	if ((t[4].len && (rc = validate_id("version", t[4].buf, &e.if_version, err)) < 0) ||
	    (kr->kind == KR_METRIC &&
	     ((rc = changed_number(r, "start", kr->start, &e.start, &e.set_start, err)) < 0 ||
	      (rc = changed_number(r, "target", kr->target, &e.target, &e.set_target, err)) < 0)) ||
	    (rc = changed_number(r, "weight", kr->weight, &e.weight, &e.set_weight, err)) < 0)
		goto out;
	rc = app_kr_edit(r->app, kr->id, &e, err);
out:
	for (int i = 0; i < 5; i++)
		buf_release(&t[i]);
	return rc;
}

int
h_page_kr_edit(struct request *r)
{
	struct okra_err err = {0};
	struct key_result kr = {0};
	struct checkin *h = NULL;
	size_t nh = 0;
	int64_t id;
	int rc;

	if (page_form_check(r) < 0)
		return 0;
	if (validate_id("id", r->params[0], &id, &err) < 0 ||
	    app_kr(r->app, &r->arena, id, &kr, &h, &nh, &err) < 0)
		return page_error(r, 404, "No such key result",
				  "There is no key result with that number.");
	rc = edit(r, &kr, &err);
	if (rc < 0) {
		struct refused_form f = {arena_sprintf(&r->arena, "kredit-%" PRId64, id), &err};

		return objective_page(r, kr.objective, &f, form_status(rc));
	}
	return page_redirect(r, arena_sprintf(&r->arena, "/objectives/%" PRId64 "#kr-%" PRId64,
					      kr.objective, id));
}
