/* carry.c: carrying an objective over into the next cycle — a draft with its open key results,
 * their DRIs, the criteria and initiatives still open, its open links, the alignment mapped to
 * the new cycle's parents, and a line back to where it came from — in one transaction.
 */
#include "app/app_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "app/objectives.h"
#include "app/tree.h"

/* The section a copy starts its further sections with: the line back (parsed by carried_from). */
#define CARRIED "### Carried over\n\nFrom objective #"

int64_t
app_carried_from(const struct objective_row *o)
{
	const char *s = o->sections ? strstr(o->sections, CARRIED) : NULL;
	long long id = 0;

	if (!s || sscanf(s + strlen(CARRIED), "%lld", &id) != 1 || id < 1)
		return 0;
	return (int64_t)id;
}

/* Where a copy in cycle `to` aligns: the old parent if it may stay (its cycle is `to` or the year
 * holding it, still open), else the parent's own copy there, else nowhere. */
static int
map_parent(struct app *a, struct arena *ar, const struct objective *o, const struct cycle *to,
	   int64_t *parent, struct okra_err *err)
{
	struct objective_row p = {0};
	struct objective *v = NULL;
	size_t n = 0;
	int rc;

	*parent = 0;
	if (!o->parent)
		return 0;
	if ((rc = store_objective_get(a->db, ar, o->parent, &p, err)) < 0)
		return rc;
	if ((p.cycle == to->id || p.cycle == to->parent) && p.state != STATE_CLOSED) {
		*parent = p.id;
		return 0;
	}
	if ((rc = store_tree_load(a->db, ar, to->parent ? to->parent : to->id, &v, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if ((v[i].cycle == to->id || v[i].cycle == to->parent) &&
		    v[i].state != STATE_CLOSED && app_carried_from(&v[i].row) == p.id)
			*parent = v[i].id;
	return 0;
}

/* The open key result kr under the copy, from where it stands now, with its open items. */
static int
copy_kr(struct app *a, int64_t objective, const struct key_result *kr, struct okra_err *err)
{
	struct kr_input in = {.objective = objective,
			      .title = kr->title,
			      .dri = kr->dri_handle,
			      .context = kr->context,
			      .kind = kr->kind,
			      .unit = kr->unit,
			      .start = kr->current,
			      .target = kr->target};
	int64_t id, item;
	int rc;

	in.has_weight = kr->weight != 1;
	in.weight = kr->weight;
	if ((rc = app_kr_add(a, &in, &id, err)) < 0)
		return rc;
	for (size_t i = 0; i < kr->ncriteria; i++)
		if (kr->criteria[i].state == ITEM_OPEN &&
		    (rc = app_criterion_add(a, id, kr->criteria[i].ref,
					    kr->criteria[i].contribution, kr->criteria[i].title,
					    &item, err)) < 0)
			return rc;
	for (size_t i = 0; i < kr->ninitiatives; i++)
		if (kr->initiatives[i].state == ITEM_OPEN &&
		    (rc = app_initiative_add(a, id, kr->initiatives[i].title,
					     kr->initiatives[i].ref, &item, err)) < 0)
			return rc;
	return 0;
}

/* The objective's fields for its copy in `to` (strings in ar). */
static void
copy_input(struct arena *ar, const struct objective *o, const struct cycle *to,
	   struct objective_input *in, struct strlist *links)
{
	in->cycle = to->name;
	in->team = o->team_slug;
	in->dri = o->dri_handle;
	in->title = o->title;
	in->context = o->context;
	in->sections = arena_sprintf(ar, CARRIED "%" PRId64 " in %s.\n%s%s", o->id, o->cycle_name,
				     o->sections && *o->sections ? "\n" : "",
				     o->sections ? o->sections : "");
	in->has_weight = o->weight != 1;
	in->weight = o->weight;
	in->draft = 1;
	for (size_t i = 0; i < o->nlinks; i++)
		if (o->links[i].state == ITEM_OPEN)
			strlist_push(links, o->links[i].ref);
	in->links = links;
}

/*
 * R14: the weight a copy has under its new parent is that parent's owners' decision. The old
 * weight carries over when the copier may edit the parent; else the copy weighs 1 there (as
 * any objective aligned by someone who may not), instead of the whole copy being refused.
 */
static int
keep_weight(struct app *a, struct arena *ar, int64_t parent, struct objective_input *in,
	    struct okra_err *err)
{
	struct objective_row p = {0};
	struct okra_err why = {0};
	int rc;

	if (!parent || !in->has_weight)
		return 0;
	if ((rc = store_objective_get(a->db, ar, parent, &p, err)) < 0)
		return rc;
	if ((rc = app_may_edit_objective(a, &p, &why)) == OKRA_EFORBIDDEN) {
		in->has_weight = 0;
		in->weight = 1;
		return 0;
	}
	if (rc < 0 && err)
		*err = why;
	return rc;
}

int
app_objective_copy(struct app *a, int64_t id, const char *to, int64_t *out, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct app_tree t = {0};
	struct objective_input in = {0};
	struct strlist links = {0};
	struct cycle c = {0};
	const struct objective *o;
	size_t idx;
	int rc;

	if (!to || !*to)
		return okra_err_set(err, OKRA_EINVAL, "cycle",
				    "copy to which cycle? (--to NAME, the next quarter or year)");
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = app_objective_tree(a, &ar, id, &t, &idx, err)) < 0 ||
	    (rc = store_cycle_by_name(a->db, &ar, to, &c, err)) < 0)
		goto out;
	o = &t.v[idx];
	if (c.id == o->cycle || c.kind != o->cycle_kind) {
		rc = okra_err_set(err, OKRA_EINVAL, "cycle",
				  "objective %lld is in %s: it is copied to another %s, not to %s",
				  (long long)id, o->cycle_name,
				  o->cycle_kind == CYCLE_YEAR ? "year" : "quarter", c.name);
		goto out;
	}
	copy_input(&ar, o, &c, &in, &links);
	if ((rc = map_parent(a, &ar, o, &c, &in.parent, err)) < 0 ||
	    (rc = keep_weight(a, &ar, in.parent, &in, err)) < 0 ||
	    (rc = app_objective_add(a, &in, out, err)) < 0)
		goto out;
	for (size_t k = 0; k < o->nkrs; k++)
		if (o->krs[k].progress < 1 && (rc = copy_kr(a, *out, &o->krs[k], err)) < 0)
			goto out;
out:
	strlist_release(&links);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

/* Whether objective id was carried into t already (an objective there says it came from id). */
static int
carried_into(const struct app_tree *t, int64_t id)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].cycle == t->cycle.id && app_carried_from(&t->v[i].row) == id)
			return 1;
	return 0;
}

