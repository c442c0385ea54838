/* objectives.c: use cases that shape the OKRs: objectives, alignment, closing (R1, R4, R6, R10,
 * R11). */
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
#include "app/tree.h"
#include "app/updates.h"

/*
 * R1: may o (already filled with team, cycle and weight) align under parent id? With rights,
 * also R14's (app_may_align): ALIGN_MOVED when o comes under parent now, ALIGN_WEIGHT when only
 * its weight there changes; given says whether o->weight was asked for.
 */
enum { ALIGN_NONE, ALIGN_WEIGHT, ALIGN_MOVED };
static int
check_parent(struct app *a, struct objective_row *o, int64_t parent, int rights, int given,
	     struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row p = {0};
	struct cycle oc = {0}, pc = {0};
	int rc, yes = 0;

	if ((rc = store_objective_get(a->db, &ar, parent, &p, err)) < 0) {
		if (rc == OKRA_ENOTFOUND)
			rc = okra_err_set(err, OKRA_EINVAL, "parent",
					  "no objective %lld to align to", (long long)parent);
		goto out;
	}
	if (p.state == STATE_CLOSED) {
		rc = okra_err_set(err, OKRA_ESTATE, "parent",
				  "objective %lld is closed: nothing new aligns to it (R11)",
				  (long long)parent);
		goto out;
	}
	if ((rc = store_cycle_get(a->db, &ar, o->cycle, &oc, err)) < 0 ||
	    (rc = store_cycle_get(a->db, &ar, p.cycle, &pc, err)) < 0)
		goto out;
	if ((rc = validate_alignment(objective_level(o), &oc, objective_level(&p), &pc, err)) < 0)
		goto out;
	if (o->id == parent) {
		rc = okra_err_set(err, OKRA_EINVAL, "parent",
				  "an objective cannot align to itself");
		goto out;
	}
	if (o->id) {
		/* Refuse loops: o must not be parent itself or one of its ancestors. */
		if ((rc = store_objective_is_ancestor(a->db, o->id, parent, &yes, err)) < 0)
			goto out;
		if (yes) {
			rc = okra_err_set(
				err, OKRA_EINVAL, "parent",
				"objective %lld is aligned under %lld already: that would "
				"make a loop",
				(long long)parent, (long long)o->id);
			goto out;
		}
	}
	if (rights)
		rc = app_may_align(a, o, &p, rights == ALIGN_MOVED, given, &o->weight, err);
out:
	arena_release(&ar);
	return rc;
}

static int
add_link(struct app *a, int64_t objective, const char *ref, const char *title, int64_t *id,
	 struct okra_err *err)
{
	struct link l = {.objective = objective, .state = ITEM_OPEN};
	struct buf canon = BUF_INIT;
	enum ref_kind kind;
	int rc;

	if ((rc = ref_parse(ref, "link", &canon, &kind, err)) < 0)
		goto out;
	if (title && *title && (rc = validate_title("title", title, err)) < 0)
		goto out;
	l.ref = canon.buf;
	l.title = title ? title : "";
	if ((rc = store_link_add(a->db, &l, id, err)) < 0 ||
	    (rc = app_ref_claim(a, ref, canon.buf, err)) < 0)
		goto out;
	{
		struct app_text t;
		struct jw *w = app_text_begin(&t);

		jw_object(w);
		jw_kint(w, "objective", objective);
		jw_kstr(w, "ref", l.ref);
		jw_kstr(w, "title", l.title);
		jw_end(w);
		rc = app_audit(a, "create", "link", *id, NULL, app_text_end(&t), err);
	}
out:
	buf_release(&canon);
	return rc;
}

int
app_objective_add(struct app *a, const struct objective_input *in, int64_t *id,
		  struct okra_err *err)
{
	struct arena ar = ARENA_INIT; /* what is read here, until the objective is written */
	struct objective_row o = {0};
	struct cycle c = {0};
	struct team t = {0};
	struct person dri = {0};
	int rc;

