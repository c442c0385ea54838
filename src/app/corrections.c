/* corrections.c: a check-in or weekly status amended or retracted by its author or a leader,
 * until the next update day; the KR or objective it set follows, the audit keeps the original. */
#include "app/app_int.h"

#include <stdlib.h>

#include "app/corrections.h"
#include "app/json_write.h"
#include "app/updates.h"
#include "core/calendar.h"
#include "core/progress.h"
#include "core/validate.h"
#include "store/store.h"

#define NOTE_MAX 2000

/*
 * Its author or a leader or admin, who may still write such an update (R14: no
 * viewer, no new joiner), before the next update day.
 */
static int
may_correct(struct app *a, const char *what, int64_t id, int64_t author, const char *handle,
	    int64_t at, struct okra_err *err)
{
	int32_t until = cal_correctable_until(cal_day_of_instant(at), a->update_weekday);
	char day[11];

	if (a->actor.id != 0 && a->actor.role < ROLE_LEADER &&
	    (a->actor.role == ROLE_VIEWER || a->actor.id != author))
		return okra_err_set(err, OKRA_EFORBIDDEN, "",
				    "%s %lld was written by %s: only its author or a leader or "
				    "admin may correct it",
				    what, (long long)id, handle && *handle ? handle : "the system");
	if (a->today < until)
		return 0;
	cal_format_date(until, day);
	return okra_err_set(err, OKRA_ESTATE, "",
			    "%s %lld could be corrected until the update day %s: record a new "
			    "one instead",
			    what, (long long)id, day);
}

int
app_may_correct_update(struct app *a, int64_t author, int64_t at)
{
	struct okra_err e = {0};

	return may_correct(a, "update", 0, author, "", at, &e) == 0;
}

/* kr (loaded) set from its latest check-in, or back to its start when it has none. */
static int
kr_follow(struct app *a, struct arena *ar, struct key_result *kr, struct okra_err *err)
{
	struct checkin *h = NULL;
	struct key_result was = *kr;
	size_t n = 0;
	char *before;
	int rc;

	if ((rc = store_checkins_of_kr(a->db, ar, kr->id, &h, &n, err)) < 0)
		return rc;
	if (kr->kind == KR_METRIC)
		kr->current =
			n && h[n - 1].has_value ? h[n - 1].value : (n ? kr->current : kr->start);
	kr->health = n ? h[n - 1].health : HEALTH_NONE;
	if (kr->current == was.current && kr->health == was.health)
		return 0; /* a check-in before the latest: the KR stands as it was */
	before = app_text_kr_row(&was);
	if ((rc = store_kr_update(a->db, kr, err)) < 0) {
		free(before);
		return rc;
	}
	kr->version++;
	return app_audit(a, "update", "key_result", kr->id, before, app_text_kr_row(kr), err);
}

/* The check-in id with its KR and objective, checked for a correction by the actor. */
static int
checkin_for_fix(struct app *a, struct arena *ar, int64_t id, struct checkin *c,
		struct key_result *kr, struct objective_row *o, struct okra_err *err)
{
	int rc;

	if ((rc = store_checkin_get(a->db, ar, id, c, err)) < 0 ||
	    (rc = store_kr_load(a->db, ar, c->key_result, kr, err)) < 0 ||
	    (rc = store_objective_get(a->db, ar, kr->objective, o, err)) < 0 ||
	    (rc = app_writable(o, err)) < 0)
		return rc;
	if ((rc = may_correct(a, "check-in", id, c->author, c->author_handle, c->at, err)) < 0)
		return rc;
	return app_may_update(a, UPDATE_CHECKIN, o, kr, NULL, err);
}

static int
amend_reading(struct key_result *kr, const struct checkin_amend *in, struct checkin *c,
	      struct okra_err *err)
{
	int rc;

	if (!in->has_value && !in->has_progress)
		return 0;
	if (in->has_value && in->has_progress)
		return okra_err_set(err, OKRA_EINVAL, "value",
				    "give a value or a progress, not both");
	if (kr->kind != KR_METRIC)
		return okra_err_set(err, OKRA_EINVAL, "value",
				    "key result %lld is scored by its criteria (R9): its check-ins "
				    "carry health and a note only",
				    (long long)kr->id);
	if ((in->has_value && (rc = validate_amount("value", in->value, err)) < 0) ||
	    (in->has_progress && (rc = validate_progress("progress", in->progress, err)) < 0))
		return rc;
	c->value = in->has_value ? in->value : kr->start + in->progress * (kr->target - kr->start);
	if ((rc = validate_reading("value", kr->start, kr->target, c->value, err)) < 0)
		return rc;
	c->has_value = 1;
	return 0;
}

