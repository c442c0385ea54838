/* fuzz_form.c: form bodies and query strings (form_get); url_enc'd text decodes back to itself. */
#include "fuzz.h"

#include "util/html.h"

/* Input: KEY '\n' BODY '\n' VALUE. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *part[3];
	char *s = fuzz_split(data, size, '\n', part, 2);
	struct buf out = BUF_INIT, enc = BUF_INIT, back = BUF_INIT;
	int rc = form_get(part[1], part[0], &out);

	FUZZ_CHECK(rc >= -1 && rc <= 1);
	FUZZ_CHECK(rc == 1 || out.len == 0 || rc == -1);
	/* A decoded value holds no NUL: it is a C string all the way. */
	FUZZ_CHECK(out.len == strlen(out.buf));
	/* Round trip: key=url_enc(value) finds value again, byte for byte. */
	if (*part[0] && !strpbrk(part[0], "&=%+")) {
		buf_adds(&enc, part[0]);
		buf_addch(&enc, '=');
		url_enc(&enc, part[2]);
		for (const char *p = enc.buf + strlen(part[0]) + 1; *p; p++)
			FUZZ_CHECK(*p != '&' && *p != '=' && *p != '+' && (unsigned char)*p > ' ' &&
				   (unsigned char)*p < 127);
		FUZZ_CHECK(form_get(enc.buf, part[0], &back) == 1);
		FUZZ_CHECK(!strcmp(back.buf, part[2]));
	}
	buf_release(&out);
	buf_release(&enc);
	buf_release(&back);
	free(s);
	return 0;
}
