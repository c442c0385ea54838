/* page_correct.c: corrections on the objective page — amend or retract one's own recent check-in
 * or status, remove a criterion, initiative or link added by mistake, reopen a closed objective —
 * drawn only for who may, and their POSTs.
 */
#include "http/page.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "app/corrections.h"
#include "app/updates.h"
#include "core/validate.h"
#include "http/handler.h"
#include "util/html.h"

/* The refusal of the form named name, or NULL. */
static const struct okra_err *
refused(const struct refused_form *f, const char *name)
{
	return f && f->form && !strcmp(f->form, name) ? f->err : NULL;
}

/* 1 when f is the refusal of the form prefix-id: drawn again to say why beside it. */
static int
was_refused(const struct refused_form *f, const char *prefix, int64_t id)
{
	char name[64];

	snprintf(name, sizeof(name), "%s-%" PRId64, prefix, id);
	return refused(f, name) != NULL;
}

int
page_may_correct_checkin(struct request *r, const struct objective *o, const struct checkin *c,
			 const struct refused_form *f)
{
	const struct key_result *kr = NULL;

	if (was_refused(f, "amend", c->id) || was_refused(f, "retract", c->id))
		return 1;

	for (size_t k = 0; k < o->nkrs; k++)
		if (o->krs[k].id == c->key_result)
			kr = &o->krs[k];
	return kr && o->state != STATE_CLOSED && c->source == SOURCE_MANUAL &&
	       app_may_correct_update(r->app, c->author, c->at) &&
	       app_may_update(r->app, UPDATE_CHECKIN, &o->row, kr, NULL, NULL) == 0;
}

int
page_may_correct_status(struct request *r, const struct objective *o, const struct status_update *s,
			const struct refused_form *f)
{
	if (was_refused(f, "retract-status", s->id))
		return 1;
	return o->state != STATE_CLOSED && app_may_correct_update(r->app, s->author, s->at) &&
	       app_may_update(r->app, UPDATE_STATUS, &o->row, NULL, NULL, NULL) == 0;
}

/* A form of one button posting to action, with the objective to come back to. */
static void
button_form(struct request *r, const char *action, const char *name, const char *label,
	    const char *confirm, int64_t objective, const struct refused_form *f)
{
	struct form fm = {.r = r,
			  .err = refused(f, name),
			  .action = action,
			  .id = name,
			  .cls = "inline no-print",
			  .confirm = confirm};
	char obj[24];

	snprintf(obj, sizeof(obj), "%" PRId64, objective);
	form_open(&fm);
	form_top(&fm);
	form_field(&fm,
		   &(struct form_field){.type = FIELD_HIDDEN, .name = "objective", .value = obj});
	buf_adds(&r->out, "<button type=\"submit\" class=\"small\">");
	html_txt(&r->out, label);
	buf_adds(&r->out, "</button>\n");
	form_close(&fm);
}