	if ((rc = validate_title("title", in->title, err)) < 0 ||
	    (in->context && (rc = validate_text("context", in->context, TEXT_MAX, err)) < 0) ||
	    (in->sections && (rc = validate_text("sections", in->sections, TEXT_MAX, err)) < 0))
		return rc;
	if (!in->cycle || !*in->cycle) {
		okra_err_set(err, OKRA_EINVAL, "cycle",
			     "an objective needs a cycle (--cycle NAME)");
		okra_err_plain(err, "an objective needs a cycle: name one");
		return OKRA_EINVAL;
	}
	o.weight = in->has_weight || in->weight ? in->weight : 1;
	if ((rc = validate_weight("weight", o.weight, err)) < 0)
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_cycle_by_name(a->db, &ar, in->cycle, &c, err)) < 0)
		goto out;
	o.cycle = c.id;
	o.cycle_kind = c.kind;
	if (in->team && *in->team) {
		if ((rc = store_team_by_slug(a->db, &ar, in->team, &t, err)) < 0)
			goto out;
		if (c.kind == CYCLE_YEAR) {
			rc = okra_err_set(err, OKRA_EINVAL, "cycle",
					  "workstream objectives are quarterly (R1): %s is a year, "
					  "use one of its quarters",
					  c.name);
			goto out;
		}
		o.team = t.id;
		o.team_slug = t.slug;
	}
	if ((rc = app_may_edit_objective(a, &o, err)) < 0)
		goto out;
	if ((rc = app_dri_lookup(a, &ar, in->dri, &dri, err)) < 0)
		goto out;
	o.dri = dri.id;
	o.dri_handle = dri.handle;
	o.cycle_name = c.name;
	o.title = in->title;
	o.context = in->context ? in->context : "";
	o.sections = in->sections ? in->sections : "";
	o.state = in->draft ? STATE_DRAFT : STATE_ACTIVE;
	o.health = HEALTH_NONE;
	if (in->parent && (rc = check_parent(a, &o, in->parent, ALIGN_MOVED,
					     in->has_weight || in->weight, err)) < 0)
		goto out;
	o.parent = in->parent;
	if ((rc = store_objective_add(a->db, &o, a->now, id, err)) < 0)
		goto out;
	o.id = *id;
	o.version = 1;
	if ((rc = app_audit(a, "create", "objective", *id, NULL, app_text_objective_row(&o), err)) <
	    0)
		goto out;
	for (size_t i = 0; in->links && i < in->links->n; i++) {
		int64_t lid;

		if ((rc = add_link(a, *id, in->links->v[i], NULL, &lid, err)) < 0)
			goto out;
	}
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/*
 * An edit's parent and weight (R1, R14): a new parent is checked with the weight the edit
 * leaves (1 without the right to edit that parent and none given); a weight changed under
 * the same parent needs the right to edit it unless it is 1.
 */
static int
edit_alignment(struct app *a, struct objective_row *o, const struct objective_edit *e,
	       struct okra_err *err)
{
	int moved = e->set_parent && e->parent != o->parent;
	int reweighed = e->set_weight && e->weight != o->weight;
	int64_t parent = e->set_parent ? e->parent : o->parent;
	int how = moved ? ALIGN_MOVED : reweighed ? ALIGN_WEIGHT : ALIGN_NONE;
	int rc;

	if (e->set_weight)
		o->weight = e->weight;
	if (e->set_parent && parent &&
	    (rc = check_parent(a, o, parent, how, e->set_weight, err)) < 0)
		return rc;
	if (!e->set_parent && parent && reweighed) {
		struct arena ar = ARENA_INIT;
		struct objective_row p = {0};

		if ((rc = store_objective_get(a->db, &ar, parent, &p, err)) == 0)
			rc = app_may_align(a, o, &p, 0, 1, &o->weight, err);
		arena_release(&ar);
		if (rc < 0)
			return rc;
	}
	o->parent = parent;
	return 0;
}

