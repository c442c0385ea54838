/* html.c: the escapers every page and header goes through, and form decoding. */
#include "util/html.h"

#include <string.h>

/* Text escapes & < >; an attribute value also both quotes. */
static void
escape(struct buf *b, const char *s, int attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, attr ? "&quot;" : "\"");
			break;
		case '\'':
			buf_adds(b, attr ? "&#39;" : "'");
			break;
		default:
			buf_addch(b, *s);
		}
	}
}

void
html_txt(struct buf *b, const char *s)
{
	escape(b, s, 0);
}

void
html_attr(struct buf *b, const char *s)
{
	escape(b, s, 1);
}

void
url_enc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_addch(b, (char)c);
		} else {
			buf_addch(b, '%');
			buf_addch(b, hex[c >> 4]);
			buf_addch(b, hex[c & 15]);
		}
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
form_get(const char *body, const char *key, struct buf *out)
{
	size_t klen = strlen(key);
	const char *p = body;

	while (p && *p) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			for (size_t i = klen + 1; i < len; i++) {
				if (p[i] == '+') {
					buf_addch(out, ' ');
				} else if (p[i] == '%') {
					int hi, lo;

					if (i + 2 >= len)
						return -1;
					hi = hexval(p[i + 1]);
					lo = hexval(p[i + 2]);
					if (hi < 0 || lo < 0)
						return -1;
					if (hi == 0 && lo == 0)
						return -1; /* no NUL inside a C string */
					buf_addch(out, (char)(hi * 16 + lo));
					i += 2;
				} else {
					buf_addch(out, p[i]);
				}
			}
			return 1;
		}
		if (len == klen && !strncmp(p, key, klen))
			return 1; /* "key" alone: present and empty */
		p = end ? end + 1 : NULL;
	}
	return 0;
}
