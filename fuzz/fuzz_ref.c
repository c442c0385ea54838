/* fuzz_ref.c: ref_parse on any bytes; a canonical ref parses again to itself. */
#include "fuzz.h"

#include "core/ref.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	struct buf once = BUF_INIT, twice = BUF_INIT;
	struct okra_err err = {0};
	enum ref_kind k1, k2;

	if (ref_parse(s, "ref", &once, &k1, &err) == 0) {
		/* Canonical form is a fixed point. */
		FUZZ_CHECK(ref_parse(once.buf, "ref", &twice, &k2, &err) == 0);
		FUZZ_CHECK(!strcmp(once.buf, twice.buf));
		FUZZ_CHECK(k1 == k2);
		FUZZ_CHECK(once.len <= 500);
	} else {
		FUZZ_CHECK(once.len == 0);
		FUZZ_CHECK(err.msg[0]);
	}
	buf_release(&once);
	buf_release(&twice);
	free(s);
	return 0;
}
