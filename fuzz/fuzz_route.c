/* fuzz_route.c: the route table's matcher on any method and path; a match honours its pattern. */
#include "fuzz.h"

#include "http/route.h"

/* Input: METHOD '\n' PATH. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *part[2];
	char *s = fuzz_split(data, size, '\n', part, 1);
	struct request r = {0};
	struct buf allow = BUF_INIT;
	int m = router_match(&r, part[0], part[1]);

	router_allowed(part[1], &allow);
	FUZZ_CHECK(m >= -2 && m < nroutes);
	/* -2 (wrong method) only for a path some route has: Allow then names methods. */
	FUZZ_CHECK((m == -2) <= (allow.len > 0));
	if (m >= 0) {
		const char *pat = routes[m].pattern;
		int np = 0;

		FUZZ_CHECK(!strcmp(routes[m].method, part[0]) ||
			   (!strcmp(part[0], "HEAD") && !strcmp(routes[m].method, "GET")));
		FUZZ_CHECK(allow.len > 0);
		for (const char *p = pat; (p = strchr(p, '{')); p++)
			np++;
		/* Each {placeholder} took one non-empty segment, slash-free. */
		for (int i = 0; i < np; i++) {
			FUZZ_CHECK(r.params[i] && *r.params[i]);
			FUZZ_CHECK(!strchr(r.params[i], '/'));
			FUZZ_CHECK(strstr(part[1], r.params[i]));
		}
	}
	arena_release(&r.arena);
	buf_release(&allow);
	free(s);
	return 0;
}
