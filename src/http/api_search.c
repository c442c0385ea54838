/* api_search.c: GET /api/v1/search?q= — objectives, key results, check-in notes, statuses and
 * retros found by their words, title hits first. */
#include "http/handler.h"

#include "app/json_write.h"
#include "app/reads.h"
#include "core/validate.h"

int
h_search(struct request *r)
{
	struct okra_err err = {0};
	const char *q = req_query(r, "q"), *l = req_query(r, "limit");
	struct search_hit *hits;
	int64_t limit = SEARCH_LIMIT_DEFAULT;
	size_t n;
	int rc;

	if (!q)
		return reply_problem(r, 400, "q is required: the words to search for", "q");
	if (l && (validate_id("limit", l, &limit, &err) < 0 || limit > SEARCH_LIMIT_MAX))
		return reply_problem(r, 400,
				     arena_sprintf(&r->arena,
						   "limit is a whole number from 1 to %d",
						   SEARCH_LIMIT_MAX),
				     "limit");
	if ((rc = app_search(r->app, &r->arena, q, (int)limit, &hits, &n, &err)) < 0)
		return reply_error(r, rc, &err, NULL);
	app_jw_search(reply_json_begin(r), q, hits, n);
	return reply_json_end(r, 200);
}
