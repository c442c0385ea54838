/* fuzz_sources.c: a KR source's answers from an outside server: Prometheus's JSON and a JSON
 * document read at an RFC 6901 pointer. The first byte picks which; for a pointer, the input is
 * "POINTER\nDOCUMENT". A reading is always a finite number; a refusal always says why. */
#include "fuzz.h"

#include <math.h>

#include "source/parse.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf why = BUF_INIT;
	double v = 0;
	int64_t at = 0;
	int rc;

	if (!size)
		return 0;
	if (data[0] & 1) {
		rc = source_prom_parse((const char *)data + 1, size - 1, &v, &at, &why);
		if (rc == 0)
			FUZZ_CHECK(at >= 0);
	} else {
		const uint8_t *nl = memchr(data + 1, '\n', size - 1);
		size_t plen = nl ? (size_t)(nl - data - 1) : size - 1;
		char *pointer = fuzz_cstr(data + 1, plen);
		const char *doc = nl ? (const char *)nl + 1 : "";

		rc = source_json_pointer(doc, nl ? size - plen - 2 : 0, pointer, &v, &why);
		free(pointer);
	}
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		FUZZ_CHECK(isfinite(v));
		FUZZ_CHECK(why.len == 0);
	} else {
		FUZZ_CHECK(why.len > 0);
	}
	buf_release(&why);
	return 0;
}
