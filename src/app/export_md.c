/* export_md.c: okra export --format md — every objective of a cycle (or all) in the handbook
 * format. */
#include "app/app.h"

#include <stdlib.h>

#include "core/handbook.h"
#include "app/tree.h"
#include "app/reads.h"
#include "app/transfer.h"

/*
 * The objectives of t that belong to its own cycle (a year's tree may show its
 * quarters'); of a filtered tree, those that match (not those shown for context).
 */
static void
export_tree(const struct app_tree *t, struct buf *out, int *first)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].cycle != t->cycle.id || (t->shown && t->shown[i] != TREE_MATCH))
			continue;
		if (!*first)
			buf_addch(out, '\n');
		*first = 0;
		handbook_export_objective(out, &t->v[i]);
	}
}

void
app_export_md_tree(const struct app_tree *t, struct buf *out)
{
	int first = 1;

	export_tree(t, out, &first);
}

int
app_export_md(struct app *a, const char *cycle, struct buf *out, struct okra_err *err)
{
	struct cycle *cv = NULL;
	size_t ncv = 0, i;
	struct arena ar = ARENA_INIT;  /* one cycle's tree at a time */
	struct arena cyc = ARENA_INIT; /* the cycles, read once */
	struct app_tree t = {0};
	int first = 1, rc;

	if (cycle) {
		if ((rc = app_tree(a, &ar, cycle, &t, err)) < 0)
			goto out;
		export_tree(&t, out, &first);
		goto out;
	}
	if ((rc = app_cycles(a, &cyc, &cv, &ncv, err)) < 0)
		goto out;
	for (i = 0; i < ncv; i++) {
		if ((rc = app_tree(a, &ar, cv[i].name, &t, err)) < 0)
			goto out;
		export_tree(&t, out, &first);
		arena_reset(&ar);
	}
out:
	arena_release(&ar);
	arena_release(&cyc);
	return rc;
}
