/* filter.c: the tree filters (issue 19) — which objectives of a loaded tree a view shows. */
#include "app/app.h"

#include <string.h>

#include "util/arena.h"
#include "app/reads.h"
#include "app/tree.h"

int
tree_filter_any(const struct tree_filter *f)
{
	return f->nhandles || f->team || f->health || f->behind || f->owes;
}

static int
is_dri(const struct objective *o, const char *handle)
{
	if (o->dri_handle && !strcmp(o->dri_handle, handle))
		return 1;
	for (size_t k = 0; k < o->nkrs; k++)
		if (o->krs[k].dri_handle && !strcmp(o->krs[k].dri_handle, handle))
			return 1;
	return 0;
}

/* Every filter but owes (marked beforehand in match) and team (inherited down the tree). */
static int
passes(const struct objective *o, const struct tree_filter *f)
{
	for (size_t h = 0; h < f->nhandles; h++)
		if (!is_dri(o, f->handles[h]))
			return 0;
	if (f->health && !(f->health & (1u << o->health)))
		return 0;
	if (f->behind && !(o->pace.known && o->pace.suggested != HEALTH_ON_TRACK))
		return 0;
	return 1;
}

/*
 * Mark the subtree under idx (in_team: an objective it aligns under is of the
 * team); owed[i] says someone owes on t->v[i]. Returns whether anything in it
 * is shown.
 */
static int
mark(struct app_tree *t, size_t idx, const struct tree_filter *f, const unsigned char *owed,
     int in_team)
{
	const struct objective *o = &t->v[idx];
	int any = 0;

	in_team = in_team || !f->team || (o->team_slug && !strcmp(o->team_slug, f->team));
	for (size_t i = 0; i < o->nchildren; i++)
		any |= mark(t, o->children[i], f, owed, in_team);
	if (in_team && (!f->owes || owed[idx]) && passes(o, f)) {
		t->shown[idx] = TREE_MATCH;
		t->matches++;
	} else {
		t->shown[idx] = any ? TREE_CONTEXT : TREE_HIDDEN;
	}
	return t->shown[idx] != TREE_HIDDEN;
}

/* Which objectives someone (of f's handles, when given) owes this week's update on. */
static int
mark_owed(struct app *a, const struct app_tree *t, const struct tree_filter *f, unsigned char *owed,
	  struct okra_err *err)
{
	struct due_list l = {0};
	int rc;

	if ((rc = app_due_among(a, a->today, t->v, t->n, &l, err)) < 0)
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		size_t idx = app_tree_find(t, l.v[i].objective);
		int who = !f->nhandles;

		for (size_t h = 0; h < f->nhandles; h++)
			who |= !strcmp(l.v[i].handle, f->handles[h]);
		if (idx != (size_t)-1 && who)
			owed[idx] = 1;
	}
	due_list_release(&l);
	return 0;
}

/* The handles and the team name someone who exists. */
static int
check_names(struct app *a, struct arena *ar, const struct tree_filter *f, struct okra_err *err)
{
	struct person p;
	struct team tm;

	for (size_t h = 0; h < f->nhandles; h++)
		if (app_person(a, ar, f->handles[h], &p, err) < 0)
			return okra_err_set(err, OKRA_EUSAGE, "person",
					    "no person with handle %.64s", f->handles[h]);
	if (f->team && app_team(a, ar, f->team, &tm, err) < 0)
		return okra_err_set(err, OKRA_EUSAGE, "team", "no team with slug %.64s", f->team);
	return 0;
}

int
app_tree_filter(struct app *a, struct arena *ar, struct app_tree *t, const struct tree_filter *f,
		struct okra_err *err)
{
	unsigned char *owed = NULL;
	int rc;

	t->shown = NULL;
	t->matches = 0;
	if (!tree_filter_any(f))
		return 0;
	if ((rc = check_names(a, ar, f, err)) < 0)
		return rc;
	if (f->owes && t->has_as_of)
		return okra_err_set(err, OKRA_EUSAGE, "owes",
				    "who owes an update is about this week: not with a past day");
	t->shown = arena_calloc(ar, t->n + 1, 1);
	if (f->owes) {
		owed = arena_calloc(ar, t->n + 1, 1);
		if ((rc = mark_owed(a, t, f, owed, err)) < 0)
			return rc;
	}
	for (size_t k = 0; k < t->nroots; k++)
		mark(t, t->roots[k], f, owed, 0);
	return 0;
}