int
app_checkin_amend(struct app *a, int64_t id, const struct checkin_amend *in, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct checkin c = {0};
	char *before = NULL;
	int rc;

	if (!in->has_value && !in->has_progress && !in->has_health && !in->note)
		return okra_err_set(err, OKRA_EUSAGE, "",
				    "nothing to amend: give a value, progress, health or note");
	if ((in->has_health && (rc = validate_health_set("health", in->health, err)) < 0) ||
	    (in->note && (rc = validate_text("note", in->note, NOTE_MAX, err)) < 0))
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = checkin_for_fix(a, &ar, id, &c, &kr, &o, err)) < 0)
		goto out;
	before = app_text_checkin(&c);
	if ((rc = amend_reading(&kr, in, &c, err)) < 0)
		goto out;
	if (in->has_health)
		c.health = in->health;
	if (in->note)
		c.note = in->note;
	if (c.has_value && kr.kind == KR_METRIC) {
		struct key_result k = kr;

		k.current = c.value;
		c.progress = progress_kr(&k);
	}
	if ((rc = store_checkin_amend(a->db, &c, err)) < 0)
		goto out;
	rc = app_audit(a, "amend", "checkin", id, before, app_text_checkin(&c), err);
	before = NULL;
	if (rc == 0)
		rc = kr_follow(a, &ar, &kr, err);
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_checkin_retract(struct app *a, int64_t id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct checkin c = {0};
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = checkin_for_fix(a, &ar, id, &c, &kr, &o, err)) < 0 ||
	    (rc = store_remove(a->db, REMOVE_CHECKIN, id, err)) < 0 ||
	    (rc = app_audit(a, "retract", "checkin", id, app_text_checkin(&c), NULL, err)) < 0)
		goto out;
	rc = kr_follow(a, &ar, &kr, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/* o's health set from its latest status, or none when it has none. */
static int
objective_follow(struct app *a, struct arena *ar, struct objective_row *o, struct okra_err *err)
{
	struct status_update *v = NULL;
	size_t n = 0;
	char *before;
	int rc;

	if ((rc = store_status_of_objective(a->db, ar, o->id, &v, &n, err)) < 0)
		return rc;
	if (o->health == (n ? v[n - 1].health : HEALTH_NONE))
		return 0; /* a status before the latest: the objective stands as it was */
	before = app_text_objective_row(o);
	o->health = n ? v[n - 1].health : HEALTH_NONE;
	if ((rc = store_objective_update(a->db, o, a->now, err)) < 0) {
		free(before);
		return rc;
	}
	o->version++;
	return app_audit(a, "update", "objective", o->id, before, app_text_objective_row(o), err);
}

static int
status_for_fix(struct app *a, struct arena *ar, int64_t id, struct status_update *s,
	       struct objective_row *o, struct okra_err *err)
{
	int rc;

	if ((rc = store_status_get(a->db, ar, id, s, err)) < 0 ||
	    (rc = store_objective_get(a->db, ar, s->objective, o, err)) < 0 ||
	    (rc = app_writable(o, err)) < 0)
		return rc;
	if ((rc = may_correct(a, "status", id, s->author, s->author_handle, s->at, err)) < 0)
		return rc;
	return app_may_update(a, UPDATE_STATUS, o, NULL, NULL, err);
}

/* s's lines with each of in's put in its place (into ar); refused for a KR it has no line for. */
static int
amend_lines(struct arena *ar, struct status_update *s, const struct status_amend *in,
	    struct okra_err *err)
{
	struct status_line *v = arena_alloc(ar, (s->nlines + 1) * sizeof(*v));
	int rc;

	for (size_t i = 0; i < s->nlines; i++)
		v[i] = s->lines[i];
	for (size_t j = 0; j < in->nlines; j++) {
		size_t i;

		if ((rc = validate_line("line", in->lines[j].line, err)) < 0)
			return rc;
		for (i = 0; i < s->nlines && v[i].key_result != in->lines[j].key_result; i++)
			;
		if (i == s->nlines)
			return okra_err_set(err, OKRA_EINVAL, "lines",
					    "status %lld has no line for key result %lld",
					    (long long)s->id, (long long)in->lines[j].key_result);
		v[i].line = in->lines[j].line;
	}
	s->lines = v;
	return 0;
}

int
app_status_amend(struct app *a, int64_t id, const struct status_amend *in, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct status_update s = {0};
	char *before = NULL;
	int rc;

	if (!in->has_health && !in->nlines)
		return okra_err_set(err, OKRA_EUSAGE, "",
				    "nothing to amend: give a health or a line");
	if (in->has_health && (rc = validate_health_set("health", in->health, err)) < 0)
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = status_for_fix(a, &ar, id, &s, &o, err)) < 0)
		goto out;
	before = app_text_status(&s);
	if ((rc = amend_lines(&ar, &s, in, err)) < 0)
		goto out;
	if (in->has_health)
		s.health = in->health;
	if ((rc = store_status_amend(a->db, &s, err)) < 0)
		goto out;
	rc = app_audit(a, "amend", "status", id, before, app_text_status(&s), err);
	before = NULL;
	if (rc == 0)
		rc = objective_follow(a, &ar, &o, err);
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_status_retract(struct app *a, int64_t id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct status_update s = {0};
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = status_for_fix(a, &ar, id, &s, &o, err)) < 0 ||
	    (rc = store_remove(a->db, REMOVE_STATUS, id, err)) < 0 ||
	    (rc = app_audit(a, "retract", "status", id, app_text_status(&s), NULL, err)) < 0)
		goto out;
	rc = objective_follow(a, &ar, &o, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}
