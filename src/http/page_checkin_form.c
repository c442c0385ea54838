/* page_checkin_form.c: a KR's check-in and an objective's weekly status, drawn and read back the
 * same way on the objective page and on /checkin. */
#include "http/page.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/present.h"
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

/*
 * The health on /checkin: the current one shown, none when there is none yet
 * ("Choose…"), so that nothing is chosen for the person: an item whose fields
 * all still say what is stored is left alone, not saved.
 */
static void
health_choice(struct form *f, const char *name, const char *id, enum health now)
{
	const struct form_option opts[] = {
		{"", "Choose…"},
		{health_name(HEALTH_ON_TRACK), present_health_label(HEALTH_ON_TRACK)},
		{health_name(HEALTH_NEEDS_ATTENTION), present_health_label(HEALTH_NEEDS_ATTENTION)},
		{health_name(HEALTH_AT_RISK), present_health_label(HEALTH_AT_RISK)},
	};
	int none = now != HEALTH_ON_TRACK && now != HEALTH_NEEDS_ATTENTION && now != HEALTH_AT_RISK;

	form_field(f, &(struct form_field){.type = FIELD_SELECT,
					   .name = name,
					   .id = id,
					   .key = "health",
					   .label = "Health",
					   .value = none ? "" : health_name(now),
					   .options = none ? opts : opts + 1,
					   .noptions = none ? 4 : 3});
}

/* The posted health when it differs from what was drawn (1), else 0. */
static int
health_changed(const char *posted, enum health now)
{
	int none = now != HEALTH_ON_TRACK && now != HEALTH_NEEDS_ATTENTION && now != HEALTH_AT_RISK;

	return *posted && (none || strcmp(posted, health_name(now)));
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
			 "issues close: record the health and a note.</p>\n");
	}
	checkin_name(&name, kr, alone, "health");
	checkin_id(&id, kr, alone, "health");
	if (alone)
		form_field(f, &(struct form_field){.type = FIELD_HEALTH,
						   .name = name.buf,
						   .id = id.buf,
						   .key = "health",
						   .label = "Health",
						   .value = health_name(kr->health)});
	else
		health_choice(f, name.buf, id.buf, kr->health);
	checkin_name(&name, kr, alone, "note");
	checkin_id(&id, kr, alone, "note");
	form_field(f, &(struct form_field){.type = FIELD_TEXT,
					   .name = name.buf,
					   .id = id.buf,
					   .key = "note",
					   .label = "Note",
					   .size = 36});
	if (alone) {
		buf_adds(b, "<div><button type=\"submit\">Check in</button></div>\n");
	} else {
		checkin_name(&name, kr, alone, "same");
		checkin_id(&id, kr, alone, "same");
		form_field(f, &(struct form_field){.type = FIELD_CHECKBOX,
						   .name = name.buf,
						   .id = id.buf,
						   .key = "same",
						   .label = "No change this week"});
	}
	buf_adds(b, "</div>\n");
	buf_release(&name);
	buf_release(&id);
	buf_release(&label);
	buf_release(&hint);
}

/* /checkin: was the item decided? 1 when anything differs from what was drawn or "No change
 * this week" is ticked; value is the posted value ("" when none). */
static int
checkin_decided(const struct key_result *kr, const char *value, const char *health,
		const char *note, int same)
{
	double v;
	char *end;

	if (same || *note || health_changed(health, kr->health))
		return 1;
	if (kr->kind != KR_METRIC || !*value)
		return 0;
	v = strtod(value, &end);
	return *end || v != kr->current;
}

int
page_checkin_post(struct request *r, const struct key_result *kr, int alone, struct okra_err *err)
{
	struct checkin_input in = {.key_result = kr->id};
	struct buf name = BUF_INIT, v = BUF_INIT, h = BUF_INIT, note = BUF_INIT, same = BUF_INIT;
	int64_t id;
	int rc;

	checkin_name(&name, kr, alone, "health");
	page_form(r, name.buf, &h);
	if (kr->kind == KR_METRIC) {
		checkin_name(&name, kr, alone, "value");
		page_form(r, name.buf, &v);
	}
	checkin_name(&name, kr, alone, "note");
	page_form(r, name.buf, &note);
	if (!alone) {
		checkin_name(&name, kr, alone, "same");
		page_form(r, name.buf, &same);
		if (!checkin_decided(kr, v.len ? v.buf : "", h.len ? h.buf : "",
				     note.len ? note.buf : "", same.len > 0)) {
			rc = PAGE_LEFT_ALONE;
			goto out;
		}
		if (!h.len) {
			rc = okra_err_set(err, OKRA_EINVAL, "health",
					  "Choose the health: it is part of every check-in.");
			goto out;
		}
	}
	if ((rc = validate_health("health", h.buf, &in.health, err)) < 0)
		goto out;
	if (kr->kind == KR_METRIC) {
		if (!v.len && same.len) /* no change: the value stays what it is */
			buf_addf(&v, "%.17g", kr->current);
		if (!v.len) {
			rc = okra_err_set(err, OKRA_EINVAL, "value",
					  alone ? "Enter the value measured now."
						: "Enter the value measured now, or tick "
						  "“No change this week”.");
			goto out;
		}
		if ((rc = validate_number("value", v.buf, &in.value, err)) < 0)
			goto out;
		if (same.len && in.value != kr->current) {
			rc = okra_err_set(err, OKRA_EINVAL, "value",
					  "You ticked “No change this week” and changed "
					  "the value: put it back or untick the box.");
			goto out;
		}
		in.has_value = 1;
	}
	in.note = note.buf;
	rc = app_checkin(r->app, &in, &id, err);
out:
	buf_release(&name);
	buf_release(&v);
	buf_release(&h);
	buf_release(&note);
	buf_release(&same);
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
	struct buf name = BUF_INIT, label = BUF_INIT, hint = BUF_INIT;

	status_name(&name, o, alone, "health", 0);
	if (alone)
		form_field(f, &(struct form_field){.type = FIELD_HEALTH,
						   .name = name.buf,
						   .id = "status-health",
						   .key = "health",
						   .label = "Health",
						   .value = health_name(o->health)});
	else
		health_choice(f, name.buf, name.buf, o->health);
	form_error(f, "lines", NULL);
	for (size_t k = 0; k < o->nkrs; k++) {
		status_name(&name, o, alone, "line", o->krs[k].id);
		buf_reset(&label);
		buf_adds(&label, "One line on: ");
		buf_adds(&label, o->krs[k].title);
		/* The KR's numbers beside its line, so the DRI writes it with them in view. */
		buf_reset(&hint);
		page_kr_summary(&hint, &o->krs[k]);
		form_field(f, &(struct form_field){.type = FIELD_TEXT,
						   .name = name.buf,
						   .label = label.buf,
						   .hint = hint.buf,
						   .cls = "wide",
						   .required = alone});
	}
	buf_release(&name);
	buf_release(&label);
	buf_release(&hint);
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
	/* On /checkin a status with no line typed and its health as drawn is left alone. */
	if (!alone && !in.nlines && !health_changed(v.len ? v.buf : "", o->health))
		rc = PAGE_LEFT_ALONE;
	else if (!alone && !v.len)
		rc = okra_err_set(err, OKRA_EINVAL, "health",
				  "Choose the health: it is part of every weekly status.");
	else if ((rc = validate_health("health", v.buf, &in.health, err)) == 0)
		rc = app_status(r->app, &in, &id, err);
	for (size_t k = 0; k < o->nkrs; k++)
		buf_release(&texts[k]);
	free(texts);
	free(lines);
	buf_release(&name);
	buf_release(&v);
	return rc;
}
