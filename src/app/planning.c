/* planning.c: what a planning form may offer — the parents an objective may align to (R1, R14)
 * and whether the actor may create an objective at a level at all — asked of the same rules the
 * use cases apply, so a page never offers what the write would refuse. */
#include "app/app_int.h"

#include <string.h>

#include "core/validate.h"
#include "store/store.h"
#include "app/objectives.h"

int
app_may_create_objective(struct app *a, const char *team, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct objective_row o = {0};
	struct team t = {0};
	int rc = 0;

	if (team && *team) {
		if ((rc = store_team_by_slug(a->db, &ar, team, &t, err)) < 0)
			goto out;
		o.team = t.id;
		o.team_slug = t.slug;
	}
	o.dri = -1; /* nobody: a member creates in their own teams only */
	rc = app_may_edit_objective(a, &o, err);
out:
	arena_release(&ar);
	return rc;
}

/* May an objective of level lv in cycle c (team, self) align under p? 1 yes, 0 no, <0 error. */
static int
offered(struct app *a, const struct cycle *c, enum level lv, int64_t team, int64_t self,
	const struct objective *p, const struct cycle *pc)
{
	int yes = 0, rc;

	if (p->state == STATE_CLOSED || p->id == self ||
	    validate_alignment(lv, c, objective_level(&p->row), pc, NULL) < 0)
		return 0;
	/* R14: aligning under another team's objective needs the right to edit it. */
	if (p->team && p->team != team && app_may_edit_objective(a, &p->row, NULL) < 0)
		return 0;
	if (self && (rc = store_objective_is_ancestor(a->db, self, p->id, &yes, NULL)) < 0)
		return rc;
	return !yes;
}

int
app_parent_choices(struct app *a, struct arena *ar, const char *cycle, const char *team,
		   int64_t self, struct objective **v, size_t *n, struct okra_err *err)
{
	struct cycle c = {0}, y = {0};
	struct team t = {0};
	struct objective *all = NULL;
	size_t nall = 0;
	enum level lv;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = store_cycle_by_name(a->db, ar, cycle, &c, err)) < 0)
		return rc;
	if (team && *team && (rc = store_team_by_slug(a->db, ar, team, &t, err)) < 0)
		return rc;
	lv = t.id                   ? LEVEL_WORKSTREAM_QUARTERLY
	     : c.kind == CYCLE_YEAR ? LEVEL_COMPANY_ANNUAL
				    : LEVEL_COMPANY_QUARTERLY;
	y = c;
	if (c.parent && (rc = store_cycle_get(a->db, ar, c.parent, &y, err)) < 0)
		goto out;
	if ((rc = store_tree_load(a->db, ar, y.id, &all, &nall, err)) < 0)
		goto out;
	*v = arena_alloc(ar, (nall ? nall : 1) * sizeof(**v));
	for (size_t i = 0; i < nall; i++) {
		const struct cycle *pc = all[i].cycle == c.id   ? &c
					 : all[i].cycle == y.id ? &y
								: NULL;

		if (!pc) /* another quarter of the year: never a parent (R1) */
			continue;
		if ((rc = offered(a, &c, lv, t.id, self, &all[i], pc)) < 0)
			goto out;
		if (rc)
			(*v)[(*n)++] = all[i];
	}
	rc = 0;
out:
	return rc;
}

int
app_may_change_objective(struct app *a, const struct objective_row *o, struct okra_err *err)
{
	int rc;

	if ((rc = app_writable(o, err)) < 0)
		return rc;
	return app_may_edit_objective(a, o, err);
}

int
app_objective_publish(struct app *a, int64_t id, struct okra_err *err)
{
	struct objective_edit e = {.state = "active"};

	return app_objective_edit(a, id, &e, err);
}
