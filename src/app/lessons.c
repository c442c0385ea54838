/* lessons.c: lessons across quarters, read from the retros of the earlier cycles' trees. */
#include "app/lessons.h"

#include <stdlib.h>
#include <string.h>

#include "app/reads.h"
#include "app/tree.h"
#include "util/arena.h"

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s contains q, ASCII case aside. */
static int
contains(const char *s, const char *q)
{
	size_t n = strlen(q);

	for (; s && *s; s++) {
		size_t i = 0;

		while (i < n && s[i] && lower(s[i]) == lower(q[i]))
			i++;
		if (i == n)
			return 1;
	}
	return !n;
}

static int
same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && !strcmp(x, y));
}

/* Whether team (NULL = company) has an objective in t's own cycle. */
static int
planned(const struct app_tree *t, const char *team)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].cycle == t->cycle.id && same(t->v[i].team_slug, team))
			return 1;
	return 0;
}

static int
cmp_newest(const void *p, const void *q)
{
	const struct cycle *x = p, *y = q;

	if (x->ends_on != y->ends_on)
		return x->ends_on > y->ends_on ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

/* The bullets of t's own objectives whose team plans in now. */
static void
collect(struct arena *ar, const struct app_tree *now, const struct app_tree *t, const char *q,
	struct lesson **v, size_t *n, size_t *alloc)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct objective *o = &t->v[i];

		if (o->cycle != t->cycle.id || !o->has_retro || !planned(now, o->team_slug))
			continue;
		for (size_t k = 0; k < o->retro.try.n; k++) {
			const char *s = o->retro.try.v[k];

			if (q && *q && !contains(s, q) && !contains(o->title, q))
				continue;
			if (*n == *alloc) {
				*v = arena_grow_array(ar, *v, *alloc, *alloc * 2 + 8, sizeof(**v));
				*alloc = *alloc * 2 + 8;
			}
			(*v)[(*n)++] = (struct lesson){s,
						       o->id,
						       o->title,
						       o->team_slug,
						       t->cycle.name,
						       o->retro.final_at != 0};
		}
	}
}

int
app_lessons(struct app *a, struct arena *ar, const char *cycle, const char *q, struct lesson **v,
	    size_t *n, struct okra_err *err)
{
	struct app_tree now;
	struct cycle *cs;
	size_t ncs, alloc = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = app_tree(a, ar, cycle, &now, err)) < 0 ||
	    (rc = app_cycles(a, ar, &cs, &ncs, err)) < 0)
		return rc;
	qsort(cs, ncs, sizeof(*cs), cmp_newest);
	for (size_t c = 0; c < ncs; c++) {
		struct app_tree t;

		if (cs[c].ends_on >= now.cycle.starts_on)
			continue;
		if ((rc = app_tree(a, ar, cs[c].name, &t, err)) < 0)
			return rc;
		collect(ar, &now, &t, q, v, n, &alloc);
	}
	return 0;
}
