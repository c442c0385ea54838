/* keyresults.c: use cases for key results, scoring criteria, initiatives and refs (R2, R5, R7, R9).
 */
#include "app/app_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/progress.h"
#include "core/ref.h"
#include "core/validate.h"
#include "store/store.h"
#include "util/buf.h"
#include "app/hooks.h"
#include "app/objectives.h"
#include "app/updates.h"

#define UNIT_MAX 32

static int
validate_unit(const char *unit, struct okra_err *err)
{
	int rc;

	if (!unit || !*unit)
		return 0;
	if ((rc = validate_text("unit", unit, UNIT_MAX, err)) < 0)
		return rc;
	if (strchr(unit, '\n') || strchr(unit, '\t'))
		return okra_err_set(err, OKRA_EINVAL, "unit",
				    "a unit is one short word, like %% or ms");
	return 0;
}

/* Load a KR and its objective, and check the objective is open and the actor may edit it. */
static int
kr_for_edit(struct app *a, struct arena *ar, int64_t id, struct key_result *kr,
	    struct objective_row *o, struct okra_err *err)
{
	int rc;

	if ((rc = store_kr_load(a->db, ar, id, kr, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, ar, kr->objective, o, err)) < 0 ||
	    (rc = app_writable(o, err)) < 0 || (rc = app_may_edit_objective(a, o, err)) < 0)
		return rc;
	return 0;
}

