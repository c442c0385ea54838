/* page_checkin_form.c: a KR's check-in and an objective's weekly status, drawn and read back the
 * same way on the objective page and on /checkin. */
#include "http/page.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "util/xalloc.h"
#include "app/updates.h"

/*
 * Names and ids. On the objective page each KR has a form of its own: the
 * posted names are "value", "health", "note" and the ids "v12", "h12", "n12".
 * On /checkin every item is in one form: names and ids are "kr-12-value" ….
 */
static void
checkin_name(struct buf *b, const struct key_result *kr, int alone, const char *what)
{
	buf_reset(b);
	if (alone)
		buf_adds(b, what);
	else
		buf_addf(b, "kr-%" PRId64 "-%s", kr->id, what);
}

static void
checkin_id(struct buf *b, const struct key_result *kr, int alone, const char *what)
{
	buf_reset(b);
	if (alone)
		buf_addf(b, "%c%" PRId64, what[0], kr->id);
	else
		buf_addf(b, "kr-%" PRId64 "-%s", kr->id, what);
}

void
page_checkin_fields(struct form *f, const struct key_result *kr, int alone)
{
	struct buf *b = &f->r->out, name = BUF_INIT, id = BUF_INIT, label = BUF_INIT,
		   hint = BUF_INIT;
	char num[32];

	buf_adds(b, "<div class=\"row\">\n");
	if (kr->kind == KR_METRIC) {
		checkin_name(&name, kr, alone, "value");
		checkin_id(&id, kr, alone, "value");
		buf_adds(&label, "Value now");
		if (*kr->unit) {
			buf_adds(&label, " (");
			buf_adds(&label, kr->unit);
			buf_adds(&label, ")");
		}
		buf_addf(&hint, "from %g to %g", kr->start, kr->target);
		snprintf(num, sizeof(num), "%g", kr->current);
		form_field(f, &(struct form_field){.type = FIELD_NUMBER,
						   .name = name.buf,
						   .id = id.buf,
						   .key = "value",
						   .label = label.buf,
						   .hint = hint.buf,
						   .hint_unlinked = 1,
						   .value = num,
						   .size = 10,
						   .preview = 1,
						   .start = kr->start,
						   .target = kr->target});
	} else {
		buf_adds(b,
			 "<p class=\"muted\">Progress comes from the scoring criteria as their "
			 "issues close (R9): record the health and a note.</p>\n");
	}
	checkin_name(&name, kr, alone, "health");
	checkin_id(&id, kr, alone, "health");
	form_field(f, &(struct form_field){.type = FIELD_HEALTH,
					   .name = name.buf,
					   .id = id.buf,
					   .key = "health",
					   .label = "Health",
					   .value = health_name(kr->health)});
	checkin_name(&name, kr, alone, "note");
	checkin_id(&id, kr, alone, "note");
	form_field(f, &(struct form_field){.type = FIELD_TEXT,
					   .name = name.buf,
					   .id = id.buf,
					   .key = "note",
					   .label = "Note",
					   .size = 36});
	if (alone)
		buf_adds(b, "<div><button type=\"submit\">Check in</button></div>\n");
	buf_adds(b, "</div>\n");
	buf_release(&name);
	buf_release(&id);
	buf_release(&label);
	buf_release(&hint);
}

int
page_checkin_post(struct request *r, const struct key_result *kr, int alone, struct okra_err *err)
{
	struct checkin_input in = {.key_result = kr->id};
	struct buf name = BUF_INIT, v = BUF_INIT, note = BUF_INIT;
	int64_t id;
	int rc;

	checkin_name(&name, kr, alone, "health");
	page_form(r, name.buf, &v);
	if ((rc = validate_health("health", v.buf, &in.health, err)) < 0)
		goto out;
	if (kr->kind == KR_METRIC) {
		checkin_name(&name, kr, alone, "value");
		buf_reset(&v);
		page_form(r, name.buf, &v);
		if (!v.len) {
			rc = okra_err_set(err, OKRA_EINVAL, "value",
					  "Enter the value measured now.");
			goto out;
		}
		if ((rc = validate_number("value", v.buf, &in.value, err)) < 0)
			goto out;
		in.has_value = 1;
	}
	checkin_name(&name, kr, alone, "note");
	page_form(r, name.buf, &note);
	in.note = note.buf;
	rc = app_checkin(r->app, &in, &id, err);
out:
	buf_release(&name);
	buf_release(&v);
	buf_release(&note);
	return rc;
}

/*
 * The weekly status: its health and one line per KR. On the objective page
 * the names are "health" and "line-12" (ids "status-health", "line-12") and
 * each line is required; on /checkin they are "obj-4-health", "obj-4-line-12".
 */
static void
status_name(struct buf *b, const struct objective *o, int alone, const char *what, int64_t kr)
{
	buf_reset(b);
	if (!alone)
		buf_addf(b, "obj-%" PRId64 "-", o->id);
	buf_adds(b, what);
	if (kr)
		buf_addf(b, "-%" PRId64, kr);
}

void
page_status_fields(struct form *f, const struct objective *o, int alone)
{
	struct buf name = BUF_INIT, label = BUF_INIT;

	status_name(&name, o, alone, "health", 0);
	form_field(f, &(struct form_field){.type = FIELD_HEALTH,
					   .name = name.buf,
					   .id = alone ? "status-health" : name.buf,
					   .key = "health",
					   .label = "Health",
					   .value = health_name(o->health)});
	form_error(f, "lines", NULL);
	for (size_t k = 0; k < o->nkrs; k++) {
		status_name(&name, o, alone, "line", o->krs[k].id);
		buf_reset(&label);
		buf_adds(&label, "One line on: ");
		buf_adds(&label, o->krs[k].title);
		form_field(f, &(struct form_field){.type = FIELD_TEXT,
						   .name = name.buf,
						   .label = label.buf,
						   .cls = "wide",
						   .required = alone});
	}
	buf_release(&name);
	buf_release(&label);
}

int
page_status_post(struct request *r, const struct objective *o, int alone, struct okra_err *err)
{
	struct status_input in = {.objective = o->id};
	struct status_line *lines = xcalloc(o->nkrs + 1, sizeof(*lines));
	struct buf *texts = xcalloc(o->nkrs + 1, sizeof(*texts));
	struct buf name = BUF_INIT, v = BUF_INIT;
	int64_t id;
	int rc;

	status_name(&name, o, alone, "health", 0);
	page_form(r, name.buf, &v);
	for (size_t k = 0; k < o->nkrs; k++) {
		buf_init(&texts[k], 0);
		status_name(&name, o, alone, "line", o->krs[k].id);
		/* A line left empty is missing: the app says which KR still needs one. */
		if (page_form(r, name.buf, &texts[k]) && texts[k].len) {
			lines[in.nlines].key_result = o->krs[k].id;
			lines[in.nlines].line = texts[k].buf;
			in.nlines++;
		}
	}
	in.lines = lines;
	if ((rc = validate_health("health", v.buf, &in.health, err)) == 0)
		rc = app_status(r->app, &in, &id, err);
	for (size_t k = 0; k < o->nkrs; k++)
		buf_release(&texts[k]);
	free(texts);
	free(lines);
	buf_release(&name);
	buf_release(&v);
	return rc;
}