int
app_objective_edit(struct app *a, int64_t id, const struct objective_edit *e, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct person dri = {0};
	char *before = NULL;
	int rc;

	if (e->set_progress)
		return okra_err_set(err, OKRA_EINVAL, "progress",
				    "objective progress is never set by hand (R10): it rolls up "
				    "from its key results and aligned objectives; check in on a "
				    "key result instead");
	if ((e->title && (rc = validate_title("title", e->title, err)) < 0) ||
	    (e->context && (rc = validate_text("context", e->context, TEXT_MAX, err)) < 0) ||
	    (e->sections && (rc = validate_text("sections", e->sections, TEXT_MAX, err)) < 0) ||
	    (e->set_weight && (rc = validate_weight("weight", e->weight, err)) < 0))
		return rc;
	if (e->state && strcmp(e->state, "draft") && strcmp(e->state, "active")) {
		okra_err_set(err, OKRA_EINVAL, "state",
			     "state is draft or active (close with okra objective close), not %s",
			     e->state);
		okra_err_plain(err,
			       "state is draft or active, not %s: closing is a step of its own, "
			       "after a final retro",
			       e->state);
		return OKRA_EINVAL;
	}
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, id, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0 || (rc = app_may_edit_objective(a, &o, err)) < 0)
		goto out;
	if (e->if_version && e->if_version != o.version) {
		rc = okra_err_set(err, OKRA_ESTALE, "version",
				  "objective %lld changed since version %lld (now %lld): reload "
				  "and try again",
				  (long long)id, (long long)e->if_version, (long long)o.version);
		goto out;
	}
	before = app_text_objective_row(&o);
	if (e->title)
		o.title = e->title;
	if (e->context)
		o.context = e->context;
	if (e->sections)
		o.sections = e->sections;
	if (e->dri) {
		if ((rc = app_dri_lookup(a, &ar, e->dri, &dri, err)) < 0)
			goto out;
		o.dri = dri.id;
		o.dri_handle = dri.handle;
	}
	if ((rc = edit_alignment(a, &o, e, err)) < 0)
		goto out;
	if (e->state)
		o.state = state_parse(e->state);
	if ((rc = store_objective_update(a->db, &o, a->now, err)) < 0)
		goto out;
	o.version++;
	rc = app_audit(a, "update", "objective", id, before, app_text_objective_row(&o), err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_objective_close(struct app *a, int64_t id, struct okra_err *err)
{
	return app_objective_close_scored(a, id, NULL, err);
}

/*
 * The final score: what the closer says (0..1), or else the progress the
 * objective has rolled up to at close, clamped (R10), so every closed
 * objective has one. Checked before anything is read.
 */
static int
check_final(const struct close_input *in, struct okra_err *err)
{
	int rc;

	if (!in)
		return 0;
	if (in->has_score && (rc = validate_score("score", in->score, err)) < 0)
		return rc;
	if (in->reason && strlen(in->reason) > APP_FINAL_REASON_MAX)
		return okra_err_set(err, OKRA_EINVAL, "reason",
				    "the reason for the final score is at most %d bytes, not %zu",
				    APP_FINAL_REASON_MAX, strlen(in->reason));
	if (in->reason && (rc = validate_text("reason", in->reason, APP_FINAL_REASON_MAX, err)) < 0)
		return rc;
	return 0;
}

static int
final_score(struct app *a, struct arena *ar, struct objective_row *o, const struct close_input *in,
	    struct okra_err *err)
{
	struct app_tree t = {0};
	size_t idx;
	int rc;

	if (in && in->has_score) {
		o->final_score = in->score;
	} else {
		if ((rc = app_objective_tree(a, ar, o->id, &t, &idx, err)) < 0)
			return rc;
		o->final_score = progress_clamp(t.v[idx].progress);
	}
	o->has_final = 1;
	o->final_reason = in && in->reason && *in->reason ? in->reason : NULL;
	return store_objective_final_set(a->db, o->id, o->final_score, o->final_reason, err);
}

int
app_objective_close_scored(struct app *a, int64_t id, const struct close_input *in,
			   struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct retro r = {0};
	char *before = NULL;
	int rc, exists = 0;

	if ((rc = check_final(in, err)) < 0)
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, id, &o, err)) < 0)
		goto out;
	if (o.state == STATE_CLOSED) {
		rc = okra_err_set(err, OKRA_ESTATE, "state", "objective %lld is already closed",
				  (long long)id);
		goto out;
	}
	if ((rc = app_may_update(a, UPDATE_CLOSE, &o, NULL, NULL, err)) < 0)
		goto out;
	if ((rc = store_retro_get(a->db, id, &r, &exists, err)) < 0)
		goto out;
	if (!exists || !r.final_at) {
		rc = okra_err_set(err, OKRA_ESTATE, "retro",
				  "objective %lld has no final retro (R11): write one first with "
				  "okra retro %lld --good … --bad … --try … --final",
				  (long long)id, (long long)id);
		okra_err_plain(err,
			       "objective %lld has no final retro (R11): write one first, with "
			       "what went well, what did not and what to try next",
			       (long long)id);
		goto out;
	}
	before = app_text_objective_row(&o);
	o.state = STATE_CLOSED;
	if ((rc = store_objective_update(a->db, &o, a->now, err)) < 0 ||
	    (rc = final_score(a, &ar, &o, in, err)) < 0)
		goto out;
	o.version++;
	rc = app_audit(a, "close", "objective", id, before, app_text_objective_row(&o), err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	retro_release(&r);
	return app_tx_end(a, rc, err);
}

int
app_link_add(struct app *a, int64_t objective, const char *ref, const char *title, int64_t *id,
	     struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, objective, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0 || (rc = app_may_edit_objective(a, &o, err)) < 0)
		goto out;
	rc = add_link(a, objective, ref, title, id, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}