int
app_kr_add(struct app *a, const struct kr_input *in, int64_t *id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct person dri = {0};
	int rc;

	if ((rc = validate_title("title", in->title, err)) < 0 ||
	    (in->context && (rc = validate_text("context", in->context, TEXT_MAX, err)) < 0))
		return rc;
	kr.weight = in->has_weight || in->weight ? in->weight : 1;
	if ((rc = validate_weight("weight", kr.weight, err)) < 0)
		return rc;
	if (in->kind == KR_METRIC) {
		if ((rc = validate_metric(in->start, in->target, err)) < 0 ||
		    (rc = validate_unit(in->unit, err)) < 0)
			return rc;
		kr.start = in->start;
		kr.target = in->target;
		kr.current = in->start; /* no check-in yet: current = start */
	} else {
		kr.start = 0;
		kr.target = 1;
		kr.current = 0;
	}
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, in->objective, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0 || (rc = app_may_edit_objective(a, &o, err)) < 0)
		goto out;
	if ((rc = app_dri_lookup(a, &ar, in->dri, &dri, err)) < 0)
		goto out;
	kr.objective = in->objective;
	kr.title = in->title;
	kr.context = in->context ? in->context : "";
	kr.dri = dri.id;
	kr.dri_handle = dri.handle;
	kr.kind = in->kind;
	kr.unit = in->kind == KR_METRIC && in->unit ? in->unit : "";
	kr.health = HEALTH_NONE;
	if ((rc = store_kr_add(a->db, &kr, a->now, id, err)) < 0)
		goto out;
	kr.id = *id;
	kr.version = 1;
	rc = app_audit(a, "create", "key_result", *id, NULL, app_text_kr_row(&kr), err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_kr_edit(struct app *a, int64_t id, const struct kr_edit *e, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct person dri = {0};
	char *before = NULL;
	int rc;

	if ((e->title && (rc = validate_title("title", e->title, err)) < 0) ||
	    (e->context && (rc = validate_text("context", e->context, TEXT_MAX, err)) < 0) ||
	    (e->unit && (rc = validate_unit(e->unit, err)) < 0) ||
	    (e->set_weight && (rc = validate_weight("weight", e->weight, err)) < 0))
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = kr_for_edit(a, &ar, id, &kr, &o, err)) < 0)
		goto out;
	if (e->if_version && e->if_version != kr.version) {
		rc = okra_err_set(err, OKRA_ESTALE, "version",
				  "key result %lld changed since version %lld (now %lld): reload "
				  "and try again",
				  (long long)id, (long long)e->if_version, (long long)kr.version);
		goto out;
	}
	before = app_text_kr_row(&kr);
	if ((e->set_start || e->set_target || e->unit) && kr.kind != KR_METRIC) {
		rc = okra_err_set(err, OKRA_EINVAL, "start",
				  "key result %lld is scored by criteria (R9): it has no unit, "
				  "start or target",
				  (long long)id);
		goto out;
	}
	if (e->set_start || e->set_target) {
		double start = e->set_start ? e->start : kr.start;
		double target = e->set_target ? e->target : kr.target;
		int fresh = kr.last_checkin_at == 0;

		if ((rc = validate_metric(start, target, err)) < 0 ||
		    (!fresh && (rc = validate_reading(e->set_target ? "target" : "start", start,
						      target, kr.current, err)) < 0))
			goto out;
		kr.start = start;
		kr.target = target;
		if (fresh)
			kr.current = start;
	}
	if (e->title)
		kr.title = e->title;
	if (e->context)
		kr.context = e->context;
	if (e->unit)
		kr.unit = e->unit;
	if (e->dri) {
		if ((rc = app_dri_lookup(a, &ar, e->dri, &dri, err)) < 0)
			goto out;
		kr.dri = dri.id;
		kr.dri_handle = dri.handle;
	}
	if (e->set_weight)
		kr.weight = e->weight;
	if ((rc = store_kr_update(a->db, &kr, err)) < 0)
		goto out;
	kr.version++;
	rc = app_audit(a, "update", "key_result", id, before, app_text_kr_row(&kr), err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_criterion_add(struct app *a, int64_t krid, const char *ref, double contribution,
		  const char *title, int64_t *id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct criterion c = {.key_result = krid, .state = ITEM_OPEN};
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct buf canon = BUF_INIT;
	enum ref_kind kind;
	double total;
	int rc;

	if ((rc = ref_parse(ref, "ref", &canon, &kind, err)) < 0)
		goto release;
	if (title && *title && (rc = validate_title("title", title, err)) < 0)
		goto release;
	if ((rc = app_tx_begin(a, err)) < 0)
		goto release;
	if ((rc = kr_for_edit(a, &ar, krid, &kr, &o, err)) < 0)
		goto out;
	if (kr.kind != KR_CRITERIA) {
		rc = okra_err_set(err, OKRA_EINVAL, "key_result",
				  "key result %lld is a metric: scoring criteria belong to a "
				  "criteria key result (okra kr add … --criteria)",
				  (long long)krid);
		okra_err_plain(err,
			       "key result %lld is a metric: scoring criteria belong to a key "
			       "result scored by criteria",
			       (long long)krid);
		goto out;
	}
	if ((rc = store_criteria_total(a->db, krid, 0, &total, err)) < 0 ||
	    (rc = validate_contribution(contribution, total, err)) < 0)
		goto out;
	c.ref = canon.buf;
	c.title = title ? title : "";
	c.contribution = contribution;
	if ((rc = store_criterion_add(a->db, &c, id, err)) < 0 ||
	    (rc = app_ref_claim(a, ref, canon.buf, err)) < 0)
		goto out;
	{
		struct app_text t;
		struct jw *w = app_text_begin(&t);

		jw_object(w);
		jw_kint(w, "key_result", krid);
		jw_kstr(w, "ref", c.ref);
		jw_kstr(w, "title", c.title);
		jw_kreal(w, "contribution", contribution);
		jw_end(w);
		rc = app_audit(a, "create", "criterion", *id, NULL, app_text_end(&t), err);
	}
out:
	rc = app_tx_end(a, rc, err);
release:
	arena_release(&ar);
	buf_release(&canon);
	return rc;
}

int
app_initiative_add(struct app *a, int64_t krid, const char *title, const char *ref, int64_t *id,
		   struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct initiative i = {.key_result = krid, .state = ITEM_OPEN};
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct buf canon = BUF_INIT;
	enum ref_kind kind;
	int rc;

	if ((rc = validate_title("title", title, err)) < 0)
		goto release;
	if (ref && *ref && (rc = ref_parse(ref, "ref", &canon, &kind, err)) < 0)
		goto release;
	if ((rc = app_tx_begin(a, err)) < 0)
		goto release;
	if ((rc = kr_for_edit(a, &ar, krid, &kr, &o, err)) < 0)
		goto out;
	i.title = title;
	i.ref = canon.len ? canon.buf : NULL;
	if ((rc = store_initiative_add(a->db, &i, id, err)) < 0 ||
	    (i.ref && (rc = app_ref_claim(a, ref, canon.buf, err)) < 0))
		goto out;
	{
		struct app_text t;
		struct jw *w = app_text_begin(&t);

		jw_object(w);
		jw_kint(w, "key_result", krid);
		jw_kstr(w, "title", title);
		jw_kstr(w, "ref", i.ref);
		jw_end(w);
		rc = app_audit(a, "create", "initiative", *id, NULL, app_text_end(&t), err);
	}
out:
	rc = app_tx_end(a, rc, err);
release:
	arena_release(&ar);
	buf_release(&canon);
	return rc;
}

/* After a ref moved: check the actor may touch the KR and record its new progress (R9). */
static int
record_kr_progress(struct app *a, int64_t krid, const char *ref, enum item_state state,
		   enum source source, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct checkin c = {0};
	struct buf note = BUF_INIT;
	int64_t cid;
	int rc;

	if ((rc = store_kr_load(a->db, &ar, krid, &kr, err)) < 0 ||
	    (rc = store_objective_get(a->db, &ar, kr.objective, &o, err)) < 0)
		goto out;
	if (source == SOURCE_MANUAL &&
	    (rc = app_may_update(a, UPDATE_CHECKIN, &o, &kr, &c.on_behalf_of, err)) < 0)
		goto out;
	buf_addf(&note, "%s %s", state == ITEM_CLOSED ? "closed" : "reopened", ref);
	c.key_result = krid;
	c.author = a->actor.id;
	c.at = a->now;
	c.progress = progress_kr(&kr);
	c.health = kr.health;
	c.note = note.buf;
	c.source = source;
	c.on_behalf_handle = c.on_behalf_of ? kr.dri_handle : NULL;
	if ((rc = store_checkin_add(a->db, &c, &cid, err)) < 0)
		goto out;
	rc = app_audit(a, "create", "checkin", cid, NULL, app_text_checkin(&c), err);
out:
	arena_release(&ar);
	buf_release(&note);
	return rc;
}

/*
 * A person closing or reopening a ref by hand moves every item that names it:
 * they must be allowed to move each one — the criteria's KRs are checked as
 * their progress is recorded, the initiatives' KRs and the links' objectives
 * here — or nothing moves.
 */
static int
may_move_items(struct app *a, const char *ref, enum item_state state, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	int64_t *pairs = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_ref_touched(a->db, ref, state, &pairs, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct objective_row o = {0};
		struct key_result kr = {0};

		if ((rc = store_objective_get(a->db, &ar, pairs[2 * i], &o, err)) == 0) {
			if (pairs[2 * i + 1] &&
			    (rc = store_kr_load(a->db, &ar, pairs[2 * i + 1], &kr, err)) == 0)
				rc = app_may_update(a, UPDATE_CHECKIN, &o, &kr, NULL, err);
			else if (!pairs[2 * i + 1])
				rc = app_may_edit_objective(a, &o, err);
		}
		arena_reset(&ar);
	}
	arena_release(&ar);
	free(pairs);
	return rc;
}

int
app_ref_set_state(struct app *a, const char *ref, enum item_state state, enum source source,
		  int64_t *changed, struct okra_err *err)
{
	struct buf canon = BUF_INIT;
	enum ref_kind kind;
	int64_t *krs = NULL, count = 0;
	size_t nkrs = 0;
	int rc;

	*changed = 0;
	if ((rc = ref_parse(ref, "ref", &canon, &kind, err)) < 0)
		goto release;
	if (source == SOURCE_MANUAL && a->actor.id && a->actor.role == ROLE_VIEWER) {
		rc = okra_err_set(err, OKRA_EFORBIDDEN, "", "%s is a viewer: viewers only read",
				  a->actor.handle);
		goto release;
	}
	if ((rc = app_tx_begin(a, err)) < 0)
		goto release;
	if ((rc = store_ref_count(a->db, canon.buf, &count, err)) < 0)
		goto out;
	if (!count) {
		rc = okra_err_set(err, OKRA_ENOTFOUND, "ref",
				  "no criterion, initiative or linked item refers to %s",
				  canon.buf);
		goto out;
	}
	if (source == SOURCE_MANUAL && (rc = may_move_items(a, canon.buf, state, err)) < 0)
		goto out;
	if ((rc = store_ref_set_state(a->db, canon.buf, state, changed, &krs, &nkrs, err)) < 0)
		goto out;
	for (size_t i = 0; i < nkrs; i++)
		if ((rc = record_kr_progress(a, krs[i], canon.buf, state, source, err)) < 0)
			goto out;
	if (*changed) {
		struct app_text t;
		struct jw *w = app_text_begin(&t);

		jw_object(w);
		jw_kstr(w, "ref", canon.buf);
		jw_kint(w, "changed", *changed);
		jw_end(w);
		rc = app_audit(a, state == ITEM_CLOSED ? "close" : "reopen", "ref", 0, NULL,
			       app_text_end(&t), err);
	}
out:
	rc = app_tx_end(a, rc, err);
release:
	free(krs);
	buf_release(&canon);
	return rc;
}
