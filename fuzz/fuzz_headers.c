/* fuzz_headers.c: If-Match lists, Origin / Sec-Fetch-Site / Host, Bearer credentials. */
#include "fuzz.h"

#include <inttypes.h>

#include "http/auth.h"
#include "http/paging.h"
#include "app/auth.h"

/* Input: KIND ID '\n' IF-MATCH '\n' SITE '\n' ORIGIN '\n' HOST '\n' AUTHORIZATION. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *part[6];
	char *s = fuzz_split(data, size, '\n', part, 5);
	char kind = part[0][0] ? part[0][0] : 'o', tag[64];
	int64_t id = part[0][0] ? strtoll(part[0] + 1, NULL, 10) : 1, v;
	const char *tok;
	int ok;

	v = etag_match(part[1], kind, id);
	FUZZ_CHECK(v >= -1);
	FUZZ_CHECK((v == 0) == !strcmp(part[1], "*"));
	if (v > 0) {
		/* The version found is one the list spells out, as this resource's tag. */
		snprintf(tag, sizeof(tag), "\"%c%" PRId64 "-v%" PRId64 "\"", kind, id, v);
		FUZZ_CHECK(strstr(part[1], tag));
	}
	/* Each header may be absent: try them given and missing. */
	for (int mask = 0; mask < 8; mask++) {
		const char *site = mask & 1 ? part[2] : NULL, *origin = mask & 2 ? part[3] : NULL,
			   *host = mask & 4 ? part[4] : NULL;

		ok = auth_origin_ok(site, origin, host);
		FUZZ_CHECK(ok == 0 || ok == 1);
		/* A cross-site fetch is never let through, whatever else is said. */
		if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
			FUZZ_CHECK(!ok);
		/* An Origin is let through only when it names the Host. */
		if (ok && origin && strcmp(origin, "null"))
			FUZZ_CHECK(host && strstr(origin, "://") &&
				   !strcasecmp(strstr(origin, "://") + 3, host));
		if (origin && !strcmp(origin, "null"))
			FUZZ_CHECK(!ok);
	}
	tok = auth_bearer(part[5]);
	if (tok)
		FUZZ_CHECK(strlen(tok) == APP_SECRET_LEN && tok == part[5] + 7);
	free(s);
	return 0;
}
