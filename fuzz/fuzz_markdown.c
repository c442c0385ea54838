/* fuzz_markdown.c: descriptions rendered to HTML (cmark-gfm, safe mode): no live markup from the
 * text. */
#include "fuzz.h"

#include <ctype.h>

#include "http/markdown.h"

/* s lower-cased, for looking for tags and schemes whatever their case. */
static char *
lower(const char *s, size_t n)
{
	char *l = malloc(n + 1);

	for (size_t i = 0; i < n; i++)
		l[i] = (char)tolower((unsigned char)s[i]);
	l[n] = '\0';
	return l;
}

/* The tags cmark-gfm writes for Markdown; anything else would be HTML from the text. */
static int
known_tag(const char *name, size_t n)
{
	static const char *const tags[] = {
		"p",   "em",    "strong", "a",     "code",    "pre", "h1", "h2",
		"h3",  "h4",    "h5",     "h6",    "ul",      "ol",  "li", "blockquote",
		"hr",  "br",    "table",  "thead", "tbody",   "tr",  "th", "td",
		"del", "input", "img",    "sup",   "section", "div"};

	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i]) == n && !strncmp(tags[i], name, n))
			return 1;
	return 0;
}

/* No attribute of the tag (outside its quoted values, which are escaped text) is an on… handler. */
static void
no_handler(const char *tag)
{
	char quote = 0;

	for (const char *p = tag; *p; p++) {
		if (quote) {
			quote = *p == quote ? 0 : quote;
			continue;
		}
		if (*p == '"' || *p == '\'')
			quote = *p;
		else if (*p == ' ')
			FUZZ_CHECK(strncmp(p + 1, "on", 2));
	}
}

/*
 * Every tag in the output (s lower-cased) is one Markdown makes, with no event
 * handler attribute, and no link or image that runs script.
 */
static void
check_tags(const char *s)
{
	for (const char *p = s; (p = strchr(p, '<')); p++) {
		const char *name = p + 1 + (p[1] == '/'), *end = strchr(p, '>');
		size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
		char *tag;

		FUZZ_CHECK(end);
		FUZZ_CHECK(known_tag(name, n));
		tag = strndup(p, (size_t)(end - p));
		no_handler(tag);
		/* Only links and images load anything: an alt text may say "javascript:". */
		for (int i = 0; i < 2; i++) {
			static const char *const attr[] = {" href=\"", " src=\""};
			const char *v = strstr(tag, attr[i]);

			if (v) {
				v += strlen(attr[i]);
				FUZZ_CHECK(strncmp(v, "javascript:", 11) &&
					   strncmp(v, "vbscript:", 9) && strncmp(v, "file:", 5) &&
					   strncmp(v, "data:text", 9));
			}
		}
		free(tag);
		p = end;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), *l;
	struct buf out = BUF_INIT;

	markdown_html(&out, s);
	l = lower(out.buf, out.len);
	check_tags(l);
	free(l);
	buf_release(&out);
	free(s);
	return 0;
}
