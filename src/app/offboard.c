/* offboard.c: an admin changes a person's role and join date, deactivates and reactivates them,
 * and hands what they own over to someone else in one step. */
#include "app/app_int.h"

#include <stdio.h>

#include "app/json_write.h"
#include "core/validate.h"
#include "util/xalloc.h"
#include "store/store.h"
#include "app/people.h"

/* Refuse to leave the company without an active admin (nobody could run it from the browser). */
static int
keep_an_admin(struct app *a, const struct person *p, const char *what, struct okra_err *err)
{
	int64_t others = 0;
	int rc;

	if (p->role != ROLE_ADMIN || p->deactivated_at)
		return 0;
	if ((rc = store_other_admins(a->db, p->id, &others, err)) < 0)
		return rc;
	if (others > 0)
		return 0;
	return okra_err_set(err, OKRA_ESTATE, "role",
			    "%s is the only active admin: make someone else an admin before you %s",
			    p->handle, what);
}

int
app_person_edit(struct app *a, const char *handle, const struct person_edit *e,
		struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct person p = {0}, row;
	char *before;
	int rc;

	if ((e->name && (rc = validate_title("name", e->name, err)) < 0) ||
	    (e->email && *e->email && (rc = validate_email("email", e->email, err)) < 0))
		return rc;
	if ((rc = app_may_admin(a, "change people", err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_person_by_handle(a->db, &ar, handle, &p, err)) < 0)
		goto out;
	row = p;
	if (e->name)
		row.name = e->name;
	if (e->email)
		row.email = e->email;
	if (e->has_role)
		row.role = e->role;
	if (e->has_joined)
		row.joined_on = e->joined_on;
	if (row.role != ROLE_ADMIN && (rc = keep_an_admin(a, &p, "change their role", err)) < 0)
		goto out;
	before = app_text_person(&p, a->today);
	if ((rc = store_person_update(a->db, &row, err)) < 0) {
		xfree(before);
		goto out;
	}
	rc = app_audit(a, "update", "person", p.id, before, app_text_person(&row, a->today), err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/* Deactivate (on = 0) or reactivate (on = 1) handle. */
static int
set_active(struct app *a, const char *handle, int on, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct person p = {0};
	int rc;

	if ((rc = app_may_admin(a, on ? "reactivate people" : "deactivate people", err)) < 0 ||
	    (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_person_by_handle(a->db, &ar, handle, &p, err)) < 0)
		goto out;
	if (!on == !!p.deactivated_at) {
		rc = okra_err_set(err, OKRA_ESTATE, "handle", "%s is %s already", p.handle,
				  on ? "active" : "deactivated");
		goto out;
	}
	if (!on && (rc = keep_an_admin(a, &p, "deactivate them", err)) < 0)
		goto out;
	/* Their sessions end now; their API tokens are refused while they are away. */
	if ((rc = store_person_deactivate(a->db, p.id, on ? 0 : a->now, err)) < 0 ||
	    (!on && (rc = store_sessions_delete_person(a->db, p.id, err)) < 0))
		goto out;
	rc = app_audit(a, on ? "reactivate" : "deactivate", "person", p.id, NULL,
		       app_text_strings("handle", p.handle, NULL), err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_person_deactivate(struct app *a, const char *handle, struct okra_err *err)
{
	return set_active(a, handle, 0, err);
}

int
app_person_reactivate(struct app *a, const char *handle, struct okra_err *err)
{
	return set_active(a, handle, 1, err);
}

int
app_person_owned(struct app *a, struct arena *ar, const struct person *p, struct owned **v,
		 size_t *n, struct okra_err *err)
{
	return store_person_owned(a->db, ar, p->id, v, n, err);
}

int
app_person_handover(struct app *a, const char *from, const char *to, size_t *moved,
		    struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct person f = {0}, t = {0};
	struct owned *v = NULL;
	size_t n = 0;
	int rc;

	*moved = 0;
	if ((rc = app_may_admin(a, "hand over what people own", err)) < 0 ||
	    (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_person_by_handle(a->db, &ar, from, &f, err)) < 0)
		goto out;
	if (!to || !*to) {
		rc = okra_err_set(err, OKRA_EINVAL, "to", "say who takes over (--to HANDLE)");
		goto out;
	}
	if ((rc = app_dri_lookup(a, &ar, to, &t, err)) < 0) {
		if (err)
			snprintf(err->field, sizeof(err->field), "to");
		goto out;
	}
	if (t.id == f.id) {
		rc = okra_err_set(err, OKRA_EINVAL, "to", "%s cannot hand over to themself",
				  f.handle);
		goto out;
	}
	if ((rc = store_person_owned(a->db, &ar, f.id, &v, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = store_dri_set(a->db, v[i].kind, v[i].id, t.id, err);
		if (rc == 0)
			rc = app_audit(a, "handover", v[i].kind == 'o' ? "objective" : "key_result",
				       v[i].id, app_text_strings("dri", f.handle, NULL),
				       app_text_strings("dri", t.handle, NULL), err);
	}
	if (rc == 0)
		*moved = n;
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}