void
page_correct_checkin(struct request *r, const struct objective *o, const struct checkin *c,
		     const struct refused_form *f)
{
	const struct key_result *kr = NULL;
	struct buf url = BUF_INIT, name = BUF_INIT, idv = BUF_INIT, idh = BUF_INIT, idn = BUF_INIT;
	struct form fm = {.r = r, .cls = "no-print"};
	char value[32], obj[24];

	for (size_t k = 0; k < o->nkrs; k++)
		if (o->krs[k].id == c->key_result)
			kr = &o->krs[k];
	buf_addf(&url, "/checkins/%" PRId64 "/amend", c->id);
	buf_addf(&name, "amend-%" PRId64, c->id);
	buf_addf(&idv, "amend-%" PRId64 "-value", c->id);
	buf_addf(&idh, "amend-%" PRId64 "-health", c->id);
	buf_addf(&idn, "amend-%" PRId64 "-note", c->id);
	fm.err = refused(f, name.buf);
	fm.action = url.buf;
	fm.id = name.buf;
	snprintf(value, sizeof(value), "%g", c->value);
	snprintf(obj, sizeof(obj), "%" PRId64, o->id);
	buf_adds(&r->out, fm.err ? "<details open>" : "<details>");
	buf_adds(&r->out, "<summary>Amend</summary>\n");
	form_open(&fm);
	form_top(&fm);
	form_field(&fm,
		   &(struct form_field){.type = FIELD_HIDDEN, .name = "objective", .value = obj});
	if (kr && kr->kind == KR_METRIC)
		form_field(&fm, &(struct form_field){.type = FIELD_NUMBER,
						     .name = "value",
						     .id = idv.buf,
						     .label = "Value",
						     .value = value,
						     .size = 8});
	form_field(&fm, &(struct form_field){.type = FIELD_HEALTH,
					     .name = "health",
					     .id = idh.buf,
					     .label = "Health",
					     .value = health_name(c->health)});
	form_field(&fm, &(struct form_field){.type = FIELD_TEXT,
					     .name = "note",
					     .id = idn.buf,
					     .label = "Note",
					     .value = c->note});
	buf_adds(&r->out, "<button type=\"submit\" class=\"small\">Save the correction</button>\n");
	form_close(&fm);
	buf_adds(&r->out, "</details>\n");
	buf_reset(&url);
	buf_reset(&name);
	buf_addf(&url, "/checkins/%" PRId64 "/retract", c->id);
	buf_addf(&name, "retract-%" PRId64, c->id);
	button_form(r, url.buf, name.buf, "Retract", "Retract this check-in?", o->id, f);
	buf_release(&url);
	buf_release(&name);
	buf_release(&idv);
	buf_release(&idh);
	buf_release(&idn);
}

void
page_correct_status(struct request *r, const struct objective *o, const struct status_update *s,
		    const struct refused_form *f)
{
	struct buf url = BUF_INIT, name = BUF_INIT;

	buf_addf(&url, "/status-updates/%" PRId64 "/retract", s->id);
	buf_addf(&name, "retract-status-%" PRId64, s->id);
	button_form(r, url.buf, name.buf, "Retract this status", "Retract this weekly status?",
		    o->id, f);
	buf_release(&url);
	buf_release(&name);
}

int
page_may_remove(struct request *r, const struct objective *o, const struct refused_form *f)
{
	if (f && f->form && !strncmp(f->form, "remove-", 7))
		return 1;
	return app_may_remove(r->app, &o->row);
}

/*
 * The "remove it, it was added by mistake" button of one item: kind is its URL's collection
 * (criteria, links, initiatives), label what the button says ("Remove" when NULL).
 */
static void
remove_form(struct request *r, const char *kind, int64_t id, const char *label, int64_t objective,
	    const struct refused_form *f)
{
	struct buf url = BUF_INIT, name = BUF_INIT;

	buf_addf(&url, "/%s/%" PRId64 "/remove", kind, id);
	buf_addf(&name, "remove-%s-%" PRId64, kind, id);
	button_form(r, url.buf, name.buf, label ? label : "Remove",
		    "Remove it? It was added by mistake.", objective, f);
	buf_release(&url);
	buf_release(&name);
}

void
page_remove_button(struct request *r, const char *kind, int64_t id, int64_t objective,
		   const struct refused_form *f)
{
	remove_form(r, kind, id, NULL, objective, f);
}

void
page_remove_link(struct request *r, const struct link *l, int64_t objective,
		 const struct refused_form *f)
{
	struct buf label = BUF_INIT;

	buf_addf(&label, "Remove %s", l->ref);
	remove_form(r, "links", l->id, label.buf, objective, f);
	buf_release(&label);
}

void
page_remove_initiative(struct request *r, const struct initiative *in, int64_t objective,
		       const struct refused_form *f)
{
	struct buf label = BUF_INIT;

	buf_addf(&label, "Remove the initiative %s", in->title);
	remove_form(r, "initiatives", in->id, label.buf, objective, f);
	buf_release(&label);
}

int
page_may_reopen(struct request *r, const struct objective *o, const struct refused_form *f)
{
	return refused(f, "reopen") || app_may_reopen(r->app, &o->row);
}

