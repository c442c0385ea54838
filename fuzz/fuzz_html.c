/* fuzz_html.c: the HTML escapers on hostile text; no markup character gets through raw. */
#include "fuzz.h"

#include "util/html.h"

/* Undo html_attr's escapes (the five it makes); NULL if anything else follows an '&'. */
static char *
unescape(const char *s)
{
	static const char *const ent[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	char *out = malloc(strlen(s) + 1), *o = out;

	while (*s) {
		size_t i, n = sizeof(ent) / sizeof(ent[0]);

		if (*s != '&') {
			*o++ = *s++;
			continue;
		}
		for (i = 0; i < n && strncmp(s, ent[i][0], strlen(ent[i][0])); i++)
			;
		if (i == n) {
			free(out);
			return NULL;
		}
		*o++ = ent[i][1][0];
		s += strlen(ent[i][0]);
	}
	*o = '\0';
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *back;
	struct buf txt = BUF_INIT, attr = BUF_INIT;

	html_txt(&txt, s);
	html_attr(&attr, s);
	FUZZ_CHECK(!strpbrk(txt.buf, "<>"));
	FUZZ_CHECK(!strpbrk(attr.buf, "<>\"'"));
	back = unescape(attr.buf);
	FUZZ_CHECK(back && !strcmp(back, s));
	free(back);
	back = unescape(txt.buf);
	FUZZ_CHECK(back && !strcmp(back, s));
	free(back);
	buf_release(&txt);
	buf_release(&attr);
	free(s);
	return 0;
}
