/* people.c: use cases for people, teams and cycles. */
#include "app/app_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "core/validate.h"
#include "store/store.h"
#include "util/buf.h"
#include "app/people.h"
#include "app/settings.h"

int
app_person_add(struct app *a, const struct person *p, int64_t *id, struct okra_err *err)
{
	struct person row = *p;
	int rc;

	if ((rc = validate_handle("handle", p->handle, err)) < 0 ||
	    (rc = validate_title("name", p->name, err)) < 0 ||
	    (p->email && *p->email && (rc = validate_email("email", p->email, err)) < 0))
		return rc;
	if ((rc = app_may_admin(a, "add people", err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_person_add(a->db, p, id, err);
	if (rc == 0) {
		row.id = *id;
		rc = app_audit(a, "create", "person", *id, NULL, app_text_person(&row, a->today),
			       err);
	}
	return app_tx_end(a, rc, err);
}

int
app_team_add(struct app *a, const char *slug, const char *name, const struct strlist *members,
	     int64_t *id, struct okra_err *err)
{
	struct team t = {.slug = slug, .name = name};
	struct arena ar = ARENA_INIT;
	int rc;

	if ((rc = validate_handle("slug", slug, err)) < 0 ||
	    (rc = validate_title("name", name, err)) < 0)
		return rc;
	if ((rc = app_may_admin(a, "add teams", err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_team_add(a->db, &t, id, err)) < 0)
		goto out;
	t.id = *id;
	for (size_t i = 0; members && i < members->n; i++) {
		struct person p = {0};

		if ((rc = store_person_by_handle(a->db, &ar, members->v[i], &p, err)) < 0 ||
		    (rc = store_membership_add(a->db, p.id, *id, err)) < 0)
			goto out;
	}
	rc = app_audit(a, "create", "team", *id, NULL, app_text_team(&t, members), err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/*
 * Puts a person into a team or takes them out of it (join), in one transaction with its audit
 * row. Joining twice changes nothing and records nothing; leaving a team one is not in is an
 * error, since the caller named a membership that does not exist.
 */
static int
team_membership(struct app *a, const char *slug, const char *handle, bool join,
		struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct team t = {0};
	struct person p = {0};
	char *member;
	int rc;

	if ((rc = app_may_admin(a, "change teams", err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_team_by_slug(a->db, &ar, slug, &t, err)) < 0 ||
	    (rc = store_person_by_handle(a->db, &ar, handle, &p, err)) < 0)
		goto out;
	rc = join ? store_membership_add(a->db, p.id, t.id, err)
		  : store_membership_delete(a->db, p.id, t.id, err);
	if (rc < 0 || (join && db_changes(a->db) == 0))
		goto out;
	if (db_changes(a->db) == 0) {
		rc = okra_err_set(err, OKRA_ESTATE, "handle", "%s is not a member of %s", p.handle,
				  t.slug);
		goto out;
	}
	member = app_text_strings("member", handle, NULL);
	rc = app_audit(a, join ? "join" : "leave", "team", t.id, join ? NULL : member,
		       join ? member : NULL, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_team_join(struct app *a, const char *slug, const char *handle, struct okra_err *err)
{
	return team_membership(a, slug, handle, true, err);
}

int
app_team_leave(struct app *a, const char *slug, const char *handle, struct okra_err *err)
{
	return team_membership(a, slug, handle, false, err);
}

int
app_team_rename(struct app *a, const char *slug, const char *name, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct team t = {0};
	int rc;

	if ((rc = validate_title("name", name, err)) < 0)
		return rc;
	if ((rc = app_may_admin(a, "rename teams", err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_team_by_slug(a->db, &ar, slug, &t, err)) < 0 ||
	    (rc = store_team_rename(a->db, t.id, name, err)) < 0)
		goto out;
	rc = app_audit(a, "update", "team", t.id, app_text_strings("name", t.name, NULL),
		       app_text_strings("name", name, NULL), err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/* Insert one cycle and its audit row (inside the caller's transaction). */
static int
cycle_insert(struct app *a, struct cycle *c, struct okra_err *err)
{
	int rc;

	if ((rc = validate_title("name", c->name, err)) < 0 ||
	    (rc = validate_cycle_dates(c->starts_on, c->ends_on, err)) < 0)
		return rc;
	if (strchr(c->name, ' ') || strchr(c->name, '/'))
		return okra_err_set(err, OKRA_EINVAL, "name",
				    "cycle names have no spaces or slashes (like FY2027-Q3): %s",
				    c->name);
	if ((rc = store_cycle_add(a->db, c, &c->id, err)) < 0)
		return rc;
	return app_audit(a, "create", "cycle", c->id, NULL, app_text_cycle(c), err);
}

int
app_cycle_add(struct app *a, const char *name, enum cycle_kind kind, int32_t starts_on,
	      int32_t ends_on, const char *parent, int64_t *id, struct okra_err *err)
{
	struct cycle c = {.kind = kind, .name = name, .starts_on = starts_on, .ends_on = ends_on};
	struct arena ar = ARENA_INIT; /* the parent year */
	struct cycle p = {0};
	int rc;

	if ((rc = app_may_plan(a, "plan cycles", err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		return rc;
	if (parent && *parent) {
		if ((rc = store_cycle_by_name(a->db, &ar, parent, &p, err)) < 0)
			goto out;
		if (p.kind != CYCLE_YEAR || kind != CYCLE_QUARTER) {
			rc = okra_err_set(
				err, OKRA_EINVAL, "parent",
				"a cycle's parent is a year and the cycle a quarter (%s is "
				"a %s)",
				p.name, cycle_kind_name(p.kind));
			goto out;
		}
		if (starts_on < p.starts_on || ends_on > p.ends_on) {
			rc = okra_err_set(err, OKRA_EINVAL, "start",
					  "quarter %s must lie within its year %s", name, p.name);
			goto out;
		}
		c.parent = p.id;
	}
	rc = cycle_insert(a, &c, err);
	*id = c.id;
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/*
 * A new year [s, e] named name: refused when a cycle of that name exists, or when it
 * overlaps a year or a quarter already planned (a day would belong to two years).
 */
static int
year_is_free(struct app *a, const char *name, int32_t s, int32_t e, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct cycle *v = NULL;
	size_t n = 0;
	int rc;

	if ((rc = store_cycle_list(a->db, &ar, &v, &n, err)) < 0)
		goto out;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char vs[11], ve[11];

		cal_format_date(v[i].starts_on, vs);
		cal_format_date(v[i].ends_on, ve);
		if (!strcmp(v[i].name, name))
			rc = okra_err_set(err, OKRA_ECONFLICT, "name",
					  "a cycle named %s already exists (%s to %s)", name, vs,
					  ve);
		else if (v[i].starts_on <= e && s <= v[i].ends_on)
			rc = okra_err_set(err, OKRA_ECONFLICT, "name",
					  "%s would overlap the %s %s (%s to %s): a day belongs "
					  "to one year",
					  name, cycle_kind_name(v[i].kind), v[i].name, vs, ve);
	}
out:
	arena_release(&ar);
	return rc;
}

int
app_cycle_year(struct app *a, const char *name, int32_t starts_on, int64_t *id,
	       struct okra_err *err)
{
	struct cycle y = {.kind = CYCLE_YEAR, .name = name, .starts_on = starts_on};
	int32_t qs[4], qe[4];
	struct buf qname = BUF_INIT;
	int rc;

	if (starts_on == DATE_NONE) {
		okra_err_set(err, OKRA_EINVAL, "start", "a year needs --start YYYY-MM-DD");
		okra_err_plain(err, "a year needs the day it starts (YYYY-MM-DD)");
		return OKRA_EINVAL;
	}
	if ((rc = app_may_plan(a, "plan cycles", err)) < 0 || (rc = app_tx_begin(a, err)) < 0)
		return rc;
	y.ends_on = cal_year_end(starts_on);
	if ((rc = year_is_free(a, name, y.starts_on, y.ends_on, err)) < 0 ||
	    (rc = cycle_insert(a, &y, err)) < 0)
		goto out;
	*id = y.id;
	cal_quarters(starts_on, qs, qe);
	for (int i = 0; i < 4; i++) {
		struct cycle q = {.kind = CYCLE_QUARTER,
				  .starts_on = qs[i],
				  .ends_on = qe[i],
				  .parent = y.id};

		buf_reset(&qname);
		buf_addf(&qname, "%s-Q%d", name, i + 1);
		q.name = qname.buf;
		if ((rc = cycle_insert(a, &q, err)) < 0)
			goto out;
	}
out:
	buf_release(&qname);
	return app_tx_end(a, rc, err);
}

int
app_cycle_plan_year(struct app *a, int fy, int64_t *id, struct okra_err *err)
{
	char name[16];
	int rc;

	snprintf(name, sizeof(name), "FY%d", fy);
	rc = app_cycle_year(a, name, app_fiscal_year_named(a, fy), id, err);
	/* The name is made from the year asked for: a refusal of it is the year's. */
	if (rc < 0 && !strcmp(err->field, "name"))
		snprintf(err->field, sizeof(err->field), "year");
	return rc;
}

int32_t
app_fiscal_year_named(struct app *a, int fy)
{
	return cal_fiscal_year_named(fy, (int)app_setting_int(a, "fiscal_year_first_month"));
}