/* A leader or admin reopens a closed objective, saying why (kept in the audit trail). */
void
page_reopen_form(struct request *r, const struct objective *o, const struct refused_form *f)
{
	struct buf action = BUF_INIT;
	struct form fm = {.r = r, .err = refused(f, "reopen"), .id = "reopen", .cls = "no-print"};

	buf_addf(&action, "/objectives/%" PRId64 "/reopen", o->id);
	fm.action = action.buf;
	form_open(&fm);
	buf_adds(&r->out, "<h2>Reopen</h2>\n");
	form_top(&fm);
	form_field(&fm,
		   &(struct form_field){.type = FIELD_TEXTAREA,
					.name = "reason",
					.id = "reopen-reason",
					.label = "Why reopen it?",
					.hint = "Kept in the audit trail with the final score it "
						"clears.",
					.required = 1});
	buf_adds(&r->out, "<button type=\"submit\">Reopen the objective</button>\n");
	form_close(&fm);
	buf_release(&action);
}

/* --- the POSTs -------------------------------------------------------------------------------- */

/* The path's id and the objective to come back to: 0, or -1 with the answer sent. */
static int
posted(struct request *r, int64_t *id, int64_t *objective)
{
	struct okra_err err = {0};
	struct buf v = BUF_INIT;
	int rc;

	if (page_form_check(r) < 0)
		return -1;
	page_form(r, "objective", &v);
	rc = validate_id("id", r->params[0], id, &err) < 0 ||
	     validate_id("objective", v.buf ? v.buf : "", objective, &err) < 0;
	buf_release(&v);
	if (rc) {
		page_error(r, 404, "Nothing to correct", "That is not something on an objective.");
		return -1;
	}
	return 0;
}

static int
by_id(struct request *r, int (*fn)(struct app *a, int64_t id, struct okra_err *err),
      const char *prefix, const char *anchor)
{
	struct okra_err err = {0};
	char name[64];
	int64_t id, objective;

	if (posted(r, &id, &objective) < 0)
		return 0;
	snprintf(name, sizeof(name), "%s-%" PRId64, prefix, id);
	return objective_page_after(r, objective, name, anchor, fn(r->app, id, &err), &err);
}

int
h_page_checkin_retract(struct request *r)
{
	return by_id(r, app_checkin_retract, "retract", "history");
}

int
h_page_status_retract(struct request *r)
{
	return by_id(r, app_status_retract, "retract-status", "history");
}

int
h_page_criterion_remove(struct request *r)
{
	return by_id(r, app_criterion_remove, "remove-criteria", NULL);
}

int
h_page_initiative_remove(struct request *r)
{
	return by_id(r, app_initiative_remove, "remove-initiatives", NULL);
}

int
h_page_reopen(struct request *r)
{
	struct okra_err err = {0};
	struct buf reason = BUF_INIT;
	int64_t id;
	int rc;

	if (page_post_objective_id(r, &id) < 0)
		return 0;
	page_form(r, "reason", &reason);
	rc = app_objective_reopen(r->app, id, reason.buf ? reason.buf : "", &err);
	rc = objective_page_after(r, id, "reopen", NULL, rc, &err);
	buf_release(&reason);
	return rc;
}

int
h_page_link_remove(struct request *r)
{
	return by_id(r, app_link_remove, "remove-links", NULL);
}

int
h_page_checkin_amend(struct request *r)
{
	struct checkin_amend in = {0};
	struct okra_err err = {0};
	struct buf v = BUF_INIT, h = BUF_INIT, n = BUF_INIT;
	char name[64];
	int64_t id, objective;
	int rc = 0;

	if (posted(r, &id, &objective) < 0)
		return 0;
	snprintf(name, sizeof(name), "amend-%" PRId64, id);
	if (page_form(r, "value", &v) && v.len &&
	    (rc = validate_number("value", v.buf, &in.value, &err)) == 0)
		in.has_value = 1;
	if (rc == 0 && page_form(r, "health", &h) && h.len &&
	    (rc = validate_health("health", h.buf, &in.health, &err)) == 0)
		in.has_health = 1;
	if (page_form(r, "note", &n))
		in.note = n.buf ? n.buf : "";
	if (rc == 0)
		rc = app_checkin_amend(r->app, id, &in, &err);
	rc = objective_page_after(r, objective, name, "history", rc, &err);
	buf_release(&v);
	buf_release(&h);
	buf_release(&n);
	return rc;
}