/* The objectives of team in from's own cycle to carry over: not drafts, not copied to `to` yet. */
static size_t
team_quarter(const struct app_tree *from, const struct app_tree *to, int64_t team, int64_t *v)
{
	size_t n = 0;

	for (size_t i = 0; i < from->n; i++) {
		const struct objective *o = &from->v[i];

		if (o->cycle == from->cycle.id && o->team == team && o->state != STATE_DRAFT &&
		    !carried_into(to, o->id))
			v[n++] = o->id;
	}
	return n;
}

/* Copy v[0..n) parents first: one whose parent is still to copy waits for it (so it maps). */
static int
copy_in_order(struct app *a, const struct app_tree *from, int64_t *v, size_t n, const char *to,
	      int64_t *out, struct okra_err *err)
{
	size_t done = 0;
	int rc;

	while (done < n) {
		size_t before = done;

		for (size_t i = done; i < n; i++) {
			int64_t parent = from->v[app_tree_find(from, v[i])].parent, t;
			size_t k;

			for (k = done; k < n && v[k] != parent; k++)
				;
			if (k < n && k != i)
				continue;
			if ((rc = app_objective_copy(a, v[i], to, &out[done], err)) < 0)
				return rc;
			t = v[i];
			v[i] = v[done];
			v[done++] = t;
		}
		if (done == before) /* a parent cycle: cannot be, R1 refuses one */
			return okra_err_set(err, OKRA_ESTATE, "", "objectives align to each other");
	}
	return 0;
}

int
app_team_copy(struct app *a, struct arena *ar, const char *team, const char *from, const char *to,
	      int64_t **out, size_t *n, struct okra_err *err)
{
	struct app_tree tf = {0}, tt = {0};
	struct team tm = {0};
	int64_t *v;
	int rc;

	*out = NULL;
	*n = 0;
	if (!from || !*from || !to || !*to)
		return okra_err_set(err, OKRA_EINVAL, !from || !*from ? "from" : "cycle",
				    "copy which quarter to which? (--from NAME --to NAME)");
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = store_team_by_slug(a->db, ar, team, &tm, err)) < 0 ||
	    (rc = app_tree(a, ar, from, &tf, err)) < 0 || (rc = app_tree(a, ar, to, &tt, err)) < 0)
		goto out;
	v = arena_alloc(ar, (tf.n + 1) * sizeof(*v));
	*out = arena_alloc(ar, (tf.n + 1) * sizeof(**out));
	if (!(*n = team_quarter(&tf, &tt, tm.id, v))) {
		rc = okra_err_set(err, OKRA_ESTATE, "",
				  "team %s has nothing in %s to carry over to %s (drafts stay, and "
				  "what was copied there already is not copied again)",
				  team, tf.cycle.name, tt.cycle.name);
		goto out;
	}
	rc = copy_in_order(a, &tf, v, *n, to, *out, err);
out:
	if (rc < 0)
		*n = 0;
	return app_tx_end(a, rc, err);
}
