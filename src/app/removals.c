/* removals.c: what was added by mistake taken away — a criterion, initiative or link, a draft
 * objective or one of its KRs — and a closed objective reopened; each audited with the original. */
#include "app/app_int.h"

#include <stdlib.h>

#include "app/corrections.h"
#include "app/json_write.h"
#include "core/validate.h"
#include "store/store.h"

#define REASON_MAX 500

static const char *const item_names[] = {
	[REMOVE_CRITERION] = "criterion",
	[REMOVE_INITIATIVE] = "initiative",
	[REMOVE_LINK] = "link",
};

/* The item as the audit trail keeps it; *kr and *objective say whose it is. */
static char *
item_text(const struct store_item *it, int64_t *kr, int64_t *objective)
{
	struct app_text t;
	struct jw *w = app_text_begin(&t);

	jw_object(w);
	if (it->what == REMOVE_CRITERION) {
		*kr = it->criterion.key_result;
		jw_kint(w, "key_result", *kr);
		jw_kstr(w, "ref", it->criterion.ref);
		jw_kstr(w, "title", it->criterion.title);
		jw_kreal(w, "contribution", it->criterion.contribution);
		jw_kstr(w, "state", item_state_name(it->criterion.state));
	} else if (it->what == REMOVE_INITIATIVE) {
		*kr = it->initiative.key_result;
		jw_kint(w, "key_result", *kr);
		jw_kstr(w, "title", it->initiative.title);
		jw_kstr(w, "ref", it->initiative.ref);
		jw_kstr(w, "state", item_state_name(it->initiative.state));
	} else {
		*objective = it->link.objective;
		jw_kint(w, "objective", *objective);
		jw_kstr(w, "ref", it->link.ref);
		jw_kstr(w, "title", it->link.title);
		jw_kstr(w, "state", item_state_name(it->link.state));
	}
	jw_end(w);
	return app_text_end(&t);
}

static int
item_remove(struct app *a, enum store_removal what, int64_t id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct store_item it;
	struct key_result kr = {0};
	struct objective_row o = {0};
	int64_t krid = 0, objective = 0;
	char *before = NULL;
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_item_get(a->db, &ar, what, id, &it, err)) < 0)
		goto out;
	before = item_text(&it, &krid, &objective);
	if (krid && (rc = store_kr_get(a->db, &ar, krid, &kr, err)) < 0)
		goto out;
	if ((rc = store_objective_get(a->db, &ar, krid ? kr.objective : objective, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0 || (rc = app_may_edit_objective(a, &o, err)) < 0 ||
	    (rc = store_remove(a->db, what, id, err)) < 0)
		goto out;
	rc = app_audit(a, "delete", item_names[what], id, before, NULL, err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_may_remove(struct app *a, const struct objective_row *o)
{
	struct okra_err e = {0};

	return o->state != STATE_CLOSED && app_may_edit_objective(a, o, &e) == 0;
}

int
app_criterion_remove(struct app *a, int64_t id, struct okra_err *err)
{
	return item_remove(a, REMOVE_CRITERION, id, err);
}

int
app_initiative_remove(struct app *a, int64_t id, struct okra_err *err)
{
	return item_remove(a, REMOVE_INITIATIVE, id, err);
}

int
app_link_remove(struct app *a, int64_t id, struct okra_err *err)
{
	return item_remove(a, REMOVE_LINK, id, err);
}

/* o may lose what it has: a draft the actor may edit. */
static int
draft_for_delete(struct app *a, const struct objective_row *o, const char *what,
		 struct okra_err *err)
{
	int rc;

	if ((rc = app_may_edit_objective(a, o, err)) < 0)
		return rc;
	if (o->state == STATE_DRAFT)
		return 0;
	return okra_err_set(err, OKRA_ESTATE, "",
			    "objective %lld is %s: %s can be deleted only while it is a draft; "
			    "what was added to it by mistake can be removed",
			    (long long)o->id, state_name(o->state), what);
}

/* Refused when the thing changed since the version the caller read (0: any). */
static int
at_version(const char *what, int64_t id, int64_t if_version, int64_t version, struct okra_err *err)
{
	if (!if_version || if_version == version)
		return 0;
	return okra_err_set(err, OKRA_ESTALE, "version",
			    "%s %lld changed since version %lld (now %lld): reload and try again",
			    what, (long long)id, (long long)if_version, (long long)version);
}

int
app_objective_delete(struct app *a, int64_t id, struct okra_err *err)
{
	return app_objective_delete_at(a, id, 0, err);
}

int
app_kr_delete(struct app *a, int64_t id, struct okra_err *err)
{
	return app_kr_delete_at(a, id, 0, err);
}

int
app_objective_delete_at(struct app *a, int64_t id, int64_t if_version, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	int64_t children = 0;
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, id, &o, err)) < 0 ||
	    (rc = draft_for_delete(a, &o, "it", err)) < 0 ||
	    (rc = at_version("objective", id, if_version, o.version, err)) < 0 ||
	    (rc = store_objective_children(a->db, id, &children, err)) < 0)
		goto out;
	if (children) {
		rc = okra_err_set(err, OKRA_ESTATE, "",
				  "objective %lld has %lld objective(s) aligned under it: align "
				  "them elsewhere first",
				  (long long)id, (long long)children);
		goto out;
	}
	if ((rc = store_remove(a->db, REMOVE_OBJECTIVE, id, err)) < 0)
		goto out;
	rc = app_audit(a, "delete", "objective", id, app_text_objective_row(&o), NULL, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_kr_delete_at(struct app *a, int64_t id, int64_t if_version, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct key_result kr = {0};
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_kr_get(a->db, &ar, id, &kr, err)) < 0 ||
	    (rc = store_objective_get(a->db, &ar, kr.objective, &o, err)) < 0 ||
	    (rc = draft_for_delete(a, &o, "its key results", err)) < 0 ||
	    (rc = at_version("key result", id, if_version, kr.version, err)) < 0 ||
	    (rc = store_remove(a->db, REMOVE_KR, id, err)) < 0)
		goto out;
	rc = app_audit(a, "delete", "key_result", id, app_text_kr_row(&kr), NULL, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_may_reopen(struct app *a, const struct objective_row *o)
{
	struct okra_err e = {0};

	return o->state == STATE_CLOSED && app_may_plan(a, "reopen a closed objective", &e) == 0;
}

int
app_objective_reopen(struct app *a, int64_t id, const char *reason, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	char *before = NULL;
	int rc;

	if (!reason || !*reason)
		return okra_err_set(err, OKRA_EINVAL, "reason",
				    "say why the objective is reopened (a reason is required)");
	if ((rc = validate_text("reason", reason, REASON_MAX, err)) < 0 ||
	    (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_objective_get(a->db, &ar, id, &o, err)) < 0 ||
	    (rc = app_may_plan(a, "reopen a closed objective", err)) < 0)
		goto out;
	if (o.state != STATE_CLOSED) {
		rc = okra_err_set(err, OKRA_ESTATE, "", "objective %lld is %s, not closed",
				  (long long)id, state_name(o.state));
		goto out;
	}
	before = app_text_objective_row(&o);
	o.state = STATE_ACTIVE;
	o.has_final = 0;
	o.final_reason = NULL;
	if ((rc = store_objective_update(a->db, &o, a->now, err)) < 0 ||
	    (rc = store_objective_final_clear(a->db, id, err)) < 0)
		goto out;
	o.version++;
	rc = app_audit(a, "reopen", "objective", id, before,
		       app_text_strings("state", "active", "reason", reason, NULL), err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}
