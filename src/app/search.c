/* search.c: the search use case — the query checked (core/search.c), the store's index asked. */
#include "app/app_int.h"
#include "app/reads.h"
#include "store/store.h"

/*
 * Every signed-in role reads every objective (drafts included, as the tree
 * shows them), so a hit needs no filter of its own; a rule that hides an
 * objective from a reader belongs here, applied to h->objective.
 */
int
app_search(struct app *a, struct arena *ar, const char *q, int limit, struct search_hit **v,
	   size_t *n, struct okra_err *err)
{
	struct search_query sq;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = search_query_parse(q, &sq, err)) < 0)
		return rc;
	if (limit < 1 || limit > SEARCH_LIMIT_MAX)
		return okra_err_set(err, OKRA_EINVAL, "limit", "limit is 1 to %d, not %d",
				    SEARCH_LIMIT_MAX, limit);
	return store_search(a->db, ar, &sq, limit, v, n, err);
}
