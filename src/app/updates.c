/* updates.c: the Wednesday update — KR check-ins, objective status lines — and the retro (R8, R11).
 */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/progress.h"
#include "core/validate.h"
#include "store/store.h"
#include "app/updates.h"
#include "app/tree.h"

#define NOTE_MAX 2000

int
app_checkin(struct app *a, const struct checkin_input *in, int64_t *id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct checkin c = {0};
	int rc = app_checkin_made(a, &ar, in, &c, err);

	*id = c.id;
	arena_release(&ar);
	return rc;
}

/* The check-in's texts, borrowed from the use case's own arena, into the caller's. */
static void
checkin_keep(struct arena *to, const struct checkin *c, struct checkin *made)
{
	*made = *c;
	made->note = arena_strdup(to, c->note ? c->note : "");
	made->author_handle = c->author_handle ? arena_strdup(to, c->author_handle) : NULL;
	made->on_behalf_handle = c->on_behalf_handle ? arena_strdup(to, c->on_behalf_handle) : NULL;
}

int
app_checkin_made(struct app *a, struct arena *to, const struct checkin_input *in,
		 struct checkin *made, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct checkin c = {0};
	char *before = NULL;
	int64_t cid = 0, *id = &cid;
	int rc;

	*made = (struct checkin){0};

	if ((rc = validate_health_set("health", in->health, err)) < 0 ||
	    (in->note && (rc = validate_text("note", in->note, NOTE_MAX, err)) < 0))
		return rc;
	if (in->has_value && in->has_progress)
		return okra_err_set(err, OKRA_EINVAL, "value",
				    "give a value or a progress, not both");
	if (in->has_value && (rc = validate_amount("value", in->value, err)) < 0)
		return rc;
	if (in->has_progress && (rc = validate_progress("progress", in->progress, err)) < 0)
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_kr_load(a->db, &ar, in->key_result, &kr, err)) < 0 ||
	    (rc = store_objective_get(a->db, &ar, kr.objective, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0 ||
	    (rc = app_may_update(a, UPDATE_CHECKIN, &o, &kr, &c.on_behalf_of, err)) < 0)
		goto out;
	before = app_text_kr_row(&kr);
	if (kr.kind == KR_METRIC) {
		if (!in->has_value && !in->has_progress) {
			rc = okra_err_set(err, OKRA_EINVAL, "value",
					  "key result %lld is a metric: give --value (in %s) or "
					  "--progress (0.5 = 50%%)",
					  (long long)kr.id, *kr.unit ? kr.unit : "its unit");
			okra_err_plain(err,
				       "key result %lld is a metric: give its value (in %s) or its "
				       "progress (0.5 = 50%%)",
				       (long long)kr.id, *kr.unit ? kr.unit : "its unit");
			goto out;
		}
		kr.current = in->has_value ? in->value
					   : kr.start + in->progress * (kr.target - kr.start);
		if ((rc = validate_reading("value", kr.start, kr.target, kr.current, err)) < 0)
			goto out;
		c.has_value = 1;
		c.value = kr.current;
	} else if (in->has_value || in->has_progress) {
		rc = okra_err_set(err, OKRA_EINVAL, "value",
				  "key result %lld is scored by its criteria (R9): its progress "
				  "moves as they close; check in with health and a note only",
				  (long long)kr.id);
		goto out;
	}
	kr.health = in->health;
	if ((rc = store_kr_set_reading(a->db, &kr, err)) < 0)
		goto out;
	kr.version++;
	c.key_result = kr.id;
	c.author = a->actor.id;
	c.at = a->now;
	c.progress = progress_kr(&kr);
	c.health = in->health;
	c.note = in->note ? in->note : "";
	c.source = SOURCE_MANUAL;
	if ((rc = store_checkin_add(a->db, &c, id, err)) < 0)
		goto out;
	c.id = *id;
	if ((rc = app_audit(a, "update", "key_result", kr.id, before, app_text_kr_row(&kr), err)) <
	    0)
		goto out;
	before = NULL;
	c.author_handle = a->actor.handle;
	c.on_behalf_handle = c.on_behalf_of ? kr.dri_handle : NULL;
	rc = app_audit(a, "create", "checkin", *id, NULL, app_text_checkin(&c), err);
	if (rc == 0)
		checkin_keep(to, &c, made);
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_status(struct app *a, const struct status_input *in, int64_t *id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct key_result *krs = NULL;
	struct status_update s = {0};
	struct app_tree t = {0};
	char *before = NULL;
	size_t idx, nkrs = 0;
	int rc;

	if ((rc = validate_health_set("health", in->health, err)) < 0)
		return rc;
	for (size_t i = 0; i < in->nlines; i++)
		if ((rc = validate_line("line", in->lines[i].line, err)) < 0)
			return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, in->objective, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0)
		goto out;
	if ((rc = app_may_update(a, UPDATE_STATUS, &o, NULL, &s.on_behalf_of, err)) < 0)
		goto out;
	/* The objective's KRs, to hold the lines against (R8: one line per KR). */
	if ((rc = app_objective_tree(a, &ar, in->objective, &t, &idx, err)) < 0)
		goto out;
	krs = t.v[idx].krs;
	nkrs = t.v[idx].nkrs;
	if (!nkrs) {
		rc = okra_err_set(err, OKRA_ESTATE, "objective",
				  "objective %lld has no key results to report on yet (R8)",
				  (long long)o.id);
		goto out;
	}
	for (size_t i = 0; i < in->nlines; i++) {
		size_t k;

		for (k = 0; k < nkrs && krs[k].id != in->lines[i].key_result; k++)
			;
		if (k == nkrs) {
			rc = okra_err_set(err, OKRA_EINVAL, "lines",
					  "key result %lld is not one of objective %lld's",
					  (long long)in->lines[i].key_result, (long long)o.id);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (in->lines[j].key_result == in->lines[i].key_result) {
				rc = okra_err_set(
					err, OKRA_EINVAL, "lines",
					"two lines for key result %lld: one line each (R8)",
					(long long)in->lines[i].key_result);
				goto out;
			}
	}
	for (size_t k = 0; k < nkrs; k++) {
		size_t i;

		for (i = 0; i < in->nlines && in->lines[i].key_result != krs[k].id; i++)
			;
		if (i == in->nlines) {
			rc = okra_err_set(err, OKRA_EINVAL, "lines",
					  "no line for key result %lld \"%s\": the status has one "
					  "line per key result (R8)",
					  (long long)krs[k].id, krs[k].title);
			goto out;
		}
	}
	before = app_text_objective_row(&o);
	o.health = in->health;
	if ((rc = store_objective_update(a->db, &o, a->now, err)) < 0)
		goto out;
	o.version++;
	rc = app_audit(a, "update", "objective", o.id, before, app_text_objective_row(&o), err);
	before = NULL;
	if (rc < 0)
		goto out;
	s.objective = o.id;
	s.author = a->actor.id;
	s.at = a->now;
	s.health = in->health;
	s.lines = in->lines;
	s.nlines = in->nlines;
	if ((rc = store_status_add(a->db, &s, id, err)) < 0)
		goto out;
	s.id = *id;
	s.author_handle = a->actor.handle;
	s.on_behalf_handle = s.on_behalf_of ? o.dri_handle : NULL;
	rc = app_audit(a, "create", "status", *id, NULL, app_text_status(&s), err);
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

static void
replace_list(struct strlist *dst, const struct strlist *src)
{
	strlist_release(dst);
	for (size_t i = 0; i < src->n; i++)
		strlist_push(dst, src->v[i]);
}

int
app_retro(struct app *a, int64_t objective, const struct strlist *good, const struct strlist *bad,
	  const struct strlist *try, int final, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct retro r = {0};
	char *before = NULL;
	int rc, exists = 0;

	if (!good && !bad && !try && !final) {
		okra_err_set(err, OKRA_EUSAGE, "",
			     "nothing to record: give --good, --bad, --try or --final");
		okra_err_plain(err,
			       "nothing to record: give what went well, what did not, "
			       "what to try next, or make the retro final");
		return OKRA_EUSAGE;
	}
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, objective, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0)
		goto out;
	if ((rc = app_may_update(a, UPDATE_RETRO, &o, NULL, NULL, err)) < 0)
		goto out;
	if ((rc = store_retro_get(a->db, objective, &r, &exists, err)) < 0)
		goto out;
	if (exists)
		before = app_text_retro(&r);
	if (good)
		replace_list(&r.good, good);
	if (bad)
		replace_list(&r.bad, bad);
	if (try)
		replace_list(&r.try, try);
	if ((rc = validate_retro(&r, final, err)) < 0)
		goto out;
	/* A final retro edited without --final goes back to being a draft. */
	r.final_at = final ? a->now : (good || bad || try ? 0 : r.final_at);
	if ((rc = store_retro_put(a->db, objective, &r, err)) < 0)
		goto out;
	rc = app_audit(a, exists ? "update" : "create", "retro", objective, before,
		       app_text_retro(&r), err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	retro_release(&r);
	return app_tx_end(a, rc, err);
}
